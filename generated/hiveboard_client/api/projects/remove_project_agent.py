from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...types import Response


def _get_kwargs(
    project_id: str,
    agent_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/v1/projects/{project_id}/agents/{agent_id}".format(
            project_id=quote(str(project_id), safe=""),
            agent_id=quote(str(agent_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | Error:
    if response.status_code == 204:
        response_204 = cast(Any, None)
        return response_204

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
) -> Response[Any | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    project_id: str,
    agent_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Any | Error]:
    """Remove an agent from a project

     Ends the agent's membership of the project. The agent and its events are kept; a
    later task event of this agent in this project adds the membership again. 404
    `project_not_found` when the project does not exist, `agent_not_found` when the
    agent is not a member. Recorded in the audit log as `project_agent.removed`.

    Args:
        project_id (str):
        agent_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        agent_id=agent_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    project_id: str,
    agent_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Any | Error | None:
    """Remove an agent from a project

     Ends the agent's membership of the project. The agent and its events are kept; a
    later task event of this agent in this project adds the membership again. 404
    `project_not_found` when the project does not exist, `agent_not_found` when the
    agent is not a member. Recorded in the audit log as `project_agent.removed`.

    Args:
        project_id (str):
        agent_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error
    """

    return sync_detailed(
        project_id=project_id,
        agent_id=agent_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    project_id: str,
    agent_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Any | Error]:
    """Remove an agent from a project

     Ends the agent's membership of the project. The agent and its events are kept; a
    later task event of this agent in this project adds the membership again. 404
    `project_not_found` when the project does not exist, `agent_not_found` when the
    agent is not a member. Recorded in the audit log as `project_agent.removed`.

    Args:
        project_id (str):
        agent_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Error]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        agent_id=agent_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    project_id: str,
    agent_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Any | Error | None:
    """Remove an agent from a project

     Ends the agent's membership of the project. The agent and its events are kept; a
    later task event of this agent in this project adds the membership again. 404
    `project_not_found` when the project does not exist, `agent_not_found` when the
    agent is not a member. Recorded in the audit log as `project_agent.removed`.

    Args:
        project_id (str):
        agent_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Error
    """

    return (
        await asyncio_detailed(
            project_id=project_id,
            agent_id=agent_id,
            client=client,
        )
    ).parsed
