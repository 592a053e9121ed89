"""GET /v1/cost, /v1/cost/calls, /v1/cost/timeseries and /v1/llm-calls: the Cost Explorer."""

from __future__ import annotations

from hiveboard_contract import operations as op

from hiveboard.api.context import principal, services
from hiveboard.api.render import json_response
from hiveboard.services import cost


@op.get_cost_summary
async def get_cost_summary(
    *, project_id: str | None = None, agent_id: str | None = None,
    environment: str | None = None, group_by: str = "agent", since: str | None = None,
    until: str | None = None,
) -> object:
    return json_response(await cost.cost_summary(
        services(), principal(), project_id=project_id, agent_id=agent_id,
        environment=environment, group_by=group_by, since=since, until=until))


@op.list_cost_calls
async def list_cost_calls(
    *, project_id: str | None = None, agent_id: str | None = None, model: str | None = None,
    task_id: str | None = None, environment: str | None = None, since: str | None = None,
    until: str | None = None, sort: str = "newest", limit: int = 50, cursor: str | None = None,
) -> object:
    return json_response(await cost.list_cost_calls(
        services(), principal(), project_id=project_id, agent_id=agent_id, model=model,
        task_id=task_id, environment=environment, since=since, until=until, sort=sort,
        limit=limit, cursor=cursor))


@op.get_cost_timeseries
async def get_cost_timeseries(
    *, project_id: str | None = None, agent_id: str | None = None,
    environment: str | None = None, since: str | None = None, until: str | None = None,
    interval: str | None = None, split_by_model: bool = False,
) -> object:
    return json_response(await cost.cost_timeseries(
        services(), principal(), project_id=project_id, agent_id=agent_id,
        environment=environment, since=since, until=until, interval=interval,
        split_by_model=split_by_model))


@op.list_llm_calls
async def list_llm_calls(
    *, project_id: str | None = None, agent_id: str | None = None, model: str | None = None,
    task_id: str | None = None, environment: str | None = None, time_range: str | None = None,
    since: str | None = None, until: str | None = None, sort: str = "newest", limit: int = 50,
    cursor: str | None = None,
) -> object:
    return json_response(await cost.list_llm_calls(
        services(), principal(), project_id=project_id, agent_id=agent_id, model=model,
        task_id=task_id, environment=environment, time_range=time_range, since=since,
        until=until, sort=sort, limit=limit, cursor=cursor))
