"""An agent's work pipeline (API spec §4.11, data model §5.12): queue, TODOs, schedule, issues.

Each view folds the agent's custom events of one kind into current state; each returns None
when there is no event of its kind, because the API distinguishes "never reported" (null) from
"reported empty". The caller chooses the events (normally the agent's, any task scope: issues
may be raised inside a task); these functions only look at the kind.

Lifecycle views (TODOs, issues) share one rule: the latest event of an item, by timestamp,
decides its state, while descriptive fields keep their most recent *provided* value -- a
"completed" TODO event usually omits the priority it was created with.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final

from hiveboard.domain.payload_conventions import (
    as_int,
    int_field,
    payload_data,
    payload_summary,
    str_field,
)
from hiveboard.domain.records import EventRecord, chronological, custom_kind

TODO_CLOSED_ACTIONS: Final[frozenset[str]] = frozenset({"completed", "dismissed"})
ISSUE_CLOSED_ACTIONS: Final[frozenset[str]] = frozenset({"resolved", "dismissed"})

_NEVER: Final = datetime.min.replace(tzinfo=UTC)
_PRIORITY_ORDER: Final = ("high", "normal", "low")
_ISSUE_SEVERITY_ORDER: Final = ("critical", "high", "medium", "low")


@dataclass(frozen=True, slots=True)
class QueueState:
    """The latest queue snapshot. ``snapshot_at`` is the event's time, not a payload field, so
    the dashboard can tell how stale the picture is (audit W5). ``items`` and ``processing`` are
    copies of the payload's objects, passed through unvalidated (their fields are optional)."""

    event_id: str
    snapshot_at: datetime
    depth: int | None
    oldest_age_seconds: float | None
    items: list[dict[str, Any]]
    processing: dict[str, Any] | None


@dataclass(frozen=True, slots=True)
class TodoItem:
    todo_id: str
    action: str | None
    summary: str | None
    priority: str | None
    source: str | None
    context: str | None
    due_by: str | None
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class TodoState:
    """Active TODOs (highest priority first, then most recently updated) and the counts of
    settled ones; ``last_updated`` is the latest TODO event of any item."""

    last_updated: datetime
    items: list[TodoItem]
    active_count: int
    completed_count: int
    dismissed_count: int


@dataclass(frozen=True, slots=True)
class ScheduledState:
    """Items of the latest schedule report, soonest ``next_run`` first (unparseable last).
    Each item carries both ``last_status`` (the SDK's name) and ``status`` (audit W6)."""

    event_id: str
    last_updated: datetime
    items: list[dict[str, Any]]


@dataclass(frozen=True, slots=True)
class IssueItem:
    issue_key: str
    issue_id: str | None
    summary: str | None
    action: str
    severity: str | None
    category: str | None
    context: Any
    occurrence_count: int
    first_seen: datetime
    last_seen: datetime


@dataclass(frozen=True, slots=True)
class IssueState:
    """Active issues (most severe first, then most recently seen) and settled counts."""

    last_updated: datetime
    items: list[IssueItem]
    active_count: int
    resolved_count: int
    dismissed_count: int


def latest_queue(events: Iterable[EventRecord]) -> QueueState | None:
    """The most recent ``queue_snapshot``; malformed fields degrade to None / empty."""
    latest = _latest_of_kind(events, "queue_snapshot")
    if latest is None:
        return None
    data = payload_data(latest.payload)
    items = data.get("items")
    processing = data.get("processing")
    oldest = data.get("oldest_age_seconds")
    return QueueState(
        event_id=latest.event_id,
        snapshot_at=latest.timestamp,
        depth=int_field(data, "depth"),
        oldest_age_seconds=(
            oldest if isinstance(oldest, int | float) and not isinstance(oldest, bool) else None
        ),
        items=[dict(item) for item in items if isinstance(item, Mapping)]
        if isinstance(items, list)
        else [],
        processing=dict(processing) if isinstance(processing, Mapping) else None,
    )


def aggregate_todos(events: Iterable[EventRecord]) -> TodoState | None:
    """Fold ``todo`` events by ``data.todo_id``; active = latest action not completed/dismissed.

    Events without a usable ``todo_id`` cannot be attributed and are skipped. A TODO whose
    latest event has no ``action`` stays active (it was never closed).
    """
    todo_events = [e for e in chronological(events) if custom_kind(e) == "todo"]
    if not todo_events:
        return None
    groups: dict[str, list[EventRecord]] = {}
    for event in todo_events:
        todo_id = str_field(payload_data(event.payload), "todo_id")
        if todo_id:
            groups.setdefault(todo_id, []).append(event)
    todos = [_fold_todo(todo_id, group) for todo_id, group in groups.items()]
    active = [todo for todo in todos if todo.action not in TODO_CLOSED_ACTIONS]
    active.sort(key=lambda todo: todo.updated_at, reverse=True)
    active.sort(key=lambda todo: _rank(todo.priority, _PRIORITY_ORDER))
    return TodoState(
        last_updated=todo_events[-1].timestamp,
        items=active,
        active_count=len(active),
        completed_count=sum(1 for todo in todos if todo.action == "completed"),
        dismissed_count=sum(1 for todo in todos if todo.action == "dismissed"),
    )


def latest_scheduled(events: Iterable[EventRecord]) -> ScheduledState | None:
    """Items of the most recent ``scheduled`` report; non-object items are dropped."""
    latest = _latest_of_kind(events, "scheduled")
    if latest is None:
        return None
    raw_items = payload_data(latest.payload).get("items")
    items: list[dict[str, Any]] = []
    if isinstance(raw_items, list):
        for raw in raw_items:
            if isinstance(raw, Mapping):
                item = dict(raw)
                item["last_status"] = raw.get("last_status")
                item["status"] = raw.get("last_status")
                items.append(item)
    items.sort(key=lambda item: _next_run_key(item.get("next_run")))
    return ScheduledState(event_id=latest.event_id, last_updated=latest.timestamp, items=items)


def aggregate_issues(events: Iterable[EventRecord]) -> IssueState | None:
    """Fold ``issue`` events by :func:`issue_key`; active = latest action not resolved/dismissed.

    An event without ``data.action`` is a report (``reported`` is the documented default).
    ``occurrence_count`` is the larger of the highest count the agent reported and the number
    of report events the server saw, so neither a counting agent nor a non-counting one is
    under-reported. Severity, category and context come from the latest report.
    """
    issue_events = [e for e in chronological(events) if custom_kind(e) == "issue"]
    if not issue_events:
        return None
    groups: dict[str, list[EventRecord]] = {}
    for event in issue_events:
        key = issue_key(event.payload)
        if key is not None:
            groups.setdefault(key, []).append(event)
    issues = [_fold_issue(key, group) for key, group in groups.items()]
    active = [issue for issue in issues if issue.action not in ISSUE_CLOSED_ACTIONS]
    active.sort(key=lambda issue: issue.last_seen, reverse=True)
    active.sort(key=lambda issue: _rank(issue.severity, _ISSUE_SEVERITY_ORDER))
    return IssueState(
        last_updated=issue_events[-1].timestamp,
        items=active,
        active_count=len(active),
        resolved_count=sum(1 for issue in issues if issue.action == "resolved"),
        dismissed_count=sum(1 for issue in issues if issue.action == "dismissed"),
    )


def issue_key(payload: object) -> str | None:
    """The dedup key of an issue event (data model §5.12.4): ``data.issue_id`` when present,
    else ``"sum_"`` + the first 16 hex digits of SHA-256 of the normalised summary (trimmed,
    whitespace collapsed, lower-cased), so "CRM 403" and " crm  403 " are one issue. None when
    the event has neither. The prefix keeps hashes from colliding with client-chosen ids."""
    issue_id = str_field(payload_data(payload), "issue_id")
    if issue_id is not None and issue_id.strip():
        return issue_id
    summary = payload_summary(payload)
    if summary is None:
        return None
    normalised = " ".join(summary.split()).lower()
    return "sum_" + hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]


def issue_report(payload: object) -> tuple[str, bool] | None:
    """An ``issue`` event's key and whether the issue is active when this event is its latest
    (what :func:`aggregate_issues` counts); None when the event has no key."""
    key = issue_key(payload)
    if key is None:
        return None
    return key, _issue_action(payload_data(payload)) not in ISSUE_CLOSED_ACTIONS


def _latest_of_kind(events: Iterable[EventRecord], kind: str) -> EventRecord | None:
    matching = [event for event in chronological(events) if custom_kind(event) == kind]
    return matching[-1] if matching else None


def _fold_todo(todo_id: str, group: list[EventRecord]) -> TodoItem:
    fields: dict[str, str | None] = dict.fromkeys(
        ("summary", "priority", "source", "context", "due_by")
    )
    for event in group:
        data = payload_data(event.payload)
        fields["summary"] = payload_summary(event.payload) or fields["summary"]
        for name in ("priority", "source", "context", "due_by"):
            fields[name] = str_field(data, name) or fields[name]
    return TodoItem(
        todo_id=todo_id,
        action=str_field(payload_data(group[-1].payload), "action"),
        summary=fields["summary"],
        priority=fields["priority"],
        source=fields["source"],
        context=fields["context"],
        due_by=fields["due_by"],
        created_at=group[0].timestamp,
        updated_at=group[-1].timestamp,
    )


def _fold_issue(key: str, group: list[EventRecord]) -> IssueItem:
    issue_id: str | None = None
    summary: str | None = None
    severity: str | None = None
    category: str | None = None
    context: Any = None
    reported_events = 0
    reported_count = 0
    for event in group:
        data = payload_data(event.payload)
        issue_id = str_field(data, "issue_id") or issue_id
        summary = payload_summary(event.payload) or summary
        count = as_int(data.get("occurrence_count"))
        if count is not None:
            reported_count = max(reported_count, count)
        if _issue_action(data) == "reported":
            reported_events += 1
            severity = str_field(data, "severity") or severity
            category = str_field(data, "category") or category
            if data.get("context") is not None:
                context = data["context"]
    return IssueItem(
        issue_key=key,
        issue_id=issue_id,
        summary=summary,
        action=_issue_action(payload_data(group[-1].payload)),
        severity=severity,
        category=category,
        context=context,
        occurrence_count=max(reported_count, reported_events),
        first_seen=group[0].timestamp,
        last_seen=group[-1].timestamp,
    )


def _issue_action(data: Mapping[str, Any]) -> str:
    action = str_field(data, "action")
    return action if action else "reported"


def _rank(value: str | None, order: tuple[str, ...]) -> int:
    return order.index(value) if value in order else len(order)


def _next_run_key(value: object) -> tuple[int, datetime]:
    """Sort key: parseable, zoned ISO 8601 times in time order, everything else after them
    (in report order -- the sort is stable)."""
    if isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            moment = None
        if moment is not None and moment.tzinfo is not None:
            return (0, moment)
    return (1, _NEVER)
