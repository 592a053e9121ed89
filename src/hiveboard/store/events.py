"""The events table: batch insert with database-enforced dedup."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import orjson
from sqlalchemy import text
from sqlalchemy.engine import Connection

from hiveboard.store.dialect import insert_ignoring_conflicts
from hiveboard.store.tables import EVENTS
from hiveboard.store.types import to_millis

# PostgreSQL array type of each column, for the one-statement unnest insert.
_PG_TYPES = {
    "workspace_id": "int", "timestamp": "bigint", "received_at": "bigint",
    "duration_ms": "bigint", "llm_cost": "float8", "llm_tokens_in": "bigint",
    "llm_tokens_out": "bigint", "payload": "text",
}
_COLUMNS = [c.name for c in EVENTS.columns if c.name != "seq"]
# Column names are constants from the table definition; every value is a bound parameter.
_PG_INSERT = text(
    "INSERT INTO events ({cols}) SELECT {select} FROM unnest({arrays}) AS u({cols}) "  # noqa: S608
    "ON CONFLICT (workspace_id, event_id) DO NOTHING RETURNING event_id".format(
        cols=", ".join(f'"{c}"' for c in _COLUMNS),
        select=", ".join(f'u."{c}"::jsonb' if c == "payload" else f'u."{c}"'
                         for c in _COLUMNS),
        arrays=", ".join(f"CAST(:{c} AS {_PG_TYPES.get(c, 'text')}[])" for c in _COLUMNS),
    )
)


def insert_new(conn: Connection, rows: Sequence[dict[str, Any]]) -> set[str]:
    """Insert rows whose (workspace_id, event_id) is new; return the event ids inserted.

    The unique constraint decides, so concurrent identical batches store each event once.
    """
    if not rows:
        return set()
    if conn.dialect.name == "postgresql":
        return _insert_postgres(conn, rows)
    stmt = insert_ignoring_conflicts(
        conn, EVENTS, index_elements=["workspace_id", "event_id"]
    ).returning(EVENTS.c.event_id)
    return {r[0] for r in conn.execute(stmt, list(rows))}


def _insert_postgres(conn: Connection, rows: Sequence[dict[str, Any]]) -> set[str]:
    """One statement with one array parameter per column.

    A multi-row VALUES insert has 13,000 parameters per batch, which psycopg re-parses on
    every call (measured 109 ms client CPU per 500 events, against 15 ms for this form).
    """
    columns: dict[str, list[Any]] = {c: [] for c in _COLUMNS}
    for row in rows:
        for c in _COLUMNS:
            value = row[c]
            if c in ("timestamp", "received_at"):
                value = to_millis(value)
            elif c == "payload" and value is not None:
                value = orjson.dumps(value).decode()
            columns[c].append(value)
    return {r[0] for r in conn.execute(_PG_INSERT, columns)}
