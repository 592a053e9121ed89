"""What stream workers share: published frames, the per-key connection count, the sweeper lease.

:class:`LocalBus` serves one process. :class:`RedisBus` lets several worker processes act as
one: each publishes the frames of the batches it ingested on one Redis channel and delivers
what the others published; connection counts per key live in a Redis sorted set whose members
expire unless their worker refreshes them (a crashed worker frees its slots within
``ADMISSION_TTL``); the sweeper lease is a key only its holder can renew.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Protocol

import orjson
import redis.asyncio as aioredis
from redis.exceptions import RedisError

from hiveboard.stream.fanout import Outbound

log = logging.getLogger("hiveboard.stream")

Deliver = Callable[[list[Outbound]], None]
ADMISSION_TTL_MS = 30_000

_ADMIT = """
local now = redis.call('TIME')
local now_ms = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now_ms)
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) and
   redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then
  return 0
end
redis.call('ZADD', KEYS[1], now_ms + tonumber(ARGV[3]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1
"""

_LEASE = """
local holder = redis.call('GET', KEYS[1])
if holder == false or holder == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0
"""


class Bus(Protocol):
    async def start(self, deliver: Deliver) -> None: ...

    async def stop(self) -> None: ...

    async def publish(self, messages: Sequence[Outbound]) -> None:
        """Share with the other workers (this one has delivered locally already)."""

    async def admit(self, key_id: str, conn_id: str, limit: int) -> bool: ...

    async def release(self, key_id: str, conn_id: str) -> None: ...

    async def refresh(self, held: Iterable[tuple[str, str]]) -> None: ...

    async def lease(self, name: str, ttl_seconds: float) -> bool | None:
        """Hold or renew a cluster-wide lease; None when this bus cannot provide one."""


class LocalBus:
    """One process: nothing to share, connection counts in memory."""

    def __init__(self) -> None:
        self._held: dict[str, set[str]] = {}

    async def start(self, deliver: Deliver) -> None:
        return None

    async def stop(self) -> None:
        return None

    async def publish(self, messages: Sequence[Outbound]) -> None:
        return None

    async def admit(self, key_id: str, conn_id: str, limit: int) -> bool:
        held = self._held.setdefault(key_id, set())
        if len(held) >= limit:
            return False
        held.add(conn_id)
        return True

    async def release(self, key_id: str, conn_id: str) -> None:
        held = self._held.get(key_id)
        if held is not None:
            held.discard(conn_id)
            if not held:
                del self._held[key_id]

    async def refresh(self, held: Iterable[tuple[str, str]]) -> None:
        return None

    async def lease(self, name: str, ttl_seconds: float) -> bool | None:
        return None


def _encode(origin: str, messages: Sequence[Outbound]) -> bytes:
    return orjson.dumps({"o": origin, "m": [
        [m.workspace_id, m.channel, m.frame, m.agent_id, m.environment, m.group,
         sorted(m.projects), m.event_type, m.severity] for m in messages]})


def _decode(data: bytes) -> tuple[str, list[Outbound]]:
    doc = orjson.loads(data)
    return doc["o"], [Outbound(workspace_id=w, channel=c, frame=f, agent_id=a, environment=e,
                               group=g, projects=frozenset(p), event_type=t, severity=s)
                      for w, c, f, a, e, g, p, t, s in doc["m"]]


class RedisBus:
    def __init__(self, url: str, prefix: str) -> None:
        self.origin = uuid.uuid4().hex
        self._prefix = prefix
        self._channel = f"{prefix}:stream:frames"
        self._client: aioredis.Redis = aioredis.Redis.from_url(url)
        self._admit = self._client.register_script(_ADMIT)
        self._lease = self._client.register_script(_LEASE)
        self._reader: asyncio.Task[None] | None = None
        self.errors = 0

    async def start(self, deliver: Deliver) -> None:
        await self._client.ping()  # fail start-up, not the first publish, when Redis is down
        pubsub = self._client.pubsub(ignore_subscribe_messages=True)
        await pubsub.subscribe(self._channel)
        self._reader = asyncio.get_running_loop().create_task(self._read(pubsub, deliver))

    async def _read(self, pubsub: Any, deliver: Deliver) -> None:
        while True:
            try:
                message = await pubsub.get_message(timeout=1.0)
                if message is None:
                    continue
                origin, messages = _decode(message["data"])
                if origin != self.origin:
                    deliver(messages)
            except asyncio.CancelledError:
                await pubsub.aclose()
                raise
            except (RedisError, OSError) as exc:
                self.errors += 1
                log.warning("stream: Redis subscription failed (%s); retrying", exc)
                await asyncio.sleep(1.0)
                with contextlib.suppress(RedisError, OSError):
                    await pubsub.subscribe(self._channel)
            except Exception:
                self.errors += 1
                log.exception("stream: unreadable message on %s", self._channel)

    async def stop(self) -> None:
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._reader
        await self._client.aclose()

    async def publish(self, messages: Sequence[Outbound]) -> None:
        if messages:
            await self._client.publish(self._channel, _encode(self.origin, messages))

    def _key(self, key_id: str) -> str:
        return f"{self._prefix}:stream:conns:{key_id}"

    async def admit(self, key_id: str, conn_id: str, limit: int) -> bool:
        return bool(await self._admit(keys=[self._key(key_id)],
                                      args=[conn_id, limit, ADMISSION_TTL_MS]))

    async def release(self, key_id: str, conn_id: str) -> None:
        await self._client.zrem(self._key(key_id), conn_id)

    async def refresh(self, held: Iterable[tuple[str, str]]) -> None:
        # Scores are expiry times on Redis's clock; re-admitting renews a member in place.
        async with self._client.pipeline(transaction=False) as pipe:
            for key_id, conn_id in held:
                await self._admit(keys=[self._key(key_id)],
                                  args=[conn_id, 1 << 30, ADMISSION_TTL_MS], client=pipe)
            await pipe.execute()

    async def lease(self, name: str, ttl_seconds: float) -> bool | None:
        key = f"{self._prefix}:lease:{name}"
        return bool(await self._lease(keys=[key], args=[self.origin, int(ttl_seconds * 1000)]))
