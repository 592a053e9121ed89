from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.task_timeline import TaskTimeline
from ...types import UNSET, Response, Unset


def _get_kwargs(
    task_id: str,
    *,
    task_run_id: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["task_run_id"] = task_run_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/tasks/{task_id}/timeline".format(
            task_id=quote(str(task_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | TaskTimeline:
    if response.status_code == 200:
        response_200 = TaskTimeline.from_dict(response.json())

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
) -> Response[Error | TaskTimeline]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    task_id: str,
    *,
    client: AuthenticatedClient | Client,
    task_run_id: str | Unset = UNSET,
) -> Response[Error | TaskTimeline]:
    """Get a task's timeline

     Everything one run of a task did: its events in chronological order (each with a
    `render_hint`), the action tree built from `action_id`/`parent_action_id`, the error
    chains built from `parent_event_id`, and the plan overlay.

    Action nodes take `name` from `payload.action_name`, `started_at` from
    `action_started`, `completed_at`, `duration_ms` and `status` (`completed`/`failed`)
    from `action_completed`/`action_failed`; an action without an ending event is
    `running`. Children are ordered by `started_at`.

    The plan comes from `plan_created` (the highest revision wins: its `data.steps` seed
    the steps, all `pending`) and `plan_step` events applied chronologically (the latest
    event per `step_index` sets its action, timestamps, turns and tokens;
    `data.plan_revision` updates `revision`). Without `plan_created`, steps are built from
    the `plan_step` events and `total_steps` from their `data.total_steps`. `plan` is null
    when the run has neither kind.

    A run is the events naming its `task_run_id` plus the task's events that name no run
    (they cannot be attributed, so every run shows them); a task whose events name no run
    is one run with `task_run_id` null. Without `task_run_id` the most recent run is
    returned: the one named by the task's latest event that names a run, as in the task
    list. An unknown `task_run_id` is 404 `task_not_found`. The header fields (status,
    times, cost, tokens) describe the run shown; for a task with a single run they equal
    its task-list row. At most 10000 events are returned, oldest first; `truncated` says
    when the run has more (the header still covers all of them).

    An action nested deeper than 100 levels is listed beside its ancestor at depth 100
    (its `parent_action_id` still names its real parent).

    Args:
        task_id (str):
        task_run_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | TaskTimeline]
    """

    kwargs = _get_kwargs(
        task_id=task_id,
        task_run_id=task_run_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    task_id: str,
    *,
    client: AuthenticatedClient | Client,
    task_run_id: str | Unset = UNSET,
) -> Error | TaskTimeline | None:
    """Get a task's timeline

     Everything one run of a task did: its events in chronological order (each with a
    `render_hint`), the action tree built from `action_id`/`parent_action_id`, the error
    chains built from `parent_event_id`, and the plan overlay.

    Action nodes take `name` from `payload.action_name`, `started_at` from
    `action_started`, `completed_at`, `duration_ms` and `status` (`completed`/`failed`)
    from `action_completed`/`action_failed`; an action without an ending event is
    `running`. Children are ordered by `started_at`.

    The plan comes from `plan_created` (the highest revision wins: its `data.steps` seed
    the steps, all `pending`) and `plan_step` events applied chronologically (the latest
    event per `step_index` sets its action, timestamps, turns and tokens;
    `data.plan_revision` updates `revision`). Without `plan_created`, steps are built from
    the `plan_step` events and `total_steps` from their `data.total_steps`. `plan` is null
    when the run has neither kind.

    A run is the events naming its `task_run_id` plus the task's events that name no run
    (they cannot be attributed, so every run shows them); a task whose events name no run
    is one run with `task_run_id` null. Without `task_run_id` the most recent run is
    returned: the one named by the task's latest event that names a run, as in the task
    list. An unknown `task_run_id` is 404 `task_not_found`. The header fields (status,
    times, cost, tokens) describe the run shown; for a task with a single run they equal
    its task-list row. At most 10000 events are returned, oldest first; `truncated` says
    when the run has more (the header still covers all of them).

    An action nested deeper than 100 levels is listed beside its ancestor at depth 100
    (its `parent_action_id` still names its real parent).

    Args:
        task_id (str):
        task_run_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | TaskTimeline
    """

    return sync_detailed(
        task_id=task_id,
        client=client,
        task_run_id=task_run_id,
    ).parsed


async def asyncio_detailed(
    task_id: str,
    *,
    client: AuthenticatedClient | Client,
    task_run_id: str | Unset = UNSET,
) -> Response[Error | TaskTimeline]:
    """Get a task's timeline

     Everything one run of a task did: its events in chronological order (each with a
    `render_hint`), the action tree built from `action_id`/`parent_action_id`, the error
    chains built from `parent_event_id`, and the plan overlay.

    Action nodes take `name` from `payload.action_name`, `started_at` from
    `action_started`, `completed_at`, `duration_ms` and `status` (`completed`/`failed`)
    from `action_completed`/`action_failed`; an action without an ending event is
    `running`. Children are ordered by `started_at`.

    The plan comes from `plan_created` (the highest revision wins: its `data.steps` seed
    the steps, all `pending`) and `plan_step` events applied chronologically (the latest
    event per `step_index` sets its action, timestamps, turns and tokens;
    `data.plan_revision` updates `revision`). Without `plan_created`, steps are built from
    the `plan_step` events and `total_steps` from their `data.total_steps`. `plan` is null
    when the run has neither kind.

    A run is the events naming its `task_run_id` plus the task's events that name no run
    (they cannot be attributed, so every run shows them); a task whose events name no run
    is one run with `task_run_id` null. Without `task_run_id` the most recent run is
    returned: the one named by the task's latest event that names a run, as in the task
    list. An unknown `task_run_id` is 404 `task_not_found`. The header fields (status,
    times, cost, tokens) describe the run shown; for a task with a single run they equal
    its task-list row. At most 10000 events are returned, oldest first; `truncated` says
    when the run has more (the header still covers all of them).

    An action nested deeper than 100 levels is listed beside its ancestor at depth 100
    (its `parent_action_id` still names its real parent).

    Args:
        task_id (str):
        task_run_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | TaskTimeline]
    """

    kwargs = _get_kwargs(
        task_id=task_id,
        task_run_id=task_run_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    task_id: str,
    *,
    client: AuthenticatedClient | Client,
    task_run_id: str | Unset = UNSET,
) -> Error | TaskTimeline | None:
    """Get a task's timeline

     Everything one run of a task did: its events in chronological order (each with a
    `render_hint`), the action tree built from `action_id`/`parent_action_id`, the error
    chains built from `parent_event_id`, and the plan overlay.

    Action nodes take `name` from `payload.action_name`, `started_at` from
    `action_started`, `completed_at`, `duration_ms` and `status` (`completed`/`failed`)
    from `action_completed`/`action_failed`; an action without an ending event is
    `running`. Children are ordered by `started_at`.

    The plan comes from `plan_created` (the highest revision wins: its `data.steps` seed
    the steps, all `pending`) and `plan_step` events applied chronologically (the latest
    event per `step_index` sets its action, timestamps, turns and tokens;
    `data.plan_revision` updates `revision`). Without `plan_created`, steps are built from
    the `plan_step` events and `total_steps` from their `data.total_steps`. `plan` is null
    when the run has neither kind.

    A run is the events naming its `task_run_id` plus the task's events that name no run
    (they cannot be attributed, so every run shows them); a task whose events name no run
    is one run with `task_run_id` null. Without `task_run_id` the most recent run is
    returned: the one named by the task's latest event that names a run, as in the task
    list. An unknown `task_run_id` is 404 `task_not_found`. The header fields (status,
    times, cost, tokens) describe the run shown; for a task with a single run they equal
    its task-list row. At most 10000 events are returned, oldest first; `truncated` says
    when the run has more (the header still covers all of them).

    An action nested deeper than 100 levels is listed beside its ancestor at depth 100
    (its `parent_action_id` still names its real parent).

    Args:
        task_id (str):
        task_run_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | TaskTimeline
    """

    return (
        await asyncio_detailed(
            task_id=task_id,
            client=client,
            task_run_id=task_run_id,
        )
    ).parsed
