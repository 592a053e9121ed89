"""The sweeper: announces status changes that no event causes -- an agent going stuck because its
heartbeats stopped -- every ``sweeper_interval_seconds``, on one worker of the cluster.

Which worker sweeps is decided by a leader lock: a Redis lease when Redis is configured, else a
PostgreSQL session advisory lock, else (one process on SQLite) always this one. The lock saves
work; correctness does not depend on it, because every announcement is a compare-and-set
(``store.agent_status.announce``) that exactly one contender wins.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from typing import Protocol

import anyio.to_thread

from hiveboard.services import stream as stream_service
from hiveboard.services.clock import Clock
from hiveboard.services.stream import AgentChange
from hiveboard.settings import Settings
from hiveboard.store import agent_status
from hiveboard.store.database import Connection, Database
from hiveboard.stream.bus import Bus

log = logging.getLogger("hiveboard.stream")

# pg_advisory_lock takes a bigint; a fixed one keeps every worker on the same lock.
SWEEPER_LOCK_KEY = 0x68697665_73776565  # b"hiveswee"
Publish = Callable[[list[AgentChange]], Awaitable[None]]


class Leader(Protocol):
    async def acquire(self) -> bool:
        """True while this worker holds the lock (acquiring or renewing it)."""

    async def release(self) -> None: ...


class AlwaysLeader:
    async def acquire(self) -> bool:
        return True

    async def release(self) -> None:
        return None


class LeaseLeader:
    """A Redis lease renewed every sweep; lost to another worker when this one stops renewing."""

    def __init__(self, bus: Bus, ttl_seconds: float) -> None:
        self._bus = bus
        self._ttl = ttl_seconds

    async def acquire(self) -> bool:
        return bool(await self._bus.lease("sweeper", self._ttl))

    async def release(self) -> None:
        return None  # the lease expires; a successor takes over within its TTL


class AdvisoryLeader:
    """A PostgreSQL advisory lock held on a dedicated connection: released by the server the
    moment that connection (or this process) dies."""

    def __init__(self, db: Database, key: int = SWEEPER_LOCK_KEY) -> None:
        self._db = db
        self._key = key
        self._conn: Connection | None = None

    def _acquire_sync(self) -> bool:
        try:
            if self._conn is not None:
                agent_status.confirm_session(self._conn)
                # End the implicit transaction: an "idle in transaction" session would fall to
                # an operator's idle_in_transaction_session_timeout and lose the lock.
                self._conn.commit()
                return True
            conn = self._db.engine.connect()
            if agent_status.try_advisory_lock(conn, self._key):
                conn.commit()
                self._conn = conn
                return True
            conn.rollback()
            conn.close()
            return False
        except Exception as exc:  # a broken connection means the lock is gone
            log.warning("sweeper: advisory lock connection lost (%s)", exc)
            self._drop()
            return False

    def _drop(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(Exception):
                self._conn.invalidate()
                self._conn.close()
            self._conn = None

    async def acquire(self) -> bool:
        return await anyio.to_thread.run_sync(self._acquire_sync)

    def _release_sync(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(Exception):
                agent_status.advisory_unlock(self._conn, self._key)
                self._conn.commit()
                self._conn.close()
            self._conn = None

    async def release(self) -> None:
        await anyio.to_thread.run_sync(self._release_sync)


def choose_leader(settings: Settings, db: Database, bus: Bus) -> Leader:
    if settings.redis_url:
        return LeaseLeader(bus, ttl_seconds=max(3 * settings.sweeper_interval_seconds, 2.0))
    if db.engine.dialect.name == "postgresql":
        return AdvisoryLeader(db)
    return AlwaysLeader()


class Sweeper:
    def __init__(self, db: Database, settings: Settings, clock: Clock, leader: Leader,
                 publish: Publish) -> None:
        self._db = db
        self._settings = settings
        self._clock = clock
        self.leader = leader
        self._publish = publish
        self.sweeps = 0

    async def sweep_once(self) -> list[AgentChange]:
        """One pass if this worker leads: announce and publish what time changed."""
        if not await self.leader.acquire():
            return []
        self.sweeps += 1
        changes = await stream_service.sweep(self._db, self._settings, self._clock())
        if changes:
            await self._publish(changes)
        return changes

    async def run(self) -> None:
        try:
            while True:
                await asyncio.sleep(self._settings.sweeper_interval_seconds)
                try:
                    await self.sweep_once()
                except Exception:  # a failed pass (database restarting) must not end the loop
                    log.exception("sweeper pass failed")
        finally:
            with contextlib.suppress(Exception):
                await asyncio.shield(self.leader.release())
