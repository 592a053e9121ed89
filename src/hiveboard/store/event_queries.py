"""Reads of stored events: the activity stream page and one task's (run's) events.

The stream is ordered by (timestamp, seq) descending; ``seq`` is unique and grows with every
insert, so the pair is a total order and a keyset cursor on it never skips or repeats a row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.engine import Connection

from hiveboard.store.projects import DEFAULT_PROJECT_ID
from hiveboard.store.tables import EVENTS, PROJECT_AGENTS


@dataclass(frozen=True, slots=True)
class EventQuery:
    workspace_id: int
    project_id: str | None = None
    """A resolved project id (never a slug)."""
    agent_id: str | None = None
    task_id: str | None = None
    environment: str | None = None
    group: str | None = None
    event_types: tuple[str, ...] | None = None
    severities: tuple[str, ...] | None = None
    payload_kinds: tuple[str, ...] | None = None
    since: datetime | None = None
    until: datetime | None = None
    exclude_heartbeats: bool = True


def _project_scope(workspace_id: int, project_id: str) -> ColumnElement[bool]:
    """The project's events, plus agent-level events (no task, no project) of its member
    agents. An event with a task but no project belongs to the default project."""
    e = EVENTS.c
    members = select(PROJECT_AGENTS.c.agent_id).where(
        PROJECT_AGENTS.c.workspace_id == workspace_id,
        PROJECT_AGENTS.c.project_id == project_id)
    agent_level = and_(e.project_id.is_(None), e.task_id.is_(None), e.agent_id.in_(members))
    if project_id == DEFAULT_PROJECT_ID:
        unassigned = and_(e.project_id.is_(None), e.task_id.is_not(None))
        return or_(e.project_id == project_id, unassigned, agent_level)
    return or_(e.project_id == project_id, agent_level)


def _filters(query: EventQuery) -> list[ColumnElement[bool]]:
    e = EVENTS.c
    clauses: list[ColumnElement[bool]] = [e.workspace_id == query.workspace_id]
    if query.project_id is not None:
        clauses.append(_project_scope(query.workspace_id, query.project_id))
    for name in ("agent_id", "task_id", "environment", "group"):
        value = getattr(query, name)
        if value is not None:
            clauses.append(e[name] == value)
    if query.event_types is not None:
        clauses.append(e.event_type.in_(query.event_types))
    if query.exclude_heartbeats and "heartbeat" not in (query.event_types or ()):
        clauses.append(e.event_type != "heartbeat")
    if query.severities is not None:
        clauses.append(e.severity.in_(query.severities))
    if query.payload_kinds is not None:
        clauses.append(and_(e.event_type == "custom", e.payload_kind.in_(query.payload_kinds)))
    if query.since is not None:
        clauses.append(e.timestamp >= query.since)
    if query.until is not None:
        clauses.append(e.timestamp < query.until)
    return clauses


def page_events(conn: Connection, query: EventQuery, after: tuple[int, int] | None,
                limit: int) -> list[dict[str, Any]]:
    """Up to ``limit`` + 1 events strictly older than ``after`` = (timestamp ms, seq)."""
    e = EVENTS.c
    stmt = select(EVENTS).where(*_filters(query))
    if after is not None:
        millis, seq = after
        # The redundant ``<=`` lets the database seek the (…, timestamp, seq) index.
        stmt = stmt.where(e.timestamp <= millis, or_(e.timestamp < millis, e.seq < seq))
    stmt = stmt.order_by(e.timestamp.desc(), e.seq.desc()).limit(limit + 1)
    return [dict(r) for r in conn.execute(stmt).mappings()]


def _in_run(workspace_id: int, task_id: str, run_id: str | None) -> list[ColumnElement[bool]]:
    """A run is its own events plus the task's events that name no run (they cannot be
    attributed to one, so every run shows them). ``run_id`` None means the whole task."""
    e = EVENTS.c
    clauses: list[ColumnElement[bool]] = [e.workspace_id == workspace_id, e.task_id == task_id]
    if run_id is not None:
        clauses.append(or_(e.task_run_id == run_id, e.task_run_id.is_(None)))
    return clauses


def run_events(conn: Connection, workspace_id: int, task_id: str, run_id: str | None,
               limit: int) -> list[dict[str, Any]]:
    """The first ``limit`` events of the run, oldest first (ties in insert order)."""
    e = EVENTS.c
    stmt = (select(EVENTS).where(*_in_run(workspace_id, task_id, run_id))
            .order_by(e.timestamp, e.seq).limit(limit))
    return [dict(r) for r in conn.execute(stmt).mappings()]


ROLLUP_COLUMNS = ("event_type", "timestamp", "agent_id", "project_id", "task_type",
                  "task_run_id", "environment", "group", "duration_ms", "severity",
                  "payload_kind", "llm_cost", "llm_tokens_in", "llm_tokens_out")


def run_rollup_rows(conn: Connection, workspace_id: int, task_id: str,
                    run_id: str | None) -> list[dict[str, Any]]:
    """Every event of the run, only the columns a task rollup folds (no payloads)."""
    e = EVENTS.c
    stmt = (select(*(e[name] for name in ROLLUP_COLUMNS))
            .where(*_in_run(workspace_id, task_id, run_id)).order_by(e.timestamp, e.seq))
    return [dict(r) for r in conn.execute(stmt).mappings()]


def run_exists(conn: Connection, workspace_id: int, task_id: str, run_id: str) -> bool:
    e = EVENTS.c
    return conn.execute(select(e.seq).where(
        e.workspace_id == workspace_id, e.task_id == task_id, e.task_run_id == run_id,
    ).limit(1)).first() is not None


def has_other_runs(conn: Connection, workspace_id: int, task_id: str, run_id: str) -> bool:
    e = EVENTS.c
    return conn.execute(select(e.seq).where(
        e.workspace_id == workspace_id, e.task_id == task_id, e.task_run_id.is_not(None),
        e.task_run_id != run_id,
    ).limit(1)).first() is not None
