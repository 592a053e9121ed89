"""Dialect-specific statement builders, so repositories stay dialect-neutral."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

InsertBuilder = Callable[[Table], Any]
_BUILT: dict[tuple[Callable[[InsertBuilder], Any], str], Any] = {}


def insert_builder(conn: Connection) -> InsertBuilder:
    """The dialect's ``insert`` construct (the one with ``on_conflict_*``)."""
    return postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert


def insert_ignoring_conflicts(conn: Connection, table: Table, **conflict: Any) -> Any:
    """``INSERT … ON CONFLICT DO NOTHING`` for the connection's dialect."""
    return insert_builder(conn)(table).on_conflict_do_nothing(**conflict)


def built_once(conn: Connection, build: Callable[[InsertBuilder], Any]) -> Any:
    """The statement ``build`` makes for this dialect, made on first use and then reused.

    Ingest runs every rollup upsert once per batch; building an ``ON CONFLICT DO UPDATE``
    (its ``excluded`` alias proxies every column) cost more than executing it.
    """
    key = (build, conn.dialect.name)
    stmt = _BUILT.get(key)
    if stmt is None:
        stmt = _BUILT[key] = build(insert_builder(conn))
    return stmt
