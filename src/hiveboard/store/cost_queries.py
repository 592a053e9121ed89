"""LLM calls: totals, groups, time buckets and keyset pages.

An LLM call is a ``custom`` event whose payload kind is ``llm_call``. Cost, tokens and model
were extracted into ``llm_*`` columns at ingest, so every aggregate here is a plain SQL
SUM/COUNT over those columns -- no payload is parsed per row -- and /v1/cost, /v1/llm-calls
and /v1/metrics count exactly the same rows through the same :func:`_conditions`.

Aggregates read the ``llm_usage_hourly`` rollup for the hours it answers exactly and raw
events for the rest (:func:`aggregate`); per-call pages always read events.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, Final

from sqlalchemy import (
    BigInteger,
    and_,
    case,
    func,
    literal,
    literal_column,
    or_,
    select,
    type_coerce,
)
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from hiveboard.domain.llm_usage import WindowPlan, clean_hours, merge, plan_window
from hiveboard.store import llm_usage_queries
from hiveboard.store.llm_usage_queries import UsageFilter
from hiveboard.store.projects import find_project
from hiveboard.store.tables import EVENTS
from hiveboard.store.types import from_millis, to_millis

LLM_CALL_KIND: Final = "llm_call"
GROUP_COLUMNS: Final = {"agent": ("agent_id",), "model": ("llm_model",),
                        "agent_model": ("agent_id", "llm_model")}
"""Columns each ``group_by`` value groups on."""
ZERO_TOTALS: Final = {"call_count": 0, "costed_count": 0, "cost": 0.0, "tokens_in": 0,
                      "tokens_out": 0}
END_OF_TIME_MS: Final = 253_402_300_800_000
"""Year 10000, hour-aligned: after every storable timestamp, the end of an open window."""


@dataclass(frozen=True, slots=True)
class CallFilter:
    """Which LLM calls a query covers; None means "any". ``since`` inclusive, ``until``
    exclusive; ``project_id`` is an already-resolved project id, never a slug."""

    workspace_id: int
    since: datetime | None = None
    until: datetime | None = None
    project_id: str | None = None
    agent_id: str | None = None
    environment: str | None = None
    group: str | None = None
    model: str | None = None
    task_id: str | None = None


def _conditions(f: CallFilter) -> list[ColumnElement[bool]]:
    c = EVENTS.c
    conds: list[ColumnElement[bool]] = [
        c.workspace_id == f.workspace_id,
        # Inline literals: a partial index is only provably usable against constants
        # (PostgreSQL's generic plans for prepared statements cannot use it with parameters).
        c.payload_kind == literal(LLM_CALL_KIND, literal_execute=True),
        c.event_type == literal("custom", literal_execute=True)]
    if f.since is not None:
        conds.append(c.timestamp >= f.since)
    if f.until is not None:
        conds.append(c.timestamp < f.until)
    for column, value in (("project_id", f.project_id), ("agent_id", f.agent_id),
                          ("environment", f.environment), ("group", f.group),
                          ("llm_model", f.model), ("task_id", f.task_id)):
        if value is not None:
            conds.append(c[column] == value)
    return conds


def _measures() -> list[Any]:
    """Missing costs and token counts count as 0 (CostTotals)."""
    c = EVENTS.c
    return [
        func.count().label("call_count"),
        func.count(c.llm_cost).label("costed_count"),
        func.coalesce(func.sum(c.llm_cost), 0.0).label("cost"),
        func.coalesce(func.sum(c.llm_tokens_in), 0).label("tokens_in"),
        func.coalesce(func.sum(c.llm_tokens_out), 0).label("tokens_out"),
    ]


def _numbers(row: Any) -> dict[str, Any]:
    # PostgreSQL returns SUM(bigint) as numeric (Decimal): normalise once here.
    return {"call_count": int(row.call_count), "costed_count": int(row.costed_count),
            "cost": float(row.cost),
            "tokens_in": int(row.tokens_in), "tokens_out": int(row.tokens_out)}


def _aggregate(conn: Connection, f: CallFilter, names: Sequence[str],
               width_ms: int | None) -> list[dict[str, Any]]:
    """Raw-event sums grouped by ``names`` (a subset of bucket, agent_id, model, project_id,
    in_task), groups with calls only, in the row shape of
    :func:`hiveboard.store.llm_usage_queries.measures`."""
    keys: list[Any] = []
    if "bucket" in names:
        assert width_ms is not None
        keys.append(bucket_expr(EVENTS.c.timestamp, width_ms).label("bucket"))
    if "agent_id" in names:
        keys.append(EVENTS.c.agent_id)
    if "model" in names:
        keys.append(EVENTS.c.llm_model)
    if "project_id" in names:
        keys.append(EVENTS.c.project_id)
    if "in_task" in names:
        keys.append(EVENTS.c.task_id.is_not(None).label("in_task"))
    query = select(*keys, *_measures()).where(*_conditions(f))
    if keys:
        query = query.group_by(*keys)
    out = []
    for row in conn.execute(query):
        found = _numbers(row)
        if found["call_count"] == 0:
            continue
        if "bucket" in names:
            found["bucket"] = int(row.bucket)
        if "agent_id" in names:
            found["agent_id"] = row.agent_id
        if "model" in names:
            found["model"] = row.llm_model
        if "project_id" in names:
            found["project_id"] = row.project_id
        if "in_task" in names:
            found["in_task"] = bool(row.in_task)
        out.append(found)
    return out


def _plan(f: CallFilter, width_ms: int | None) -> WindowPlan | None:
    """When the rollup can answer ``f`` exactly: a window with a start and no per-task filter
    (tasks are not a rollup dimension)."""
    if f.since is None or f.task_id is not None or f.project_id == "":
        return None
    until = END_OF_TIME_MS if f.until is None else to_millis(f.until)
    return plan_window(to_millis(f.since), until, width_ms)


def _usage_filter(f: CallFilter) -> UsageFilter:
    return UsageFilter(workspace_id=f.workspace_id, project_id=f.project_id,
                       agent_id=f.agent_id, environment=f.environment, group=f.group,
                       model=f.model)


def aggregate(conn: Connection, f: CallFilter, names: Sequence[str],
              width_ms: int | None = None, *, use_rollup: bool = True) -> list[dict[str, Any]]:
    """Sums of the calls ``f`` covers grouped by ``names``; identical numbers whether read
    from the hourly rollup (whole or clean hours) plus raw events (dirty edge hours), or from
    raw events alone (``use_rollup=False``, or a query the rollup cannot answer)."""
    plan = _plan(f, width_ms) if use_rollup else None
    if plan is None:
        return _aggregate(conn, f, names, width_ms)
    uf = _usage_filter(f)
    dirty = llm_usage_queries.dirty_edges(conn, uf, plan)
    parts = []
    hours = clean_hours(plan, dirty)
    if hours is not None:
        parts.append(llm_usage_queries.measures(conn, uf, hours, names, width_ms))
    for hour in sorted(dirty):
        lo, hi = plan.raw_span(hour)
        edge = replace(f, since=from_millis(lo), until=from_millis(hi))
        parts.append(_aggregate(conn, edge, names, width_ms))
    return merge(parts, tuple(names))


def totals(conn: Connection, f: CallFilter, *, use_rollup: bool = True) -> dict[str, Any]:
    """``{call_count, cost, tokens_in, tokens_out}``, zeros when nothing matches."""
    found = aggregate(conn, f, (), use_rollup=use_rollup)
    return found[0] if found else dict(ZERO_TOTALS)


def groups(conn: Connection, f: CallFilter, group_by: str, *,
           use_rollup: bool = True) -> list[dict[str, Any]]:
    """One row per group with ``agent_id``/``model`` (None when not grouped on) and measures,
    in no particular order."""
    names = tuple("model" if c == "llm_model" else c for c in GROUP_COLUMNS[group_by])
    return [{"agent_id": None, "model": None, **row}
            for row in aggregate(conn, f, names, use_rollup=use_rollup)]


def bucket_expr(column: Any, width_ms: int) -> ColumnElement[Any]:
    """Epoch-ms start of the bucket holding ``column``: integer division on both databases.

    The width is rendered inline, so SELECT and GROUP BY hold the identical expression
    (PostgreSQL rejects them when each carries its own bind parameter).
    """
    width = literal_column(str(int(width_ms)), BigInteger)
    return (_as_int(column) // width) * width


def _as_int(column: Any) -> ColumnElement[int]:
    """An epoch-ms column as the plain integer it is stored as (no datetime conversion)."""
    return type_coerce(column, BigInteger)


def buckets(conn: Connection, f: CallFilter, width_ms: int, by_model: bool, *,
            use_rollup: bool = True) -> list[dict[str, Any]]:
    """Measures per (bucket start in epoch ms[, model]) for buckets that hold calls."""
    names = ("bucket", "model") if by_model else ("bucket",)
    return [{"model": None, **row}
            for row in aggregate(conn, f, names, width_ms, use_rollup=use_rollup)]


# ---------------------------------------------------------------- per-call pages

def _tokens_expr() -> ColumnElement[Any]:
    """``tokens_in + tokens_out`` with a missing side as 0; null only when both are missing."""
    c = EVENTS.c
    return case(
        (and_(c.llm_tokens_in.is_(None), c.llm_tokens_out.is_(None)), None),
        else_=func.coalesce(c.llm_tokens_in, 0) + func.coalesce(c.llm_tokens_out, 0))


def _sort_value(sort: str) -> ColumnElement[Any]:
    if sort in ("newest", "oldest"):
        return _as_int(EVENTS.c.timestamp)
    if sort == "cost":
        return EVENTS.c.llm_cost
    return _tokens_expr()


CALL_COLUMNS: Final = ("seq", "event_id", "agent_id", "task_id", "project_id", "timestamp",
                       "llm_model", "llm_tokens_in", "llm_tokens_out", "llm_cost",
                       "duration_ms", "payload")


def _after(value: ColumnElement[Any], seq: Any, sort: str,
           key: Sequence[Any]) -> ColumnElement[bool]:
    """Rows strictly after the cursor row ``key = (sort value, seq)`` in the sort's order."""
    last, last_seq = key
    if sort == "oldest":
        return or_(value > last, and_(value == last, seq > last_seq))
    if sort == "newest":
        return or_(value < last, and_(value == last, seq < last_seq))
    # cost/tokens: largest first, nulls last, ties by the later-stored call first.
    if last is None:
        return and_(value.is_(None), seq < last_seq)
    return or_(value < last, and_(value == last, seq < last_seq), value.is_(None))


def page(conn: Connection, f: CallFilter, sort: str, after: Sequence[Any] | None,
         limit: int) -> list[dict[str, Any]]:
    """Up to ``limit`` calls in ``sort`` order after the cursor key; each row carries its
    keyset key as ``sort_value``.

    The order is found on ix_events_llm_calls alone (it holds every sort key), and only the
    page's rows are then read from the table: sorting a day of calls by cost would otherwise
    drag every payload through the sorter.
    """
    value = _sort_value(sort)
    seq = EVENTS.c.seq
    conds = _conditions(f)
    if after is not None:
        conds.append(_after(value, seq, sort, after))
    if sort == "oldest":
        order = [value.asc(), seq.asc()]
    elif sort == "newest":
        order = [value.desc(), seq.desc()]
    else:
        order = [value.desc().nulls_last(), seq.desc()]
    keys = conn.execute(select(seq, value.label("sort_value"))
                        .where(*conds).order_by(*order).limit(limit)).all()
    if not keys:
        return []
    # seq is the table's unique key and these came from the workspace-filtered query; adding
    # workspace_id here makes SQLite scan the workspace's index instead of seeking by key.
    found = {row["seq"]: dict(row) for row in conn.execute(
        select(*(EVENTS.c[name] for name in CALL_COLUMNS))
        .where(seq.in_([k.seq for k in keys]))).mappings()}
    return [{**found[k.seq], "sort_value": k.sort_value} for k in keys]


# ---------------------------------------------------------------- one request, one connection

def with_project(conn: Connection, f: CallFilter, project_ref: str | None) -> CallFilter | None:
    """The filter with a project reference (id or slug) resolved; None when no such project
    exists, which matches nothing."""
    if project_ref is None:
        return f
    project = find_project(conn, f.workspace_id, project_ref)
    return None if project is None else replace(f, project_id=project.project_id)


def summary(conn: Connection, f: CallFilter, project_ref: str | None,
            group_by: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Totals and groups of /v1/cost."""
    resolved = with_project(conn, f, project_ref)
    if resolved is None:
        return dict(ZERO_TOTALS), []
    return totals(conn, resolved), groups(conn, resolved, group_by)


def calls(conn: Connection, f: CallFilter, project_ref: str | None, sort: str,
          after: Sequence[Any] | None, limit: int,
          with_totals: bool) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """A page of calls (``limit`` rows at most) and, when asked, the whole set's totals."""
    resolved = with_project(conn, f, project_ref)
    if resolved is None:
        return [], dict(ZERO_TOTALS)
    rows = page(conn, resolved, sort, after, limit)
    return rows, totals(conn, resolved) if with_totals else dict(ZERO_TOTALS)


def series(conn: Connection, f: CallFilter, project_ref: str | None, width_ms: int,
           by_model: bool) -> list[dict[str, Any]]:
    """The buckets of /v1/cost/timeseries that hold calls."""
    resolved = with_project(conn, f, project_ref)
    return [] if resolved is None else buckets(conn, resolved, width_ms, by_model)
