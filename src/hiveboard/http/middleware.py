"""Pure ASGI middlewares that run before connexion sees a request."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any
from urllib.parse import parse_qsl, urlencode

import orjson
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from hiveboard.errors import PayloadTooLarge, error_body

REQUEST_ID_HEADER = b"x-request-id"


async def send_error(send: Send, status: int, code: str, message: str,
                     details: dict[str, Any] | None = None,
                     headers: Iterable[tuple[bytes, bytes]] = ()) -> None:
    body = orjson.dumps(error_body(status, code, message, details))
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode()), *headers]})
    await send({"type": "http.response.body", "body": body})


class RequestContext:
    """Attach the app's services and a request id (accepted from the client or generated)."""

    def __init__(self, app: ASGIApp, services: Any, services_key: str) -> None:
        self.app = app
        self.services = services
        self.services_key = services_key

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        scope[self.services_key] = self.services
        incoming = dict(scope.get("headers", [])).get(REQUEST_ID_HEADER, b"")
        request_id = incoming.decode("latin-1")[:128] if incoming else uuid.uuid4().hex
        scope["hiveboard.request_id"] = request_id

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.append((REQUEST_ID_HEADER, request_id.encode("latin-1")))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_id)


class _TooLarge(PayloadTooLarge):
    """Raised from ``receive``: connexion renders it as 413 when a handler is reading."""


class BodyLimit:
    """Refuse bodies over the limit without reading them whole (declared or streamed)."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        message = f"request body exceeds {self.max_bytes} bytes"
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            await send_error(send, 413, "payload_too_large", message,
                             {"limit_bytes": self.max_bytes})
            return
        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            msg = await receive()
            if msg["type"] == "http.request":
                received += len(msg.get("body", b""))
                if received > self.max_bytes:
                    raise _TooLarge(message, details={"limit_bytes": self.max_bytes})
            return msg

        async def tracking_send(msg: Message) -> None:
            nonlocal started
            if msg["type"] == "http.response.start":
                started = True
            await send(msg)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except _TooLarge:
            if not started:
                await send_error(send, 413, "payload_too_large", message,
                                 {"limit_bytes": self.max_bytes})


class CommaLists:
    """Accept the reference's ``?event_type=a,b`` as well as repeated ``?event_type=a&…=b``."""

    def __init__(self, app: ASGIApp, list_params: frozenset[str]) -> None:
        self.app = app
        self.list_params = list_params

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        qs: bytes = scope.get("query_string", b"")
        if scope["type"] == "http" and (b"," in qs or b"%2C" in qs.upper()):
            pairs = parse_qsl(qs.decode("latin-1"), keep_blank_values=True)
            expanded: list[tuple[str, str]] = []
            for key, value in pairs:
                parts = [part for part in value.split(",") if part]
                if key in self.list_params and parts:
                    expanded.extend((key, part) for part in parts)
                else:  # ``?status=,`` stays one (invalid) value: a 400, not "no filter"
                    expanded.append((key, value))
            scope = dict(scope)
            scope["query_string"] = urlencode(expanded).encode("latin-1")
        await self.app(scope, receive, send)
