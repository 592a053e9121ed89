"""Each condition fires when it should and not when it should not, through the real path:
ingest → after-commit note → evaluation (event-driven or the periodic pass) → history."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from hiveboard.alerts.runtime import AlertRuntime
from hiveboard.store.database import Database, DatabaseUnavailable
from tests.alerts.helpers import (
    at,
    create_rule,
    fired,
    heartbeat,
    ingest,
    llm_call,
    task_end,
)
from tests.api.factories import event
from tests.conftest import FakeClock, Keys


async def evaluate(runtime: AlertRuntime) -> int:
    return await runtime.evaluator.evaluate_pending()


# ------------------------------------------------------------------------------ agent_stuck

async def test_agent_stuck_fires_past_the_threshold_once_per_episode(
        client: httpx.AsyncClient, api_keys: Keys, runtime: AlertRuntime, clock: FakeClock,
        database: Database):
    rule = await create_rule(client, api_keys, {"type": "agent_stuck", "threshold_seconds": 60},
                             cooldown_seconds=0)
    await ingest(client, api_keys, heartbeat(0), agent_id="a1")
    clock.advance(60)
    assert await runtime.sweep_once() == 0  # exactly the threshold is not stuck
    clock.advance(1)
    assert await runtime.sweep_once() == 1
    clock.advance(30)
    assert await runtime.sweep_once() == 0  # same episode: nothing new to say
    [alert] = fired(database)
    assert alert["rule_id"] == rule["rule_id"] and alert["scope_agent_id"] == "a1"
    assert alert["measured_value"] == pytest.approx(61) and alert["threshold"] == 60
    # A heartbeat ends the episode; going quiet again starts a new one.
    await ingest(client, api_keys, heartbeat(91), agent_id="a1")
    clock.advance(60)
    assert await runtime.sweep_once() == 0
    clock.advance(1)
    assert await runtime.sweep_once() == 1


async def test_agent_stuck_cooldown_is_per_agent(client: httpx.AsyncClient, api_keys: Keys,
                                                 runtime: AlertRuntime, clock: FakeClock,
                                                 database: Database):
    await create_rule(client, api_keys, {"type": "agent_stuck", "threshold_seconds": 10},
                      cooldown_seconds=600)
    await ingest(client, api_keys, heartbeat(0), agent_id="a1")
    await ingest(client, api_keys, heartbeat(0), agent_id="a2")
    clock.advance(11)
    assert await runtime.sweep_once() == 2  # one agent's cooldown does not silence another
    await ingest(client, api_keys, heartbeat(11), agent_id="a1")
    clock.advance(11)
    assert await runtime.sweep_once() == 0  # a1's new episode is inside a1's cooldown
    clock.advance(600)
    assert await runtime.sweep_once() == 1  # deferred, not lost
    assert [a["scope_agent_id"] for a in fired(database)].count("a1") == 2


@pytest.mark.parametrize(("filters", "expected"), [
    ({"environment": "staging"}, {"s1"}),
    ({"group": "blue"}, {"p1"}),
    ({"agent_id": "p2"}, {"p2"}),
    ({}, {"p1", "p2", "s1"}),
])
async def test_agent_stuck_filters(client: httpx.AsyncClient, api_keys: Keys,
                                   runtime: AlertRuntime, clock: FakeClock, database: Database,
                                   filters: dict[str, str], expected: set[str]):
    await create_rule(client, api_keys, {"type": "agent_stuck", "threshold_seconds": 10},
                      filters=filters)
    await ingest(client, api_keys, heartbeat(0), agent_id="p1", group="blue")
    await ingest(client, api_keys, heartbeat(0), agent_id="p2")
    await ingest(client, api_keys, heartbeat(0), agent_id="s1", environment="staging")
    clock.advance(11)
    await runtime.sweep_once()
    assert {a["scope_agent_id"] for a in fired(database)} == expected


async def test_agent_stuck_project_scope_uses_membership(
        client: httpx.AsyncClient, api_keys: Keys, runtime: AlertRuntime, clock: FakeClock,
        database: Database):
    await create_rule(client, api_keys, {"type": "agent_stuck", "threshold_seconds": 10},
                      project_id=None, name="wide")
    for slug in ("sales", "support"):
        await client.post("/v1/projects", json={"name": slug, "slug": slug},
                          headers=api_keys.auth())
    await create_rule(client, api_keys, {"type": "agent_stuck", "threshold_seconds": 10},
                      project_id="sales", name="sales only")
    await ingest(client, api_keys, heartbeat(0), *task_end("t1", 0, failed=False,
                                                           project="sales"), agent_id="seller")
    await ingest(client, api_keys, heartbeat(0), *task_end("t2", 0, failed=False,
                                                           project="support"), agent_id="helper")
    clock.advance(11)
    await runtime.sweep_once()
    by_rule = {(a["rule_name"], a["scope_agent_id"]) for a in fired(database)}
    assert by_rule == {("wide", "seller"), ("wide", "helper"), ("sales only", "seller")}


# ------------------------------------------------------------------------------ heartbeat_lost

async def test_heartbeat_lost_uses_the_agents_own_threshold(
        client: httpx.AsyncClient, api_keys: Keys, runtime: AlertRuntime, clock: FakeClock,
        database: Database):
    await create_rule(client, api_keys, {"type": "heartbeat_lost", "agent_id": "watched"})
    registered = event(event_type="agent_registered", timestamp=at(0),
                       payload={"summary": "up", "data": {"stuck_threshold": 120}})
    await ingest(client, api_keys, registered, agent_id="watched")
    await ingest(client, api_keys, heartbeat(0), agent_id="other")
    clock.advance(120)
    assert await runtime.sweep_once() == 0
    clock.advance(1)
    assert await runtime.sweep_once() == 1
    [alert] = fired(database)
    assert alert["scope_agent_id"] == "watched" and alert["threshold"] == 120
    clock.advance(3600)  # "other" is long stuck too, but this rule watches one agent
    assert await runtime.sweep_once() == 0


# ------------------------------------------------------------------------------ task_failed

async def test_task_failed_counts_failures_in_the_window(
        client: httpx.AsyncClient, api_keys: Keys, runtime: AlertRuntime, clock: FakeClock,
        database: Database):
    await create_rule(client, api_keys, {"type": "task_failed", "count": 3,
                                         "window_seconds": 600}, cooldown_seconds=300)
    # One failure just outside the window, one completed task, two failures inside.
    await ingest(client, api_keys, *task_end("old", -601), *task_end("ok", -10, failed=False),
                 *task_end("f1", -300), *task_end("f2", -5))
    assert await evaluate(runtime) == 0
    await ingest(client, api_keys, *task_end("f3", 0))
    assert await evaluate(runtime) == 1
    [alert] = fired(database)
    assert alert["measured_value"] == 3 and alert["threshold"] == 3
    assert alert["scope_agent_id"] == "agent-1" and alert["condition_type"] == "task_failed"
    clock.advance(60)
    await ingest(client, api_keys, *task_end("f4", 60))
    assert await evaluate(runtime) == 0  # cooldown
    clock.advance(240)
    assert await runtime.sweep_once() == 1  # the cooldown ended; f4 was not alerted on yet
    clock.advance(300)
    assert await runtime.sweep_once() == 0  # nothing new since
    assert await evaluate(runtime) == 0


async def test_task_failed_ignores_tasks_completed_after_a_retry(
        client: httpx.AsyncClient, api_keys: Keys, runtime: AlertRuntime, database: Database):
    await create_rule(client, api_keys, {"type": "task_failed", "count": 1,
                                         "window_seconds": 600})
    retried = [*task_end("t", -20), event(event_type="task_completed", task_id="t",
                                          timestamp=at(-10))]
    await ingest(client, api_keys, *retried)
    assert await evaluate(runtime) == 0


async def test_task_failed_project_and_filters(client: httpx.AsyncClient, api_keys: Keys,
                                               runtime: AlertRuntime, database: Database):
    await client.post("/v1/projects", json={"name": "S", "slug": "sales"},
                      headers=api_keys.auth())
    await create_rule(client, api_keys, {"type": "task_failed", "count": 1,
                                         "window_seconds": 600}, project_id="sales",
                      name="sales")
    await create_rule(client, api_keys, {"type": "task_failed", "count": 1,
                                         "window_seconds": 600},
                      filters={"environment": "staging"}, name="staging")
    await ingest(client, api_keys, *task_end("t1", 0, project="other"))
    assert await evaluate(runtime) == 0
    await ingest(client, api_keys, *task_end("t2", 0, project="sales"))
    await ingest(client, api_keys, *task_end("t3", 0), environment="staging", agent_id="s")
    assert await evaluate(runtime) == 2
    assert {a["rule_name"] for a in fired(database)} == {"sales", "staging"}


# ------------------------------------------------------------------------------ error_rate

async def test_error_rate_is_strictly_above_the_threshold(
        client: httpx.AsyncClient, api_keys: Keys, runtime: AlertRuntime, database: Database):
    await create_rule(client, api_keys, {"type": "error_rate", "threshold_percent": 50,
                                         "window_seconds": 600})
    await ingest(client, api_keys, *task_end("ok", -5, failed=False), *task_end("f1", -4))
    assert await evaluate(runtime) == 0  # exactly 50 %
    await ingest(client, api_keys, *task_end("f2", -3))
    assert await evaluate(runtime) == 1
    [alert] = fired(database)
    assert alert["measured_value"] == pytest.approx(200 / 3)


async def test_error_rate_rises_as_successes_leave_the_window(
        client: httpx.AsyncClient, api_keys: Keys, runtime: AlertRuntime, clock: FakeClock,
        database: Database):
    await create_rule(client, api_keys, {"type": "error_rate", "threshold_percent": 50,
                                         "window_seconds": 60})
    await ingest(client, api_keys, *task_end("ok1", -50, failed=False),
                 *task_end("ok2", -40, failed=False), *task_end("f1", -5))
    assert await evaluate(runtime) == 0
    assert await runtime.sweep_once() == 0
    clock.advance(25)  # ok1 and ok2 fall out of the window: 1 of 1 failed
    assert await runtime.sweep_once() == 1


async def test_error_rate_with_no_finished_task_never_fires(
        client: httpx.AsyncClient, api_keys: Keys, runtime: AlertRuntime):
    await create_rule(client, api_keys, {"type": "error_rate", "threshold_percent": 0,
                                         "window_seconds": 60})
    await ingest(client, api_keys, event(event_type="task_started", task_id="t",
                                         timestamp=at(0)))
    assert await evaluate(runtime) == 0
    assert await runtime.sweep_once() == 0


# ------------------------------------------------------------------------------ duration

async def test_duration_exceeded_on_completion(client: httpx.AsyncClient, api_keys: Keys,
                                               runtime: AlertRuntime, database: Database):
    await create_rule(client, api_keys, {"type": "duration_exceeded", "threshold_ms": 1000},
                      cooldown_seconds=0)
    await ingest(client, api_keys, *task_end("exact", 0, failed=False, duration_ms=1000))
    assert await evaluate(runtime) == 0
    await ingest(client, api_keys, *task_end("slow", 0, failed=False, duration_ms=1001))
    assert await evaluate(runtime) == 1
    [alert] = fired(database)
    assert alert["scope_task_id"] == "slow" and alert["measured_value"] == 1001
    assert await runtime.sweep_once() == 0  # one alert per task


async def test_a_pass_the_database_refused_is_kept_for_the_next_one(
        client: httpx.AsyncClient, api_keys: Keys, runtime: AlertRuntime, database: Database,
        monkeypatch: pytest.MonkeyPatch):
    """A completed task's duration alert comes only from the pass its batch woke (the
    periodic pass sees running tasks): an outage during that pass must not lose it."""
    await create_rule(client, api_keys, {"type": "duration_exceeded", "threshold_ms": 1000},
                      cooldown_seconds=0)
    await ingest(client, api_keys, *task_end("slow", 0, failed=False, duration_ms=5000))

    async def unavailable(*_: Any, **__: Any) -> Any:
        raise DatabaseUnavailable("connection refused")

    with monkeypatch.context() as patch:
        patch.setattr(runtime.evaluator._db, "read", unavailable)
        assert await evaluate(runtime) == 0
    assert runtime.evaluator.has_pending
    assert await runtime.sweep_once() == 0  # the periodic pass cannot see it
    assert await evaluate(runtime) == 1
    [alert] = fired(database)
    assert alert["scope_task_id"] == "slow"
    assert not runtime.evaluator.has_pending


async def test_duration_exceeded_while_running_then_not_again_on_completion(
        client: httpx.AsyncClient, api_keys: Keys, runtime: AlertRuntime, clock: FakeClock,
        database: Database):
    await create_rule(client, api_keys, {"type": "duration_exceeded", "threshold_ms": 60_000},
                      cooldown_seconds=0)
    await ingest(client, api_keys, event(event_type="task_started", task_id="long",
                                         timestamp=at(0)))
    clock.advance(60)
    assert await runtime.sweep_once() == 0
    clock.advance(1)
    assert await runtime.sweep_once() == 1
    await ingest(client, api_keys, event(event_type="task_completed", task_id="long",
                                         timestamp=at(90), duration_ms=90_000))
    assert await evaluate(runtime) == 0
    assert fired(database)[0]["message"].startswith("task long on agent-1 has been running")


async def test_duration_cooldown_is_per_agent(client: httpx.AsyncClient, api_keys: Keys,
                                              runtime: AlertRuntime, clock: FakeClock,
                                              database: Database):
    await create_rule(client, api_keys, {"type": "duration_exceeded", "threshold_ms": 10},
                      cooldown_seconds=60)
    await ingest(client, api_keys, *task_end("a1-t1", 0, failed=False, duration_ms=50),
                 agent_id="a1")
    await ingest(client, api_keys, *task_end("a2-t1", 0, failed=False, duration_ms=50),
                 agent_id="a2")
    assert await evaluate(runtime) == 2
    await ingest(client, api_keys, *task_end("a1-t2", 1, failed=False, duration_ms=50),
                 agent_id="a1")
    assert await evaluate(runtime) == 0  # a1 is cooling down
    clock.advance(60)
    await ingest(client, api_keys, *task_end("a1-t3", 61, failed=False, duration_ms=50),
                 agent_id="a1")
    assert await evaluate(runtime) == 1
    assert [a["scope_task_id"] for a in fired(database)][-1] == "a1-t3"


# ------------------------------------------------------------------------------ cost

async def test_cost_threshold_scopes_and_window(client: httpx.AsyncClient, api_keys: Keys,
                                                runtime: AlertRuntime, clock: FakeClock,
                                                database: Database):
    await client.post("/v1/projects", json={"name": "S", "slug": "sales"},
                      headers=api_keys.auth())
    base = {"type": "cost_threshold", "threshold_usd": 1.0, "window_hours": 1}
    await create_rule(client, api_keys, {**base, "scope": "agent", "agent_id": "spender"},
                      name="agent", cooldown_seconds=3600)
    await create_rule(client, api_keys, {**base, "scope": "project"}, project_id="sales",
                      name="project", cooldown_seconds=3600)
    await create_rule(client, api_keys, {**base, "scope": "tenant"}, name="tenant",
                      cooldown_seconds=3600)
    # Outside the window: never counted.
    await ingest(client, api_keys, llm_call(5.0, -3601), agent_id="spender")
    await ingest(client, api_keys, llm_call(0.6, -10), agent_id="spender")
    await ingest(client, api_keys, llm_call(0.4, -5, project="sales"), agent_id="other")
    assert await evaluate(runtime) == 0  # the workspace spent exactly 1.00: not above
    await ingest(client, api_keys, llm_call(0.61, 0, project="sales"), agent_id="other")
    assert await evaluate(runtime) == 2  # project 1.01, tenant 1.61; spender still 0.60
    await ingest(client, api_keys, llm_call(0.41, 1), agent_id="spender")
    assert await evaluate(runtime) == 1  # the agent's; the others are cooling down
    names = [a["rule_name"] for a in fired(database)]
    assert sorted(names) == ["agent", "project", "tenant"]
    agent_alert = next(a for a in fired(database) if a["rule_name"] == "agent")
    assert agent_alert["measured_value"] == pytest.approx(1.01)
    assert agent_alert["scope_agent_id"] == "spender"


# ------------------------------------------------------------------------------ isolation

async def test_test_data_never_fires_live_rules(client: httpx.AsyncClient, api_keys: Keys,
                                                runtime: AlertRuntime, clock: FakeClock,
                                                database: Database):
    live = await create_rule(client, api_keys, {"type": "task_failed", "count": 1,
                                                "window_seconds": 600}, name="live")
    await create_rule(client, api_keys, {"type": "agent_stuck", "threshold_seconds": 10},
                      name="live stuck")
    await ingest(client, api_keys, heartbeat(0), *task_end("t", 0), kind="test")
    clock.advance(11)
    assert await evaluate(runtime) == 0
    assert await runtime.sweep_once() == 0
    test = await create_rule(client, api_keys, {"type": "task_failed", "count": 1,
                                                "window_seconds": 600}, kind="test")
    await ingest(client, api_keys, *task_end("t2", 11), kind="test")
    assert await evaluate(runtime) == 1
    assert {a["rule_id"] for a in fired(database)} == {test["rule_id"]}
    assert live["rule_id"] != test["rule_id"]


async def test_disabled_and_deleted_rules_do_not_fire(client: httpx.AsyncClient,
                                                      api_keys: Keys, runtime: AlertRuntime):
    cond = {"type": "task_failed", "count": 1, "window_seconds": 600}
    await create_rule(client, api_keys, cond, enabled=False)
    gone = await create_rule(client, api_keys, cond)
    await client.delete(f"/v1/alerts/rules/{gone['rule_id']}", headers=api_keys.auth())
    await ingest(client, api_keys, *task_end("t", 0))
    assert await evaluate(runtime) == 0


async def test_ingest_only_notes_relevant_batches(client: httpx.AsyncClient, api_keys: Keys,
                                                  runtime: AlertRuntime):
    await ingest(client, api_keys, heartbeat(0))
    assert not runtime.evaluator.has_pending
    await ingest(client, api_keys, *task_end("t", 0))
    assert runtime.evaluator.has_pending


