"""Heartbeat compaction: one heartbeat per agent and hour once the hour is 24 hours old."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from hiveboard.services.retention import Report
from hiveboard.settings import Settings
from tests.api.factories import event
from tests.conftest import FakeClock
from tests.retention.conftest import (
    NOW,
    assert_rollups_match_events,
    event_ids,
    ingest,
    iso,
    run_all,
    workspace_id,
)

# NOW is 14:30, so with the 24 h age the last complete hour to compact is 13:00-14:00 yesterday.
HOUR = (NOW - timedelta(days=2)).replace(minute=0)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW)


@pytest.fixture
def settings(db_url: str) -> Settings:
    return Settings(database_url=db_url, validate_responses=True, auto_migrate=False,
                    retention_days=30, retention_batch_rows=10)


def beat(event_id: str, minute: float, *, hour: int = 0, payload: Any = None,
         **fields: Any) -> dict[str, Any]:
    when = HOUR + timedelta(hours=hour, minutes=minute)
    return event(event_id=event_id, timestamp=iso(when), event_type="heartbeat",
                 payload=payload if payload is not None else ..., **fields)


SUMMARY = {"summary": "3 items queued"}


async def test_one_heartbeat_per_agent_and_hour_payload_preferred(
        client, api_keys, database, settings):
    await ingest(client, api_keys,
                 beat("a-05", 5, payload=SUMMARY), beat("a-30", 30), beat("a-55", 55),
                 beat("a-h1-10", 10, hour=1), beat("a-h1-40", 40, hour=1),
                 beat("a-h2-20", 20, hour=2, payload={}), beat("a-h2-21", 21, hour=2,
                                                                payload=SUMMARY),
                 event(event_id="a-custom", timestamp=iso(HOUR + timedelta(minutes=7)),
                       event_type="custom", severity="info"),
                 beat("a-last", 0, hour=30))  # a recent heartbeat: the profile's latest
    await ingest(client, api_keys, beat("b-10", 10), beat("b-h1-10", 10, hour=1),
                 beat("b-h1-11", 11, hour=1), agent_id="agent-b")

    report = run_all(database, settings)

    assert report.heartbeats_compacted == 5
    assert event_ids(database, workspace_id(database, api_keys.tenant_id)) == {
        "a-05", "a-h1-40", "a-h2-21", "a-custom", "a-last", "b-10", "b-h1-11"}
    assert_rollups_match_events(database)


async def test_heartbeats_younger_than_the_age_or_in_an_unfinished_hour_stay(
        client, api_keys, database, settings):
    yesterday_13 = NOW - timedelta(hours=25, minutes=30)  # 13:00 yesterday
    at = [yesterday_13 + timedelta(minutes=m) for m in (10, 50, 65, 80, 100, 1400)]
    await ingest(client, api_keys, *(event(event_id=f"hb-{i}", timestamp=iso(ts),
                                           event_type="heartbeat") for i, ts in enumerate(at)))

    report = run_all(database, settings)

    # 13:10 and 13:50 share a complete hour older than 24 h: only 13:50 stays. 14:05 and
    # 14:20 yesterday are more than 24 h old, but their hour ends less than 24 h ago: kept.
    assert report.heartbeats_compacted == 1
    assert event_ids(database, workspace_id(database, api_keys.tenant_id)) == {
        "hb-1", "hb-2", "hb-3", "hb-4", "hb-5"}


async def test_an_agents_latest_heartbeat_survives_even_when_not_the_hours_choice(
        client, api_keys, database, settings):
    await ingest(client, api_keys, beat("rich", 10, payload=SUMMARY), beat("last", 50))
    assert run_all(database, settings) == Report()
    assert event_ids(database, workspace_id(database, api_keys.tenant_id)) == {"rich", "last"}


async def test_a_heartbeat_hour_larger_than_a_page_is_decided_whole(
        client, api_keys, database, settings):
    # 25 heartbeats in one hour with 10 rows per page: the pages must not each keep one.
    await ingest(client, api_keys, *(beat(f"hb-{i:02d}", i * 2) for i in range(25)),
                 beat("next-hour", 5, hour=1), beat("later", 0, hour=30))
    report = run_all(database, settings)
    assert report.heartbeats_compacted == 24
    assert event_ids(database, workspace_id(database, api_keys.tenant_id)) == {
        "hb-24", "next-hour", "later"}


async def test_heartbeats_naming_a_task_leave_its_rollup_consistent(
        client, api_keys, database, settings):
    await ingest(client, api_keys,
                 event(event_id="start", timestamp=iso(HOUR), event_type="task_started",
                       severity="info", task_id="t"),
                 beat("hb-task-1", 20, task_id="t"), beat("hb-task-2", 40, task_id="t"),
                 beat("later", 0, hour=30))
    report = run_all(database, settings)
    assert (report.heartbeats_compacted, report.tasks_rebuilt) == (1, 1)
    assert_rollups_match_events(database)


async def test_compaction_is_idempotent_and_dry_run_predicts_it(
        client, api_keys, database, settings):
    await ingest(client, api_keys, *(beat(f"hb-{i}", i * 5, hour=i % 3) for i in range(12)),
                 beat("later", 0, hour=30))
    before = event_ids(database, workspace_id(database, api_keys.tenant_id))
    predicted = run_all(database, settings, dry_run=True)
    assert event_ids(database, workspace_id(database, api_keys.tenant_id)) == before

    done = run_all(database, settings)
    assert done.heartbeats_compacted == predicted.heartbeats_compacted == 9
    assert run_all(database, settings) == Report()
    assert len(event_ids(database, workspace_id(database, api_keys.tenant_id))) == 4
