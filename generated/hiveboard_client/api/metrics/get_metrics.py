from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.get_metrics_group_by import GetMetricsGroupBy
from ...models.get_metrics_interval import GetMetricsInterval
from ...models.get_metrics_metric import GetMetricsMetric
from ...models.get_metrics_range import GetMetricsRange
from ...models.metrics_response import MetricsResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    project_id: str | Unset = UNSET,
    agent_id: str | Unset = UNSET,
    environment: str | Unset = UNSET,
    group: str | Unset = UNSET,
    range_: GetMetricsRange | Unset = GetMetricsRange.VALUE_0,
    interval: GetMetricsInterval | Unset = UNSET,
    metric: GetMetricsMetric | Unset = UNSET,
    group_by: GetMetricsGroupBy | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["project_id"] = project_id

    params["agent_id"] = agent_id

    params["environment"] = environment

    params["group"] = group

    json_range_: str | Unset = UNSET
    if not isinstance(range_, Unset):
        json_range_ = range_.value

    params["range"] = json_range_

    json_interval: str | Unset = UNSET
    if not isinstance(interval, Unset):
        json_interval = interval.value

    params["interval"] = json_interval

    json_metric: str | Unset = UNSET
    if not isinstance(metric, Unset):
        json_metric = metric.value

    params["metric"] = json_metric

    json_group_by: str | Unset = UNSET
    if not isinstance(group_by, Unset):
        json_group_by = group_by.value

    params["group_by"] = json_group_by

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/metrics",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | MetricsResponse:
    if response.status_code == 200:
        response_200 = MetricsResponse.from_dict(response.json())

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
) -> Response[Error | MetricsResponse]:
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
    group: str | Unset = UNSET,
    range_: GetMetricsRange | Unset = GetMetricsRange.VALUE_0,
    interval: GetMetricsInterval | Unset = UNSET,
    metric: GetMetricsMetric | Unset = UNSET,
    group_by: GetMetricsGroupBy | Unset = UNSET,
) -> Response[Error | MetricsResponse]:
    """Get aggregated metrics

     Summary numbers and a time series over `range` (ending now), optionally focused on
    one `metric` and broken down by `group_by`.

    Without `metric` every summary and bucket field is present. With `metric` only that
    metric's fields appear:

    | metric | summary fields | bucket fields |
    |---|---|---|
    | cost | total_cost, avg_cost_per_task, llm_call_count, total_tokens_in, total_tokens_out | cost,
    llm_call_count |
    | tokens | total_tokens_in, total_tokens_out, llm_call_count | total_tokens_in, total_tokens_out,
    llm_call_count |
    | tasks | total_tasks, completed, failed, escalated, stuck, success_rate | tasks_completed,
    tasks_failed, error_count, throughput |
    | duration | total_tasks, avg_duration_ms | avg_duration_ms |

    `group_by` needs `metric` (400 `invalid_parameter` otherwise); `model` and
    `agent_model` need `metric=cost` or `metric=tokens`. With `group_by`, `groups` holds
    one row per agent, model or agent/model pair, largest first; `summary` stays the
    workspace total. Without `group_by`, `groups` is null.

    What is counted where: `total_tasks` are tasks started in the range and `escalated`
    those of them that were escalated; `completed`, `failed`, durations and the buckets'
    task numbers count tasks by their terminal event (a task completed after a failed
    attempt is completed, never also failed), so the buckets add up to the summary;
    `avg_duration_ms` is over completed tasks. `stuck` is the state now, whatever the
    range: open tasks (not escalated, not waiting for an approval) whose agent is stuck.
    A bucket's `error_count` counts `action_failed` and `task_failed` events. LLM numbers
    come from `llm_call` events in the range; `avg_cost_per_task` is `total_cost /
    total_tasks` (null without tasks).

    Groups: `cost` → `cost`, `call_count`, `tokens_in`, `tokens_out`,
    `avg_cost_per_call`; `tokens` → `tokens_in`, `tokens_out`, `call_count` (largest
    `tokens_in + tokens_out` first); `tasks` → `tasks_completed`, `tasks_failed` (most
    finished first); `duration` → `tasks_completed`, `avg_duration_ms` (slowest first,
    agents with a completed task only). Ties are ordered by agent id, then model.

    Without `interval` it follows the range: 1h → 5m, 6h → 15m, 24h → 1h, 7d → 6h,
    30d → 1d. A range holding more than 1440 intervals is 400 `invalid_parameter` (7d at
    5m). Buckets are aligned to the Unix epoch (UTC), so the oldest one is usually
    partial; when that alone would make a 1441st bucket (24h at 1m), the partial oldest
    bucket is left out. Cost numbers agree with `/v1/cost`: both sum the same `llm_call`
    events.

    Args:
        project_id (str | Unset):
        agent_id (str | Unset):
        environment (str | Unset):
        group (str | Unset):
        range_ (GetMetricsRange | Unset):  Default: GetMetricsRange.VALUE_0.
        interval (GetMetricsInterval | Unset):
        metric (GetMetricsMetric | Unset):
        group_by (GetMetricsGroupBy | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | MetricsResponse]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        agent_id=agent_id,
        environment=environment,
        group=group,
        range_=range_,
        interval=interval,
        metric=metric,
        group_by=group_by,
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
    group: str | Unset = UNSET,
    range_: GetMetricsRange | Unset = GetMetricsRange.VALUE_0,
    interval: GetMetricsInterval | Unset = UNSET,
    metric: GetMetricsMetric | Unset = UNSET,
    group_by: GetMetricsGroupBy | Unset = UNSET,
) -> Error | MetricsResponse | None:
    """Get aggregated metrics

     Summary numbers and a time series over `range` (ending now), optionally focused on
    one `metric` and broken down by `group_by`.

    Without `metric` every summary and bucket field is present. With `metric` only that
    metric's fields appear:

    | metric | summary fields | bucket fields |
    |---|---|---|
    | cost | total_cost, avg_cost_per_task, llm_call_count, total_tokens_in, total_tokens_out | cost,
    llm_call_count |
    | tokens | total_tokens_in, total_tokens_out, llm_call_count | total_tokens_in, total_tokens_out,
    llm_call_count |
    | tasks | total_tasks, completed, failed, escalated, stuck, success_rate | tasks_completed,
    tasks_failed, error_count, throughput |
    | duration | total_tasks, avg_duration_ms | avg_duration_ms |

    `group_by` needs `metric` (400 `invalid_parameter` otherwise); `model` and
    `agent_model` need `metric=cost` or `metric=tokens`. With `group_by`, `groups` holds
    one row per agent, model or agent/model pair, largest first; `summary` stays the
    workspace total. Without `group_by`, `groups` is null.

    What is counted where: `total_tasks` are tasks started in the range and `escalated`
    those of them that were escalated; `completed`, `failed`, durations and the buckets'
    task numbers count tasks by their terminal event (a task completed after a failed
    attempt is completed, never also failed), so the buckets add up to the summary;
    `avg_duration_ms` is over completed tasks. `stuck` is the state now, whatever the
    range: open tasks (not escalated, not waiting for an approval) whose agent is stuck.
    A bucket's `error_count` counts `action_failed` and `task_failed` events. LLM numbers
    come from `llm_call` events in the range; `avg_cost_per_task` is `total_cost /
    total_tasks` (null without tasks).

    Groups: `cost` → `cost`, `call_count`, `tokens_in`, `tokens_out`,
    `avg_cost_per_call`; `tokens` → `tokens_in`, `tokens_out`, `call_count` (largest
    `tokens_in + tokens_out` first); `tasks` → `tasks_completed`, `tasks_failed` (most
    finished first); `duration` → `tasks_completed`, `avg_duration_ms` (slowest first,
    agents with a completed task only). Ties are ordered by agent id, then model.

    Without `interval` it follows the range: 1h → 5m, 6h → 15m, 24h → 1h, 7d → 6h,
    30d → 1d. A range holding more than 1440 intervals is 400 `invalid_parameter` (7d at
    5m). Buckets are aligned to the Unix epoch (UTC), so the oldest one is usually
    partial; when that alone would make a 1441st bucket (24h at 1m), the partial oldest
    bucket is left out. Cost numbers agree with `/v1/cost`: both sum the same `llm_call`
    events.

    Args:
        project_id (str | Unset):
        agent_id (str | Unset):
        environment (str | Unset):
        group (str | Unset):
        range_ (GetMetricsRange | Unset):  Default: GetMetricsRange.VALUE_0.
        interval (GetMetricsInterval | Unset):
        metric (GetMetricsMetric | Unset):
        group_by (GetMetricsGroupBy | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | MetricsResponse
    """

    return sync_detailed(
        client=client,
        project_id=project_id,
        agent_id=agent_id,
        environment=environment,
        group=group,
        range_=range_,
        interval=interval,
        metric=metric,
        group_by=group_by,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    project_id: str | Unset = UNSET,
    agent_id: str | Unset = UNSET,
    environment: str | Unset = UNSET,
    group: str | Unset = UNSET,
    range_: GetMetricsRange | Unset = GetMetricsRange.VALUE_0,
    interval: GetMetricsInterval | Unset = UNSET,
    metric: GetMetricsMetric | Unset = UNSET,
    group_by: GetMetricsGroupBy | Unset = UNSET,
) -> Response[Error | MetricsResponse]:
    """Get aggregated metrics

     Summary numbers and a time series over `range` (ending now), optionally focused on
    one `metric` and broken down by `group_by`.

    Without `metric` every summary and bucket field is present. With `metric` only that
    metric's fields appear:

    | metric | summary fields | bucket fields |
    |---|---|---|
    | cost | total_cost, avg_cost_per_task, llm_call_count, total_tokens_in, total_tokens_out | cost,
    llm_call_count |
    | tokens | total_tokens_in, total_tokens_out, llm_call_count | total_tokens_in, total_tokens_out,
    llm_call_count |
    | tasks | total_tasks, completed, failed, escalated, stuck, success_rate | tasks_completed,
    tasks_failed, error_count, throughput |
    | duration | total_tasks, avg_duration_ms | avg_duration_ms |

    `group_by` needs `metric` (400 `invalid_parameter` otherwise); `model` and
    `agent_model` need `metric=cost` or `metric=tokens`. With `group_by`, `groups` holds
    one row per agent, model or agent/model pair, largest first; `summary` stays the
    workspace total. Without `group_by`, `groups` is null.

    What is counted where: `total_tasks` are tasks started in the range and `escalated`
    those of them that were escalated; `completed`, `failed`, durations and the buckets'
    task numbers count tasks by their terminal event (a task completed after a failed
    attempt is completed, never also failed), so the buckets add up to the summary;
    `avg_duration_ms` is over completed tasks. `stuck` is the state now, whatever the
    range: open tasks (not escalated, not waiting for an approval) whose agent is stuck.
    A bucket's `error_count` counts `action_failed` and `task_failed` events. LLM numbers
    come from `llm_call` events in the range; `avg_cost_per_task` is `total_cost /
    total_tasks` (null without tasks).

    Groups: `cost` → `cost`, `call_count`, `tokens_in`, `tokens_out`,
    `avg_cost_per_call`; `tokens` → `tokens_in`, `tokens_out`, `call_count` (largest
    `tokens_in + tokens_out` first); `tasks` → `tasks_completed`, `tasks_failed` (most
    finished first); `duration` → `tasks_completed`, `avg_duration_ms` (slowest first,
    agents with a completed task only). Ties are ordered by agent id, then model.

    Without `interval` it follows the range: 1h → 5m, 6h → 15m, 24h → 1h, 7d → 6h,
    30d → 1d. A range holding more than 1440 intervals is 400 `invalid_parameter` (7d at
    5m). Buckets are aligned to the Unix epoch (UTC), so the oldest one is usually
    partial; when that alone would make a 1441st bucket (24h at 1m), the partial oldest
    bucket is left out. Cost numbers agree with `/v1/cost`: both sum the same `llm_call`
    events.

    Args:
        project_id (str | Unset):
        agent_id (str | Unset):
        environment (str | Unset):
        group (str | Unset):
        range_ (GetMetricsRange | Unset):  Default: GetMetricsRange.VALUE_0.
        interval (GetMetricsInterval | Unset):
        metric (GetMetricsMetric | Unset):
        group_by (GetMetricsGroupBy | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | MetricsResponse]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        agent_id=agent_id,
        environment=environment,
        group=group,
        range_=range_,
        interval=interval,
        metric=metric,
        group_by=group_by,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    project_id: str | Unset = UNSET,
    agent_id: str | Unset = UNSET,
    environment: str | Unset = UNSET,
    group: str | Unset = UNSET,
    range_: GetMetricsRange | Unset = GetMetricsRange.VALUE_0,
    interval: GetMetricsInterval | Unset = UNSET,
    metric: GetMetricsMetric | Unset = UNSET,
    group_by: GetMetricsGroupBy | Unset = UNSET,
) -> Error | MetricsResponse | None:
    """Get aggregated metrics

     Summary numbers and a time series over `range` (ending now), optionally focused on
    one `metric` and broken down by `group_by`.

    Without `metric` every summary and bucket field is present. With `metric` only that
    metric's fields appear:

    | metric | summary fields | bucket fields |
    |---|---|---|
    | cost | total_cost, avg_cost_per_task, llm_call_count, total_tokens_in, total_tokens_out | cost,
    llm_call_count |
    | tokens | total_tokens_in, total_tokens_out, llm_call_count | total_tokens_in, total_tokens_out,
    llm_call_count |
    | tasks | total_tasks, completed, failed, escalated, stuck, success_rate | tasks_completed,
    tasks_failed, error_count, throughput |
    | duration | total_tasks, avg_duration_ms | avg_duration_ms |

    `group_by` needs `metric` (400 `invalid_parameter` otherwise); `model` and
    `agent_model` need `metric=cost` or `metric=tokens`. With `group_by`, `groups` holds
    one row per agent, model or agent/model pair, largest first; `summary` stays the
    workspace total. Without `group_by`, `groups` is null.

    What is counted where: `total_tasks` are tasks started in the range and `escalated`
    those of them that were escalated; `completed`, `failed`, durations and the buckets'
    task numbers count tasks by their terminal event (a task completed after a failed
    attempt is completed, never also failed), so the buckets add up to the summary;
    `avg_duration_ms` is over completed tasks. `stuck` is the state now, whatever the
    range: open tasks (not escalated, not waiting for an approval) whose agent is stuck.
    A bucket's `error_count` counts `action_failed` and `task_failed` events. LLM numbers
    come from `llm_call` events in the range; `avg_cost_per_task` is `total_cost /
    total_tasks` (null without tasks).

    Groups: `cost` → `cost`, `call_count`, `tokens_in`, `tokens_out`,
    `avg_cost_per_call`; `tokens` → `tokens_in`, `tokens_out`, `call_count` (largest
    `tokens_in + tokens_out` first); `tasks` → `tasks_completed`, `tasks_failed` (most
    finished first); `duration` → `tasks_completed`, `avg_duration_ms` (slowest first,
    agents with a completed task only). Ties are ordered by agent id, then model.

    Without `interval` it follows the range: 1h → 5m, 6h → 15m, 24h → 1h, 7d → 6h,
    30d → 1d. A range holding more than 1440 intervals is 400 `invalid_parameter` (7d at
    5m). Buckets are aligned to the Unix epoch (UTC), so the oldest one is usually
    partial; when that alone would make a 1441st bucket (24h at 1m), the partial oldest
    bucket is left out. Cost numbers agree with `/v1/cost`: both sum the same `llm_call`
    events.

    Args:
        project_id (str | Unset):
        agent_id (str | Unset):
        environment (str | Unset):
        group (str | Unset):
        range_ (GetMetricsRange | Unset):  Default: GetMetricsRange.VALUE_0.
        interval (GetMetricsInterval | Unset):
        metric (GetMetricsMetric | Unset):
        group_by (GetMetricsGroupBy | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | MetricsResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            project_id=project_id,
            agent_id=agent_id,
            environment=environment,
            group=group,
            range_=range_,
            interval=interval,
            metric=metric,
            group_by=group_by,
        )
    ).parsed
