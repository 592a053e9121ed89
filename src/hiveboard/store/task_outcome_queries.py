"""Reads of the ``task_outcomes_hourly`` rollup: the whole-hour part of a task count.

:mod:`hiveboard.store.metrics_queries` and :mod:`hiveboard.store.project_queries` split a
window with :func:`hiveboard.domain.task_outcomes.split_window`, read the whole hours here and
the cut edge hours from ``tasks``; rows come out with the grouping columns asked for plus every
measure of :data:`hiveboard.domain.task_outcomes.MEASURES`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import BigInteger, func, literal_column, or_, select
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from hiveboard.domain.task_outcomes import MEASURES, WindowSplit
from hiveboard.store.tables import TASK_OUTCOMES_HOURLY

COLUMNS = TASK_OUTCOMES_HOURLY.c


def dirty_edges(conn: Connection, where: Sequence[ColumnElement[bool]],
                split: WindowSplit) -> set[int]:
    """Cut hours holding a matching row that may count a time outside the window: those hours
    are read from ``tasks``."""
    if not split.edges:
        return set()
    t = COLUMNS
    query = select(t.hour_ms).distinct().where(
        *where, t.hour_ms.in_([h for h, _, _ in split.edges]),
        or_(t.first_ms < split.since, t.last_ms >= split.until))
    return {int(row.hour_ms) for row in conn.execute(query)}


def read(conn: Connection, where: Sequence[ColumnElement[bool]], split: WindowSplit,
         names: Sequence[str], width_ms: int | None = None, *,
         ended_only: bool = False) -> tuple[list[dict[str, Any]], list[tuple[int, int]]]:
    """The rollup's part of ``split`` (see :func:`sums`) and the spans left to ``tasks``."""
    dirty = dirty_edges(conn, where, split)
    hours = split.rollup_hours(dirty)
    rows = ([] if hours is None
            else sums(conn, where, hours, names, width_ms, ended_only=ended_only))
    return rows, split.raw_spans(dirty)


def sums(conn: Connection, where: Sequence[ColumnElement[bool]], hours: tuple[int, int],
         names: Sequence[str], width_ms: int | None = None, *,
         ended_only: bool = False) -> list[dict[str, Any]]:
    """Measure sums over the hours ``[first, end)`` of the rows ``where`` selects, grouped by
    ``names`` (a subset of bucket, agent_id, project_id; ``bucket`` needs ``width_ms``, a
    multiple of the hour). ``ended_only`` keeps groups holding a terminal task."""
    t = COLUMNS
    keys: list[Any] = []
    if "bucket" in names:
        assert width_ms is not None
        # Inline width: SELECT and GROUP BY must hold the identical expression on PostgreSQL.
        width = literal_column(str(int(width_ms)), BigInteger)
        keys.append(((t.hour_ms // width) * width).label("bucket"))
    for name in ("agent_id", "project_id"):
        if name in names:
            keys.append(t[name])
    query = select(*keys, *(func.sum(t[m]).label(m) for m in MEASURES)).where(
        *where, t.hour_ms >= hours[0], t.hour_ms < hours[1])
    if keys:
        query = query.group_by(*keys)
    out = []
    for row in conn.execute(query).mappings():
        if row["started"] is None:  # no key: one all-null row when nothing matched
            continue
        found = {m: int(row[m]) for m in MEASURES}
        if ended_only and found["ended"] == 0:
            continue
        found.update({name: (int(row[name]) if name == "bucket" else row[name])
                      for name in names})
        out.append(found)
    return out
