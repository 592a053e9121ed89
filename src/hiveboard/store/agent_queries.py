"""Agent reads: profile rows, memberships, and stats from the task rollups and LLM calls.

The functions behind a list page take the page's agent ids and answer for all of them in
one statement, so a page costs a fixed number of queries whatever its size. Time buckets are
computed in SQL on epoch milliseconds with integer division (``//`` renders as ``/`` on
integer operands, which truncates on SQLite and PostgreSQL alike); their bounds are inlined
integers so the same expression matches in SELECT and GROUP BY on PostgreSQL.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    String,
    and_,
    case,
    cast,
    func,
    literal_column,
    not_,
    or_,
    select,
    type_coerce,
)
from sqlalchemy.engine import Connection

from hiveboard.domain.llm_usage import HOUR_MS
from hiveboard.store import agent_issues, cost_queries, pipeline_queries
from hiveboard.store.cost_queries import CallFilter
from hiveboard.store.projects import DEFAULT_PROJECT_ID, find_project
from hiveboard.store.tables import AGENTS, EVENTS, PROJECT_AGENTS, TASKS


@dataclass(frozen=True, slots=True)
class AgentFilter:
    workspace_id: int
    project_id: str | None = None
    """A resolved project id: only the project's member agents."""
    environment: str | None = None
    group: str | None = None
    agent_type: str | None = None


@dataclass(frozen=True, slots=True)
class Buckets:
    """Group rows into buckets ``(ts - origin_ms) // width_ms``; None means one total."""

    origin_ms: int
    width_ms: int


def _int(value: int) -> ColumnElement[int]:
    return literal_column(str(int(value)), BigInteger)


def _bucket(column: Any, buckets: Buckets | None) -> ColumnElement[Any]:
    """The bucket number of ``column``; with no buckets a constant, which callers must not
    put in GROUP BY (an integer there is a column position)."""
    if buckets is None:
        return literal_column("0", BigInteger)
    millis = type_coerce(column, BigInteger)
    return (millis - _int(buckets.origin_ms)) // _int(buckets.width_ms)


def _group(column: Any, bucket: ColumnElement[Any], buckets: Buckets | None) -> list[Any]:
    return [column] if buckets is None else [column, bucket]


def _tasks_in(project_id: str) -> ColumnElement[bool]:
    # Tasks sent without a project belong to the default project (as in the task list).
    if project_id == DEFAULT_PROJECT_ID:
        return or_(TASKS.c.project_id == project_id, TASKS.c.project_id.is_(None))
    return TASKS.c.project_id == project_id


def _calls_in(project_id: str) -> ColumnElement[bool]:
    # Likewise calls made inside such a task; agent-level calls belong to no project.
    if project_id == DEFAULT_PROJECT_ID:
        return or_(EVENTS.c.project_id == project_id,
                   and_(EVENTS.c.project_id.is_(None), EVENTS.c.task_id.is_not(None)))
    return EVENTS.c.project_id == project_id


# The heartbeat payload is the one sizeable column and no view of the list needs it.
_PROFILE_COLUMNS = [column for column in AGENTS.c if column.name != "last_heartbeat_payload"]


def _profiles(workspace_id: int) -> Any:
    last = TASKS.alias("last_task")
    closed = or_(last.c.has_completed, last.c.has_failed, last.c.has_escalated)
    joined = AGENTS.outerjoin(last, and_(last.c.workspace_id == AGENTS.c.workspace_id,
                                         last.c.task_id == AGENTS.c.last_task_id))
    return (select(*_PROFILE_COLUMNS, closed.label("last_task_closed"))
            .select_from(joined).where(AGENTS.c.workspace_id == workspace_id))


def list_profiles(conn: Connection, where: AgentFilter) -> list[dict[str, Any]]:
    """Every agent row matching the filter, with ``last_task_closed`` (None: no such task)."""
    query = _profiles(where.workspace_id)
    for column, value in ((AGENTS.c.environment, where.environment),
                          (AGENTS.c["group"], where.group),
                          (AGENTS.c.agent_type, where.agent_type)):
        if value is not None:
            query = query.where(column == value)
    if where.project_id is not None:
        query = query.where(select(PROJECT_AGENTS.c.agent_id).where(
            PROJECT_AGENTS.c.workspace_id == where.workspace_id,
            PROJECT_AGENTS.c.project_id == where.project_id,
            PROJECT_AGENTS.c.agent_id == AGENTS.c.agent_id).exists())
    return [dict(row) for row in conn.execute(query).mappings()]


def get_profile(conn: Connection, workspace_id: int, agent_id: str) -> dict[str, Any] | None:
    row = conn.execute(
        _profiles(workspace_id).where(AGENTS.c.agent_id == agent_id)).mappings().first()
    return dict(row) if row is not None else None


def memberships(conn: Connection, workspace_id: int,
                agent_ids: Sequence[str]) -> dict[str, list[str]]:
    """Project ids per agent, sorted."""
    rows = conn.execute(
        select(PROJECT_AGENTS.c.agent_id, PROJECT_AGENTS.c.project_id)
        .where(PROJECT_AGENTS.c.workspace_id == workspace_id,
               PROJECT_AGENTS.c.agent_id.in_(agent_ids))
        .order_by(PROJECT_AGENTS.c.agent_id, PROJECT_AGENTS.c.project_id))
    found: dict[str, list[str]] = defaultdict(list)
    for agent_id, project_id in rows:
        found[agent_id].append(project_id)
    return found


def _count(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.sum(case((condition, 1), else_=0))


_COMPLETED = TASKS.c.has_completed
_TIMED = and_(_COMPLETED, TASKS.c.duration_ms.is_not(None))
# Built once: they do not depend on the request.
_FINISHED_SUMS = (
    _count(_COMPLETED).label("completed"),
    _count(and_(TASKS.c.has_failed, not_(_COMPLETED))).label("failed"),
    func.sum(case((_TIMED, TASKS.c.duration_ms), else_=0)).label("duration_sum"),
    _count(_TIMED).label("duration_count"),
)


def finished_tasks(conn: Connection, workspace_id: int, agent_ids: Sequence[str], *,
                   since: datetime, project_id: str | None,
                   buckets: Buckets | None) -> Sequence[Any]:
    """Per agent and bucket of ``completed_at`` >= ``since``: completed tasks, tasks that
    failed and never completed, and the duration sum and count of the completed ones."""
    bucket = _bucket(TASKS.c.completed_at, buckets).label("bucket")
    query = (select(TASKS.c.agent_id, bucket, *_FINISHED_SUMS)
             .where(TASKS.c.workspace_id == workspace_id, TASKS.c.agent_id.in_(agent_ids),
                    TASKS.c.completed_at >= since)
             .group_by(*_group(TASKS.c.agent_id, bucket, buckets)))
    if project_id is not None:
        query = query.where(_tasks_in(project_id))
    return conn.execute(query).all()


class UsageRow(NamedTuple):
    agent_id: str
    bucket: int
    calls: int
    cost: float | None
    """Sum of the reported costs; None when no call reported one."""
    costed: int


def llm_usage(conn: Connection, workspace_id: int, agent_ids: Sequence[str], *,
              since: datetime, project_id: str | None,
              buckets: Buckets | None) -> Sequence[Any]:
    """Per agent and bucket: ``llm_call`` events since ``since``, the sum of their costs and
    how many reported one (a null total means "no cost reported", not zero).

    Read through :func:`cost_queries.aggregate` (the hourly rollup where exact) when the
    buckets are epoch-aligned, so an agent's day costs a few dozen rollup rows."""
    if buckets is not None and buckets.origin_ms % buckets.width_ms != 0:
        return _llm_usage_raw(conn, workspace_id, agent_ids, since=since,
                              project_id=project_id, buckets=buckets)
    if not agent_ids:
        return []
    f = CallFilter(workspace_id=workspace_id, since=since,
                   agent_id=agent_ids[0] if len(agent_ids) == 1 else None)
    names: tuple[str, ...] = ("agent_id", "bucket") if buckets is not None else ("agent_id",)
    if project_id is not None:
        names += ("project_id", "in_task")
    wanted = set(agent_ids)
    sums: dict[tuple[str, int], list[Any]] = {}
    for row in cost_queries.aggregate(conn, f, names,
                                      None if buckets is None else buckets.width_ms):
        if row["agent_id"] not in wanted or (
                project_id is not None and not _call_in(row, project_id)):
            continue
        index = 0 if buckets is None else (row["bucket"] - buckets.origin_ms) // buckets.width_ms
        acc = sums.setdefault((row["agent_id"], index), [0, 0.0, 0])
        acc[0] += row["call_count"]
        acc[1] += row["cost"]
        acc[2] += row["costed_count"]
    return [UsageRow(agent_id=agent, bucket=index, calls=calls,
                     cost=cost if costed else None, costed=costed)
            for (agent, index), (calls, cost, costed) in sums.items()]


def _call_in(row: dict[str, Any], project_id: str) -> bool:
    """:func:`_calls_in` for an aggregated row."""
    if row["project_id"] == project_id:
        return True
    return bool(project_id == DEFAULT_PROJECT_ID and row["project_id"] is None
                and row["in_task"])


def _llm_usage_raw(conn: Connection, workspace_id: int, agent_ids: Sequence[str], *,
                   since: datetime, project_id: str | None,
                   buckets: Buckets | None) -> Sequence[Any]:
    bucket = _bucket(EVENTS.c.timestamp, buckets).label("bucket")
    query = (select(EVENTS.c.agent_id, bucket, func.count().label("calls"),
                    func.sum(EVENTS.c.llm_cost).label("cost"),
                    func.count(EVENTS.c.llm_cost).label("costed"))
             .where(EVENTS.c.workspace_id == workspace_id, EVENTS.c.payload_kind == "llm_call",
                    EVENTS.c.event_type == "custom", EVENTS.c.timestamp >= since,
                    EVENTS.c.agent_id.in_(agent_ids))
             .group_by(*_group(EVENTS.c.agent_id, bucket, buckets)))
    if project_id is not None:
        query = query.where(_calls_in(project_id))
    return conn.execute(query).all()


def task_mix(conn: Connection, workspace_id: int, agent_id: str, *, since: datetime,
             project_id: str | None) -> dict[str, int]:
    """Counts over the agent's tasks that started or finished since ``since``: tasks,
    escalated ones, actions, and among the finished ones those that hit an error
    (``error_count`` > 0) and those of them that still completed."""
    finished = TASKS.c.completed_at >= since
    erred = and_(finished, TASKS.c.error_count > 0)
    query = (select(func.count().label("tasks"),
                    _count(TASKS.c.has_escalated).label("escalated"),
                    func.sum(TASKS.c.action_count).label("actions"),
                    _count(erred).label("erred"),
                    _count(and_(erred, _COMPLETED)).label("recovered"))
             .where(TASKS.c.workspace_id == workspace_id, TASKS.c.agent_id == agent_id,
                    or_(TASKS.c.started_at >= since, finished)))
    if project_id is not None:
        query = query.where(_tasks_in(project_id))
    row = conn.execute(query).mappings().one()
    return {name: int(value or 0) for name, value in row.items()}


def hourly_heartbeats(conn: Connection, workspace_id: int, agent_id: str, *,
                      since: datetime) -> list[Any]:
    """(timestamp, payload, seq) of the latest heartbeat carrying a payload in each clock
    hour since ``since``, oldest first; exact-timestamp duplicates are all returned, in
    insert order, for the caller to pick from.

    A recursive walk down the hours: the newest heartbeat, then the newest one before its
    hour, and so on -- one backward index seek per hour that has heartbeats. Grouping the
    day instead read every event of a busy agent's day (thousands) for 24 rows; a union of
    one seek per hour cost PostgreSQL more to plan than to run.
    """
    carried = cast(EVENTS.c.payload, String).not_in(["null", "{}"])
    # ``event_type || ''`` cannot be served by an index: it keeps SQLite (no statistics) on
    # (agent, time) rather than every agent's heartbeats through (event type, time).
    heartbeat = EVENTS.c.event_type.concat("") == "heartbeat"
    base = (EVENTS.c.workspace_id == workspace_id, EVENTS.c.agent_id == agent_id, heartbeat,
            carried)
    millis = type_coerce(EVENTS.c.timestamp, BigInteger)

    def newest(*before: ColumnElement[bool]) -> Any:
        return (select(millis).where(*base, EVENTS.c.timestamp >= since, *before)
                .order_by(EVENTS.c.timestamp.desc()).limit(1).scalar_subquery())

    walk = select(newest().label("ts")).cte("heartbeat_hours", recursive=True)
    # Floored, also before 1970 (``%`` keeps the dividend's sign), so every step goes down.
    hour_start = walk.c.ts - ((walk.c.ts % _int(HOUR_MS)) + _int(HOUR_MS)) % _int(HOUR_MS)
    walk = walk.union_all(select(newest(millis < hour_start)).where(walk.c.ts.is_not(None)))
    # No time range here: SQLite would scan it and filter by the list instead of seeking
    # each listed timestamp.
    query = (select(EVENTS.c.timestamp, EVENTS.c.payload, EVENTS.c.seq)
             .where(*base, millis.in_(select(walk.c.ts)))
             .order_by(EVENTS.c.timestamp, EVENTS.c.seq))
    return list(conn.execute(query).all())


# --- units of work: everything one request reads, in one connection -------------------------

NO_PROJECT = ""
"""Scope of a project filter naming no project: no task or event has an empty project id,
so stats scoped to it are empty (an unknown filter matches nothing, it is not an error)."""


def resolve_scope(conn: Connection, workspace_id: int, project_ref: str | None) -> str | None:
    """None without a filter; the project's id for its id or slug; else :data:`NO_PROJECT`."""
    if project_ref is None:
        return None
    project = find_project(conn, workspace_id, project_ref)
    return project.project_id if project is not None else NO_PROJECT


def read_profiles(conn: Connection, where: AgentFilter,
                  project_ref: str | None) -> tuple[list[dict[str, Any]], str | None]:
    """The agents matching the filters (``where.project_id`` is ignored: ``project_ref`` is
    resolved here) and the resolved stats scope."""
    scope = resolve_scope(conn, where.workspace_id, project_ref)
    if scope == NO_PROJECT:
        return [], scope
    return list_profiles(conn, replace(where, project_id=scope)), scope


@dataclass(frozen=True, slots=True)
class CardWindow:
    """What one page of agent cards covers."""

    since: datetime
    """Start of the stats and sparkline hour."""
    sparkline: Buckets
    issues_since: datetime


@dataclass(slots=True)
class CardRows:
    memberships: dict[str, list[str]]
    depths: dict[str, Any]
    """Raw ``data.depth`` of each agent's latest queue snapshot."""
    issues: dict[str, int]
    """Active issues per agent inside the issue window (agents with none are absent)."""
    finished: Sequence[Any]
    """:func:`finished_tasks` rows in sparkline buckets."""
    llm: Sequence[Any]
    """:func:`llm_usage` rows, one total per agent."""


def read_cards(conn: Connection, workspace_id: int, agent_ids: Sequence[str],
               window: CardWindow, project_id: str | None) -> CardRows:
    """Six statements for the whole page, never one per agent."""
    return CardRows(
        memberships=memberships(conn, workspace_id, agent_ids),
        depths=pipeline_queries.latest_queue_depths(conn, workspace_id, agent_ids),
        issues=agent_issues.active_counts(conn, workspace_id, agent_ids,
                                          since=window.issues_since),
        finished=finished_tasks(conn, workspace_id, agent_ids, since=window.since,
                                project_id=project_id, buckets=window.sparkline),
        llm=llm_usage(conn, workspace_id, agent_ids, since=window.since,
                      project_id=project_id, buckets=None),
    )


@dataclass(frozen=True, slots=True)
class DetailWindow:
    cards: CardWindow
    since: datetime
    """Start of the stats range."""
    series: Buckets
    """The metrics grid; its rows start at the later of ``since`` and its first bucket."""
    series_since: datetime
    heartbeats_since: datetime


@dataclass(slots=True)
class DetailRows:
    agent: dict[str, Any]
    cards: CardRows
    finished: Sequence[Any]
    llm: Sequence[Any]
    mix: dict[str, int]
    heartbeats: Sequence[Any]


def read_detail(conn: Connection, workspace_id: int, agent_id: str, project_ref: str | None,
                window: DetailWindow) -> DetailRows | None:
    """None when the workspace has no such agent."""
    agent = get_profile(conn, workspace_id, agent_id)
    if agent is None:
        return None
    scope = resolve_scope(conn, workspace_id, project_ref)
    one = [agent_id]
    return DetailRows(
        agent=agent,
        cards=read_cards(conn, workspace_id, one, window.cards, scope),
        finished=finished_tasks(conn, workspace_id, one, since=window.series_since,
                                project_id=scope, buckets=window.series),
        llm=llm_usage(conn, workspace_id, one, since=window.series_since, project_id=scope,
                      buckets=window.series),
        mix=task_mix(conn, workspace_id, agent_id, since=window.since, project_id=scope),
        heartbeats=hourly_heartbeats(conn, workspace_id, agent_id,
                                     since=window.heartbeats_since),
    )
