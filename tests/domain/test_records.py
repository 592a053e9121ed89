from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from hiveboard.domain.records import (
    EVENT_TYPES,
    RENDER_HINT_KINDS,
    SEVERITIES,
    WELL_KNOWN_KINDS,
    chronological,
    custom_kind,
)
from tests.domain.factories import at, make_event


def test_vocabularies_match_the_event_schema() -> None:
    assert len(EVENT_TYPES) == len(set(EVENT_TYPES)) == 13
    assert SEVERITIES == ("debug", "info", "warn", "error")
    assert len(WELL_KNOWN_KINDS) == 7
    assert set(RENDER_HINT_KINDS) == {*WELL_KNOWN_KINDS, "reflection"}


def test_naive_timestamp_is_rejected_at_construction() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        make_event(timestamp=datetime(2026, 2, 10, 14, 0))


def test_any_aware_offset_is_accepted() -> None:
    plus_two = timezone(timedelta(hours=2))
    assert make_event(timestamp=datetime(2026, 2, 10, 16, 0, tzinfo=plus_two)).timestamp == at(0)


@pytest.mark.parametrize(
    ("event_type", "payload_kind", "payload", "expected"),
    [
        ("custom", None, {"kind": "llm_call"}, "llm_call"),
        ("custom", "todo", {"kind": "llm_call"}, "todo"),  # the stored column wins
        ("custom", None, None, None),
        ("custom", None, {"kind": 7}, None),
        ("custom", None, {"summary": "no kind"}, None),
        ("heartbeat", "heartbeat_status", {"kind": "heartbeat_status"}, None),
        ("task_started", None, {"kind": "plan_step"}, None),
    ],
)
def test_custom_kind(
    event_type: str, payload_kind: str | None, payload: object, expected: str | None
) -> None:
    event = make_event(event_type=event_type, payload_kind=payload_kind, payload=payload)
    assert custom_kind(event) == expected


def test_chronological_orders_by_time_and_keeps_input_order_on_ties() -> None:
    late, tie_a, tie_b, early = (
        make_event(event_id="late", timestamp=at(9)),
        make_event(event_id="tie-a", timestamp=at(5)),
        make_event(event_id="tie-b", timestamp=at(5)),
        make_event(event_id="early", timestamp=at(1)),
    )
    ordered = chronological([late, tie_a, tie_b, early])
    assert [e.event_id for e in ordered] == ["early", "tie-a", "tie-b", "late"]
