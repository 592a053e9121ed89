"""Agents: the fleet list and one agent's detail (API spec §4.1, §4.2; data model §5.1, §5.7).

Health (status, liveness) always comes from the agent's profile row and is global; with a
project filter only the stats (tasks, LLM calls) are narrowed to the project (data model §5.1).

The list filters and sorts in Python after one query for the workspace's agents, because
status depends on "now" and cannot be indexed. Its cursor holds the sort key of the last row,
so pages never repeat or skip an agent while the fleet's state is unchanged; an agent whose
status or ``last_seen`` changes between two page requests can move across the cursor (the
attention order is live, not a snapshot).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from hiveboard_contract.rest import AgentDetail, AgentsPage, AgentSummary

from hiveboard.domain import payload_values as pv
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
from hiveboard.domain.agent_status import AgentHealth
from hiveboard.domain.payload_conventions import payload_summary
from hiveboard.domain.principal import Principal
from hiveboard.domain.time_buckets import auto_interval, parse_interval, parse_range
from hiveboard.errors import BadRequest, NotFound
from hiveboard.services.container import Services
from hiveboard.services.pagination import decode_cursor, paginate
from hiveboard.services.params import range_span
from hiveboard.services.views import agent_health
from hiveboard.store import agent_queries
from hiveboard.store.agent_queries import (
    AgentFilter,
    Buckets,
    CardRows,
    CardWindow,
    DetailRows,
    DetailWindow,
)
from hiveboard.store.types import from_millis, to_millis

HOUR = timedelta(hours=1)
SPARKLINE_BUCKETS = 12
SPARKLINE_WIDTH_MS = 300_000
ISSUE_WINDOW = timedelta(days=7)
"""Issues are re-reported while they persist; one silent for a week has aged out. The card's
``issue_count`` and the pipeline's ``issues`` use the same window so they always agree."""
_KEY_TYPES: dict[str, tuple[type, ...]] = {
    "attention": (int, int, str), "name": (str,), "last_seen": (int, str)}


@dataclass(frozen=True, slots=True)
class Ranked:
    """An agent row with its health as of the request's "now"."""

    agent: dict[str, Any]
    health: AgentHealth
    threshold: int


@dataclass(slots=True)
class Cards:
    """Everything an agent card shows beyond its profile row, for one page of agents."""

    projects: dict[str, list[str]]
    depths: dict[str, Any]
    issues: dict[str, int]
    sparklines: dict[str, list[FinishedTasks]]
    llm: dict[str, LlmUsage]


EMPTY_CARDS = Cards(projects={}, depths={}, issues={}, sparklines={}, llm={})


def rank(agent: dict[str, Any], ctx: Services, now: datetime) -> Ranked:
    health, threshold = agent_health(
        agent, now=now, default_threshold=ctx.settings.default_stuck_threshold_seconds)
    return Ranked(agent=agent, health=health, threshold=threshold)


def finished_per_bucket(rows: Sequence[Any], count: int) -> dict[str, list[FinishedTasks]]:
    grids: dict[str, list[FinishedTasks]] = defaultdict(lambda: [FinishedTasks()] * count)
    for row in rows:
        grid = grids[row.agent_id]
        index = clamp_bucket(int(row.bucket), count)
        grid[index] = grid[index] + FinishedTasks(
            completed=int(row.completed), failed=int(row.failed),
            duration_sum_ms=int(row.duration_sum), duration_count=int(row.duration_count))
    return grids


def usage_per_bucket(rows: Sequence[Any], count: int) -> dict[str, list[LlmUsage]]:
    grids: dict[str, list[LlmUsage]] = defaultdict(lambda: [LlmUsage()] * count)
    for row in rows:
        grid = grids[row.agent_id]
        index = clamp_bucket(int(row.bucket), count)
        grid[index] = grid[index] + LlmUsage(calls=int(row.calls), cost_sum=float(row.cost or 0),
                                             costed=int(row.costed))
    return grids


def card_window(now: datetime) -> CardWindow:
    since = now - HOUR
    return CardWindow(since=since, issues_since=now - ISSUE_WINDOW,
                      sparkline=Buckets(origin_ms=to_millis(since), width_ms=SPARKLINE_WIDTH_MS))


def cards_from(rows: CardRows) -> Cards:
    return Cards(
        projects=rows.memberships, depths=rows.depths, issues=rows.issues,
        sparklines=finished_per_bucket(rows.finished, SPARKLINE_BUCKETS),
        llm={agent_id: usage[0] for agent_id, usage in usage_per_bucket(rows.llm, 1).items()},
    )


def summary_fields(ranked: Ranked, cards: Cards) -> dict[str, Any]:
    agent, health = ranked.agent, ranked.health
    agent_id = agent["agent_id"]
    buckets = cards.sparklines.get(agent_id) or [FinishedTasks()] * SPARKLINE_BUCKETS
    hour = sum(buckets, FinishedTasks())
    usage = cards.llm.get(agent_id, LlmUsage())
    return {
        **{name: agent[name] for name in (
            "agent_id", "agent_type", "agent_version", "framework", "runtime", "environment",
            "group", "last_heartbeat", "first_seen", "last_seen")},
        "status": health.status,
        "derived_status": health.status,
        # The last task is "current" only while open: a finished or escalated task is history.
        "current_task_id": None if agent["last_task_closed"] else agent["last_task_id"],
        "current_project_id": agent["last_project_id"],
        "heartbeat_age_seconds": health.heartbeat_age_seconds,
        "is_stuck": health.is_stuck,
        "stuck_threshold_seconds": ranked.threshold,
        "projects": cards.projects.get(agent_id, []),
        "queue_depth": pv.count(cards.depths.get(agent_id)),
        "issue_count": cards.issues.get(agent_id, 0),
        "stats_1h": {
            "tasks_completed": hour.completed, "tasks_failed": hour.failed,
            "success_rate": hour.success_rate, "avg_duration_ms": hour.avg_duration_ms,
            "total_cost": usage.total_cost, "llm_call_count": usage.calls,
            "throughput": hour.completed,
        },
        "sparkline_1h": [bucket.finished for bucket in buckets],
    }


def cursor_key(cursor: str | None, sort: str) -> tuple[Any, ...] | None:
    types = _KEY_TYPES[sort]
    key = decode_cursor(cursor, f"agents.{sort}", len(types))
    if key is None:
        return None
    if not all(type(value) is kind for value, kind in zip(key, types, strict=True)):
        raise BadRequest("cursor is not valid for this query: pass back a cursor exactly as "
                         "returned, with the same sort", details={
                             "field": "cursor", "location": "query",
                             "reason": "unrecognised cursor"})
    return tuple(key)


async def list_agents(
    ctx: Services, principal: Principal, *, project_id: str | None = None,
    environment: str | None = None, group: str | None = None,
    status: list[str] | None = None, agent_type: str | None = None,
    sort: str = "attention", limit: int = 50, cursor: str | None = None,
) -> AgentsPage:
    after = cursor_key(cursor, sort)
    now = ctx.clock()
    where = AgentFilter(workspace_id=principal.workspace_id, environment=environment,
                        group=group, agent_type=agent_type)
    rows, scope = await ctx.db.read(agent_queries.read_profiles, where, project_id)
    ranked = [rank(row, ctx, now) for row in rows]
    if status:
        ranked = [r for r in ranked if r.health.status in status]

    def key(r: Ranked) -> tuple[Any, ...]:
        return agent_sort_key(sort, status=r.health.status,
                              last_seen_ms=to_millis(r.agent["last_seen"]),
                              agent_id=r.agent["agent_id"])

    ranked.sort(key=key)
    if after is not None:
        ranked = [r for r in ranked if key(r) > after]
    page = paginate(ranked[: limit + 1], limit, f"agents.{sort}", key)
    ids = [r.agent["agent_id"] for r in page.items]
    cards = cards_from(await ctx.db.read(agent_queries.read_cards, principal.workspace_id, ids,
                                         card_window(now), scope)) if ids else EMPTY_CARDS
    return AgentsPage(
        data=[AgentSummary.model_validate(summary_fields(r, cards)) for r in page.items],
        pagination=page.pagination())


# --- one agent -------------------------------------------------------------------------------

HEARTBEAT_HISTORY = 24
"""At most one heartbeat per clock hour over the last day (reference §4.2: "one per hour")."""


def not_found(agent_id: str) -> NotFound:
    return NotFound(f"No agent with id {agent_id!r} in this workspace.", code="agent_not_found",
                    details={"agent_id": agent_id})


def _series_plan(now: datetime, metrics_range: str,
                 metrics_interval: str | None) -> tuple[str, list[int]]:
    interval = metrics_interval or auto_interval(metrics_range)
    try:
        return interval, series_grid(to_millis(now), parse_range(metrics_range),
                                     parse_interval(interval))
    except ValueError as exc:
        raise BadRequest(f"metrics_interval {interval} over metrics_range {metrics_range}: {exc}",
                         details={"field": "metrics_interval", "location": "query",
                                  "reason": f"more than {MAX_SERIES_BUCKETS} buckets"}) from None


def _stats(tasks: list[FinishedTasks], calls: list[LlmUsage],
           mix: dict[str, int]) -> dict[str, Any]:
    done = sum(tasks, FinishedTasks())
    usage = sum(calls, LlmUsage())
    return {
        "tasks_completed": done.completed, "tasks_failed": done.failed,
        "success_rate": done.success_rate, "avg_duration_ms": done.avg_duration_ms,
        "total_cost": usage.total_cost, "llm_call_count": usage.calls,
        "escalation_rate": ratio(mix["escalated"], mix["tasks"]),
        "error_rate": done.error_rate,
        "recovery_rate": ratio(mix["recovered"], mix["erred"]),
        "avg_actions_per_task": ratio(mix["actions"], mix["tasks"]),
    }


def _history(rows: Sequence[Any]) -> list[dict[str, Any]]:
    newest = one_per_bucket(((row.timestamp, row) for row in rows), 3600, HEARTBEAT_HISTORY)
    return [{"timestamp": row.timestamp, "summary": payload_summary(row.payload),
             "data": pv.mapping(row.payload.get("data")) if isinstance(row.payload, dict)
             else None} for row in newest]


def _detail_window(now: datetime, metrics_range: str, starts: list[int],
                   width_ms: int) -> DetailWindow:
    since = now - range_span(metrics_range)
    return DetailWindow(
        cards=card_window(now), since=since,
        series=Buckets(origin_ms=starts[0], width_ms=width_ms),
        # Normally the grid's first bucket starts before ``since`` and is partial; only when
        # the bucket cap dropped it does the series start later.
        series_since=max(since, from_millis(starts[0])),
        heartbeats_since=now - timedelta(hours=24))


async def get_agent(ctx: Services, principal: Principal, agent_id: str, *,
                    project_id: str | None = None, metrics_range: str = "24h",
                    metrics_interval: str | None = None) -> AgentDetail:
    now = ctx.clock()
    interval, starts = _series_plan(now, metrics_range, metrics_interval)
    window = _detail_window(now, metrics_range, starts, parse_interval(interval) * 1000)
    rows: DetailRows | None = await ctx.db.read(agent_queries.read_detail,
                                                principal.workspace_id, agent_id, project_id,
                                                window)
    if rows is None:
        raise not_found(agent_id)
    tasks = finished_per_bucket(rows.finished, len(starts))[agent_id]
    calls = usage_per_bucket(rows.llm, len(starts))[agent_id]
    buckets = [
        {"timestamp": from_millis(start), "tasks_completed": done.completed,
         "tasks_failed": done.failed, "avg_duration_ms": done.avg_duration_ms,
         "cost": usage.cost_sum, "llm_call_count": usage.calls}
        for start, done, usage in zip(starts, tasks, calls, strict=True)]
    return AgentDetail.model_validate({
        **summary_fields(rank(rows.agent, ctx, now), cards_from(rows.cards)),
        "stats_24h": _stats(tasks, calls, rows.mix),
        "metrics_timeseries": {"interval": interval, "buckets": buckets},
        "heartbeat_history": _history(rows.heartbeats),
    })
