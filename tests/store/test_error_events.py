"""The hourly failure-event rollup: metrics ``error_count`` through it == from events alone;
incremental == rebuild == migration backfill; retention and project deletes keep it true."""

from __future__ import annotations

import random
import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import select, text
from sqlalchemy.engine import Connection

from hiveboard.domain.llm_usage import HOUR_MS
from hiveboard.domain.task_outcomes import split_window
from hiveboard.store import error_events, events, keys, metrics_queries, migrate, retention
from hiveboard.store import project_queries as projects
from hiveboard.store.database import Database, create_db_engine
from hiveboard.store.ingest import BatchWrite, write_batch
from hiveboard.store.metrics_queries import Scope
from hiveboard.store.tables import ERROR_EVENTS_HOURLY
from hiveboard.store.types import from_millis, to_millis
from tests.conftest import make_keys
from tests.store.test_llm_usage import empty_db_url  # noqa: F401  (fixture)

T0 = to_millis(datetime(2026, 2, 10, tzinfo=UTC))
AGENTS = ("a-1", "a-2", "a-3")
ENVS = {"a-1": ("production", "sales"), "a-2": ("staging", "ops"), "a-3": ("production", "ops")}
TYPES = ("action_failed", "task_failed", "action_completed", "heartbeat", "custom")


def _row(rng: random.Random, workspace_id: int) -> dict[str, Any]:
    agent = rng.choice(AGENTS)
    environment, group = ENVS[agent]
    ts = T0 + rng.randrange(30 * HOUR_MS)
    if rng.random() < 0.03:  # before 1970: hours floor, never truncate
        ts = rng.randrange(-3 * HOUR_MS, HOUR_MS)
    return {
        "workspace_id": workspace_id, "event_id": str(uuid.UUID(int=rng.getrandbits(128))),
        "agent_id": agent, "agent_type": "general",
        "project_id": rng.choice(("alpha", "default", None)), "timestamp": from_millis(ts),
        "received_at": from_millis(T0), "environment": environment, "group": group,
        "task_id": None, "task_type": None, "task_run_id": None, "correlation_id": None,
        "action_id": None, "parent_action_id": None, "parent_event_id": None,
        "event_type": rng.choice(TYPES), "severity": "info", "status": None,
        "duration_ms": None, "payload": None, "payload_kind": None, "llm_model": None,
        "llm_cost": None, "llm_tokens_in": None, "llm_tokens_out": None,
    }


def _load(database: Database, seed: int, batches: int = 15) -> int:
    rng = random.Random(seed)
    k = make_keys(database)
    workspace_id = database.read_sync(keys.workspace_for, k.tenant_id, "live")
    sent: list[dict[str, Any]] = []
    for _ in range(batches):
        rows = [_row(rng, workspace_id) for _ in range(rng.randrange(5, 40))]
        resend = rng.sample(sent, k=min(len(sent), rng.randrange(6)))
        sent.extend(rows)
        database.write_sync(write_batch, BatchWrite(
            workspace_id=workspace_id, received_at=from_millis(T0), auto_create_projects=True,
            rows=[dict(r) for r in rows + resend], agent_metadata={}))
    return workspace_id


def error_rows(conn: Connection) -> list[tuple[Any, ...]]:
    return sorted(tuple(r) for r in conn.execute(select(ERROR_EVENTS_HOURLY)))


@pytest.mark.parametrize("seed", [1, 2])
def test_rebuild_equals_incremental(database: Database, seed: int) -> None:
    _load(database, seed)
    incremental = database.read_sync(error_rows)
    assert any(r[1] < 0 for r in incremental), "pre-1970 hours are covered"
    assert database.write_sync(error_events.rebuild) == len(incremental)
    assert database.read_sync(error_rows) == incremental


def test_retention_and_project_delete_keep_the_rollup_true(database: Database) -> None:
    workspace_id = _load(database, 3, batches=20)
    before = from_millis(T0 + 7 * HOUR_MS + 123)
    while database.write_sync(retention.purge_events, workspace_id, before, 9).deleted:
        pass
    kept = database.read_sync(error_rows)
    database.write_sync(error_events.rebuild)
    assert database.read_sync(error_rows) == kept
    with database.engine.begin() as conn:
        alpha = conn.execute(text("SELECT project_id FROM projects WHERE slug = 'alpha' "
                                  "AND workspace_id = :w"), {"w": workspace_id}).scalar_one()
        projects.delete_cascade(conn, workspace_id, alpha)
    kept = database.read_sync(error_rows)
    database.write_sync(error_events.rebuild)
    assert database.read_sync(error_rows) == kept


def test_error_buckets_through_the_rollup_equal_the_raw_read(database: Database) -> None:
    workspace_id = _load(database, 7, batches=25)
    rng = random.Random(11)
    paths = {"whole": 0, "clean_edge": 0, "dirty_edge": 0}
    with database.engine.connect() as conn:
        project_ids = [r[0] for r in conn.execute(text(
            "SELECT project_id FROM projects WHERE workspace_id = :w"), {"w": workspace_id})]
        for _ in range(250):
            since = T0 - HOUR_MS + rng.randrange(32 * HOUR_MS)
            if rng.random() < 0.25:
                since -= since % HOUR_MS
            until = since + rng.choice((rng.randrange(1, HOUR_MS),
                                        rng.randrange(1, 26 * HOUR_MS)))
            scope = Scope(workspace_id=workspace_id,
                          project_id=rng.choice((None, None, *project_ids)),
                          agent_id=rng.choice((None, None, *AGENTS)),
                          environment=rng.choice((None, None, "production")),
                          group=rng.choice((None, None, "ops")))
            width = rng.choice((HOUR_MS, 6 * HOUR_MS, 24 * HOUR_MS, 300_000))
            window = (from_millis(since), from_millis(until))
            assert (metrics_queries.error_buckets(conn, scope, *window, width)
                    == metrics_queries.error_buckets(conn, scope, *window, width,
                                                     use_rollup=False))
            split = split_window(since, until, None)
            assert split is not None
            _, raw = error_events.read(
                conn, [ERROR_EVENTS_HOURLY.c.workspace_id == workspace_id], split, HOUR_MS)
            paths["whole"] += split.whole is not None
            paths["dirty_edge"] += len(raw)
            paths["clean_edge"] += len(split.edges) - len(raw)
    assert min(paths.values()) > 10, paths


def test_the_migration_fills_the_rollup_from_stored_events(
        empty_db_url: str) -> None:  # noqa: F811
    engine = create_db_engine(empty_db_url)
    try:
        migrate.upgrade(engine, "0005_agent_issues")
        rng = random.Random(4)
        with engine.begin() as conn:
            events.insert_new(conn, [_row(rng, 1) for _ in range(300)])
        migrate.upgrade(engine)
        with engine.begin() as conn:
            migrated = error_rows(conn)
            assert len(migrated) > 20
            error_events.rebuild(conn)
            assert error_rows(conn) == migrated
    finally:
        engine.dispose()
