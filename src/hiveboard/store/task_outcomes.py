"""The ``task_outcomes_hourly`` rollup: changed with each task rollup change, rebuildable.

Writers of ``tasks`` (ingest's fold, retention's repairs) pass each task's counted columns
before and after their write; :func:`apply_changes` adds the difference in the same
transaction. :func:`rebuild` recomputes the table from ``tasks`` with plain SQL, so the
incremental path is checked against an independent computation (tests compare both).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from sqlalchemy import (
    BigInteger,
    and_,
    bindparam,
    case,
    delete,
    func,
    literal,
    literal_column,
    select,
    type_coerce,
    union_all,
)
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from hiveboard.domain.task_outcomes import MEASURES, OutcomeKey, TaskOutcome
from hiveboard.store.dialect import built_once, insert_for
from hiveboard.store.tables import TASK_OUTCOMES_HOURLY, TASKS
from hiveboard.store.types import hour_start, to_millis

KEY_COLUMNS: Final = ("workspace_id", "hour_ms", "agent_id", "project_id", "environment",
                      "group")
OUTCOME_COLUMNS: Final = ("agent_id", "project_id", "environment", "group", "started_at",
                          "completed_at", "has_completed", "has_failed", "has_escalated",
                          "duration_ms")
"""The ``tasks`` columns a task's contribution depends on."""


def outcome(values: Mapping[Any, Any]) -> TaskOutcome:
    """The counted part of a task row (or of :func:`hiveboard.store.tasks.stored_values`)."""
    completed = values["completed_at"]
    return TaskOutcome(
        agent_id=values["agent_id"], project_id=values["project_id"],
        environment=values["environment"], group=values["group"],
        started_ms=to_millis(values["started_at"]),
        completed_ms=None if completed is None else to_millis(completed),
        has_completed=bool(values["has_completed"]), has_failed=bool(values["has_failed"]),
        has_escalated=bool(values["has_escalated"]), duration_ms=values["duration_ms"])


def _upsert_statement(dialect: str) -> Any:
    stmt = insert_for(dialect)(TASK_OUTCOMES_HOURLY)
    t, new = TASK_OUTCOMES_HOURLY.c, stmt.excluded
    return stmt.on_conflict_do_update(index_elements=list(KEY_COLUMNS), set_={
        **{name: t[name] + new[name] for name in MEASURES},
        "first_ms": case((new.first_ms < t.first_ms, new.first_ms), else_=t.first_ms),
        "last_ms": case((new.last_ms > t.last_ms, new.last_ms), else_=t.last_ms),
    })


def apply_changes(conn: Connection, workspace_id: int,
                  changes: Mapping[OutcomeKey, Mapping[str, int]]) -> None:
    """Add measure changes to their rows (creating missing ones) and drop rows left empty."""
    if not changes:
        return
    t = TASK_OUTCOMES_HOURLY.c
    stmt = built_once(conn, _upsert_statement)
    # One lock order for every batch, so concurrent upserts never deadlock on PostgreSQL.
    ordered = sorted(changes)
    conn.execute(stmt, [{"workspace_id": workspace_id, "hour_ms": key[0], "agent_id": key[1],
                         "project_id": key[2], "environment": key[3], "group": key[4],
                         **changes[key]} for key in ordered])
    # Only a row that lost something can be empty now; it is already locked by this
    # transaction, so the delete takes no new lock.
    shrunk = [key for key in ordered if any(v < 0 for v in changes[key].values())]
    if shrunk:
        conn.execute(
            delete(TASK_OUTCOMES_HOURLY).where(
                t.workspace_id == bindparam("b_ws"), t.hour_ms == bindparam("b_hour"),
                t.agent_id == bindparam("b_agent"), t.project_id == bindparam("b_project"),
                t.environment == bindparam("b_env"), t.group == bindparam("b_group"),
                t.started == 0, t.ended == 0),
            [{"b_ws": workspace_id, "b_hour": k[0], "b_agent": k[1], "b_project": k[2],
              "b_env": k[3], "b_group": k[4]} for k in shrunk])



def _flag(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return case((condition, 1), else_=0)


def rebuild(conn: Connection, workspace_id: int | None = None) -> int:
    """Recompute the rollup from ``tasks`` (one workspace, or all); returns rows written."""
    t = TASKS.c
    purge = delete(TASK_OUTCOMES_HOURLY)
    where: list[ColumnElement[bool]] = []
    if workspace_id is not None:
        where.append(t.workspace_id == workspace_id)
        purge = purge.where(TASK_OUTCOMES_HOURLY.c.workspace_id == workspace_id)
    conn.execute(purge)
    zero = literal(0, BigInteger)
    dims = [t.workspace_id.label("w"), t.agent_id.label("a"),
            func.coalesce(t.project_id, literal_column("''")).label("p"),
            t.environment.label("e"), t.group.label("g")]
    done = t.has_completed.is_(True)
    timed = and_(done, t.duration_ms.is_not(None))
    starts = select(hour_start(t.started_at).label("h"), *dims, literal(1, BigInteger).label("s"),
                    _flag(t.has_escalated.is_(True)).label("x"), zero.label("n"),
                    zero.label("c"), zero.label("f"), zero.label("ds"),
                    zero.label("dn"), type_coerce(t.started_at, BigInteger).label("ts")
                    ).where(*where)
    ends = select(hour_start(t.completed_at), *dims, zero, zero, literal(1, BigInteger),
                  _flag(done), _flag(and_(t.has_failed.is_(True), t.has_completed.is_(False))),
                  case((timed, t.duration_ms), else_=0), _flag(timed),
                  type_coerce(t.completed_at, BigInteger)).where(
        *where, t.completed_at.is_not(None))
    parts = union_all(starts, ends).subquery()
    p = parts.c
    keys = [p.w, p.h, p.a, p.p, p.e, p.g]
    query = select(*keys, *(func.sum(p[c]) for c in ("s", "x", "n", "c", "f", "ds", "dn")),
                   func.min(p.ts), func.max(p.ts)).group_by(*keys)
    conn.execute(TASK_OUTCOMES_HOURLY.insert().from_select(
        [*KEY_COLUMNS, *MEASURES, "first_ms", "last_ms"], query))
    # Counted, not rowcount: psycopg reports 0 for INSERT ... SELECT through SQLAlchemy.
    count = select(func.count()).select_from(TASK_OUTCOMES_HOURLY)
    if workspace_id is not None:
        count = count.where(TASK_OUTCOMES_HOURLY.c.workspace_id == workspace_id)
    return int(conn.execute(count).scalar_one())


def delete_project(conn: Connection, workspace_id: int, project_id: str) -> None:
    """Drop a deleted project's outcomes (its tasks go in the same transaction)."""
    conn.execute(delete(TASK_OUTCOMES_HOURLY).where(
        TASK_OUTCOMES_HOURLY.c.workspace_id == workspace_id,
        TASK_OUTCOMES_HOURLY.c.project_id == project_id))
