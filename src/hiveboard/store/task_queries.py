"""Reads of the task rollup table: the task list with its status filter, and one task's row.

Status is derived, not stored, so the status filter is a predicate on the rollup's flags that
mirrors the cascade of :func:`hiveboard.domain.task_status.derive_task_status` row for row; the
one input that is not in the row -- whether the agent is stuck right now -- arrives as the set
of stuck agent ids, computed by the caller from agent health.

Sorts on a nullable column (duration, cost) page through two segments: the rows with a value
(largest first), then the rows without one. A cursor records which segment it stopped in, so
NULLs are ordered the same way on SQLite and PostgreSQL and every bound stays index-friendly.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, false, or_, select, true
from sqlalchemy.engine import Connection

from hiveboard.store.projects import DEFAULT_PROJECT_ID
from hiveboard.store.tables import AGENTS, TASKS

AGENT_HEALTH_COLUMNS = ("agent_id", "stuck_threshold_seconds", "last_status_event_type",
                        "last_heartbeat", "registered_at", "first_seen")


@dataclass(frozen=True, slots=True)
class TaskSort:
    column: str
    descending: bool
    nullable: bool


TASK_SORTS: Mapping[str, TaskSort] = {
    "newest": TaskSort("started_at", descending=True, nullable=False),
    "oldest": TaskSort("started_at", descending=False, nullable=False),
    "duration": TaskSort("duration_ms", descending=True, nullable=True),
    "cost": TaskSort("total_cost", descending=True, nullable=True),
}


@dataclass(frozen=True, slots=True)
class TaskKey:
    """Position of a row in a sort: ``value`` is None exactly in the NULL segment."""

    value: int | float | None
    task_id: str


@dataclass(frozen=True, slots=True)
class TaskQuery:
    workspace_id: int
    project_id: str | None = None
    """A resolved project id (never a slug)."""
    agent_id: str | None = None
    task_type: str | None = None
    environment: str | None = None
    group: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    statuses: frozenset[str] | None = None
    stuck_agents: frozenset[str] = frozenset()


def status_predicate(status: str, stuck_agents: Collection[str]) -> ColumnElement[bool]:
    """Rows whose derived status is ``status`` (the cascade, first match wins)."""
    t = TASKS.c
    completed = t.has_completed == true()
    failed = and_(t.has_failed == true(), t.has_completed == false())
    open_ = and_(t.has_completed == false(), t.has_failed == false())
    escalated = and_(open_, t.has_escalated == true())
    waiting = and_(open_, t.has_escalated == false(),
                   t.approvals_requested > t.approvals_received)
    running = and_(open_, t.has_escalated == false(),
                   t.approvals_requested <= t.approvals_received)
    stuck = sorted(stuck_agents)
    predicates: dict[str, ColumnElement[bool]] = {
        "completed": completed,
        "failed": failed,
        "escalated": escalated,
        "waiting": waiting,
        "stuck": and_(running, t.agent_id.in_(stuck)),
        "processing": and_(running, t.agent_id.not_in(stuck)),
    }
    return predicates[status]


def _filters(query: TaskQuery) -> list[ColumnElement[bool]]:
    t = TASKS.c
    clauses: list[ColumnElement[bool]] = [t.workspace_id == query.workspace_id]
    if query.project_id is not None:
        # Tasks sent without a project belong to the default project (data model §3.3).
        clauses.append(or_(t.project_id == query.project_id, t.project_id.is_(None))
                       if query.project_id == DEFAULT_PROJECT_ID
                       else t.project_id == query.project_id)
    for name in ("agent_id", "task_type", "environment", "group"):
        value = getattr(query, name)
        if value is not None:
            clauses.append(t[name] == value)
    if query.since is not None:
        clauses.append(t.started_at >= query.since)
    if query.until is not None:
        clauses.append(t.started_at < query.until)
    if query.statuses is not None:
        clauses.append(or_(*(status_predicate(s, query.stuck_agents)
                             for s in sorted(query.statuses))))
    return clauses


def _after(sort: TaskSort, key: TaskKey) -> ColumnElement[bool]:
    """Strictly after ``key`` in the non-NULL segment; the redundant ``<=``/``>=`` bound is
    there so the database can seek the index instead of filtering from the start."""
    column, task_id = TASKS.c[sort.column], TASKS.c.task_id
    if sort.descending:
        return and_(column <= key.value,
                    or_(column < key.value, task_id < key.task_id))
    return and_(column >= key.value, or_(column > key.value, task_id > key.task_id))


def _ordered(sort: TaskSort, query: Select[Any]) -> Select[Any]:
    column, task_id = TASKS.c[sort.column], TASKS.c.task_id
    if sort.descending:
        return query.order_by(column.desc(), task_id.desc())
    return query.order_by(column.asc(), task_id.asc())


def page_tasks(conn: Connection, query: TaskQuery, sort_name: str, after: TaskKey | None,
               limit: int) -> list[dict[str, Any]]:
    """Up to ``limit`` + 1 rollup rows strictly after ``after`` in the sort's order."""
    sort = TASK_SORTS[sort_name]
    column = TASKS.c[sort.column]
    base = select(TASKS).where(*_filters(query))
    rows: list[dict[str, Any]] = []
    if after is None or after.value is not None:
        segment = base.where(column.is_not(None)) if sort.nullable else base
        if after is not None:
            segment = segment.where(_after(sort, after))
        rows = [dict(r) for r in conn.execute(
            _ordered(sort, segment).limit(limit + 1)).mappings()]
    if sort.nullable and len(rows) <= limit:
        segment = base.where(column.is_(None))
        if after is not None and after.value is None:
            segment = segment.where(TASKS.c.task_id < after.task_id)
        rows += [dict(r) for r in conn.execute(
            segment.order_by(TASKS.c.task_id.desc()).limit(limit + 1 - len(rows))).mappings()]
    return rows


def find_task(conn: Connection, workspace_id: int, task_id: str) -> dict[str, Any] | None:
    row = conn.execute(select(TASKS).where(
        TASKS.c.workspace_id == workspace_id, TASKS.c.task_id == task_id)).mappings().first()
    return None if row is None else dict(row)


def agent_health_rows(conn: Connection, workspace_id: int,
                      agent_ids: Collection[str] | None = None) -> list[dict[str, Any]]:
    """The agent columns stuck detection reads; all agents of the workspace when ``agent_ids``
    is None."""
    query = select(*(AGENTS.c[name] for name in AGENT_HEALTH_COLUMNS)).where(
        AGENTS.c.workspace_id == workspace_id)
    if agent_ids is not None:
        if not agent_ids:
            return []
        query = query.where(AGENTS.c.agent_id.in_(sorted(agent_ids)))
    return [dict(r) for r in conn.execute(query).mappings()]
