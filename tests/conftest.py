"""Shared fixtures: every store/API test runs on SQLite and, when configured, PostgreSQL.

PostgreSQL is switched on by ``HIVEBOARD_TEST_POSTGRES_URL`` (``.ci/run`` sets it). When it is
set but unreachable the run fails at start-up instead of skipping the PostgreSQL variants.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from sqlalchemy import create_engine, inspect, text

from hiveboard.app import create_app
from hiveboard.settings import Settings
from hiveboard.store import keys, migrate
from hiveboard.store.database import Database, create_db_engine
from hiveboard.store.tables import metadata

POSTGRES_ENV = "HIVEBOARD_TEST_POSTGRES_URL"
REDIS_ENV = "HIVEBOARD_TEST_REDIS_URL"

# Suites that walk pages or fuzz send far more than 30 requests a second on one key, so every
# Settings() of this test process defaults to limits no test reaches; tests/hardening passes
# small limits explicitly to test them.
for _group in ("INGEST", "QUERY", "PUBLIC"):
    os.environ.setdefault(f"HIVEBOARD_RATE_LIMIT_{_group}_PER_SECOND", "1000000")


class FakeClock:
    """A settable clock; starts at a fixed instant so tests are reproducible."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2026, 2, 10, 14, 0, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def _backends() -> list[Any]:
    params: list[Any] = [pytest.param("sqlite", id="sqlite")]
    if os.environ.get(POSTGRES_ENV):
        params.append(pytest.param("postgres", id="postgres", marks=pytest.mark.postgres))
    return params


BACKENDS = _backends()


def pytest_report_header(config: pytest.Config) -> str:
    names = ", ".join(p.values[0] for p in BACKENDS)
    return f"hiveboard test databases: {names}" + (
        "" if os.environ.get(POSTGRES_ENV) else f" (set {POSTGRES_ENV} to add PostgreSQL)")


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.db"
    engine = create_db_engine(f"sqlite:///{path}")
    migrate.upgrade(engine)
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    base = os.environ.get(POSTGRES_ENV)
    if not base:
        pytest.fail(f"{POSTGRES_ENV} is not set")
    name = f"hb_test_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    admin = create_engine(base.replace("postgresql://", "postgresql+psycopg://", 1),
                          isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # requested but unreachable must fail, never skip
        pytest.fail(f"PostgreSQL requested ({POSTGRES_ENV}) but unreachable: {exc}")
    url = base.rsplit("/", 1)[0] + "/" + name
    engine = create_db_engine(url)
    migrate.upgrade(engine)
    engine.dispose()
    yield url
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        path = tmp_path / "hiveboard.db"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        return f"sqlite:///{path}"
    url: str = request.getfixturevalue("postgres_url")
    engine = create_db_engine(url)
    # Only tables the migrations created: a table added to tables.py before its migration
    # is regenerated must not break every PostgreSQL test.
    existing = set(inspect(engine).get_table_names())
    tables = ", ".join(f'"{t.name}"' for t in metadata.sorted_tables if t.name in existing)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    engine.dispose()
    return url


@pytest.fixture
def database(db_url: str) -> Iterator[Database]:
    db = Database.from_url(db_url, sqlite_cache_mb=16)
    yield db
    db.dispose()


# For what exists only on PostgreSQL (advisory locks, SQLSTATEs): collected only where
# PostgreSQL runs rather than skipped on SQLite.
@pytest.fixture(params=[pytest.param("postgres", marks=pytest.mark.postgres
                                      if os.environ.get(POSTGRES_ENV) else pytest.mark.skip(
                                          reason=f"PostgreSQL only: set {POSTGRES_ENV} (CI does)"))])
def pg_database(postgres_url: str) -> Iterator[Database]:
    db = Database.from_url(postgres_url)
    yield db
    db.dispose()

@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def settings(db_url: str) -> Settings:
    return Settings(database_url=db_url, validate_responses=True, auto_migrate=False)


@pytest.fixture
def app(settings: Settings, database: Database, clock: FakeClock) -> Any:
    return create_app(settings, database=database, clock=clock)


@dataclass
class Keys:
    live: str
    test: str
    read: str
    tenant_id: str

    def auth(self, kind: str = "live") -> dict[str, str]:
        return {"Authorization": f"Bearer {getattr(self, kind)}"}


def make_keys(database: Database, tenant: str = "acme") -> Keys:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    tenant_id = database.write_sync(keys.ensure_tenant, tenant, now)
    made = {kind: database.write_sync(keys.create_key, tenant_id, kind, None, now)
            for kind in ("live", "test", "read")}
    return Keys(tenant_id=tenant_id, **made)


@pytest.fixture
def api_keys(database: Database) -> Keys:
    return make_keys(database)


@pytest.fixture
async def client(app: Any) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://hiveboard.test") as c:
        yield c


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class LiveServer:
    url: str
    server: uvicorn.Server
    thread: threading.Thread


@pytest.fixture
def live_server(app: Any) -> Iterator[LiveServer]:
    """The real app on uvicorn over a real socket, in a background thread."""
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                            lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    yield LiveServer(url=f"http://127.0.0.1:{port}", server=server, thread=thread)
    server.should_exit = True
    thread.join(timeout=10)
