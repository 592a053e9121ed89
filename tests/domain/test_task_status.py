from __future__ import annotations

import itertools

import pytest

from hiveboard.domain.task_status import (
    TASK_STATUSES,
    TaskFacts,
    derive_task_status,
    facts_from_events,
)
from tests.domain.factories import at, make_event


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        (TaskFacts(), "processing"),
        (TaskFacts(has_completed=True), "completed"),
        (TaskFacts(has_failed=True), "failed"),
        (TaskFacts(has_escalated=True), "escalated"),
        (TaskFacts(approvals_requested=1), "waiting"),
        (TaskFacts(agent_is_stuck=True), "stuck"),
        # priority between rows
        (TaskFacts(has_completed=True, has_failed=True), "completed"),
        (TaskFacts(has_completed=True, has_escalated=True, approvals_requested=1), "completed"),
        (TaskFacts(has_completed=True, agent_is_stuck=True), "completed"),
        (TaskFacts(has_failed=True, has_escalated=True), "failed"),
        (TaskFacts(has_failed=True, agent_is_stuck=True), "failed"),
        (TaskFacts(has_escalated=True, approvals_requested=1), "escalated"),
        (TaskFacts(has_escalated=True, agent_is_stuck=True), "escalated"),
        (TaskFacts(approvals_requested=1, agent_is_stuck=True), "waiting"),
        # approvals balance out
        (TaskFacts(approvals_requested=1, approvals_received=1), "processing"),
        (TaskFacts(approvals_requested=2, approvals_received=1), "waiting"),
        (TaskFacts(approvals_requested=1, approvals_received=2), "processing"),
        (TaskFacts(approvals_requested=1, approvals_received=1, agent_is_stuck=True), "stuck"),
    ],
)
def test_cascade(facts: TaskFacts, expected: str) -> None:
    assert derive_task_status(facts) == expected
    assert expected in TASK_STATUSES


# Audit Part 4.2 scenarios, from event sequences.
@pytest.mark.parametrize(
    ("scenario", "event_types", "expected"),
    [
        ("4.2.1 only task_started", ["task_started"], "processing"),
        ("4.2.2 + task_completed", ["task_started", "task_completed"], "completed"),
        ("4.2.3 + task_failed", ["task_started", "task_failed"], "failed"),
        ("4.2.4 + escalated", ["task_started", "escalated"], "escalated"),
        ("4.2.5 + approval_requested", ["task_started", "approval_requested"], "waiting"),
        (
            "4.2.6 full approval flow -> completed",
            ["task_started", "approval_requested", "approval_received", "task_completed"],
            "completed",
        ),
        (
            "4.2.7 failed -> retry -> completed",
            ["task_started", "task_failed", "retry_started", "task_completed"],
            "completed",
        ),
        (
            "approval answered, still running",
            ["task_started", "approval_requested", "approval_received"],
            "processing",
        ),
        (
            "completed, then failed in a re-run under the same task_id (reference rule)",
            ["task_started", "task_completed", "task_started", "task_failed"],
            "completed",
        ),
        (
            "narrative events do not change status",
            ["task_started", "custom", "heartbeat", "action_started", "action_failed"],
            "processing",
        ),
        ("no events at all", [], "processing"),
    ],
)
def test_status_from_events(scenario: str, event_types: list[str], expected: str) -> None:
    events = [
        make_event(event_type=t, task_id="t-1", timestamp=at(i)) for i, t in enumerate(event_types)
    ]
    assert derive_task_status(facts_from_events(events)) == expected, scenario


def test_facts_count_approvals_and_leave_stuck_to_the_caller() -> None:
    events = [
        make_event(event_type=t)
        for t in ["approval_requested", "approval_requested", "approval_received", "escalated"]
    ]
    assert facts_from_events(events) == TaskFacts(
        has_escalated=True, approvals_requested=2, approvals_received=1, agent_is_stuck=False
    )


def test_facts_do_not_depend_on_event_order() -> None:
    types = ["task_started", "task_failed", "approval_requested", "escalated"]
    results = {
        facts_from_events(make_event(event_type=t) for t in permutation)
        for permutation in itertools.permutations(types)
    }
    assert len(results) == 1
