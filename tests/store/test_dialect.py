"""Statements ingest runs per batch are built once per dialect, then reused."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from sqlalchemy.dialects import postgresql, sqlite

from hiveboard.store import agents as agents_store
from hiveboard.store import tasks as tasks_store
from hiveboard.store.dialect import built_once, current_rows, insert_for
from hiveboard.store.tables import TASKS


def conn_of(dialect: str) -> Any:
    return SimpleNamespace(dialect=SimpleNamespace(name=dialect))


def test_a_statement_is_built_once_per_dialect() -> None:
    calls: list[str] = []

    def build(dialect: str) -> object:
        calls.append(dialect)
        return object()

    first = built_once(conn_of("sqlite"), build)
    assert built_once(conn_of("sqlite"), build) is first
    other = built_once(conn_of("postgresql"), build)
    assert other is not first and built_once(conn_of("postgresql"), build) is other
    assert calls == ["sqlite", "postgresql"]


def test_insert_for_picks_the_dialect_with_on_conflict() -> None:
    assert insert_for("postgresql") is postgresql.insert
    assert insert_for("sqlite") is sqlite.insert


def _sql(stmt: Any, dialect: Any) -> str:
    return str(stmt.compile(dialect=dialect)).replace("\n", " ")


def test_current_rows_lock_in_key_order_on_postgresql_and_do_not_lock_on_sqlite() -> None:
    build = current_rows(TASKS, "task_id", ["agent_id"])
    pg = _sql(build("postgresql"), postgresql.dialect())
    # Lock order is sort order only when ORDER BY comes with the lock: batches sharing
    # rows then take their locks in the same sequence and cannot deadlock.
    assert pg.index("ORDER BY tasks.task_id") < pg.index("FOR UPDATE")
    lite = _sql(build("sqlite"), sqlite.dialect())
    assert "ORDER BY tasks.task_id" in lite and "FOR UPDATE" not in lite


def test_agent_and_task_rollups_read_their_rows_through_the_locking_builder() -> None:
    for select_current, key in ((agents_store._select_current, "agents.agent_id"),
                                (tasks_store._select_current, "tasks.task_id")):
        pg = _sql(select_current("postgresql"), postgresql.dialect())
        assert pg.index(f"ORDER BY {key}") < pg.index("FOR UPDATE")
