"""Workspace metrics for the summary bar and sparklines (API spec §4.6).

LLM numbers are read through the same store functions as /v1/cost (consistent numbers from
the same aggregation); task numbers come from the ``tasks`` rollup; ``stuck`` is "now", from
the agents' health, whatever the range.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final, Literal, cast

from hiveboard_contract.rest import MetricsBucket, MetricsGroup, MetricsResponse, MetricsSummary

from hiveboard.domain.principal import Principal
from hiveboard.domain.time_buckets import INTERVALS, RANGES, auto_interval, bucket_starts
from hiveboard.errors import BadRequest
from hiveboard.services.container import Services
from hiveboard.services.cost import MAX_SERIES_BUCKETS, money
from hiveboard.services.views import agent_health
from hiveboard.store import metrics_queries
from hiveboard.store.cost_queries import ZERO_TOTALS
from hiveboard.store.metrics_queries import MetricsQuery, MetricsRead, Scope
from hiveboard.store.types import from_millis, to_millis

SUMMARY_FIELDS: Final[Mapping[str | None, tuple[str, ...]]] = {
    None: ("total_tasks", "completed", "failed", "escalated", "stuck", "success_rate",
           "avg_duration_ms", "total_cost", "avg_cost_per_task", "llm_call_count",
           "total_tokens_in", "total_tokens_out"),
    "cost": ("total_cost", "avg_cost_per_task", "llm_call_count", "total_tokens_in",
             "total_tokens_out"),
    "tokens": ("total_tokens_in", "total_tokens_out", "llm_call_count"),
    "tasks": ("total_tasks", "completed", "failed", "escalated", "stuck", "success_rate"),
    "duration": ("total_tasks", "avg_duration_ms"),
}
BUCKET_FIELDS: Final[Mapping[str | None, tuple[str, ...]]] = {
    None: ("tasks_completed", "tasks_failed", "avg_duration_ms", "cost", "llm_call_count",
           "error_count", "throughput", "total_tokens_in", "total_tokens_out"),
    "cost": ("cost", "llm_call_count"),
    "tokens": ("total_tokens_in", "total_tokens_out", "llm_call_count"),
    "tasks": ("tasks_completed", "tasks_failed", "error_count", "throughput"),
    "duration": ("avg_duration_ms",),
}
GROUPINGS: Final[Mapping[str, frozenset[str]]] = {
    "cost": frozenset({"agent", "model", "agent_model"}),
    "tokens": frozenset({"agent", "model", "agent_model"}),
    "tasks": frozenset({"agent"}),
    "duration": frozenset({"agent"}),
}
"""Which ``group_by`` each metric supports: tasks and durations have no model."""

NO_TERMINAL: Final[Mapping[str, int]] = {"completed": 0, "failed": 0, "duration_sum": 0,
                                         "duration_n": 0}

RangeKey = Literal["1h", "6h", "24h", "7d", "30d"]
IntervalKey = Literal["1m", "5m", "15m", "1h", "6h", "1d"]
MetricKey = Literal["cost", "tokens", "tasks", "duration"]


# ---------------------------------------------------------------- pure helpers

def check_grouping(metric: str | None, group_by: str | None) -> None:
    if group_by is None:
        return
    if metric is None:
        raise BadRequest(
            "group_by requires a metric parameter (one of: cost, tokens, tasks, duration).",
            details={"field": "group_by", "location": "query", "reason": "requires metric"})
    if group_by not in GROUPINGS[metric]:
        raise BadRequest(
            f"group_by={group_by} needs metric=cost or metric=tokens: only LLM calls have a "
            "model", details={"field": "group_by", "location": "query",
                              "reason": f"not available for metric {metric}"})


def metrics_interval(range_key: str, interval: str | None) -> str:
    """The requested interval, or the range's default; 400 when the range holds more than
    the cap of whole intervals."""
    interval = interval or auto_interval(range_key)
    whole = -(-RANGES[range_key] // INTERVALS[interval])
    if whole > MAX_SERIES_BUCKETS:
        raise BadRequest(
            f"range {range_key} at interval {interval} gives {whole} buckets; at most "
            f"{MAX_SERIES_BUCKETS} are allowed: choose a wider interval or a shorter range",
            details={"field": "interval", "location": "query",
                     "reason": f"more than {MAX_SERIES_BUCKETS} buckets"})
    return interval


def metrics_grid(since_ms: int, until_ms: int, interval: str) -> list[int]:
    """Epoch-aligned bucket starts over the window, oldest first. Alignment makes the oldest
    bucket partial and can add one past the cap (24h at 1m when now is not on a minute):
    that partial oldest bucket is then left out rather than refusing the request."""
    return bucket_starts(since_ms, until_ms, INTERVALS[interval])[-MAX_SERIES_BUCKETS:]


def success_rate(completed: int, failed: int) -> float | None:
    finished = completed + failed
    return None if finished == 0 else round(completed / finished, 3)


def mean_ms(total: int, count: int) -> float | None:
    """A mean duration in whole milliseconds; None when nothing was measured."""
    return None if count == 0 else float(round(total / count))


def add_terminal(rows: Iterable[Mapping[str, int]]) -> dict[str, int]:
    """Sum per-bucket terminal measures into the window's (counts and duration sums add)."""
    out = dict(NO_TERMINAL)
    for row in rows:
        for name in out:
            out[name] += row[name]
    return out


def summary_values(starts: Mapping[str, int], terminal: Mapping[str, int],
                   llm: Mapping[str, Any], stuck: int) -> dict[str, Any]:
    total = starts["total_tasks"]
    return {
        "total_tasks": total, "completed": terminal["completed"],
        "failed": terminal["failed"], "escalated": starts["escalated"], "stuck": stuck,
        "success_rate": success_rate(terminal["completed"], terminal["failed"]),
        "avg_duration_ms": mean_ms(terminal["duration_sum"], terminal["duration_n"]),
        "total_cost": money(llm["cost"]),
        "avg_cost_per_task": money(llm["cost"] / total) if total else None,
        "llm_call_count": llm["call_count"], "total_tokens_in": llm["tokens_in"],
        "total_tokens_out": llm["tokens_out"],
    }


def bucket_values(start: int, tasks: Mapping[str, int] | None, llm: Mapping[str, Any] | None,
                  errors: int) -> dict[str, Any]:
    tasks = tasks or NO_TERMINAL
    llm = llm or ZERO_TOTALS
    return {
        "timestamp": from_millis(start), "tasks_completed": tasks["completed"],
        "tasks_failed": tasks["failed"],
        "avg_duration_ms": mean_ms(tasks["duration_sum"], tasks["duration_n"]),
        "cost": money(llm["cost"]), "llm_call_count": llm["call_count"],
        "error_count": errors, "throughput": tasks["completed"],
        "total_tokens_in": llm["tokens_in"], "total_tokens_out": llm["tokens_out"],
    }


def focus(values: Mapping[str, Any], names: Sequence[str]) -> dict[str, Any]:
    return {name: values[name] for name in names}


def llm_group(row: Mapping[str, Any], metric: str, group_by: str) -> dict[str, Any]:
    keys = {"agent": ("agent_id",), "model": ("model",), "agent_model": ("agent_id", "model")}
    out = {name: row[name] for name in keys[group_by]}
    out.update(call_count=row["call_count"], tokens_in=row["tokens_in"],
               tokens_out=row["tokens_out"])
    if metric == "cost":
        out.update(cost=money(row["cost"]),
                   avg_cost_per_call=money(row["cost"] / row["call_count"]))
    return out


def task_group(row: Mapping[str, Any], metric: str) -> dict[str, Any]:
    if metric == "duration":
        return {"agent_id": row["agent_id"], "tasks_completed": row["completed"],
                "avg_duration_ms": mean_ms(row["duration_sum"], row["duration_n"])}
    return {"agent_id": row["agent_id"], "tasks_completed": row["completed"],
            "tasks_failed": row["failed"]}


def group_order(group: Mapping[str, Any], metric: str) -> tuple[Any, ...]:
    """Largest first by the metric's measure; ties by agent id, then model (null last)."""
    if metric == "cost":
        size: float = group["cost"]
    elif metric == "tokens":
        size = group["tokens_in"] + group["tokens_out"]
    elif metric == "tasks":
        size = group["tasks_completed"] + group["tasks_failed"]
    else:
        size = group["avg_duration_ms"] or 0.0
    model = group.get("model")
    return (-size, group.get("agent_id") or "", model is None, model or "")


def parts_for(metric: str | None, group_by: str | None) -> frozenset[str]:
    """What to read for a metric: only the sources its fields come from."""
    parts: set[str] = set()
    if metric in (None, "cost", "tokens"):
        parts.add("llm")
    if metric in (None, "cost", "tasks", "duration"):
        parts.add("starts")  # cost needs total_tasks for avg_cost_per_task
    if metric in (None, "tasks", "duration"):
        parts.add("task_buckets")
    if metric in (None, "tasks"):
        parts |= {"errors", "stuck"}
    if group_by is not None:
        parts.add("llm_groups" if metric in ("cost", "tokens") else "task_groups")
    return frozenset(parts)


def assemble(read: MetricsRead, metric: str | None, group_by: str | None,
             starts: Sequence[int]) -> dict[str, Any]:
    """The response's summary, series and groups (plain dicts) from what was read."""
    terminal = add_terminal(read.task_buckets)
    summary = focus(summary_values(read.starts, terminal, read.llm, read.stuck),
                    SUMMARY_FIELDS[metric])
    llm = {r["bucket"]: r for r in read.llm_buckets}
    tasks = {r["bucket"]: r for r in read.task_buckets}
    series = [focus(bucket_values(s, tasks.get(s), llm.get(s), read.error_buckets.get(s, 0)),
                    ("timestamp", *BUCKET_FIELDS[metric])) for s in starts]
    groups = None
    if group_by is not None and metric is not None:
        built = [llm_group(r, metric, group_by) if metric in ("cost", "tokens")
                 else task_group(r, metric) for r in read.groups]
        if metric == "duration":
            built = [g for g in built if g["tasks_completed"] > 0]
        groups = sorted(built, key=lambda g: group_order(g, metric))
    return {"summary": summary, "timeseries": series, "groups": groups}


# ---------------------------------------------------------------- the unit of work

async def get_metrics(
    ctx: Services, principal: Principal, *, project_id: str | None = None,
    agent_id: str | None = None, environment: str | None = None, group: str | None = None,
    range_: str = "1h", interval: str | None = None, metric: str | None = None,
    group_by: str | None = None,
) -> MetricsResponse:
    check_grouping(metric, group_by)
    interval = metrics_interval(range_, interval)
    now = ctx.clock()
    until_ms = to_millis(now)
    since_ms = until_ms - RANGES[range_] * 1000
    query = MetricsQuery(
        scope=Scope(workspace_id=principal.workspace_id, agent_id=agent_id,
                    environment=environment, group=group),
        project_ref=project_id, since=from_millis(since_ms), until=from_millis(until_ms),
        width_ms=INTERVALS[interval] * 1000, parts=parts_for(metric, group_by),
        group_by=group_by)
    threshold = ctx.settings.default_stuck_threshold_seconds

    def is_stuck(agent: Mapping[str, Any]) -> bool:
        return agent_health(agent, now=now, default_threshold=threshold)[0].is_stuck

    read = await ctx.db.read(metrics_queries.read_metrics, query, is_stuck)
    parts = assemble(read, metric, group_by, metrics_grid(since_ms, until_ms, interval))
    return MetricsResponse(
        range=cast(RangeKey, range_), interval=cast(IntervalKey, interval),
        metric=cast(MetricKey | None, metric), summary=MetricsSummary(**parts["summary"]),
        timeseries=[MetricsBucket(**b) for b in parts["timeseries"]],
        groups=None if parts["groups"] is None else [MetricsGroup(**g) for g in parts["groups"]])
