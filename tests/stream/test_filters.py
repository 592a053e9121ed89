"""Filters honoured: an event outside the filter never arrives, one inside does; and tenants,
test keys and live keys never see each other's frames."""

from __future__ import annotations

from typing import Any

import pytest

from hiveboard.store.database import Database
from tests.api.factories import event
from tests.conftest import Keys, make_keys

pytestmark = pytest.mark.slow


def started(task_id: str, **fields: Any) -> dict[str, Any]:
    return event(event_type="task_started", task_id=task_id, severity="info", **fields)


async def delivered(client: Any, seconds: float = 0.8) -> list[str]:
    """Task ids of the ``event.new`` frames that arrive within ``seconds``."""
    return [f["data"]["task_id"] for f in await client.silent(seconds) if f["type"] == "event.new"]


async def test_project_filter_by_slug_or_id_includes_agent_level_events_of_members(
        stream: Any, ingest: Any, api_keys: Keys):
    key = api_keys.live
    by_slug = await stream(key)
    await by_slug.subscribe(["events"], {"project_id": "sales"})
    await ingest(key, started("in-project", project_id="sales"),
                 event(event_type="custom", severity="info", task_id=None,
                       payload={"summary": "agent-level note"}), agent_id="seller")
    await ingest(key, started("other-project", project_id="support"), agent_id="seller")
    await ingest(key, event(event_type="custom", severity="info", payload={"summary": "x"}),
                 agent_id="outsider")
    frames = [f for f in await by_slug.silent(0.8) if f["type"] == "event.new"]
    assert [(f["data"]["task_id"], f["data"]["agent_id"]) for f in frames] == [
        ("in-project", "seller"), (None, "seller")]
    project_id = frames[0]["data"]["project_id"]
    assert project_id.startswith("proj_")
    by_id = await stream(key)
    await by_id.subscribe(["events"], {"project_id": project_id})
    await ingest(key, started("again", project_id="sales"), agent_id="seller")
    assert await delivered(by_id) == ["again"]


@pytest.mark.parametrize(("filters", "wanted"), [
    ({"environment": "staging"}, ["staging-task"]),
    ({"group": "blue"}, ["blue-task"]),
    ({"agent_id": "agent-b"}, ["b-task"]),
    ({"event_types": ["task_failed"]}, ["failed-task"]),
    ({"min_severity": "error"}, ["failed-task"]),
    ({"agent_id": "agent-b", "environment": "staging"}, []),
])
async def test_event_filters(stream: Any, ingest: Any, api_keys: Keys, filters: dict[str, Any],
                             wanted: list[str]):
    key = api_keys.live
    client = await stream(key)
    await client.subscribe(["events"], filters)
    await ingest(key, started("staging-task"), environment="staging")
    await ingest(key, started("blue-task"), group="blue")
    await ingest(key, started("b-task"), agent_id="agent-b")
    await ingest(key, event(event_type="task_failed", task_id="failed-task", severity="error"))
    assert await delivered(client) == wanted


async def test_heartbeats_need_min_severity_debug_on_events_but_always_reach_agents(
        stream: Any, ingest: Any, api_keys: Keys):
    key = api_keys.live
    default, debug, agents = await stream(key), await stream(key), await stream(key)
    await default.subscribe(["events"])
    await debug.subscribe(["events"], {"min_severity": "debug"})
    await agents.subscribe(["agents"], {"agent_id": "beater"})
    await ingest(key, event(event_type="heartbeat", payload={"summary": "idle, queue empty"}),
                 agent_id="beater")
    assert await default.silent(0.6) == []
    frame = await debug.expect("event.new")
    assert frame["data"]["event_type"] == "heartbeat" and frame["data"]["severity"] == "debug"
    beat = await agents.expect("agent.heartbeat")
    assert beat["data"]["agent_id"] == "beater"
    assert beat["data"]["payload"] == {"summary": "idle, queue empty"}
    assert beat["data"]["heartbeat_age_seconds"] == 0


async def test_agents_channel_project_filter(stream: Any, ingest: Any, api_keys: Keys):
    key = api_keys.live
    client = await stream(key)
    await client.subscribe(["agents"], {"project_id": "sales"})
    await ingest(key, started("t1", project_id="support"), agent_id="supporter")
    await ingest(key, started("t2", project_id="sales"), agent_id="seller")
    changes = [f for f in await client.silent(0.8) if f["type"] == "agent.status_changed"]
    assert [f["data"]["agent_id"] for f in changes] == ["seller"]


async def test_test_keys_and_live_keys_and_tenants_never_cross(stream: Any, ingest: Any,
                                                               api_keys: Keys,
                                                               database: Database):
    other = make_keys(database, "other")
    live, test, read, foreign = (await stream(api_keys.live), await stream(api_keys.test),
                                 await stream(api_keys.read), await stream(other.live))
    for client in (live, test, read, foreign):
        await client.subscribe(["events", "agents"])
    await ingest(api_keys.live, started("live-task"), agent_id="shared-name")
    await ingest(api_keys.test, started("test-task"), agent_id="shared-name")
    await ingest(other.live, started("foreign-task"), agent_id="shared-name")
    assert await delivered(live) == ["live-task"]
    assert await delivered(read) == ["live-task"]
    assert await delivered(test) == ["test-task"]
    assert await delivered(foreign) == ["foreign-task"]


async def test_event_new_carries_project_id_and_render_hint(stream: Any, ingest: Any,
                                                            api_keys: Keys):
    client = await stream(api_keys.live)
    await client.subscribe(["events"])
    await ingest(api_keys.live, event(
        event_type="custom", severity="info", task_id="t1", project_id="sales",
        payload={"kind": "llm_call", "summary": "reason",
                 "data": {"name": "reason", "model": "m", "tokens_in": 1, "tokens_out": 2,
                          "cost": 0.001}}))
    frame = await client.expect("event.new")
    assert frame["data"]["render_hint"] == "llm_call"
    assert frame["data"]["payload_kind"] == "llm_call"
    assert frame["data"]["project_id"].startswith("proj_")
