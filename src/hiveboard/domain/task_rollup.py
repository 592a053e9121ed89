"""Fold newly stored events into a task's rollup row, so the task list never scans events.

Counts only grow and times are min/max, so the fold is order-independent; it must only be
given events that were actually inserted (dedup happens before), never retries.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from datetime import datetime
from operator import itemgetter
from typing import Any, NamedTuple

TERMINAL = frozenset({"task_completed", "task_failed"})


class TaskEventFacts(NamedTuple):
    """What a task's rollup needs to know about one event.

    A tuple, not a frozen dataclass: ingest makes one per event, and a frozen dataclass's
    ``__init__`` (one ``object.__setattr__`` per field) was 5x slower to build.
    """

    event_type: str
    timestamp: datetime
    agent_id: str
    project_id: str | None
    task_type: str | None
    task_run_id: str | None
    environment: str
    group: str
    duration_ms: int | None
    severity: str
    payload_kind: str | None
    llm_cost: float | None
    llm_tokens_in: int | None
    llm_tokens_out: int | None


@dataclass(frozen=True, slots=True)
class TaskRollup:
    agent_id: str
    environment: str
    group: str
    first_event_at: datetime
    last_event_at: datetime
    project_id: str | None = None
    task_type: str | None = None
    task_run_id: str | None = None
    run_started_at: datetime | None = None
    started_at: datetime | None = None
    completed_at: datetime | None = None
    duration_ms: int | None = None
    has_completed: bool = False
    has_failed: bool = False
    has_escalated: bool = False
    approvals_requested: int = 0
    approvals_received: int = 0
    action_count: int = 0
    error_count: int = 0
    llm_call_count: int = 0
    total_cost: float | None = None
    total_tokens_in: int | None = None
    total_tokens_out: int | None = None

    @property
    def has_human_intervention(self) -> bool:
        return self.approvals_requested > 0 or self.approvals_received > 0


def _add(current: float | int | None, value: float | int | None) -> Any:
    if value is None:
        return current
    return value if current is None else current + value


def _earlier(a: datetime | None, b: datetime) -> datetime:
    return b if a is None or b < a else a


def fold(rollup: TaskRollup | None, events: Iterable[TaskEventFacts]) -> TaskRollup:
    # A mutable accumulator: a frozen copy per event was measurably the hot spot of ingest.
    acc: dict[str, Any] | None = None if rollup is None else rollup_fields(rollup)
    for ev in events:
        ts = ev.timestamp
        if acc is None:
            acc = rollup_fields(TaskRollup(agent_id=ev.agent_id, environment=ev.environment,
                                           group=ev.group, first_event_at=ts, last_event_at=ts))
        acc["first_event_at"] = min(acc["first_event_at"], ts)
        acc["last_event_at"] = max(acc["last_event_at"], ts)
        kind = ev.event_type
        starts = kind == "task_started"
        if ev.project_id is not None and (acc["project_id"] is None or starts):
            acc["project_id"] = ev.project_id
        if ev.task_type is not None and acc["task_type"] is None:
            acc["task_type"] = ev.task_type
        # The current run is the one seen on the latest event that names a run.
        latest_run = acc["run_started_at"]
        if ev.task_run_id is not None and (latest_run is None or ts >= latest_run):
            acc["task_run_id"] = ev.task_run_id
            acc["run_started_at"] = ts
        if starts:
            acc["started_at"] = _earlier(acc["started_at"], ts)
            acc["agent_id"] = ev.agent_id
        elif kind in TERMINAL and (acc["completed_at"] is None or ts >= acc["completed_at"]):
            acc["completed_at"] = ts
            acc["duration_ms"] = ev.duration_ms
        if kind == "task_completed":
            acc["has_completed"] = True
        elif kind == "task_failed":
            acc["has_failed"] = True
            acc["error_count"] += 1
        elif kind == "escalated":
            acc["has_escalated"] = True
        elif kind == "approval_requested":
            acc["approvals_requested"] += 1
        elif kind == "approval_received":
            acc["approvals_received"] += 1
        elif kind == "action_started":
            acc["action_count"] += 1
        elif kind == "action_failed":
            acc["error_count"] += 1
        elif kind == "custom" and ev.payload_kind == "llm_call":
            acc["llm_call_count"] += 1
            acc["total_cost"] = _add(acc["total_cost"], ev.llm_cost)
            acc["total_tokens_in"] = _add(acc["total_tokens_in"], ev.llm_tokens_in)
            acc["total_tokens_out"] = _add(acc["total_tokens_out"], ev.llm_tokens_out)
    if acc is None:
        raise ValueError("fold needs an existing rollup or at least one event")
    return TaskRollup(**acc)


_FIELDS = tuple(f.name for f in fields(TaskRollup))


def rollup_fields(rollup: TaskRollup) -> dict[str, Any]:
    """A shallow field dict (``dataclasses.asdict`` deep-copies every value)."""
    return {name: getattr(rollup, name) for name in _FIELDS}


def effective_duration_ms(rollup: TaskRollup) -> int | None:
    """The terminal event's own duration, else the time from start to the terminal event."""
    if rollup.duration_ms is not None:
        return rollup.duration_ms
    start = rollup.started_at or rollup.first_event_at
    if rollup.completed_at is None:
        return None
    return max(0, int((rollup.completed_at - start).total_seconds() * 1000))


_FACT_COLUMNS = itemgetter(*TaskEventFacts._fields)


def facts_from_row(row: Mapping[str, Any]) -> TaskEventFacts:
    """The facts of an event row (a mapping with at least the fields' names as keys)."""
    return TaskEventFacts._make(_FACT_COLUMNS(row))
