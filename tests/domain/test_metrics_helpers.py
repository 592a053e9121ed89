"""Pure helpers of /v1/metrics (services/metrics.py): tables of cases, no database."""

from __future__ import annotations

from typing import Any

import pytest

from hiveboard.domain.time_buckets import INTERVALS, RANGES
from hiveboard.errors import BadRequest
from hiveboard.services.metrics import (
    BUCKET_FIELDS,
    SUMMARY_FIELDS,
    add_terminal,
    bucket_values,
    check_grouping,
    group_order,
    llm_group,
    mean_ms,
    metrics_grid,
    metrics_interval,
    parts_for,
    success_rate,
    summary_values,
    task_group,
)


@pytest.mark.parametrize(
    ("metric", "group_by", "ok"),
    [
        (None, None, True), ("cost", None, True),
        ("cost", "agent", True), ("cost", "model", True), ("cost", "agent_model", True),
        ("tokens", "model", True), ("tasks", "agent", True), ("duration", "agent", True),
        (None, "agent", False), (None, "model", False),
        ("tasks", "model", False), ("tasks", "agent_model", False),
        ("duration", "model", False),
    ],
)
def test_check_grouping(metric, group_by, ok):
    if ok:
        check_grouping(metric, group_by)
    else:
        with pytest.raises(BadRequest) as err:
            check_grouping(metric, group_by)
        assert err.value.details is not None and err.value.details["field"] == "group_by"


MIN = 60_000


@pytest.mark.parametrize(
    ("since", "until", "interval", "first", "count"),
    [
        (0, 60 * MIN, "5m", 0, 12),                          # aligned: exactly range/interval
        (30_000, 60 * MIN + 30_000, "5m", 0, 13),            # unaligned: one more, partial
        (0, 1440 * MIN, "1m", 0, 1440),
        (30_000, 1440 * MIN + 30_000, "1m", MIN, 1440),      # the 1441st would be the oldest
        (0, 60 * MIN, "1d", 0, 1),
    ],
)
def test_metrics_grid(since, until, interval, first, count):
    grid = metrics_grid(since, until, interval)
    assert (grid[0], len(grid)) == (first, count)
    assert grid[-1] < until


@pytest.mark.parametrize(
    ("range_key", "interval", "expected"),
    [
        ("1h", None, "5m"), ("6h", None, "15m"), ("24h", None, "1h"), ("7d", None, "6h"),
        ("30d", None, "1d"), ("6h", "1m", "1m"), ("7d", "15m", "15m"), ("30d", "1h", "1h"),
        ("1h", "1d", "1d"),
        ("24h", "1m", "1m"), ("7d", "5m", None), ("30d", "15m", None), ("30d", "1m", None),
    ],
)
def test_metrics_interval(range_key, interval, expected):
    if expected is None:
        with pytest.raises(BadRequest):
            metrics_interval(range_key, interval)
    else:
        assert metrics_interval(range_key, interval) == expected


def test_every_automatic_interval_gives_a_readable_series():
    for key in RANGES:
        interval = metrics_interval(key, None)
        assert 12 <= RANGES[key] // INTERVALS[interval] <= 30


@pytest.mark.parametrize(
    ("completed", "failed", "rate"),
    [(0, 0, None), (1, 0, 1.0), (0, 3, 0.0), (2, 1, 0.667), (41, 6, 0.872)],
)
def test_success_rate(completed, failed, rate):
    assert success_rate(completed, failed) == rate


STARTS = {"total_tasks": 4, "escalated": 1}
TERMINAL = {"completed": 2, "failed": 1, "duration_sum": 2469, "duration_n": 2}
LLM = {"call_count": 3, "cost": 0.1 + 0.2, "tokens_in": 30, "tokens_out": 6}


def test_summary_values():
    assert summary_values(STARTS, TERMINAL, LLM, stuck=2) == {
        "total_tasks": 4, "completed": 2, "failed": 1, "escalated": 1, "stuck": 2,
        "success_rate": 0.667, "avg_duration_ms": 1234.0, "total_cost": 0.3,
        "avg_cost_per_task": 0.075, "llm_call_count": 3, "total_tokens_in": 30,
        "total_tokens_out": 6}


def test_summary_without_tasks_has_no_per_task_average():
    values = summary_values({"total_tasks": 0, "escalated": 0}, TERMINAL, LLM, stuck=0)
    assert values["avg_cost_per_task"] is None


def test_terminal_measures_add_up_across_buckets():
    buckets = [{"completed": 1, "failed": 0, "duration_sum": 100, "duration_n": 1},
               {"completed": 3, "failed": 2, "duration_sum": 500, "duration_n": 3}]
    total = add_terminal(buckets)
    assert total == {"completed": 4, "failed": 2, "duration_sum": 600, "duration_n": 4}
    assert mean_ms(total["duration_sum"], total["duration_n"]) == 150.0
    assert add_terminal([]) == {"completed": 0, "failed": 0, "duration_sum": 0,
                                "duration_n": 0}


@pytest.mark.parametrize(("total", "count", "mean"), [(0, 0, None), (10, 4, 2.0), (11, 2, 6.0)])
def test_mean_ms_is_whole_milliseconds(total, count, mean):
    assert mean_ms(total, count) == mean


def test_empty_bucket_is_zeros_with_a_null_duration():
    values = bucket_values(0, None, None, 0)
    assert {k: v for k, v in values.items() if k != "timestamp"} == {
        "tasks_completed": 0, "tasks_failed": 0, "avg_duration_ms": None, "cost": 0.0,
        "llm_call_count": 0, "error_count": 0, "throughput": 0, "total_tokens_in": 0,
        "total_tokens_out": 0}


def test_bucket_throughput_is_tasks_completed():
    values = bucket_values(0, {"completed": 3, "failed": 1, "duration_sum": 31,
                               "duration_n": 3}, None, 2)
    assert (values["throughput"], values["tasks_failed"], values["error_count"],
            values["avg_duration_ms"]) == (3, 1, 2, 10.0)


def test_every_focus_lists_only_known_fields():
    summary = set(summary_values(STARTS, TERMINAL, LLM, 0))
    bucket = set(bucket_values(0, None, None, 0)) - {"timestamp"}
    assert set(SUMMARY_FIELDS[None]) == summary
    assert set(BUCKET_FIELDS[None]) == bucket
    for metric in ("cost", "tokens", "tasks", "duration"):
        assert set(SUMMARY_FIELDS[metric]) < summary
        assert set(BUCKET_FIELDS[metric]) < bucket


ROW = {"agent_id": "a", "model": None, "call_count": 4, "cost": 1.0, "tokens_in": 8,
       "tokens_out": 2}


@pytest.mark.parametrize(
    ("metric", "group_by", "expected"),
    [
        ("cost", "agent", {"agent_id": "a", "call_count": 4, "tokens_in": 8, "tokens_out": 2,
                           "cost": 1.0, "avg_cost_per_call": 0.25}),
        ("cost", "model", {"model": None, "call_count": 4, "tokens_in": 8, "tokens_out": 2,
                           "cost": 1.0, "avg_cost_per_call": 0.25}),
        ("tokens", "agent_model", {"agent_id": "a", "model": None, "call_count": 4,
                                   "tokens_in": 8, "tokens_out": 2}),
    ],
)
def test_llm_group_keys_follow_group_by(metric, group_by, expected):
    assert llm_group(ROW, metric, group_by) == expected


def test_task_groups():
    row = {"agent_id": "a", "completed": 2, "failed": 1, "duration_sum": 199,
           "duration_n": 2}
    assert task_group(row, "tasks") == {"agent_id": "a", "tasks_completed": 2,
                                        "tasks_failed": 1}
    assert task_group(row, "duration") == {"agent_id": "a", "tasks_completed": 2,
                                           "avg_duration_ms": 100.0}


@pytest.mark.parametrize(
    ("metric", "groups", "order"),
    [
        ("cost", [{"agent_id": "b", "cost": 1.0}, {"agent_id": "a", "cost": 1.0},
                  {"agent_id": "c", "cost": 2.0}], ["c", "a", "b"]),
        ("tokens", [{"agent_id": "a", "tokens_in": 1, "tokens_out": 1},
                    {"agent_id": "b", "tokens_in": 0, "tokens_out": 5}], ["b", "a"]),
        ("tasks", [{"agent_id": "a", "tasks_completed": 1, "tasks_failed": 0},
                   {"agent_id": "b", "tasks_completed": 0, "tasks_failed": 2}], ["b", "a"]),
        ("duration", [{"agent_id": "a", "avg_duration_ms": None},
                      {"agent_id": "b", "avg_duration_ms": 5.0}], ["b", "a"]),
    ],
)
def test_groups_largest_first(metric, groups: list[dict[str, Any]], order):
    assert [g["agent_id"] for g in sorted(groups, key=lambda g: group_order(g, metric))] == order


def test_model_groups_put_null_model_after_named_ones():
    groups = [{"model": None, "cost": 1.0}, {"model": "x", "cost": 1.0}]
    ordered = sorted(groups, key=lambda g: group_order(g, "cost"))
    assert [g["model"] for g in ordered] == ["x", None]


@pytest.mark.parametrize(
    ("metric", "group_by", "parts"),
    [
        (None, None, {"llm", "starts", "task_buckets", "errors", "stuck"}),
        ("cost", None, {"llm", "starts"}),
        ("cost", "model", {"llm", "starts", "llm_groups"}),
        ("tokens", "agent", {"llm", "llm_groups"}),
        ("tasks", None, {"starts", "task_buckets", "errors", "stuck"}),
        ("tasks", "agent", {"starts", "task_buckets", "errors", "stuck", "task_groups"}),
        ("duration", "agent", {"starts", "task_buckets", "task_groups"}),
    ],
)
def test_a_metric_reads_only_what_it_shows(metric, group_by, parts):
    assert parts_for(metric, group_by) == parts
