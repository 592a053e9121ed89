"""The events table: batch insert with database-enforced dedup."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy.engine import Connection

from hiveboard.store.dialect import insert_ignoring_conflicts
from hiveboard.store.tables import EVENTS


def insert_new(conn: Connection, rows: Sequence[dict[str, Any]]) -> set[str]:
    """Insert rows whose (workspace_id, event_id) is new; return the event ids inserted.

    The unique constraint decides, so concurrent identical batches store each event once.
    """
    if not rows:
        return set()
    stmt = insert_ignoring_conflicts(
        conn, EVENTS, index_elements=["workspace_id", "event_id"]
    ).returning(EVENTS.c.event_id)
    return {r[0] for r in conn.execute(stmt, list(rows))}
