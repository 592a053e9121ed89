from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.agent_pipeline import AgentPipeline
from ...models.error import Error
from ...types import Response


def _get_kwargs(
    agent_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/agents/{agent_id}/pipeline".format(
            agent_id=quote(str(agent_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AgentPipeline | Error:
    if response.status_code == 200:
        response_200 = AgentPipeline.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

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
) -> Response[AgentPipeline | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    agent_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[AgentPipeline | Error]:
    """Get an agent's work pipeline

     The latest state of the agent's queue, TODOs, scheduled work and self-reported issues,
    derived from its agent-level `custom` events with payload kinds `queue_snapshot`,
    `todo`, `scheduled` and `issue`.

    - `queue`: the most recent `queue_snapshot`; `snapshot_at` is that event's timestamp.
    - `todos`: `todo` events grouped by `data.todo_id`; the latest event of a group gives
      its state; items are the active ones (latest action not `completed`/`dismissed`),
      by priority (high, normal, low) then most recent.
    - `scheduled`: the items of the most recent `scheduled` event, by `next_run`; each
      item carries `last_status` and the same value as `status`.
    - `issues`: `issue` events grouped by `data.issue_id`, or when it is absent by the
      SHA-256 of the trimmed, whitespace-collapsed, lower-cased summary; items are the
      groups whose latest action is `reported` (or absent), by severity (critical, high,
      medium, low) then most recent.

    `todos` looks at the last 30 days of `todo` events and `issues` at the last 7 days of
    `issue` events (an issue neither re-reported nor resolved for a week has aged out).
    A section is null when the agent has sent no event of that kind (in that window for
    `todos` and `issues`). Values come from agent payloads: timestamps are normalised to UTC `Z` (null
    when unparseable) and a
    value of the wrong type is returned as null.

    Args:
        agent_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AgentPipeline | Error]
    """

    kwargs = _get_kwargs(
        agent_id=agent_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    agent_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> AgentPipeline | Error | None:
    """Get an agent's work pipeline

     The latest state of the agent's queue, TODOs, scheduled work and self-reported issues,
    derived from its agent-level `custom` events with payload kinds `queue_snapshot`,
    `todo`, `scheduled` and `issue`.

    - `queue`: the most recent `queue_snapshot`; `snapshot_at` is that event's timestamp.
    - `todos`: `todo` events grouped by `data.todo_id`; the latest event of a group gives
      its state; items are the active ones (latest action not `completed`/`dismissed`),
      by priority (high, normal, low) then most recent.
    - `scheduled`: the items of the most recent `scheduled` event, by `next_run`; each
      item carries `last_status` and the same value as `status`.
    - `issues`: `issue` events grouped by `data.issue_id`, or when it is absent by the
      SHA-256 of the trimmed, whitespace-collapsed, lower-cased summary; items are the
      groups whose latest action is `reported` (or absent), by severity (critical, high,
      medium, low) then most recent.

    `todos` looks at the last 30 days of `todo` events and `issues` at the last 7 days of
    `issue` events (an issue neither re-reported nor resolved for a week has aged out).
    A section is null when the agent has sent no event of that kind (in that window for
    `todos` and `issues`). Values come from agent payloads: timestamps are normalised to UTC `Z` (null
    when unparseable) and a
    value of the wrong type is returned as null.

    Args:
        agent_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AgentPipeline | Error
    """

    return sync_detailed(
        agent_id=agent_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    agent_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[AgentPipeline | Error]:
    """Get an agent's work pipeline

     The latest state of the agent's queue, TODOs, scheduled work and self-reported issues,
    derived from its agent-level `custom` events with payload kinds `queue_snapshot`,
    `todo`, `scheduled` and `issue`.

    - `queue`: the most recent `queue_snapshot`; `snapshot_at` is that event's timestamp.
    - `todos`: `todo` events grouped by `data.todo_id`; the latest event of a group gives
      its state; items are the active ones (latest action not `completed`/`dismissed`),
      by priority (high, normal, low) then most recent.
    - `scheduled`: the items of the most recent `scheduled` event, by `next_run`; each
      item carries `last_status` and the same value as `status`.
    - `issues`: `issue` events grouped by `data.issue_id`, or when it is absent by the
      SHA-256 of the trimmed, whitespace-collapsed, lower-cased summary; items are the
      groups whose latest action is `reported` (or absent), by severity (critical, high,
      medium, low) then most recent.

    `todos` looks at the last 30 days of `todo` events and `issues` at the last 7 days of
    `issue` events (an issue neither re-reported nor resolved for a week has aged out).
    A section is null when the agent has sent no event of that kind (in that window for
    `todos` and `issues`). Values come from agent payloads: timestamps are normalised to UTC `Z` (null
    when unparseable) and a
    value of the wrong type is returned as null.

    Args:
        agent_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AgentPipeline | Error]
    """

    kwargs = _get_kwargs(
        agent_id=agent_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    agent_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> AgentPipeline | Error | None:
    """Get an agent's work pipeline

     The latest state of the agent's queue, TODOs, scheduled work and self-reported issues,
    derived from its agent-level `custom` events with payload kinds `queue_snapshot`,
    `todo`, `scheduled` and `issue`.

    - `queue`: the most recent `queue_snapshot`; `snapshot_at` is that event's timestamp.
    - `todos`: `todo` events grouped by `data.todo_id`; the latest event of a group gives
      its state; items are the active ones (latest action not `completed`/`dismissed`),
      by priority (high, normal, low) then most recent.
    - `scheduled`: the items of the most recent `scheduled` event, by `next_run`; each
      item carries `last_status` and the same value as `status`.
    - `issues`: `issue` events grouped by `data.issue_id`, or when it is absent by the
      SHA-256 of the trimmed, whitespace-collapsed, lower-cased summary; items are the
      groups whose latest action is `reported` (or absent), by severity (critical, high,
      medium, low) then most recent.

    `todos` looks at the last 30 days of `todo` events and `issues` at the last 7 days of
    `issue` events (an issue neither re-reported nor resolved for a week has aged out).
    A section is null when the agent has sent no event of that kind (in that window for
    `todos` and `issues`). Values come from agent payloads: timestamps are normalised to UTC `Z` (null
    when unparseable) and a
    value of the wrong type is returned as null.

    Args:
        agent_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AgentPipeline | Error
    """

    return (
        await asyncio_detailed(
            agent_id=agent_id,
            client=client,
        )
    ).parsed
