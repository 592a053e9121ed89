"""``GET /v1/stream``: the WebSocket route (a plain ASGI app mounted beside connexion).

Handshake order: Origin (4403), then the key (``?token=`` for browsers, ``Authorization:
Bearer`` for other clients; invalid: ``error`` ``authentication_failed`` then 4001), then the
per-key connection limit (4002). Every close happens after ``accept`` so the client sees the
code; closing before it would make uvicorn answer a bare HTTP 403.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from urllib.parse import parse_qs, urlsplit

from starlette.datastructures import Headers
from starlette.types import Receive, Scope, Send

from hiveboard.domain.principal import Principal
from hiveboard.services.stream import stream_limits
from hiveboard.stream import session, wire
from hiveboard.stream.connection import Connection
from hiveboard.stream.hub import Hub
from hiveboard.stream.limits import Verdict

Authenticate = Callable[[str], Awaitable[Principal | None]]
KEY_CHECK_SECONDS = 1.0


def origin_allowed(headers: Headers, allowed: list[str]) -> bool:
    """No Origin (not a browser), same origin, or listed; ``*`` lists every origin."""
    origin = headers.get("origin")
    if origin is None or "*" in allowed or origin in allowed:
        return True
    host = headers.get("host", "")
    return urlsplit(origin).netloc.lower() == host.lower()


def token_of(scope: Scope, headers: Headers) -> str:
    query: bytes = scope.get("query_string", b"")
    values = parse_qs(query.decode("latin-1")).get("token")
    if values:
        return values[0]
    scheme, _, credentials = headers.get("authorization", "").partition(" ")
    return credentials.strip() if scheme.lower() == "bearer" else ""


def frame_size(data: str | bytes, limit: int) -> int:
    """Bytes on the wire, without encoding text that is clearly within or over ``limit``."""
    if isinstance(data, bytes) or len(data) > limit or 4 * len(data) <= limit:
        return len(data)
    return len(data.encode("utf-8", "surrogatepass"))


class StreamEndpoint:
    def __init__(self, hub: Hub, authenticate: Authenticate) -> None:
        self.hub = hub
        self.authenticate = authenticate

    async def _refuse(self, send: Send, code: int, final: str | None = None) -> None:
        await send({"type": "websocket.accept"})
        if final is not None:
            await send({"type": "websocket.send", "text": final})
        await send({"type": "websocket.close", "code": code})
        self.hub.metrics.inc_labelled("closes", str(code))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (await receive())["type"] != "websocket.connect":
            return
        hub, headers = self.hub, Headers(scope=scope)
        if not origin_allowed(headers, hub.settings.stream_allowed_origins):
            await self._refuse(send, 4403)
            return
        token = token_of(scope, headers)
        principal = await self.authenticate(token) if token else None
        if principal is None:
            hub.metrics.inc_labelled("errors_sent", "authentication_failed")
            await self._refuse(send, 4001, hub.frames.error(
                hub.clock(), None, "authentication_failed", "Invalid or missing API key."))
            return
        conn = Connection(conn_id=hub.new_connection_id(), principal=principal, token=token,
                          send=send, settings=hub.settings, frames=hub.frames,
                          metrics=hub.metrics, clock=hub.clock)
        if not await hub.admit(conn):
            await self._refuse(send, 4002)
            return
        try:
            await send({"type": "websocket.accept"})
            conn.wire = wire.attach(receive, conn.on_pong, conn.on_shutdown)
            conn.offer(hub.frames.connected(hub.clock(), conn.conn_id,
                                            stream_limits(hub.settings)))
            conn.start()
            await self._read(conn, receive)
        finally:
            await hub.leave(conn)
            await conn.finish()

    async def _read(self, conn: Connection, receive: Receive) -> None:
        """Until the client is gone; a close on our side also ends here (uvicorn reports it)."""
        hub, limit = self.hub, self.hub.settings.stream_max_inbound_frame_bytes
        while True:
            message = await receive()
            if message["type"] == "websocket.disconnect":
                return
            if message["type"] != "websocket.receive":
                continue
            conn.touched()
            hub.metrics.inc("frames_received")
            if conn.closing:
                continue
            data: str | bytes = message.get("text") or message.get("bytes") or b""
            if frame_size(data, limit) > limit:
                hub.metrics.inc_labelled("errors_sent", "frame_too_large")
                conn.close(1009, hub.frames.error(
                    hub.clock(), None, "frame_too_large",
                    f"frame exceeds {limit} bytes (limits.max_inbound_frame_bytes)"))
                continue
            verdict = conn.bucket.take(time.monotonic())
            if verdict is not Verdict.ACCEPT:
                hub.metrics.inc_labelled("frames_dropped", "rate_limited")
                if verdict is Verdict.REJECT:
                    hub.metrics.inc_labelled("errors_sent", "rate_limited")
                    conn.offer(hub.frames.error(
                        hub.clock(), session.correlation_of_raw(data), "rate_limited",
                        "too many frames: over limits.messages_per_second; further frames "
                        "are dropped without reply for a while"))
                continue
            if not await self._key_still_valid(conn):
                conn.end("key_revoked")
                continue
            session.handle(conn, data, hub.subscribe)

    async def _key_still_valid(self, conn: Connection) -> bool:
        """Re-check the key on inbound frames, at most once per ``KEY_CHECK_SECONDS``: a
        flood of frames must not become a flood of database reads (the keeper re-checks every
        connection's key on its own schedule too)."""
        now = time.monotonic()
        if now - conn.key_checked < KEY_CHECK_SECONDS:
            return True
        conn.key_checked = now
        return await self.authenticate(conn.token) is not None
