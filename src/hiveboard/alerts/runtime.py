"""The alerting runtime of one worker process, started and stopped by the app's lifespan.

Ingest calls :meth:`AlertRuntime.after_ingest` after each commit; it notes what the batch can
affect and returns at once (no I/O), so alert rules never slow ingest. Three tasks do the work:
the debounced event-driven pass, the periodic time-driven pass (only on the worker holding the
lease), and the delivery worker.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import uuid
from collections.abc import Coroutine
from typing import Any

from hiveboard.alerts.delivery import DeliveryWorker
from hiveboard.alerts.evaluator import Evaluator
from hiveboard.alerts.lease import DbLease
from hiveboard.domain.principal import Principal
from hiveboard.services.clock import Clock
from hiveboard.settings import Settings
from hiveboard.store.database import Database

log = logging.getLogger("hiveboard.alerts")


def new_worker_id() -> str:
    return f"{socket.gethostname()[:32]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class AlertRuntime:
    def __init__(self, settings: Settings, db: Database, clock: Clock, *,
                 worker_id: str | None = None) -> None:
        self.settings = settings
        self.worker_id = worker_id or new_worker_id()
        self.delivery = DeliveryWorker(db, settings, clock, self.worker_id)
        self.evaluator = Evaluator(db, settings, clock, on_fired=self.delivery.wake)
        ttl = max(3 * settings.alert_evaluation_interval_seconds, 10.0)
        self.lease = DbLease(db, clock, self.worker_id, ttl)
        self._noted = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []

    async def after_ingest(self, principal: Principal, rows: list[dict[str, Any]]) -> None:
        """The ingest after-commit hook: note, wake the evaluator, return."""
        if self.evaluator.note(principal.workspace_id, rows):
            self._noted.set()

    async def sweep_once(self) -> int:
        """One time-driven pass if this worker holds the lease; the number of firings."""
        if not await self.lease.acquire():
            return 0
        return await self.evaluator.sweep()

    async def start(self) -> None:
        for job in (self._event_loop(), self._sweep_loop(), self.delivery.run()):
            self._spawn(job)

    def _spawn(self, job: Coroutine[Any, Any, None]) -> None:
        self._tasks.append(asyncio.get_running_loop().create_task(job))

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._tasks.clear()
        with contextlib.suppress(Exception):
            await self.lease.release()
        await self.delivery.aclose()

    async def _event_loop(self) -> None:
        while True:
            await self._noted.wait()
            self._noted.clear()
            try:
                await self.evaluator.evaluate_pending()
            except Exception:
                log.exception("event-driven alert pass failed")
            # Batches committed during the pause are folded into the next pass.
            await asyncio.sleep(self.settings.alert_ingest_debounce_seconds)
            if self.evaluator.has_pending and not self._noted.is_set():
                # A postponed pass (database unavailable) retries, at most once a second.
                await asyncio.sleep(max(0.0, 1.0 - self.settings.alert_ingest_debounce_seconds))
                self._noted.set()

    async def _sweep_loop(self) -> None:
        while True:
            await asyncio.sleep(self.settings.alert_evaluation_interval_seconds)
            try:
                await self.sweep_once()
            except Exception:  # a failed pass (database restarting) must not end the loop
                log.exception("time-driven alert pass failed")
