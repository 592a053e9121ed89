"""One accepted stream connection: its bounded send queue, its timers, and how it ends.

Frames reach the client through one pump task per connection, fed by :meth:`Connection.offer`,
which never blocks: when the queue is full the client is a slow consumer and is closed (1013),
so a stalled browser costs a bounded amount of memory and never delays ingest or other clients.
Timers (idle, pings, missed pongs) are advanced by the hub's single keeper task rather than by
per-connection tasks, which keeps an idle connection small.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import time
from collections import deque

from starlette.types import Send

from hiveboard.domain.principal import Principal
from hiveboard.services.clock import Clock
from hiveboard.settings import Settings
from hiveboard.stream.fanout import Filters
from hiveboard.stream.frames import Frames
from hiveboard.stream.limits import TokenBucket
from hiveboard.stream.metrics import StreamMetrics
from hiveboard.stream.wire import Wire

log = logging.getLogger("hiveboard.stream")

WRITE_RUN_BYTES = 65_536
"""Most queued text written to the socket at once (the transport's own high-water mark)."""
CLOSE_CODES = {"idle_timeout": 4008, "key_revoked": 4009, "slow_consumer": 1013,
               "server_shutdown": 1001}


class Connection:
    __slots__ = ("_missed", "_ping_payload", "_ping_sent", "_send", "bucket", "channels",
                 "clock", "close_task", "closing", "conn_id", "filters", "frames", "key_checked",
                 "last_seen", "metrics", "principal", "pump_task", "queue", "settings", "token",
                 "wake", "wire")

    def __init__(self, *, conn_id: str, principal: Principal, token: str, send: Send,
                 settings: Settings, frames: Frames, metrics: StreamMetrics,
                 clock: Clock) -> None:
        now = time.monotonic()
        self.conn_id = conn_id
        self.principal = principal
        self.token = token
        self.settings = settings
        self.frames = frames
        self.metrics = metrics
        self.clock = clock
        self._send = send
        self.wire: Wire | None = None
        self.queue: deque[str] = deque()
        self.wake = asyncio.Event()
        self.closing = False
        self.channels: frozenset[str] = frozenset()
        self.filters = Filters()
        self.bucket = TokenBucket(settings.stream_messages_per_second,
                                  settings.stream_message_burst,
                                  settings.stream_rate_limit_cooldown_seconds, now)
        self.last_seen = now
        self.key_checked = now
        self._ping_sent = now
        self._ping_payload: bytes | None = None
        self._missed = 0
        self.pump_task: asyncio.Task[None] | None = None
        self.close_task: asyncio.Task[None] | None = None

    # -- sending
    def start(self) -> None:
        self.pump_task = asyncio.get_running_loop().create_task(self._pump())

    def offer(self, frame: str) -> None:
        """Queue a frame for the client; a full queue ends the connection (slow consumer)."""
        if self.closing:
            return
        if len(self.queue) >= self.settings.stream_send_queue_size:
            self.metrics.inc_labelled("frames_dropped", "queue_full")
            self.metrics.inc("backpressure_disconnects")
            self.end("slow_consumer")
            return
        self.queue.append(frame)
        self.wake.set()

    def offer_many(self, frames: list[str]) -> None:
        """Frames published together: written at once when the socket is idle and drained
        (no task switch, one write), else queued like :meth:`offer`."""
        if (self.wire is not None and not self.queue and not self.closing
                and self.wire.can_write() and sum(map(len, frames)) <= WRITE_RUN_BYTES):
            try:
                self.wire.write_texts(frames)
            except OSError:
                self.metrics.inc("send_failures")  # gone: the read loop cleans up
                return
            self.metrics.inc("frames_sent", len(frames))
            return
        for frame in frames:
            self.offer(frame)

    async def _pump(self) -> None:
        try:
            while True:
                if not self.queue:
                    self.wake.clear()
                    await self.wake.wait()
                elif self.wire is not None:
                    # Frames stay queued (and count against the bound) until the socket can
                    # take them; then a run of them goes out in one write.
                    await self.wire.writable()
                    run, size = [], 0
                    while self.queue and size < WRITE_RUN_BYTES:
                        run.append(self.queue.popleft())
                        size += len(run[-1])
                    self.wire.write_texts(run)
                    self.metrics.inc("frames_sent", len(run))
                else:
                    await self._send({"type": "websocket.send", "text": self.queue.popleft()})
                    self.metrics.inc("frames_sent")
        except (OSError, RuntimeError):
            # The client went away mid-send; the read loop sees the disconnect and cleans up.
            self.metrics.inc("send_failures")

    # -- ending
    def end(self, reason: str) -> None:
        """Close on the server's initiative: ``disconnect_notice`` then the reason's code."""
        code = CLOSE_CODES[reason]
        self.close(code, self.frames.disconnect_notice(self.clock(), reason, code))

    def close(self, code: int, final: str | None = None) -> None:
        """Drop what is queued, send ``final`` (a notice or an error) and close with ``code``.

        The pump is cancelled first: it may be stuck in a send to a client that stopped reading,
        and the close must not wait behind it longer than ``stream_close_timeout_seconds``.
        """
        if self.closing:
            return
        self.closing = True
        self.queue.clear()
        if self.pump_task is not None:
            self.pump_task.cancel()
        self.close_task = asyncio.get_running_loop().create_task(self._close(code, final))

    async def _close(self, code: int, final: str | None) -> None:
        self.metrics.inc_labelled("closes", str(code))
        try:
            async with asyncio.timeout(self.settings.stream_close_timeout_seconds):
                if final is not None:
                    await self._send({"type": "websocket.send", "text": final})
                    self.metrics.inc("frames_sent")
                await self._send({"type": "websocket.close", "code": code})
        except TimeoutError:
            log.info("stream %s: close %s timed out; cutting the socket", self.conn_id, code)
            if self.wire is not None:
                self.wire.abort()
        except (OSError, RuntimeError):
            self.metrics.inc("send_failures")

    async def finish(self) -> None:
        """After the client is gone: stop the pump and let a pending close run out."""
        if self.pump_task is not None:
            self.pump_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.pump_task
        if self.close_task is not None:
            await self.close_task

    # -- liveness
    def touched(self) -> None:
        self.last_seen = time.monotonic()

    def on_pong(self, payload: bytes) -> None:
        self.last_seen = time.monotonic()
        if payload == self._ping_payload:
            self._ping_payload = None
            self._missed = 0

    def on_shutdown(self) -> str | None:
        if self.closing:
            return None
        self.closing = True
        self.metrics.inc_labelled("closes", "1001")
        return self.frames.disconnect_notice(self.clock(), "server_shutdown", 1001)

    def tick(self, now: float) -> None:
        """Advance the timers: idle timeout, server pings, missed pongs."""
        if self.closing:
            return
        if now - self.last_seen >= self.settings.stream_idle_timeout_seconds:
            self.end("idle_timeout")
            return
        if self.wire is None or now - self._ping_sent < self.settings.stream_ping_interval_seconds:
            return
        if self._ping_payload is not None:
            self._missed += 1
            if self._missed >= self.settings.stream_missed_pongs_before_close:
                self.end("idle_timeout")
                return
        self._ping_payload = os.urandom(4)
        self._ping_sent = now
        self.wire.ping(self._ping_payload)
