"""A lease row in the database: which worker runs the time-driven pass of the cluster.

It works the same on SQLite and PostgreSQL and needs no dedicated connection. It only saves
work: firing is a compare-and-set, so two workers passing at once still fire once.
"""

from __future__ import annotations

from datetime import timedelta

from hiveboard.services.clock import Clock
from hiveboard.store import alert_queries as queries
from hiveboard.store.database import Database

LEASE_NAME = "alert-evaluator"


class DbLease:
    def __init__(self, db: Database, clock: Clock, holder: str, ttl_seconds: float) -> None:
        self._db = db
        self._clock = clock
        self.holder = holder
        self._ttl = timedelta(seconds=ttl_seconds)

    async def acquire(self) -> bool:
        """True while this worker holds the lease (taking, renewing or inheriting it)."""
        now = self._clock()
        return await self._db.write(queries.try_lease, LEASE_NAME, self.holder, now,
                                    now + self._ttl)

    async def release(self) -> None:
        await self._db.write(queries.release_lease, LEASE_NAME, self.holder)
