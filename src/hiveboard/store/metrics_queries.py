"""Task and error aggregates for /v1/metrics, read from the ``tasks`` rollup and indexed events.

Task numbers come from the rollups (maintained at ingest), never from a scan of events: a
window's whole hours, and the hours it cuts cleanly, from ``task_outcomes_hourly``; the other
cut hours from ``tasks`` (one row per task), so the numbers are those of ``tasks`` alone
(:mod:`hiveboard.domain.task_outcomes`). Which tasks count where:

- started (``total_tasks``, ``escalated``): ``started_at`` in the window (ix_tasks_ws_started);
- completed / failed / durations: the task's terminal event (``completed_at``) in the window
  (ix_tasks_ws_completed), per bucket -- the window's totals are the buckets' sums; a task
  that completed is never also counted failed, as in the status cascade (completed wins).

LLM numbers come from :mod:`hiveboard.store.cost_queries` so they agree with /v1/cost.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, Final

from sqlalchemy import Table, and_, case, func, not_, select
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from hiveboard.domain.llm_usage import merge, sum_by_key
from hiveboard.domain.task_outcomes import WindowSplit, split_window
from hiveboard.store import cost_queries, error_events, task_outcome_queries
from hiveboard.store.cost_queries import ZERO_TOTALS, CallFilter, bucket_expr
from hiveboard.store.projects import find_project
from hiveboard.store.tables import (
    AGENTS,
    ERROR_EVENTS_HOURLY,
    EVENTS,
    TASK_OUTCOMES_HOURLY,
    TASKS,
)
from hiveboard.store.types import from_millis, to_millis

ERROR_EVENT_TYPES: Final = ("action_failed", "task_failed")
"""What a bucket's ``error_count`` counts (data model §5.6)."""
TERMINAL_MEASURES: Final = ("completed", "failed", "duration_sum", "duration_n")


@dataclass(frozen=True, slots=True)
class Scope:
    """The filters of a metrics request; ``project_id`` is a resolved id. None = any."""

    workspace_id: int
    project_id: str | None = None
    agent_id: str | None = None
    environment: str | None = None
    group: str | None = None


def _scoped(table: Table, scope: Scope) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = [table.c.workspace_id == scope.workspace_id]
    for column, value in (("project_id", scope.project_id), ("agent_id", scope.agent_id),
                          ("environment", scope.environment), ("group", scope.group)):
        if value is not None:
            conds.append(table.c[column] == value)
    return conds


def _completed() -> ColumnElement[bool]:
    return TASKS.c.has_completed.is_(True)


def _failed() -> ColumnElement[bool]:
    return and_(TASKS.c.has_failed.is_(True), TASKS.c.has_completed.is_(False))


def _terminal_measures() -> list[Any]:
    """Counts and a duration sum, so buckets add up to exact totals and means."""
    duration = case((_completed(), TASKS.c.duration_ms))
    return [
        func.count(case((_completed(), 1))).label("completed"),
        func.count(case((_failed(), 1))).label("failed"),
        func.coalesce(func.sum(duration), 0).label("duration_sum"),
        func.count(duration).label("duration_n"),
    ]


def _terminal_numbers(row: Any) -> dict[str, int]:
    return {"completed": int(row.completed), "failed": int(row.failed),
            "duration_sum": int(row.duration_sum), "duration_n": int(row.duration_n)}


def _in(column: Any, since: datetime, until: datetime) -> list[ColumnElement[bool]]:
    return [column >= since, column < until]


def _split(since: datetime, until: datetime, width_ms: int | None,
           use_rollup: bool) -> WindowSplit | None:
    return split_window(to_millis(since), to_millis(until), width_ms) if use_rollup else None


def _raw_starts(conn: Connection, scope: Scope, since: datetime,
                until: datetime) -> dict[str, int]:
    t = TASKS.c
    row = conn.execute(
        select(func.count().label("total"),
               func.count(case((t.has_escalated.is_(True), 1))).label("escalated"))
        .where(*_scoped(TASKS, scope), *_in(t.started_at, since, until))).one()
    return {"total_tasks": int(row.total), "escalated": int(row.escalated)}


def task_starts(conn: Connection, scope: Scope, since: datetime, until: datetime, *,
                use_rollup: bool = True) -> dict[str, int]:
    """``total_tasks`` started in the window and how many of them were escalated; the same
    numbers from the hourly rollup plus edges, or from ``tasks`` alone (``use_rollup=False``)."""
    split = _split(since, until, None, use_rollup)
    if split is None:
        return _raw_starts(conn, scope, since, until)
    out = {"total_tasks": 0, "escalated": 0}
    rows, raw = task_outcome_queries.read(conn, _scoped(TASK_OUTCOMES_HOURLY, scope), split, ())
    for row in rows:
        out["total_tasks"] += row["started"]
        out["escalated"] += row["escalated"]
    for lo, hi in raw:
        edge = _raw_starts(conn, scope, from_millis(lo), from_millis(hi))
        out = {k: out[k] + edge[k] for k in out}
    return out


def _raw_terminal(conn: Connection, scope: Scope, since: datetime, until: datetime,
                  name: str, width_ms: int | None) -> list[dict[str, Any]]:
    key: Any = (bucket_expr(TASKS.c.completed_at, width_ms or 0).label("bucket")
                if name == "bucket" else TASKS.c.agent_id)
    query = (select(key, *_terminal_measures())
             .where(*_scoped(TASKS, scope), *_in(TASKS.c.completed_at, since, until))
             .group_by(key))
    return [{name: int(row.bucket) if name == "bucket" else row.agent_id,
             **_terminal_numbers(row)} for row in conn.execute(query)]


def _terminal(conn: Connection, scope: Scope, since: datetime, until: datetime, name: str,
              width_ms: int | None, use_rollup: bool) -> list[dict[str, Any]]:
    """Terminal-event measures per ``name`` (bucket or agent_id), for groups that hold one."""
    if name == "bucket" and width_ms is None:
        raise ValueError("buckets need a width")
    split = _split(since, until, width_ms if name == "bucket" else None, use_rollup)
    if split is None:
        return _raw_terminal(conn, scope, since, until, name, width_ms)
    rows, raw = task_outcome_queries.read(conn, _scoped(TASK_OUTCOMES_HOURLY, scope), split,
                                          (name,), width_ms, ended_only=True)
    parts = [rows]
    for lo, hi in raw:
        parts.append(_raw_terminal(conn, scope, from_millis(lo), from_millis(hi), name,
                                   width_ms))
    return sum_by_key(parts, (name,), TERMINAL_MEASURES)


def task_buckets(conn: Connection, scope: Scope, since: datetime, until: datetime,
                 width_ms: int, *, use_rollup: bool = True) -> list[dict[str, Any]]:
    """Completed/failed counts and completed durations per bucket of the terminal event."""
    return _terminal(conn, scope, since, until, "bucket", width_ms, use_rollup)


def task_groups_by_agent(conn: Connection, scope: Scope, since: datetime, until: datetime, *,
                         use_rollup: bool = True) -> list[dict[str, Any]]:
    """Terminal-event measures per agent (agents without a terminal task are absent)."""
    return _terminal(conn, scope, since, until, "agent_id", None, use_rollup)


def error_buckets(conn: Connection, scope: Scope, since: datetime, until: datetime,
                  width_ms: int, *, use_rollup: bool = True) -> dict[int, int]:
    """``action_failed`` + ``task_failed`` events per bucket start: the same numbers from the
    hourly error rollup plus raw cut hours, or from events alone (``use_rollup=False``)."""
    split = _split(since, until, width_ms, use_rollup)
    if split is None:
        return _raw_error_buckets(conn, scope, since, until, width_ms)
    out, raw = error_events.read(conn, _scoped(ERROR_EVENTS_HOURLY, scope), split, width_ms)
    for lo, hi in raw:
        for bucket, n in _raw_error_buckets(conn, scope, from_millis(lo), from_millis(hi),
                                            width_ms).items():
            out[bucket] = out.get(bucket, 0) + n
    return out


def _raw_error_buckets(conn: Connection, scope: Scope, since: datetime, until: datetime,
                       width_ms: int) -> dict[int, int]:
    """From events (ix_events_ws_type_time)."""
    e = EVENTS.c
    bucket = bucket_expr(e.timestamp, width_ms).label("bucket")
    query = (select(bucket, func.count().label("n"))
             .where(*_scoped(EVENTS, scope), e.event_type.in_(ERROR_EVENT_TYPES),
                    *_in(e.timestamp, since, until))
             .group_by(bucket))
    return {int(row.bucket): int(row.n) for row in conn.execute(query)}


AGENT_HEALTH_COLUMNS: Final = ("agent_id", "stuck_threshold_seconds", "last_status_event_type",
                               "last_heartbeat", "registered_at", "first_seen")


def agents_for_health(conn: Connection, workspace_id: int,
                      agent_id: str | None) -> list[dict[str, Any]]:
    """What stuck detection needs of each agent (the agents table is small: one row each)."""
    query = select(*(AGENTS.c[name] for name in AGENT_HEALTH_COLUMNS)).where(
        AGENTS.c.workspace_id == workspace_id)
    if agent_id is not None:
        query = query.where(AGENTS.c.agent_id == agent_id)
    return [dict(row) for row in conn.execute(query).mappings()]


def stuck_tasks(conn: Connection, scope: Scope, stuck_agents: Sequence[str]) -> int:
    """Tasks whose derived status is ``stuck``: open, not escalated, not waiting for an
    approval (the rows above ``stuck`` in the task cascade), run by a stuck agent."""
    if not stuck_agents:
        return 0
    t = TASKS.c
    query = select(func.count()).where(
        *_scoped(TASKS, scope), t.agent_id.in_(sorted(stuck_agents)),
        not_(t.has_completed), not_(t.has_failed), not_(t.has_escalated),
        t.approvals_requested <= t.approvals_received)
    return int(conn.execute(query).scalar_one())


# ---------------------------------------------------------------- one request, one connection

PARTS: Final = frozenset({"llm", "starts", "task_buckets", "errors", "stuck", "llm_groups",
                          "task_groups"})
"""What a request may read; the service asks only for what its ``metric`` shows."""


@dataclass(frozen=True, slots=True)
class MetricsQuery:
    scope: Scope
    project_ref: str | None
    """The project as the client named it (id or slug), resolved here."""
    since: datetime
    until: datetime
    width_ms: int
    parts: frozenset[str]
    group_by: str | None = None


@dataclass(slots=True)
class MetricsRead:
    """Everything one request reads; parts not asked for keep their empty defaults."""

    llm: dict[str, Any] = field(default_factory=lambda: dict(ZERO_TOTALS))
    starts: dict[str, int] = field(default_factory=lambda: {"total_tasks": 0, "escalated": 0})
    stuck: int = 0
    llm_buckets: list[dict[str, Any]] = field(default_factory=list)
    task_buckets: list[dict[str, Any]] = field(default_factory=list)
    error_buckets: dict[int, int] = field(default_factory=dict)
    groups: list[dict[str, Any]] = field(default_factory=list)


def read_metrics(conn: Connection, q: MetricsQuery,
                 is_stuck: Callable[[Mapping[str, Any]], bool]) -> MetricsRead:
    """The parts ``q`` asks for, in one connection. ``is_stuck`` judges an agent row (the
    health policy belongs to the caller); an unknown project reads as empty."""
    out = MetricsRead()
    scope = q.scope
    if q.project_ref is not None:
        project = find_project(conn, scope.workspace_id, q.project_ref)
        if project is None:
            return out
        scope = replace(scope, project_id=project.project_id)
    calls = CallFilter(workspace_id=scope.workspace_id, since=q.since, until=q.until,
                       project_id=scope.project_id, agent_id=scope.agent_id,
                       environment=scope.environment, group=scope.group)
    window = (q.since, q.until)
    if "llm" in q.parts:
        out.llm_buckets = cost_queries.buckets(conn, calls, q.width_ms, by_model=False)
        # The buckets hold every call of the window, so they add up to its totals: a second
        # read of the window would scan a cut hour's raw calls again (and with sub-hour
        # buckets, which the hourly rollup cannot give, the whole window is raw anyway).
        found = merge([out.llm_buckets], ())
        out.llm = found[0] if found else dict(ZERO_TOTALS)
    if "starts" in q.parts:
        out.starts = task_starts(conn, scope, *window)
    if "task_buckets" in q.parts:
        out.task_buckets = task_buckets(conn, scope, *window, q.width_ms)
    if "errors" in q.parts:
        out.error_buckets = error_buckets(conn, scope, *window, q.width_ms)
    if "stuck" in q.parts:
        stuck = [a["agent_id"] for a in agents_for_health(conn, scope.workspace_id,
                                                          scope.agent_id) if is_stuck(a)]
        out.stuck = stuck_tasks(conn, scope, stuck)
    if "llm_groups" in q.parts and q.group_by is not None:
        out.groups = cost_queries.groups(conn, calls, q.group_by)
    if "task_groups" in q.parts:
        out.groups = task_groups_by_agent(conn, scope, *window)
    return out
