"""GET /v1/tasks and GET /v1/tasks/{task_id}/timeline."""

from __future__ import annotations

from hiveboard_contract import operations as op

from hiveboard.api.context import principal, services
from hiveboard.api.render import json_response
from hiveboard.services import tasks


@op.list_tasks
async def list_tasks(
    *, project_id: str | None = None, agent_id: str | None = None, task_type: str | None = None,
    status: list[str] | None = None, environment: str | None = None, group: str | None = None,
    since: str | None = None, until: str | None = None, sort: str = "newest", limit: int = 50,
    cursor: str | None = None,
) -> object:
    page = await tasks.list_tasks(
        services(), principal(), project_id=project_id, agent_id=agent_id, task_type=task_type,
        status=status, environment=environment, group=group, since=since, until=until,
        sort=sort, limit=limit, cursor=cursor)
    return json_response(page)


@op.get_task_timeline
async def get_task_timeline(*, task_id: str, task_run_id: str | None = None) -> object:
    timeline = await tasks.get_task_timeline(services(), principal(), task_id, task_run_id)
    return json_response(timeline)
