from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.project_agent import ProjectAgent
from ...models.project_agent_create import ProjectAgentCreate
from ...types import Response


def _get_kwargs(
    project_id: str,
    *,
    body: ProjectAgentCreate,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/projects/{project_id}/agents".format(
            project_id=quote(str(project_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | ProjectAgent:
    if response.status_code == 200:
        response_200 = ProjectAgent.from_dict(response.json())

        return response_200

    if response.status_code == 201:
        response_201 = ProjectAgent.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Error.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Error.from_dict(response.json())

        return response_404

    if response.status_code == 415:
        response_415 = Error.from_dict(response.json())

        return response_415

    if response.status_code == 429:
        response_429 = Error.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = Error.from_dict(response.json())

        return response_500

    if response.status_code == 501:
        response_501 = Error.from_dict(response.json())

        return response_501

    if response.status_code == 503:
        response_503 = Error.from_dict(response.json())

        return response_503

    response_default = Error.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Error | ProjectAgent]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    project_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: ProjectAgentCreate,
) -> Response[Error | ProjectAgent]:
    """Add an agent to a project

     Makes an existing agent (one that has sent events) a member of the project. Ingest
    adds memberships on its own whenever an agent sends a task event with a project, so
    the call is idempotent: 201 for a new membership, 200 with the existing record when
    the agent already belongs to the project. 404 `project_not_found` or
    `agent_not_found` when either does not exist. Recorded in the audit log as
    `project_agent.added`.

    Args:
        project_id (str):
        body (ProjectAgentCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ProjectAgent]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    project_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: ProjectAgentCreate,
) -> Error | ProjectAgent | None:
    """Add an agent to a project

     Makes an existing agent (one that has sent events) a member of the project. Ingest
    adds memberships on its own whenever an agent sends a task event with a project, so
    the call is idempotent: 201 for a new membership, 200 with the existing record when
    the agent already belongs to the project. 404 `project_not_found` or
    `agent_not_found` when either does not exist. Recorded in the audit log as
    `project_agent.added`.

    Args:
        project_id (str):
        body (ProjectAgentCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ProjectAgent
    """

    return sync_detailed(
        project_id=project_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    project_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: ProjectAgentCreate,
) -> Response[Error | ProjectAgent]:
    """Add an agent to a project

     Makes an existing agent (one that has sent events) a member of the project. Ingest
    adds memberships on its own whenever an agent sends a task event with a project, so
    the call is idempotent: 201 for a new membership, 200 with the existing record when
    the agent already belongs to the project. 404 `project_not_found` or
    `agent_not_found` when either does not exist. Recorded in the audit log as
    `project_agent.added`.

    Args:
        project_id (str):
        body (ProjectAgentCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ProjectAgent]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    project_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: ProjectAgentCreate,
) -> Error | ProjectAgent | None:
    """Add an agent to a project

     Makes an existing agent (one that has sent events) a member of the project. Ingest
    adds memberships on its own whenever an agent sends a task event with a project, so
    the call is idempotent: 201 for a new membership, 200 with the existing record when
    the agent already belongs to the project. 404 `project_not_found` or
    `agent_not_found` when either does not exist. Recorded in the audit log as
    `project_agent.added`.

    Args:
        project_id (str):
        body (ProjectAgentCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ProjectAgent
    """

    return (
        await asyncio_detailed(
            project_id=project_id,
            client=client,
            body=body,
        )
    ).parsed
