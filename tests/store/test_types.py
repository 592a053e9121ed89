"""Epoch-millisecond conversion is exact: what a client sends is what it reads back."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta, timezone

import pytest

from hiveboard.store.types import from_millis, to_millis

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def test_every_millisecond_round_trips_exactly() -> None:
    rng = random.Random(7)
    for _ in range(50_000):
        ms = rng.randrange(-62_135_596_800_000, 253_402_300_799_999)
        instant = EPOCH + timedelta(milliseconds=ms)
        assert to_millis(instant) == ms
        assert from_millis(ms) == instant


@pytest.mark.parametrize(("text", "expected"), [
    ("2026-02-10T14:00:00.123+00:00", 1_770_732_000_123),
    ("2026-02-10T15:00:00.001+01:00", 1_770_732_000_001),
    # Float arithmetic (timestamp() * 1000) stored this one millisecond early.
    ((EPOCH + timedelta(milliseconds=70_262_315_826_648)).isoformat(), 70_262_315_826_648),
    ("1969-12-31T23:59:59.999+00:00", -1),
])
def test_known_instants(text: str, expected: int) -> None:
    assert to_millis(datetime.fromisoformat(text)) == expected


def test_sub_millisecond_precision_is_floored_and_offsets_normalised() -> None:
    instant = datetime(2026, 2, 10, 15, 0, 0, 999_999, tzinfo=timezone(timedelta(hours=1)))
    assert to_millis(instant) == 1_770_732_000_999
    assert from_millis(1_770_732_000_999).tzinfo is UTC


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError, match="naive"):
        to_millis(datetime(2026, 2, 10))
