from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.alert_rule_create import AlertRuleCreate
from ...models.alert_rule_created import AlertRuleCreated
from ...models.error import Error
from ...types import Response


def _get_kwargs(
    *,
    body: AlertRuleCreate,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/alerts/rules",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AlertRuleCreated | Error:
    if response.status_code == 201:
        response_201 = AlertRuleCreated.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Error.from_dict(response.json())

        return response_403

    if response.status_code == 415:
        response_415 = Error.from_dict(response.json())

        return response_415

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
) -> Response[AlertRuleCreated | Error]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: AlertRuleCreate,
) -> Response[AlertRuleCreated | Error]:
    """Create an alert rule

     Creates a rule: a condition, optional filters narrowing the events it watches, one
    to ten actions, and a cooldown between two firings. `project_id` (id or slug) scopes
    the rule to one project (400 `invalid_project` when it names none); null watches
    every project. The answer carries `webhook_secret`, shown this once: webhook
    deliveries are signed with it (see the `alertFired` webhook). Agent ids inside
    conditions and filters need not exist yet. Recorded in the audit log as
    `alert_rule.created`.

    Args:
        body (AlertRuleCreate): A rule as written by a client (creation, and full replacement on
            update).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AlertRuleCreated | Error]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: AlertRuleCreate,
) -> AlertRuleCreated | Error | None:
    """Create an alert rule

     Creates a rule: a condition, optional filters narrowing the events it watches, one
    to ten actions, and a cooldown between two firings. `project_id` (id or slug) scopes
    the rule to one project (400 `invalid_project` when it names none); null watches
    every project. The answer carries `webhook_secret`, shown this once: webhook
    deliveries are signed with it (see the `alertFired` webhook). Agent ids inside
    conditions and filters need not exist yet. Recorded in the audit log as
    `alert_rule.created`.

    Args:
        body (AlertRuleCreate): A rule as written by a client (creation, and full replacement on
            update).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AlertRuleCreated | Error
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: AlertRuleCreate,
) -> Response[AlertRuleCreated | Error]:
    """Create an alert rule

     Creates a rule: a condition, optional filters narrowing the events it watches, one
    to ten actions, and a cooldown between two firings. `project_id` (id or slug) scopes
    the rule to one project (400 `invalid_project` when it names none); null watches
    every project. The answer carries `webhook_secret`, shown this once: webhook
    deliveries are signed with it (see the `alertFired` webhook). Agent ids inside
    conditions and filters need not exist yet. Recorded in the audit log as
    `alert_rule.created`.

    Args:
        body (AlertRuleCreate): A rule as written by a client (creation, and full replacement on
            update).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AlertRuleCreated | Error]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: AlertRuleCreate,
) -> AlertRuleCreated | Error | None:
    """Create an alert rule

     Creates a rule: a condition, optional filters narrowing the events it watches, one
    to ten actions, and a cooldown between two firings. `project_id` (id or slug) scopes
    the rule to one project (400 `invalid_project` when it names none); null watches
    every project. The answer carries `webhook_secret`, shown this once: webhook
    deliveries are signed with it (see the `alertFired` webhook). Agent ids inside
    conditions and filters need not exist yet. Recorded in the audit log as
    `alert_rule.created`.

    Args:
        body (AlertRuleCreate): A rule as written by a client (creation, and full replacement on
            update).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AlertRuleCreated | Error
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
