"""Fold a batch of events into an agent's cached profile, independent of batch order.

Every field is a max/min over event timestamps, so applying batches in any order, or the
same batch twice (a client retry), yields the same profile (audit W3: the latest event is
chosen by event time, not by position in the batch).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

NOT_STATUS_BEARING = frozenset({"heartbeat", "custom"})


@dataclass(frozen=True, slots=True)
class AgentEventFacts:
    """What the profile needs to know about one event."""

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
    for ev in events:
        ts = ev.timestamp
        if profile is None:
            profile = AgentProfile(first_seen=ts, last_seen=ts)
        changes: dict[str, Any] = {}
        if ts < profile.first_seen:
            changes["first_seen"] = ts
        if ts > profile.last_seen:
            changes["last_seen"] = ts
        if ev.event_type == "heartbeat" and _later(profile.last_heartbeat, ts):
            changes["last_heartbeat"] = ts
            if ev.payload:
                changes["last_heartbeat_payload"] = ev.payload
        if ev.event_type == "agent_registered" and _later(profile.registered_at, ts):
            changes["registered_at"] = ts
            threshold = registered_threshold(ev.payload)
            if threshold is not None:
                changes["stuck_threshold_seconds"] = threshold
        if ev.event_type not in NOT_STATUS_BEARING and _later(profile.last_status_event_at, ts):
            changes["last_status_event_type"] = ev.event_type
            changes["last_status_event_at"] = ts
        if ev.task_id is not None and _later(profile.last_task_at, ts):
            changes["last_task_id"] = ev.task_id
            changes["last_project_id"] = ev.project_id
            changes["last_task_at"] = ts
        if changes:
            profile = replace(profile, **changes)
    if profile is None:
        raise ValueError("fold needs an existing profile or at least one event")
    return profile
