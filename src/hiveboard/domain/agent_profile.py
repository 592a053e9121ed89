"""Fold a batch of events into an agent's cached profile, independent of batch order.

Every field is a max/min over event timestamps, so applying batches in any order, or the
same batch twice (a client retry), yields the same profile (audit W3: the latest event is
chosen by event time, not by position in the batch).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any, NamedTuple

NOT_STATUS_BEARING = frozenset({"heartbeat", "custom"})


class AgentEventFacts(NamedTuple):
    """What the profile needs to know about one event (a tuple: ingest makes one per event,
    and a frozen dataclass was 5x slower to build)."""

    event_type: str
    timestamp: datetime
    task_id: str | None
    project_id: str | None
    payload: Mapping[str, Any] | None


@dataclass(frozen=True, slots=True)
class AgentProfile:
    first_seen: datetime
    last_seen: datetime
    registered_at: datetime | None = None
    last_heartbeat: datetime | None = None
    last_heartbeat_payload: Mapping[str, Any] | None = None
    last_status_event_type: str | None = None
    last_status_event_at: datetime | None = None
    last_task_id: str | None = None
    last_project_id: str | None = None
    last_task_at: datetime | None = None
    stuck_threshold_seconds: int | None = None


def _later(current: datetime | None, candidate: datetime) -> bool:
    return current is None or candidate >= current


def registered_threshold(payload: Mapping[str, Any] | None) -> int | None:
    """hiveloop sends its own threshold in ``payload.data.stuck_threshold`` (seconds)."""
    data = payload.get("data") if isinstance(payload, Mapping) else None
    value = data.get("stuck_threshold") if isinstance(data, Mapping) else None
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    seconds = int(value)
    return seconds if 0 < seconds <= 30 * 86400 else None


def fold(profile: AgentProfile | None, events: Iterable[AgentEventFacts]) -> AgentProfile:
    # One mutable accumulator per call: building a frozen copy per event was the hottest
    # spot of ingest (measured), and a batch folds hundreds of events.
    acc: dict[str, Any] | None = None if profile is None else profile_fields(profile)
    for ev in events:
        ts = ev.timestamp
        if acc is None:
            acc = profile_fields(AgentProfile(first_seen=ts, last_seen=ts))
        if ts < acc["first_seen"]:
            acc["first_seen"] = ts
        if ts > acc["last_seen"]:
            acc["last_seen"] = ts
        kind = ev.event_type
        if kind == "heartbeat" and _later(acc["last_heartbeat"], ts):
            acc["last_heartbeat"] = ts
            if ev.payload:
                acc["last_heartbeat_payload"] = ev.payload
        if kind == "agent_registered" and _later(acc["registered_at"], ts):
            acc["registered_at"] = ts
            threshold = registered_threshold(ev.payload)
            if threshold is not None:
                acc["stuck_threshold_seconds"] = threshold
        if kind not in NOT_STATUS_BEARING and _later(acc["last_status_event_at"], ts):
            acc["last_status_event_type"] = kind
            acc["last_status_event_at"] = ts
        if ev.task_id is not None and _later(acc["last_task_at"], ts):
            acc["last_task_id"] = ev.task_id
            acc["last_project_id"] = ev.project_id
            acc["last_task_at"] = ts
    if acc is None:
        raise ValueError("fold needs an existing profile or at least one event")
    return AgentProfile(**acc)


_FIELDS = tuple(f.name for f in fields(AgentProfile))


def profile_fields(profile: AgentProfile) -> dict[str, Any]:
    """A shallow field dict (``dataclasses.asdict`` deep-copies payloads and datetimes)."""
    return {name: getattr(profile, name) for name in _FIELDS}
