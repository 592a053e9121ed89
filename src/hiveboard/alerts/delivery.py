"""The delivery worker: drains the durable queue in ``alert_deliveries``.

Each pass claims due deliveries (exclusive across workers and processes, see
``store.alert_queries.claim_due``), attempts them concurrently, and records each outcome:
delivered, failed for good, or pending again after an exponential backoff. A worker that dies
mid-attempt loses its claim when the lease ends and another worker retries it; a receiver can
therefore see a delivery twice in that one case, and deduplicates on ``alert_id``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

import orjson

from hiveboard.alerts.errors import DeliveryError
from hiveboard.alerts.mail import EmailSender
from hiveboard.alerts.webhook import WebhookSender
from hiveboard.services.clock import Clock
from hiveboard.settings import Settings
from hiveboard.store import alert_queries as queries
from hiveboard.store.database import Database

log = logging.getLogger("hiveboard.alerts")
CLAIM_BATCH = 20


def backoff(settings: Settings, attempts: int) -> timedelta:
    """Wait after the ``attempts``-th failed attempt: base, twice that, four times … capped."""
    seconds = settings.alert_retry_base_seconds * 2 ** max(0, attempts - 1)
    return timedelta(seconds=min(seconds, settings.alert_retry_max_seconds))


class DeliveryWorker:
    def __init__(self, db: Database, settings: Settings, clock: Clock, worker_id: str) -> None:
        self._db = db
        self._settings = settings
        self._clock = clock
        self.worker_id = worker_id
        self.webhooks = WebhookSender(settings)
        self.email = EmailSender(settings)
        self._wake = asyncio.Event()
        self.attempted = 0

    def wake(self) -> None:
        """New deliveries were queued by this process: do not wait for the next poll."""
        self._wake.set()

    async def deliver_due(self) -> int:
        """Claim and attempt every due delivery; the number attempted."""
        total = 0
        while True:
            now = self._clock()
            lease = now + timedelta(seconds=self._settings.alert_delivery_lease_seconds)
            claimed = await self._db.write(queries.claim_due, self.worker_id, now, lease,
                                           CLAIM_BATCH)
            if not claimed:
                return total
            outcomes = await asyncio.gather(*(self._attempt(row) for row in claimed))
            await self._db.write(queries.finish_deliveries, self.worker_id, outcomes)
            total += len(claimed)

    async def _send(self, row: Mapping[str, Any]) -> None:
        if row["secret"] is None:
            raise DeliveryError(queries.RULE_DELETED, retryable=False)
        if row["attempts"] > self._settings.alert_max_attempts:
            raise DeliveryError("no attempt left (a worker stopped during the last one)",
                                retryable=False)
        if row["action_type"] == "webhook":
            await self.webhooks.send(row["action"], row["payload"].encode(), row["secret"])
        else:
            await self.email.send(row["action"], orjson.loads(row["payload"]))

    async def _attempt(self, row: Mapping[str, Any]) -> queries.Outcome:
        error: DeliveryError | None = None
        try:
            await self._send(row)
        except DeliveryError as exc:
            error = exc
        except Exception as exc:  # a notifier bug must not kill the worker; retry it later
            log.exception("alert delivery %s failed unexpectedly", row["delivery_id"])
            error = DeliveryError(f"{type(exc).__name__}: {exc}", retryable=True)
        self.attempted += 1
        now = self._clock()
        status, when, delivered_at = self._outcome(row, error, now)
        return queries.Outcome(row["delivery_id"], status, when,
                               None if error is None else error.message, delivered_at)

    def _outcome(self, row: Mapping[str, Any], error: DeliveryError | None,
                 now: datetime) -> tuple[str, datetime, datetime | None]:
        if error is None:
            return "delivered", now, now
        if error.retryable and row["attempts"] < self._settings.alert_max_attempts:
            return "pending", now + backoff(self._settings, row["attempts"]), None
        return "failed", now, None

    async def run(self) -> None:
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(),
                                       self._settings.alert_delivery_poll_seconds)
            self._wake.clear()
            try:
                await self.deliver_due()
            except Exception:  # the database restarting must not end the loop
                log.exception("alert delivery pass failed")

    async def aclose(self) -> None:
        await self.webhooks.aclose()
