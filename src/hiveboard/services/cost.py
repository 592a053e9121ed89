"""The Cost Explorer: LLM cost totals and groups, per-call pages and a cost time series.

Every number comes from :mod:`hiveboard.store.cost_queries`, which /v1/metrics reuses, so a
cost shown on the summary bar and in the explorer is the same sum of the same rows.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any, Final, Literal, cast

from hiveboard_contract.rest import (
    CostCallsPage,
    CostGroup,
    CostSummary,
    CostTimeseries,
    CostTimeseriesBucket,
    CostTotals,
    LlmCall,
    LlmCallsPage,
    Pagination,
    TimeRange,
)

from hiveboard.domain.payload_conventions import as_int, payload_data, str_field
from hiveboard.domain.principal import Principal
from hiveboard.domain.time_buckets import INTERVALS, bucket_starts, floor_to_bucket
from hiveboard.errors import BadRequest
from hiveboard.services.container import Services
from hiveboard.services.pagination import Page, decode_cursor, paginate
from hiveboard.services.params import range_span, time_window
from hiveboard.store import cost_queries
from hiveboard.store.cost_queries import ZERO_TOTALS, CallFilter
from hiveboard.store.types import from_millis, to_millis

DEFAULT_SPAN: Final = timedelta(hours=24)
MAX_SERIES_BUCKETS: Final = 1440
"""Spec decision "bucket count cap": bounded response size and query cost."""
COST_DECIMALS: Final = 10
"""Sums of float costs carry binary noise (0.1 + 0.2); ten decimals keep every real digit
of per-call prices (fractions of a micro-dollar) and drop the noise."""
COST_INTERVALS: Final = ("5m", "15m", "1h", "1d")
_AUTO_COST_INTERVAL: Final = ((3_600, "5m"), (21_600, "15m"), (172_800, "1h"))
"""Largest window (seconds) each automatic interval serves; longer windows get ``1d``."""
GroupBy = Literal["agent", "model", "agent_model"]
CostInterval = Literal["5m", "15m", "1h", "1d"]


# ---------------------------------------------------------------- pure helpers

def money(value: float) -> float:
    return round(value, COST_DECIMALS)


def group_key(group: Mapping[str, Any]) -> tuple[Any, ...]:
    """Most expensive first, then by agent id and model (a null model after named ones)."""
    return (-group["cost"], group["agent_id"] or "", group["model"] is None,
            group["model"] or "")


def cost_group(row: Mapping[str, Any]) -> CostGroup:
    calls = row["call_count"]
    return CostGroup(agent_id=row["agent_id"], model=row["model"], call_count=calls,
                     tokens_in=row["tokens_in"], tokens_out=row["tokens_out"],
                     cost=money(row["cost"]), avg_cost_per_call=money(row["cost"] / calls))


def cost_totals(numbers: Mapping[str, Any]) -> CostTotals:
    return CostTotals(cost=money(numbers["cost"]), call_count=numbers["call_count"],
                      tokens_in=numbers["tokens_in"], tokens_out=numbers["tokens_out"])


def call_view(row: Mapping[str, Any]) -> LlmCall:
    """One stored llm_call row as the contract's ``LlmCall``; odd payload values become null."""
    data = payload_data(row["payload"])
    latency = as_int(data.get("duration_ms"))
    return LlmCall(
        event_id=row["event_id"], agent_id=row["agent_id"], task_id=row["task_id"],
        project_id=row["project_id"], timestamp=row["timestamp"],
        call_name=str_field(data, "name"), model=row["llm_model"],
        tokens_in=row["llm_tokens_in"], tokens_out=row["llm_tokens_out"], cost=row["llm_cost"],
        duration_ms=latency if latency is not None and latency >= 0 else row["duration_ms"],
        prompt_preview=str_field(data, "prompt_preview"),
        response_preview=str_field(data, "response_preview"))


def auto_cost_interval(span: timedelta) -> str:
    """The interval of a cost series whose request names none: 12 to 48 points for common
    windows, one per day beyond two days."""
    seconds = span.total_seconds()
    for limit, key in _AUTO_COST_INTERVAL:
        if seconds <= limit:
            return key
    return "1d"


def bucket_count(since_ms: int, until_ms: int, interval_s: int) -> int:
    """How many epoch-aligned buckets overlap ``[since_ms, until_ms)``."""
    width = interval_s * 1000
    first = floor_to_bucket(since_ms, interval_s)
    return max(0, -(-(until_ms - first) // width))


def too_many_buckets(count: int, interval: str) -> BadRequest:
    return BadRequest(
        f"interval {interval} gives {count} buckets; at most {MAX_SERIES_BUCKETS} are "
        "allowed: choose a wider interval or a shorter window",
        details={"field": "interval", "location": "query",
                 "reason": f"more than {MAX_SERIES_BUCKETS} buckets"})


def series_grid(since: datetime, until: datetime, interval: str | None) -> tuple[str, list[int]]:
    """The interval and the bucket starts (epoch ms) of a cost series over the window.

    An explicit interval over the cap is 400; an automatic one widens until it fits.
    """
    since_ms, until_ms = to_millis(since), to_millis(until)
    if interval is None:
        candidates = COST_INTERVALS[COST_INTERVALS.index(auto_cost_interval(until - since)):]
        fitting = [k for k in candidates
                   if bucket_count(since_ms, until_ms, INTERVALS[k]) <= MAX_SERIES_BUCKETS]
        if not fitting:
            raise BadRequest(
                f"the window is longer than {MAX_SERIES_BUCKETS} days: narrow since/until",
                details={"field": "since", "location": "query",
                         "reason": f"more than {MAX_SERIES_BUCKETS} daily buckets"})
        interval = fitting[0]
    count = bucket_count(since_ms, until_ms, INTERVALS[interval])
    if count > MAX_SERIES_BUCKETS:
        raise too_many_buckets(count, interval)
    return interval, bucket_starts(since_ms, until_ms, INTERVALS[interval])


def series_rows(starts: Sequence[int], rows: Sequence[Mapping[str, Any]],
                split_by_model: bool) -> list[CostTimeseriesBucket]:
    """Buckets oldest first. Unsplit: every bucket, zeros where no call fell. Split: only
    (bucket, model) pairs that had calls, most expensive first within a bucket."""
    if split_by_model:
        ordered = sorted(rows, key=lambda r: (r["bucket"], -r["cost"], r["model"] is None,
                                              r["model"] or ""))
        return [_series_row(r["bucket"], r["model"], r) for r in ordered]
    found = {r["bucket"]: r for r in rows}
    return [_series_row(start, None, found.get(start, ZERO_TOTALS)) for start in starts]


def _series_row(start: int, model: str | None, n: Mapping[str, Any]) -> CostTimeseriesBucket:
    return CostTimeseriesBucket(timestamp=from_millis(start), model=model,
                                call_count=n["call_count"], tokens_in=n["tokens_in"],
                                tokens_out=n["tokens_out"], cost=money(n["cost"]))


def _bad_cursor() -> BadRequest:
    return BadRequest("cursor is not valid for this query: pass back a cursor exactly as "
                      "returned, with the same sort", details={
                          "field": "cursor", "location": "query",
                          "reason": "unrecognised cursor"})


def _is_int(value: Any) -> bool:
    """A JSON integer that fits the 64-bit columns it is compared with (``true`` decodes to
    a bool, which Python counts as an int)."""
    return isinstance(value, int) and not isinstance(value, bool) and -2**63 <= value < 2**63


def _is_number(value: Any) -> bool:
    return _is_int(value) or (isinstance(value, float) and math.isfinite(value))


def check_call_key(sort: str, key: list[Any] | None) -> list[Any] | None:
    """A decoded cursor key ``[sort value, seq]`` whose types fit the sort; 400 otherwise
    (a tampered value must never reach SQL as a wrong type)."""
    if key is None:
        return None
    value, seq = key
    if sort in ("newest", "oldest"):
        valid = _is_int(value)
    elif sort == "cost":
        valid = value is None or _is_number(value)
    else:
        valid = value is None or _is_int(value)
    if not (valid and _is_int(seq)):
        raise _bad_cursor()
    return key


def llm_calls_window(time_range: str | None, since: str | None, until: str | None, *,
                     now: datetime) -> tuple[datetime, datetime]:
    """``time_range`` ending now wins; else ``since``/``until``; else the last 24 hours."""
    if time_range is not None:
        return now - range_span(time_range), now
    return default_window(since, until, now=now)


def default_window(since: str | None, until: str | None, *,
                   now: datetime) -> tuple[datetime, datetime]:
    """``since``/``until`` with the Cost Explorer defaults: until now, 24 hours long."""
    start, end = time_window(since, until, now=now, default_span=DEFAULT_SPAN)
    assert start is not None
    assert end is not None
    return start, end


# ---------------------------------------------------------------- units of work

async def cost_summary(
    ctx: Services, principal: Principal, *, project_id: str | None = None,
    agent_id: str | None = None, environment: str | None = None, group_by: str = "agent",
    since: str | None = None, until: str | None = None,
) -> CostSummary:
    start, end = default_window(since, until, now=ctx.clock())
    f = CallFilter(workspace_id=principal.workspace_id, since=start, until=end,
                   agent_id=agent_id, environment=environment)
    numbers, rows = await ctx.db.read(cost_queries.summary, f, project_id, group_by)
    return CostSummary(range=TimeRange(since=start, until=end), group_by=cast(GroupBy, group_by),
                       totals=cost_totals(numbers),
                       groups=[cost_group(r) for r in sorted(rows, key=group_key)])


async def _calls(ctx: Services, f: CallFilter, project_ref: str | None, sort: str, limit: int,
                 cursor: str | None,
                 with_totals: bool) -> tuple[Page[dict[str, Any]], dict[str, Any]]:
    tag = f"llm_calls.{sort}"
    after = check_call_key(sort, decode_cursor(cursor, tag, 2))
    rows, numbers = await ctx.db.read(cost_queries.calls, f, project_ref, sort, after,
                                      limit + 1, with_totals)
    page = paginate(rows, limit, tag, lambda row: [row["sort_value"], row["seq"]])
    return page, numbers


async def list_cost_calls(
    ctx: Services, principal: Principal, *, project_id: str | None = None,
    agent_id: str | None = None, model: str | None = None, task_id: str | None = None,
    environment: str | None = None, since: str | None = None, until: str | None = None,
    sort: str = "newest", limit: int = 50, cursor: str | None = None,
) -> CostCallsPage:
    start, end = time_window(since, until, now=ctx.clock())
    f = CallFilter(workspace_id=principal.workspace_id, since=start, until=end,
                   agent_id=agent_id, environment=environment, model=model, task_id=task_id)
    page, _ = await _calls(ctx, f, project_id, sort, limit, cursor, with_totals=False)
    return CostCallsPage(data=[call_view(r) for r in page.items],
                         pagination=Pagination(**page.pagination()))


async def list_llm_calls(
    ctx: Services, principal: Principal, *, project_id: str | None = None,
    agent_id: str | None = None, model: str | None = None, task_id: str | None = None,
    environment: str | None = None, time_range: str | None = None, since: str | None = None,
    until: str | None = None, sort: str = "newest", limit: int = 50, cursor: str | None = None,
) -> LlmCallsPage:
    start, end = llm_calls_window(time_range, since, until, now=ctx.clock())
    f = CallFilter(workspace_id=principal.workspace_id, since=start, until=end,
                   agent_id=agent_id, environment=environment, model=model, task_id=task_id)
    page, numbers = await _calls(ctx, f, project_id, sort, limit, cursor, with_totals=True)
    return LlmCallsPage(range=TimeRange(since=start, until=end), totals=cost_totals(numbers),
                        data=[call_view(r) for r in page.items],
                        pagination=Pagination(**page.pagination()))


async def cost_timeseries(
    ctx: Services, principal: Principal, *, project_id: str | None = None,
    agent_id: str | None = None, environment: str | None = None, since: str | None = None,
    until: str | None = None, interval: str | None = None, split_by_model: bool = False,
) -> CostTimeseries:
    start, end = default_window(since, until, now=ctx.clock())
    interval, starts = series_grid(start, end, interval)
    f = CallFilter(workspace_id=principal.workspace_id, since=start, until=end,
                   agent_id=agent_id, environment=environment)
    rows = await ctx.db.read(cost_queries.series, f, project_id, INTERVALS[interval] * 1000,
                             split_by_model)
    return CostTimeseries(range=TimeRange(since=start, until=end),
                          interval=cast(CostInterval, interval),
                          buckets=series_rows(starts, rows, split_by_model))
