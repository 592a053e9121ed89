"""The stream runtime of one worker: its connections, fan-out, publishing, keeper and sweeper.

Publishing happens after the ingest commit and off the request path: the ingest hook only
queues the inserted rows (a bounded queue; a full one drops the batch from the stream and
counts it rather than slowing ingest). One publisher task per worker turns each batch into
``event.new`` and ``agent.heartbeat`` frames, delivers them to local subscribers and shares
them with the other workers; an announcer task then publishes the ``agent.status_changed`` /
``agent.stuck`` frames of the status changes the batch caused.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import uuid
from collections.abc import Coroutine
from datetime import datetime
from typing import Any

from redis.exceptions import RedisError

from hiveboard.domain.principal import Principal
from hiveboard.services import stream as stream_service
from hiveboard.services.clock import Clock
from hiveboard.services.stream import AgentChange, IngestedBatch
from hiveboard.settings import Settings
from hiveboard.store.database import Database
from hiveboard.stream.bus import ADMISSION_TTL_MS, Bus, LocalBus, RedisBus
from hiveboard.stream.connection import Connection
from hiveboard.stream.fanout import SEVERITY_RANK, Fanout, Filters, Outbound
from hiveboard.stream.frames import Frames
from hiveboard.stream.metrics import StreamMetrics
from hiveboard.stream.sweeper import Sweeper, choose_leader

log = logging.getLogger("hiveboard.stream")

KEEPER_TICK_SECONDS = 0.5


class Hub:
    def __init__(self, settings: Settings, db: Database, clock: Clock, *,
                 bus: Bus | None = None) -> None:
        self.settings = settings
        self.db = db
        self.clock = clock
        if bus is None:
            bus = RedisBus(settings.redis_url, settings.redis_prefix) if settings.redis_url \
                else LocalBus()
        self.bus = bus
        self.fanout = Fanout()
        self.connections: dict[str, Connection] = {}
        self.metrics = StreamMetrics(lambda: len(self.connections))
        self.frames = Frames(validate=settings.validate_responses)
        self.sweeper = Sweeper(db, settings, clock, choose_leader(settings, db, bus),
                               self.publish_changes)
        self._inbox: asyncio.Queue[tuple[int, list[dict[str, Any]]]] | None = None
        self._touched: dict[int, set[str]] = {}
        self._touched_event = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []

    # -- lifecycle (the outer app's lifespan)
    async def start(self) -> None:
        self._inbox = asyncio.Queue(self.settings.stream_publish_queue_batches)
        await self.bus.start(self.deliver)
        for job in (self._publisher(), self._announcer(), self._keeper(), self.sweeper.run()):
            self._spawn(job)

    def _spawn(self, job: Coroutine[Any, Any, None]) -> None:
        self._tasks.append(asyncio.get_running_loop().create_task(job))

    async def stop(self) -> None:
        # Under uvicorn the connections are gone already (wire.attach sent their notices);
        # other servers get the notice and 1001 here.
        for conn in list(self.connections.values()):
            conn.end("server_shutdown")
        closing = [c.close_task for c in self.connections.values() if c.close_task is not None]
        if closing:
            await asyncio.wait(closing, timeout=self.settings.stream_close_timeout_seconds)
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._tasks.clear()
        self._inbox = None
        await self.bus.stop()

    # -- the StreamPort the services see
    async def publish_ingested(self, principal: Principal, rows: list[dict[str, Any]]) -> None:
        if self._inbox is None or not rows:
            return
        try:
            self._inbox.put_nowait((principal.workspace_id, rows))
        except asyncio.QueueFull:
            self.metrics.inc_labelled("frames_dropped", "publish_queue_full", len(rows))

    def prometheus_text(self) -> str:
        return self.metrics.render()

    # -- connections
    async def admit(self, conn: Connection) -> bool:
        limit = self.settings.stream_max_connections_per_key
        try:
            admitted = await self.bus.admit(conn.principal.key_id, conn.conn_id, limit)
        except (RedisError, OSError) as exc:  # a limit must not take the stream down with Redis
            log.warning("stream: connection limit unavailable (%s); admitting", exc)
            admitted = True
        if admitted:
            self.connections[conn.conn_id] = conn
            self.metrics.inc("connections_opened")
        return admitted

    async def leave(self, conn: Connection) -> None:
        self.fanout.remove(conn)
        if self.connections.pop(conn.conn_id, None) is None:
            return
        self.metrics.inc("connections_closed")
        with contextlib.suppress(RedisError, OSError):
            await self.bus.release(conn.principal.key_id, conn.conn_id)

    def subscribe(self, conn: Connection, channels: frozenset[str], filters: Filters) -> None:
        conn.channels = channels
        conn.filters = filters
        self.fanout.subscribe(conn, conn.principal.workspace_id, channels, filters)

    @staticmethod
    def new_connection_id() -> str:
        return "conn_" + uuid.uuid4().hex[:20]

    # -- publishing
    def deliver(self, messages: list[Outbound]) -> None:
        self.fanout.deliver(messages)

    async def _share(self, messages: list[Outbound]) -> None:
        self.deliver(messages)
        try:
            await self.bus.publish(messages)
        except (RedisError, OSError) as exc:
            self.metrics.inc("publish_failures")
            log.warning("stream: could not share %d frames with other workers: %s",
                        len(messages), exc)

    async def publish_changes(self, changes: list[AgentChange]) -> None:
        await self._share([m for c in changes for m in self._change_messages(c)])

    def _change_messages(self, change: AgentChange) -> list[Outbound]:
        def message(frame: str) -> Outbound:
            return Outbound(change.workspace_id, "agents", frame, change.agent_id,
                            change.environment, change.group, change.projects)

        out = [message(self.frames.status_changed(change))]
        if change.new == "stuck":
            out.append(message(self.frames.stuck(change)))
        return out

    def _shared(self) -> bool:
        """Whether frames go to other workers too (a Redis bus), not only to this one's."""
        return not isinstance(self.bus, LocalBus)

    def _event_messages(self, batch: IngestedBatch, now: datetime) -> list[Outbound]:
        """Frames for the batch's events. A worker alone (no Redis) encodes only the frames
        one of its subscribers wants; with Redis every frame is encoded once and shared.
        The caller skips batches nobody watches (see :meth:`_publish_batch`)."""
        shared = self._shared()
        out: list[Outbound] = []
        for row in batch.rows:
            member_of = batch.agent_projects.get(row["agent_id"], frozenset())
            pid = row["project_id"]
            projects = member_of if pid is None else frozenset(
                (pid, batch.project_slugs.get(pid, pid)))
            probe = Outbound(batch.workspace_id, "events", "", row["agent_id"],
                             row["environment"], row["group"], projects, row["event_type"],
                             SEVERITY_RANK.get(row["severity"], 0))
            if shared or self.fanout.wants(probe):
                probe.frame = self.frames.event_new(now, row)
                out.append(probe)
            if row["event_type"] != "heartbeat":
                continue
            probe = Outbound(batch.workspace_id, "agents", "", row["agent_id"],
                             row["environment"], row["group"], member_of)
            if shared or self.fanout.wants(probe):
                probe.frame = self.frames.heartbeat(now, row)
                out.append(probe)
        return out

    async def _publish_batch(self, workspace_id: int, rows: list[dict[str, Any]]) -> None:
        # Routing needs a read; with nobody here or elsewhere to route to, skip it.
        if self._shared() or self.fanout.watches(workspace_id):
            now = self.clock()
            batch = await stream_service.batch_facts(self.db, workspace_id, rows)
            messages = self._event_messages(batch, now)
            if messages:
                await self._share(messages)
        self._touched.setdefault(workspace_id, set()).update(r["agent_id"] for r in rows)
        self._touched_event.set()

    async def _publisher(self) -> None:
        assert self._inbox is not None
        inbox = self._inbox
        while True:
            workspace_id, rows = await inbox.get()
            try:
                await self._publish_batch(workspace_id, rows)
            except Exception:  # one bad batch (database hiccup) must not stop the stream
                log.exception("stream: publishing a batch of %d events failed", len(rows))
                self.metrics.inc_labelled("frames_dropped", "publish_failed", len(rows))

    async def _announcer(self) -> None:
        """Status changes of the agents that recent batches touched, one pass at a time.

        Apart from the event publisher so that event frames never wait for this write (on
        SQLite it queues behind ingest's own writes); batches that arrive meanwhile are
        coalesced into the next pass."""
        while True:
            await self._touched_event.wait()
            self._touched_event.clear()
            touched, self._touched = self._touched, {}
            for workspace_id, agent_ids in touched.items():
                try:
                    changes = await stream_service.status_changes(
                        self.db, self.settings, workspace_id, agent_ids, self.clock())
                    if changes:
                        await self.publish_changes(changes)
                except Exception:  # the next batch or the sweeper catches up
                    log.exception("stream: announcing status changes failed")

    # -- timers
    async def _keeper(self) -> None:
        next_keys = time.monotonic() + self.settings.stream_key_recheck_seconds
        next_refresh = time.monotonic() + ADMISSION_TTL_MS / 3000
        while True:
            await asyncio.sleep(KEEPER_TICK_SECONDS)
            now = time.monotonic()
            for conn in list(self.connections.values()):
                conn.tick(now)
            try:
                if now >= next_keys:
                    next_keys = now + self.settings.stream_key_recheck_seconds
                    await self.recheck_keys()
                if now >= next_refresh:
                    next_refresh = now + ADMISSION_TTL_MS / 3000
                    await self.bus.refresh([(c.principal.key_id, c.conn_id)
                                            for c in self.connections.values()])
            except Exception:
                log.exception("stream: keeper pass failed")

    async def recheck_keys(self) -> None:
        """Close connections whose key was revoked since they connected."""
        held = {c.principal.key_id for c in self.connections.values()}
        if not held:
            return
        active = await stream_service.active_keys(self.db, held)
        for conn in list(self.connections.values()):
            if conn.principal.key_id not in active:
                conn.end("key_revoked")
