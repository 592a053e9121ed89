"""/v1/projects: project CRUD, archival and agent memberships."""

from __future__ import annotations

from typing import Any

from hiveboard_contract import operations as op

from hiveboard.api.context import principal, services
from hiveboard.api.render import json_response, no_content
from hiveboard.services import projects


@op.list_projects
async def list_projects(*, include_archived: bool = False, limit: int = 50,
                        cursor: str | None = None) -> object:
    page = await projects.list_projects(services(), principal(), include_archived=include_archived,
                                        limit=limit, cursor=cursor)
    return json_response(page)


@op.create_project
async def create_project(*, body: dict[str, Any]) -> object:
    return json_response(await projects.create_project(services(), principal(), body), 201)


@op.get_project
async def get_project(*, project_id: str) -> object:
    return json_response(await projects.get_project(services(), principal(), project_id))


@op.update_project
async def update_project(*, body: dict[str, Any], project_id: str) -> object:
    return json_response(await projects.update_project(services(), principal(), project_id, body))


@op.delete_project
async def delete_project(*, project_id: str) -> object:
    await projects.delete_project(services(), principal(), project_id)
    return no_content()


@op.archive_project
async def archive_project(*, project_id: str) -> object:
    return json_response(await projects.set_archived(services(), principal(), project_id, True))


@op.unarchive_project
async def unarchive_project(*, project_id: str) -> object:
    return json_response(await projects.set_archived(services(), principal(), project_id, False))


@op.add_project_agent
async def add_project_agent(*, body: dict[str, Any], project_id: str) -> object:
    membership, created = await projects.add_agent(services(), principal(), project_id, body)
    return json_response(membership, 201 if created else 200)


@op.remove_project_agent
async def remove_project_agent(*, project_id: str, agent_id: str) -> object:
    await projects.remove_agent(services(), principal(), project_id, agent_id)
    return no_content()


@op.list_project_agents
async def list_project_agents(*, project_id: str, limit: int = 50,
                              cursor: str | None = None) -> object:
    page = await projects.list_members(services(), principal(), project_id, limit=limit,
                                       cursor=cursor)
    return json_response(page)
