"""The ``error_events_hourly`` rollup: failure events per hour, added at ingest, rebuildable.

Events are never changed once stored, so ingest only adds; retention recomputes the hours it
deleted failures from and a project delete drops the project's rows. Reads go through
:func:`hiveboard.domain.task_outcomes.split_window` like the task outcome rollup: whole hours
and cleanly cut hours from here, the other cut hours from events.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

from sqlalchemy import BigInteger, case, delete, func, literal_column, or_, select, type_coerce
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from hiveboard.domain.llm_usage import HOUR_MS, hour_of
from hiveboard.domain.task_outcomes import WindowSplit
from hiveboard.store.dialect import built_once, insert_for
from hiveboard.store.tables import ERROR_EVENTS_HOURLY, EVENTS
from hiveboard.store.types import from_millis, hour_start, to_millis

ERROR_EVENT_TYPES: Final = ("action_failed", "task_failed")
KEY_COLUMNS: Final = ("workspace_id", "hour_ms", "agent_id", "project_id", "environment",
                      "group")
ErrorKey = tuple[int, str, str, str, str]


def _fold(rows: Sequence[Mapping[str, Any]]) -> dict[ErrorKey, list[int]]:
    """(hour, agent, project or '', environment, group) -> [count, first ms, last ms]."""
    out: dict[ErrorKey, list[int]] = {}
    for row in rows:
        if row["event_type"] not in ERROR_EVENT_TYPES:
            continue
        ts = to_millis(row["timestamp"])
        key = (hour_of(ts), row["agent_id"], row["project_id"] or "", row["environment"],
               row["group"])
        found = out.get(key)
        if found is None:
            out[key] = [1, ts, ts]
        else:
            found[0] += 1
            found[1] = min(found[1], ts)
            found[2] = max(found[2], ts)
    return out


def _upsert_statement(dialect: str) -> Any:
    stmt = insert_for(dialect)(ERROR_EVENTS_HOURLY)
    t, new = ERROR_EVENTS_HOURLY.c, stmt.excluded
    return stmt.on_conflict_do_update(index_elements=list(KEY_COLUMNS), set_={
        "error_count": t.error_count + new.error_count,
        "first_ms": case((new.first_ms < t.first_ms, new.first_ms), else_=t.first_ms),
        "last_ms": case((new.last_ms > t.last_ms, new.last_ms), else_=t.last_ms),
    })


def apply_batch(conn: Connection, workspace_id: int, rows: Sequence[Mapping[str, Any]]) -> None:
    """Add newly inserted event rows' failures (``timestamp`` a datetime) to the rollup."""
    folded = _fold(rows)
    if not folded:
        return
    # One lock order for every batch, so concurrent upserts never deadlock on PostgreSQL.
    conn.execute(built_once(conn, _upsert_statement), [
        {"workspace_id": workspace_id, "hour_ms": k[0], "agent_id": k[1],
         "project_id": k[2], "environment": k[3], "group": k[4],
         "error_count": v[0], "first_ms": v[1], "last_ms": v[2]}
        for k, v in sorted(folded.items())])



def rebuild(conn: Connection, workspace_id: int | None = None, *,
            hours: tuple[int, int] | None = None) -> int:
    """Recompute the rollup from events (all, one workspace, or its hours ``[start, end)``);
    returns the rows of the scope afterwards."""
    e, t = EVENTS.c, ERROR_EVENTS_HOURLY.c
    where: list[ColumnElement[bool]] = [e.event_type.in_(ERROR_EVENT_TYPES)]
    purge = delete(ERROR_EVENTS_HOURLY)
    count = select(func.count()).select_from(ERROR_EVENTS_HOURLY)
    if workspace_id is not None:
        where.append(e.workspace_id == workspace_id)
        purge = purge.where(t.workspace_id == workspace_id)
        count = count.where(t.workspace_id == workspace_id)
    if hours is not None:
        if workspace_id is None:
            raise ValueError("an hour range is rebuilt in one workspace")
        where += [e.timestamp >= from_millis(hours[0]), e.timestamp < from_millis(hours[1])]
        purge = purge.where(t.hour_ms >= hours[0], t.hour_ms < hours[1])
    conn.execute(purge)
    keys = [e.workspace_id, hour_start(e.timestamp), e.agent_id,
            func.coalesce(e.project_id, literal_column("''")), e.environment, e.group]
    ts = type_coerce(e.timestamp, BigInteger)
    query = select(*keys, func.count(), func.min(ts), func.max(ts)).where(*where).group_by(*keys)
    conn.execute(ERROR_EVENTS_HOURLY.insert().from_select(
        [*KEY_COLUMNS, "error_count", "first_ms", "last_ms"], query))
    return int(conn.execute(count).scalar_one())


def repair_after_purge(conn: Connection, workspace_id: int,
                       deleted: Sequence[Mapping[str, Any]]) -> None:
    """Recompute the hours that lost failures among ``deleted`` event rows."""
    hours = [hour_of(to_millis(r["timestamp"])) for r in deleted
             if r["event_type"] in ERROR_EVENT_TYPES]
    if hours:
        rebuild(conn, workspace_id, hours=(min(hours), max(hours) + HOUR_MS))


def delete_project(conn: Connection, workspace_id: int, project_id: str) -> None:
    conn.execute(delete(ERROR_EVENTS_HOURLY).where(
        ERROR_EVENTS_HOURLY.c.workspace_id == workspace_id,
        ERROR_EVENTS_HOURLY.c.project_id == project_id))


def read(conn: Connection, where: Sequence[ColumnElement[bool]], split: WindowSplit,
         width_ms: int) -> tuple[dict[int, int], list[tuple[int, int]]]:
    """Failures per bucket from the rollup's part of ``split``, and the spans left to events.
    ``where`` filters rollup rows."""
    t = ERROR_EVENTS_HOURLY.c
    dirty: set[int] = set()
    if split.edges:
        dirty = {int(r[0]) for r in conn.execute(select(t.hour_ms).distinct().where(
            *where, t.hour_ms.in_([h for h, _, _ in split.edges]),
            or_(t.first_ms < split.since, t.last_ms >= split.until)))}
    hours = split.rollup_hours(dirty)
    out: dict[int, int] = {}
    if hours is not None:
        width = literal_column(str(int(width_ms)), BigInteger)
        bucket = ((t.hour_ms // width) * width).label("bucket")
        for row in conn.execute(select(bucket, func.sum(t.error_count)).where(
                *where, t.hour_ms >= hours[0], t.hour_ms < hours[1]).group_by(bucket)):
            out[int(row[0])] = int(row[1])
    return out, split.raw_spans(dirty)
