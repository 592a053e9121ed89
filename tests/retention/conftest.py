"""Retention tests store data the way ingest does (through the API), move the FakeClock, run
the pass, and compare what is left, including every derived row, with the raw events."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import func, select, update

from hiveboard.domain.task_rollup import facts_from_row, fold
from hiveboard.services.retention import Report, Retention
from hiveboard.settings import Settings
from hiveboard.store import agent_issues, error_events, task_outcomes
from hiveboard.store.database import Database
from hiveboard.store.tables import (
    AGENT_ISSUES,
    AGENT_STATUS,
    AGENTS,
    ERROR_EVENTS_HOURLY,
    EVENTS,
    PROJECT_AGENTS,
    TASK_OUTCOMES_HOURLY,
    TASKS,
    TENANTS,
    WORKSPACES,
)
from hiveboard.store.tasks import stored_values
from tests.api.factories import batch
from tests.conftest import Keys

NOW = datetime(2026, 2, 10, 14, 30, tzinfo=UTC)


def iso(ts: datetime) -> str:
    return ts.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def ago(*, days: float = 0, hours: float = 0, minutes: float = 0, now: datetime = NOW) -> str:
    return iso(now - timedelta(days=days, hours=hours, minutes=minutes))


async def ingest(client: httpx.AsyncClient, keys: Keys, *events: dict[str, Any],
                 kind: str = "live", **envelope: Any) -> None:
    resp = await client.post("/v1/ingest", content=json.dumps(batch(*events, **envelope)).encode(),
                             headers={**keys.auth(kind), "Content-Type": "application/json"})
    assert resp.status_code == 200, resp.text


def set_tenant_settings(db: Database, tenant_id: str, settings: dict[str, Any]) -> None:
    db.write_sync(lambda c: c.execute(update(TENANTS).where(TENANTS.c.tenant_id == tenant_id)
                                      .values(settings=settings)))


def workspace_id(db: Database, tenant_id: str, mode: str = "live") -> int:
    return int(db.read_sync(lambda c: c.execute(select(WORKSPACES.c.workspace_id).where(
        WORKSPACES.c.tenant_id == tenant_id, WORKSPACES.c.mode == mode)).scalar_one()))


def event_ids(db: Database, ws: int) -> set[str]:
    return db.read_sync(lambda c: {r[0] for r in c.execute(
        select(EVENTS.c.event_id).where(EVENTS.c.workspace_id == ws))})


def count(db: Database, table: Any, ws: int | None = None) -> int:
    query = select(func.count()).select_from(table)
    if ws is not None:
        query = query.where(table.c.workspace_id == ws)
    return int(db.read_sync(lambda c: c.execute(query).scalar_one()))


def agent_ids(db: Database, table: Any, ws: int) -> set[str]:
    return db.read_sync(lambda c: {r[0] for r in c.execute(
        select(table.c.agent_id).where(table.c.workspace_id == ws))})


def run_all(db: Database, settings: Settings, now: datetime = NOW, *,
            tenant: str | None = None, dry_run: bool = False) -> Report:
    retention = Retention(db, settings)
    total = Report()
    for target in retention.targets(tenant):
        total.add(retention.run(target, now, dry_run=dry_run))
    return total


def assert_task_outcomes_match_tasks(db: Database) -> None:
    """The incrementally kept hourly outcomes equal a rebuild from ``tasks`` (rolled back),
    their time bounds holding the rebuilt tight ones."""
    def rows(c: Any) -> list[tuple[Any, ...]]:
        return sorted(tuple(r) for r in c.execute(select(TASK_OUTCOMES_HOURLY)))

    with db.engine.connect() as conn, conn.begin() as tx:
        kept = rows(conn)
        task_outcomes.rebuild(conn)
        rebuilt = rows(conn)
        tx.rollback()
    assert [r[:-2] for r in kept] == [r[:-2] for r in rebuilt]  # keys and measures
    for k, r in zip(kept, rebuilt, strict=True):  # bounds only widen
        assert k[-2] <= r[-2] and k[-1] >= r[-1], (k, r)


def assert_agent_issues_match_events(db: Database) -> None:
    """The kept latest issue event per key equals a rebuild from the events (rolled back)."""
    def rows(c: Any) -> list[tuple[Any, ...]]:
        return sorted(tuple(r) for r in c.execute(select(AGENT_ISSUES)))

    with db.engine.connect() as conn, conn.begin() as tx:
        kept = rows(conn)
        agent_issues.rebuild(conn)
        rebuilt = rows(conn)
        tx.rollback()
    assert kept == rebuilt


def assert_error_rollup_matches_events(db: Database) -> None:
    """The hourly failure counts equal a rebuild from the events (rolled back)."""
    def rows(c: Any) -> list[tuple[Any, ...]]:
        return sorted(tuple(r) for r in c.execute(select(ERROR_EVENTS_HOURLY)))

    with db.engine.connect() as conn, conn.begin() as tx:
        kept = rows(conn)
        error_events.rebuild(conn)
        rebuilt = rows(conn)
        tx.rollback()
    assert kept == rebuilt


def assert_rollups_match_events(db: Database) -> None:
    """Every task row equals a fold of its surviving events, every task with events has a row,
    the hourly task outcomes equal a rebuild from the task rows, the latest issue event per
    key and the hourly failure counts a rebuild from the events, and every agent profile,
    status row and membership names an agent that has events."""
    def read(c: Any) -> tuple[Any, ...]:
        events = [dict(r) for r in c.execute(select(EVENTS).order_by(EVENTS.c.seq)).mappings()]
        tasks = {(r["workspace_id"], r["task_id"]): dict(r)
                 for r in c.execute(select(TASKS)).mappings()}
        agents = {(r.workspace_id, r.agent_id) for r in c.execute(
            select(AGENTS.c.workspace_id, AGENTS.c.agent_id))}
        linked = {(r.workspace_id, r.agent_id) for t in (PROJECT_AGENTS, AGENT_STATUS)
                  for r in c.execute(select(t.c.workspace_id, t.c.agent_id))}
        return events, tasks, agents, linked

    events, tasks, agents, linked = db.read_sync(read)
    by_task: dict[tuple[int, str], list[dict[str, Any]]] = {}
    for ev in events:
        if ev["task_id"] is not None:
            by_task.setdefault((ev["workspace_id"], ev["task_id"]), []).append(ev)
    assert set(tasks) == set(by_task)
    for key, evs in by_task.items():
        expected = stored_values(fold(None, (facts_from_row(e) for e in evs)))
        assert {k: tasks[key][k] for k in expected} == expected, key
    with_events = {(e["workspace_id"], e["agent_id"]) for e in events}
    assert agents <= with_events
    assert_task_outcomes_match_tasks(db)
    assert_agent_issues_match_events(db)
    assert_error_rollup_matches_events(db)
    assert linked <= agents
