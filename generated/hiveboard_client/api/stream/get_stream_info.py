from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.stream_info import StreamInfo
from ...types import Response


def _get_kwargs() -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/stream/info",
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | StreamInfo:
    if response.status_code == 200:
        response_200 = StreamInfo.from_dict(response.json())

        return response_200

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
) -> Response[Error | StreamInfo]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[Error | StreamInfo]:
    """Describe the WebSocket stream

     Where the WebSocket lives and what it allows. Connect to `/v1/stream?token=<api key>`
    (browsers cannot set headers on a WebSocket; other clients may send
    `Authorization: Bearer <api key>`), subscribe to channels with filters,
    and receive `event.new`, `agent.status_changed`, `agent.stuck` and `agent.heartbeat`
    frames; the frames are specified in `spec/ws.schema.json`, whose version is
    `contract_version`. The same key rules apply as here: test keys see only test data.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | StreamInfo]
    """

    kwargs = _get_kwargs()

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
) -> Error | StreamInfo | None:
    """Describe the WebSocket stream

     Where the WebSocket lives and what it allows. Connect to `/v1/stream?token=<api key>`
    (browsers cannot set headers on a WebSocket; other clients may send
    `Authorization: Bearer <api key>`), subscribe to channels with filters,
    and receive `event.new`, `agent.status_changed`, `agent.stuck` and `agent.heartbeat`
    frames; the frames are specified in `spec/ws.schema.json`, whose version is
    `contract_version`. The same key rules apply as here: test keys see only test data.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | StreamInfo
    """

    return sync_detailed(
        client=client,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
) -> Response[Error | StreamInfo]:
    """Describe the WebSocket stream

     Where the WebSocket lives and what it allows. Connect to `/v1/stream?token=<api key>`
    (browsers cannot set headers on a WebSocket; other clients may send
    `Authorization: Bearer <api key>`), subscribe to channels with filters,
    and receive `event.new`, `agent.status_changed`, `agent.stuck` and `agent.heartbeat`
    frames; the frames are specified in `spec/ws.schema.json`, whose version is
    `contract_version`. The same key rules apply as here: test keys see only test data.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | StreamInfo]
    """

    kwargs = _get_kwargs()

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
) -> Error | StreamInfo | None:
    """Describe the WebSocket stream

     Where the WebSocket lives and what it allows. Connect to `/v1/stream?token=<api key>`
    (browsers cannot set headers on a WebSocket; other clients may send
    `Authorization: Bearer <api key>`), subscribe to channels with filters,
    and receive `event.new`, `agent.status_changed`, `agent.stuck` and `agent.heartbeat`
    frames; the frames are specified in `spec/ws.schema.json`, whose version is
    `contract_version`. The same key rules apply as here: test keys see only test data.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | StreamInfo
    """

    return (
        await asyncio_detailed(
            client=client,
        )
    ).parsed
