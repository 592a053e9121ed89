import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.cost_timeseries import CostTimeseries
from ...models.error import Error
from ...models.get_cost_timeseries_interval import GetCostTimeseriesInterval
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    project_id: str | Unset = UNSET,
    agent_id: str | Unset = UNSET,
    environment: str | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    until: datetime.datetime | Unset = UNSET,
    interval: GetCostTimeseriesInterval | Unset = UNSET,
    split_by_model: bool | Unset = False,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["project_id"] = project_id

    params["agent_id"] = agent_id

    params["environment"] = environment

    json_since: str | Unset = UNSET
    if not isinstance(since, Unset):
        json_since = since.isoformat()
    params["since"] = json_since

    json_until: str | Unset = UNSET
    if not isinstance(until, Unset):
        json_until = until.isoformat()
    params["until"] = json_until

    json_interval: str | Unset = UNSET
    if not isinstance(interval, Unset):
        json_interval = interval.value

    params["interval"] = json_interval

    params["split_by_model"] = split_by_model

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/cost/timeseries",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CostTimeseries | Error:
    if response.status_code == 200:
        response_200 = CostTimeseries.from_dict(response.json())

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
) -> Response[CostTimeseries | Error]:
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
    environment: str | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    until: datetime.datetime | Unset = UNSET,
    interval: GetCostTimeseriesInterval | Unset = UNSET,
    split_by_model: bool | Unset = False,
) -> Response[CostTimeseries | Error]:
    """Get LLM cost over time

     Calls, tokens and cost of `llm_call` payloads in time buckets between `since`
    (default: 24 hours before `until`) and `until` (default: now), oldest first. Buckets
    are aligned to the Unix epoch (UTC): the first one holds `since` and may start
    before it (it then counts only calls from `since` on). With `split_by_model=true`
    each bucket becomes one row per model that had calls (most expensive first, then by
    model, null last) and `model` is set; otherwise `model` is null and every bucket is
    present, with zeros where no call fell. Without `interval` it follows the window:
    up to 1 hour → 5m, up to 6 hours → 15m, up to 48 hours → 1h, longer → 1d (the next
    wider one if that would exceed 1440 buckets; a window longer than 1440 days is 400
    `invalid_parameter` on `since`). An explicit interval giving more than 1440 buckets
    is 400 `invalid_parameter`.

    Args:
        project_id (str | Unset):
        agent_id (str | Unset):
        environment (str | Unset):
        since (datetime.datetime | Unset):
        until (datetime.datetime | Unset):
        interval (GetCostTimeseriesInterval | Unset):
        split_by_model (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CostTimeseries | Error]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        agent_id=agent_id,
        environment=environment,
        since=since,
        until=until,
        interval=interval,
        split_by_model=split_by_model,
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
    environment: str | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    until: datetime.datetime | Unset = UNSET,
    interval: GetCostTimeseriesInterval | Unset = UNSET,
    split_by_model: bool | Unset = False,
) -> CostTimeseries | Error | None:
    """Get LLM cost over time

     Calls, tokens and cost of `llm_call` payloads in time buckets between `since`
    (default: 24 hours before `until`) and `until` (default: now), oldest first. Buckets
    are aligned to the Unix epoch (UTC): the first one holds `since` and may start
    before it (it then counts only calls from `since` on). With `split_by_model=true`
    each bucket becomes one row per model that had calls (most expensive first, then by
    model, null last) and `model` is set; otherwise `model` is null and every bucket is
    present, with zeros where no call fell. Without `interval` it follows the window:
    up to 1 hour → 5m, up to 6 hours → 15m, up to 48 hours → 1h, longer → 1d (the next
    wider one if that would exceed 1440 buckets; a window longer than 1440 days is 400
    `invalid_parameter` on `since`). An explicit interval giving more than 1440 buckets
    is 400 `invalid_parameter`.

    Args:
        project_id (str | Unset):
        agent_id (str | Unset):
        environment (str | Unset):
        since (datetime.datetime | Unset):
        until (datetime.datetime | Unset):
        interval (GetCostTimeseriesInterval | Unset):
        split_by_model (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CostTimeseries | Error
    """

    return sync_detailed(
        client=client,
        project_id=project_id,
        agent_id=agent_id,
        environment=environment,
        since=since,
        until=until,
        interval=interval,
        split_by_model=split_by_model,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    project_id: str | Unset = UNSET,
    agent_id: str | Unset = UNSET,
    environment: str | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    until: datetime.datetime | Unset = UNSET,
    interval: GetCostTimeseriesInterval | Unset = UNSET,
    split_by_model: bool | Unset = False,
) -> Response[CostTimeseries | Error]:
    """Get LLM cost over time

     Calls, tokens and cost of `llm_call` payloads in time buckets between `since`
    (default: 24 hours before `until`) and `until` (default: now), oldest first. Buckets
    are aligned to the Unix epoch (UTC): the first one holds `since` and may start
    before it (it then counts only calls from `since` on). With `split_by_model=true`
    each bucket becomes one row per model that had calls (most expensive first, then by
    model, null last) and `model` is set; otherwise `model` is null and every bucket is
    present, with zeros where no call fell. Without `interval` it follows the window:
    up to 1 hour → 5m, up to 6 hours → 15m, up to 48 hours → 1h, longer → 1d (the next
    wider one if that would exceed 1440 buckets; a window longer than 1440 days is 400
    `invalid_parameter` on `since`). An explicit interval giving more than 1440 buckets
    is 400 `invalid_parameter`.

    Args:
        project_id (str | Unset):
        agent_id (str | Unset):
        environment (str | Unset):
        since (datetime.datetime | Unset):
        until (datetime.datetime | Unset):
        interval (GetCostTimeseriesInterval | Unset):
        split_by_model (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CostTimeseries | Error]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        agent_id=agent_id,
        environment=environment,
        since=since,
        until=until,
        interval=interval,
        split_by_model=split_by_model,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    project_id: str | Unset = UNSET,
    agent_id: str | Unset = UNSET,
    environment: str | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    until: datetime.datetime | Unset = UNSET,
    interval: GetCostTimeseriesInterval | Unset = UNSET,
    split_by_model: bool | Unset = False,
) -> CostTimeseries | Error | None:
    """Get LLM cost over time

     Calls, tokens and cost of `llm_call` payloads in time buckets between `since`
    (default: 24 hours before `until`) and `until` (default: now), oldest first. Buckets
    are aligned to the Unix epoch (UTC): the first one holds `since` and may start
    before it (it then counts only calls from `since` on). With `split_by_model=true`
    each bucket becomes one row per model that had calls (most expensive first, then by
    model, null last) and `model` is set; otherwise `model` is null and every bucket is
    present, with zeros where no call fell. Without `interval` it follows the window:
    up to 1 hour → 5m, up to 6 hours → 15m, up to 48 hours → 1h, longer → 1d (the next
    wider one if that would exceed 1440 buckets; a window longer than 1440 days is 400
    `invalid_parameter` on `since`). An explicit interval giving more than 1440 buckets
    is 400 `invalid_parameter`.

    Args:
        project_id (str | Unset):
        agent_id (str | Unset):
        environment (str | Unset):
        since (datetime.datetime | Unset):
        until (datetime.datetime | Unset):
        interval (GetCostTimeseriesInterval | Unset):
        split_by_model (bool | Unset):  Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CostTimeseries | Error
    """

    return (
        await asyncio_detailed(
            client=client,
            project_id=project_id,
            agent_id=agent_id,
            environment=environment,
            since=since,
            until=until,
            interval=interval,
            split_by_model=split_by_model,
        )
    ).parsed
