"""Reads of the ``llm_usage_hourly`` rollup: the whole-hour part of a cost or metrics query.

:mod:`hiveboard.store.cost_queries` decides (through :func:`hiveboard.domain.llm_usage.
plan_window`) when a query may come from here and adds the raw-event part of dirty edge hours.
Rows come out in the shape of the raw aggregates: the grouping columns asked for plus
``call_count``, ``cost``, ``tokens_in``, ``tokens_out``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import BigInteger, func, literal_column, or_, select
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from hiveboard.domain.llm_usage import WindowPlan
from hiveboard.store.tables import LLM_USAGE_HOURLY


@dataclass(frozen=True, slots=True)
class UsageFilter:
    """Dimensions a read narrows to; None means any. ``project_id`` is a resolved id."""

    workspace_id: int
    project_id: str | None = None
    agent_id: str | None = None
    environment: str | None = None
    group: str | None = None
    model: str | None = None


def _conditions(uf: UsageFilter) -> list[ColumnElement[bool]]:
    t = LLM_USAGE_HOURLY.c
    conds: list[ColumnElement[bool]] = [t.workspace_id == uf.workspace_id]
    for column, value in (("project_id", uf.project_id), ("agent_id", uf.agent_id),
                          ("environment", uf.environment), ("group", uf.group)):
        if value is not None:
            conds.append(t[column] == value)
    if uf.model is not None:
        conds += [t.has_model.is_(True), t.model == uf.model]
    return conds


def dirty_edges(conn: Connection, uf: UsageFilter, plan: WindowPlan) -> set[int]:
    """Edge hours holding a matching row with a call outside the window: those hours must be
    read from raw events."""
    if not plan.edges:
        return set()
    t = LLM_USAGE_HOURLY.c
    query = select(t.hour_ms).distinct().where(
        *_conditions(uf), t.hour_ms.in_(plan.edges),
        or_(t.first_call_ms < plan.since, t.last_call_ms >= plan.until))
    return {int(row.hour_ms) for row in conn.execute(query)}


def measures(conn: Connection, uf: UsageFilter, hours: tuple[int, int], names: Sequence[str],
             width_ms: int | None) -> list[dict[str, Any]]:
    """Sums over the hours ``[first, last]`` (inclusive), grouped by ``names`` (a subset of
    bucket, agent_id, model, project_id, in_task); ``bucket`` needs ``width_ms``, a multiple
    of the hour."""
    t = LLM_USAGE_HOURLY.c
    keys: list[Any] = []
    if "bucket" in names:
        assert width_ms is not None
        # Inline width: SELECT and GROUP BY must hold the identical expression on PostgreSQL.
        width = literal_column(str(int(width_ms)), BigInteger)
        keys.append(((t.hour_ms // width) * width).label("bucket"))
    if "agent_id" in names:
        keys.append(t.agent_id)
    if "model" in names:
        keys += [t.model, t.has_model]
    if "project_id" in names:
        keys.append(t.project_id)
    if "in_task" in names:
        keys.append(t.in_task)
    query = select(
        *keys, func.sum(t.call_count).label("call_count"),
        func.sum(t.costed_count).label("costed_count"), func.sum(t.cost).label("cost"),
        func.sum(t.tokens_in).label("tokens_in"), func.sum(t.tokens_out).label("tokens_out"),
    ).where(*_conditions(uf), t.hour_ms >= hours[0], t.hour_ms <= hours[1])
    if keys:
        query = query.group_by(*keys)
    out = []
    for row in conn.execute(query):
        if row.call_count is None:  # no key: one all-null row when nothing matched
            continue
        found: dict[str, Any] = {
            "call_count": int(row.call_count), "costed_count": int(row.costed_count),
            "cost": float(row.cost),
            "tokens_in": int(row.tokens_in), "tokens_out": int(row.tokens_out)}
        if "bucket" in names:
            found["bucket"] = int(row.bucket)
        if "agent_id" in names:
            found["agent_id"] = row.agent_id
        if "model" in names:
            found["model"] = row.model if row.has_model else None
        if "project_id" in names:
            found["project_id"] = row.project_id or None
        if "in_task" in names:
            found["in_task"] = bool(row.in_task)
        out.append(found)
    return out
