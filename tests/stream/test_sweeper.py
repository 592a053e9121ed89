"""The announced status is shared state: once per change across sweeps, restarts and workers,
and only one worker of a cluster sweeps."""

from __future__ import annotations

import asyncio
import json
import uuid
from typing import Any

import pytest

from hiveboard.domain.principal import Principal
from hiveboard.services import stream as stream_service
from hiveboard.services.container import Services
from hiveboard.settings import Settings
from hiveboard.store import agent_status
from hiveboard.store.agent_status import Announcement
from hiveboard.store.database import Database
from hiveboard.stream.bus import LocalBus, RedisBus
from hiveboard.stream.sweeper import (
    AdvisoryLeader,
    AlwaysLeader,
    LeaseLeader,
    Sweeper,
    choose_leader,
)
from tests.api.factories import batch, event
from tests.conftest import FakeClock, Keys


async def ingest(services: Services, key: str, *events: dict[str, Any], **env: Any) -> None:
    principal = await services.authenticate(key)
    assert isinstance(principal, Principal)
    outcome = await services.ingest.ingest(principal, json.dumps(batch(*events, **env)).encode())
    assert outcome.status == 200, outcome.errors


def registered(threshold: int) -> dict[str, Any]:
    return event(event_type="agent_registered", severity="info",
                 payload={"data": {"stuck_threshold": threshold}})


@pytest.fixture
def services(settings: Settings, database: Database, clock: FakeClock) -> Services:
    return Services(settings=settings, db=database, clock=clock)


async def test_each_change_is_announced_once_across_sweeps_and_restarts(
        services: Services, settings: Settings, database: Database, clock: FakeClock,
        api_keys: Keys):
    await ingest(services, api_keys.live, registered(5), agent_id="a1")
    await ingest(services, api_keys.test, registered(5), agent_id="a1")  # another workspace
    # Nothing announced the new agents yet (no stream): the sweeper repairs that, but only
    # after the grace period in which the ingest publisher normally does it.
    assert await stream_service.sweep(database, settings, clock()) == []
    clock.advance(3)
    first = await stream_service.sweep(database, settings, clock())
    assert sorted((c.workspace_id, c.previous, c.new) for c in first) == [
        (w, None, "idle") for w in sorted({c.workspace_id for c in first})]
    assert len(first) == 2
    clock.advance(3)  # 6 s > the 5 s threshold
    published: list[Any] = []

    async def publish(changes: list[Any]) -> None:
        published.extend(changes)

    sweeper = Sweeper(database, settings, clock, AlwaysLeader(), publish)
    went = await sweeper.sweep_once()
    assert [(c.previous, c.new, c.threshold_seconds) for c in went] == [("idle", "stuck", 5)] * 2
    assert published == went
    again = Sweeper(database, settings, clock, AlwaysLeader(), publish)  # a restarted worker
    assert await again.sweep_once() == []
    assert await sweeper.sweep_once() == []


async def test_concurrent_identical_moves_have_one_winner(services: Services,
                                                          database: Database, clock: FakeClock,
                                                          api_keys: Keys):
    await ingest(services, api_keys.live, registered(300), agent_id="a1")
    principal = await services.authenticate(api_keys.live)
    assert principal is not None
    move = Announcement(principal.workspace_id, "a1", None, "idle", clock())
    results = await asyncio.gather(*(database.write(agent_status.announce, [move])
                                     for _ in range(5)))
    assert sorted(r[0] for r in results) == [False] * 4 + [True]
    step = Announcement(principal.workspace_id, "a1", "idle", "processing", clock())
    results = await asyncio.gather(*(database.write(agent_status.announce, [step])
                                     for _ in range(5)))
    assert sorted(r[0] for r in results) == [False] * 4 + [True]


async def test_ingest_status_changes_are_announced_once(services: Services,
                                                       settings: Settings, database: Database,
                                                       clock: FakeClock, api_keys: Keys):
    await ingest(services, api_keys.live, registered(300), agent_id="a1")
    principal = await services.authenticate(api_keys.live)
    assert principal is not None
    ws = principal.workspace_id
    races = await asyncio.gather(*(stream_service.status_changes(database, settings, ws,
                                                                 {"a1"}, clock())
                                   for _ in range(3)))
    assert sorted(len(r) for r in races) == [0, 0, 1], "one of three contenders publishes"
    won = next(r for r in races if r)
    assert [(c.previous, c.new) for c in won] == [(None, "idle")]
    assert await stream_service.status_changes(database, settings, ws, {"a1"}, clock()) == []
    await ingest(services, api_keys.live, event(event_type="task_started", task_id="t",
                                                severity="info"), agent_id="a1")
    moved = await stream_service.status_changes(database, settings, ws, {"a1", "nobody"},
                                                clock())
    assert [(c.previous, c.new, c.current_task_id) for c in moved] == [
        ("idle", "processing", "t")]


def test_leader_choice(settings: Settings, database: Database):
    leader = choose_leader(settings, database, LocalBus())
    expected = AdvisoryLeader if database.engine.dialect.name == "postgresql" else AlwaysLeader
    assert isinstance(leader, expected)


async def test_advisory_lock_has_one_holder(pg_database: Database):
    key = uuid.uuid4().int & 0x7FFF_FFFF_FFFF_FFFF
    first, second = AdvisoryLeader(pg_database, key), AdvisoryLeader(pg_database, key)
    assert await first.acquire() is True
    assert await second.acquire() is False
    assert await first.acquire() is True, "the holder keeps it"
    await first.release()
    assert await second.acquire() is True
    await second.release()


async def test_renewing_the_advisory_lock_leaves_no_open_transaction(pg_database: Database):
    # An "idle in transaction" holder falls to idle_in_transaction_session_timeout and
    # silently loses the lock.
    leader = AdvisoryLeader(pg_database, uuid.uuid4().int & 0x7FFF_FFFF_FFFF_FFFF)
    assert await leader.acquire() is True
    assert leader._conn is not None
    pid = leader._conn.exec_driver_sql("SELECT pg_backend_pid()").scalar_one()
    leader._conn.commit()
    assert await leader.acquire() is True, "renewed"
    with pg_database.engine.connect() as other:
        state = other.exec_driver_sql(
            "SELECT state FROM pg_stat_activity WHERE pid = %(pid)s", {"pid": pid}).scalar_one()
    await leader.release()
    assert state == "idle"


async def test_a_holder_whose_session_died_knows_it_lost_the_lock(pg_database: Database):
    key = uuid.uuid4().int & 0x7FFF_FFFF_FFFF_FFFF
    first, second = AdvisoryLeader(pg_database, key), AdvisoryLeader(pg_database, key)
    assert await first.acquire() is True
    assert first._conn is not None
    pid = first._conn.exec_driver_sql("SELECT pg_backend_pid()").scalar_one()
    first._conn.commit()
    with pg_database.engine.connect() as other:
        other.exec_driver_sql("SELECT pg_terminate_backend(%(pid)s)", {"pid": pid})
        other.commit()
    # Without the round trip on renewal the dead holder would go on sweeping as leader.
    assert await first.acquire() is False
    assert await second.acquire() is True
    await second.release()


@pytest.mark.redis
async def test_redis_lease_has_one_holder_until_it_lapses(redis_url: str):
    prefix = f"hb-test-{uuid.uuid4().hex[:8]}"
    buses = [RedisBus(redis_url, prefix), RedisBus(redis_url, prefix)]
    try:
        first, second = (LeaseLeader(bus, ttl_seconds=0.5) for bus in buses)
        assert await first.acquire() is True
        assert await second.acquire() is False
        assert await first.acquire() is True, "the holder renews"
        await asyncio.sleep(0.7)
        assert await second.acquire() is True, "a lapsed lease passes to another worker"
        assert await first.acquire() is False
    finally:
        for bus in buses:
            await bus.stop()
