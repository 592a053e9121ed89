"""Project management queries: the paged list, 24-hour stats per page, writes and the cascade.

Ingest-side lookups (by id or slug, auto-creation) stay in :mod:`hiveboard.store.projects`.
Tasks and costs sent without a project belong to the default project (reference data model
§3.3), so the stats map a NULL ``project_id`` to it.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Table, and_, case, delete, func, or_, select, update
from sqlalchemy.engine import Connection

from hiveboard.store.dialect import insert_ignoring_conflicts
from hiveboard.store.projects import DEFAULT_PROJECT_ID
from hiveboard.store.tables import AgentRow, EventRow, ProjectAgentRow, ProjectRow, TaskRow

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
        PROJECTS.c.workspace_id == workspace_id, PROJECTS.c.project_id == project_id)).mappings().one()
    return ProjectRow.model_validate(row)


def _in_projects(column: Any, ids: Collection[str]) -> ColumnElement[bool]:
    if DEFAULT_PROJECT_ID in ids:
        return or_(column.in_(ids), column.is_(None))
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
                 until: datetime) -> dict[str, tuple[int, int]]:
    """(completed, failed) tasks whose terminal event is in the window, read from the rollup
    (index ``ix_tasks_ws_completed``). Counts follow the status cascade: a task that completed
    after a failed attempt counts as completed only."""
    completed = TASKS.c.has_completed.is_(True)
    failed = and_(TASKS.c.has_failed.is_(True), TASKS.c.has_completed.is_(False))
    rows = conn.execute(
        select(TASKS.c.project_id, func.sum(case((completed, 1), else_=0)),
               func.sum(case((failed, 1), else_=0)))
        .where(TASKS.c.workspace_id == workspace_id,
               TASKS.c.completed_at >= since, TASKS.c.completed_at <= until,
               _in_projects(TASKS.c.project_id, ids))
        .group_by(TASKS.c.project_id)).tuples()
    out: dict[str, tuple[int, int]] = {}
    for pid, done, bad in rows:
        key = pid or DEFAULT_PROJECT_ID
        prev = out.get(key, (0, 0))
        out[key] = (prev[0] + int(done or 0), prev[1] + int(bad or 0))
    return out


def _costs(conn: Connection, workspace_id: int, ids: list[str], since: datetime,
           until: datetime) -> dict[str, float]:
    """LLM cost of the window; scans only ``llm_call`` events (index ``ix_events_ws_kind_time``)."""
    rows = conn.execute(
        select(EVENTS.c.project_id, func.sum(EVENTS.c.llm_cost))
        .where(EVENTS.c.workspace_id == workspace_id, EVENTS.c.payload_kind == "llm_call",
               EVENTS.c.timestamp >= since, EVENTS.c.timestamp <= until,
               _in_projects(EVENTS.c.project_id, ids))
        .group_by(EVENTS.c.project_id)).tuples()
    out: dict[str, float] = {}
    for pid, total in rows:
        key = pid or DEFAULT_PROJECT_ID
        out[key] = out.get(key, 0.0) + float(total or 0.0)
    return out


def insert(conn: Connection, values: Mapping[str, Any]) -> bool:
    """Insert a project; False when its slug is taken (a concurrent create won the race)."""
    result = conn.execute(insert_ignoring_conflicts(conn, PROJECTS).values(**values))
    return bool(result.rowcount)


def update_fields(conn: Connection, workspace_id: int, project_id: str,
                  values: Mapping[str, Any]) -> None:
    conn.execute(update(PROJECTS).where(
        PROJECTS.c.workspace_id == workspace_id, PROJECTS.c.project_id == project_id,
    ).values(**values))


def delete_cascade(conn: Connection, workspace_id: int, project_id: str) -> None:
    """Remove the project and everything that belongs only to it (reference data model §7.4).

    Agents stay (they are workspace-level); their cached ``last_project_id`` is cleared so no
    card points at a project that no longer exists.
    """
    conn.execute(delete(EVENTS).where(
        EVENTS.c.workspace_id == workspace_id, EVENTS.c.project_id == project_id))
    conn.execute(delete(TASKS).where(
        TASKS.c.workspace_id == workspace_id, TASKS.c.project_id == project_id))
    conn.execute(delete(PROJECT_AGENTS).where(
        PROJECT_AGENTS.c.workspace_id == workspace_id, PROJECT_AGENTS.c.project_id == project_id))
    # Hook for alerting: when the alert_rules table exists, delete the rules scoped to this
    # project here (DELETE FROM alert_rules WHERE workspace_id = ? AND project_id = ?), in this
    # same transaction. Workspace-wide rules (project_id NULL) are kept.
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
    result = conn.execute(insert_ignoring_conflicts(conn, PROJECT_AGENTS).values(
        workspace_id=workspace_id, project_id=project_id, agent_id=agent_id, added_at=now,
        role="member"))
    found = membership(conn, workspace_id, project_id, agent_id)
    assert found is not None
    return found, bool(result.rowcount)


def remove_membership(conn: Connection, workspace_id: int, project_id: str, agent_id: str) -> bool:
    result = conn.execute(delete(PROJECT_AGENTS).where(
        PROJECT_AGENTS.c.workspace_id == workspace_id, PROJECT_AGENTS.c.project_id == project_id,
        PROJECT_AGENTS.c.agent_id == agent_id))
    return bool(result.rowcount)
