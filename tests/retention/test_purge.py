"""Purging events past each tenant's retention, and the derived rows that follow them."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import insert, select

from hiveboard.errors import NotFound
from hiveboard.services.retention import Report, Retention
from hiveboard.settings import Settings
from hiveboard.store import llm_usage
from hiveboard.store.database import Database
from hiveboard.store.tables import (
    AGENT_STATUS,
    AGENTS,
    ALERT_DELIVERIES,
    ALERT_HISTORY,
    ALERT_RULES,
    ALERT_STATE,
    EVENTS,
    LLM_USAGE_HOURLY,
    PROJECT_AGENTS,
    TASKS,
)
from tests.api.factories import event
from tests.conftest import FakeClock, make_keys
from tests.retention.conftest import (
    NOW,
    agent_ids,
    ago,
    assert_rollups_match_events,
    count,
    event_ids,
    ingest,
    run_all,
    set_tenant_settings,
    workspace_id,
)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW)


@pytest.fixture
def settings(db_url: str) -> Settings:
    return Settings(database_url=db_url, validate_responses=True, auto_migrate=False,
                    retention_days=30, retention_batch_rows=10)


def ev(event_id: str, when: str, **fields: Any) -> dict[str, Any]:
    return event(event_id=event_id, timestamp=when, event_type=fields.pop("event_type", "custom"),
                 severity="info", **fields)


async def test_each_tenant_keeps_its_own_retention_in_both_workspaces(
        client, api_keys, database, settings):
    other = make_keys(database, "globex")
    set_tenant_settings(database, api_keys.tenant_id, {"retention_days": 7,
                                                       "rate_limits": {"query": 50}})
    for kind in ("live", "test"):
        await ingest(client, api_keys, ev(f"{kind}-10d", ago(days=10)),
                     ev(f"{kind}-2d", ago(days=2)), kind=kind)
    await ingest(client, other, ev("g-40d", ago(days=40)), ev("g-10d", ago(days=10)))

    report = run_all(database, settings)

    assert report.events_deleted == 3
    assert event_ids(database, workspace_id(database, api_keys.tenant_id)) == {"live-2d"}
    assert event_ids(database, workspace_id(database, api_keys.tenant_id, "test")) == {"test-2d"}
    assert event_ids(database, workspace_id(database, other.tenant_id)) == {"g-10d"}


async def test_the_cutoff_is_exact_and_an_event_at_it_stays(client, api_keys, database,
                                                            settings):
    await ingest(client, api_keys, ev("older", ago(days=30, minutes=0.001)),
                 ev("at-cutoff", ago(days=30)))
    assert run_all(database, settings).events_deleted == 1
    assert event_ids(database, workspace_id(database, api_keys.tenant_id)) == {"at-cutoff"}


async def test_one_tenant_only_leaves_the_others_alone(client, api_keys, database, settings):
    other = make_keys(database, "globex")
    await ingest(client, api_keys, ev("a-40d", ago(days=40)))
    await ingest(client, other, ev("g-40d", ago(days=40)))

    assert run_all(database, settings, tenant="globex").events_deleted == 1
    assert event_ids(database, workspace_id(database, api_keys.tenant_id)) == {"a-40d"}
    assert event_ids(database, workspace_id(database, other.tenant_id)) == set()
    with pytest.raises(NotFound):
        Retention(database, settings).targets("nobody")


async def test_a_large_purge_is_many_short_transactions(client, api_keys, database, settings):
    await ingest(client, api_keys, *(ev(f"old-{i}", ago(days=40, minutes=i)) for i in range(35)),
                 ev("new", ago(days=1)))
    writes: list[str] = []
    real_write = database.write_sync

    def counting_write(fn: Any, *args: Any, **kwargs: Any) -> Any:
        writes.append(fn.__name__)
        return real_write(fn, *args, **kwargs)

    database.write_sync = counting_write  # type: ignore[method-assign]
    report = run_all(database, settings)

    assert report.events_deleted == 35
    # retention_batch_rows is 10: four transactions in the live workspace (the last one short,
    # so it is known to be the last), one finding nothing in the test workspace.
    assert writes.count("purge_events") == 5
    assert event_ids(database, workspace_id(database, api_keys.tenant_id)) == {"new"}


async def test_task_rollups_are_removed_or_rebuilt_from_what_survives(
        client, api_keys, database, settings):
    call = {"kind": "llm_call", "summary": "c",
            "data": {"name": "c", "model": "m", "tokens_in": 10, "tokens_out": 5, "cost": 0.5}}
    await ingest(
        client, api_keys,
        ev("old-start", ago(days=40), event_type="task_started", task_id="old"),
        ev("old-done", ago(days=39), event_type="task_completed", task_id="old"),
        ev("mid-start", ago(days=31), event_type="task_started", task_id="mid"),
        ev("mid-call-1", ago(days=31), task_id="mid", payload=call),
        ev("mid-call-2", ago(days=29), task_id="mid", payload=call),
        ev("mid-done", ago(days=29), event_type="task_completed", task_id="mid"),
        ev("new-start", ago(days=1), event_type="task_started", task_id="new"))

    report = run_all(database, settings)

    assert (report.tasks_removed, report.tasks_rebuilt) == (1, 1)
    assert_rollups_match_events(database)
    ws = workspace_id(database, api_keys.tenant_id)
    rows = database.read_sync(lambda c: {r.task_id: r for r in c.execute(
        select(TASKS).where(TASKS.c.workspace_id == ws))})
    assert set(rows) == {"mid", "new"}
    assert (rows["mid"].llm_call_count, rows["mid"].total_cost) == (1, 0.5)
    resp = await client.get("/v1/tasks", headers=api_keys.auth())
    assert [t["task_id"] for t in resp.json()["data"]] == ["new", "mid"]


async def test_agents_without_events_are_forgotten_with_their_memberships(
        client, api_keys, database, settings):
    await ingest(client, api_keys, ev("gone-1", ago(days=45), project_id="alpha"),
                 ev("gone-2", ago(days=40), event_type="agent_registered"), agent_id="retired")
    await ingest(client, api_keys, ev("kept-old", ago(days=45), project_id="alpha"),
                 ev("kept-new", ago(days=3)), agent_id="active")
    ws = workspace_id(database, api_keys.tenant_id)
    await client.get("/v1/agents", headers=api_keys.auth())  # announces statuses
    assert agent_ids(database, PROJECT_AGENTS, ws) == {"retired", "active"}

    report = run_all(database, settings)

    assert report.agents_removed == 1
    assert agent_ids(database, AGENTS, ws) == {"active"}
    assert agent_ids(database, PROJECT_AGENTS, ws) == {"active"}
    assert "retired" not in agent_ids(database, AGENT_STATUS, ws)
    resp = await client.get("/v1/agents", headers=api_keys.auth())
    assert [a["agent_id"] for a in resp.json()["data"]] == ["active"]
    assert_rollups_match_events(database)


def add_alert_state(db: Database, ws: int, rule_id: str, *scope_keys: str) -> None:
    now = NOW
    db.write_sync(lambda c: c.execute(insert(ALERT_RULES).values(
        rule_id=rule_id, workspace_id=ws, name=rule_id, condition_type="duration_exceeded",
        condition={"threshold_ms": 1}, filters={}, actions=[], cooldown_seconds=60,
        enabled=True, webhook_secret="s", created_at=now, updated_at=now)))
    db.write_sync(lambda c: c.execute(insert(ALERT_STATE), [
        {"rule_id": rule_id, "scope_key": key, "workspace_id": ws, "last_fired_at": now}
        for key in scope_keys]))


def alert_scopes(db: Database) -> set[tuple[str, str]]:
    return db.read_sync(lambda c: {(r.rule_id, r.scope_key) for r in c.execute(
        select(ALERT_STATE.c.rule_id, ALERT_STATE.c.scope_key))})


async def test_alert_marks_of_forgotten_tasks_and_agents_go_with_them(
        client, api_keys, database, settings):
    await ingest(client, api_keys,
                 ev("old-start", ago(days=40), event_type="task_started", task_id="old"),
                 ev("old-done", ago(days=39), event_type="task_completed", task_id="old"),
                 agent_id="retired")
    await ingest(client, api_keys,
                 ev("mid-start", ago(days=31), event_type="task_started", task_id="mid"),
                 ev("mid-done", ago(days=29), event_type="task_completed", task_id="mid"),
                 ev("new-start", ago(days=1), event_type="task_started", task_id="new"),
                 agent_id="active")
    ws = workspace_id(database, api_keys.tenant_id)
    other = workspace_id(database, make_keys(database, "globex").tenant_id)
    kept = {"rule", "task:mid", "task:new", "agent:active"}
    add_alert_state(database, ws, "r1", "task:old", "agent:retired", *kept)
    add_alert_state(database, ws, "r2", "task:old")
    add_alert_state(database, other, "r-other", "task:old", "agent:retired")

    report = run_all(database, settings)

    assert (report.tasks_removed, report.agents_removed) == (1, 1)
    assert alert_scopes(database) == {("r1", key) for key in kept} | {
        ("r-other", "task:old"), ("r-other", "agent:retired")}


def add_firing(db: Database, ws: int, alert_id: str, fired_at: str, status: str) -> None:
    from datetime import datetime

    when = datetime.fromisoformat(fired_at.replace("Z", "+00:00"))
    db.write_sync(lambda c: c.execute(insert(ALERT_HISTORY).values(
        alert_id=alert_id, workspace_id=ws, rule_id="rule", rule_name="r",
        condition_type="agent_stuck", fired_at=when, measured_value=1, threshold=0,
        message="m")))
    db.write_sync(lambda c: c.execute(insert(ALERT_DELIVERIES).values(
        workspace_id=ws, alert_id=alert_id, rule_id="rule", position=0, action_type="webhook",
        target="http://x", action={}, payload="{}", status=status, next_attempt_at=when,
        created_at=when)))


async def test_alert_history_older_than_retention_goes_too(api_keys, database, settings):
    ws = workspace_id(database, api_keys.tenant_id)
    other = workspace_id(database, make_keys(database, "globex").tenant_id)
    add_firing(database, ws, "alert-old", ago(days=31), "delivered")
    add_firing(database, ws, "alert-new", ago(days=29), "delivered")
    add_firing(database, other, "alert-other", ago(days=20), "failed")
    set_tenant_settings(database, api_keys.tenant_id, {"retention_days": 30})

    assert run_all(database, settings).alerts_deleted == 1
    left = database.read_sync(lambda c: sorted(r[0] for r in c.execute(
        select(ALERT_HISTORY.c.alert_id))))
    assert left == ["alert-new", "alert-other"]
    assert count(database, ALERT_DELIVERIES) == 2


async def test_a_second_run_deletes_nothing(client, api_keys, database, settings):
    await ingest(client, api_keys, ev("s", ago(days=40), event_type="task_started", task_id="t"),
                 ev("e", ago(days=1), event_type="task_completed", task_id="t"),
                 ev("hb", ago(days=40), event_type="heartbeat"))
    first = run_all(database, settings)
    assert first.events_deleted == 2 and first.tasks_rebuilt == 1
    before = count(database, EVENTS), count(database, TASKS), count(database, AGENTS)

    assert run_all(database, settings) == Report()
    assert (count(database, EVENTS), count(database, TASKS), count(database, AGENTS)) == before
    assert_rollups_match_events(database)


async def test_dry_run_counts_and_deletes_nothing(client, api_keys, database, settings):
    await ingest(client, api_keys, ev("a", ago(days=40)), ev("b", ago(days=35)),
                 ev("c", ago(days=1)))
    assert run_all(database, settings, dry_run=True).events_deleted == 2
    assert count(database, EVENTS) == 3


def usage_rows(db: Database, ws: int) -> list[tuple[Any, ...]]:
    t = LLM_USAGE_HOURLY.c
    return db.read_sync(lambda c: sorted(tuple(r) for r in c.execute(
        select(LLM_USAGE_HOURLY).where(t.workspace_id == ws))))


async def test_hourly_llm_usage_keeps_only_the_surviving_calls(client, api_keys, database,
                                                              settings):
    call = {"kind": "llm_call", "summary": "c",
            "data": {"name": "c", "model": "m", "tokens_in": 10, "tokens_out": 5, "cost": 0.25}}
    # NOW is 14:30, so the 30-day cutoff falls in the middle of the 14:00 hour.
    await ingest(client, api_keys,
                 ev("c-40d", ago(days=40), payload=call),
                 ev("c-edge-before", ago(days=30, minutes=10), payload=call),
                 ev("c-edge-after", ago(days=30), payload=call),
                 ev("c-edge-after-2", ago(days=29, hours=23, minutes=45), payload=call),
                 ev("c-1d", ago(days=1), payload=call))
    ws = workspace_id(database, api_keys.tenant_id)
    assert len(usage_rows(database, ws)) == 3

    run_all(database, settings)

    after = usage_rows(database, ws)
    database.write_sync(llm_usage.rebuild, ws)  # the same rows, computed from scratch
    assert after == usage_rows(database, ws)
    counts = sorted(r[LLM_USAGE_HOURLY.c.keys().index("call_count")] for r in after)
    assert counts == [1, 2]  # the edge hour lost one call; the 40-day-old hour is gone
