import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.list_tasks_sort import ListTasksSort
from ...models.task_status import TaskStatus
from ...models.tasks_page import TasksPage
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    project_id: str | Unset = UNSET,
    agent_id: str | Unset = UNSET,
    task_type: str | Unset = UNSET,
    status: list[TaskStatus] | Unset = UNSET,
    environment: str | Unset = UNSET,
    group: str | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    until: datetime.datetime | Unset = UNSET,
    sort: ListTasksSort | Unset = ListTasksSort.NEWEST,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["project_id"] = project_id

    params["agent_id"] = agent_id

    params["task_type"] = task_type

    json_status: list[str] | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = []
        for status_item_data in status:
            status_item = status_item_data.value
            json_status.append(status_item)

    params["status"] = json_status

    params["environment"] = environment

    params["group"] = group

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
        "url": "/v1/tasks",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | TasksPage:
    if response.status_code == 200:
        response_200 = TasksPage.from_dict(response.json())

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
) -> Response[Error | TasksPage]:
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
    task_type: str | Unset = UNSET,
    status: list[TaskStatus] | Unset = UNSET,
    environment: str | Unset = UNSET,
    group: str | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    until: datetime.datetime | Unset = UNSET,
    sort: ListTasksSort | Unset = ListTasksSort.NEWEST,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
) -> Response[Error | TasksPage]:
    """List tasks

     One row per task (`task_id`), derived from all its events, whatever run they name;
    `task_run_id` is the run named by the task's latest event that names one (the run the
    timeline shows by default). `started_at` is the earliest `task_started` timestamp, or
    the task's earliest event when `task_started` is missing; `since`/`until` filter on it.
    Cost and token totals sum the task's `llm_call` payloads and are null when it has none.
    With `project_id`, tasks sent without a project belong to the default project.

    Task status (first match wins): a `task_completed` event → `completed`; `task_failed`
    → `failed`; an `escalated` event → `escalated`; more `approval_requested` than
    `approval_received` → `waiting`; the agent is stuck now → `stuck`; otherwise
    `processing`. A failed attempt retried to completion under the same `task_id` is
    `completed`.

    Sort `newest`/`oldest` by `started_at`, `duration` and `cost` largest first (nulls
    last); ties are ordered by `task_id`. Pages are stable while new tasks arrive; a task
    whose sort key changes between two pages (it finishes, or gains cost) may move
    across the page boundary.

    Args:
        project_id (str | Unset):
        agent_id (str | Unset):
        task_type (str | Unset):
        status (list[TaskStatus] | Unset):
        environment (str | Unset):
        group (str | Unset):
        since (datetime.datetime | Unset):
        until (datetime.datetime | Unset):
        sort (ListTasksSort | Unset):  Default: ListTasksSort.NEWEST.
        limit (int | Unset):  Default: 50.
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | TasksPage]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        agent_id=agent_id,
        task_type=task_type,
        status=status,
        environment=environment,
        group=group,
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
    task_type: str | Unset = UNSET,
    status: list[TaskStatus] | Unset = UNSET,
    environment: str | Unset = UNSET,
    group: str | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    until: datetime.datetime | Unset = UNSET,
    sort: ListTasksSort | Unset = ListTasksSort.NEWEST,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
) -> Error | TasksPage | None:
    """List tasks

     One row per task (`task_id`), derived from all its events, whatever run they name;
    `task_run_id` is the run named by the task's latest event that names one (the run the
    timeline shows by default). `started_at` is the earliest `task_started` timestamp, or
    the task's earliest event when `task_started` is missing; `since`/`until` filter on it.
    Cost and token totals sum the task's `llm_call` payloads and are null when it has none.
    With `project_id`, tasks sent without a project belong to the default project.

    Task status (first match wins): a `task_completed` event → `completed`; `task_failed`
    → `failed`; an `escalated` event → `escalated`; more `approval_requested` than
    `approval_received` → `waiting`; the agent is stuck now → `stuck`; otherwise
    `processing`. A failed attempt retried to completion under the same `task_id` is
    `completed`.

    Sort `newest`/`oldest` by `started_at`, `duration` and `cost` largest first (nulls
    last); ties are ordered by `task_id`. Pages are stable while new tasks arrive; a task
    whose sort key changes between two pages (it finishes, or gains cost) may move
    across the page boundary.

    Args:
        project_id (str | Unset):
        agent_id (str | Unset):
        task_type (str | Unset):
        status (list[TaskStatus] | Unset):
        environment (str | Unset):
        group (str | Unset):
        since (datetime.datetime | Unset):
        until (datetime.datetime | Unset):
        sort (ListTasksSort | Unset):  Default: ListTasksSort.NEWEST.
        limit (int | Unset):  Default: 50.
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | TasksPage
    """

    return sync_detailed(
        client=client,
        project_id=project_id,
        agent_id=agent_id,
        task_type=task_type,
        status=status,
        environment=environment,
        group=group,
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
    task_type: str | Unset = UNSET,
    status: list[TaskStatus] | Unset = UNSET,
    environment: str | Unset = UNSET,
    group: str | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    until: datetime.datetime | Unset = UNSET,
    sort: ListTasksSort | Unset = ListTasksSort.NEWEST,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
) -> Response[Error | TasksPage]:
    """List tasks

     One row per task (`task_id`), derived from all its events, whatever run they name;
    `task_run_id` is the run named by the task's latest event that names one (the run the
    timeline shows by default). `started_at` is the earliest `task_started` timestamp, or
    the task's earliest event when `task_started` is missing; `since`/`until` filter on it.
    Cost and token totals sum the task's `llm_call` payloads and are null when it has none.
    With `project_id`, tasks sent without a project belong to the default project.

    Task status (first match wins): a `task_completed` event → `completed`; `task_failed`
    → `failed`; an `escalated` event → `escalated`; more `approval_requested` than
    `approval_received` → `waiting`; the agent is stuck now → `stuck`; otherwise
    `processing`. A failed attempt retried to completion under the same `task_id` is
    `completed`.

    Sort `newest`/`oldest` by `started_at`, `duration` and `cost` largest first (nulls
    last); ties are ordered by `task_id`. Pages are stable while new tasks arrive; a task
    whose sort key changes between two pages (it finishes, or gains cost) may move
    across the page boundary.

    Args:
        project_id (str | Unset):
        agent_id (str | Unset):
        task_type (str | Unset):
        status (list[TaskStatus] | Unset):
        environment (str | Unset):
        group (str | Unset):
        since (datetime.datetime | Unset):
        until (datetime.datetime | Unset):
        sort (ListTasksSort | Unset):  Default: ListTasksSort.NEWEST.
        limit (int | Unset):  Default: 50.
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | TasksPage]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        agent_id=agent_id,
        task_type=task_type,
        status=status,
        environment=environment,
        group=group,
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
    task_type: str | Unset = UNSET,
    status: list[TaskStatus] | Unset = UNSET,
    environment: str | Unset = UNSET,
    group: str | Unset = UNSET,
    since: datetime.datetime | Unset = UNSET,
    until: datetime.datetime | Unset = UNSET,
    sort: ListTasksSort | Unset = ListTasksSort.NEWEST,
    limit: int | Unset = 50,
    cursor: str | Unset = UNSET,
) -> Error | TasksPage | None:
    """List tasks

     One row per task (`task_id`), derived from all its events, whatever run they name;
    `task_run_id` is the run named by the task's latest event that names one (the run the
    timeline shows by default). `started_at` is the earliest `task_started` timestamp, or
    the task's earliest event when `task_started` is missing; `since`/`until` filter on it.
    Cost and token totals sum the task's `llm_call` payloads and are null when it has none.
    With `project_id`, tasks sent without a project belong to the default project.

    Task status (first match wins): a `task_completed` event → `completed`; `task_failed`
    → `failed`; an `escalated` event → `escalated`; more `approval_requested` than
    `approval_received` → `waiting`; the agent is stuck now → `stuck`; otherwise
    `processing`. A failed attempt retried to completion under the same `task_id` is
    `completed`.

    Sort `newest`/`oldest` by `started_at`, `duration` and `cost` largest first (nulls
    last); ties are ordered by `task_id`. Pages are stable while new tasks arrive; a task
    whose sort key changes between two pages (it finishes, or gains cost) may move
    across the page boundary.

    Args:
        project_id (str | Unset):
        agent_id (str | Unset):
        task_type (str | Unset):
        status (list[TaskStatus] | Unset):
        environment (str | Unset):
        group (str | Unset):
        since (datetime.datetime | Unset):
        until (datetime.datetime | Unset):
        sort (ListTasksSort | Unset):  Default: ListTasksSort.NEWEST.
        limit (int | Unset):  Default: 50.
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | TasksPage
    """

    return (
        await asyncio_detailed(
            client=client,
            project_id=project_id,
            agent_id=agent_id,
            task_type=task_type,
            status=status,
            environment=environment,
            group=group,
            since=since,
            until=until,
            sort=sort,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
