from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.agent_status import AgentStatus
from ...models.agents_page import AgentsPage
from ...models.error import Error
from ...models.list_agents_sort import ListAgentsSort
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    project_id: str | Unset = UNSET,
    environment: str | Unset = UNSET,
    group: str | Unset = UNSET,
    status: list[AgentStatus] | Unset = UNSET,
    agent_type: str | Unset = UNSET,
    sort: ListAgentsSort | Unset = ListAgentsSort.ATTENTION,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["project_id"] = project_id

    params["environment"] = environment

    params["group"] = group

    json_status: list[str] | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = []
        for status_item_data in status:
            status_item = status_item_data.value
            json_status.append(status_item)

    params["status"] = json_status

    params["agent_type"] = agent_type

    json_sort: str | Unset = UNSET
    if not isinstance(sort, Unset):
        json_sort = sort.value

    params["sort"] = json_sort

    params["limit"] = limit

    params["cursor"] = cursor

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/agents",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AgentsPage | Error:
    if response.status_code == 200:
        response_200 = AgentsPage.from_dict(response.json())

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
) -> Response[AgentsPage | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    project_id: str | Unset = UNSET,
    environment: str | Unset = UNSET,
    group: str | Unset = UNSET,
    status: list[AgentStatus] | Unset = UNSET,
    agent_type: str | Unset = UNSET,
    sort: ListAgentsSort | Unset = ListAgentsSort.ATTENTION,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
) -> Response[AgentsPage | Error]:
    """List agents with their derived status

     Every agent of the workspace with its derived status, liveness, last-hour stats and
    sparkline. With `project_id`, only agents that belong to the project (through
    ingest or manual membership) are listed and `stats_1h`/`sparkline_1h` count only that
    project's work; status and liveness are always global.

    Status cascade (first match wins): `stuck` when neither a heartbeat nor a
    registration arrived within the agent's `stuck_threshold_seconds` (default 300, per
    agent from `agent_registered.payload.data.stuck_threshold`); then, by the most recent
    status-bearing event (by event timestamp, heartbeats and custom events never count):
    `task_failed`/`action_failed` → `error`, `approval_requested` → `waiting_approval`,
    `task_started`/`action_started` → `processing`; otherwise `idle`.

    Sort `attention` orders stuck, error, waiting_approval, processing, idle, then by
    `last_seen` newest first; `name` by `agent_id`; `last_seen` newest first; ties are
    ordered by `agent_id`. Status is computed at request time, so an agent whose status
    or `last_seen` changes between two page requests may move across the page boundary;
    while the fleet is unchanged, pages never repeat or skip an agent.

    `stats_1h` and `sparkline_1h` count tasks by the time they finished (their terminal
    event) in the hour before the request, and LLM calls by their timestamp.

    Args:
        project_id (str | Unset):
        environment (str | Unset):
        group (str | Unset):
        status (list[AgentStatus] | Unset):
        agent_type (str | Unset):
        sort (ListAgentsSort | Unset):  Default: ListAgentsSort.ATTENTION.
        limit (int | Unset):  Default: 50.
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AgentsPage | Error]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        environment=environment,
        group=group,
        status=status,
        agent_type=agent_type,
        sort=sort,
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
    project_id: str | Unset = UNSET,
    environment: str | Unset = UNSET,
    group: str | Unset = UNSET,
    status: list[AgentStatus] | Unset = UNSET,
    agent_type: str | Unset = UNSET,
    sort: ListAgentsSort | Unset = ListAgentsSort.ATTENTION,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
) -> AgentsPage | Error | None:
    """List agents with their derived status

     Every agent of the workspace with its derived status, liveness, last-hour stats and
    sparkline. With `project_id`, only agents that belong to the project (through
    ingest or manual membership) are listed and `stats_1h`/`sparkline_1h` count only that
    project's work; status and liveness are always global.

    Status cascade (first match wins): `stuck` when neither a heartbeat nor a
    registration arrived within the agent's `stuck_threshold_seconds` (default 300, per
    agent from `agent_registered.payload.data.stuck_threshold`); then, by the most recent
    status-bearing event (by event timestamp, heartbeats and custom events never count):
    `task_failed`/`action_failed` → `error`, `approval_requested` → `waiting_approval`,
    `task_started`/`action_started` → `processing`; otherwise `idle`.

    Sort `attention` orders stuck, error, waiting_approval, processing, idle, then by
    `last_seen` newest first; `name` by `agent_id`; `last_seen` newest first; ties are
    ordered by `agent_id`. Status is computed at request time, so an agent whose status
    or `last_seen` changes between two page requests may move across the page boundary;
    while the fleet is unchanged, pages never repeat or skip an agent.

    `stats_1h` and `sparkline_1h` count tasks by the time they finished (their terminal
    event) in the hour before the request, and LLM calls by their timestamp.

    Args:
        project_id (str | Unset):
        environment (str | Unset):
        group (str | Unset):
        status (list[AgentStatus] | Unset):
        agent_type (str | Unset):
        sort (ListAgentsSort | Unset):  Default: ListAgentsSort.ATTENTION.
        limit (int | Unset):  Default: 50.
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AgentsPage | Error
    """

    return sync_detailed(
        client=client,
        project_id=project_id,
        environment=environment,
        group=group,
        status=status,
        agent_type=agent_type,
        sort=sort,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    project_id: str | Unset = UNSET,
    environment: str | Unset = UNSET,
    group: str | Unset = UNSET,
    status: list[AgentStatus] | Unset = UNSET,
    agent_type: str | Unset = UNSET,
    sort: ListAgentsSort | Unset = ListAgentsSort.ATTENTION,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
) -> Response[AgentsPage | Error]:
    """List agents with their derived status

     Every agent of the workspace with its derived status, liveness, last-hour stats and
    sparkline. With `project_id`, only agents that belong to the project (through
    ingest or manual membership) are listed and `stats_1h`/`sparkline_1h` count only that
    project's work; status and liveness are always global.

    Status cascade (first match wins): `stuck` when neither a heartbeat nor a
    registration arrived within the agent's `stuck_threshold_seconds` (default 300, per
    agent from `agent_registered.payload.data.stuck_threshold`); then, by the most recent
    status-bearing event (by event timestamp, heartbeats and custom events never count):
    `task_failed`/`action_failed` → `error`, `approval_requested` → `waiting_approval`,
    `task_started`/`action_started` → `processing`; otherwise `idle`.

    Sort `attention` orders stuck, error, waiting_approval, processing, idle, then by
    `last_seen` newest first; `name` by `agent_id`; `last_seen` newest first; ties are
    ordered by `agent_id`. Status is computed at request time, so an agent whose status
    or `last_seen` changes between two page requests may move across the page boundary;
    while the fleet is unchanged, pages never repeat or skip an agent.

    `stats_1h` and `sparkline_1h` count tasks by the time they finished (their terminal
    event) in the hour before the request, and LLM calls by their timestamp.

    Args:
        project_id (str | Unset):
        environment (str | Unset):
        group (str | Unset):
        status (list[AgentStatus] | Unset):
        agent_type (str | Unset):
        sort (ListAgentsSort | Unset):  Default: ListAgentsSort.ATTENTION.
        limit (int | Unset):  Default: 50.
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AgentsPage | Error]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        environment=environment,
        group=group,
        status=status,
        agent_type=agent_type,
        sort=sort,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    project_id: str | Unset = UNSET,
    environment: str | Unset = UNSET,
    group: str | Unset = UNSET,
    status: list[AgentStatus] | Unset = UNSET,
    agent_type: str | Unset = UNSET,
    sort: ListAgentsSort | Unset = ListAgentsSort.ATTENTION,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
) -> AgentsPage | Error | None:
    """List agents with their derived status

     Every agent of the workspace with its derived status, liveness, last-hour stats and
    sparkline. With `project_id`, only agents that belong to the project (through
    ingest or manual membership) are listed and `stats_1h`/`sparkline_1h` count only that
    project's work; status and liveness are always global.

    Status cascade (first match wins): `stuck` when neither a heartbeat nor a
    registration arrived within the agent's `stuck_threshold_seconds` (default 300, per
    agent from `agent_registered.payload.data.stuck_threshold`); then, by the most recent
    status-bearing event (by event timestamp, heartbeats and custom events never count):
    `task_failed`/`action_failed` → `error`, `approval_requested` → `waiting_approval`,
    `task_started`/`action_started` → `processing`; otherwise `idle`.

    Sort `attention` orders stuck, error, waiting_approval, processing, idle, then by
    `last_seen` newest first; `name` by `agent_id`; `last_seen` newest first; ties are
    ordered by `agent_id`. Status is computed at request time, so an agent whose status
    or `last_seen` changes between two page requests may move across the page boundary;
    while the fleet is unchanged, pages never repeat or skip an agent.

    `stats_1h` and `sparkline_1h` count tasks by the time they finished (their terminal
    event) in the hour before the request, and LLM calls by their timestamp.

    Args:
        project_id (str | Unset):
        environment (str | Unset):
        group (str | Unset):
        status (list[AgentStatus] | Unset):
        agent_type (str | Unset):
        sort (ListAgentsSort | Unset):  Default: ListAgentsSort.ATTENTION.
        limit (int | Unset):  Default: 50.
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AgentsPage | Error
    """

    return (
        await asyncio_detailed(
            client=client,
            project_id=project_id,
            environment=environment,
            group=group,
            status=status,
            agent_type=agent_type,
            sort=sort,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
