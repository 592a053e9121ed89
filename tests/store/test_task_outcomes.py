"""The hourly task-outcome rollup: incremental == rebuild == migration backfill, and metrics and
project-stats reads through it == the same reads from ``tasks`` alone."""

from __future__ import annotations

import random
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select, text, update
from sqlalchemy.engine import Connection

from hiveboard.domain.llm_usage import HOUR_MS
from hiveboard.domain.task_outcomes import split_window
from hiveboard.domain.task_rollup import facts_from_row, fold
from hiveboard.store import (
    keys,
    metrics_queries,
    migrate,
    project_queries,
    task_outcome_queries,
    task_outcomes,
)
from hiveboard.store.database import Database, create_db_engine
from hiveboard.store.ingest import BatchWrite, write_batch
from hiveboard.store.metrics_queries import Scope
from hiveboard.store.projects import DEFAULT_PROJECT_ID
from hiveboard.store.tables import TASK_OUTCOMES_HOURLY, TASKS
from hiveboard.store.tasks import stored_values
from hiveboard.store.types import from_millis, to_millis
from tests.conftest import make_keys
from tests.store.test_llm_usage import empty_db_url  # noqa: F401  (fixture)

T0 = to_millis(datetime(2026, 2, 10, tzinfo=UTC))
AGENTS = ("a-1", "a-2", "a-3")
ENVS = {"a-1": ("production", "sales"), "a-2": ("staging", "ops"), "a-3": ("production", "ops")}
PROJECTS = ("default", "alpha", "beta", None)
TYPES = ("task_started", "task_started", "task_completed", "task_failed", "escalated",
         "action_started", "approval_requested", "custom")
HORIZON = 30 * HOUR_MS


def _row(rng: random.Random, workspace_id: int, task_id: str) -> dict[str, Any]:
    agent = rng.choice(AGENTS)
    environment, group = ENVS[agent]
    ts = T0 + rng.randrange(HORIZON)
    if rng.random() < 0.03:  # before 1970: hours floor, never truncate
        ts = rng.randrange(-3 * HOUR_MS, HOUR_MS)
    event_type = rng.choice(TYPES)
    return {
        "workspace_id": workspace_id, "event_id": str(uuid.UUID(int=rng.getrandbits(128))),
        "agent_id": agent, "agent_type": "general", "project_id": rng.choice(PROJECTS),
        "timestamp": from_millis(ts), "received_at": from_millis(T0),
        "environment": environment, "group": group, "task_id": task_id, "task_type": None,
        "task_run_id": None, "correlation_id": None, "action_id": None,
        "parent_action_id": None, "parent_event_id": None, "event_type": event_type,
        "severity": "info", "status": None,
        "duration_ms": rng.choice((None, rng.randrange(90_000))) if event_type in (
            "task_completed", "task_failed") else None,
        "payload": None, "payload_kind": None, "llm_model": None, "llm_cost": None,
        "llm_tokens_in": None, "llm_tokens_out": None,
    }


def _load(database: Database, seed: int, batches: int = 15) -> int:
    """Random batches through the ingest write path: tasks gain events over several batches
    (moving project, agent, start and terminal hour), some events sent twice."""
    rng = random.Random(seed)
    k = make_keys(database)
    workspace_id = database.read_sync(keys.workspace_for, k.tenant_id, "live")
    sent: list[dict[str, Any]] = []
    tasks = [f"t-{i}" for i in range(60)]
    for _ in range(batches):
        rows = [_row(rng, workspace_id, rng.choice(tasks)) for _ in range(rng.randrange(5, 40))]
        resend = rng.sample(sent, k=min(len(sent), rng.randrange(6)))
        sent.extend(rows)
        database.write_sync(write_batch, BatchWrite(
            workspace_id=workspace_id, received_at=from_millis(T0), auto_create_projects=True,
            rows=[dict(r) for r in rows + resend], agent_metadata={}))
    return workspace_id


def rollup_rows(conn: Connection) -> list[tuple[Any, ...]]:
    t = TASK_OUTCOMES_HOURLY.c
    return [tuple(r) for r in conn.execute(select(TASK_OUTCOMES_HOURLY).order_by(
        *(t[name] for name in task_outcomes.KEY_COLUMNS)))]


def assert_same_outcomes(kept: list[tuple[Any, ...]], rebuilt: list[tuple[Any, ...]]) -> None:
    """Keys and measures equal; the kept time bounds hold the rebuilt (tight) ones, as bounds
    only widen."""
    assert [r[:-2] for r in kept] == [r[:-2] for r in rebuilt]
    for k, r in zip(kept, rebuilt, strict=True):
        assert k[-2] <= r[-2] and k[-1] >= r[-1], (k, r)


@pytest.mark.parametrize("seed", [1, 2])
def test_rebuild_equals_incremental_after_random_batches(database: Database, seed: int) -> None:
    _load(database, seed)
    incremental = database.read_sync(rollup_rows)
    assert any(r[1] < 0 for r in incremental), "pre-1970 hours are covered"
    measures = [c.name for c in TASK_OUTCOMES_HOURLY.columns][len(task_outcomes.KEY_COLUMNS):-2]
    assert all(any(r[len(task_outcomes.KEY_COLUMNS) + i] for r in incremental)
               for i in range(len(measures))), "every measure is exercised"
    written = database.write_sync(task_outcomes.rebuild)
    assert written == len(incremental)
    assert_same_outcomes(incremental, database.read_sync(rollup_rows))


def test_rebuild_of_one_workspace_leaves_the_others(database: Database) -> None:
    workspace_id = _load(database, 3, batches=4)
    expected = database.read_sync(rollup_rows)
    other = (workspace_id + 1, 0, "x", "", "e", "g", 1, 0, 0, 0, 0, 0, 0, 5, 5)
    with database.engine.begin() as conn:
        conn.execute(update(TASK_OUTCOMES_HOURLY).values(
            started=TASK_OUTCOMES_HOURLY.c.started + 5))
        conn.execute(TASK_OUTCOMES_HOURLY.insert().values(
            dict(zip([c.name for c in TASK_OUTCOMES_HOURLY.columns], other, strict=True))))
    database.write_sync(task_outcomes.rebuild, workspace_id)
    assert_same_outcomes(sorted([*expected, other]), database.read_sync(rollup_rows))


def test_a_project_delete_drops_its_outcomes(database: Database) -> None:
    workspace_id = _load(database, 4, batches=6)
    with database.engine.begin() as conn:
        alpha = conn.execute(text("SELECT project_id FROM projects WHERE slug = 'alpha' "
                                  "AND workspace_id = :w"), {"w": workspace_id}).scalar_one()
        assert conn.execute(select(TASK_OUTCOMES_HOURLY).where(
            TASK_OUTCOMES_HOURLY.c.project_id == alpha)).first() is not None
        project_queries.delete_cascade(conn, workspace_id, alpha)
        left = rollup_rows(conn)
        task_outcomes.rebuild(conn)
        assert_same_outcomes(left, rollup_rows(conn))


def test_the_migration_fills_the_rollup_from_stored_tasks(empty_db_url: str) -> None:  # noqa: F811
    engine = create_db_engine(empty_db_url)
    try:
        migrate.upgrade(engine, "0003_read_path_rollups")
        rng = random.Random(4)
        by_task: dict[str, list[dict[str, Any]]] = {}
        for _ in range(400):
            row = _row(rng, 1, f"t-{rng.randrange(80)}")
            by_task.setdefault(row["task_id"], []).append(row)
        with engine.begin() as conn:
            conn.execute(TASKS.insert(), [
                {"workspace_id": 1, "task_id": tid,
                 **stored_values(fold(None, (facts_from_row(r) for r in rows)))}
                for tid, rows in by_task.items()])
        migrate.upgrade(engine)
        with engine.begin() as conn:
            migrated = rollup_rows(conn)
            assert len(migrated) > 50
            task_outcomes.rebuild(conn)
            assert rollup_rows(conn) == migrated
    finally:
        engine.dispose()


def _window(rng: random.Random) -> tuple[int, int]:
    since = T0 - HOUR_MS + rng.randrange(32 * HOUR_MS)
    if rng.random() < 0.25:
        since -= since % HOUR_MS
    until = since + rng.choice((rng.randrange(1, HOUR_MS), rng.randrange(26 * HOUR_MS)))
    if rng.random() < 0.25:
        until -= until % HOUR_MS
    return since, max(until, since + 1)


def _sorted(rows: list[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    return sorted(rows, key=lambda r: r[key])


def test_metrics_and_project_reads_through_the_rollup_equal_the_tasks_reads(
        database: Database) -> None:
    workspace_id = _load(database, 7, batches=25)
    rng = random.Random(11)
    with database.engine.connect() as conn:
        project_ids = [r[0] for r in conn.execute(text(
            "SELECT project_id FROM projects WHERE workspace_id = :w"), {"w": workspace_id})]
        assert DEFAULT_PROJECT_ID in project_ids
        paths = {"whole": 0, "clean_edge": 0, "dirty_edge": 0}
        for _ in range(250):
            since_ms, until_ms = _window(rng)
            since, until = from_millis(since_ms), from_millis(until_ms)
            scope = Scope(workspace_id=workspace_id,
                          project_id=rng.choice((None, None, *project_ids)),
                          agent_id=rng.choice((None, None, *AGENTS)),
                          environment=rng.choice((None, None, "production")),
                          group=rng.choice((None, None, "ops")))
            width = rng.choice((HOUR_MS, 6 * HOUR_MS, 24 * HOUR_MS, 300_000))
            split = split_window(since_ms, until_ms, None)
            assert split is not None
            paths["whole"] += split.whole is not None
            dirty = task_outcome_queries.dirty_edges(
                conn, [TASK_OUTCOMES_HOURLY.c.workspace_id == workspace_id], split)
            paths["dirty_edge"] += len(dirty)
            paths["clean_edge"] += len(split.edges) - len(dirty)
            assert (metrics_queries.task_starts(conn, scope, since, until)
                    == metrics_queries.task_starts(conn, scope, since, until, use_rollup=False))
            assert _sorted(metrics_queries.task_buckets(conn, scope, since, until, width),
                           "bucket") == _sorted(metrics_queries.task_buckets(
                               conn, scope, since, until, width, use_rollup=False), "bucket")
            assert _sorted(metrics_queries.task_groups_by_agent(conn, scope, since, until),
                           "agent_id") == _sorted(metrics_queries.task_groups_by_agent(
                               conn, scope, since, until, use_rollup=False), "agent_id")
            ids = rng.sample(project_ids, k=rng.randrange(1, len(project_ids) + 1))
            inclusive = until - timedelta(milliseconds=1)
            assert (project_queries._task_counts(conn, workspace_id, ids, since, inclusive)
                    == project_queries._task_counts(conn, workspace_id, ids, since, inclusive,
                                                    use_rollup=False))
    assert min(paths.values()) > 10, paths


def test_whole_and_clean_hours_come_from_the_rollup_and_dirty_ones_from_tasks(
        database: Database) -> None:
    """Tampering shows which path a read took: the rollup's hours see it, dirty ones do not."""
    workspace_id = _load(database, 5, batches=8)
    hour = T0 + 5 * HOUR_MS
    with database.engine.begin() as conn:
        conn.execute(update(TASK_OUTCOMES_HOURLY).values(
            started=TASK_OUTCOMES_HOURLY.c.started + 1000))
        rows, first, last = conn.execute(text(
            "SELECT COUNT(*), MIN(first_ms), MAX(last_ms) FROM task_outcomes_hourly "
            "WHERE hour_ms = :h"), {"h": hour}).one()
        everything = conn.execute(text("SELECT COUNT(*) FROM task_outcomes_hourly "
                                       "WHERE hour_ms >= :a AND hour_ms < :b"),
                                  {"a": T0, "b": T0 + HORIZON}).scalar_one()
    assert rows > 0 and last < hour + HOUR_MS - 1
    scope = Scope(workspace_id=workspace_id)

    def both(since: int, until: int) -> tuple[int, int]:
        window = (from_millis(since), from_millis(until))
        with database.engine.connect() as conn:
            return (metrics_queries.task_starts(conn, scope, *window)["total_tasks"],
                    metrics_queries.task_starts(conn, scope, *window,
                                                use_rollup=False)["total_tasks"])

    fast, raw = both(T0, T0 + HORIZON)
    assert fast == raw + 1000 * everything
    fast, raw = both(hour, last + 1)  # cut, but every row's times are inside: clean
    assert fast == raw + 1000 * rows
    fast, raw = both(first + 1, hour + HOUR_MS)  # a row counts a time before the window
    assert fast == raw
