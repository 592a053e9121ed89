from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from hiveboard.domain.retention import (
    Heartbeat,
    RetentionPolicy,
    carries_payload,
    complete_hours,
    heartbeats_to_drop,
    hour_of,
    retention_days,
)

T0 = datetime(2026, 2, 10, 14, 0, tzinfo=UTC)


def hb(seq: int, minute: int, *, agent: str = "a", payload: bool = False,
       hour: int = 0) -> Heartbeat:
    return Heartbeat(seq=seq, agent_id=agent,
                     timestamp=T0 + timedelta(hours=hour, minutes=minute), has_payload=payload)


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        ({}, 30),
        ({"retention_days": 7}, 7),
        ({"retention_days": 90}, 90),
        ({"retention_days": 0}, 30),
        ({"retention_days": -3}, 30),
        ({"retention_days": 36_501}, 30),
        ({"retention_days": "7"}, 30),
        ({"retention_days": 7.5}, 30),
        ({"retention_days": True}, 30),
        ({"retention_days": None}, 30),
        ({"rate_limits": {"ingest": 5}}, 30),
    ],
)
def test_tenant_retention_days_override_the_default_when_valid(
        settings: dict[str, Any], expected: int) -> None:
    assert retention_days(settings, 30) == expected


@pytest.mark.parametrize(
    ("now", "hours", "expected"),
    [
        (T0, 24, T0 - timedelta(hours=24)),
        (T0 + timedelta(minutes=59, seconds=59), 24, T0 - timedelta(hours=24)),
        (T0 + timedelta(minutes=1), 1, T0 - timedelta(hours=1)),
        (T0 + timedelta(hours=1), 48, T0 - timedelta(hours=47)),
    ],
)
def test_compaction_covers_only_hours_that_ended_before_the_age(
        now: datetime, hours: int, expected: datetime) -> None:
    assert RetentionPolicy(30, hours).compact_before(now) == expected


def test_purge_cutoff_is_exact_days_before_now() -> None:
    now = T0 + timedelta(minutes=17, seconds=3)
    assert RetentionPolicy(7, 24).purge_before(now) == now - timedelta(days=7)


@pytest.mark.parametrize(
    ("payload", "expected"),
    [(None, False), ({}, False), ([], False), ({"summary": "ok"}, True),
     ({"kind": "heartbeat_status", "data": {}}, True)],
)
def test_carries_payload(payload: Any, expected: bool) -> None:
    assert carries_payload(payload) is expected


@pytest.mark.parametrize(
    ("beats", "latest", "dropped"),
    [
        # No payloads: the most recent of the hour stays.
        ([hb(1, 5), hb(2, 30), hb(3, 55)], {}, [1, 2]),
        # A payload wins over a more recent bare heartbeat.
        ([hb(1, 5), hb(2, 30, payload=True), hb(3, 55)], {}, [1, 3]),
        # Among payload carriers, the most recent.
        ([hb(1, 5, payload=True), hb(2, 30, payload=True), hb(3, 55)], {}, [1, 3]),
        # One per agent and per hour.
        ([hb(1, 5), hb(2, 10, agent="b"), hb(3, 20), hb(4, 40, agent="b"), hb(5, 5, hour=1),
          hb(6, 50, hour=1)], {}, [1, 2, 5]),
        # Equal timestamps: the higher seq (stored later) stays, on every run.
        ([hb(7, 30), hb(8, 30)], {}, [7]),
        # A lone heartbeat is never dropped.
        ([hb(1, 5)], {}, []),
        # The agent's latest heartbeat (its profile's) is kept besides the hour's choice.
        ([hb(1, 5, payload=True), hb(2, 50)], {"a": T0 + timedelta(minutes=50)}, []),
        ([hb(1, 5, payload=True), hb(2, 50)], {"b": T0 + timedelta(minutes=50)}, [2]),
        ([], {}, []),
    ],
)
def test_heartbeats_to_drop(beats: list[Heartbeat], latest: dict[str, datetime],
                            dropped: list[int]) -> None:
    assert heartbeats_to_drop(beats, latest) == dropped


def test_heartbeats_to_drop_does_not_depend_on_input_order() -> None:
    beats = [hb(1, 5), hb(2, 30, payload=True), hb(3, 55), hb(4, 10, agent="b")]
    assert heartbeats_to_drop(reversed(beats)) == heartbeats_to_drop(beats) == [1, 3]


@pytest.mark.parametrize(
    ("rows", "exhausted", "done", "held"),
    [
        ([], False, [], []),
        ([hb(1, 5), hb(2, 6)], False, [], [1, 2]),
        ([hb(1, 5), hb(2, 6)], True, [1, 2], []),
        ([hb(1, 5), hb(2, 59), hb(3, 0, hour=1)], False, [1, 2], [3]),
        ([hb(1, 5), hb(2, 0, hour=1), hb(3, 0, hour=2)], False, [1, 2], [3]),
    ],
)
def test_complete_hours_holds_back_the_hour_that_may_continue(
        rows: list[Heartbeat], exhausted: bool, done: list[int], held: list[int]) -> None:
    got_done, got_held = complete_hours(rows, exhausted)
    assert [h.seq for h in got_done] == done
    assert [h.seq for h in got_held] == held


def test_hour_of() -> None:
    assert hour_of(T0 + timedelta(minutes=59, seconds=59, microseconds=9)) == T0
