"""Agent detail's heartbeat history, read as one seek per hour, equals the latest
payload-carrying heartbeats of each hour computed from every stored event."""

from __future__ import annotations

import random
import uuid
from datetime import datetime
from itertools import pairwise
from pathlib import Path
from typing import Any

from sqlalchemy import event

from hiveboard.domain.llm_usage import HOUR_MS
from hiveboard.store import agent_queries, keys
from hiveboard.store.database import Database
from hiveboard.store.ingest import BatchWrite, write_batch
from hiveboard.store.types import from_millis, to_millis
from tests.conftest import make_keys
from tests.store.test_llm_usage import T0

PAYLOADS: tuple[Any, ...] = (None, {}, {"summary": "a"}, {"summary": "b", "data": {"q": 1}})


def _row(rng: random.Random, workspace_id: int, ts: int) -> dict[str, Any]:
    event_type = "heartbeat" if rng.random() < 0.6 else rng.choice(("custom", "action_started"))
    return {
        "workspace_id": workspace_id, "event_id": str(uuid.UUID(int=rng.getrandbits(128))),
        "agent_id": rng.choice(("a-1", "a-2")), "agent_type": "general", "project_id": None,
        "timestamp": from_millis(ts), "received_at": from_millis(T0),
        "environment": "production", "group": "default", "task_id": None, "task_type": None,
        "task_run_id": None, "correlation_id": None, "action_id": None,
        "parent_action_id": None, "parent_event_id": None, "event_type": event_type,
        "severity": "info", "status": None, "duration_ms": None,
        "payload": rng.choice(PAYLOADS), "payload_kind": None, "llm_model": None,
        "llm_cost": None, "llm_tokens_in": None, "llm_tokens_out": None,
    }


def _load(database: Database, rng: random.Random) -> tuple[int, list[dict[str, Any]]]:
    workspace_id = database.read_sync(keys.workspace_for, make_keys(database).tenant_id, "live")
    stored: list[dict[str, Any]] = []  # insert order, which is seq order
    for _ in range(8):
        rows = [_row(rng, workspace_id, T0 + rng.randrange(-2 * HOUR_MS, 30 * HOUR_MS))
                for _ in range(rng.randrange(20, 60))]
        rows += [_row(rng, workspace_id, rng.randrange(-2 * HOUR_MS, HOUR_MS)) for _ in range(4)]
        # Exact-timestamp duplicates (distinct events): the later insert must win.
        rows += [{**_row(rng, workspace_id, to_millis(r["timestamp"])), "agent_id": r["agent_id"],
                  "event_type": "heartbeat", "payload": {"summary": "dup"}}
                 for r in rng.sample(rows, 3)]
        database.write_sync(write_batch, BatchWrite(
            workspace_id=workspace_id, received_at=from_millis(T0), auto_create_projects=True,
            rows=[dict(r) for r in rows], agent_metadata={}))
        stored.extend(rows)
    return workspace_id, stored


def _expected(stored: list[dict[str, Any]], agent: str,
              since: datetime) -> list[tuple[datetime, Any]]:
    """Every heartbeat at each hour's newest timestamp, oldest first, ties in insert order."""
    newest: dict[int, list[dict[str, Any]]] = {}
    for row in stored:
        if (row["agent_id"] != agent or row["event_type"] != "heartbeat"
                or row["payload"] in (None, {}) or row["timestamp"] < since):
            continue
        hour = to_millis(row["timestamp"]) // HOUR_MS
        current = newest.get(hour)
        if current is None or row["timestamp"] > current[0]["timestamp"]:
            newest[hour] = [row]
        elif row["timestamp"] == current[0]["timestamp"]:
            current.append(row)
    rows = sorted((r for hour in newest.values() for r in hour),
                  key=lambda r: r["timestamp"])  # stable: ties keep insert order
    return [(r["timestamp"], r["payload"]) for r in rows]


def test_hourly_heartbeats_equal_the_latest_carrying_heartbeat_of_each_hour(
        database: Database) -> None:
    rng = random.Random(11)
    workspace_id, stored = _load(database, rng)
    starts = [T0 + rng.randrange(-HOUR_MS, 10 * HOUR_MS) for _ in range(10)]
    starts += [T0 - 3 * HOUR_MS, -3 * HOUR_MS]  # hours before every event; before 1970
    ties = 0
    for agent in ("a-1", "a-2"):
        for start in starts:
            since = from_millis(start)
            rows = database.read_sync(agent_queries.hourly_heartbeats, workspace_id, agent,
                                      since=since)
            got = [(row.timestamp, row.payload) for row in rows]
            assert got == _expected(stored, agent, since)
            if any(a[0] == b[0] for a, b in pairwise(got)):
                ties += 1
    assert ties, "exact-timestamp duplicates were among the answers"


def test_each_hour_is_a_seek_on_the_agents_time_index(sqlite_template: Path) -> None:
    """SQLite has no statistics, so the plan is fixed by the query's shape: a range on the
    outer read would make it scan the agent's whole day and filter by the walk's list."""
    db = Database.from_url(f"sqlite:///{sqlite_template}")
    seen: list[tuple[str, Any]] = []

    def listen(conn: Any, cursor: Any, sql: str, params: Any, *_: Any) -> None:
        seen.append((sql, params))

    event.listen(db.engine, "before_cursor_execute", listen)
    try:
        db.read_sync(agent_queries.hourly_heartbeats, 1, "a-1", since=from_millis(T0))
        event.remove(db.engine, "before_cursor_execute", listen)
        sql, params = seen[-1]
        with db.engine.connect() as conn:
            plan = [r[-1] for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql, params)]
    finally:
        db.dispose()
    searches = [step for step in plan if step.startswith(("SEARCH events", "SCAN events"))]
    assert len(searches) == 3, plan
    assert all("USING INDEX ix_events_ws_agent_time" in step for step in searches), plan
    assert "(workspace_id=? AND agent_id=? AND timestamp=?)" in searches[0], plan
