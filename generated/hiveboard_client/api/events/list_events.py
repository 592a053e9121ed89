import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.event_type import EventType
from ...models.events_page import EventsPage
from ...models.payload_kind import PayloadKind
from ...models.severity import Severity
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    project_id: str | Unset = UNSET,
    agent_id: str | Unset = UNSET,
    task_id: str | Unset = UNSET,
    event_type: list[EventType] | Unset = UNSET,
    severity: list[Severity] | Unset = UNSET,
    environment: str | Unset = UNSET,
    group: str | Unset = UNSET,
    payload_kind: list[PayloadKind] | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    until: datetime.datetime | Unset = UNSET,
    exclude_heartbeats: bool | Unset = True,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["project_id"] = project_id

    params["agent_id"] = agent_id

    params["task_id"] = task_id

    json_event_type: list[str] | Unset = UNSET
    if not isinstance(event_type, Unset):
        json_event_type = []
        for event_type_item_data in event_type:
            event_type_item = event_type_item_data.value
            json_event_type.append(event_type_item)

    params["event_type"] = json_event_type

    json_severity: list[str] | Unset = UNSET
    if not isinstance(severity, Unset):
        json_severity = []
        for severity_item_data in severity:
            severity_item = severity_item_data.value
            json_severity.append(severity_item)

    params["severity"] = json_severity

    params["environment"] = environment

    params["group"] = group

    json_payload_kind: list[str] | Unset = UNSET
    if not isinstance(payload_kind, Unset):
        json_payload_kind = []
        for payload_kind_item_data in payload_kind:
            payload_kind_item = payload_kind_item_data.value
            json_payload_kind.append(payload_kind_item)

    params["payload_kind"] = json_payload_kind

    json_since: str | Unset = UNSET
    if not isinstance(since, Unset):
        json_since = since.isoformat()
    params["since"] = json_since

    json_until: str | Unset = UNSET
    if not isinstance(until, Unset):
        json_until = until.isoformat()
    params["until"] = json_until

    params["exclude_heartbeats"] = exclude_heartbeats

    params["limit"] = limit

    params["cursor"] = cursor

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/events",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | EventsPage:
    if response.status_code == 200:
        response_200 = EventsPage.from_dict(response.json())

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
) -> Response[Error | EventsPage]:
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
    agent_id: str | Unset = UNSET,
    task_id: str | Unset = UNSET,
    event_type: list[EventType] | Unset = UNSET,
    severity: list[Severity] | Unset = UNSET,
    environment: str | Unset = UNSET,
    group: str | Unset = UNSET,
    payload_kind: list[PayloadKind] | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    until: datetime.datetime | Unset = UNSET,
    exclude_heartbeats: bool | Unset = True,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
) -> Response[Error | EventsPage]:
    """List stored events, newest first

     The activity stream: stored events in reverse chronological order of their
    `timestamp` (ties broken by arrival order, latest first), with envelope fields
    expanded and a `render_hint` for well-known payload kinds. With `project_id`, the page
    holds that project's events plus agent-level events (no project and no task:
    heartbeats, registrations, agent-level custom events) of agents that belong to the
    project; task events sent without a project belong to the default project. Heartbeats
    are left out unless `exclude_heartbeats=false` or `event_type` names `heartbeat`
    explicitly.
    `payload_kind` matches `custom` events whose `payload.kind` is one of the given kinds.
    `since`/`until` filter on the event `timestamp`.

    Args:
        project_id (str | Unset):
        agent_id (str | Unset):
        task_id (str | Unset):
        event_type (list[EventType] | Unset):
        severity (list[Severity] | Unset):
        environment (str | Unset):
        group (str | Unset):
        payload_kind (list[PayloadKind] | Unset):
        since (datetime.datetime | Unset):
        until (datetime.datetime | Unset):
        exclude_heartbeats (bool | Unset):  Default: True.
        limit (int | Unset):  Default: 50.
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | EventsPage]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        agent_id=agent_id,
        task_id=task_id,
        event_type=event_type,
        severity=severity,
        environment=environment,
        group=group,
        payload_kind=payload_kind,
        since=since,
        until=until,
        exclude_heartbeats=exclude_heartbeats,
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
    agent_id: str | Unset = UNSET,
    task_id: str | Unset = UNSET,
    event_type: list[EventType] | Unset = UNSET,
    severity: list[Severity] | Unset = UNSET,
    environment: str | Unset = UNSET,
    group: str | Unset = UNSET,
    payload_kind: list[PayloadKind] | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    until: datetime.datetime | Unset = UNSET,
    exclude_heartbeats: bool | Unset = True,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
) -> Error | EventsPage | None:
    """List stored events, newest first

     The activity stream: stored events in reverse chronological order of their
    `timestamp` (ties broken by arrival order, latest first), with envelope fields
    expanded and a `render_hint` for well-known payload kinds. With `project_id`, the page
    holds that project's events plus agent-level events (no project and no task:
    heartbeats, registrations, agent-level custom events) of agents that belong to the
    project; task events sent without a project belong to the default project. Heartbeats
    are left out unless `exclude_heartbeats=false` or `event_type` names `heartbeat`
    explicitly.
    `payload_kind` matches `custom` events whose `payload.kind` is one of the given kinds.
    `since`/`until` filter on the event `timestamp`.

    Args:
        project_id (str | Unset):
        agent_id (str | Unset):
        task_id (str | Unset):
        event_type (list[EventType] | Unset):
        severity (list[Severity] | Unset):
        environment (str | Unset):
        group (str | Unset):
        payload_kind (list[PayloadKind] | Unset):
        since (datetime.datetime | Unset):
        until (datetime.datetime | Unset):
        exclude_heartbeats (bool | Unset):  Default: True.
        limit (int | Unset):  Default: 50.
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | EventsPage
    """

    return sync_detailed(
        client=client,
        project_id=project_id,
        agent_id=agent_id,
        task_id=task_id,
        event_type=event_type,
        severity=severity,
        environment=environment,
        group=group,
        payload_kind=payload_kind,
        since=since,
        until=until,
        exclude_heartbeats=exclude_heartbeats,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    project_id: str | Unset = UNSET,
    agent_id: str | Unset = UNSET,
    task_id: str | Unset = UNSET,
    event_type: list[EventType] | Unset = UNSET,
    severity: list[Severity] | Unset = UNSET,
    environment: str | Unset = UNSET,
    group: str | Unset = UNSET,
    payload_kind: list[PayloadKind] | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    until: datetime.datetime | Unset = UNSET,
    exclude_heartbeats: bool | Unset = True,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
) -> Response[Error | EventsPage]:
    """List stored events, newest first

     The activity stream: stored events in reverse chronological order of their
    `timestamp` (ties broken by arrival order, latest first), with envelope fields
    expanded and a `render_hint` for well-known payload kinds. With `project_id`, the page
    holds that project's events plus agent-level events (no project and no task:
    heartbeats, registrations, agent-level custom events) of agents that belong to the
    project; task events sent without a project belong to the default project. Heartbeats
    are left out unless `exclude_heartbeats=false` or `event_type` names `heartbeat`
    explicitly.
    `payload_kind` matches `custom` events whose `payload.kind` is one of the given kinds.
    `since`/`until` filter on the event `timestamp`.

    Args:
        project_id (str | Unset):
        agent_id (str | Unset):
        task_id (str | Unset):
        event_type (list[EventType] | Unset):
        severity (list[Severity] | Unset):
        environment (str | Unset):
        group (str | Unset):
        payload_kind (list[PayloadKind] | Unset):
        since (datetime.datetime | Unset):
        until (datetime.datetime | Unset):
        exclude_heartbeats (bool | Unset):  Default: True.
        limit (int | Unset):  Default: 50.
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | EventsPage]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        agent_id=agent_id,
        task_id=task_id,
        event_type=event_type,
        severity=severity,
        environment=environment,
        group=group,
        payload_kind=payload_kind,
        since=since,
        until=until,
        exclude_heartbeats=exclude_heartbeats,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    project_id: str | Unset = UNSET,
    agent_id: str | Unset = UNSET,
    task_id: str | Unset = UNSET,
    event_type: list[EventType] | Unset = UNSET,
    severity: list[Severity] | Unset = UNSET,
    environment: str | Unset = UNSET,
    group: str | Unset = UNSET,
    payload_kind: list[PayloadKind] | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    until: datetime.datetime | Unset = UNSET,
    exclude_heartbeats: bool | Unset = True,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
) -> Error | EventsPage | None:
    """List stored events, newest first

     The activity stream: stored events in reverse chronological order of their
    `timestamp` (ties broken by arrival order, latest first), with envelope fields
    expanded and a `render_hint` for well-known payload kinds. With `project_id`, the page
    holds that project's events plus agent-level events (no project and no task:
    heartbeats, registrations, agent-level custom events) of agents that belong to the
    project; task events sent without a project belong to the default project. Heartbeats
    are left out unless `exclude_heartbeats=false` or `event_type` names `heartbeat`
    explicitly.
    `payload_kind` matches `custom` events whose `payload.kind` is one of the given kinds.
    `since`/`until` filter on the event `timestamp`.

    Args:
        project_id (str | Unset):
        agent_id (str | Unset):
        task_id (str | Unset):
        event_type (list[EventType] | Unset):
        severity (list[Severity] | Unset):
        environment (str | Unset):
        group (str | Unset):
        payload_kind (list[PayloadKind] | Unset):
        since (datetime.datetime | Unset):
        until (datetime.datetime | Unset):
        exclude_heartbeats (bool | Unset):  Default: True.
        limit (int | Unset):  Default: 50.
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | EventsPage
    """

    return (
        await asyncio_detailed(
            client=client,
            project_id=project_id,
            agent_id=agent_id,
            task_id=task_id,
            event_type=event_type,
            severity=severity,
            environment=environment,
            group=group,
            payload_kind=payload_kind,
            since=since,
            until=until,
            exclude_heartbeats=exclude_heartbeats,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
