"""GET /v1/agents/{agent_id}/pipeline: queue, TODOs, scheduled work and issues.

Audit checks covered: 2.5.1 (four sections), 2.5.2 / W5 (`snapshot_at` from the event),
2.5.3-2.5.4 (TODO grouping and lifecycle), 2.5.5 / W6 (`status` next to `last_status`),
2.5.6-2.5.7 (issue grouping and lifecycle), 2.5.8 (empty state is null sections, not 404).
"""

from __future__ import annotations

import hashlib
from typing import Any

import httpx
import pytest

from tests.api.factories import sample_batch
from tests.api.test_agents import HOUR, assert_error, card, custom, ev, get, ingest
from tests.conftest import FakeClock, Keys, make_keys

DAY = 24 * HOUR


async def pipeline(client: httpx.AsyncClient, keys: Keys, agent_id: str = "agent-1",
                   kind: str = "live") -> dict[str, Any]:
    body: dict[str, Any] = await get(client, keys, f"/v1/agents/{agent_id}/pipeline", kind=kind)
    return body


def todo(clock: FakeClock, todo_id: str, action: str | None, t: float, summary: str = "todo",
         **data: Any) -> dict[str, Any]:
    fields = {"todo_id": todo_id, **({"action": action} if action else {}), **data}
    return custom(clock, "todo", fields, t, summary=summary)


def issue(clock: FakeClock, t: float, summary: str = "issue", **data: Any) -> dict[str, Any]:
    return custom(clock, "issue", {"severity": "medium", **data}, t, summary=summary)


async def test_sample_batch_fills_every_section(client, api_keys, clock):
    clock.advance(10 * 60)
    await ingest(client, api_keys, *sample_batch()["events"], agent_id="lead-qualifier")
    body = await pipeline(client, api_keys, "lead-qualifier")
    assert set(body) == {"agent_id", "queue", "todos", "scheduled", "issues"}  # audit 2.5.1
    queue = body["queue"]
    # The snapshot's own time, injected by the server (audit W5 / 2.5.2).
    assert queue["snapshot_at"] == queue["last_updated"] == "2026-02-10T14:05:00.000Z"
    assert queue["depth"] == 3 and queue["oldest_age_seconds"] == 120
    assert queue["items"][0] == {"id": "qi-001", "priority": "high", "source": "webhook",
                                 "summary": "New lead from HubSpot",
                                 "queued_at": "2026-02-10T14:03:00.000Z"}
    assert queue["processing"]["id"] == "qi-000"
    assert body["todos"]["items"][0]["todo_id"] == "todo-001"
    scheduled = body["scheduled"]["items"]
    assert scheduled and all(item["status"] == item["last_status"] for item in scheduled)  # W6
    assert scheduled[0] == {"id": "sched-001", "name": "Batch lead re-scoring",
                            "next_run": "2026-02-10T14:10:00.000Z", "interval": "1h",
                            "enabled": True, "status": "success", "last_status": "success"}
    assert body["issues"]["items"][0]["issue_id"] == "issue-clearbit-ratelimit"
    assert body["issues"]["items"][0]["context"] == {"api": "clearbit", "status_code": 429,
                                                     "retry_after": 60}


async def test_sections_are_null_without_events_of_their_kind(client, api_keys, clock):
    await ingest(client, api_keys, ev(clock, "heartbeat"),
                 custom(clock, "llm_call", {"name": "x", "model": "m"}),
                 ev(clock, "heartbeat", payload={"kind": "queue_snapshot", "data": {"depth": 1}}))
    assert await pipeline(client, api_keys) == {  # audit 2.5.8: not 404, not empty objects
        "agent_id": "agent-1", "queue": None, "todos": None, "scheduled": None, "issues": None}


async def test_unknown_agent_is_404(client, api_keys, clock):
    await ingest(client, api_keys, ev(clock, "heartbeat"))
    body = await get(client, api_keys, "/v1/agents/nobody/pipeline", expect=404)
    assert_error(body, "agent_not_found")


async def test_latest_queue_and_schedule_win_whatever_the_arrival_order(client, api_keys, clock):
    await ingest(client, api_keys,
                 custom(clock, "queue_snapshot", {"depth": 5}, -10),
                 custom(clock, "scheduled", {"items": [{"id": "new", "name": "n"}]}, -10))
    await ingest(client, api_keys,  # older events arriving later
                 custom(clock, "queue_snapshot", {"depth": 9}, -20),
                 custom(clock, "scheduled", {"items": [{"id": "old"}]}, -20))
    body = await pipeline(client, api_keys)
    assert body["queue"]["depth"] == 5 and body["queue"]["snapshot_at"] == "2026-02-10T13:59:50.000Z"
    assert [i["id"] for i in body["scheduled"]["items"]] == ["new"]
    assert body["scheduled"]["last_updated"] == "2026-02-10T13:59:50.000Z"
    await ingest(client, api_keys, custom(clock, "queue_snapshot", {"depth": 0, "items": []}, -1))
    queue = (await pipeline(client, api_keys))["queue"]
    assert (queue["depth"], queue["items"], queue["processing"]) == (0, [], None)


async def test_todo_lifecycle(client, api_keys, clock):
    await ingest(client, api_keys,
                 todo(clock, "done", "created", -50, priority="high"),
                 todo(clock, "done", "completed", -40),
                 todo(clock, "dropped", "created", -50),
                 todo(clock, "dropped", "dismissed", -30),
                 todo(clock, "low", "created", -20, summary="low one", priority="low"),
                 todo(clock, "urgent", "created", -45, summary="urgent one", priority="high",
                      source="failed_action", context="CRM 403", due_by="2026-02-11T09:00:00+01:00"),
                 # Keeps its priority and context; the latest summary wins.
                 todo(clock, "urgent", "deferred", -5, summary="urgent, deferred"),
                 todo(clock, "no-action", None, -25, summary="never closed"),
                 todo(clock, "ancient", "created", -31 * DAY))
    todos = (await pipeline(client, api_keys))["todos"]
    assert (todos["active_count"], todos["completed_count"]) == (3, 1)
    assert todos["last_updated"] == "2026-02-10T13:59:55.000Z"
    assert [t["todo_id"] for t in todos["items"]] == ["urgent", "low", "no-action"]
    assert todos["items"][0] == {
        "todo_id": "urgent", "action": "deferred", "summary": "urgent, deferred",
        "priority": "high",
        "source": "failed_action", "context": "CRM 403", "due_by": "2026-02-11T08:00:00.000Z",
        "created_at": "2026-02-10T13:59:15.000Z", "updated_at": "2026-02-10T13:59:55.000Z"}
    assert todos["items"][2]["action"] == "created"
    await ingest(client, api_keys, todo(clock, "urgent", "completed", -1),
                 todo(clock, "low", "dismissed", -1), todo(clock, "no-action", "completed", -1))
    todos = (await pipeline(client, api_keys))["todos"]
    # All settled: the section stays (the agent does report TODOs), with no active items.
    assert (todos["active_count"], todos["completed_count"], todos["items"]) == (0, 3, [])


async def test_issues_group_by_id_or_normalised_summary(client, api_keys, clock):
    await ingest(client, api_keys,
                 issue(clock, -50, "CRM 403", issue_id="crm", severity="low"),
                 issue(clock, -40, "CRM 403 again", issue_id="crm", severity="high",
                       category="auth", context={"status": 403}),
                 issue(clock, -30, "Clearbit  Rate limit", severity="critical"),
                 issue(clock, -20, " clearbit rate LIMIT ", severity="critical",
                       occurrence_count=5),
                 issue(clock, -35, "Disk full", issue_id="disk"),
                 issue(clock, -10, "Disk full", issue_id="disk", action="resolved"),
                 issue(clock, -8 * DAY, "Forgotten", issue_id="old"))
    issues = (await pipeline(client, api_keys))["issues"]
    assert issues["active_count"] == 2 and issues["last_updated"] == "2026-02-10T13:59:50.000Z"
    by_summary = "sum_" + hashlib.sha256(b"clearbit rate limit").hexdigest()[:16]
    # Most severe first; severity and context come from the latest report.
    assert issues["items"] == [
        {"issue_id": by_summary, "summary": " clearbit rate LIMIT ", "severity": "critical",
         "category": None, "context": None, "occurrence_count": 5,
         "first_seen": "2026-02-10T13:59:30.000Z", "last_seen": "2026-02-10T13:59:40.000Z"},
        {"issue_id": "crm", "summary": "CRM 403 again", "severity": "high", "category": "auth",
         "context": {"status": 403}, "occurrence_count": 2,
         "first_seen": "2026-02-10T13:59:10.000Z", "last_seen": "2026-02-10T13:59:20.000Z"},
    ]
    assert (await card(client, api_keys))["issue_count"] == 2  # the card agrees
    await ingest(client, api_keys, issue(clock, -1, "x", issue_id="crm", action="dismissed"))
    assert [i["issue_id"] for i in (await pipeline(client, api_keys))["issues"]["items"]] == [
        by_summary]


async def test_payload_values_of_the_wrong_type_come_back_null(client, api_keys, clock):
    await ingest(client, api_keys,
                 custom(clock, "queue_snapshot", {
                     "depth": -3, "oldest_age_seconds": "old",
                     "items": [{"id": 7, "priority": "high", "queued_at": "yesterday"}, "junk"],
                     "processing": {"id": "p", "elapsed_ms": -1, "started_at": 5}}),
                 custom(clock, "scheduled", {"items": [
                     {"id": "b", "next_run": "soon", "enabled": "yes", "last_status": 1},
                     {"id": "a", "next_run": "2026-02-10T15:00:00+00:00", "interval": "1h"}]}),
                 custom(clock, "todo", {"todo_id": "t", "action": "created", "due_by": "later"}),
                 issue(clock, 0, "odd", issue_id="odd", context=["not", "an", "object"]))
    body = await pipeline(client, api_keys)
    queue = body["queue"]
    assert (queue["depth"], queue["oldest_age_seconds"]) == (None, None)
    assert queue["items"] == [{"id": None, "priority": "high", "source": None, "summary": None,
                               "queued_at": None}]
    assert queue["processing"] == {"id": "p", "summary": None, "started_at": None,
                                   "elapsed_ms": None}
    # Parseable next_run first; the rest after, in report order.
    assert body["scheduled"]["items"] == [
        {"id": "a", "name": None, "next_run": "2026-02-10T15:00:00.000Z", "interval": "1h",
         "enabled": None, "status": None, "last_status": None},
        {"id": "b", "name": None, "next_run": None, "interval": None, "enabled": None,
         "status": None, "last_status": None}]
    assert body["todos"]["items"][0]["due_by"] is None
    assert body["issues"]["items"][0]["context"] is None


async def test_pipeline_events_inside_a_task_still_count(client, api_keys, clock):
    await ingest(client, api_keys, custom(clock, "queue_snapshot", {"depth": 2}, task_id="t1"))
    assert (await pipeline(client, api_keys))["queue"]["depth"] == 2


@pytest.mark.parametrize("kind", ["test", "read"])
async def test_keys_see_only_their_namespace(client, api_keys, clock, kind):
    await ingest(client, api_keys, custom(clock, "queue_snapshot", {"depth": 1}))
    await ingest(client, api_keys, custom(clock, "queue_snapshot", {"depth": 2}), kind="test")
    expected = 2 if kind == "test" else 1
    assert (await pipeline(client, api_keys, kind=kind))["queue"]["depth"] == expected


async def test_another_tenants_pipeline_is_invisible(client, api_keys, database, clock):
    other = make_keys(database, "other")
    await ingest(client, other, custom(clock, "queue_snapshot", {"depth": 8}), agent_id="theirs")
    assert_error(await get(client, api_keys, "/v1/agents/theirs/pipeline", expect=404),
                 "agent_not_found")
    await ingest(client, api_keys, ev(clock, "heartbeat"), agent_id="theirs")
    assert (await pipeline(client, api_keys, "theirs"))["queue"] is None
