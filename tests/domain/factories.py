"""Tiny builders for domain tests: every field has a boring default, tests state only what
matters to them."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from typing import Any

from hiveboard.domain.records import EventRecord

T0 = datetime(2026, 2, 10, 14, 0, tzinfo=UTC)
_ids = itertools.count(1)


def at(seconds: float) -> datetime:
    """``T0`` plus ``seconds``: keeps timelines in tests readable as small numbers."""
    return T0 + timedelta(seconds=seconds)


def make_event(**overrides: Any) -> EventRecord:
    """An :class:`EventRecord` with defaults (a custom event at ``T0``) and ``overrides``."""
    fields: dict[str, Any] = {
        "event_id": f"evt-{next(_ids):05d}",
        "agent_id": "agent-1",
        "event_type": "custom",
        "timestamp": T0,
        "severity": "info",
    }
    fields.update(overrides)
    return EventRecord(**fields)


def kind_event(
    kind: str,
    data: Any = None,
    *,
    summary: str | None = "summary",
    t: float = 0,
    **overrides: Any,
) -> EventRecord:
    """A custom event of payload ``kind`` at ``at(t)``; ``data``/``summary`` None are omitted."""
    payload: dict[str, Any] = {"kind": kind}
    if summary is not None:
        payload["summary"] = summary
    if data is not None:
        payload["data"] = data
    return make_event(payload=payload, timestamp=at(t), **overrides)
