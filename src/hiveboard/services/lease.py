"""A named lease row in the database: which worker runs a cluster-wide periodic job.

It works the same on SQLite and PostgreSQL and needs no dedicated connection. A lease only
saves work: the jobs that use it stay correct when two workers run at once.
"""

from __future__ import annotations

from datetime import timedelta

from hiveboard.services.clock import Clock
from hiveboard.store import alert_queries as queries
from hiveboard.store.database import Database


class DbLease:
    def __init__(self, db: Database, clock: Clock, holder: str, ttl_seconds: float, *,
                 name: str) -> None:
        self._db = db
        self._clock = clock
        self.holder = holder
        self.name = name
        self._ttl = timedelta(seconds=ttl_seconds)

    async def acquire(self) -> bool:
        """True while this worker holds the lease (taking, renewing or inheriting it)."""
        now = self._clock()
        return await self._db.write(queries.try_lease, self.name, self.holder, now,
                                    now + self._ttl)

    async def release(self) -> None:
        await self._db.write(queries.release_lease, self.name, self.holder)
