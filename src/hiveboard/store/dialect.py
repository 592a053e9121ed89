"""Dialect-specific statement builders, so repositories stay dialect-neutral."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection


def insert_ignoring_conflicts(conn: Connection, table: Table, **conflict: Any) -> Any:
    """``INSERT … ON CONFLICT DO NOTHING`` for the connection's dialect."""
    builder = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
    return builder(table).on_conflict_do_nothing(**conflict)
