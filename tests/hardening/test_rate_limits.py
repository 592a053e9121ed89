"""Per-key rate limits: 429 in the standard shape, X-RateLimit-* headers, groups, tenants."""

from __future__ import annotations

import asyncio
import time
import uuid
from typing import Any

import httpx
import pytest
from sqlalchemy import update

from hiveboard.http.ratelimit import group_of, tenant_overrides
from hiveboard.store.database import Database
from hiveboard.store.tables import TENANTS
from tests.api.factories import batch, event
from tests.api.helpers import stored_events
from tests.conftest import FakeClock, Keys, make_keys
from tests.hardening.conftest import app_with, client_of

RATE_HEADERS = ("x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset")


def limited(db_url: str, database: Database, clock: FakeClock, **limits: int) -> Any:
    return app_with(db_url, database, clock, rate_limit_query_per_second=limits.get("query", 2),
                    rate_limit_ingest_per_second=limits.get("ingest", 2),
                    rate_limit_public_per_second=limits.get("public", 2),
                    **{k: v for k, v in limits.items() if k not in ("query", "ingest", "public")})


async def agents(client: httpx.AsyncClient, keys: Keys, kind: str = "live") -> httpx.Response:
    return await client.get("/v1/agents", headers=keys.auth(kind))


def assert_too_many(resp: httpx.Response, limit: int) -> None:
    assert resp.status_code == 429, resp.text
    body = resp.json()
    assert body["error"] == "rate_limit_exceeded" and body["status"] == 429
    wait = body["details"]["retry_after_seconds"]
    assert isinstance(wait, int) and 1 <= wait <= 1
    assert resp.headers["retry-after"] == str(wait)
    assert resp.headers["x-ratelimit-limit"] == str(limit)
    assert resp.headers["x-ratelimit-remaining"] == "0"
    assert int(resp.headers["x-ratelimit-reset"]) >= int(time.time())
    assert resp.headers["x-request-id"]


async def test_success_carries_the_headers(db_url: str, database: Database, clock: FakeClock,
                                           api_keys: Keys) -> None:
    async with client_of(limited(db_url, database, clock, query=3)) as client:
        first, second = await agents(client, api_keys), await agents(client, api_keys)
    for resp, remaining in ((first, 2), (second, 1)):
        assert resp.status_code == 200, resp.text
        assert resp.headers["x-ratelimit-limit"] == "3"
        assert resp.headers["x-ratelimit-remaining"] == str(remaining)
        reset = int(resp.headers["x-ratelimit-reset"])
        assert time.time() - 1 <= reset <= time.time() + 2


async def test_over_the_limit_is_429_with_retry_after_then_recovers(
        db_url: str, database: Database, clock: FakeClock, api_keys: Keys) -> None:
    async with client_of(limited(db_url, database, clock, query=2)) as client:
        assert [(await agents(client, api_keys)).status_code for _ in range(2)] == [200, 200]
        refused = await agents(client, api_keys)
        assert_too_many(refused, 2)
        await asyncio.sleep(float(refused.headers["retry-after"]) + 0.05)
        assert (await agents(client, api_keys)).status_code == 200


async def test_errors_after_authentication_carry_the_headers_too(
        db_url: str, database: Database, clock: FakeClock, api_keys: Keys) -> None:
    async with client_of(limited(db_url, database, clock, query=5)) as client:
        missing = await client.get("/v1/agents/nobody", headers=api_keys.auth())
        read_only = await client.post("/v1/projects", headers=api_keys.auth("read"),
                                      json={"name": "x", "slug": "x"})
    assert missing.status_code == 404 and read_only.status_code == 403
    for resp in (missing, read_only):
        assert all(h in resp.headers for h in RATE_HEADERS), resp.headers


async def test_unauthenticated_requests_are_not_counted(
        db_url: str, database: Database, clock: FakeClock, api_keys: Keys) -> None:
    async with client_of(limited(db_url, database, clock, query=1)) as client:
        for _ in range(3):
            resp = await client.get("/v1/agents", headers={"Authorization": "Bearer hb_live_no"})
            assert resp.status_code == 401
            assert not any(h in resp.headers for h in RATE_HEADERS)
        assert (await agents(client, api_keys)).status_code == 200


async def test_each_key_has_its_own_window(db_url: str, database: Database, clock: FakeClock,
                                           api_keys: Keys) -> None:
    other = make_keys(database, "other")
    async with client_of(limited(db_url, database, clock, query=1)) as client:
        assert (await agents(client, api_keys)).status_code == 200
        assert_too_many(await agents(client, api_keys), 1)
        # the same tenant's other keys, and another tenant's key, are untouched
        for keys, kind in ((api_keys, "read"), (api_keys, "test"), (other, "live")):
            resp = await agents(client, keys, kind)
            assert resp.status_code == 200, (kind, resp.text)
            assert resp.headers["x-ratelimit-remaining"] == "0"


async def test_ingest_and_queries_are_separate_groups(
        db_url: str, database: Database, clock: FakeClock, api_keys: Keys) -> None:
    async with client_of(limited(db_url, database, clock, query=1, ingest=3)) as client:
        assert (await agents(client, api_keys)).status_code == 200
        assert_too_many(await agents(client, api_keys), 1)
        for remaining in (2, 1, 0):
            resp = await client.post("/v1/ingest", headers=api_keys.auth(),
                                     json=batch(event(event_id=str(uuid.uuid4()))))
            assert resp.status_code == 200, resp.text
            assert resp.headers["x-ratelimit-limit"] == "3"
            assert resp.headers["x-ratelimit-remaining"] == str(remaining)
        assert_too_many(await client.post("/v1/ingest", headers=api_keys.auth(),
                                          json=batch(event())), 3)


async def test_a_refused_batch_is_not_stored(db_url: str, database: Database, clock: FakeClock,
                                             api_keys: Keys) -> None:
    async with client_of(limited(db_url, database, clock, ingest=1)) as client:
        first, second = event(), event()
        ok = await client.post("/v1/ingest", headers=api_keys.auth(), json=batch(first))
        refused = await client.post("/v1/ingest", headers=api_keys.auth(), json=batch(second))
    assert ok.status_code == 200 and refused.status_code == 429
    assert [e["event_id"] for e in stored_events(database)] == [first["event_id"]]


async def test_a_tenant_can_have_its_own_limits(db_url: str, database: Database,
                                                clock: FakeClock, api_keys: Keys) -> None:
    other = make_keys(database, "other")
    database.write_sync(lambda conn: conn.execute(
        update(TENANTS).where(TENANTS.c.tenant_id == api_keys.tenant_id)
        .values(settings={"rate_limits": {"query": 4, "ingest": 7}})))
    async with client_of(limited(db_url, database, clock, query=2)) as client:
        statuses = [(await agents(client, api_keys)).status_code for _ in range(4)]
        assert statuses == [200] * 4
        assert_too_many(await agents(client, api_keys), 4)
        ingest = await client.post("/v1/ingest", headers=api_keys.auth(), json=batch(event()))
        assert ingest.headers["x-ratelimit-limit"] == "7"
        # another tenant keeps the defaults
        assert (await agents(client, other)).headers["x-ratelimit-limit"] == "2"


async def test_public_endpoints_are_limited_per_address_without_key_headers(
        db_url: str, database: Database, clock: FakeClock, api_keys: Keys) -> None:
    async with client_of(limited(db_url, database, clock, public=2, query=100)) as client:
        first = [await client.get(path) for path in ("/health", "/metrics")]
        refused = await client.get("/health/ready")
        # a key does not lift the address limit, and keyed endpoints are unaffected by it
        keyed = await agents(client, api_keys)
    assert [r.status_code for r in first] == [200, 200]
    assert refused.status_code == 429
    assert refused.json()["error"] == "rate_limit_exceeded"
    assert refused.json()["details"]["retry_after_seconds"] >= 1
    assert refused.headers["retry-after"]
    for resp in (*first, refused):
        assert not any(h in resp.headers for h in RATE_HEADERS)
    assert keyed.status_code == 200


async def test_an_unreachable_limit_store_lets_requests_through(
        db_url: str, database: Database, clock: FakeClock, api_keys: Keys) -> None:
    app = limited(db_url, database, clock, query=1, redis_url="redis://127.0.0.1:1/0")
    async with client_of(app) as client:
        statuses = [(await agents(client, api_keys)).status_code for _ in range(3)]
        resp = await agents(client, api_keys)
    assert statuses == [200, 200, 200]
    assert not any(h in resp.headers for h in RATE_HEADERS)


@pytest.mark.redis
async def test_workers_sharing_redis_share_the_limit(
        db_url: str, database: Database, clock: FakeClock, api_keys: Keys,
        redis_url: str) -> None:
    prefix = f"hbtest-{uuid.uuid4().hex[:8]}"
    one = limited(db_url, database, clock, query=3, redis_url=redis_url, redis_prefix=prefix)
    two = limited(db_url, database, clock, query=3, redis_url=redis_url, redis_prefix=prefix)
    async with client_of(one) as first, client_of(two) as second:
        seen = [await agents(first, api_keys), await agents(second, api_keys),
                await agents(first, api_keys)]
        refused = await agents(second, api_keys)
    assert [r.status_code for r in seen] == [200, 200, 200]
    assert [r.headers["x-ratelimit-remaining"] for r in seen] == ["2", "1", "0"]
    assert_too_many(refused, 3)


@pytest.mark.parametrize(("method", "path", "group"), [
    ("POST", "/v1/ingest", "ingest"),
    ("GET", "/v1/ingest", "query"),
    ("GET", "/v1/agents", "query"),
    ("POST", "/v1/projects", "query"),
    ("GET", "/health", "public"),
    ("GET", "/health/ready", "public"),
    ("GET", "/metrics", "public"),
    ("GET", "/v1/metrics", "query"),
])
def test_group_of(method: str, path: str, group: str) -> None:
    assert group_of(method, path) == group


@pytest.mark.parametrize(("tenant_settings", "expected"), [
    ({}, {}),
    ({"rate_limits": {"ingest": 200, "query": 60}}, {"ingest": 200, "query": 60}),
    ({"rate_limits": {"query": 0, "ingest": -5}}, {}),
    ({"rate_limits": {"query": "60", "ingest": 2.5, "other": 9}}, {}),
    ({"rate_limits": {"query": True}}, {}),
    ({"rate_limits": [1, 2]}, {}),
    ({"retention_days": 30}, {}),
])
def test_tenant_overrides(tenant_settings: dict[str, Any], expected: dict[str, int]) -> None:
    assert tenant_overrides(tenant_settings) == expected
