from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.projects_page import ProjectsPage
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    include_archived: bool | Unset = False,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["include_archived"] = include_archived

    params["limit"] = limit

    params["cursor"] = cursor

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/projects",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | ProjectsPage:
    if response.status_code == 200:
        response_200 = ProjectsPage.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

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
) -> Response[Error | ProjectsPage]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    include_archived: bool | Unset = False,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
) -> Response[Error | ProjectsPage]:
    """List projects

     The workspace's projects by name (ties by `project_id`; the cursor carries both),
    each with last-24-hour stats. Archived projects are left out unless
    `include_archived=true`. Every workspace has a default project (slug `default`) that
    receives tasks sent without a project.

    Stats: `agent_count` counts memberships; `tasks_completed_24h` and
    `tasks_failed_24h` count tasks whose latest terminal event is in the last 24 hours,
    by task status (a task that failed and then completed counts as completed only);
    `cost_24h` sums the `llm_call` custom events of the last 24 hours. The default
    project's stats include tasks sent without a project and the LLM calls inside them;
    agent-level LLM calls (no task, no project) belong to no project.

    Args:
        include_archived (bool | Unset):  Default: False.
        limit (int | Unset):  Default: 50.
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ProjectsPage]
    """

    kwargs = _get_kwargs(
        include_archived=include_archived,
        limit=limit,
        cursor=cursor,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    include_archived: bool | Unset = False,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
) -> Error | ProjectsPage | None:
    """List projects

     The workspace's projects by name (ties by `project_id`; the cursor carries both),
    each with last-24-hour stats. Archived projects are left out unless
    `include_archived=true`. Every workspace has a default project (slug `default`) that
    receives tasks sent without a project.

    Stats: `agent_count` counts memberships; `tasks_completed_24h` and
    `tasks_failed_24h` count tasks whose latest terminal event is in the last 24 hours,
    by task status (a task that failed and then completed counts as completed only);
    `cost_24h` sums the `llm_call` custom events of the last 24 hours. The default
    project's stats include tasks sent without a project and the LLM calls inside them;
    agent-level LLM calls (no task, no project) belong to no project.

    Args:
        include_archived (bool | Unset):  Default: False.
        limit (int | Unset):  Default: 50.
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ProjectsPage
    """

    return sync_detailed(
        client=client,
        include_archived=include_archived,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    include_archived: bool | Unset = False,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
) -> Response[Error | ProjectsPage]:
    """List projects

     The workspace's projects by name (ties by `project_id`; the cursor carries both),
    each with last-24-hour stats. Archived projects are left out unless
    `include_archived=true`. Every workspace has a default project (slug `default`) that
    receives tasks sent without a project.

    Stats: `agent_count` counts memberships; `tasks_completed_24h` and
    `tasks_failed_24h` count tasks whose latest terminal event is in the last 24 hours,
    by task status (a task that failed and then completed counts as completed only);
    `cost_24h` sums the `llm_call` custom events of the last 24 hours. The default
    project's stats include tasks sent without a project and the LLM calls inside them;
    agent-level LLM calls (no task, no project) belong to no project.

    Args:
        include_archived (bool | Unset):  Default: False.
        limit (int | Unset):  Default: 50.
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | ProjectsPage]
    """

    kwargs = _get_kwargs(
        include_archived=include_archived,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    include_archived: bool | Unset = False,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
) -> Error | ProjectsPage | None:
    """List projects

     The workspace's projects by name (ties by `project_id`; the cursor carries both),
    each with last-24-hour stats. Archived projects are left out unless
    `include_archived=true`. Every workspace has a default project (slug `default`) that
    receives tasks sent without a project.

    Stats: `agent_count` counts memberships; `tasks_completed_24h` and
    `tasks_failed_24h` count tasks whose latest terminal event is in the last 24 hours,
    by task status (a task that failed and then completed counts as completed only);
    `cost_24h` sums the `llm_call` custom events of the last 24 hours. The default
    project's stats include tasks sent without a project and the LLM calls inside them;
    agent-level LLM calls (no task, no project) belong to no project.

    Args:
        include_archived (bool | Unset):  Default: False.
        limit (int | Unset):  Default: 50.
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | ProjectsPage
    """

    return (
        await asyncio_detailed(
            client=client,
            include_archived=include_archived,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
