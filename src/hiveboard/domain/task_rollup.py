"""Fold newly stored events into a task's rollup row, so the task list never scans events.

Counts only grow and times are min/max, so the fold is order-independent; it must only be
given events that were actually inserted (dedup happens before), never retries.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
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
    for ev in events:
        ts = ev.timestamp
        if rollup is None:
            rollup = TaskRollup(agent_id=ev.agent_id, environment=ev.environment, group=ev.group,
                                first_event_at=ts, last_event_at=ts)
        c: dict[str, Any] = {"first_event_at": min(rollup.first_event_at, ts),
                             "last_event_at": max(rollup.last_event_at, ts)}
        starts = ev.event_type == "task_started"
        if ev.project_id is not None and (rollup.project_id is None or starts):
            c["project_id"] = ev.project_id
        if ev.task_type is not None and rollup.task_type is None:
            c["task_type"] = ev.task_type
        # The current run is the one seen on the latest event that names a run.
        latest_run = rollup.run_started_at
        if ev.task_run_id is not None and (latest_run is None or ts >= latest_run):
            c["task_run_id"] = ev.task_run_id
            c["run_started_at"] = ts
        kind = ev.event_type
        if kind == "task_started":
            c["started_at"] = _earlier(rollup.started_at, ts)
            c["agent_id"] = ev.agent_id
        elif kind in TERMINAL and (rollup.completed_at is None or ts >= rollup.completed_at):
            c["completed_at"] = ts
            c["duration_ms"] = ev.duration_ms
        c["has_completed"] = rollup.has_completed or kind == "task_completed"
        c["has_failed"] = rollup.has_failed or kind == "task_failed"
        c["has_escalated"] = rollup.has_escalated or kind == "escalated"
        c["approvals_requested"] = rollup.approvals_requested + (kind == "approval_requested")
        c["approvals_received"] = rollup.approvals_received + (kind == "approval_received")
        c["action_count"] = rollup.action_count + (kind == "action_started")
        c["error_count"] = rollup.error_count + (kind in ("action_failed", "task_failed"))
        if ev.payload_kind == "llm_call" and kind == "custom":
            c["llm_call_count"] = rollup.llm_call_count + 1
            c["total_cost"] = _add(rollup.total_cost, ev.llm_cost)
            c["total_tokens_in"] = _add(rollup.total_tokens_in, ev.llm_tokens_in)
            c["total_tokens_out"] = _add(rollup.total_tokens_out, ev.llm_tokens_out)
        rollup = replace(rollup, **c)
    if rollup is None:
        raise ValueError("fold needs an existing rollup or at least one event")
    return rollup


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
