"""Per-key request limits and the ``X-RateLimit-*`` headers.

The windows are the ``limits`` library's moving windows (exact: never more than N requests in
any one-second span), stored in Redis when ``redis_url`` is set -- so every worker counts
against the same window -- and in this process otherwise. Keys are limited after they are
authenticated (connexion's security step calls :meth:`RateLimiter.admit`), so a bad key gets
its 401 without touching the limiter. The public probes have no key: they are limited per
client address, without ``X-RateLimit-*`` headers (spec decision "public endpoint flood
protection").

A limiter that cannot reach Redis lets requests through (and says so in the log): losing the
limit for a moment is better than refusing every request.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable, Mapping, MutableMapping
from typing import Any, Literal

from limits import RateLimitItemPerSecond
from limits.aio.storage import MemoryStorage, RedisStorage, Storage
from limits.aio.strategies import MovingWindowRateLimiter
from limits.errors import StorageError
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from hiveboard.domain.principal import Principal
from hiveboard.errors import TooManyRequests
from hiveboard.http.exchange import Quota, exchange
from hiveboard.http.middleware import send_error
from hiveboard.settings import Settings
from hiveboard.store import keys
from hiveboard.store.database import Database

log = logging.getLogger("hiveboard.ratelimit")

Group = Literal["ingest", "query", "public"]
INGEST_PATH = "/v1/ingest"
PUBLIC_PATHS = frozenset({"/health", "/health/ready", "/metrics"})
TENANT_CACHE_SECONDS = 30.0
"""Per-tenant overrides are re-read this often: a changed limit applies within this delay."""
STORAGE_WARNING_SECONDS = 60.0


def group_of(method: str, path: str) -> Group:
    if path in PUBLIC_PATHS:
        return "public"
    return "ingest" if method == "POST" and path == INGEST_PATH else "query"


def tenant_overrides(tenant_settings: Mapping[str, Any]) -> dict[str, int]:
    """``{"rate_limits": {"ingest": 200, "query": 60}}`` → ``{"ingest": 200, "query": 60}``;
    anything that is not a positive integer for a known group is ignored."""
    found = tenant_settings.get("rate_limits")
    if not isinstance(found, Mapping):
        return {}
    return {group: value for group, value in found.items()
            if group in ("ingest", "query") and type(value) is int and value > 0}


def redis_storage(url: str, prefix: str) -> Storage:
    # redis-py (a dependency already) rather than the library's default client, coredis.
    return RedisStorage(f"async+{url}", implementation="redispy", wrap_exceptions=True,
                        key_prefix=f"{prefix}:ratelimit")


class RateLimiter:
    def __init__(self, settings: Settings, db: Database, *, storage: Storage | None = None,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        if storage is None:
            storage = (redis_storage(settings.redis_url, settings.redis_prefix)
                       if settings.redis_url else MemoryStorage(wrap_exceptions=True))
        self.storage = storage
        self._windows = MovingWindowRateLimiter(storage)
        self._db = db
        self._defaults = {"ingest": settings.rate_limit_ingest_per_second,
                          "query": settings.rate_limit_query_per_second,
                          "public": settings.rate_limit_public_per_second}
        self._monotonic = monotonic
        self._tenants: dict[str, tuple[float, dict[str, int]]] = {}
        self._warned_at = -math.inf

    async def admit(self, principal: Principal, scope: MutableMapping[str, Any]) -> None:
        """Count one request of an authenticated key; 429 ``rate_limit_exceeded`` when over.

        Notes the key prefix (for the access log) and the quota (for the headers) on the
        request's :class:`~hiveboard.http.exchange.Exchange` either way."""
        note = exchange(scope)
        note.key_prefix = principal.key_prefix
        group = group_of(str(scope.get("method", "GET")), str(scope.get("path", "")))
        limit = await self._limit(principal.tenant_id, group)
        outcome = await self._hit(limit, group, principal.key_id)
        if outcome is None:
            return
        allowed, note.quota, wait = outcome
        if not allowed:
            raise TooManyRequests(
                f"Too many requests: this key may make {limit} {group} requests per second. "
                f"Retry after {wait} s.", details={"retry_after_seconds": wait},
                headers={"Retry-After": str(wait)})

    async def admit_address(self, address: str) -> int | None:
        """Count one request to a public endpoint; the seconds to wait when over the limit."""
        outcome = await self._hit(self._defaults["public"], "public", address)
        if outcome is None or outcome[0]:
            return None
        return outcome[2]

    async def _limit(self, tenant_id: str, group: Group) -> int:
        now = self._monotonic()
        cached = self._tenants.get(tenant_id)
        if cached is None or cached[0] <= now:
            found = await self._db.read(keys.tenant_settings, tenant_id)
            cached = (now + TENANT_CACHE_SECONDS, tenant_overrides(found))
            self._tenants[tenant_id] = cached
        return cached[1].get(group, self._defaults[group])

    async def _hit(self, limit: int, group: Group, who: str) -> tuple[bool, Quota, int] | None:
        """(allowed, quota, seconds until a slot frees); None when the store is unreachable."""
        item = RateLimitItemPerSecond(limit, namespace="hb")
        try:
            allowed = await self._windows.hit(item, group, who)
            stats = await self._windows.get_window_stats(item, group, who)
        except StorageError as exc:
            now = self._monotonic()
            if now - self._warned_at >= STORAGE_WARNING_SECONDS:
                self._warned_at = now
                log.warning("rate limits not enforced: their store is unreachable (%s)",
                            exc.storage_error)
            return None
        wait = max(1, math.ceil(stats.reset_time - time.time()))
        quota = Quota(limit=limit, remaining=max(0, stats.remaining),
                      reset_epoch_seconds=math.ceil(stats.reset_time))
        return allowed, quota, wait


class RateLimitHeaders:
    """Adds the key's ``X-RateLimit-*`` headers to every response the limiter counted, and
    limits the public endpoints per client address."""

    def __init__(self, app: ASGIApp, limiter: RateLimiter) -> None:
        self.app = app
        self.limiter = limiter

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["path"] in PUBLIC_PATHS:
            client = scope.get("client")
            wait = await self.limiter.admit_address(client[0] if client else "unknown")
            if wait is not None:
                await send_error(send, 429, "rate_limit_exceeded",
                                 "Too many requests from this address.",
                                 {"retry_after_seconds": wait},
                                 [(b"retry-after", str(wait).encode())])
                return
        note = exchange(scope)

        async def send_with_quota(message: Message) -> None:
            if message["type"] == "http.response.start" and note.quota is not None:
                quota = note.quota
                message["headers"] = [
                    *message.get("headers", []),
                    (b"x-ratelimit-limit", str(quota.limit).encode()),
                    (b"x-ratelimit-remaining", str(quota.remaining).encode()),
                    (b"x-ratelimit-reset", str(quota.reset_epoch_seconds).encode()),
                ]
            await send(message)

        await self.app(scope, receive, send_with_quota)
