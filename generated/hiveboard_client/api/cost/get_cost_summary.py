import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.cost_summary import CostSummary
from ...models.error import Error
from ...models.get_cost_summary_group_by import GetCostSummaryGroupBy
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    project_id: str | Unset = UNSET,
    agent_id: str | Unset = UNSET,
    environment: str | Unset = UNSET,
    group_by: GetCostSummaryGroupBy | Unset = GetCostSummaryGroupBy.AGENT,
    since: datetime.datetime | Unset = UNSET,
    until: datetime.datetime | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["project_id"] = project_id

    params["agent_id"] = agent_id

    params["environment"] = environment

    json_group_by: str | Unset = UNSET
    if not isinstance(group_by, Unset):
        json_group_by = group_by.value

    params["group_by"] = json_group_by

    json_since: str | Unset = UNSET
    if not isinstance(since, Unset):
        json_since = since.isoformat()
    params["since"] = json_since

    json_until: str | Unset = UNSET
    if not isinstance(until, Unset):
        json_until = until.isoformat()
    params["until"] = json_until

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/cost",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CostSummary | Error:
    if response.status_code == 200:
        response_200 = CostSummary.from_dict(response.json())

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
) -> Response[CostSummary | Error]:
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
    group_by: GetCostSummaryGroupBy | Unset = GetCostSummaryGroupBy.AGENT,
    since: datetime.datetime | Unset = UNSET,
    until: datetime.datetime | Unset = UNSET,
) -> Response[CostSummary | Error]:
    """Get LLM cost totals and breakdown

     Cost, calls and tokens of `llm_call` payloads between `since` (default: 24 hours
    before `until`) and `until` (default: now), as totals and grouped by agent, model or
    agent and model, most expensive first. Missing costs and token counts count as 0;
    calls without a model are grouped under a null `model`.

    Args:
        project_id (str | Unset):
        agent_id (str | Unset):
        environment (str | Unset):
        group_by (GetCostSummaryGroupBy | Unset):  Default: GetCostSummaryGroupBy.AGENT.
        since (datetime.datetime | Unset):
        until (datetime.datetime | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CostSummary | Error]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        agent_id=agent_id,
        environment=environment,
        group_by=group_by,
        since=since,
        until=until,
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
    group_by: GetCostSummaryGroupBy | Unset = GetCostSummaryGroupBy.AGENT,
    since: datetime.datetime | Unset = UNSET,
    until: datetime.datetime | Unset = UNSET,
) -> CostSummary | Error | None:
    """Get LLM cost totals and breakdown

     Cost, calls and tokens of `llm_call` payloads between `since` (default: 24 hours
    before `until`) and `until` (default: now), as totals and grouped by agent, model or
    agent and model, most expensive first. Missing costs and token counts count as 0;
    calls without a model are grouped under a null `model`.

    Args:
        project_id (str | Unset):
        agent_id (str | Unset):
        environment (str | Unset):
        group_by (GetCostSummaryGroupBy | Unset):  Default: GetCostSummaryGroupBy.AGENT.
        since (datetime.datetime | Unset):
        until (datetime.datetime | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CostSummary | Error
    """

    return sync_detailed(
        client=client,
        project_id=project_id,
        agent_id=agent_id,
        environment=environment,
        group_by=group_by,
        since=since,
        until=until,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    project_id: str | Unset = UNSET,
    agent_id: str | Unset = UNSET,
    environment: str | Unset = UNSET,
    group_by: GetCostSummaryGroupBy | Unset = GetCostSummaryGroupBy.AGENT,
    since: datetime.datetime | Unset = UNSET,
    until: datetime.datetime | Unset = UNSET,
) -> Response[CostSummary | Error]:
    """Get LLM cost totals and breakdown

     Cost, calls and tokens of `llm_call` payloads between `since` (default: 24 hours
    before `until`) and `until` (default: now), as totals and grouped by agent, model or
    agent and model, most expensive first. Missing costs and token counts count as 0;
    calls without a model are grouped under a null `model`.

    Args:
        project_id (str | Unset):
        agent_id (str | Unset):
        environment (str | Unset):
        group_by (GetCostSummaryGroupBy | Unset):  Default: GetCostSummaryGroupBy.AGENT.
        since (datetime.datetime | Unset):
        until (datetime.datetime | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CostSummary | Error]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        agent_id=agent_id,
        environment=environment,
        group_by=group_by,
        since=since,
        until=until,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    project_id: str | Unset = UNSET,
    agent_id: str | Unset = UNSET,
    environment: str | Unset = UNSET,
    group_by: GetCostSummaryGroupBy | Unset = GetCostSummaryGroupBy.AGENT,
    since: datetime.datetime | Unset = UNSET,
    until: datetime.datetime | Unset = UNSET,
) -> CostSummary | Error | None:
    """Get LLM cost totals and breakdown

     Cost, calls and tokens of `llm_call` payloads between `since` (default: 24 hours
    before `until`) and `until` (default: now), as totals and grouped by agent, model or
    agent and model, most expensive first. Missing costs and token counts count as 0;
    calls without a model are grouped under a null `model`.

    Args:
        project_id (str | Unset):
        agent_id (str | Unset):
        environment (str | Unset):
        group_by (GetCostSummaryGroupBy | Unset):  Default: GetCostSummaryGroupBy.AGENT.
        since (datetime.datetime | Unset):
        until (datetime.datetime | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CostSummary | Error
    """

    return (
        await asyncio_detailed(
            client=client,
            project_id=project_id,
            agent_id=agent_id,
            environment=environment,
            group_by=group_by,
            since=since,
            until=until,
        )
    ).parsed
