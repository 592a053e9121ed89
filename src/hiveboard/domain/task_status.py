"""A task's derived status (API spec §4.3, data model §5.2) from facts about its events.

The cascade reads only *which* lifecycle events exist, not their order, so it can be computed
by an SQL aggregate as well as from a list -- :class:`TaskFacts` is that aggregate, and
:func:`facts_from_events` is the in-memory way to fill it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from hiveboard.domain.records import EventRecord

TASK_STATUSES: Final[tuple[str, ...]] = (
    "completed",
    "failed",
    "escalated",
    "waiting",
    "stuck",
    "processing",
)
"""Every derived task status, in cascade priority order."""


@dataclass(frozen=True, slots=True)
class TaskFacts:
    """What the cascade needs to know about one task (or one run of it).

    ``agent_is_stuck`` is not a property of the task's events: it comes from the agent's health
    at query time, so :func:`facts_from_events` leaves it False for the caller to override.
    """

    has_completed: bool = False
    has_failed: bool = False
    has_escalated: bool = False
    approvals_requested: int = 0
    approvals_received: int = 0
    agent_is_stuck: bool = False


def derive_task_status(facts: TaskFacts) -> str:
    """The first matching row of the reference cascade.

    ``completed`` wins over ``failed`` so that "failed, retried, completed" reads as completed
    (audit 4.2.7). The reference rule is order-blind, so the reverse -- completed, then failed
    in a later re-run under the same ``task_id`` -- also reads as completed; callers that care
    about one execution pass that run's events only (``task_run_id``), which is also what the
    timeline does. ``escalated`` and ``waiting`` only apply to open tasks (no terminal event),
    and ``stuck`` only to a task that is otherwise still open.
    """
    if facts.has_completed:
        return "completed"
    if facts.has_failed:
        return "failed"
    if facts.has_escalated:
        return "escalated"
    if facts.approvals_requested > facts.approvals_received:
        return "waiting"
    if facts.agent_is_stuck:
        return "stuck"
    return "processing"


def facts_from_events(events: Iterable[EventRecord]) -> TaskFacts:
    """Aggregate one task's events into :class:`TaskFacts`; the caller selects the events
    (one task, optionally one run). Event types outside the task lifecycle are ignored."""
    has_completed = has_failed = has_escalated = False
    requested = received = 0
    for event in events:
        match event.event_type:
            case "task_completed":
                has_completed = True
            case "task_failed":
                has_failed = True
            case "escalated":
                has_escalated = True
            case "approval_requested":
                requested += 1
            case "approval_received":
                received += 1
    return TaskFacts(
        has_completed=has_completed,
        has_failed=has_failed,
        has_escalated=has_escalated,
        approvals_requested=requested,
        approvals_received=received,
    )
