"""``agent.status_changed`` on every change of derived status (audit F11: the prototype never
sent one), including changes caused only by time passing; ``agent.stuck`` once per episode."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from tests.api.factories import event
from tests.conftest import FakeClock, Keys

pytestmark = pytest.mark.slow


def at(clock: FakeClock) -> str:
    return clock.now.isoformat().replace("+00:00", "Z")


def registered(threshold: int, when: datetime | None = None) -> dict[str, Any]:
    fields: dict[str, Any] = {"event_type": "agent_registered", "severity": "info",
                              "payload": {"summary": "up", "data": {"stuck_threshold": threshold}}}
    if when is not None:
        fields["timestamp"] = when.isoformat().replace("+00:00", "Z")
    return event(**fields)


async def changes(client: Any, seconds: float = 0.8) -> list[tuple[Any, ...]]:
    return [(f["data"]["previous_status"], f["data"]["new_status"])
            for f in await client.silent(seconds) if f["type"] == "agent.status_changed"]


async def test_idle_processing_idle(stream: Any, ingest: Any, api_keys: Keys):
    client = await stream(api_keys.live)
    await client.subscribe(["agents"])
    await ingest(api_keys.live, registered(300))
    first = await client.expect("agent.status_changed")
    assert first["data"]["previous_status"] is None and first["data"]["new_status"] == "idle"
    await ingest(api_keys.live, event(event_type="task_started", task_id="t1", severity="info",
                                      project_id="sales"))
    busy = await client.expect("agent.status_changed")
    assert (busy["data"]["previous_status"], busy["data"]["new_status"]) == ("idle", "processing")
    assert busy["data"]["current_task_id"] == "t1"
    assert busy["data"]["current_project_id"].startswith("proj_")
    await ingest(api_keys.live, event(event_type="heartbeat"))  # alive, still busy: no change
    await ingest(api_keys.live, event(event_type="task_completed", task_id="t1",
                                      severity="info", project_id="sales"))
    done = await client.expect("agent.status_changed")
    assert (done["data"]["previous_status"], done["data"]["new_status"]) == ("processing", "idle")
    assert done["data"]["current_task_id"] is None, "a finished task is not current"
    assert done["data"]["heartbeat_age_seconds"] == 0
    assert await changes(client) == []


@pytest.mark.parametrize(("event_type", "severity", "status"), [
    ("approval_requested", "info", "waiting_approval"),
    ("task_failed", "error", "error"),
])
async def test_every_status_change_is_announced(stream: Any, ingest: Any, api_keys: Keys,
                                                event_type: str, severity: str, status: str):
    client = await stream(api_keys.live)
    await client.subscribe(["agents"])
    await ingest(api_keys.live, event(event_type="task_started", task_id="t1", severity="info"))
    await client.expect("agent.status_changed", new_status="processing")
    await ingest(api_keys.live, event(event_type=event_type, task_id="t1", severity=severity))
    frame = await client.expect("agent.status_changed", new_status=status)
    assert frame["data"]["previous_status"] == "processing"


async def test_stuck_once_per_episode_and_recovery(stream: Any, ingest: Any, api_keys: Keys,
                                                   clock: FakeClock):
    client = await stream(api_keys.live)
    await client.subscribe(["agents"])
    await ingest(api_keys.live, registered(5))
    await client.expect("agent.status_changed", new_status="idle")
    await ingest(api_keys.live, event(event_type="task_started", task_id="t9", severity="info"))
    await client.expect("agent.status_changed", new_status="processing")

    clock.advance(6)  # past the agent's own 5 s threshold: only the sweeper can notice
    went = await client.expect("agent.status_changed", new_status="stuck")
    assert went["data"]["previous_status"] == "processing"
    assert went["data"]["current_task_id"] == "t9"
    stuck = await client.expect("agent.stuck")
    assert stuck["data"]["stuck_threshold_seconds"] == 5
    assert stuck["data"]["last_heartbeat"] is None and stuck["data"]["current_task_id"] == "t9"
    clock.advance(30)
    later = await client.silent(1.0)  # ten more sweeps
    assert [f["type"] for f in later] == [], "stuck is announced once per episode"

    await ingest(api_keys.live, event(event_type="heartbeat", timestamp=at(clock)))
    back = await client.expect("agent.status_changed", new_status="processing")
    assert back["data"]["previous_status"] == "stuck"
    assert back["data"]["heartbeat_age_seconds"] == 0

    clock.advance(6)  # a new episode gets its own (single) agent.stuck
    await client.expect("agent.status_changed", new_status="stuck")
    await client.expect("agent.stuck")
    assert [f["type"] for f in await client.silent(0.8)] == []


async def test_agent_frames_respect_the_agent_filter(stream: Any, ingest: Any, api_keys: Keys,
                                                     clock: FakeClock):
    watcher = await stream(api_keys.live)
    await watcher.subscribe(["agents"], {"agent_id": "watched"})
    await ingest(api_keys.live, registered(5), agent_id="watched")
    await ingest(api_keys.live, registered(5), agent_id="ignored")
    clock.advance(6)
    frames = await watcher.silent(1.0)
    assert {f["data"]["agent_id"] for f in frames} == {"watched"}
    assert [f["type"] for f in frames] == ["agent.status_changed", "agent.status_changed",
                                           "agent.stuck"]
