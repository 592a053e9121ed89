"""The hourly LLM-usage rollup: incremental == rebuild, and rollup reads == raw reads."""

from __future__ import annotations

import os
import random
import uuid
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, select, text, update
from sqlalchemy.engine import Connection

from hiveboard.domain.llm_usage import HOUR_MS, plan_window
from hiveboard.store import (
    agent_queries,
    cost_queries,
    events,
    keys,
    llm_usage,
    llm_usage_queries,
    migrate,
)
from hiveboard.store.agent_queries import Buckets
from hiveboard.store.cost_queries import CallFilter
from hiveboard.store.database import Database, create_db_engine
from hiveboard.store.ingest import BatchWrite, write_batch
from hiveboard.store.projects import DEFAULT_PROJECT_ID
from hiveboard.store.tables import LLM_USAGE_HOURLY
from hiveboard.store.types import from_millis, to_millis
from tests.conftest import POSTGRES_ENV, make_keys

T0 = to_millis(datetime(2026, 2, 10, tzinfo=UTC))
AGENTS = ("a-1", "a-2", "a-3")
ENVS = {"a-1": ("production", "sales"), "a-2": ("staging", "ops"), "a-3": ("production", "ops")}
MODELS = ("gpt-4o", "claude", "", None)
PROJECTS = ("default", "alpha", None)


def _row(rng: random.Random, ts: int, workspace_id: int) -> dict[str, Any]:
    agent = rng.choice(AGENTS)
    environment, group = ENVS[agent]
    roll = rng.random()
    event_type, kind = "custom", "llm_call"
    if roll < 0.15:
        event_type, kind = "heartbeat", None
    elif roll < 0.25:
        kind = "queue_snapshot"
    elif roll < 0.3:
        event_type = "action_completed"  # an llm_call kind on another type is not a call
    return {
        "workspace_id": workspace_id, "event_id": str(uuid.UUID(int=rng.getrandbits(128))),
        "agent_id": agent, "agent_type": "general", "project_id": rng.choice(PROJECTS),
        "timestamp": from_millis(ts), "received_at": from_millis(T0), "environment": environment,
        "group": group, "task_id": rng.choice((None, "t-1", "t-2")), "task_type": None,
        "task_run_id": None,
        "correlation_id": None, "action_id": None, "parent_action_id": None,
        "parent_event_id": None, "event_type": event_type, "severity": "info", "status": None,
        "duration_ms": None, "payload": None, "payload_kind": kind,
        "llm_model": rng.choice(MODELS) if kind == "llm_call" else None,
        "llm_cost": None if rng.random() < 0.1 else round(rng.uniform(0, 0.05), 6),
        "llm_tokens_in": None if rng.random() < 0.1 else rng.randrange(5000),
        "llm_tokens_out": None if rng.random() < 0.1 else rng.randrange(2000),
    }


def _timestamp(rng: random.Random) -> int:
    if rng.random() < 0.03:  # before 1970: hours floor, never truncate
        return rng.randrange(-3 * HOUR_MS, HOUR_MS)
    return T0 + rng.randrange(30 * HOUR_MS)


def _load(database: Database, seed: int, batches: int = 12) -> int:
    """Random batches through the ingest write path, some events sent twice."""
    rng = random.Random(seed)
    k = make_keys(database)
    workspace_id = database.read_sync(keys.workspace_for, k.tenant_id, "live")
    sent: list[dict[str, Any]] = []
    for _ in range(batches):
        rows = [_row(rng, _timestamp(rng), workspace_id) for _ in range(rng.randrange(5, 40))]
        resend = rng.sample(sent, k=min(len(sent), rng.randrange(6)))
        sent.extend(rows)
        database.write_sync(write_batch, BatchWrite(
            workspace_id=workspace_id, received_at=from_millis(T0), auto_create_projects=True,
            rows=[dict(r) for r in rows + resend], agent_metadata={}))
    return workspace_id


def _rollup(conn: Connection) -> list[tuple[Any, ...]]:
    t = LLM_USAGE_HOURLY.c
    return [tuple(r) for r in conn.execute(select(LLM_USAGE_HOURLY).order_by(
        *(t[name] for name in llm_usage.KEY_COLUMNS)))]


def _same_rollup(a: list[tuple[Any, ...]], b: list[tuple[Any, ...]]) -> None:
    cost = [c.name for c in LLM_USAGE_HOURLY.columns].index("cost")
    assert [r[:cost] + r[cost + 1:] for r in a] == [r[:cost] + r[cost + 1:] for r in b]
    assert [r[cost] for r in a] == pytest.approx([r[cost] for r in b], abs=1e-9)


@pytest.mark.parametrize("seed", [1, 2])
def test_rebuild_equals_incremental_after_random_batches(database: Database, seed: int) -> None:
    _load(database, seed)
    incremental = database.read_sync(_rollup)
    assert incremental, "the random load holds LLM calls"
    assert any(r[1] < 0 for r in incremental), "pre-1970 hours are covered"
    written = database.write_sync(llm_usage.rebuild)
    assert written == len(incremental)
    _same_rollup(database.read_sync(_rollup), incremental)


def test_rebuild_of_one_workspace_leaves_the_others(database: Database) -> None:
    workspace_id = _load(database, 3, batches=4)
    with database.engine.begin() as conn:
        conn.execute(update(LLM_USAGE_HOURLY).values(cost=LLM_USAGE_HOURLY.c.cost + 1))
        conn.execute(LLM_USAGE_HOURLY.insert().values(
            workspace_id=workspace_id + 1, hour_ms=0, agent_id="x", model="", has_model=False,
            project_id="", in_task=False, environment="e", group="g", call_count=1,
            costed_count=1, cost=0.5, tokens_in=0, tokens_out=0, first_call_ms=0,
            last_call_ms=0))
    database.write_sync(llm_usage.rebuild, workspace_id)
    rows = database.read_sync(_rollup)
    assert [r for r in rows if r[0] != workspace_id] == [
        (workspace_id + 1, 0, "x", "", False, "", False, "e", "g", 1, 1, 0.5, 0, 0, 0, 0)]
    with database.engine.connect() as conn:
        raw = cost_queries.totals(conn, CallFilter(workspace_id=workspace_id),
                                  use_rollup=False)
        summed = conn.execute(text(
            "SELECT SUM(cost) FROM llm_usage_hourly WHERE workspace_id = :w"),
            {"w": workspace_id}).scalar_one()
    assert float(summed) == pytest.approx(raw["cost"], abs=1e-9)


NAMES = [(), ("agent_id",), ("model",), ("agent_id", "model"), ("bucket",), ("bucket", "model"),
         ("bucket", "agent_id"), ("project_id", "in_task")]
WIDTHS = [HOUR_MS, 6 * HOUR_MS, 24 * HOUR_MS, 300_000]


def _window(rng: random.Random) -> tuple[int, int]:
    since = T0 - HOUR_MS + rng.randrange(32 * HOUR_MS)
    if rng.random() < 0.25:
        since -= since % HOUR_MS
    until = since + rng.choice((rng.randrange(1, HOUR_MS), rng.randrange(26 * HOUR_MS)))
    if rng.random() < 0.25:
        until -= until % HOUR_MS
    return since, max(until, since + 1)


def _comparable(rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return sorted((r.get("bucket", 0), r.get("agent_id") or "", str(r.get("model")),
                   str(r.get("project_id")), r.get("in_task", False),
                   r["call_count"], round(r["cost"], 10), r["tokens_in"], r["tokens_out"])
                  for r in rows)


def test_rollup_reads_equal_raw_reads_on_random_data(database: Database) -> None:
    workspace_id = _load(database, 7, batches=20)
    rng = random.Random(11)
    with database.engine.connect() as conn:
        project_ids = [r[0] for r in conn.execute(text(
            "SELECT DISTINCT project_id FROM events WHERE project_id IS NOT NULL"))]
        paths = {"rollup": 0, "clean_edge": 0, "dirty_edge": 0}
        for _ in range(300):
            since, until = _window(rng)
            f = CallFilter(
                workspace_id=workspace_id, since=from_millis(since), until=from_millis(until),
                agent_id=rng.choice((None, None, *AGENTS)),
                environment=rng.choice((None, None, "production")),
                group=rng.choice((None, None, "ops")),
                project_id=rng.choice((None, None, *project_ids)),
                model=rng.choice((None, None, *[m for m in MODELS if m is not None])))
            names = rng.choice(NAMES)
            width = rng.choice(WIDTHS) if "bucket" in names else None
            fast = cost_queries.aggregate(conn, f, names, width)
            slow = cost_queries.aggregate(conn, f, names, width, use_rollup=False)
            assert _comparable(fast) == _comparable(slow), (f, names, width)
            plan = plan_window(since, until, width)
            if plan is not None:
                paths["rollup"] += 1
                uf = llm_usage_queries.UsageFilter(
                    workspace_id=workspace_id, project_id=f.project_id, agent_id=f.agent_id,
                    environment=f.environment, group=f.group, model=f.model)
                dirty = llm_usage_queries.dirty_edges(conn, uf, plan)
                paths["dirty_edge"] += len(dirty)
                paths["clean_edge"] += len(set(plan.edges) - dirty)
    assert min(paths.values()) > 10, paths


def test_whole_hours_come_from_the_rollup_and_dirty_edges_from_events(
        database: Database) -> None:
    workspace_id = _load(database, 5, batches=10)
    with database.engine.begin() as conn:  # tamper: only rollup reads can see this
        conn.execute(update(LLM_USAGE_HOURLY).values(call_count=LLM_USAGE_HOURLY.c.call_count
                                                     + 1000))
    whole = CallFilter(workspace_id=workspace_id, since=from_millis(T0),
                       until=from_millis(T0 + 30 * HOUR_MS))
    with database.engine.connect() as conn:
        raw = cost_queries.totals(conn, whole, use_rollup=False)
        rows = conn.execute(text("SELECT COUNT(*) FROM llm_usage_hourly WHERE hour_ms >= :a"),
                            {"a": T0}).scalar_one()
        assert cost_queries.totals(conn, whole)["call_count"] == raw["call_count"] + 1000 * rows
        # One millisecond before the last call: that hour is cut with a call outside.
        last = conn.execute(text("SELECT MAX(last_call_ms) FROM llm_usage_hourly")).scalar_one()
        edge = CallFilter(workspace_id=workspace_id, since=from_millis(last - last % HOUR_MS),
                          until=from_millis(last))
        assert cost_queries.totals(conn, edge) == cost_queries.totals(conn, edge,
                                                                      use_rollup=False)


@pytest.fixture
def empty_db_url(db_url: str, tmp_path: Path) -> Iterator[str]:
    """A database of the same kind with nothing in it, as before the first migration."""
    if db_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'empty.db'}"
        return
    base = os.environ[POSTGRES_ENV]
    name = f"hb_empty_{uuid.uuid4().hex[:8]}"
    admin = create_engine(base.replace("postgresql://", "postgresql+psycopg://", 1),
                          isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield base.rsplit("/", 1)[0] + "/" + name
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_the_migration_fills_the_rollup_from_stored_events(empty_db_url: str) -> None:
    engine = create_db_engine(empty_db_url)
    try:
        migrate.upgrade(engine, "0001")
        rng = random.Random(4)
        rows = [_row(rng, _timestamp(rng), 1) for _ in range(300)]
        with engine.begin() as conn:
            events.insert_new(conn, rows)
        migrate.upgrade(engine)
        with engine.connect() as conn:
            migrated = _rollup(conn)
        assert len(migrated) > 50
        with engine.begin() as conn:
            llm_usage.rebuild(conn)
            _same_rollup(_rollup(conn), migrated)
            conn.execute(LLM_USAGE_HOURLY.delete())
            llm_usage.apply_batch(conn, 1, rows)
            _same_rollup(_rollup(conn), migrated)
    finally:
        engine.dispose()


def test_agent_usage_through_the_rollup_equals_the_raw_query(database: Database) -> None:
    workspace_id = _load(database, 13, batches=20)
    rng = random.Random(5)
    with database.engine.connect() as conn:
        projects = [None, DEFAULT_PROJECT_ID, *(r[0] for r in conn.execute(text(
            "SELECT DISTINCT project_id FROM events WHERE project_id IS NOT NULL")))]
        for _ in range(150):
            since = T0 - HOUR_MS + rng.randrange(32 * HOUR_MS)
            width = rng.choice((None, HOUR_MS, 24 * HOUR_MS))
            buckets = None if width is None else Buckets(origin_ms=since - since % width,
                                                         width_ms=width)
            agents = rng.choice(([rng.choice(AGENTS)], list(AGENTS)))
            kwargs: dict[str, Any] = {"since": from_millis(since),
                                      "project_id": rng.choice(projects), "buckets": buckets}

            def key(rows: Sequence[Any]) -> list[tuple[Any, ...]]:
                return sorted((r.agent_id, int(r.bucket), int(r.calls), r.cost is None,
                               round(float(r.cost or 0), 10), int(r.costed)) for r in rows)

            fast = agent_queries.llm_usage(conn, workspace_id, agents, **kwargs)
            slow = agent_queries._llm_usage_raw(conn, workspace_id, agents, **kwargs)
            assert key(fast) == key(slow), (agents, kwargs)
