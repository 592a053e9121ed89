"""The runtime as the app runs it: background passes, the cluster lease, concurrent evaluators."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import httpx
import pytest

from hiveboard.alerts.runtime import AlertRuntime
from hiveboard.settings import Settings
from hiveboard.store.database import Database, DatabaseUnavailable
from tests.alerts.conftest import Receiver
from tests.alerts.helpers import create_rule, fired, heartbeat, ingest, rule_body, task_end
from tests.api.factories import batch
from tests.conftest import FakeClock, Keys, LiveServer

STUCK = {"type": "agent_stuck", "threshold_seconds": 10}


@pytest.fixture
def settings(db_url: str) -> Settings:
    return Settings(database_url=db_url, validate_responses=True, auto_migrate=False,
                    alert_ingest_debounce_seconds=0.05, alert_delivery_poll_seconds=0.2,
                    alert_evaluation_interval_seconds=0.2)


@pytest.mark.slow
def test_the_running_app_evaluates_and_delivers_in_the_background(
        live_server: LiveServer, api_keys: Keys, receiver: Receiver, clock: FakeClock):
    auth = api_keys.auth()
    with httpx.Client(base_url=live_server.url, headers=auth, timeout=10) as http:
        body = rule_body({"type": "task_failed", "count": 1, "window_seconds": 600},
                         actions=[{"type": "webhook", "url": receiver.url}])
        assert http.post("/v1/alerts/rules", json=body).status_code == 201
        stuck = rule_body(STUCK, actions=[{"type": "webhook", "url": receiver.url}])
        assert http.post("/v1/alerts/rules", json=stuck).status_code == 201
        assert http.post("/v1/ingest", json=batch(*task_end("t", 0))).status_code == 200
        deadline = time.monotonic() + 10
        while len(receiver.requests) < 1 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert [r.json()["rule"]["condition_type"] for r in receiver.requests] == ["task_failed"]
        clock.advance(11)  # the periodic pass notices the agent went quiet
        while len(receiver.requests) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert receiver.requests[-1].json()["rule"]["condition_type"] == "agent_stuck"
        history = http.get("/v1/alerts/history").json()["data"]
        assert {e["deliveries"][0]["status"] for e in history} == {"delivered"}


async def test_one_worker_holds_the_lease(client: httpx.AsyncClient, api_keys: Keys,
                                          runtime: AlertRuntime, settings: Settings,
                                          database: Database, clock: FakeClock):
    other = AlertRuntime(settings, database, clock, worker_id="worker-b")
    await create_rule(client, api_keys, {"type": "agent_stuck", "threshold_seconds": 3})
    await ingest(client, api_keys, heartbeat(0))
    clock.advance(4)
    assert await runtime.sweep_once() == 1  # takes the lease (10 s here)
    await ingest(client, api_keys, heartbeat(4))
    clock.advance(4)
    assert await other.sweep_once() == 0  # not the leader: does nothing
    assert await runtime.sweep_once() == 1  # and renews
    clock.advance(20)  # the leader stopped renewing; its lease ran out
    await ingest(client, api_keys, heartbeat(28))
    clock.advance(4)
    assert await other.sweep_once() == 1
    assert await runtime.sweep_once() == 0
    await other.delivery.aclose()


async def test_concurrent_evaluators_fire_once(client: httpx.AsyncClient, api_keys: Keys,
                                               runtime: AlertRuntime, settings: Settings,
                                               db_url: str, database: Database,
                                               clock: FakeClock):
    """Correctness does not rest on the lease: the firing itself is a compare-and-set."""
    for i in range(5):
        await create_rule(client, api_keys, STUCK, name=f"stuck{i}", cooldown_seconds=0)
        await create_rule(client, api_keys, {"type": "task_failed", "count": 1,
                                             "window_seconds": 600}, name=f"fail{i}")
    for agent in ("a", "b", "c"):
        await ingest(client, api_keys, heartbeat(0), *task_end(f"t-{agent}", 0), agent_id=agent)
    clock.advance(11)
    dbs = [Database.from_url(db_url, sqlite_cache_mb=16) for _ in range(3)]
    try:
        workers = [AlertRuntime(settings, db, clock, worker_id=f"w{i}")
                   for i, db in enumerate(dbs)]
        counts = await asyncio.gather(*(w.evaluator.sweep() for w in workers),
                                      runtime.evaluator.sweep())
        for w in workers:
            await w.delivery.aclose()
    finally:
        for db in dbs:
            db.dispose()
    assert sum(counts) == 5 * 3 + 5 == len(fired(database))


async def test_the_event_loop_retries_a_postponed_pass_without_a_new_batch(
        client: httpx.AsyncClient, api_keys: Keys, runtime: AlertRuntime, database: Database,
        monkeypatch: pytest.MonkeyPatch):
    await create_rule(client, api_keys, {"type": "duration_exceeded", "threshold_ms": 1000},
                      cooldown_seconds=0)
    real = runtime.evaluator._evaluate
    attempts = 0

    async def down_once(*args: Any, **kwargs: Any) -> int:
        nonlocal attempts
        attempts += 1
        if attempts == 1:
            raise DatabaseUnavailable("the database is restarting")
        return await real(*args, **kwargs)

    monkeypatch.setattr(runtime.evaluator, "_evaluate", down_once)
    loop = asyncio.create_task(runtime._event_loop())
    try:
        await ingest(client, api_keys, *task_end("slow", 0, failed=False, duration_ms=5000))
        for _ in range(200):  # at most 10 s; the retry comes after about one
            if fired(database):
                break
            await asyncio.sleep(0.05)
    finally:
        loop.cancel()
    assert attempts == 2 and [a["scope_task_id"] for a in fired(database)] == ["slow"]
