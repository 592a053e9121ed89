"""Reads of the ``task_outcomes_hourly`` rollup: the whole-hour part of a task count.

:mod:`hiveboard.store.metrics_queries` and :mod:`hiveboard.store.project_queries` split a
window with :func:`hiveboard.domain.task_outcomes.split_window`, read the whole hours here and
the cut edge hours from ``tasks``; rows come out with the grouping columns asked for plus every
measure of :data:`hiveboard.domain.task_outcomes.MEASURES`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import BigInteger, func, literal_column, select
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from hiveboard.domain.task_outcomes import MEASURES
from hiveboard.store.tables import TASK_OUTCOMES_HOURLY

COLUMNS = TASK_OUTCOMES_HOURLY.c


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
