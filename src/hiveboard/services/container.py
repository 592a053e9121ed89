"""The services of one app instance, built once by the app factory."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from hiveboard.domain.principal import Principal
from hiveboard.services.clock import Clock
from hiveboard.services.ingest import AfterCommit, IngestService
from hiveboard.services.stream import StreamPort
from hiveboard.settings import Settings
from hiveboard.store import keys, migrate
from hiveboard.store.database import Database

log = logging.getLogger("hiveboard.readiness")


@dataclass
class Services:
    settings: Settings
    db: Database
    clock: Clock
    stream: StreamPort | None = None
    """The live stream; ingest hands it every committed batch (None: no stream, e.g. CLI)."""
    after_commit: list[AfterCommit] = field(default_factory=list)
    """More ingest after-commit hooks (alert evaluation); each must return without waiting."""
    ingest: IngestService = field(init=False)

    def __post_init__(self) -> None:
        hooks: list[AfterCommit] = [] if self.stream is None else [self.stream.publish_ingested]
        self.ingest = IngestService(self.db, self.settings, self.clock,
                                    after_commit=[*hooks, *self.after_commit])

    async def authenticate(self, token: str) -> Principal | None:
        if not token or len(token) > 200:
            return None
        return await self.db.read(keys.authenticate, token)

    async def readiness(self) -> dict[str, str]:
        """Each dependency's state in the contract's words (``Readiness``): ``ok``,
        ``not_configured``, ``pending`` (migrations behind the code) or ``error``."""
        checks: dict[str, str] = {}
        try:
            at_head = await self.db.read(lambda conn: migrate.is_at_head(conn.engine))
            checks["database"] = "ok"
            checks["migrations"] = "ok" if at_head else "pending"
        except Exception as exc:  # any failure means "not ready", never a 500
            log.warning("readiness: database check failed: %s", exc)
            checks["database"] = "error"
            checks["migrations"] = "error"
        checks["redis"] = "not_configured" if self.settings.redis_url is None else "ok"
        return checks
