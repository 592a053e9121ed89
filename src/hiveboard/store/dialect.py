"""Dialect-specific statement builders, so repositories stay dialect-neutral."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Table
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
