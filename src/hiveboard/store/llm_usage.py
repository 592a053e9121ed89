"""The ``llm_usage_hourly`` rollup: upserted from each ingest batch, rebuildable from events."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

from sqlalchemy import BigInteger, case, delete, func, literal_column, select, type_coerce
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from hiveboard.domain.llm_usage import HOUR_MS, LLM_CALL_KIND, Usage, UsageKey, fold_calls
from hiveboard.store.dialect import built_once, insert_for
from hiveboard.store.tables import EVENTS, LLM_USAGE_HOURLY
from hiveboard.store.types import from_millis, hour_start, to_millis

KEY_COLUMNS: Final = ("workspace_id", "hour_ms", "agent_id", "model", "has_model", "project_id",
                      "in_task", "environment", "group")
_ADDED: Final = ("call_count", "costed_count", "cost", "tokens_in", "tokens_out")


def _values(workspace_id: int, key: UsageKey, usage: Usage) -> dict[str, Any]:
    hour, agent_id, model, project_id, in_task, environment, group = key
    return {"workspace_id": workspace_id, "hour_ms": hour, "agent_id": agent_id,
            "model": model or "", "has_model": model is not None,
            "project_id": project_id or "", "in_task": in_task, "environment": environment,
            "group": group, "call_count": usage.call_count,
            "costed_count": usage.costed_count, "cost": usage.cost, "tokens_in": usage.tokens_in,
            "tokens_out": usage.tokens_out, "first_call_ms": usage.min_ts,
            "last_call_ms": usage.max_ts}


def _sort_key(key: UsageKey) -> tuple[Any, ...]:
    # One lock order for every batch, so concurrent upserts never deadlock on PostgreSQL.
    hour, agent_id, model, project_id, in_task, environment, group = key
    return (hour, agent_id, model is None, model or "", project_id or "", in_task, environment,
            group)


def _upsert_statement(dialect: str) -> Any:
    stmt = insert_for(dialect)(LLM_USAGE_HOURLY)
    t, new = LLM_USAGE_HOURLY.c, stmt.excluded
    return stmt.on_conflict_do_update(index_elements=list(KEY_COLUMNS), set_={
        **{name: t[name] + new[name] for name in _ADDED},
        "first_call_ms": case((new.first_call_ms < t.first_call_ms, new.first_call_ms),
                              else_=t.first_call_ms),
        "last_call_ms": case((new.last_call_ms > t.last_call_ms, new.last_call_ms),
                             else_=t.last_call_ms),
    })


def upsert(conn: Connection, workspace_id: int, folded: Mapping[UsageKey, Usage]) -> None:
    """Add folded usage to its rows, creating the rows that do not exist yet."""
    if not folded:
        return
    conn.execute(built_once(conn, _upsert_statement), [_values(workspace_id, key, folded[key])
                        for key in sorted(folded, key=_sort_key)])


def apply_batch(conn: Connection, workspace_id: int, rows: Sequence[Mapping[str, Any]]) -> None:
    """Fold newly inserted event rows (``timestamp`` a datetime) into the rollup."""
    upsert(conn, workspace_id, fold_calls(rows, lambda row: to_millis(row["timestamp"])))



def rebuild(conn: Connection, workspace_id: int | None = None, *,
            hours: tuple[int, int] | None = None) -> int:
    """Recompute the rollup from raw events (one workspace, or all); returns rows written.

    ``hours`` (epoch ms, hour-aligned, end excluded) limits the rebuild to the buckets of
    those hours of ``workspace_id``: retention rebuilds the hours it deleted calls from.
    Plain SQL aggregation, so it does not depend on the incremental path it is checked
    against (tests compare both)."""
    e = EVENTS.c
    where = [e.payload_kind == LLM_CALL_KIND, e.event_type == "custom"]
    purge = delete(LLM_USAGE_HOURLY)
    if workspace_id is not None:
        where.append(e.workspace_id == workspace_id)
        purge = purge.where(LLM_USAGE_HOURLY.c.workspace_id == workspace_id)
    if hours is not None:
        if workspace_id is None:
            raise ValueError("an hour range is rebuilt in one workspace")
        start, end = hours
        where += [e.timestamp >= from_millis(start), e.timestamp < from_millis(end)]
        purge = purge.where(LLM_USAGE_HOURLY.c.hour_ms >= start,
                            LLM_USAGE_HOURLY.c.hour_ms < end)
    conn.execute(purge)
    # Literals inline: SELECT and GROUP BY must hold identical expressions on PostgreSQL.
    empty: ColumnElement[str] = literal_column("''")
    keys = [e.workspace_id, hour_start(e.timestamp), e.agent_id, func.coalesce(e.llm_model, empty),
            e.llm_model.is_not(None), func.coalesce(e.project_id, empty), e.task_id.is_not(None),
            e.environment, e.group]
    ts = type_coerce(e.timestamp, BigInteger)
    query = select(
        *keys, func.count(), func.count(e.llm_cost), func.coalesce(func.sum(e.llm_cost), 0.0),
        func.coalesce(func.sum(e.llm_tokens_in), 0), func.coalesce(func.sum(e.llm_tokens_out), 0),
        func.min(ts), func.max(ts),
    ).where(*where).group_by(*keys)
    columns = [*KEY_COLUMNS, *_ADDED, "first_call_ms", "last_call_ms"]
    conn.execute(LLM_USAGE_HOURLY.insert().from_select(columns, query))
    # Counted, not rowcount: psycopg reports 0 for INSERT ... SELECT through SQLAlchemy.
    count = select(func.count()).select_from(LLM_USAGE_HOURLY)
    if workspace_id is not None:
        count = count.where(LLM_USAGE_HOURLY.c.workspace_id == workspace_id)
    return int(conn.execute(count).scalar_one())


def delete_project(conn: Connection, workspace_id: int, project_id: str) -> None:
    """Drop a deleted project's usage (its events go in the same transaction)."""
    conn.execute(delete(LLM_USAGE_HOURLY).where(
        LLM_USAGE_HOURLY.c.workspace_id == workspace_id,
        LLM_USAGE_HOURLY.c.project_id == project_id))


def delete_before(conn: Connection, workspace_id: int, before_ms: int) -> int:
    """Drop the buckets of hours that ended before ``before_ms`` (retention)."""
    return int(conn.execute(delete(LLM_USAGE_HOURLY).where(
        LLM_USAGE_HOURLY.c.workspace_id == workspace_id,
        LLM_USAGE_HOURLY.c.hour_ms <= before_ms - HOUR_MS)).rowcount)
