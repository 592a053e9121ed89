"""``hiveboard simulate`` against a live server: a short, fast run shows every event type and
payload kind, and the query API then shows what a newcomer should see -- a stuck agent, a
completed task with its cost rolled up, and a plan."""

from __future__ import annotations

import time
from collections import Counter

import httpx
import pytest

from hiveboard.domain.records import EVENT_TYPES
from hiveboard.services.clock import utc_now
from hiveboard.simulate import command
from hiveboard.simulate.catalogue import SILENT_ROLE
from hiveboard.simulate.fleet import FleetConfig
from tests.api.helpers import stored_events
from tests.conftest import Keys, LiveServer

pytestmark = pytest.mark.slow
PAYLOAD_KINDS = {"llm_call", "queue_snapshot", "todo", "scheduled", "plan_created", "plan_step",
                 "issue", "reflection"}
STUCK_AFTER_S = 1


@pytest.fixture
def clock():  # stuck detection compares SDK timestamps with the server's real "now"
    return utc_now


def get(server: LiveServer, keys: Keys, path: str, **params: object) -> dict:
    resp = httpx.get(f"{server.url}{path}", params=params, headers=keys.auth(), timeout=30)
    assert resp.status_code == 200, resp.text
    return resp.json()


@pytest.fixture
def simulated(live_server: LiveServer, api_keys: Keys, database) -> list[dict]:
    config = FleetConfig(endpoint=live_server.url, api_key=api_keys.live, agents=3, speed=60,
                         stuck_after=STUCK_AFTER_S, seed=11, flush_interval=0.2)
    assert command.run(config, duration=1.5, progress=False) == 0
    return stored_events(database)


def test_every_event_type_and_payload_kind_is_produced(simulated: list[dict]) -> None:
    types = Counter(e["event_type"] for e in simulated)
    assert set(types) == set(EVENT_TYPES), set(EVENT_TYPES) - set(types)
    kinds = {e["payload_kind"] for e in simulated if e["event_type"] == "custom"}
    assert kinds == PAYLOAD_KINDS
    issues = [e["payload"]["data"]["action"] for e in simulated if e["payload_kind"] == "issue"]
    assert "reported" in issues and "resolved" in issues
    todos = {e["payload"]["data"]["action"] for e in simulated if e["payload_kind"] == "todo"}
    assert {"created", "completed"} <= todos
    models = {e["payload"]["data"]["model"] for e in simulated if e["payload_kind"] == "llm_call"}
    assert len(models) >= 3
    assert len({e["agent_type"] for e in simulated}) == 4  # three roles and the silent agent
    nested = [e for e in simulated if e["event_type"] == "action_started" and e["parent_action_id"]]
    assert nested, "tracked actions nest"
    # Events are sent as they happen: nothing is backdated or from the future.
    assert max(e["timestamp"] for e in simulated) <= utc_now()


def test_query_api_shows_a_stuck_agent(simulated: list[dict], live_server: LiveServer,
                                       api_keys: Keys) -> None:
    silent = [e for e in simulated if e["agent_id"] == SILENT_ROLE.name]
    last = max(e["timestamp"] for e in silent)
    wait = STUCK_AFTER_S + 0.2 - (utc_now() - last).total_seconds()
    time.sleep(max(0.0, wait))
    agents = {a["agent_id"]: a for a in get(live_server, api_keys, "/v1/agents")["data"]}
    assert agents[SILENT_ROLE.name]["derived_status"] == "stuck"
    assert agents[SILENT_ROLE.name]["stuck_threshold_seconds"] == STUCK_AFTER_S
    assert [a for a, row in agents.items() if row["is_stuck"]] == [SILENT_ROLE.name]
    assert len(agents) == 4


def test_query_api_shows_completed_task_costs_and_a_plan(simulated: list[dict],
                                                         live_server: LiveServer,
                                                         api_keys: Keys) -> None:
    tasks = get(live_server, api_keys, "/v1/tasks", status="completed", limit=200)["data"]
    assert tasks
    task = tasks[0]
    calls = [e for e in simulated if e["payload_kind"] == "llm_call"
             and e["task_id"] == task["task_id"]]
    assert task["llm_call_count"] == len(calls) > 0
    assert task["total_cost"] == pytest.approx(sum(e["payload"]["data"]["cost"] for e in calls))
    assert task["total_tokens_in"] == sum(e["payload"]["data"]["tokens_in"] for e in calls)
    failed = get(live_server, api_keys, "/v1/tasks", status="failed")["data"]
    assert failed, "the doomed scenario fails a task"

    timeline = get(live_server, api_keys, f"/v1/tasks/{task['task_id']}/timeline")
    plan = timeline["plan"]
    assert plan is not None and len(plan["steps"]) == 3
    assert all(step["action"] == "completed" for step in plan["steps"]), plan
    cost = get(live_server, api_keys, "/v1/cost")
    assert cost["totals"]["cost"] == pytest.approx(
        sum(e["payload"]["data"]["cost"] for e in simulated if e["payload_kind"] == "llm_call"))

