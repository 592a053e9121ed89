"""Typed reading of single values an agent put in a payload, for views with a strict shape.

The pipeline contract types each field (a string, a UTC timestamp, a non-negative count) but
the values come from developer JSON that nobody validated. Every reader returns the value in
the contract's type or None -- a wrong type is reported as "unknown", never as an error,
because one odd field must not hide an agent's whole queue.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any


def text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def flag(value: object) -> bool | None:
    return value if isinstance(value, bool) else None


def count(value: object) -> int | None:
    """A non-negative JSON integer (``3.0`` accepted, booleans refused)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return value if isinstance(value, int) and value >= 0 else None


def amount(value: object) -> float | None:
    """A non-negative finite JSON number as a float."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = float(value)
    return number if 0 <= number < float("inf") else None


def moment(value: object) -> datetime | None:
    """An ISO 8601 / RFC 3339 string as an aware UTC datetime; no offset means UTC (as on
    ingest). None for anything unparseable or out of range."""
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    try:
        return parsed.astimezone(UTC)
    except (OverflowError, ValueError):
        return None


def mapping(value: object) -> dict[str, Any] | None:
    return dict(value) if isinstance(value, Mapping) else None
