"""GET /v1/events: the activity stream."""

from __future__ import annotations

from hiveboard_contract import operations as op

from hiveboard.api.context import principal, services
from hiveboard.api.render import json_response
from hiveboard.services import events


@op.list_events
async def list_events(
    *, project_id: str | None = None, agent_id: str | None = None, task_id: str | None = None,
    event_type: list[str] | None = None, severity: list[str] | None = None,
    environment: str | None = None, group: str | None = None,
    payload_kind: list[str] | None = None, since: str | None = None, until: str | None = None,
    exclude_heartbeats: bool = True, limit: int = 50, cursor: str | None = None,
) -> object:
    page = await events.list_events(
        services(), principal(), project_id=project_id, agent_id=agent_id, task_id=task_id,
        event_type=event_type, severity=severity, environment=environment, group=group,
        payload_kind=payload_kind, since=since, until=until,
        exclude_heartbeats=exclude_heartbeats, limit=limit, cursor=cursor)
    return json_response({"data": page.items, "pagination": page.pagination()})
