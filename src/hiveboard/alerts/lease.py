"""The lease of the time-driven alert pass (see :class:`hiveboard.services.lease.DbLease`).

Firing is a compare-and-set, so two workers passing at once still fire once.
"""

from __future__ import annotations

from hiveboard.services import lease
from hiveboard.services.clock import Clock
from hiveboard.store.database import Database

LEASE_NAME = "alert-evaluator"


class DbLease(lease.DbLease):
    def __init__(self, db: Database, clock: Clock, holder: str, ttl_seconds: float) -> None:
        super().__init__(db, clock, holder, ttl_seconds, name=LEASE_NAME)
