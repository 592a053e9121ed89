"""Dialect-specific statement builders, so repositories stay dialect-neutral."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Table, bindparam, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

InsertBuilder = Callable[[Table], Any]
StatementBuilder = Callable[[str], Any]
"""Makes a statement for a dialect name (``sqlite`` or ``postgresql``)."""
_BUILT: dict[tuple[StatementBuilder, str], Any] = {}


def insert_for(dialect: str) -> InsertBuilder:
    """The dialect's ``insert`` construct (the one with ``on_conflict_*``)."""
    return postgresql.insert if dialect == "postgresql" else sqlite.insert


def insert_ignoring_conflicts(conn: Connection, table: Table, **conflict: Any) -> Any:
    """``INSERT … ON CONFLICT DO NOTHING`` for the connection's dialect."""
    return insert_for(conn.dialect.name)(table).on_conflict_do_nothing(**conflict)


def built_once(conn: Connection, build: StatementBuilder) -> Any:
    """The statement ``build`` makes for this connection's dialect, made on first use.

    Ingest runs its statements once per batch; building one (an ``ON CONFLICT DO UPDATE``
    proxies every column for its ``excluded`` alias) cost more than executing it. Statements
    built here take every value as a bound parameter.
    """
    key = (build, conn.dialect.name)
    stmt = _BUILT.get(key)
    if stmt is None:
        stmt = _BUILT[key] = build(conn.dialect.name)
    return stmt


def current_rows(table: Table, key: str, columns: Sequence[str]) -> StatementBuilder:
    """A builder for: this workspace's rows whose ``key`` is in ``b_keys`` (workspace
    ``b_ws``), in key order, locked for update on PostgreSQL.

    Key order is the lock order: two batches touching the same rows lock them in the same
    sequence and cannot deadlock (PostgreSQL locks after sorting). SQLite serialises writers
    already, so it takes no lock clause.
    """
    def build(dialect: str) -> Any:
        query = (select(table.c[key], *(table.c[name] for name in columns))
                 .where(table.c.workspace_id == bindparam("b_ws"),
                        table.c[key].in_(bindparam("b_keys", expanding=True)))
                 .order_by(table.c[key]))
        return query.with_for_update() if dialect == "postgresql" else query
    return build
