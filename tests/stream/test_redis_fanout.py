"""Two worker processes (``hiveboard serve``) sharing one database and one Redis act as one
stream: frames cross workers, the per-key limit is cluster-wide, and one worker sweeps."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from hiveboard.store.database import Database
from tests.api.factories import batch, event
from tests.conftest import Keys, LiveServer, free_port, make_keys
from tests.stream.conftest import StreamClient, open_client

pytestmark = [pytest.mark.slow, pytest.mark.redis]


@dataclass
class Worker:
    process: subprocess.Popen[bytes]
    server: LiveServer
    log: Path


def _spawn(env: dict[str, str], log: Path) -> Worker:
    port = free_port()
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "hiveboard.cli", "serve", "--port", str(port),
             "--log-level", "warning"], env=env, stdout=out, stderr=subprocess.STDOUT)
    return Worker(process, LiveServer(url=f"http://127.0.0.1:{port}", server=None,  # type: ignore[arg-type]
                                      thread=None), log)  # type: ignore[arg-type]


def _wait_ready(worker: Worker) -> None:
    deadline = time.monotonic() + 90  # a loaded 2-core CI box imports slowly
    while time.monotonic() < deadline:
        if worker.process.poll() is not None:
            pytest.fail(f"worker exited with {worker.process.returncode}: "
                        f"{worker.log.read_text()[-2000:]}")
        try:
            if httpx.get(f"{worker.server.url}/health", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    pytest.fail(f"worker did not start: {worker.log.read_text()[-2000:]}")


def _stop(worker: Worker) -> None:
    worker.process.terminate()
    try:
        worker.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        worker.process.kill()
        worker.process.wait(timeout=10)


@dataclass
class Cluster:
    a: Worker
    b: Worker
    db_url: str

    def keys(self, tenant: str) -> Keys:
        database = Database.from_url(self.db_url, sqlite_cache_mb=2)
        try:
            return make_keys(database, tenant)
        finally:
            database.dispose()


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path,
            redis_url: str) -> Iterator[Cluster]:
    """Two workers on one SQLite file and one Redis (a private key prefix per run)."""
    where = tmp_path_factory.mktemp("cluster")
    shutil.copyfile(sqlite_template, where / "hiveboard.db")
    db_url = f"sqlite:///{where / 'hiveboard.db'}"
    env = {**os.environ, "HIVEBOARD_DATABASE_URL": db_url, "HIVEBOARD_REDIS_URL": redis_url,
           "HIVEBOARD_REDIS_PREFIX": f"hb-test-{uuid.uuid4().hex[:8]}",
           "HIVEBOARD_MODE": "production",  # no development key file: no start-up race
           "HIVEBOARD_AUTO_MIGRATE": "false",  # the copied database is at head already
           "HIVEBOARD_VALIDATE_RESPONSES": "true", "HIVEBOARD_SWEEPER_INTERVAL_SECONDS": "0.2"}
    workers = [_spawn(env, where / f"worker-{name}.log") for name in ("a", "b")]
    try:
        for worker in workers:
            _wait_ready(worker)
        yield Cluster(workers[0], workers[1], db_url)
    finally:
        for worker in workers:
            _stop(worker)


def _now() -> str:
    return datetime.now(UTC).isoformat().replace("+00:00", "Z")


async def _connected(worker: Worker, key: str) -> StreamClient:
    client = await open_client(worker.server, key)
    assert (await client.recv())["type"] == "connected"
    return client


async def test_event_ingested_on_a_reaches_subscribers_on_b_once(cluster: Cluster):
    a, b, api_keys = cluster.a, cluster.b, cluster.keys("fanout")
    on_b, on_a = await _connected(b, api_keys.live), await _connected(a, api_keys.live)
    for client in (on_b, on_a):
        await client.subscribe(["events", "agents"])
    body: dict[str, Any] = batch(event(event_type="task_started", task_id="cross",
                                       severity="info", timestamp=_now()))
    async with httpx.AsyncClient(timeout=10) as http:
        resp = await http.post(f"{a.server.url}/v1/ingest", json=body, headers=api_keys.auth())
    assert resp.status_code == 200, resp.text
    for client in (on_b, on_a):
        frame = await client.expect("event.new")
        assert frame["data"]["task_id"] == "cross"
        change = await client.expect("agent.status_changed")
        assert change["data"]["new_status"] == "processing"
        duplicates = [f for f in await client.silent(0.8) if f["type"] == "event.new"]
        assert duplicates == [], "each worker delivers a frame once"
    for client in (on_a, on_b):
        await client.ws.close()


async def test_connection_limit_holds_across_workers(cluster: Cluster):
    a, b, api_keys = cluster.a, cluster.b, cluster.keys("limits")
    held = [await _connected(a, api_keys.live) for _ in range(3)]
    held += [await _connected(b, api_keys.live) for _ in range(2)]
    for worker in (a, b):
        sixth = await open_client(worker.server, api_keys.live)
        assert await sixth.closed() == 4002
    for client in held:
        await client.ws.close()


async def test_one_worker_announces_a_time_driven_stuck(cluster: Cluster):
    a, b, api_keys = cluster.a, cluster.b, cluster.keys("sweeper")
    on_a, on_b = await _connected(a, api_keys.live), await _connected(b, api_keys.live)
    for client in (on_a, on_b):
        await client.subscribe(["agents"], {"agent_id": "sleepy"})
    body = batch(event(event_type="agent_registered", severity="info", timestamp=_now(),
                       payload={"data": {"stuck_threshold": 1}}), agent_id="sleepy")
    async with httpx.AsyncClient(timeout=10) as http:
        resp = await http.post(f"{b.server.url}/v1/ingest", json=body, headers=api_keys.auth())
    assert resp.status_code == 200
    for client in (on_a, on_b):
        await client.expect("agent.stuck", within=5)
        frames = await client.silent(1.0)
        assert [f["type"] for f in frames if f["type"] == "agent.stuck"] == []
    stuck_changes = [f for f in on_a.seen + on_b.seen
                     if f["type"] == "agent.status_changed" and f["data"]["new_status"] == "stuck"]
    assert len(stuck_changes) == 2, "one announcement, delivered by each worker"
    assert stuck_changes[0]["correlation_id"] == stuck_changes[1]["correlation_id"]
