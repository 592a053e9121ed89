import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.list_llm_calls_sort import ListLlmCallsSort
from ...models.list_llm_calls_time_range import ListLlmCallsTimeRange
from ...models.llm_calls_page import LlmCallsPage
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    project_id: str | Unset = UNSET,
    agent_id: str | Unset = UNSET,
    model: str | Unset = UNSET,
    task_id: str | Unset = UNSET,
    environment: str | Unset = UNSET,
    time_range: ListLlmCallsTimeRange | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    until: datetime.datetime | Unset = UNSET,
    sort: ListLlmCallsSort | Unset = ListLlmCallsSort.NEWEST,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["project_id"] = project_id

    params["agent_id"] = agent_id

    params["model"] = model

    params["task_id"] = task_id

    params["environment"] = environment

    json_time_range: str | Unset = UNSET
    if not isinstance(time_range, Unset):
        json_time_range = time_range.value

    params["time_range"] = json_time_range

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
        "url": "/v1/llm-calls",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | LlmCallsPage:
    if response.status_code == 200:
        response_200 = LlmCallsPage.from_dict(response.json())

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
) -> Response[Error | LlmCallsPage]:
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
    time_range: ListLlmCallsTimeRange | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    until: datetime.datetime | Unset = UNSET,
    sort: ListLlmCallsSort | Unset = ListLlmCallsSort.NEWEST,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
) -> Response[Error | LlmCallsPage]:
    """List LLM calls with totals

     The same rows as `/v1/cost/calls`, plus `totals` over the whole filtered set (not
    just the page; zeros when nothing matches) and the resolved `range`. The window is
    `time_range` ending now when given — it wins over `since`/`until` —, else
    `since`/`until`, else the last 24 hours.

    Args:
        project_id (str | Unset):
        agent_id (str | Unset):
        model (str | Unset):
        task_id (str | Unset):
        environment (str | Unset):
        time_range (ListLlmCallsTimeRange | Unset):
        since (datetime.datetime | Unset):
        until (datetime.datetime | Unset):
        sort (ListLlmCallsSort | Unset):  Default: ListLlmCallsSort.NEWEST.
        limit (int | Unset):  Default: 50.
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | LlmCallsPage]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        agent_id=agent_id,
        model=model,
        task_id=task_id,
        environment=environment,
        time_range=time_range,
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
    time_range: ListLlmCallsTimeRange | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    until: datetime.datetime | Unset = UNSET,
    sort: ListLlmCallsSort | Unset = ListLlmCallsSort.NEWEST,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
) -> Error | LlmCallsPage | None:
    """List LLM calls with totals

     The same rows as `/v1/cost/calls`, plus `totals` over the whole filtered set (not
    just the page; zeros when nothing matches) and the resolved `range`. The window is
    `time_range` ending now when given — it wins over `since`/`until` —, else
    `since`/`until`, else the last 24 hours.

    Args:
        project_id (str | Unset):
        agent_id (str | Unset):
        model (str | Unset):
        task_id (str | Unset):
        environment (str | Unset):
        time_range (ListLlmCallsTimeRange | Unset):
        since (datetime.datetime | Unset):
        until (datetime.datetime | Unset):
        sort (ListLlmCallsSort | Unset):  Default: ListLlmCallsSort.NEWEST.
        limit (int | Unset):  Default: 50.
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | LlmCallsPage
    """

    return sync_detailed(
        client=client,
        project_id=project_id,
        agent_id=agent_id,
        model=model,
        task_id=task_id,
        environment=environment,
        time_range=time_range,
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
    time_range: ListLlmCallsTimeRange | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    until: datetime.datetime | Unset = UNSET,
    sort: ListLlmCallsSort | Unset = ListLlmCallsSort.NEWEST,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
) -> Response[Error | LlmCallsPage]:
    """List LLM calls with totals

     The same rows as `/v1/cost/calls`, plus `totals` over the whole filtered set (not
    just the page; zeros when nothing matches) and the resolved `range`. The window is
    `time_range` ending now when given — it wins over `since`/`until` —, else
    `since`/`until`, else the last 24 hours.

    Args:
        project_id (str | Unset):
        agent_id (str | Unset):
        model (str | Unset):
        task_id (str | Unset):
        environment (str | Unset):
        time_range (ListLlmCallsTimeRange | Unset):
        since (datetime.datetime | Unset):
        until (datetime.datetime | Unset):
        sort (ListLlmCallsSort | Unset):  Default: ListLlmCallsSort.NEWEST.
        limit (int | Unset):  Default: 50.
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | LlmCallsPage]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        agent_id=agent_id,
        model=model,
        task_id=task_id,
        environment=environment,
        time_range=time_range,
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
    time_range: ListLlmCallsTimeRange | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    until: datetime.datetime | Unset = UNSET,
    sort: ListLlmCallsSort | Unset = ListLlmCallsSort.NEWEST,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
) -> Error | LlmCallsPage | None:
    """List LLM calls with totals

     The same rows as `/v1/cost/calls`, plus `totals` over the whole filtered set (not
    just the page; zeros when nothing matches) and the resolved `range`. The window is
    `time_range` ending now when given — it wins over `since`/`until` —, else
    `since`/`until`, else the last 24 hours.

    Args:
        project_id (str | Unset):
        agent_id (str | Unset):
        model (str | Unset):
        task_id (str | Unset):
        environment (str | Unset):
        time_range (ListLlmCallsTimeRange | Unset):
        since (datetime.datetime | Unset):
        until (datetime.datetime | Unset):
        sort (ListLlmCallsSort | Unset):  Default: ListLlmCallsSort.NEWEST.
        limit (int | Unset):  Default: 50.
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | LlmCallsPage
    """

    return (
        await asyncio_detailed(
            client=client,
            project_id=project_id,
            agent_id=agent_id,
            model=model,
            task_id=task_id,
            environment=environment,
            time_range=time_range,
            since=since,
            until=until,
            sort=sort,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
