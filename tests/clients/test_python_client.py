"""Every REST operation through the generated Python client against a live server.

The client in ``generated/hiveboard_client`` is produced from ``spec/openapi.yaml`` by
``tools/codegen.py``; it is only worth shipping if it round-trips with the real API. This module
sends nothing by hand: every request goes through the client's operation modules, every answer
is parsed by its models. ``test_every_operation_is_exercised`` fails when the spec gains an
operation that no test here calls.
"""

from __future__ import annotations

import ast
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
import yaml
from hiveboard_client import AuthenticatedClient, Client
from hiveboard_client.api.agents import get_agent, get_agent_pipeline, list_agents
from hiveboard_client.api.alerts import (
    create_alert_rule,
    delete_alert_rule,
    get_alert_rule,
    list_alert_history,
    list_alert_rules,
    update_alert_rule,
)
from hiveboard_client.api.audit import list_audit_log
from hiveboard_client.api.cost import (
    get_cost_summary,
    get_cost_timeseries,
    list_cost_calls,
    list_llm_calls,
)
from hiveboard_client.api.events import list_events
from hiveboard_client.api.health import get_health, get_prometheus_metrics, get_readiness
from hiveboard_client.api.ingest import ingest_events
from hiveboard_client.api.metrics import get_metrics
from hiveboard_client.api.projects import (
    add_project_agent,
    archive_project,
    create_project,
    delete_project,
    get_project,
    list_project_agents,
    list_projects,
    remove_project_agent,
    unarchive_project,
    update_project,
)
from hiveboard_client.api.stream import get_stream_info
from hiveboard_client.api.tasks import get_task_timeline, list_tasks
from hiveboard_client.models import (
    AgentDetail,
    AgentPipeline,
    AgentsPage,
    AlertHistoryPage,
    AlertRule,
    AlertRuleCreate,
    AlertRuleCreated,
    AlertRulesPage,
    AuditLogPage,
    AuditResourceType,
    CostCallsPage,
    CostSummary,
    CostTimeseries,
    Error,
    EventsPage,
    EventType,
    GetMetricsMetric,
    Health,
    IngestBatch,
    IngestResult,
    LlmCallsPage,
    MetricsResponse,
    PayloadKind,
    Project,
    ProjectAgent,
    ProjectAgentCreate,
    ProjectCreate,
    ProjectsPage,
    ProjectUpdate,
    Readiness,
    StreamInfo,
    TasksPage,
    TaskTimeline,
)
from hiveboard_client.types import Response, Unset

from tests.api.factories import sample_batch
from tests.conftest import FakeClock, Keys, LiveServer

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
T = TypeVar("T")


def parsed(response: Response[Any], kind: type[T], status: int = 200) -> T:
    """The parsed body, after checking the status and that the client chose the right model."""
    assert response.status_code == status, (response.status_code, response.content[:500])
    assert isinstance(response.parsed, kind), type(response.parsed)
    return response.parsed


@pytest.fixture
def api(live_server: LiveServer, api_keys: Keys, clock: FakeClock) -> Iterator[AuthenticatedClient]:
    clock.advance(15 * 60)  # the sample batch spans 14:00 to 14:07:30; "now" comes after it
    with AuthenticatedClient(base_url=live_server.url, token=api_keys.live, timeout=10.0) as c:
        yield c


@pytest.fixture
def ingested(api: AuthenticatedClient) -> AuthenticatedClient:
    body = IngestBatch.from_dict(sample_batch())
    result = parsed(ingest_events.sync_detailed(client=api, body=body), IngestResult)
    assert (result.accepted, result.rejected, result.duplicates) == (22, 0, 0)
    return api


def test_ingest_round_trips_every_event_type(ingested: AuthenticatedClient) -> None:
    stored: list[str] = []
    cursor: str | Unset | None = Unset()
    while True:  # page by page with the client's own cursor handling
        page = parsed(list_events.sync_detailed(
            client=ingested, exclude_heartbeats=False, limit=7,
            **({} if isinstance(cursor, Unset) else {"cursor": cursor})), EventsPage)
        stored += [e.event_id for e in page.data]
        if not page.pagination.has_more:
            break
        cursor = page.pagination.cursor
    sent = [e["event_id"] for e in sample_batch()["events"]]
    assert sorted(stored) == sorted(sent)
    assert {e.event_type for e in parsed(list_events.sync_detailed(
        client=ingested, exclude_heartbeats=False, limit=200), EventsPage).data} == set(EventType)
    # Array filters reach the server intact (the client repeats the parameter).
    only = parsed(list_events.sync_detailed(
        client=ingested, payload_kind=[PayloadKind.LLM_CALL, PayloadKind.PLAN_STEP]), EventsPage)
    assert sorted(str(e.payload_kind) for e in only.data) == ["llm_call", "llm_call",
                                                              "plan_step"]


def test_ids_with_a_slash_round_trip_through_the_client(api: AuthenticatedClient) -> None:
    """The client encodes ``/`` in a path parameter as ``%2F``; the server must route it."""
    doc = sample_batch()
    doc["envelope"]["agent_id"] = "sales/lead-qualifier"
    parsed(ingest_events.sync_detailed(client=api, body=IngestBatch.from_dict(doc)), IngestResult)
    agent = parsed(get_agent.sync_detailed("sales/lead-qualifier", client=api), AgentDetail)
    assert agent.agent_id == "sales/lead-qualifier"
    pipeline = parsed(get_agent_pipeline.sync_detailed("sales/lead-qualifier", client=api),
                      AgentPipeline)
    assert pipeline.agent_id == "sales/lead-qualifier"


def test_agents_and_tasks(ingested: AuthenticatedClient) -> None:
    agents = parsed(list_agents.sync_detailed(client=ingested), AgentsPage)
    assert [a.agent_id for a in agents.data] == ["lead-qualifier"]
    agent = parsed(get_agent.sync_detailed("lead-qualifier", client=ingested), AgentDetail)
    assert agent.agent_type == "sales"
    pipeline = parsed(get_agent_pipeline.sync_detailed("lead-qualifier", client=ingested),
                      AgentPipeline)
    assert pipeline.queue is not None and not isinstance(pipeline.queue, Unset)
    assert pipeline.queue.depth == 3
    tasks = parsed(list_tasks.sync_detailed(client=ingested), TasksPage)
    assert {t.task_id for t in tasks.data} == {"task_lead-4821", "task_lead-4822",
                                               "task_lead-4823"}
    timeline = parsed(get_task_timeline.sync_detailed("task_lead-4823", client=ingested),
                      TaskTimeline)
    assert timeline.plan is not None and not isinstance(timeline.plan, Unset)
    assert len(timeline.plan.steps) > 0
    missing = parsed(get_agent.sync_detailed("nobody", client=ingested), Error, status=404)
    assert str(missing.error) == "agent_not_found"


def test_metrics_and_cost(ingested: AuthenticatedClient) -> None:
    metrics = parsed(get_metrics.sync_detailed(client=ingested, metric=GetMetricsMetric.COST),
                     MetricsResponse)
    assert metrics.summary.total_cost > 0
    summary = parsed(get_cost_summary.sync_detailed(client=ingested), CostSummary)
    assert summary.totals.call_count == 2
    calls = parsed(list_cost_calls.sync_detailed(client=ingested), CostCallsPage)
    assert len(calls.data) == 2
    series = parsed(get_cost_timeseries.sync_detailed(client=ingested), CostTimeseries)
    assert sum(b.call_count for b in series.buckets) == 2
    llm = parsed(list_llm_calls.sync_detailed(client=ingested), LlmCallsPage)
    assert {c.model for c in llm.data} == {c.model for c in calls.data}


def test_project_lifecycle(ingested: AuthenticatedClient) -> None:
    made = parsed(create_project.sync_detailed(
        client=ingested, body=ProjectCreate(name="Client Test", slug="client-test")), Project,
        status=201)
    assert made.slug == "client-test"
    assert "client-test" in [p.slug for p in parsed(
        list_projects.sync_detailed(client=ingested), ProjectsPage).data]
    got = parsed(get_project.sync_detailed("client-test", client=ingested), Project)
    assert got.project_id == made.project_id
    renamed = parsed(update_project.sync_detailed(
        "client-test", client=ingested, body=ProjectUpdate(name="Renamed")), Project)
    assert renamed.name == "Renamed"
    project_id = made.project_id
    parsed(add_project_agent.sync_detailed(
        project_id, client=ingested, body=ProjectAgentCreate(agent_id="lead-qualifier")), ProjectAgent,
        status=201)
    members = parsed(list_project_agents.sync_detailed(project_id, client=ingested), AgentsPage)
    assert [a.agent_id for a in members.data] == ["lead-qualifier"]
    removed = remove_project_agent.sync_detailed(project_id, "lead-qualifier", client=ingested)
    assert removed.status_code == 204
    assert parsed(archive_project.sync_detailed(project_id, client=ingested), Project).is_archived
    assert not parsed(unarchive_project.sync_detailed(project_id, client=ingested), Project).is_archived
    assert delete_project.sync_detailed(project_id, client=ingested).status_code == 204
    gone = parsed(get_project.sync_detailed(project_id, client=ingested), Error, status=404)
    assert str(gone.error) == "project_not_found"


def test_alert_rule_lifecycle_and_history(api: AuthenticatedClient) -> None:
    rule = AlertRuleCreate.from_dict({
        "name": "failures", "condition": {"type": "task_failed", "count": 1,
                                          "window_seconds": 3600},
        "actions": [{"type": "email", "to": ["ops@example.com"]}]})
    made = parsed(create_alert_rule.sync_detailed(client=api, body=rule), AlertRuleCreated,
                  status=201)
    rule_id = made.rule_id
    assert parsed(get_alert_rule.sync_detailed(rule_id, client=api), AlertRule).name == "failures"
    rule.name = "task failures"
    updated = parsed(update_alert_rule.sync_detailed(rule_id, client=api, body=rule), AlertRule)
    assert updated.name == "task failures"
    assert [r.rule_id for r in parsed(list_alert_rules.sync_detailed(client=api),
                                 AlertRulesPage).data] == [rule_id]
    # The sample batch has a failed task: the rule fires after the ingest commits.
    parsed(ingest_events.sync_detailed(client=api, body=IngestBatch.from_dict(sample_batch())),
           IngestResult)
    deadline = time.monotonic() + 10
    history = parsed(list_alert_history.sync_detailed(client=api), AlertHistoryPage)
    while not history.data and time.monotonic() < deadline:
        time.sleep(0.05)
        history = parsed(list_alert_history.sync_detailed(client=api), AlertHistoryPage)
    assert [(h.rule_id, str(h.condition_type)) for h in history.data] == [
        (rule_id, "task_failed")]
    assert delete_alert_rule.sync_detailed(rule_id, client=api).status_code == 204
    parsed(get_alert_rule.sync_detailed(rule_id, client=api), Error, status=404)


def test_stream_info_and_audit_log(api: AuthenticatedClient) -> None:
    info = parsed(get_stream_info.sync_detailed(client=api), StreamInfo)
    assert info.limits.max_connections_per_key > 0
    parsed(create_project.sync_detailed(
        client=api, body=ProjectCreate(name="Audited", slug="audited")), Project, status=201)
    audit = parsed(list_audit_log.sync_detailed(
        client=api, resource_type=AuditResourceType.PROJECT), AuditLogPage)
    assert [str(e.action) for e in audit.data] == ["project.created"]


def test_public_probes_need_no_key(live_server: LiveServer) -> None:
    with Client(base_url=live_server.url, timeout=10.0) as public:
        assert str(parsed(get_health.sync_detailed(client=public), Health).status) == "ok"
        assert str(parsed(get_readiness.sync_detailed(client=public), Readiness).status) == "ready"
        text = parsed(get_prometheus_metrics.sync_detailed(client=public), str)
        assert "hiveboard_http_requests_total" in text


def test_a_wrong_key_parses_as_the_error_shape(live_server: LiveServer) -> None:
    with AuthenticatedClient(base_url=live_server.url, token="hb_live_wrong") as bad:
        err = parsed(list_agents.sync_detailed(client=bad), Error, status=401)
    assert err.status == 401 and err.message


def _snake(operation_id: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", operation_id).lower()


def test_every_operation_is_exercised() -> None:
    spec = yaml.safe_load((ROOT / "spec" / "openapi.yaml").read_text())
    methods = {"get", "put", "post", "delete", "patch", "head", "options", "trace"}
    operations = {_snake(op["operationId"]) for item in spec["paths"].values()
                  for method, op in item.items() if method in methods}
    tree = ast.parse(Path(__file__).read_text())
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
                and (node.module or "").startswith("hiveboard_client.api.")
                for alias in node.names}
    called = {node.value.id for node in ast.walk(tree) if isinstance(node, ast.Attribute)
              and node.attr in {"sync", "sync_detailed"} and isinstance(node.value, ast.Name)}
    assert imported == operations, "import the client module of every operation"
    assert called >= operations, f"never called: {sorted(operations - called)}"
