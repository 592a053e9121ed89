"""A tenant's stored events for ``hiveboard export``: oldest first, in the API's ``Event`` shape,
streamed batch by batch so memory stays flat whatever the window holds."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from hiveboard.services.views import event_view
from hiveboard.store import export_queries
from hiveboard.store.database import Database
from hiveboard.store.types import to_millis

EXPORT_MODES = ("live", "test")
DEFAULT_BATCH = 1000


class UnknownTenant(LookupError):
    """No tenant of that name (the operator mistyped it, or the database is another one)."""


def workspace_of(db: Database, tenant: str, mode: str) -> int:
    workspace_id = db.read_sync(export_queries.workspace_of_tenant, tenant, mode)
    if workspace_id is None:
        raise UnknownTenant(f"no tenant named {tenant!r} in this database")
    return workspace_id


def count(db: Database, workspace_id: int, since: datetime | None,
          until: datetime | None) -> int:
    return db.read_sync(export_queries.count_events, workspace_id, since, until)


def events(db: Database, workspace_id: int, since: datetime | None, until: datetime | None,
           *, batch_size: int = DEFAULT_BATCH) -> Iterator[dict[str, Any]]:
    """Every event of the window as the contract's ``Event``, one short read per batch."""
    after: tuple[int, int] | None = None
    while True:
        rows = db.read_sync(export_queries.events_after, workspace_id, since, until, after,
                            batch_size)
        for row in rows:
            yield event_view(row)
        if len(rows) < batch_size:
            return
        last = rows[-1]
        after = (to_millis(last["timestamp"]), int(last["seq"]))
