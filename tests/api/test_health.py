"""GET /health and GET /health/ready: public probes for load balancers and orchestrators."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import create_engine, text

from hiveboard.app import create_app
from hiveboard.settings import Settings
from tests.conftest import POSTGRES_ENV, FakeClock, Keys

READY_CHECKS = {"database": "ok", "migrations": "ok", "redis": "not_configured"}


async def test_liveness_needs_no_key(client: httpx.AsyncClient) -> None:
    resp = await client.get("/health")
    assert resp.status_code == 200
    assert resp.json() == {"status": "ok"}
    assert resp.headers["x-request-id"]


async def test_liveness_ignores_a_bad_key(client: httpx.AsyncClient) -> None:
    resp = await client.get("/health", headers={"Authorization": "Bearer hb_live_nope"})
    assert resp.status_code == 200


async def test_ready_when_database_answers_and_migrations_are_current(
        client: httpx.AsyncClient, api_keys: Keys) -> None:
    for headers in ({}, api_keys.auth()):
        resp = await client.get("/health/ready", headers=headers)
        assert resp.status_code == 200, resp.text
        assert resp.json() == {"status": "ready", "checks": READY_CHECKS}
        assert "retry-after" not in resp.headers


@pytest.fixture
def empty_db_url(db_url: str, tmp_path: Path) -> Iterator[str]:
    """A database of the same kind with nothing in it, as before the first migration."""
    if db_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'empty.db'}"
        return
    base = os.environ[POSTGRES_ENV]
    name = f"hb_empty_{uuid.uuid4().hex[:8]}"
    admin = create_engine(base.replace("postgresql://", "postgresql+psycopg://", 1),
                          isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield base.rsplit("/", 1)[0] + "/" + name
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


async def ready(settings: Settings) -> httpx.Response:
    app: Any = create_app(settings, clock=FakeClock())
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://hiveboard.test") as c:
        return await c.get("/health/ready")


async def test_not_ready_while_migrations_are_behind(empty_db_url: str) -> None:
    resp = await ready(Settings(database_url=empty_db_url, auto_migrate=False,
                                validate_responses=True))
    assert resp.status_code == 503, resp.text
    assert resp.json() == {"status": "not_ready",
                           "checks": {**READY_CHECKS, "migrations": "pending"}}
    assert int(resp.headers["retry-after"]) > 0


async def test_ready_once_the_app_has_migrated(empty_db_url: str) -> None:
    resp = await ready(Settings(database_url=empty_db_url, auto_migrate=True,
                                validate_responses=True))
    assert resp.status_code == 200, resp.text


async def test_not_ready_when_the_database_is_unreachable(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'missing-dir' / 'hb.db'}"
    resp = await ready(Settings(database_url=url, auto_migrate=False, validate_responses=True))
    assert resp.status_code == 503, resp.text
    assert resp.json() == {"status": "not_ready", "checks": {
        "database": "error", "migrations": "error", "redis": "not_configured"}}


@pytest.fixture
async def plain_client(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    app: Any = create_app(settings.model_copy(update={"validate_responses": False}))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://hiveboard.test") as c:
        yield c


async def test_probes_answer_the_same_without_response_validation(
        plain_client: httpx.AsyncClient) -> None:
    assert (await plain_client.get("/health")).json() == {"status": "ok"}
    assert (await plain_client.get("/health/ready")).json()["checks"] == READY_CHECKS
