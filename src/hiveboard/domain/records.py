"""The stored event as derivations see it, and the closed vocabularies of the event schema.

:class:`EventRecord` is deliberately a plain frozen value: the store maps its rows onto it, and
every derivation in this package consumes nothing else, so derivations can be unit-tested without
a database and cannot accidentally reach for columns they should not depend on.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final

EVENT_TYPES: Final[tuple[str, ...]] = (
    "agent_registered",
    "heartbeat",
    "task_started",
    "task_completed",
    "task_failed",
    "action_started",
    "action_completed",
    "action_failed",
    "retry_started",
    "escalated",
    "approval_requested",
    "approval_received",
    "custom",
)
"""The 13 event types of event schema §5, lifecycle order. The set is closed: ingestion rejects
anything else, so derivations may treat an unknown type as a caller bug, not as data."""

SEVERITIES: Final[tuple[str, ...]] = ("debug", "info", "warn", "error")
"""Event severities in rank order (least to most severe); the index is the rank."""

WELL_KNOWN_KINDS: Final[tuple[str, ...]] = (
    "llm_call",
    "queue_snapshot",
    "todo",
    "scheduled",
    "plan_created",
    "plan_step",
    "issue",
)
"""The ``payload.kind`` values of event schema §6 that have required fields and derived views."""

RENDER_HINT_KINDS: Final[tuple[str, ...]] = (*WELL_KNOWN_KINDS, "reflection")
"""Kinds echoed as ``render_hint`` on timeline/stream events (API spec §4.4). ``reflection`` has
a dashboard rendering but no required fields, hence it is not in :data:`WELL_KNOWN_KINDS`."""


@dataclass(frozen=True, slots=True)
class EventRecord:
    """One stored event, already enriched by ingestion (envelope expanded, severity defaulted).

    ``timestamp`` is the client's event time and must be timezone-aware: derivations compare it
    with other timestamps and with ``now``, and mixing naive and aware datetimes would raise
    deep inside a derivation instead of here, where the mistake is made.

    ``payload`` is the developer's JSON object, typed loosely on purpose: derivations read it
    through tolerant accessors and never trust its shape. ``payload_kind`` is the store's copy of
    ``payload.kind`` (indexed column); when absent, derivations fall back to the payload itself.
    """

    event_id: str
    agent_id: str
    event_type: str
    timestamp: datetime
    severity: str
    task_id: str | None = None
    task_type: str | None = None
    task_run_id: str | None = None
    project_id: str | None = None
    action_id: str | None = None
    parent_action_id: str | None = None
    parent_event_id: str | None = None
    status: str | None = None
    payload_kind: str | None = None
    duration_ms: int | None = None
    payload: Mapping[str, Any] | None = None

    def __post_init__(self) -> None:
        if self.timestamp.tzinfo is None or self.timestamp.utcoffset() is None:
            raise ValueError(f"EventRecord {self.event_id!r}: timestamp must be timezone-aware")


def custom_kind(event: EventRecord) -> str | None:
    """The payload kind of a ``custom`` event; None for every other event type.

    Well-known kinds only mean something on custom events (event schema §6.3-6.9), so a
    heartbeat's ``heartbeat_status`` payload, or a stray ``kind`` on a task event, never feeds a
    plan or pipeline view.
    """
    if event.event_type != "custom":
        return None
    if event.payload_kind is not None:
        return event.payload_kind
    if isinstance(event.payload, Mapping):
        kind = event.payload.get("kind")
        if isinstance(kind, str):
            return kind
    return None


def chronological(events: Iterable[EventRecord]) -> list[EventRecord]:
    """Events sorted by ``timestamp``, ties kept in input order.

    Every "latest wins" rule in this package goes through here: batches arrive in any order
    (audit W3), so input order only breaks exact timestamp ties -- and then the event that was
    stored later wins, which is the best remaining signal.
    """
    return sorted(events, key=lambda event: event.timestamp)
