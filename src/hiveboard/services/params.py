"""Parsing of query values the spec types as strings (times, ranges) into domain values."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hiveboard.domain.time_buckets import RANGES
from hiveboard.errors import BadRequest


def parse_time(value: str | None, name: str) -> datetime | None:
    """An RFC 3339 query value as an aware UTC datetime (naive means UTC)."""
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise BadRequest(f"{name} must be an RFC 3339 date-time, e.g. 2026-02-10T14:00:00Z",
                         details={"field": name, "location": "query",
                                  "reason": "not a date-time"}) from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    try:
        return parsed.astimezone(UTC)
    except (OverflowError, ValueError):
        raise BadRequest(f"{name} is out of range", details={
            "field": name, "location": "query", "reason": "out of range"}) from None


def time_window(since: str | None, until: str | None, *, now: datetime,
                default_span: timedelta | None = None) -> tuple[datetime | None, datetime | None]:
    """``since``/``until`` parsed and checked; with ``default_span`` a missing start is filled."""
    start, end = parse_time(since, "since"), parse_time(until, "until")
    if default_span is not None:
        end = end or now
        try:
            start = start or end - default_span
        except OverflowError:  # until=0001-01-01: the default window would start before year 1
            raise BadRequest("until is out of range", details={
                "field": "until", "location": "query", "reason": "out of range"}) from None
    if start is not None and end is not None and start > end:
        raise BadRequest("since must not be after until", details={
            "field": "since", "location": "query", "reason": "after until"})
    return start, end


def range_span(key: str) -> timedelta:
    return timedelta(seconds=RANGES[key])
