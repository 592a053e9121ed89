"""``agent_issues``: card issue counts from the kept latest event per issue key equal the
pipeline's fold of the window's issue events; incremental == rebuild == migration backfill;
retention and project deletes keep it true."""

from __future__ import annotations

import random
import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import select, text
from sqlalchemy.engine import Connection

from hiveboard.domain.pipeline import aggregate_issues
from hiveboard.store import (
    agent_issues,
    events,
    keys,
    migrate,
    pipeline_queries,
    project_queries,
    retention,
)
from hiveboard.store.database import Database, create_db_engine
from hiveboard.store.ingest import BatchWrite, write_batch
from hiveboard.store.tables import AGENT_ISSUES
from hiveboard.store.types import from_millis, to_millis
from tests.conftest import make_keys
from tests.store.test_llm_usage import empty_db_url  # noqa: F401  (fixture)

T0 = to_millis(datetime(2026, 2, 10, tzinfo=UTC))
DAY = 86_400_000
AGENTS = ("a-1", "a-2", "a-3")
IDS = ("i1", "i2", "i3", "  ", None, 5)
SUMMARIES = ("CRM 403", " crm  403 ", "Disk full", "disk FULL", None, "")
ACTIONS = (None, None, "reported", "resolved", "dismissed", "acknowledged", "", 7)


def _row(rng: random.Random, workspace_id: int) -> dict[str, Any]:
    data: dict[str, Any] = {}
    issue_id, action = rng.choice(IDS), rng.choice(ACTIONS)
    if issue_id is not None:
        data["issue_id"] = issue_id
    if action is not None:
        data["action"] = action
    payload: dict[str, Any] = {"kind": "issue", "data": data}
    summary = rng.choice(SUMMARIES)
    if summary is not None:
        payload["summary"] = summary
    # Few distinct times: exact-time ties, decided by storage order, are frequent.
    ts = T0 + rng.randrange(40) * DAY // 4
    return {
        "workspace_id": workspace_id, "event_id": str(uuid.UUID(int=rng.getrandbits(128))),
        "agent_id": rng.choice(AGENTS), "agent_type": "general",
        "project_id": rng.choice(("alpha", None, None)), "timestamp": from_millis(ts),
        "received_at": from_millis(T0), "environment": "production", "group": "ops",
        "task_id": None, "task_type": None, "task_run_id": None, "correlation_id": None,
        "action_id": None, "parent_action_id": None, "parent_event_id": None,
        "event_type": "custom" if rng.random() < 0.9 else "action_completed",
        "severity": "info", "status": None, "duration_ms": None, "payload": payload,
        "payload_kind": "issue", "llm_model": None, "llm_cost": None, "llm_tokens_in": None,
        "llm_tokens_out": None,
    }


def _load(database: Database, seed: int, batches: int = 15) -> int:
    rng = random.Random(seed)
    k = make_keys(database)
    workspace_id = database.read_sync(keys.workspace_for, k.tenant_id, "live")
    sent: list[dict[str, Any]] = []
    for _ in range(batches):
        rows = [_row(rng, workspace_id) for _ in range(rng.randrange(5, 30))]
        resend = rng.sample(sent, k=min(len(sent), rng.randrange(5)))
        sent.extend(rows)
        database.write_sync(write_batch, BatchWrite(
            workspace_id=workspace_id, received_at=from_millis(T0), auto_create_projects=True,
            rows=[dict(r) for r in rows + resend], agent_metadata={}))
    return workspace_id


def issue_rows(conn: Connection) -> list[tuple[Any, ...]]:
    return sorted(tuple(r) for r in conn.execute(select(AGENT_ISSUES)))


def _folded(conn: Connection, workspace_id: int, since: datetime) -> dict[str, int]:
    """The pipeline's fold of the window's issue events (what the cards used to count)."""
    out = {}
    for agent_id in AGENTS:
        found = pipeline_queries.events_of_kind(conn, workspace_id, [agent_id], "issue",
                                                since=since)
        state = aggregate_issues(found)
        out[agent_id] = 0 if state is None else state.active_count
    return out


def _assert_counts_match_fold(database: Database, workspace_id: int, seed: int) -> None:
    rng = random.Random(seed)
    with database.engine.connect() as conn:
        seen = set()
        for _ in range(40):
            since = from_millis(T0 + rng.randrange(-DAY, 11 * DAY))
            expected = _folded(conn, workspace_id, since)
            found = agent_issues.active_counts(conn, workspace_id, list(AGENTS), since=since)
            assert {a: found.get(a, 0) for a in AGENTS} == expected, since
            seen.update(expected.values())
    assert len(seen) > 3, seen


@pytest.mark.parametrize("seed", [1, 2])
def test_counts_equal_the_fold_of_the_window_and_rebuild_equals_incremental(
        database: Database, seed: int) -> None:
    workspace_id = _load(database, seed)
    _assert_counts_match_fold(database, workspace_id, seed)
    incremental = database.read_sync(issue_rows)
    assert any(not r[-1] for r in incremental) and any(r[-1] for r in incremental)
    assert database.write_sync(agent_issues.rebuild) == len(incremental)
    assert database.read_sync(issue_rows) == incremental


def test_retention_and_project_delete_keep_the_counts_true(database: Database) -> None:
    workspace_id = _load(database, 3, batches=20)
    before = from_millis(T0 + 4 * DAY + 1)
    while database.write_sync(retention.purge_events, workspace_id, before, 7).deleted:
        pass
    kept = database.read_sync(issue_rows)
    database.write_sync(agent_issues.rebuild)
    assert database.read_sync(issue_rows) == kept
    _assert_counts_match_fold(database, workspace_id, 4)
    with database.engine.begin() as conn:
        alpha = conn.execute(text("SELECT project_id FROM projects WHERE slug = 'alpha' "
                                  "AND workspace_id = :w"), {"w": workspace_id}).scalar_one()
        project_queries.delete_cascade(conn, workspace_id, alpha)
    kept = database.read_sync(issue_rows)
    database.write_sync(agent_issues.rebuild)
    assert database.read_sync(issue_rows) == kept
    _assert_counts_match_fold(database, workspace_id, 5)


def test_the_migration_fills_the_table_from_stored_events(
        empty_db_url: str) -> None:  # noqa: F811
    engine = create_db_engine(empty_db_url)
    try:
        migrate.upgrade(engine, "0004_task_outcomes_hourly")
        rng = random.Random(4)
        with engine.begin() as conn:
            events.insert_new(conn, [_row(rng, 1) for _ in range(300)])
        migrate.upgrade(engine)
        with engine.begin() as conn:
            migrated = issue_rows(conn)
            assert len(migrated) > 10
            agent_issues.rebuild(conn)
            assert issue_rows(conn) == migrated
    finally:
        engine.dispose()
