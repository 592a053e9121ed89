from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import pairwise

import pytest

from hiveboard.domain.agent_stats import (
    MAX_SERIES_BUCKETS,
    FinishedTasks,
    LlmUsage,
    agent_sort_key,
    clamp_bucket,
    one_per_bucket,
    ratio,
    series_grid,
)

T0 = datetime(2026, 2, 10, 14, 0, tzinfo=UTC)
T0_MS = int(T0.timestamp() * 1000)
MIN_MS = 60_000


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [(0, 0, None), (3, 0, None), (0, 4, 0.0), (1, 4, 0.25), (4, 4, 1.0), (2.5, 5, 0.5)],
)
def test_ratio(part: float, whole: float, expected: float | None) -> None:
    assert ratio(part, whole) == expected


@pytest.mark.parametrize(
    ("tasks", "success", "error", "avg"),
    [
        (FinishedTasks(), None, None, None),
        (FinishedTasks(completed=3, failed=1, duration_sum_ms=300, duration_count=3),
         0.75, 0.25, 100.0),
        (FinishedTasks(failed=2), 0.0, 1.0, None),
        # A completed task without a known duration counts, but not in the mean.
        (FinishedTasks(completed=2, duration_sum_ms=50, duration_count=1), 1.0, 0.0, 50.0),
    ],
)
def test_finished_task_rates(tasks: FinishedTasks, success: float | None, error: float | None,
                             avg: float | None) -> None:
    assert (tasks.success_rate, tasks.error_rate, tasks.avg_duration_ms) == (success, error, avg)
    assert tasks.finished == tasks.completed + tasks.failed


def test_finished_tasks_add_field_by_field() -> None:
    parts = [FinishedTasks(1, 0, 10, 1), FinishedTasks(0, 2, 0, 0), FinishedTasks(3, 1, 90, 2)]
    assert sum(parts, FinishedTasks()) == FinishedTasks(4, 3, 100, 3)


@pytest.mark.parametrize(
    ("usage", "total_cost"),
    [
        (LlmUsage(), None),
        (LlmUsage(calls=3), None),  # calls without a reported cost: unknown, not zero
        (LlmUsage(calls=2, cost_sum=0.0, costed=1), 0.0),
        (LlmUsage(calls=2, cost_sum=0.5, costed=2), 0.5),
    ],
)
def test_llm_total_cost_is_null_only_when_no_call_reported_one(
        usage: LlmUsage, total_cost: float | None) -> None:
    assert usage.total_cost == total_cost


def test_llm_usage_adds() -> None:
    assert LlmUsage(1, 0.25, 1) + LlmUsage(2, 0.5, 1) == LlmUsage(3, 0.75, 2)


@pytest.mark.parametrize(
    ("bucket", "count", "index"),
    [(0, 12, 0), (5, 12, 5), (11, 12, 11), (12, 12, 11), (40, 12, 11), (-1, 12, 0), (0, 1, 0)],
)
def test_clamp_bucket(bucket: int, count: int, index: int) -> None:
    assert clamp_bucket(bucket, count) == index


def test_clamp_bucket_needs_a_grid() -> None:
    with pytest.raises(ValueError, match="at least one bucket"):
        clamp_bucket(0, 0)


@pytest.mark.parametrize(
    ("now_ms", "range_s", "interval_s", "first_ms", "count"),
    [
        # Aligned "now": the range plus the (empty, current) bucket that starts now.
        (T0_MS, 3_600, 300, T0_MS - 60 * MIN_MS, 13),
        # Unaligned: the first bucket starts before now - range, the last one holds now.
        (T0_MS + 2 * MIN_MS, 3_600, 300, T0_MS - 60 * MIN_MS, 13),
        (T0_MS + 30 * MIN_MS, 86_400, 3_600, T0_MS - 24 * 60 * MIN_MS, 25),
        # 6h buckets are aligned to 00:00, 06:00, 12:00 and 18:00 UTC.
        (T0_MS, 21_600, 21_600, T0_MS - 8 * 60 * MIN_MS, 2),
        # More intervals than the range holds: one bucket, the one holding now.
        (T0_MS + 3 * 3_600_000, 3_600, 86_400, T0_MS - 14 * 60 * MIN_MS, 1),
    ],
)
def test_series_grid(now_ms: int, range_s: int, interval_s: int, first_ms: int,
                     count: int) -> None:
    starts = series_grid(now_ms, range_s, interval_s)
    assert starts[0] == first_ms and len(starts) == count
    assert all(b - a == interval_s * 1000 for a, b in pairwise(starts))
    assert starts[0] <= now_ms - range_s * 1000 or count == 1
    assert starts[-1] <= now_ms < starts[-1] + interval_s * 1000


def test_series_grid_caps_at_the_contract_limit() -> None:
    # 24h at 1m is allowed (1440 intervals); alignment would add a 1441st, partial bucket.
    starts = series_grid(T0_MS + 30_000, 86_400, 60)
    assert len(starts) == MAX_SERIES_BUCKETS
    assert starts[-1] == T0_MS
    with pytest.raises(ValueError, match="more than 1440 buckets"):
        series_grid(T0_MS, 604_800, 60)


def test_one_per_bucket_keeps_the_newest_of_each_hour_newest_first() -> None:
    def at(minutes: float) -> datetime:
        return T0 + timedelta(minutes=minutes)

    items = [(at(5), "a"), (at(50), "b"), (at(20), "c"), (at(61), "d"), (at(-1), "e"),
             (at(50), "b2"), (at(119), "f")]
    # 14:xx → latest is b2 (same instant as b, later in input); 15:xx → f; 13:xx → e.
    assert one_per_bucket(items, 3600, 10) == ["f", "b2", "e"]
    assert one_per_bucket(items, 3600, 2) == ["f", "b2"]
    assert one_per_bucket([], 3600, 24) == []


@pytest.mark.parametrize(
    ("sort", "rows", "ordered"),
    [
        ("attention",
         [("idle", 9, "a"), ("stuck", 1, "b"), ("error", 5, "c"), ("error", 7, "d"),
          ("waiting_approval", 1, "e"), ("processing", 1, "f"), ("stuck", 1, "a0")],
         ["a0", "b", "d", "c", "e", "f", "a"]),
        ("name", [("idle", 1, "b"), ("stuck", 9, "a"), ("error", 5, "c")], ["a", "b", "c"]),
        ("last_seen", [("idle", 1, "b"), ("stuck", 9, "a"), ("error", 9, "0")], ["0", "a", "b"]),
    ],
)
def test_agent_sort_key(sort: str, rows: list[tuple[str, int, str]], ordered: list[str]) -> None:
    keyed = sorted(rows, key=lambda r: agent_sort_key(sort, status=r[0], last_seen_ms=r[1],
                                                       agent_id=r[2]))
    assert [r[2] for r in keyed] == ordered


def test_agent_sort_key_rejects_unknown_sort() -> None:
    with pytest.raises(ValueError, match="unknown agent sort"):
        agent_sort_key("newest", status="idle", last_seen_ms=0, agent_id="a")
