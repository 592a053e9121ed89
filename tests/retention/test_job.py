"""The background retention pass: its schedule on the FakeClock, the cluster lease, and its
start and stop with the app's lifespan."""

from __future__ import annotations

import asyncio

import pytest
from starlette.testclient import TestClient

from hiveboard.app import create_app
from hiveboard.services.retention_job import RetentionJob
from hiveboard.settings import Settings
from tests.api.factories import event
from tests.conftest import FakeClock
from tests.retention.conftest import NOW, ago, event_ids, ingest, workspace_id


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW)


@pytest.fixture
def settings(db_url: str) -> Settings:
    return Settings(database_url=db_url, validate_responses=True, auto_migrate=False,
                    retention_days=30, retention_interval_seconds=3600)


def old(event_id: str) -> dict[str, object]:
    return event(event_id=event_id, timestamp=ago(days=40, now=NOW), event_type="custom",
                 severity="info")


async def test_passes_come_on_schedule(client, api_keys, database, settings, clock):
    job = RetentionJob(settings, database, clock, holder="worker-a")
    ws = workspace_id(database, api_keys.tenant_id)
    await ingest(client, api_keys, old("first"))

    assert await job.tick() is None  # start-up: the first pass is five minutes away
    clock.advance(299)
    assert await job.tick() is None
    assert event_ids(database, ws) == {"first"}
    clock.advance(1)
    report = await job.tick()
    assert report is not None and report.events_deleted == 1

    await ingest(client, api_keys, old("second"))
    clock.advance(3599)
    assert await job.tick() is None  # the next pass is an interval after the last one
    assert event_ids(database, ws) == {"second"}
    clock.advance(1)
    report = await job.tick()
    assert report is not None and report.events_deleted == 1
    assert job.passes == 2


async def test_one_worker_of_the_cluster_runs_the_pass(client, api_keys, database, settings,
                                                       clock):
    a = RetentionJob(settings, database, clock, holder="worker-a")
    b = RetentionJob(settings, database, clock, holder="worker-b")
    await ingest(client, api_keys, old("first"))
    await a.tick()
    await b.tick()
    clock.advance(300)
    assert await a.tick() is not None
    assert await b.tick() is None  # a holds the lease

    await a.stop()  # releases it: b takes over at its next due pass
    clock.advance(3600)
    assert await b.tick() is not None
    assert (a.passes, b.passes) == (1, 1)


async def test_the_loop_runs_passes_until_stopped(database, db_url, clock):
    settings = Settings(database_url=db_url, auto_migrate=False,
                        retention_interval_seconds=0.01)
    job = RetentionJob(settings, database, clock, holder="worker-a")
    await job.tick()  # schedules the first pass
    clock.advance(1)
    await job.start()
    assert job.running
    await asyncio.wait_for(job.passed.wait(), timeout=30)
    await job.stop()
    assert not job.running and job.passes >= 1


async def test_a_disabled_job_never_starts(database, db_url, clock):
    settings = Settings(database_url=db_url, auto_migrate=False, retention_job_enabled=False)
    job = RetentionJob(settings, database, clock, holder="worker-a")
    await job.start()
    assert not job.running


def test_the_app_lifespan_starts_and_stops_the_job(database, settings, clock):
    job = RetentionJob(settings, database, clock, holder="worker-a")
    app = create_app(settings, database=database, clock=clock, retention=job)
    with TestClient(app):
        assert job.running
    assert not job.running
