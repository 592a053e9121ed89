"""The activity stream: stored events, newest first, keyset-paginated on (timestamp, seq)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from hiveboard.domain.principal import Principal
from hiveboard.errors import BadRequest
from hiveboard.services.container import Services
from hiveboard.services.pagination import Page, decode_cursor, paginate
from hiveboard.services.params import time_window
from hiveboard.services.views import event_view
from hiveboard.store import event_queries
from hiveboard.store.database import Connection
from hiveboard.store.event_queries import EventQuery
from hiveboard.store.projects import find_project
from hiveboard.store.types import to_millis

EVENTS_SORT = "events.newest"


def bad_cursor() -> BadRequest:
    return BadRequest("cursor is not valid for this query: pass back a cursor exactly as "
                      "returned, with the same sort", details={
                          "field": "cursor", "location": "query",
                          "reason": "unrecognised cursor"})


def is_int(value: Any) -> bool:
    """JSON integers only: ``true`` decodes to a bool, which Python counts as an int."""
    return isinstance(value, int) and not isinstance(value, bool)


def event_key(key: Sequence[Any] | None) -> tuple[int, int] | None:
    """A decoded events cursor as (timestamp ms, seq); 400 for anything we could not issue."""
    if key is None:
        return None
    millis, seq = key
    if not (is_int(millis) and is_int(seq)):
        raise bad_cursor()
    return millis, seq


def _as_tuple(values: list[str] | None) -> tuple[str, ...] | None:
    return None if values is None else tuple(sorted(set(values)))


def _read_page(conn: Connection, query: EventQuery, project_ref: str | None,
               after: tuple[int, int] | None, limit: int) -> list[dict[str, Any]]:
    if project_ref is not None:
        project = find_project(conn, query.workspace_id, project_ref)
        if project is None:
            return []  # an unknown project matches nothing
        query = replace(query, project_id=project.project_id)
    return event_queries.page_events(conn, query, after, limit)


async def list_events(
    ctx: Services, principal: Principal, *, project_id: str | None = None,
    agent_id: str | None = None, task_id: str | None = None,
    event_type: list[str] | None = None, severity: list[str] | None = None,
    environment: str | None = None, group: str | None = None,
    payload_kind: list[str] | None = None, since: str | None = None, until: str | None = None,
    exclude_heartbeats: bool = True, limit: int = 50, cursor: str | None = None,
) -> Page[dict[str, Any]]:
    after = event_key(decode_cursor(cursor, EVENTS_SORT, 2))
    start, end = time_window(since, until, now=ctx.clock())
    query = EventQuery(
        workspace_id=principal.workspace_id, agent_id=agent_id, task_id=task_id,
        environment=environment, group=group, event_types=_as_tuple(event_type),
        severities=_as_tuple(severity), payload_kinds=_as_tuple(payload_kind),
        since=start, until=end, exclude_heartbeats=exclude_heartbeats)
    rows = await ctx.db.read(_read_page, query, project_id, after, limit)
    page = paginate(rows, limit, EVENTS_SORT,
                    lambda row: [to_millis(row["timestamp"]), row["seq"]])
    return Page(items=[event_view(row) for row in page.items], cursor=page.cursor,
                has_more=page.has_more)
