"""Hour folding and exact read plans of the hourly LLM usage rollup."""

from __future__ import annotations

from typing import Any

import pytest

from hiveboard.domain.llm_usage import (
    HOUR_MS,
    WindowPlan,
    clean_hours,
    fold_calls,
    hour_of,
    merge,
    plan_window,
)

H = HOUR_MS


@pytest.mark.parametrize(("ts", "hour"), [
    (0, 0), (H - 1, 0), (H, H), (5 * H + 17, 5 * H), (-1, -H), (-H, -H), (-H - 1, -2 * H)])
def test_hours_floor_also_before_1970(ts: int, hour: int) -> None:
    assert hour_of(ts) == hour


@pytest.mark.parametrize(("since", "until", "width", "edges"), [
    (0, 3 * H, None, ()),                    # whole hours: no edge
    (10, 3 * H, None, (0,)),                 # cut at the start
    (0, 3 * H - 5, None, (2 * H,)),          # cut at the end
    (10, 3 * H - 5, H, (0, 2 * H)),          # both
    (H + 10, H + 20, None, (H,)),            # inside one hour: one edge, cut twice
    (0, 24 * H, 24 * H, ()),                 # day buckets are whole hours
    (0, 6 * H, 6 * H, ()),
])
def test_plans_name_the_hours_a_window_cuts(since: int, until: int, width: int | None,
                                            edges: tuple[int, ...]) -> None:
    assert plan_window(since, until, width) == WindowPlan(since, until, edges)


@pytest.mark.parametrize(("since", "until", "width"), [
    (0, H, 300_000),        # sub-hour buckets cannot come from hours
    (0, H, 90 * 60_000),    # nor buckets that are not whole hours
    (-10, H, None),         # before 1970 SQL division truncates
    (H, H, None),           # empty window
])
def test_no_plan_when_hours_cannot_answer(since: int, until: int, width: int | None) -> None:
    assert plan_window(since, until, width) is None


def test_raw_span_is_the_windows_part_of_an_edge_hour() -> None:
    plan = WindowPlan(since=H + 10, until=3 * H - 5, edges=(H, 2 * H))
    assert plan.raw_span(H) == (H + 10, 2 * H)
    assert plan.raw_span(2 * H) == (2 * H, 3 * H - 5)


@pytest.mark.parametrize(("dirty", "expected"), [
    (set(), (H, 3 * H)), ({H}, (2 * H, 3 * H)), ({3 * H}, (H, 2 * H)),
    ({H, 3 * H}, (2 * H, 2 * H))])
def test_clean_hours_drop_dirty_edges(dirty: set[int], expected: tuple[int, int]) -> None:
    plan = WindowPlan(since=H + 10, until=4 * H - 5, edges=(H, 3 * H))
    assert clean_hours(plan, dirty) == expected


def test_no_clean_hours_when_the_only_hour_is_dirty() -> None:
    plan = WindowPlan(since=H + 10, until=H + 20, edges=(H,))
    assert clean_hours(plan, {H}) is None
    assert clean_hours(plan, set()) == (H, H)


def _call(ts: int, **overrides: Any) -> dict[str, Any]:
    row = {"ts": ts, "event_type": "custom", "payload_kind": "llm_call", "agent_id": "a",
           "llm_model": "m", "project_id": None, "task_id": "t", "environment": "prod",
           "group": "g",
           "llm_cost": 0.25, "llm_tokens_in": 10, "llm_tokens_out": 3}
    row.update(overrides)
    return row


def test_fold_sums_calls_per_hour_and_dimension_and_ignores_other_events() -> None:
    rows = [_call(5), _call(H - 1, llm_cost=None, llm_tokens_in=None),
            _call(H + 1), _call(7, llm_model=None), _call(8, llm_model=""),
            _call(10, task_id=None, llm_cost=None),
            _call(9, event_type="heartbeat"), _call(9, payload_kind="queue_snapshot")]
    folded = fold_calls(rows, lambda r: r["ts"])
    first = folded[(0, "a", "m", None, True, "prod", "g")]
    assert (first.call_count, first.costed_count, first.cost, first.tokens_in,
            first.tokens_out, first.min_ts, first.max_ts) == (2, 1, 0.25, 10, 6, 5, H - 1)
    assert folded[(H, "a", "m", None, True, "prod", "g")].call_count == 1
    assert folded[(0, "a", None, None, True, "prod", "g")].call_count == 1
    assert folded[(0, "a", "", None, True, "prod", "g")].call_count == 1
    agent_level = folded[(0, "a", "m", None, False, "prod", "g")]
    assert (agent_level.call_count, agent_level.costed_count) == (1, 0)
    assert len(folded) == 5


def test_merge_adds_parts_by_key_and_drops_empty_groups() -> None:
    zero = {"call_count": 0, "costed_count": 0, "cost": 0.0, "tokens_in": 0, "tokens_out": 0}
    part1 = [{"model": "m", "call_count": 2, "costed_count": 2, "cost": 0.5, "tokens_in": 4,
              "tokens_out": 1}]
    part2 = [{"model": "m", "call_count": 1, "costed_count": 0, "cost": 0.0, "tokens_in": 1,
              "tokens_out": 1}, {"model": None, **zero}]
    assert merge([part1, part2], ("model",)) == [
        {"model": "m", "call_count": 3, "costed_count": 2, "cost": 0.5, "tokens_in": 5,
         "tokens_out": 2}]
