from __future__ import annotations

from datetime import datetime

import pytest

from hiveboard.domain.agent_status import (
    AGENT_STATUSES,
    STATUS_BEARING,
    AgentHealth,
    attention_rank,
    derive_agent_status,
    is_status_bearing,
    liveness_reference,
    status_from_last_event,
)
from hiveboard.domain.records import EVENT_TYPES
from tests.domain.factories import at

THRESHOLD = 300
NOW = at(10_000)


def health(
    last_event: str | None,
    *,
    heartbeat_age: float | None = 10,
    registered_age: float | None = 5_000,
    first_seen_age: float = 9_000,
    threshold: float = THRESHOLD,
) -> AgentHealth:
    """Derive status at ``NOW`` with the inputs expressed as ages in seconds."""
    return derive_agent_status(
        last_status_event_type=last_event,
        last_heartbeat=None if heartbeat_age is None else at(10_000 - heartbeat_age),
        registered_at=None if registered_age is None else at(10_000 - registered_age),
        first_seen=at(10_000 - first_seen_age),
        stuck_threshold_seconds=threshold,
        now=NOW,
    )


# Rows 2-5 of the cascade (API spec §4.1), for every event type that can be "last".
@pytest.mark.parametrize(
    ("last_event", "expected"),
    [
        ("task_failed", "error"),
        ("action_failed", "error"),
        ("approval_requested", "waiting_approval"),
        ("task_started", "processing"),
        ("action_started", "processing"),
        ("retry_started", "processing"),
        ("approval_received", "processing"),
        ("task_completed", "idle"),
        ("action_completed", "idle"),
        ("escalated", "idle"),
        ("agent_registered", "idle"),
        (None, "idle"),
        ("heartbeat", "idle"),  # callers never pass it, but it must not be "processing"
        ("something_else", "idle"),
    ],
)
def test_status_from_last_event(last_event: str | None, expected: str) -> None:
    assert status_from_last_event(last_event) == expected
    result = health(last_event)
    assert (result.status, result.is_stuck) == (expected, False)


@pytest.mark.parametrize("last_event", [*sorted(STATUS_BEARING), None])
def test_row_1_stuck_wins_over_every_other_status(last_event: str | None) -> None:
    result = health(last_event, heartbeat_age=301)
    assert (result.status, result.is_stuck) == ("stuck", True)


# Audit Part 4.1 -- the prototype's eight scenarios, in our terms. Ages in seconds; None = never.
@pytest.mark.parametrize(
    ("scenario", "last_event", "heartbeat_age", "registered_age", "expected"),
    [
        ("4.1.1 never beat, registered long ago", "agent_registered", None, 301, "stuck"),
        ("4.1.2 recent heartbeat, idle", "agent_registered", 10, 40, "idle"),
        ("4.1.3 heartbeat stale", "task_completed", 3_600, 5_000, "stuck"),
        ("4.1.4 active task_started", "task_started", 10, 5_000, "processing"),
        ("4.1.5 last event task_failed", "task_failed", 10, 5_000, "error"),
        (
            "4.1.6 last event approval_requested",
            "approval_requested",
            10,
            5_000,
            "waiting_approval",
        ),
        ("4.1.7 processing but heartbeat stale", "task_started", 900, 5_000, "stuck"),
        ("4.1.8 completed then idle", "task_completed", 10, 5_000, "idle"),
    ],
)
def test_audit_scenarios(
    scenario: str,
    last_event: str,
    heartbeat_age: float | None,
    registered_age: float | None,
    expected: str,
) -> None:
    result = health(last_event, heartbeat_age=heartbeat_age, registered_age=registered_age)
    assert result.status == expected, scenario


def test_freshly_registered_agent_that_has_not_beaten_yet_is_not_stuck() -> None:
    # hiveloop's first heartbeat comes one interval (30 s) after registration.
    result = health("agent_registered", heartbeat_age=None, registered_age=20)
    assert result == AgentHealth(
        status="idle", is_stuck=False, heartbeat_age_seconds=None, liveness_age_seconds=20
    )


def test_reregistration_resets_the_stuck_clock() -> None:
    result = health("agent_registered", heartbeat_age=4_000, registered_age=5)
    assert (result.status, result.heartbeat_age_seconds, result.liveness_age_seconds) == (
        "idle",
        4_000,
        5,
    )


def test_agent_known_only_from_events_goes_stuck_from_first_seen() -> None:
    assert health(None, heartbeat_age=None, registered_age=None, first_seen_age=100).status == (
        "idle"
    )
    assert health(None, heartbeat_age=None, registered_age=None, first_seen_age=301).status == (
        "stuck"
    )


@pytest.mark.parametrize(
    ("age", "stuck"), [(299.999, False), (300, False), (300.001, True), (301, True)]
)
def test_stuck_only_when_strictly_older_than_threshold(age: float, stuck: bool) -> None:
    assert health("task_started", heartbeat_age=age, registered_age=None).is_stuck is stuck


def test_per_agent_threshold_is_respected() -> None:
    assert health("task_started", heartbeat_age=90, threshold=60).status == "stuck"
    assert health("task_started", heartbeat_age=90, threshold=120).status == "processing"


def test_ages_are_reported_and_clamped_at_zero_for_clocks_ahead_of_the_server() -> None:
    result = health("task_started", heartbeat_age=-30, registered_age=None)
    assert (result.heartbeat_age_seconds, result.liveness_age_seconds) == (0.0, 0.0)
    assert result.status == "processing"


@pytest.mark.parametrize(
    ("heartbeat", "registered", "first_seen", "expected"),
    [
        (at(50), at(10), at(0), at(50)),
        (at(10), at(50), at(0), at(50)),
        (at(10), None, at(0), at(10)),
        (None, at(10), at(0), at(10)),
        (None, None, at(7), at(7)),
        # first_seen is only a last resort, even when it is later
        (at(10), None, at(99), at(10)),
    ],
)
def test_liveness_reference(
    heartbeat: datetime | None,
    registered: datetime | None,
    first_seen: datetime,
    expected: datetime,
) -> None:
    assert liveness_reference(heartbeat, registered, first_seen) == expected


def test_status_bearing_types_are_all_but_heartbeat_and_custom() -> None:
    assert set(EVENT_TYPES) - {"heartbeat", "custom"} == STATUS_BEARING


@pytest.mark.parametrize(
    ("event_type", "bearing"),
    [
        *[(t, True) for t in sorted(set(EVENT_TYPES) - {"heartbeat", "custom"})],
        ("heartbeat", False),
        ("custom", False),
        ("not_an_event_type", False),
    ],
)
def test_is_status_bearing(event_type: str, bearing: bool) -> None:
    assert is_status_bearing(event_type) is bearing


def test_w3_heartbeat_after_task_started_leaves_agent_processing() -> None:
    # The caller keeps the last *status-bearing* event; a later heartbeat only refreshes liveness.
    batch = [("task_started", at(1)), ("heartbeat", at(2)), ("custom", at(3))]
    last_status_event = [t for t, _ in batch if is_status_bearing(t)][-1]
    result = derive_agent_status(
        last_status_event_type=last_status_event,
        last_heartbeat=at(2),
        registered_at=None,
        first_seen=at(0),
        stuck_threshold_seconds=THRESHOLD,
        now=at(10),
    )
    assert result.status == "processing"


@pytest.mark.parametrize(
    ("status", "rank"),
    [
        ("stuck", 0),
        ("error", 1),
        ("waiting_approval", 2),
        ("processing", 3),
        ("idle", 4),
        ("offline", 5),
    ],
)
def test_attention_rank(status: str, rank: int) -> None:
    assert attention_rank(status) == rank


def test_attention_sort_orders_statuses() -> None:
    shuffled = ["idle", "processing", "stuck", "waiting_approval", "error"]
    assert tuple(sorted(shuffled, key=attention_rank)) == AGENT_STATUSES
