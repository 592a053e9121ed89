"""Task rollups: counts, cost sums, times and run tracking from events."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from hiveboard.domain.task_rollup import TaskEventFacts, effective_duration_ms, fold

T0 = datetime(2026, 2, 10, 14, 0, tzinfo=UTC)


def fact(event_type: str, seconds: float, **kw: Any) -> TaskEventFacts:
    base: dict[str, Any] = dict(
        event_type=event_type, timestamp=T0 + timedelta(seconds=seconds), agent_id="a",
        project_id=None, task_type=None, task_run_id=None, environment="production",
        group="default", duration_ms=None, severity="info", payload_kind=None, llm_cost=None,
        llm_tokens_in=None, llm_tokens_out=None)
    base.update(kw)
    return TaskEventFacts(**base)


def llm(seconds: float, cost: float | None, tin: int | None, tout: int | None) -> TaskEventFacts:
    return fact("custom", seconds, payload_kind="llm_call", llm_cost=cost, llm_tokens_in=tin,
                llm_tokens_out=tout)


def test_full_task():
    r = fold(None, [
        fact("task_started", 0, project_id="p", task_type="lead", task_run_id="r1"),
        fact("action_started", 1), fact("action_failed", 2),
        fact("action_started", 3),
        llm(4, 0.5, 100, 10), llm(5, None, 50, None), llm(6, 0.25, None, 5),
        fact("custom", 6.5, payload_kind="plan_step"),
        fact("escalated", 7), fact("approval_requested", 8), fact("approval_received", 9),
        fact("task_completed", 10, duration_ms=9_500),
    ])
    assert (r.action_count, r.error_count, r.llm_call_count) == (2, 1, 3)
    assert r.total_cost == pytest.approx(0.75)
    assert (r.total_tokens_in, r.total_tokens_out) == (150, 15)
    assert r.has_completed and r.has_escalated and r.has_human_intervention
    assert (r.project_id, r.task_type, r.task_run_id) == ("p", "lead", "r1")
    assert effective_duration_ms(r) == 9_500


def test_no_llm_calls_means_null_cost_not_zero():
    r = fold(None, [fact("task_started", 0)])
    assert r.total_cost is None and r.total_tokens_in is None and r.llm_call_count == 0


def test_duration_is_computed_when_the_terminal_event_has_none():
    r = fold(None, [fact("task_started", 0), fact("task_failed", 2.5)])
    assert r.duration_ms is None and effective_duration_ms(r) == 2_500
    assert effective_duration_ms(fold(None, [fact("task_started", 0)])) is None


def test_batches_fold_like_one_and_latest_run_wins():
    events = [fact("task_started", 0, task_run_id="r1"), fact("task_failed", 1),
              fact("retry_started", 2, task_run_id="r2"), fact("task_completed", 3)]
    whole = fold(None, events)
    split = fold(fold(None, events[2:]), events[:2])
    assert whole == split
    assert whole.task_run_id == "r2" and whole.has_failed and whole.has_completed
    assert whole.completed_at == T0 + timedelta(seconds=3)


def test_fold_needs_something():
    with pytest.raises(ValueError, match="at least one event"):
        fold(None, [])
