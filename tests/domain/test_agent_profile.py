"""Agent profile folding: independent of batch order and of retries."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import permutations

import pytest

from hiveboard.domain.agent_profile import AgentEventFacts, fold, registered_threshold

T0 = datetime(2026, 2, 10, 14, 0, tzinfo=UTC)


def fact(event_type: str, seconds: int, *, task_id: str | None = None,
         project_id: str | None = None, payload: dict | None = None) -> AgentEventFacts:
    return AgentEventFacts(event_type=event_type, timestamp=T0 + timedelta(seconds=seconds),
                           task_id=task_id, project_id=project_id, payload=payload)


EVENTS = [
    fact("agent_registered", 0, payload={"data": {"stuck_threshold": 90}}),
    fact("task_started", 5, task_id="t1", project_id="p1"),
    fact("heartbeat", 10, payload={"summary": "ok"}),
    fact("custom", 12, task_id="t1", project_id="p1"),
]


@pytest.mark.parametrize("order", list(permutations(range(4))))
def test_fold_is_independent_of_order(order):
    profile = fold(None, [EVENTS[i] for i in order])
    assert profile.first_seen == T0 and profile.last_seen == T0 + timedelta(seconds=12)
    assert profile.last_status_event_type == "task_started"  # heartbeats/custom never count
    assert profile.last_heartbeat == T0 + timedelta(seconds=10)
    assert profile.last_heartbeat_payload == {"summary": "ok"}
    assert profile.registered_at == T0 and profile.stuck_threshold_seconds == 90
    assert (profile.last_task_id, profile.last_project_id) == ("t1", "p1")


def test_fold_twice_is_the_same_as_once():
    once = fold(None, EVENTS)
    assert fold(once, EVENTS) == once


def test_older_events_do_not_override_newer_state():
    current = fold(None, [fact("task_failed", 100, task_id="t2")])
    merged = fold(current, [fact("task_started", 50, task_id="t1")])
    assert merged.last_status_event_type == "task_failed" and merged.last_task_id == "t2"
    assert merged.first_seen == T0 + timedelta(seconds=50)


def test_heartbeat_without_payload_keeps_the_last_payload():
    merged = fold(None, [fact("heartbeat", 1, payload={"summary": "a"}), fact("heartbeat", 2)])
    assert merged.last_heartbeat == T0 + timedelta(seconds=2)
    assert merged.last_heartbeat_payload == {"summary": "a"}


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        ({"data": {"stuck_threshold": 300}}, 300),
        ({"data": {"stuck_threshold": 12.7}}, 12),
        ({"data": {"stuck_threshold": 0}}, None),
        ({"data": {"stuck_threshold": -5}}, None),
        ({"data": {"stuck_threshold": True}}, None),
        ({"data": {"stuck_threshold": "300"}}, None),
        ({"data": {"stuck_threshold": 10**9}}, None),
        ({"data": "nope"}, None),
        (None, None),
    ],
)
def test_registered_threshold(payload, expected):
    assert registered_threshold(payload) == expected


def test_fold_needs_something():
    with pytest.raises(ValueError, match="at least one event"):
        fold(None, [])
