"""GET /v1/metrics over the fleet of test_cost plus these tasks (clock: 14:00Z, 2026-02-10):

    task  agent    project  started  terminal                     notes
    t1    agent-a  sales    13:05    completed 13:25 (20 000 ms)
    t3    agent-a  sales    13:30    -                            escalated 13:35
    t5    agent-a  sales    10:00    completed 10:30 (1 800 000)  outside the last hour
    t2    agent-b  support  13:40    failed 13:55 (15 000 ms)     action_failed 13:54
    t4    agent-c  -        12:30    -                            agent-c never heartbeats: stuck

agent-a and agent-b heartbeat at 13:58, so only agent-c is stuck. Last hour: 3 tasks started
(t1, t2, t3), 1 completed, 1 failed, 1 escalated, 1 stuck; LLM: 5 calls, cost 0.46.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.api.factories import batch, event
from tests.api.helpers import projects
from tests.api.test_cost import (
    GPT,
    HAIKU,
    SONNET,
    at,
    get,
    get_error,
    ingest,
    ingest_fleet,
    llm_call,
)
from tests.conftest import Keys, make_keys

ALL_SUMMARY = {"total_tasks", "completed", "failed", "escalated", "stuck", "success_rate",
               "avg_duration_ms", "total_cost", "avg_cost_per_task", "llm_call_count",
               "total_tokens_in", "total_tokens_out"}
ALL_BUCKET = {"timestamp", "tasks_completed", "tasks_failed", "avg_duration_ms", "cost",
              "llm_call_count", "error_count", "throughput", "total_tokens_in",
              "total_tokens_out"}


def task_event(event_type: str, task_id: str, timestamp: str, **fields: Any) -> dict[str, Any]:
    return event(event_type=event_type, task_id=task_id, timestamp=timestamp, severity=...,
                 **fields)


async def ingest_tasks(client: httpx.AsyncClient, keys: Keys) -> None:
    await ingest(client, keys, batch(
        event(timestamp=at("13:58:00")),
        task_event("task_started", "t1", at("13:05:00"), project_id="sales"),
        task_event("task_completed", "t1", at("13:25:00"), project_id="sales",
                   duration_ms=20_000),
        task_event("task_started", "t3", at("13:30:00"), project_id="sales"),
        task_event("escalated", "t3", at("13:35:00"), project_id="sales"),
        task_event("task_started", "t5", at("10:00:00"), project_id="sales"),
        task_event("task_completed", "t5", at("10:30:00"), project_id="sales",
                   duration_ms=1_800_000),
        agent_id="agent-a"))
    await ingest(client, keys, batch(
        event(timestamp=at("13:58:00")),
        task_event("task_started", "t2", at("13:40:00"), project_id="support"),
        task_event("action_started", "t2", at("13:41:00"), project_id="support",
                   action_id="act-1"),
        task_event("action_failed", "t2", at("13:54:00"), project_id="support",
                   action_id="act-1"),
        task_event("task_failed", "t2", at("13:55:00"), project_id="support",
                   duration_ms=15_000),
        agent_id="agent-b", environment="staging", group="support-team"))
    await ingest(client, keys, batch(task_event("task_started", "t4", at("12:30:00")),
                                     agent_id="agent-c"))


@pytest.fixture
async def fleet(client, api_keys) -> Keys:
    await ingest_fleet(client, api_keys)
    await ingest_tasks(client, api_keys)
    return api_keys


async def metrics(client: httpx.AsyncClient, keys: Keys, kind: str = "live",
                  **params: Any) -> dict[str, Any]:
    return await get(client, keys, "/v1/metrics", kind=kind, **params)


def by_time(body: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {b["timestamp"][11:16]: b for b in body["timeseries"]}


# ---------------------------------------------------------------- all metrics

async def test_summary_of_the_last_hour(client, fleet):
    body = await metrics(client, fleet)
    assert (body["range"], body["interval"], body["metric"], body["groups"]) == (
        "1h", "5m", None, None)
    assert body["summary"] == {
        "total_tasks": 3, "completed": 1, "failed": 1, "escalated": 1, "stuck": 1,
        "success_rate": 0.5, "avg_duration_ms": 20_000, "total_cost": pytest.approx(0.46),
        "avg_cost_per_task": pytest.approx(0.46 / 3), "llm_call_count": 5,
        "total_tokens_in": 1910, "total_tokens_out": 355}


async def test_timeseries_of_the_last_hour_is_zero_filled(client, fleet):
    body = await metrics(client, fleet)
    series = by_time(body)
    assert list(series) == [f"13:{m:02d}" for m in range(0, 60, 5)]
    assert all(set(b) == ALL_BUCKET for b in body["timeseries"])
    zero = {"tasks_completed": 0, "tasks_failed": 0, "avg_duration_ms": None, "cost": 0.0,
            "llm_call_count": 0, "error_count": 0, "throughput": 0, "total_tokens_in": 0,
            "total_tokens_out": 0}

    def b(ts: str, **values: Any) -> dict[str, Any]:
        return {"timestamp": f"2026-02-10T{ts}:00.000Z", **zero, **values}

    assert body["timeseries"] == [
        b("13:00"), b("13:05"),
        b("13:10", cost=0.30, llm_call_count=1, total_tokens_in=1000, total_tokens_out=200),
        b("13:15"),
        b("13:20", cost=0.05, llm_call_count=1, total_tokens_in=500, total_tokens_out=100),
        b("13:25", tasks_completed=1, throughput=1, avg_duration_ms=20_000),
        b("13:30", llm_call_count=1),  # c2: a call without cost or tokens
        b("13:35"), b("13:40"), b("13:45"),
        b("13:50", cost=0.10, llm_call_count=1, total_tokens_in=400, total_tokens_out=50,
          error_count=1),  # action_failed 13:54
        b("13:55", cost=0.01, llm_call_count=1, total_tokens_in=10, total_tokens_out=5,
          tasks_failed=1, error_count=1),  # task_failed 13:55, c1 at 13:59:59.999
    ]


async def test_24h_counts_earlier_tasks_and_averages_durations(client, fleet):
    body = await metrics(client, fleet, range="24h")
    s = body["summary"]
    assert (s["total_tasks"], s["completed"], s["failed"]) == (5, 2, 1)
    assert s["avg_duration_ms"] == (20_000 + 1_800_000) / 2
    assert s["success_rate"] == pytest.approx(0.667)
    assert (s["llm_call_count"], s["total_cost"]) == (7, pytest.approx(0.66))
    assert len(body["timeseries"]) == 24 and body["interval"] == "1h"
    assert by_time(body)["10:00"]["tasks_completed"] == 1


async def test_series_sums_match_the_summary(client, fleet):
    for range_ in ("1h", "24h", "7d"):
        body = await metrics(client, fleet, range=range_)
        s, series = body["summary"], body["timeseries"]
        assert sum(b["tasks_completed"] for b in series) == s["completed"]
        assert sum(b["tasks_failed"] for b in series) == s["failed"]
        assert sum(b["llm_call_count"] for b in series) == s["llm_call_count"]
        assert sum(b["cost"] for b in series) == pytest.approx(s["total_cost"])


async def test_metrics_and_cost_agree(client, fleet):
    for params in ({}, {"project_id": "sales"}, {"agent_id": "agent-b"},
                   {"environment": "production"}):
        cost = await get(client, fleet, "/v1/cost", **params)
        summary = (await metrics(client, fleet, range="24h", **params))["summary"]
        assert (summary["total_cost"], summary["llm_call_count"], summary["total_tokens_in"],
                summary["total_tokens_out"]) == (
            cost["totals"]["cost"], cost["totals"]["call_count"], cost["totals"]["tokens_in"],
            cost["totals"]["tokens_out"])
        grouped = await metrics(client, fleet, range="24h", metric="cost", group_by="agent",
                                **params)
        assert [(g["agent_id"], g["cost"], g["call_count"]) for g in grouped["groups"]] == [
            (g["agent_id"], g["cost"], g["call_count"]) for g in cost["groups"]]


# ---------------------------------------------------------------- metric focus (audit F10)

@pytest.mark.parametrize(
    ("metric", "summary", "bucket"),
    [
        ("cost", {"total_cost": pytest.approx(0.46), "avg_cost_per_task": pytest.approx(0.46 / 3),
                  "llm_call_count": 5, "total_tokens_in": 1910, "total_tokens_out": 355},
         {"cost", "llm_call_count"}),
        ("tokens", {"total_tokens_in": 1910, "total_tokens_out": 355, "llm_call_count": 5},
         {"total_tokens_in", "total_tokens_out", "llm_call_count"}),
        ("tasks", {"total_tasks": 3, "completed": 1, "failed": 1, "escalated": 1, "stuck": 1,
                   "success_rate": 0.5},
         {"tasks_completed", "tasks_failed", "error_count", "throughput"}),
        ("duration", {"total_tasks": 3, "avg_duration_ms": 20_000}, {"avg_duration_ms"}),
    ],
)
async def test_metric_focuses_summary_and_buckets(client, fleet, metric, summary, bucket):
    body = await metrics(client, fleet, metric=metric)
    assert body["metric"] == metric and body["groups"] is None
    assert body["summary"] == summary
    assert all(set(b) == {"timestamp", *bucket} for b in body["timeseries"])


async def test_without_metric_every_field_is_present(client, fleet):
    body = await metrics(client, fleet)
    assert set(body["summary"]) == ALL_SUMMARY


@pytest.mark.parametrize(
    ("params", "groups"),
    [
        ({"metric": "cost", "group_by": "agent"}, [
            {"agent_id": "agent-a", "cost": 0.35, "call_count": 2, "tokens_in": 1500,
             "tokens_out": 300, "avg_cost_per_call": 0.175},
            {"agent_id": "agent-b", "cost": 0.10, "call_count": 1, "tokens_in": 400,
             "tokens_out": 50, "avg_cost_per_call": 0.10},
            {"agent_id": "agent-c", "cost": 0.01, "call_count": 2, "tokens_in": 10,
             "tokens_out": 5, "avg_cost_per_call": 0.005}]),
        ({"metric": "cost", "group_by": "agent_model"}, [
            {"agent_id": "agent-a", "model": SONNET, "cost": 0.30, "call_count": 1,
             "tokens_in": 1000, "tokens_out": 200, "avg_cost_per_call": 0.30},
            {"agent_id": "agent-b", "model": SONNET, "cost": 0.10, "call_count": 1,
             "tokens_in": 400, "tokens_out": 50, "avg_cost_per_call": 0.10},
            {"agent_id": "agent-a", "model": HAIKU, "cost": 0.05, "call_count": 1,
             "tokens_in": 500, "tokens_out": 100, "avg_cost_per_call": 0.05},
            {"agent_id": "agent-c", "model": None, "cost": 0.01, "call_count": 1,
             "tokens_in": 10, "tokens_out": 5, "avg_cost_per_call": 0.01},
            {"agent_id": "agent-c", "model": HAIKU, "cost": 0.0, "call_count": 1,
             "tokens_in": 0, "tokens_out": 0, "avg_cost_per_call": 0.0}]),
        ({"metric": "tokens", "group_by": "model"}, [
            {"model": SONNET, "tokens_in": 1400, "tokens_out": 250, "call_count": 2},
            {"model": HAIKU, "tokens_in": 500, "tokens_out": 100, "call_count": 2},
            {"model": None, "tokens_in": 10, "tokens_out": 5, "call_count": 1}]),
        ({"metric": "tasks", "group_by": "agent"}, [
            {"agent_id": "agent-a", "tasks_completed": 1, "tasks_failed": 0},
            {"agent_id": "agent-b", "tasks_completed": 0, "tasks_failed": 1}]),
        ({"metric": "duration", "group_by": "agent"}, [
            {"agent_id": "agent-a", "tasks_completed": 1, "avg_duration_ms": 20_000}]),
        ({"metric": "duration", "group_by": "agent", "range": "24h"}, [
            {"agent_id": "agent-a", "tasks_completed": 2, "avg_duration_ms": 910_000}]),
        ({"metric": "tokens", "group_by": "agent", "range": "30d"}, [
            {"agent_id": "agent-b", "tokens_in": 10_699, "tokens_out": 1109, "call_count": 3},
            {"agent_id": "agent-a", "tokens_in": 2300, "tokens_out": 450, "call_count": 3},
            {"agent_id": "agent-c", "tokens_in": 10, "tokens_out": 5, "call_count": 2}]),
    ],
)
async def test_group_by_breaks_the_metric_down_largest_first(client, fleet, params, groups):
    body = await metrics(client, fleet, **params)
    assert body["groups"] == [{k: pytest.approx(v) if isinstance(v, float) else v
                               for k, v in g.items()} for g in groups]
    everything = await metrics(client, fleet, **{k: v for k, v in params.items()
                                                 if k != "group_by"})
    assert body["summary"] == everything["summary"]  # summary stays the workspace total


async def test_group_by_without_metric_is_400_with_the_reference_message(client, api_keys):
    body = await get_error(client, api_keys, "/v1/metrics", group_by="agent")
    assert body["message"] == (
        "group_by requires a metric parameter (one of: cost, tokens, tasks, duration).")
    assert body["details"]["field"] == "group_by"


@pytest.mark.parametrize(("metric", "group_by"), [("tasks", "model"), ("duration", "agent_model")])
async def test_model_grouping_needs_an_llm_metric(client, api_keys, metric, group_by):
    body = await get_error(client, api_keys, "/v1/metrics", metric=metric, group_by=group_by)
    assert body["details"]["field"] == "group_by"


# ---------------------------------------------------------------- range and interval

@pytest.mark.parametrize(
    ("range_", "interval", "buckets", "first"),
    [
        ("1h", "5m", 12, "2026-02-10T13:00:00.000Z"),
        ("6h", "15m", 24, "2026-02-10T08:00:00.000Z"),
        ("24h", "1h", 24, "2026-02-09T14:00:00.000Z"),
        ("7d", "6h", 29, "2026-02-03T12:00:00.000Z"),  # 6h buckets align to 00/06/12/18
        ("30d", "1d", 31, "2026-01-11T00:00:00.000Z"),
    ],
)
async def test_each_range_with_its_automatic_interval(client, api_keys, range_, interval,
                                                      buckets, first):
    body = await metrics(client, api_keys, range=range_)  # audit 2.7.5
    assert (body["range"], body["interval"]) == (range_, interval)
    assert len(body["timeseries"]) == buckets
    assert body["timeseries"][0]["timestamp"] == first


async def test_24h_at_1m_keeps_1440_buckets_when_now_is_not_on_a_minute(client, fleet, clock):
    clock.advance(30)  # 14:00:30: the window [14:00:30 yesterday, now) touches 1441 minutes
    body = await metrics(client, fleet, range="24h", interval="1m")
    assert len(body["timeseries"]) == 1440  # the partial oldest minute is left out
    assert body["timeseries"][0]["timestamp"] == "2026-02-09T14:01:00.000Z"
    assert body["timeseries"][-1]["timestamp"] == "2026-02-10T14:00:00.000Z"
    assert body["summary"]["llm_call_count"] == 7


async def test_explicit_interval(client, fleet):
    body = await metrics(client, fleet, range="6h", interval="1m")
    assert body["interval"] == "1m" and len(body["timeseries"]) == 360
    assert sum(b["llm_call_count"] for b in body["timeseries"]) == 7


async def test_a_range_not_on_a_bucket_boundary_spans_one_more_bucket(client, fleet, clock):
    clock.advance(11 * 60 + 30)  # 14:11:30: the window starts at 13:11:30
    body = await metrics(client, fleet)
    assert len(body["timeseries"]) == 13
    assert body["timeseries"][0]["timestamp"] == "2026-02-10T13:10:00.000Z"
    assert body["timeseries"][-1]["timestamp"] == "2026-02-10T14:10:00.000Z"
    assert body["summary"]["llm_call_count"] == 4  # a1 at 13:10 fell out
    assert by_time(body)["13:10"]["llm_call_count"] == 0


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"range": "2h"}, "range"),
        ({"interval": "2m"}, "interval"),
        ({"metric": "latency"}, "metric"),
        ({"group_by": "project", "metric": "cost"}, "group_by"),
        ({"range": "30d", "interval": "1m"}, "interval"),
        ({"range": "7d", "interval": "5m"}, "interval"),
    ],
)
async def test_bad_range_interval_metric_are_400(client, api_keys, params, field):
    body = await get_error(client, api_keys, "/v1/metrics", **params)
    assert field in str(body)


# ---------------------------------------------------------------- scoping and isolation

@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"project_id": "sales"}, {"total_tasks": 2, "completed": 1, "failed": 0,
                                   "escalated": 1, "stuck": 0, "llm_call_count": 2}),
        ({"agent_id": "agent-c"}, {"total_tasks": 0, "completed": 0, "failed": 0,
                                   "escalated": 0, "stuck": 1, "llm_call_count": 2}),
        ({"environment": "staging"}, {"total_tasks": 1, "completed": 0, "failed": 1,
                                      "escalated": 0, "stuck": 0, "llm_call_count": 1}),
        ({"group": "support-team"}, {"total_tasks": 1, "completed": 0, "failed": 1,
                                     "escalated": 0, "stuck": 0, "llm_call_count": 1}),
        ({"group": "default"}, {"total_tasks": 2, "completed": 1, "failed": 0,
                                "escalated": 1, "stuck": 1, "llm_call_count": 4}),
    ],
)
async def test_filters_scope_tasks_and_calls(client, fleet, params, expected):
    summary = (await metrics(client, fleet, **params))["summary"]
    assert {k: summary[k] for k in expected} == expected


async def test_project_by_id_and_unknown_project(client, fleet, database):
    sales = next(p["project_id"] for p in projects(database) if p["slug"] == "sales")
    by_id = await metrics(client, fleet, project_id=sales)
    by_slug = await metrics(client, fleet, project_id="sales")
    assert by_id == by_slug
    unknown = await metrics(client, fleet, project_id="nope")
    assert unknown["summary"] == {
        "total_tasks": 0, "completed": 0, "failed": 0, "escalated": 0, "stuck": 0,
        "success_rate": None, "avg_duration_ms": None, "total_cost": 0.0,
        "avg_cost_per_task": None, "llm_call_count": 0, "total_tokens_in": 0,
        "total_tokens_out": 0}
    assert len(unknown["timeseries"]) == 12
    assert all(b["llm_call_count"] == 0 and b["tasks_completed"] == 0
               for b in unknown["timeseries"])


async def test_stuck_ends_when_the_agent_heartbeats(client, fleet):
    await ingest(client, fleet, batch(event(timestamp=at("13:59:00")), agent_id="agent-c"))
    assert (await metrics(client, fleet))["summary"]["stuck"] == 0


async def test_test_key_and_live_key_metrics_are_isolated(client, fleet):
    await ingest(client, fleet, batch(
        task_event("task_started", "tt", at("13:10:00")),
        task_event("task_completed", "tt", at("13:20:00")),
        llm_call("tl", at("13:15:00"), model=GPT, cost=3.0, tokens_in=1, tokens_out=1),
        agent_id="agent-a"), kind="test")
    live = (await metrics(client, fleet))["summary"]
    read = (await metrics(client, fleet, kind="read"))["summary"]
    test = (await metrics(client, fleet, kind="test"))["summary"]
    assert live == read
    assert (live["total_tasks"], live["llm_call_count"]) == (3, 5)
    assert (test["total_tasks"], test["completed"], test["llm_call_count"],
            test["total_cost"]) == (1, 1, 1, 3.0)
    assert test["stuck"] == 0  # live agent-c is not the test namespace's


async def test_another_tenants_data_is_invisible(client, fleet, database):
    other = make_keys(database, "other")
    await ingest(client, other, batch(
        task_event("task_started", "t1", at("13:10:00"), project_id="sales"),
        task_event("task_failed", "t1", at("13:20:00"), project_id="sales"),
        llm_call("o1", at("13:15:00"), model=GPT, cost=3.0), agent_id="agent-a"))
    mine = (await metrics(client, fleet))["summary"]
    theirs = (await metrics(client, other))["summary"]
    assert (mine["failed"], mine["llm_call_count"], mine["total_cost"]) == (
        1, 5, pytest.approx(0.46))
    assert (theirs["total_tasks"], theirs["failed"], theirs["completed"],
            theirs["llm_call_count"], theirs["stuck"]) == (1, 1, 0, 1, 0)
