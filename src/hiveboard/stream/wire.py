"""What the stream needs below ASGI: WebSocket ping/pong control frames, cutting a socket that
will not drain, and a last frame when the server shuts down.

ASGI has no ping, no pong and no abort, and uvicorn closes every WebSocket with 1012 before the
app's lifespan shutdown runs. The contract asks for pings every ``ping_interval_seconds``, a
close with 4008 after ``missed_pongs_before_close`` unanswered ones, and ``disconnect_notice``
``server_shutdown`` + 1001. :func:`attach` provides these on uvicorn's ``websockets-sansio``
protocol (its default with the ``websockets`` package), which is the ASGI ``receive`` callable's
owner. Under any other server it returns None and the stream runs without its own pings
(the server's keepalive, if any, applies) -- tests/stream pin the uvicorn behaviour.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Protocol

from hiveboard.settings import Settings

log = logging.getLogger("hiveboard.stream")

try:
    from uvicorn.protocols.websockets import websockets_sansio_impl as _sansio
except ImportError:  # pragma: no cover - uvicorn is a dependency; other servers still work
    _SANSIO: type | None = None
else:
    _SANSIO = _sansio.WebSocketsSansIOProtocol


class Wire(Protocol):
    def ping(self, payload: bytes) -> bool: ...

    def abort(self) -> None: ...

    async def writable(self) -> None:
        """Until the socket's write buffer is below its high-water mark."""

    def can_write(self) -> bool:
        """Open, and the write buffer below its high-water mark."""

    def write_texts(self, texts: list[str]) -> None:
        """Send text frames in one socket write; OSError if the connection is closing."""


class _SansIOWire:
    def __init__(self, proto: Any, on_pong: Callable[[bytes], None],
                 on_shutdown: Callable[[], str | None]) -> None:
        self._proto = proto
        # The contract fixes the ping policy, so uvicorn's own keepalive (another interval,
        # close 1011) is switched off for this connection.
        proto.stop_keepalive()
        original_shutdown = proto.shutdown

        def handle_pong(event: Any) -> None:
            on_pong(bytes(event.data))

        def shutdown() -> None:
            notice = on_shutdown()
            if notice is not None and self._open():
                proto.conn.send_text(notice.encode())
                proto.conn.send_close(1001, "server shutdown")
                proto.transport.write(b"".join(proto.conn.data_to_send()))
                proto.close_sent = True
                proto.queue.put_nowait({"type": "websocket.disconnect", "code": 1001})
            original_shutdown()

        # Instance attributes shadow the methods uvicorn calls (handle_events, Server.shutdown).
        setattr(proto, "handle_pong", handle_pong)  # noqa: B010
        setattr(proto, "shutdown", shutdown)  # noqa: B010

    def _open(self) -> bool:
        proto = self._proto
        return bool(proto.handshake_complete and not proto.close_sent
                    and not proto.transport.is_closing())

    def ping(self, payload: bytes) -> bool:
        if not self._open():
            return False
        self._proto.conn.send_ping(payload)
        self._proto.transport.write(b"".join(self._proto.conn.data_to_send()))
        return True

    def abort(self) -> None:
        self._proto.transport.abort()

    async def writable(self) -> None:
        await self._proto.writable.wait()

    def can_write(self) -> bool:
        return bool(self._proto.writable.is_set() and self._open()
                    and not self._proto.disconnected)

    def write_texts(self, texts: list[str]) -> None:
        # What uvicorn's ASGI send does per frame, once for a run of queued frames: one
        # syscall instead of one per frame and no trip through the middleware stack.
        if not self._open() or self._proto.disconnected:
            raise ConnectionResetError("WebSocket is closing")
        conn = self._proto.conn
        for text in texts:
            conn.send_text(text.encode())
        self._proto.transport.write(b"".join(conn.data_to_send()))


def attach(receive: Any, on_pong: Callable[[bytes], None],
           on_shutdown: Callable[[], str | None]) -> Wire | None:
    """Control of the socket behind an accepted WebSocket, when the server is uvicorn's."""
    proto = getattr(receive, "__self__", None)
    if _SANSIO is None or not isinstance(proto, _SANSIO):
        log.debug("stream: no ping/abort control on %s", type(proto).__name__)
        return None
    return _SansIOWire(proto, on_pong, on_shutdown)


def server_options(settings: Settings) -> dict[str, Any]:
    """uvicorn options for the stream: the protocol :func:`attach` drives, no keepalive of its
    own (the stream pings per the contract), no per-message compression (its zlib state would
    cost more than the 50 KB budget of an idle connection), and a hard cap on inbound
    messages well above the contract limit so the app can still answer ``frame_too_large``."""
    return {"ws": "websockets-sansio", "ws_ping_interval": None, "ws_ping_timeout": None,
            "ws_per_message_deflate": False,
            "ws_max_size": max(4 * settings.stream_max_inbound_frame_bytes, 1 << 20)}
