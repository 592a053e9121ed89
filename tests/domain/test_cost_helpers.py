"""Pure helpers of the Cost Explorer (services/cost.py): tables of cases, no database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from hiveboard.errors import BadRequest
from hiveboard.services.cost import (
    MAX_SERIES_BUCKETS,
    auto_cost_interval,
    bucket_count,
    call_view,
    check_call_key,
    group_key,
    llm_calls_window,
    money,
    series_grid,
    series_rows,
)

T0 = datetime(2026, 2, 10, 13, 0, tzinfo=UTC)
MIN = 60_000
NOW = datetime(2026, 2, 10, 14, 0, tzinfo=UTC)


def row(**overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "event_id": "e1", "agent_id": "a", "task_id": None, "project_id": None,
        "timestamp": T0, "llm_model": "m", "llm_tokens_in": 10, "llm_tokens_out": 2,
        "llm_cost": 0.5, "duration_ms": None, "payload": None}
    base.update(overrides)
    return base


@pytest.mark.parametrize(
    ("payload", "event_duration", "expected"),
    [
        (None, None, {"call_name": None, "duration_ms": None, "prompt_preview": None,
                      "response_preview": None}),
        ({"kind": "llm_call", "data": {"name": "n", "duration_ms": 5, "prompt_preview": "p",
                                       "response_preview": "r"}}, 9,
         {"call_name": "n", "duration_ms": 5, "prompt_preview": "p", "response_preview": "r"}),
        ({"data": {"duration_ms": 5.0}}, 9, {"duration_ms": 5}),      # integral float
        ({"data": {"duration_ms": -1}}, 9, {"duration_ms": 9}),       # negative: event's own
        ({"data": {"duration_ms": "5"}}, 9, {"duration_ms": 9}),      # wrong type
        ({"data": {"duration_ms": True}}, None, {"duration_ms": None}),
        ({"data": {"name": 3, "prompt_preview": ["x"]}}, None,
         {"call_name": None, "prompt_preview": None}),
        ({"data": "not an object"}, 7, {"call_name": None, "duration_ms": 7}),
        ("not a payload", None, {"call_name": None}),
    ],
)
def test_call_view_extracts_payload_fields_or_null(payload, event_duration, expected):
    view = call_view(row(payload=payload, duration_ms=event_duration)).model_dump()
    assert {k: view[k] for k in expected} == expected
    assert (view["model"], view["tokens_in"], view["cost"]) == ("m", 10, 0.5)


@pytest.mark.parametrize(
    ("span", "interval"),
    [
        (timedelta(minutes=1), "5m"), (timedelta(hours=1), "5m"),
        (timedelta(hours=1, milliseconds=1), "15m"), (timedelta(hours=6), "15m"),
        (timedelta(hours=7), "1h"), (timedelta(hours=48), "1h"),
        (timedelta(hours=49), "1d"), (timedelta(days=365), "1d"),
    ],
)
def test_auto_cost_interval_by_span(span, interval):
    assert auto_cost_interval(span) == interval


@pytest.mark.parametrize(
    ("since", "until", "interval_s", "count"),
    [
        (0, 0, 300, 0),
        (0, 1, 300, 1),
        (0, 5 * MIN, 300, 1),
        (0, 5 * MIN + 1, 300, 2),
        (MIN, 5 * MIN + 1, 300, 2),     # starts inside the first bucket
        (4 * MIN, 6 * MIN, 300, 2),
        (0, 60 * MIN, 300, 12),
    ],
)
def test_bucket_count(since, until, interval_s, count):
    assert bucket_count(since, until, interval_s) == count


def test_series_grid_automatic_and_explicit():
    interval, starts = series_grid(T0, NOW, None)
    assert interval == "5m" and len(starts) == 12
    interval, starts = series_grid(T0, NOW, "15m")
    assert interval == "15m" and len(starts) == 4


def test_series_grid_rejects_an_explicit_interval_over_the_cap():
    since = NOW - timedelta(minutes=5 * MAX_SERIES_BUCKETS + 5)
    with pytest.raises(BadRequest) as err:
        series_grid(since, NOW, "5m")
    assert err.value.details == {"field": "interval", "location": "query",
                                 "reason": f"more than {MAX_SERIES_BUCKETS} buckets"}
    assert series_grid(NOW - timedelta(minutes=5 * MAX_SERIES_BUCKETS), NOW, "5m")[0] == "5m"


def test_series_grid_rejects_a_window_no_interval_can_cover():
    with pytest.raises(BadRequest) as err:
        series_grid(NOW - timedelta(days=MAX_SERIES_BUCKETS + 1), NOW, None)
    assert err.value.details is not None and err.value.details["field"] == "since"


def numbers(calls: int, cost: float) -> dict[str, Any]:
    return {"call_count": calls, "cost": cost, "tokens_in": calls, "tokens_out": 0}


def test_series_rows_zero_fill_unsplit_buckets():
    starts = [0, 300_000, 600_000]
    rows = [{"bucket": 300_000, "model": None, **numbers(2, 0.5)}]
    out = [(r.timestamp.minute, r.call_count, r.cost, r.model)
           for r in series_rows(starts, rows, split_by_model=False)]
    assert out == [(0, 0, 0.0, None), (5, 2, 0.5, None), (10, 0, 0.0, None)]


def test_series_rows_split_orders_by_bucket_then_cost_then_model():
    rows = [
        {"bucket": 300_000, "model": "b", **numbers(1, 0.1)},
        {"bucket": 0, "model": None, **numbers(1, 0.2)},
        {"bucket": 300_000, "model": None, **numbers(1, 0.1)},
        {"bucket": 300_000, "model": "a", **numbers(1, 0.1)},
        {"bucket": 300_000, "model": "z", **numbers(1, 0.9)},
    ]
    out = [(r.timestamp.minute, r.model) for r in series_rows([0, 300_000], rows, True)]
    assert out == [(0, None), (5, "z"), (5, "a"), (5, "b"), (5, None)]


def test_groups_sort_by_cost_then_agent_then_model_with_null_last():
    groups = [
        {"agent_id": "b", "model": None, "cost": 1.0},
        {"agent_id": "a", "model": None, "cost": 1.0},
        {"agent_id": "a", "model": "x", "cost": 1.0},
        {"agent_id": None, "model": "y", "cost": 2.0},
    ]
    ordered = [(g["agent_id"], g["model"]) for g in sorted(groups, key=group_key)]
    assert ordered == [(None, "y"), ("a", "x"), ("a", None), ("b", None)]


@pytest.mark.parametrize(
    ("sort", "key", "valid"),
    [
        ("newest", [1, 2], True), ("oldest", [1, 2], True),
        ("newest", [None, 2], False), ("newest", [1.5, 2], False), ("newest", ["1", 2], False),
        ("cost", [0.25, 2], True), ("cost", [1, 2], True), ("cost", [None, 2], True),
        ("cost", ["0.25", 2], False), ("cost", [True, 2], False),
        ("tokens", [10, 2], True), ("tokens", [None, 2], True), ("tokens", [1.5, 2], False),
        ("newest", [1, None], False), ("cost", [0.1, 2.0], False), ("tokens", [1, False], False),
        ("newest", [2**63, 1], False), ("tokens", [10, -2**63 - 1], False),
        ("cost", [float("nan"), 1], False), ("cost", [float("inf"), 1], False),
    ],
)
def test_cursor_keys_must_fit_the_sort(sort, key, valid):
    if valid:
        assert check_call_key(sort, key) == key
    else:
        with pytest.raises(BadRequest):
            check_call_key(sort, key)


@pytest.mark.parametrize(
    ("time_range", "since", "until", "expected"),
    [
        (None, None, None, (NOW - timedelta(hours=24), NOW)),
        ("1h", None, None, (NOW - timedelta(hours=1), NOW)),
        ("7d", "2020-01-01T00:00:00Z", "2020-01-02T00:00:00Z", (NOW - timedelta(days=7), NOW)),
        (None, "2026-02-10T10:00:00Z", None, (NOW - timedelta(hours=4), NOW)),
        (None, None, "2026-02-10T10:00:00Z",
         (NOW - timedelta(hours=28), NOW - timedelta(hours=4))),
        (None, "2026-02-01T00:00:00Z", "2026-02-02T00:00:00+01:00",
         (datetime(2026, 2, 1, tzinfo=UTC), datetime(2026, 2, 1, 23, tzinfo=UTC))),
    ],
)
def test_llm_calls_window_precedence(time_range, since, until, expected):
    assert llm_calls_window(time_range, since, until, now=NOW) == expected


def test_llm_calls_window_rejects_since_after_until():
    with pytest.raises(BadRequest):
        llm_calls_window(None, "2026-02-10T12:00:00Z", "2026-02-10T11:00:00Z", now=NOW)


@pytest.mark.parametrize(("value", "expected"), [
    (0.1 + 0.2, 0.3), (0.0, 0.0), (1e-9, 1e-9), (0.12345678901234, 0.123456789)])
def test_money_drops_float_noise_not_micro_dollars(value, expected):
    assert money(value) == pytest.approx(expected, abs=1e-12)
