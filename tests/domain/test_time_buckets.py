from __future__ import annotations

import pytest

from hiveboard.domain.time_buckets import (
    INTERVALS,
    MAX_BUCKETS,
    RANGES,
    auto_interval,
    bucket_starts,
    floor_to_bucket,
    parse_interval,
    parse_range,
)

MIN = 60_000  # one minute in ms


@pytest.mark.parametrize(
    ("key", "seconds"),
    [("1h", 3_600), ("6h", 21_600), ("24h", 86_400), ("7d", 604_800), ("30d", 2_592_000)],
)
def test_parse_range(key: str, seconds: int) -> None:
    assert parse_range(key) == RANGES[key] == seconds


@pytest.mark.parametrize(
    ("key", "seconds"),
    [("1m", 60), ("5m", 300), ("15m", 900), ("1h", 3_600), ("6h", 21_600), ("1d", 86_400)],
)
def test_parse_interval(key: str, seconds: int) -> None:
    assert parse_interval(key) == INTERVALS[key] == seconds


@pytest.mark.parametrize("key", ["2h", "", "1H", " 1h", "1d"])
def test_unknown_range_is_a_helpful_value_error(key: str) -> None:
    with pytest.raises(ValueError, match=r"unknown range .*expected one of 1h, 6h, 24h, 7d, 30d"):
        parse_range(key)


@pytest.mark.parametrize("key", ["2m", "24h", "1w", ""])
def test_unknown_interval_is_a_helpful_value_error(key: str) -> None:
    with pytest.raises(ValueError, match=r"unknown interval .*expected one of 1m, 5m, 15m"):
        parse_interval(key)


@pytest.mark.parametrize(
    ("range_key", "interval_key", "buckets"),
    [("1h", "5m", 12), ("6h", "15m", 24), ("24h", "1h", 24), ("7d", "6h", 28), ("30d", "1d", 30)],
)
def test_auto_interval(range_key: str, interval_key: str, buckets: int) -> None:
    assert auto_interval(range_key) == interval_key
    assert RANGES[range_key] // INTERVALS[interval_key] == buckets


def test_auto_interval_rejects_unknown_range() -> None:
    with pytest.raises(ValueError, match="unknown range"):
        auto_interval("90d")


@pytest.mark.parametrize(
    ("ts_ms", "interval_s", "expected"),
    [
        (0, 60, 0),
        (59_999, 60, 0),
        (60_000, 60, 60_000),
        (1_770_732_123_456, 300, 1_770_732_000_000),
        (-1, 60, -60_000),  # floors toward the past before 1970 too
    ],
)
def test_floor_to_bucket(ts_ms: int, interval_s: int, expected: int) -> None:
    assert floor_to_bucket(ts_ms, interval_s) == expected


@pytest.mark.parametrize(
    ("since", "until", "expected"),
    [
        (0, 3 * MIN, [0, MIN, 2 * MIN]),
        (30_000, 3 * MIN, [0, MIN, 2 * MIN]),  # bucket containing since is included
        (30_000, 3 * MIN + 1, [0, MIN, 2 * MIN, 3 * MIN]),
        (MIN, MIN + 1, [MIN]),
        (MIN, MIN, []),  # empty window
    ],
)
def test_bucket_starts(since: int, until: int, expected: list[int]) -> None:
    assert bucket_starts(since, until, 60) == expected


def test_bucket_starts_allows_exactly_the_cap() -> None:
    assert len(bucket_starts(0, MAX_BUCKETS * MIN, 60)) == MAX_BUCKETS


@pytest.mark.parametrize(
    ("since", "until", "interval_s", "message"),
    [
        (0, MAX_BUCKETS * MIN + 1, 60, "at most 2000"),
        (0, RANGES["30d"] * 1000, INTERVALS["1m"], "choose a wider interval"),
        (5, 4, 60, "ends .* before it starts"),
        (0, 10, 0, "positive"),
        (0, 10, -60, "positive"),
    ],
)
def test_bucket_starts_rejects(since: int, until: int, interval_s: int, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        bucket_starts(since, until, interval_s)
