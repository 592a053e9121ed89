"""Fold newly stored events into a task's rollup row, so the task list never scans events.

Counts only grow and times are min/max, so the fold is order-independent; it must only be
given events that were actually inserted (dedup happens before), never retries.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any

TERMINAL = frozenset({"task_completed", "task_failed"})


@dataclass(frozen=True, slots=True)
class TaskEventFacts:
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


def facts_from_row(row: Mapping[str, Any]) -> TaskEventFacts:
    return TaskEventFacts(
        event_type=row["event_type"], timestamp=row["timestamp"], agent_id=row["agent_id"],
        project_id=row["project_id"], task_type=row["task_type"],
        task_run_id=row["task_run_id"], environment=row["environment"], group=row["group"],
        duration_ms=row["duration_ms"], severity=row["severity"],
        payload_kind=row["payload_kind"], llm_cost=row["llm_cost"],
        llm_tokens_in=row["llm_tokens_in"], llm_tokens_out=row["llm_tokens_out"])
