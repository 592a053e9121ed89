"""/v1/agents: the fleet with derived health, one agent's detail, its work pipeline."""

from __future__ import annotations

from hiveboard_contract import operations as op

from hiveboard.api.context import principal, services
from hiveboard.api.render import json_response
from hiveboard.services import agent_pipeline, agents


@op.list_agents
async def list_agents(*, project_id: str | None = None, environment: str | None = None,
                      group: str | None = None, status: list[str] | None = None,
                      agent_type: str | None = None, sort: str = "attention", limit: int = 50,
                      cursor: str | None = None) -> object:
    page = await agents.list_agents(
        services(), principal(), project_id=project_id, environment=environment, group=group,
        status=status, agent_type=agent_type, sort=sort, limit=limit, cursor=cursor)
    return json_response(page)


@op.get_agent
async def get_agent(*, agent_id: str, project_id: str | None = None, metrics_range: str = "24h",
                    metrics_interval: str | None = None) -> object:
    detail = await agents.get_agent(services(), principal(), agent_id, project_id=project_id,
                                    metrics_range=metrics_range,
                                    metrics_interval=metrics_interval)
    return json_response(detail)


@op.get_agent_pipeline
async def get_agent_pipeline(*, agent_id: str) -> object:
    return json_response(
        await agent_pipeline.get_agent_pipeline(services(), principal(), agent_id))
