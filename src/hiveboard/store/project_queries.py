"""Project management queries: the paged list, 24-hour stats per page, writes and the cascade.

Ingest-side lookups (by id or slug, auto-creation) stay in :mod:`hiveboard.store.projects`.
Tasks sent without a project belong to the default project (reference data model §3.3), so
the stats count a NULL ``project_id`` task, and the LLM calls made inside it, as the default
project's -- the same rule as the task, event and agent lists.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Table, and_, case, delete, func, or_, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from hiveboard.domain.llm_usage import sum_by_key
from hiveboard.domain.task_outcomes import split_window
from hiveboard.store import (
    agent_issues,
    alert_queries,
    cost_queries,
    error_events,
    llm_usage,
    task_outcome_queries,
    task_outcomes,
)
from hiveboard.store.cost_queries import CallFilter
from hiveboard.store.dialect import insert_ignoring_conflicts
from hiveboard.store.projects import DEFAULT_PROJECT_ID
from hiveboard.store.tables import (
    TASK_OUTCOMES_HOURLY,
    AgentRow,
    EventRow,
    ProjectAgentRow,
    ProjectRow,
    TaskRow,
)
from hiveboard.store.types import from_millis, to_millis

PROJECTS: Table = ProjectRow.__table__  # type: ignore[attr-defined]
PROJECT_AGENTS: Table = ProjectAgentRow.__table__  # type: ignore[attr-defined]
TASKS: Table = TaskRow.__table__  # type: ignore[attr-defined]
EVENTS: Table = EventRow.__table__  # type: ignore[attr-defined]
AGENTS: Table = AgentRow.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True, slots=True)
class ProjectStats:
    agent_count: int = 0
    tasks_completed: int = 0
    tasks_failed: int = 0
    cost: float = 0.0


def list_page(conn: Connection, workspace_id: int, *, include_archived: bool,
              after: tuple[str, str] | None, limit: int) -> list[ProjectRow]:
    """Projects ordered by (name, project_id), strictly after the ``after`` key."""
    query = select(PROJECTS).where(PROJECTS.c.workspace_id == workspace_id)
    if not include_archived:
        query = query.where(PROJECTS.c.is_archived.is_(False))
    if after is not None:
        name, project_id = after
        query = query.where(or_(PROJECTS.c.name > name,
                                and_(PROJECTS.c.name == name, PROJECTS.c.project_id > project_id)))
    rows = conn.execute(query.order_by(PROJECTS.c.name, PROJECTS.c.project_id).limit(limit))
    return [ProjectRow.model_validate(r) for r in rows.mappings()]


def get(conn: Connection, workspace_id: int, project_id: str) -> ProjectRow:
    row = conn.execute(select(PROJECTS).where(
        PROJECTS.c.workspace_id == workspace_id, PROJECTS.c.project_id == project_id,
    )).mappings().one()
    return ProjectRow.model_validate(row)


def _in_projects(column: Any, ids: Collection[str],
                 unassigned: ColumnElement[bool]) -> ColumnElement[bool]:
    """Rows of these projects; ``unassigned`` rows (no project) count for the default one."""
    if DEFAULT_PROJECT_ID in ids:
        return or_(column.in_(ids), unassigned)
    return column.in_(ids)  # type: ignore[no-any-return]


def stats(conn: Connection, workspace_id: int, project_ids: Collection[str], *,
          since: datetime, until: datetime) -> dict[str, ProjectStats]:
    """Stats of several projects in three grouped queries (never one query per project)."""
    ids = sorted(set(project_ids))
    if not ids:
        return {}
    agents = _agent_counts(conn, workspace_id, ids)
    tasks = _task_counts(conn, workspace_id, ids, since, until)
    costs = _costs(conn, workspace_id, ids, since, until)
    return {pid: ProjectStats(agent_count=agents.get(pid, 0),
                              tasks_completed=tasks.get(pid, (0, 0))[0],
                              tasks_failed=tasks.get(pid, (0, 0))[1],
                              cost=costs.get(pid, 0.0))
            for pid in ids}


def _agent_counts(conn: Connection, workspace_id: int, ids: list[str]) -> dict[str, int]:
    rows = conn.execute(
        select(PROJECT_AGENTS.c.project_id, func.count())
        .where(PROJECT_AGENTS.c.workspace_id == workspace_id, PROJECT_AGENTS.c.project_id.in_(ids))
        .group_by(PROJECT_AGENTS.c.project_id)).tuples()
    return {pid: int(n) for pid, n in rows}


def _task_counts(conn: Connection, workspace_id: int, ids: list[str], since: datetime,
                 until: datetime, *, use_rollup: bool = True) -> dict[str, tuple[int, int]]:
    """(completed, failed) tasks whose terminal event is in the window ``[since, until]``.
    Counts follow the status cascade: a task that completed after a failed attempt counts as
    completed only. Read from the hourly outcome rollup where exact and from the ``tasks``
    rollup for the cut hours it cannot answer (the same numbers as ``tasks`` alone,
    ``use_rollup=False``)."""
    end = to_millis(until) + 1
    split = split_window(to_millis(since), end, None) if use_rollup else None
    if split is None:
        return _raw_task_counts(conn, workspace_id, ids, since, from_millis(end))
    t = TASK_OUTCOMES_HOURLY.c
    where = [t.workspace_id == workspace_id, _in_projects(t.project_id, ids, t.project_id == "")]
    rows, raw = task_outcome_queries.read(conn, where, split, ("project_id",), ended_only=True)
    parts = [[{"project_id": r["project_id"] or DEFAULT_PROJECT_ID, "completed": r["completed"],
               "failed": r["failed"]} for r in rows]]
    for lo, hi in raw:
        found = _raw_task_counts(conn, workspace_id, ids, from_millis(lo), from_millis(hi))
        parts.append([{"project_id": pid, "completed": done, "failed": bad}
                      for pid, (done, bad) in found.items()])
    return {r["project_id"]: (r["completed"], r["failed"])
            for r in sum_by_key(parts, ("project_id",), ("completed", "failed"))}


def _raw_task_counts(conn: Connection, workspace_id: int, ids: list[str], since: datetime,
                     until: datetime) -> dict[str, tuple[int, int]]:
    """(completed, failed) from ``tasks`` over ``[since, until)`` (ix_tasks_ws_completed)."""
    completed = TASKS.c.has_completed.is_(True)
    failed = and_(TASKS.c.has_failed.is_(True), TASKS.c.has_completed.is_(False))
    rows = conn.execute(
        select(TASKS.c.project_id, func.sum(case((completed, 1), else_=0)),
               func.sum(case((failed, 1), else_=0)))
        .where(TASKS.c.workspace_id == workspace_id,
               TASKS.c.completed_at >= since, TASKS.c.completed_at < until,
               _in_projects(TASKS.c.project_id, ids, TASKS.c.project_id.is_(None)))
        .group_by(TASKS.c.project_id)).tuples()
    out: dict[str, tuple[int, int]] = {}
    for pid, done, bad in rows:
        key = pid or DEFAULT_PROJECT_ID
        prev = out.get(key, (0, 0))
        out[key] = (prev[0] + int(done or 0), prev[1] + int(bad or 0))
    return out


def _costs(conn: Connection, workspace_id: int, ids: list[str], since: datetime,
           until: datetime) -> dict[str, float]:
    """LLM cost of the window ``[since, until]``, as in the cost explorer (read from the hourly
    rollup where it is exact, see :func:`cost_queries.aggregate`).

    A call inside a task sent without a project is the default project's; an agent-level call
    (no task, no project) belongs to no project, as in the agents and events lists.
    """
    window = CallFilter(workspace_id=workspace_id, since=since,
                        until=until + timedelta(milliseconds=1))
    wanted = set(ids)
    out: dict[str, float] = {}
    for row in cost_queries.aggregate(conn, window, ("project_id", "in_task")):
        pid = row["project_id"] or (DEFAULT_PROJECT_ID if row["in_task"] else None)
        if pid in wanted:
            out[pid] = out.get(pid, 0.0) + row["cost"]
    return out


def insert(conn: Connection, values: Mapping[str, Any]) -> bool:
    """Insert a project; False when its slug is taken (a concurrent create won the race)."""
    # RETURNING rather than rowcount: drivers need not report rowcount for INSERT.
    stmt = insert_ignoring_conflicts(conn, PROJECTS).values(**values)
    return conn.execute(stmt.returning(PROJECTS.c.project_id)).first() is not None


def update_fields(conn: Connection, workspace_id: int, project_id: str,
                  values: Mapping[str, Any]) -> bool:
    """False when the new slug collides (a concurrent update took it after our check)."""
    try:
        conn.execute(update(PROJECTS).where(
            PROJECTS.c.workspace_id == workspace_id, PROJECTS.c.project_id == project_id,
        ).values(**values))
    except IntegrityError:
        return False
    return True


def delete_cascade(conn: Connection, workspace_id: int, project_id: str) -> None:
    """Remove the project and everything that belongs only to it (reference data model §7.4).

    Agents stay (they are workspace-level); their cached ``last_project_id`` is cleared so no
    card points at a project that no longer exists.
    """
    reporters = agent_issues.agents_with_issues(conn, workspace_id, project_id)
    conn.execute(delete(EVENTS).where(
        EVENTS.c.workspace_id == workspace_id, EVENTS.c.project_id == project_id))
    if reporters:  # their latest issue events may have gone with the project
        agent_issues.rebuild(conn, workspace_id, reporters)
    conn.execute(delete(TASKS).where(
        TASKS.c.workspace_id == workspace_id, TASKS.c.project_id == project_id))
    llm_usage.delete_project(conn, workspace_id, project_id)
    task_outcomes.delete_project(conn, workspace_id, project_id)
    error_events.delete_project(conn, workspace_id, project_id)
    conn.execute(delete(PROJECT_AGENTS).where(
        PROJECT_AGENTS.c.workspace_id == workspace_id, PROJECT_AGENTS.c.project_id == project_id))
    # Rules scoped to this project go in the same transaction; workspace-wide rules stay.
    alert_queries.delete_project_rules(conn, workspace_id, project_id)
    conn.execute(update(AGENTS).where(
        AGENTS.c.workspace_id == workspace_id, AGENTS.c.last_project_id == project_id,
    ).values(last_project_id=None))
    conn.execute(delete(PROJECTS).where(
        PROJECTS.c.workspace_id == workspace_id, PROJECTS.c.project_id == project_id))


def membership(conn: Connection, workspace_id: int, project_id: str,
               agent_id: str) -> ProjectAgentRow | None:
    row = conn.execute(select(PROJECT_AGENTS).where(
        PROJECT_AGENTS.c.workspace_id == workspace_id, PROJECT_AGENTS.c.project_id == project_id,
        PROJECT_AGENTS.c.agent_id == agent_id)).mappings().first()
    return None if row is None else ProjectAgentRow.model_validate(row)


def add_membership(conn: Connection, workspace_id: int, project_id: str, agent_id: str,
                   now: datetime) -> tuple[ProjectAgentRow, bool]:
    """The membership and whether this call created it (ingest may have added it already)."""
    inserted = conn.execute(insert_ignoring_conflicts(conn, PROJECT_AGENTS).values(
        workspace_id=workspace_id, project_id=project_id, agent_id=agent_id, added_at=now,
        role="member").returning(PROJECT_AGENTS.c.agent_id)).first()
    found = membership(conn, workspace_id, project_id, agent_id)
    assert found is not None
    return found, inserted is not None


def remove_membership(conn: Connection, workspace_id: int, project_id: str, agent_id: str) -> bool:
    result = conn.execute(delete(PROJECT_AGENTS).where(
        PROJECT_AGENTS.c.workspace_id == workspace_id, PROJECT_AGENTS.c.project_id == project_id,
        PROJECT_AGENTS.c.agent_id == agent_id))
    return bool(result.rowcount)
