"""How /v1/metrics reads: the LLM totals are the sum of the window's buckets (one read of the
window, equal to the raw totals), and the stuck count reads the open-task index."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import event, inspect
from sqlalchemy.engine import Connection

from hiveboard.domain.llm_usage import HOUR_MS
from hiveboard.store import cost_queries, metrics_queries
from hiveboard.store.cost_queries import CallFilter
from hiveboard.store.database import Database
from hiveboard.store.metrics_queries import MetricsQuery, Scope
from hiveboard.store.types import from_millis
from tests.store.test_llm_usage import T0
from tests.store.test_llm_usage import _load as load_calls


@contextmanager
def statements(database: Database) -> Iterator[list[tuple[str, Any]]]:
    """The SQL statements (and parameters) executed inside the block."""
    seen: list[tuple[str, Any]] = []

    def capture(conn: Any, cursor: Any, statement: str, params: Any, *_: Any) -> None:
        seen.append((statement, params))

    event.listen(database.engine, "before_cursor_execute", capture)
    try:
        yield seen
    finally:
        event.remove(database.engine, "before_cursor_execute", capture)


def _windows(rng: random.Random) -> list[tuple[int, int, int]]:
    """(since, until, bucket width): cut hours at both ends, 5-minute and hourly buckets."""
    out = []
    for _ in range(12):
        since = T0 + rng.randrange(28 * HOUR_MS)
        until = since + rng.choice((HOUR_MS, 6 * HOUR_MS, 24 * HOUR_MS)) + rng.randrange(3)
        out.append((since, until, rng.choice((300_000, HOUR_MS))))
    return out


def test_metrics_llm_totals_equal_the_raw_totals_and_read_the_window_once(
        database: Database) -> None:
    workspace_id = load_calls(database, seed=7, batches=20)
    rng = random.Random(7)
    for since, until, width in _windows(rng):
        q = MetricsQuery(scope=Scope(workspace_id=workspace_id), project_ref=None,
                         since=from_millis(since), until=from_millis(until), width_ms=width,
                         parts=frozenset({"llm"}))
        with statements(database) as seen:
            read = database.read_sync(metrics_queries.read_metrics, q, lambda _: False)
        raw = database.read_sync(cost_queries.totals, CallFilter(
            workspace_id=workspace_id, since=q.since, until=q.until), use_rollup=False)
        assert {k: v for k, v in read.llm.items() if k != "cost"} == {
            k: v for k, v in raw.items() if k != "cost"}
        assert read.llm["cost"] == pytest.approx(raw["cost"], abs=1e-9)
        if width < HOUR_MS:  # sub-hour buckets are raw: the window's calls are read once
            assert sum(bool(re.search(r"\bFROM events\b", sql)) for sql, _ in seen) == 1


def _explain(conn: Connection, sql: str, params: Any) -> str:
    if conn.dialect.name == "postgresql":
        # An empty table is cheapest to scan: ask whether the index can serve the query.
        conn.exec_driver_sql("SET LOCAL enable_seqscan = off")
        return "\n".join(r[0] for r in conn.exec_driver_sql("EXPLAIN " + sql, params))
    return "\n".join(r[-1] for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql, params))


def test_the_stuck_count_reads_the_open_task_index(database: Database) -> None:
    scope = Scope(workspace_id=1)
    with statements(database) as seen:
        database.read_sync(metrics_queries.stuck_tasks, scope, ["a-1", "a-2"])
    (sql, params), = seen
    plan = database.read_sync(_explain, sql, params)
    assert "ix_tasks_open" in plan, plan


def test_a_window_of_llm_calls_is_a_time_range_of_the_call_index(database: Database) -> None:
    """Time follows the equality columns the query can bound. PostgreSQL drops conditions the
    partial-index predicate implies (kind, type) from the index conditions, so there time
    must follow the workspace directly or a window filters every call of the workspace."""
    f = CallFilter(workspace_id=1, since=from_millis(T0), until=from_millis(T0 + HOUR_MS))
    with statements(database) as seen:
        database.read_sync(cost_queries.buckets, f, 300_000, False, use_rollup=False)
    (sql, params), = seen
    plan = database.read_sync(_explain, sql, params)
    assert "ix_events_llm_calls" in plan, plan
    index = next(ix for ix in inspect(database.engine).get_indexes("events")
                 if ix["name"] == "ix_events_llm_calls")
    bounded = (["workspace_id"] if database.engine.dialect.name == "postgresql"
               else ["workspace_id", "payload_kind", "event_type"])
    assert index["column_names"][:len(bounded) + 1] == [*bounded, "timestamp"]
    if database.engine.dialect.name == "sqlite":
        assert "timestamp>?" in plan, plan
