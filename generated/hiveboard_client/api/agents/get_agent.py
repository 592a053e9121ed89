from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.agent_detail import AgentDetail
from ...models.error import Error
from ...models.get_agent_metrics_interval import GetAgentMetricsInterval
from ...models.get_agent_metrics_range import GetAgentMetricsRange
from ...types import UNSET, Response, Unset


def _get_kwargs(
    agent_id: str,
    *,
    project_id: str | Unset = UNSET,
    metrics_range: GetAgentMetricsRange | Unset = GetAgentMetricsRange.VALUE_2,
    metrics_interval: GetAgentMetricsInterval | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["project_id"] = project_id

    json_metrics_range: str | Unset = UNSET
    if not isinstance(metrics_range, Unset):
        json_metrics_range = metrics_range.value

    params["metrics_range"] = json_metrics_range

    json_metrics_interval: str | Unset = UNSET
    if not isinstance(metrics_interval, Unset):
        json_metrics_interval = metrics_interval.value

    params["metrics_interval"] = json_metrics_interval

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/agents/{agent_id}".format(
            agent_id=quote(str(agent_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AgentDetail | Error:
    if response.status_code == 200:
        response_200 = AgentDetail.from_dict(response.json())

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
) -> Response[AgentDetail | Error]:
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
    project_id: str | Unset = UNSET,
    metrics_range: GetAgentMetricsRange | Unset = GetAgentMetricsRange.VALUE_2,
    metrics_interval: GetAgentMetricsInterval | Unset = UNSET,
) -> Response[AgentDetail | Error]:
    """Get one agent with extended stats

     The agent as in the list, plus `stats_24h`, a metrics time series and the recent
    heartbeats that carried a payload. `stats_24h` and `metrics_timeseries` cover
    `metrics_range` (the name `stats_24h` is kept from the reference whatever the range)
    and, with `project_id`, only that project's work; status and liveness are global.
    Without `metrics_interval` the interval follows the range: 1h → 5m, 6h → 15m,
    24h → 1h, 7d → 6h, 30d → 1d. An interval giving more than 1440 buckets is 400
    `invalid_parameter`. Buckets are aligned to the Unix epoch (UTC), so the oldest and
    the current one are usually partial; finished tasks are counted in the bucket of
    their terminal event.

    Args:
        agent_id (str):
        project_id (str | Unset):
        metrics_range (GetAgentMetricsRange | Unset):  Default: GetAgentMetricsRange.VALUE_2.
        metrics_interval (GetAgentMetricsInterval | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AgentDetail | Error]
    """

    kwargs = _get_kwargs(
        agent_id=agent_id,
        project_id=project_id,
        metrics_range=metrics_range,
        metrics_interval=metrics_interval,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    agent_id: str,
    *,
    client: AuthenticatedClient | Client,
    project_id: str | Unset = UNSET,
    metrics_range: GetAgentMetricsRange | Unset = GetAgentMetricsRange.VALUE_2,
    metrics_interval: GetAgentMetricsInterval | Unset = UNSET,
) -> AgentDetail | Error | None:
    """Get one agent with extended stats

     The agent as in the list, plus `stats_24h`, a metrics time series and the recent
    heartbeats that carried a payload. `stats_24h` and `metrics_timeseries` cover
    `metrics_range` (the name `stats_24h` is kept from the reference whatever the range)
    and, with `project_id`, only that project's work; status and liveness are global.
    Without `metrics_interval` the interval follows the range: 1h → 5m, 6h → 15m,
    24h → 1h, 7d → 6h, 30d → 1d. An interval giving more than 1440 buckets is 400
    `invalid_parameter`. Buckets are aligned to the Unix epoch (UTC), so the oldest and
    the current one are usually partial; finished tasks are counted in the bucket of
    their terminal event.

    Args:
        agent_id (str):
        project_id (str | Unset):
        metrics_range (GetAgentMetricsRange | Unset):  Default: GetAgentMetricsRange.VALUE_2.
        metrics_interval (GetAgentMetricsInterval | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AgentDetail | Error
    """

    return sync_detailed(
        agent_id=agent_id,
        client=client,
        project_id=project_id,
        metrics_range=metrics_range,
        metrics_interval=metrics_interval,
    ).parsed


async def asyncio_detailed(
    agent_id: str,
    *,
    client: AuthenticatedClient | Client,
    project_id: str | Unset = UNSET,
    metrics_range: GetAgentMetricsRange | Unset = GetAgentMetricsRange.VALUE_2,
    metrics_interval: GetAgentMetricsInterval | Unset = UNSET,
) -> Response[AgentDetail | Error]:
    """Get one agent with extended stats

     The agent as in the list, plus `stats_24h`, a metrics time series and the recent
    heartbeats that carried a payload. `stats_24h` and `metrics_timeseries` cover
    `metrics_range` (the name `stats_24h` is kept from the reference whatever the range)
    and, with `project_id`, only that project's work; status and liveness are global.
    Without `metrics_interval` the interval follows the range: 1h → 5m, 6h → 15m,
    24h → 1h, 7d → 6h, 30d → 1d. An interval giving more than 1440 buckets is 400
    `invalid_parameter`. Buckets are aligned to the Unix epoch (UTC), so the oldest and
    the current one are usually partial; finished tasks are counted in the bucket of
    their terminal event.

    Args:
        agent_id (str):
        project_id (str | Unset):
        metrics_range (GetAgentMetricsRange | Unset):  Default: GetAgentMetricsRange.VALUE_2.
        metrics_interval (GetAgentMetricsInterval | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AgentDetail | Error]
    """

    kwargs = _get_kwargs(
        agent_id=agent_id,
        project_id=project_id,
        metrics_range=metrics_range,
        metrics_interval=metrics_interval,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    agent_id: str,
    *,
    client: AuthenticatedClient | Client,
    project_id: str | Unset = UNSET,
    metrics_range: GetAgentMetricsRange | Unset = GetAgentMetricsRange.VALUE_2,
    metrics_interval: GetAgentMetricsInterval | Unset = UNSET,
) -> AgentDetail | Error | None:
    """Get one agent with extended stats

     The agent as in the list, plus `stats_24h`, a metrics time series and the recent
    heartbeats that carried a payload. `stats_24h` and `metrics_timeseries` cover
    `metrics_range` (the name `stats_24h` is kept from the reference whatever the range)
    and, with `project_id`, only that project's work; status and liveness are global.
    Without `metrics_interval` the interval follows the range: 1h → 5m, 6h → 15m,
    24h → 1h, 7d → 6h, 30d → 1d. An interval giving more than 1440 buckets is 400
    `invalid_parameter`. Buckets are aligned to the Unix epoch (UTC), so the oldest and
    the current one are usually partial; finished tasks are counted in the bucket of
    their terminal event.

    Args:
        agent_id (str):
        project_id (str | Unset):
        metrics_range (GetAgentMetricsRange | Unset):  Default: GetAgentMetricsRange.VALUE_2.
        metrics_interval (GetAgentMetricsInterval | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AgentDetail | Error
    """

    return (
        await asyncio_detailed(
            agent_id=agent_id,
            client=client,
            project_id=project_id,
            metrics_range=metrics_range,
            metrics_interval=metrics_interval,
        )
    ).parsed
