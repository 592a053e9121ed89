"""Reads for ``hiveboard export``: a tenant's workspace by name, and its events in keyset
batches, oldest first.

Each batch is its own short read, keyed on (timestamp, seq) -- the ``ix_events_ws_time``
index -- so an export of any size holds one batch in memory and never pins a long
transaction (or a server-side cursor) open against a database that keeps ingesting.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.engine import Connection

from hiveboard.store.tables import EVENTS, TENANTS, WORKSPACES


def workspace_of_tenant(conn: Connection, tenant_name: str, mode: str) -> int | None:
    """The ``live`` or ``test`` workspace of the tenant called ``tenant_name``."""
    value = conn.execute(
        select(WORKSPACES.c.workspace_id)
        .join(TENANTS, TENANTS.c.tenant_id == WORKSPACES.c.tenant_id)
        .where(TENANTS.c.name == tenant_name, WORKSPACES.c.mode == mode)
    ).scalar()
    return None if value is None else int(value)


def _window(workspace_id: int, since: datetime | None,
            until: datetime | None) -> list[ColumnElement[bool]]:
    e = EVENTS.c
    clauses: list[ColumnElement[bool]] = [e.workspace_id == workspace_id]
    if since is not None:
        clauses.append(e.timestamp >= since)
    if until is not None:
        clauses.append(e.timestamp < until)
    return clauses


def count_events(conn: Connection, workspace_id: int, since: datetime | None,
                 until: datetime | None) -> int:
    """How many events (heartbeats included) the window holds: the progress bar's total."""
    stmt = select(func.count()).select_from(EVENTS).where(*_window(workspace_id, since, until))
    return int(conn.execute(stmt).scalar_one())


def events_after(conn: Connection, workspace_id: int, since: datetime | None,
                 until: datetime | None, after: tuple[int, int] | None,
                 limit: int) -> list[dict[str, Any]]:
    """Up to ``limit`` events of the window strictly after ``after`` = (timestamp ms, seq),
    oldest first."""
    e = EVENTS.c
    stmt = select(EVENTS).where(*_window(workspace_id, since, until))
    if after is not None:
        millis, seq = after
        # The redundant ``>=`` lets the database seek the (workspace, timestamp, seq) index.
        stmt = stmt.where(e.timestamp >= millis, or_(e.timestamp > millis, e.seq > seq))
    stmt = stmt.order_by(e.timestamp, e.seq).limit(limit)
    return [dict(r) for r in conn.execute(stmt).mappings()]
