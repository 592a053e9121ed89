"""The background retention pass, started and stopped by the app's lifespan.

Every worker runs the loop; a pass is due ``retention_interval_seconds`` after the previous
one (the first at most five minutes after start-up, so a server restarted more often than the
interval still purges), and only the worker holding the ``retention`` lease runs it. The pass
itself runs in a worker thread and stops between two transactions when the app stops.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from datetime import datetime, timedelta

import anyio.to_thread

from hiveboard.services.clock import Clock
from hiveboard.services.lease import DbLease
from hiveboard.services.retention import Report, Retention
from hiveboard.settings import Settings
from hiveboard.store.database import Database

log = logging.getLogger("hiveboard.retention")

LEASE_NAME = "retention"
FIRST_PASS_AFTER_SECONDS = 300.0
POLL_SECONDS = 60.0


class RetentionJob:
    def __init__(self, settings: Settings, db: Database, clock: Clock, *, holder: str) -> None:
        self.settings = settings
        self._clock = clock
        self._interval = timedelta(seconds=settings.retention_interval_seconds)
        self._first = timedelta(seconds=min(FIRST_PASS_AFTER_SECONDS,
                                            settings.retention_interval_seconds))
        self._poll = min(POLL_SECONDS, settings.retention_interval_seconds)
        # The lease outlives a long pass, so the leader keeps it from one pass to the next.
        ttl = max(2 * settings.retention_interval_seconds, 600.0)
        self.lease = DbLease(db, clock, holder, ttl, name=LEASE_NAME)
        self._stopping = threading.Event()
        self._retention = Retention(db, settings, should_stop=self._stopping.is_set)
        self._next_due: datetime | None = None
        self._leased = False
        self._task: asyncio.Task[None] | None = None
        self.passes = 0
        self.passed = asyncio.Event()
        """Set after each completed pass (tests wait on it instead of sleeping)."""

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    async def tick(self) -> Report | None:
        """Run a pass if one is due and this worker holds the lease; its report, else None."""
        now = self._clock()
        if self._next_due is None:
            self._next_due = now + self._first
        if now < self._next_due:
            return None
        self._next_due = now + self._interval
        if not await self.lease.acquire():
            return None
        self._leased = True
        report = await anyio.to_thread.run_sync(self._pass, now)
        self.passes += 1
        self.passed.set()
        return report

    def _pass(self, now: datetime) -> Report:
        total = Report()
        for target in self._retention.targets():
            if self._stopping.is_set():
                break
            total.add(self._retention.run(target, now))
        log.info("retention pass: %s", total)
        return total

    async def start(self) -> None:
        if self.settings.retention_job_enabled:
            self._stopping.clear()
            self._task = asyncio.get_running_loop().create_task(self._loop())

    async def stop(self) -> None:
        self._stopping.set()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        if self._leased:  # hand over at once rather than when the lease expires
            with contextlib.suppress(Exception):
                await self.lease.release()
            self._leased = False

    async def _loop(self) -> None:
        while True:
            try:
                await self.tick()
            except Exception:  # a failed pass (database restarting) must not end the loop
                log.exception("retention pass failed")
            await asyncio.sleep(self._poll)
