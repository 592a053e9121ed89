"""The deployment the README describes: ``uvicorn --factory hiveboard.app:create_app`` with
several workers on a fresh database, every setting from the environment."""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from hiveboard.app import create_app
from hiveboard.http.logging import configure_logging
from hiveboard.store import keys, migrate
from hiveboard.store.database import Database, create_db_engine
from tests.api.factories import batch, event
from tests.conftest import free_port

START_TIMEOUT_S = 90


@pytest.fixture
def restore_logging() -> Iterator[None]:
    logger = logging.getLogger("hiveboard")
    handlers, level = list(logger.handlers), logger.level
    yield
    logger.handlers[:] = handlers
    logger.setLevel(level)


async def test_create_app_is_a_no_argument_factory(
        fresh_db_url: str, monkeypatch: pytest.MonkeyPatch, restore_logging: None,
        tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HIVEBOARD_DATABASE_URL", fresh_db_url)
    monkeypatch.setenv("HIVEBOARD_RATE_LIMIT_QUERY_PER_SECOND", "7")
    monkeypatch.setenv("HIVEBOARD_CORS_ALLOWED_ORIGINS", '["https://dash.example.com"]')
    app = create_app()
    db = Database.from_url(fresh_db_url)
    try:
        key = db.write_sync(keys.operator_create_key, "acme", "live", None, datetime.now(UTC))
    finally:
        db.dispose()
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://h") as client:
        ready = await client.get("/health/ready")
        listed = await client.get("/v1/agents", headers={"Authorization": f"Bearer {key}",
                                                         "Origin": "https://dash.example.com"})
    assert ready.status_code == 200, ready.text
    assert listed.headers["x-ratelimit-limit"] == "7"
    assert listed.headers["access-control-allow-origin"] == "https://dash.example.com"
    ours = [h for h in logging.getLogger("hiveboard").handlers
            if getattr(h, "_hiveboard_handler", False)]
    assert len(ours) == 1


def test_configure_logging_is_json_by_default(restore_logging: None,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging()
    logging.getLogger("hiveboard.test").info("hello", extra={"request_id": "r9"})
    err = capsys.readouterr().err.strip().splitlines()[-1]
    assert '"message":"hello"' in err and '"request_id":"r9"' in err


class Uvicorn:
    def __init__(self, db_url: str, workers: int, cwd: Path) -> None:
        self.port = free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith("HIVEBOARD_")}
        env.update(HIVEBOARD_DATABASE_URL=db_url, HIVEBOARD_LOG_LEVEL="warning")
        self.log = (cwd / "server.log").open("w+")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "--factory", "hiveboard.app:create_app",
             "--workers", str(workers), "--host", "127.0.0.1", "--port", str(self.port),
             "--no-access-log", "--log-level", "warning"],
            cwd=cwd, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        self.url = f"http://127.0.0.1:{self.port}"

    def output(self) -> str:
        self.log.seek(0)
        return self.log.read()

    def wait_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, f"uvicorn exited:\n{self.output()}"
            try:
                if httpx.get(f"{self.url}/health/ready", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.3)
        raise AssertionError(f"never ready:\n{self.output()}")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        self.log.close()


@pytest.mark.slow
def test_several_workers_start_on_a_fresh_database(fresh_db_url: str, tmp_path: Path) -> None:
    server = Uvicorn(fresh_db_url, workers=3, cwd=tmp_path)
    try:
        server.wait_ready()
        db = Database.from_url(fresh_db_url)
        try:
            key = db.write_sync(keys.operator_create_key, "acme", "live", None,
                                datetime.now(UTC))
        finally:
            db.dispose()
        auth = {"Authorization": f"Bearer {key}"}
        with httpx.Client(base_url=server.url, timeout=30) as client:
            ingested = [client.post("/v1/ingest", headers=auth, json=batch(event()))
                        for _ in range(6)]
            assert all(r.status_code == 200 for r in ingested), [r.text for r in ingested]
            listed = client.get("/v1/agents", headers=auth)
            assert listed.status_code == 200 and listed.headers["x-ratelimit-limit"] == "30"
            assert client.get("/metrics").status_code == 200
        assert "Traceback" not in server.output(), server.output()
    finally:
        server.stop()


def _migrate_after(barrier: Any, db_url: str) -> None:
    engine = create_db_engine(db_url)
    barrier.wait(timeout=60)
    migrate.upgrade(engine)
    engine.dispose()


def test_workers_migrating_at_the_same_moment_do_not_collide(fresh_db_url: str) -> None:
    """Every worker of ``uvicorn --workers N`` runs the auto-migration as it starts."""
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(4)
    workers = [context.Process(target=_migrate_after, args=(barrier, fresh_db_url))
               for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    assert [w.exitcode for w in workers] == [0, 0, 0, 0]
    engine = create_db_engine(fresh_db_url)
    try:
        assert migrate.is_at_head(engine)
    finally:
        engine.dispose()
