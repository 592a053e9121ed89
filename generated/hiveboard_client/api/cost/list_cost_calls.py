import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.cost_calls_page import CostCallsPage
from ...models.error import Error
from ...models.list_cost_calls_sort import ListCostCallsSort
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    project_id: str | Unset = UNSET,
    agent_id: str | Unset = UNSET,
    model: str | Unset = UNSET,
    task_id: str | Unset = UNSET,
    environment: str | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    until: datetime.datetime | Unset = UNSET,
    sort: ListCostCallsSort | Unset = ListCostCallsSort.NEWEST,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["project_id"] = project_id

    params["agent_id"] = agent_id

    params["model"] = model

    params["task_id"] = task_id

    params["environment"] = environment

    json_since: str | Unset = UNSET
    if not isinstance(since, Unset):
        json_since = since.isoformat()
    params["since"] = json_since

    json_until: str | Unset = UNSET
    if not isinstance(until, Unset):
        json_until = until.isoformat()
    params["until"] = json_until

    json_sort: str | Unset = UNSET
    if not isinstance(sort, Unset):
        json_sort = sort.value

    params["sort"] = json_sort

    params["limit"] = limit

    params["cursor"] = cursor

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/cost/calls",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CostCallsPage | Error:
    if response.status_code == 200:
        response_200 = CostCallsPage.from_dict(response.json())

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
) -> Response[CostCallsPage | Error]:
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
    model: str | Unset = UNSET,
    task_id: str | Unset = UNSET,
    environment: str | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    until: datetime.datetime | Unset = UNSET,
    sort: ListCostCallsSort | Unset = ListCostCallsSort.NEWEST,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
) -> Response[CostCallsPage | Error]:
    """List individual LLM calls

     Individual `llm_call` events with their cost fields extracted from `payload.data`;
    a field missing from the payload is null. Without `since`/`until` all stored calls
    are listed. `/v1/llm-calls` returns the same rows plus totals.

    Args:
        project_id (str | Unset):
        agent_id (str | Unset):
        model (str | Unset):
        task_id (str | Unset):
        environment (str | Unset):
        since (datetime.datetime | Unset):
        until (datetime.datetime | Unset):
        sort (ListCostCallsSort | Unset):  Default: ListCostCallsSort.NEWEST.
        limit (int | Unset):  Default: 50.
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CostCallsPage | Error]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        agent_id=agent_id,
        model=model,
        task_id=task_id,
        environment=environment,
        since=since,
        until=until,
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
    agent_id: str | Unset = UNSET,
    model: str | Unset = UNSET,
    task_id: str | Unset = UNSET,
    environment: str | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    until: datetime.datetime | Unset = UNSET,
    sort: ListCostCallsSort | Unset = ListCostCallsSort.NEWEST,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
) -> CostCallsPage | Error | None:
    """List individual LLM calls

     Individual `llm_call` events with their cost fields extracted from `payload.data`;
    a field missing from the payload is null. Without `since`/`until` all stored calls
    are listed. `/v1/llm-calls` returns the same rows plus totals.

    Args:
        project_id (str | Unset):
        agent_id (str | Unset):
        model (str | Unset):
        task_id (str | Unset):
        environment (str | Unset):
        since (datetime.datetime | Unset):
        until (datetime.datetime | Unset):
        sort (ListCostCallsSort | Unset):  Default: ListCostCallsSort.NEWEST.
        limit (int | Unset):  Default: 50.
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CostCallsPage | Error
    """

    return sync_detailed(
        client=client,
        project_id=project_id,
        agent_id=agent_id,
        model=model,
        task_id=task_id,
        environment=environment,
        since=since,
        until=until,
        sort=sort,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    project_id: str | Unset = UNSET,
    agent_id: str | Unset = UNSET,
    model: str | Unset = UNSET,
    task_id: str | Unset = UNSET,
    environment: str | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    until: datetime.datetime | Unset = UNSET,
    sort: ListCostCallsSort | Unset = ListCostCallsSort.NEWEST,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
) -> Response[CostCallsPage | Error]:
    """List individual LLM calls

     Individual `llm_call` events with their cost fields extracted from `payload.data`;
    a field missing from the payload is null. Without `since`/`until` all stored calls
    are listed. `/v1/llm-calls` returns the same rows plus totals.

    Args:
        project_id (str | Unset):
        agent_id (str | Unset):
        model (str | Unset):
        task_id (str | Unset):
        environment (str | Unset):
        since (datetime.datetime | Unset):
        until (datetime.datetime | Unset):
        sort (ListCostCallsSort | Unset):  Default: ListCostCallsSort.NEWEST.
        limit (int | Unset):  Default: 50.
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CostCallsPage | Error]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        agent_id=agent_id,
        model=model,
        task_id=task_id,
        environment=environment,
        since=since,
        until=until,
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
    agent_id: str | Unset = UNSET,
    model: str | Unset = UNSET,
    task_id: str | Unset = UNSET,
    environment: str | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    until: datetime.datetime | Unset = UNSET,
    sort: ListCostCallsSort | Unset = ListCostCallsSort.NEWEST,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
) -> CostCallsPage | Error | None:
    """List individual LLM calls

     Individual `llm_call` events with their cost fields extracted from `payload.data`;
    a field missing from the payload is null. Without `since`/`until` all stored calls
    are listed. `/v1/llm-calls` returns the same rows plus totals.

    Args:
        project_id (str | Unset):
        agent_id (str | Unset):
        model (str | Unset):
        task_id (str | Unset):
        environment (str | Unset):
        since (datetime.datetime | Unset):
        until (datetime.datetime | Unset):
        sort (ListCostCallsSort | Unset):  Default: ListCostCallsSort.NEWEST.
        limit (int | Unset):  Default: 50.
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CostCallsPage | Error
    """

    return (
        await asyncio_detailed(
            client=client,
            project_id=project_id,
            agent_id=agent_id,
            model=model,
            task_id=task_id,
            environment=environment,
            since=since,
            until=until,
            sort=sort,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
