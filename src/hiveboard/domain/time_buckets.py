"""Time ranges and bucket grids for metrics and cost time series (API spec §4.2, §4.6, §4.9).

Buckets are aligned to the Unix epoch (UTC), not to the request time, so two requests a few
seconds apart return the same bucket boundaries and a chart does not jitter on refresh. All
arithmetic is on epoch milliseconds, the storage representation.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

RANGES: Final[Mapping[str, int]] = MappingProxyType(
    {"1h": 3_600, "6h": 21_600, "24h": 86_400, "7d": 604_800, "30d": 2_592_000}
)
"""Accepted ``range`` keys and their length in seconds."""

INTERVALS: Final[Mapping[str, int]] = MappingProxyType(
    {"1m": 60, "5m": 300, "15m": 900, "1h": 3_600, "6h": 21_600, "1d": 86_400}
)
"""Accepted bucket ``interval`` keys and their length in seconds."""

_AUTO_INTERVALS: Final[Mapping[str, str]] = MappingProxyType(
    {"1h": "5m", "6h": "15m", "24h": "1h", "7d": "6h", "30d": "1d"}
)
"""Default interval per range: 12 to 30 buckets, enough for a sparkline, few enough to read."""

MAX_BUCKETS: Final = 2_000
"""Most buckets one series may have; guards against e.g. ``range=30d&interval=1m`` (43 200)."""


def parse_range(key: str) -> int:
    """Seconds of a range key; ValueError naming the accepted keys otherwise."""
    return _lookup(RANGES, key, "range")


def parse_interval(key: str) -> int:
    """Seconds of an interval key; ValueError naming the accepted keys otherwise."""
    return _lookup(INTERVALS, key, "interval")


def auto_interval(range_key: str) -> str:
    """The interval key used when a request names a range but no interval."""
    parse_range(range_key)
    return _AUTO_INTERVALS[range_key]


def floor_to_bucket(ts_ms: int, interval_s: int) -> int:
    """Start (epoch ms) of the bucket containing ``ts_ms``; floors toward the past, also for
    timestamps before 1970."""
    width = _width_ms(interval_s)
    return ts_ms - ts_ms % width


def bucket_starts(since_ms: int, until_ms: int, interval_s: int) -> list[int]:
    """Starts of every bucket overlapping the half-open window ``[since_ms, until_ms)``.

    The first bucket is the one containing ``since_ms`` even if it starts earlier, so the
    oldest events of the window are never dropped. Empty when the window is empty; ValueError
    when it is reversed, the interval is not positive, or it would take more than
    :data:`MAX_BUCKETS` buckets -- computed before any list is built.
    """
    width = _width_ms(interval_s)
    if until_ms < since_ms:
        raise ValueError(f"bucket window ends ({until_ms}) before it starts ({since_ms})")
    first = floor_to_bucket(since_ms, interval_s)
    count = -(-(until_ms - first) // width)  # ceiling division
    if count > MAX_BUCKETS:
        raise ValueError(
            f"{count} buckets of {interval_s}s requested; at most {MAX_BUCKETS} are allowed, "
            "choose a wider interval or a shorter range"
        )
    return [first + i * width for i in range(count)]


def _width_ms(interval_s: int) -> int:
    if interval_s <= 0:
        raise ValueError(f"bucket interval must be a positive number of seconds, got {interval_s}")
    return interval_s * 1000


def _lookup(table: Mapping[str, int], key: str, what: str) -> int:
    try:
        return table[key]
    except KeyError:
        raise ValueError(f"unknown {what} {key!r}; expected one of {', '.join(table)}") from None
