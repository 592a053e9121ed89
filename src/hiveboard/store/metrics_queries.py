"""Task and error aggregates for /v1/metrics, read from the ``tasks`` rollup and indexed events.

Task numbers come from the rollup (one row per task, maintained at ingest), never from a scan
of events. Which tasks count where:

- started (``total_tasks``, ``escalated``): ``started_at`` in the window (ix_tasks_ws_started);
- completed / failed / durations: the task's terminal event (``completed_at``) in the window
  (ix_tasks_ws_completed), per bucket -- the window's totals are the buckets' sums; a task
  that completed is never also counted failed, as in the status cascade (completed wins).

LLM numbers come from :mod:`hiveboard.store.cost_queries` so they agree with /v1/cost.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final

from sqlalchemy import Table, and_, case, func, not_, select
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from hiveboard.store.cost_queries import bucket_expr
from hiveboard.store.tables import AgentRow, EventRow, TaskRow

TASKS: Table = TaskRow.__table__  # type: ignore[attr-defined]
EVENTS: Table = EventRow.__table__  # type: ignore[attr-defined]
AGENTS: Table = AgentRow.__table__  # type: ignore[attr-defined]
ERROR_EVENT_TYPES: Final = ("action_failed", "task_failed")
"""What a bucket's ``error_count`` counts (data model §5.6)."""


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


def task_starts(conn: Connection, scope: Scope, since: datetime,
                until: datetime) -> dict[str, int]:
    """``total_tasks`` started in the window and how many of them were escalated."""
    t = TASKS.c
    row = conn.execute(
        select(func.count().label("total"),
               func.count(case((t.has_escalated.is_(True), 1))).label("escalated"))
        .where(*_scoped(TASKS, scope), *_in(t.started_at, since, until))).one()
    return {"total_tasks": int(row.total), "escalated": int(row.escalated)}


def task_buckets(conn: Connection, scope: Scope, since: datetime, until: datetime,
                 width_ms: int) -> list[dict[str, Any]]:
    """Completed/failed counts and completed durations per bucket of the terminal event."""
    bucket = bucket_expr(TASKS.c.completed_at, width_ms).label("bucket")
    query = (select(bucket, *_terminal_measures())
             .where(*_scoped(TASKS, scope), *_in(TASKS.c.completed_at, since, until))
             .group_by(bucket))
    return [{"bucket": int(row.bucket), **_terminal_numbers(row)} for row in conn.execute(query)]


def task_groups_by_agent(conn: Connection, scope: Scope, since: datetime,
                         until: datetime) -> list[dict[str, Any]]:
    """Terminal-event measures per agent (agents without a terminal task are absent)."""
    query = (select(TASKS.c.agent_id, *_terminal_measures())
             .where(*_scoped(TASKS, scope), *_in(TASKS.c.completed_at, since, until))
             .group_by(TASKS.c.agent_id))
    return [{"agent_id": row.agent_id, **_terminal_numbers(row)} for row in conn.execute(query)]


def error_buckets(conn: Connection, scope: Scope, since: datetime, until: datetime,
                  width_ms: int) -> dict[int, int]:
    """``action_failed`` + ``task_failed`` events per bucket start (ix_events_ws_type_time)."""
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
