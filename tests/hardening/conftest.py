"""Helpers of the hardening suite: apps built with small limits, and Redis when configured."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest
import redis
from sqlalchemy import create_engine, text

from hiveboard.app import create_app
from hiveboard.settings import Settings
from hiveboard.store.database import Database
from tests.conftest import POSTGRES_ENV, REDIS_ENV, FakeClock


def settings_for(db_url: str, **overrides: Any) -> Settings:
    return Settings(database_url=db_url, validate_responses=True, auto_migrate=False,
                    **overrides)


@asynccontextmanager
async def client_of(app: Any, base_url: str = "http://hiveboard.test"
                    ) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url=base_url) as client:
        yield client


def app_with(db_url: str, database: Database, clock: FakeClock, **overrides: Any) -> Any:
    return create_app(settings_for(db_url, **overrides), database=database, clock=clock)


@pytest.fixture
def redis_url() -> Iterator[str]:
    """A Redis database emptied of this test's keys; skipped without HIVEBOARD_TEST_REDIS_URL,
    failed when it is set but unreachable."""
    url = os.environ.get(REDIS_ENV)
    if not url:
        pytest.skip(f"needs Redis: set {REDIS_ENV} (CI does)")
    client = redis.Redis.from_url(url)
    try:
        client.ping()
    except redis.RedisError as exc:
        pytest.fail(f"Redis requested ({REDIS_ENV}) but unreachable: {exc}")
    yield url
    client.close()


@pytest.fixture
def fresh_db_url(db_url: str, tmp_path: Any) -> Iterator[str]:
    """A database of the same kind as ``db_url`` with nothing in it, not even migrations."""
    if db_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'fresh.db'}"
        return
    base = os.environ[POSTGRES_ENV]
    name = f"hb_fresh_{uuid.uuid4().hex[:8]}"
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
