"""Retention SQL: purge old events and alert history, compact old heartbeats, keep rollups true.

Every write function deletes at most one chunk and is meant to be its own transaction, so a
large purge never holds the write lock for long (SQLite has one writer; ingest goes on between
chunks). A chunk repairs what its deletions touched in the same transaction: task rollups are
removed or rebuilt from the surviving events (and their hourly outcomes moved with them), the
hourly LLM usage of the hours it deleted calls from is recomputed, and agents with no event
left are forgotten.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, delete, func, or_, select
from sqlalchemy.engine import Connection

from hiveboard.domain.alert_rules import agent_scope_key, task_scope_key
from hiveboard.domain.llm_usage import HOUR_MS, is_llm_call
from hiveboard.domain.llm_usage import hour_of as llm_hour_of
from hiveboard.domain.retention import Heartbeat, carries_payload
from hiveboard.domain.task_outcomes import OutcomeKey, add_change
from hiveboard.domain.task_rollup import facts_from_row, fold
from hiveboard.store import agent_issues, alert_queries, error_events, llm_usage, task_outcomes
from hiveboard.store.dialect import built_once, current_rows
from hiveboard.store.tables import (
    AGENT_STATUS,
    AGENTS,
    ALERT_DELIVERIES,
    ALERT_HISTORY,
    EVENTS,
    PROJECT_AGENTS,
    TASKS,
    TENANTS,
    WORKSPACES,
)
from hiveboard.store.tasks import stored_values
from hiveboard.store.types import to_millis

E = EVENTS.c
FINISHED_DELIVERIES = ("delivered", "failed")
# Locked in task order, as ingest locks the rows it folds into.
_tasks_to_repair = current_rows(TASKS, "task_id",
                                ["last_event_at", *task_outcomes.OUTCOME_COLUMNS])
_FACT_COLUMNS = ("event_type", "timestamp", "agent_id", "project_id", "task_type",
                 "task_run_id", "environment", "group", "duration_ms", "severity",
                 "payload_kind", "llm_cost", "llm_tokens_in", "llm_tokens_out")


@dataclass(frozen=True, slots=True)
class Workspace:
    tenant_id: str
    tenant_name: str
    tenant_settings: Mapping[str, Any]
    workspace_id: int
    mode: str


@dataclass(slots=True)
class Repairs:
    """What one chunk deleted and which derived rows it had to fix."""

    deleted: int = 0
    tasks_removed: int = 0
    tasks_rebuilt: int = 0
    agents_removed: int = 0


def workspaces(conn: Connection, tenant_name: str | None = None) -> list[Workspace]:
    """Every workspace (live and test) of every tenant, or of the tenant named."""
    query = (select(TENANTS.c.tenant_id, TENANTS.c.name, TENANTS.c.settings,
                    WORKSPACES.c.workspace_id, WORKSPACES.c.mode)
             .join(WORKSPACES, WORKSPACES.c.tenant_id == TENANTS.c.tenant_id)
             .order_by(TENANTS.c.name, WORKSPACES.c.mode))
    if tenant_name is not None:
        query = query.where(TENANTS.c.name == tenant_name)
    return [Workspace(r.tenant_id, r.name, r.settings if isinstance(r.settings, dict) else {},
                      int(r.workspace_id), r.mode) for r in conn.execute(query)]


def count_events_before(conn: Connection, workspace_id: int, before: datetime) -> int:
    return int(conn.execute(select(func.count()).select_from(EVENTS).where(
        E.workspace_id == workspace_id, E.timestamp < before)).scalar_one())


def count_heartbeats(conn: Connection, workspace_id: int, since: datetime,
                     before: datetime) -> int:
    return int(conn.execute(select(func.count()).select_from(EVENTS).where(
        *_heartbeats_in(workspace_id, since, before))).scalar_one())


# ------------------------------------------------------------------------------------ purge

def purge_events(conn: Connection, workspace_id: int, before: datetime, limit: int) -> Repairs:
    """Delete up to ``limit`` of the oldest events before ``before``, and repair rollups."""
    found = [dict(r) for r in conn.execute(
        select(E.seq, E.task_id, E.agent_id, E.timestamp, E.event_type, E.payload_kind)
        .where(E.workspace_id == workspace_id, E.timestamp < before)
        .order_by(E.timestamp, E.seq).limit(limit)).mappings()]
    if not found:
        return Repairs()
    repairs = _delete_seqs(conn, [r["seq"] for r in found])
    agent_issues.forget_events(conn, workspace_id,
                               [r["seq"] for r in found if agent_issues.is_issue(r)])
    error_events.repair_after_purge(conn, workspace_id, found)
    _repair_tasks(conn, workspace_id, {r["task_id"] for r in found if r["task_id"]}, before,
                  repairs)
    repairs.agents_removed = _forget_agents(conn, workspace_id,
                                            {r["agent_id"] for r in found}, before)
    calls = [llm_hour_of(to_millis(r["timestamp"])) for r in found if is_llm_call(r)]
    if calls:  # the hourly LLM usage of those hours now counts only the surviving calls
        llm_usage.rebuild(conn, workspace_id, hours=(min(calls), max(calls) + HOUR_MS))
    return repairs


def purge_llm_usage(conn: Connection, workspace_id: int, before: datetime) -> int:
    """Drop LLM usage buckets of hours wholly before the cutoff (their calls are gone; a
    bucket left by data that predates this pass goes too)."""
    return llm_usage.delete_before(conn, workspace_id, to_millis(before))


def _delete_seqs(conn: Connection, seqs: list[int]) -> Repairs:
    result = conn.execute(delete(EVENTS).where(E.seq.in_(seqs)))
    return Repairs(deleted=int(result.rowcount))


def _repair_tasks(conn: Connection, workspace_id: int, task_ids: Iterable[str],
                  keep_since: datetime, repairs: Repairs) -> None:
    """Remove the tasks whose latest event is before ``keep_since`` (every event of theirs is
    being purged) in one statement; rebuild the others from their events at or after it. The
    rollup rows are locked first on PostgreSQL, as ingest locks them to fold, so neither loses
    the other's events. The hourly outcome rollup loses what each removed task counted and
    follows each rebuilt one; alert rules forget the removed tasks."""
    ids = sorted(task_ids)
    if not ids:
        return
    found = conn.execute(built_once(conn, _tasks_to_repair),
                         {"b_ws": workspace_id, "b_keys": ids}).mappings().all()
    changes: dict[OutcomeKey, dict[str, int]] = {}
    gone = [r for r in found if r["last_event_at"] < keep_since]
    removed = [r["task_id"] for r in gone]
    if gone:
        conn.execute(delete(TASKS).where(TASKS.c.workspace_id == workspace_id,
                                         TASKS.c.task_id.in_(removed)))
        repairs.tasks_removed += len(gone)
        for row in gone:
            add_change(changes, task_outcomes.outcome(row), None)
    for row in found:
        if row["last_event_at"] >= keep_since:
            rebuilt = _rebuild_task(conn, workspace_id, row["task_id"], keep_since, repairs)
            add_change(changes, task_outcomes.outcome(row),
                       None if rebuilt is None else task_outcomes.outcome(rebuilt))
            if rebuilt is None:
                removed.append(row["task_id"])
    task_outcomes.apply_changes(conn, workspace_id, changes)
    alert_queries.forget_scopes(conn, workspace_id, [task_scope_key(t) for t in removed])


def _rebuild_task(conn: Connection, workspace_id: int, task_id: str, keep_since: datetime,
                  repairs: Repairs) -> dict[str, Any] | None:
    """The task's new stored values, or None when it has no event left (row removed)."""
    where = (TASKS.c.workspace_id == workspace_id, TASKS.c.task_id == task_id)
    rows = conn.execute(
        select(*(E[name] for name in _FACT_COLUMNS))
        .where(E.workspace_id == workspace_id, E.task_id == task_id, E.timestamp >= keep_since)
        .order_by(E.seq)).mappings().all()
    if rows:
        values = stored_values(fold(None, (facts_from_row(dict(r)) for r in rows)))
        conn.execute(TASKS.update().where(*where).values(**values))
        repairs.tasks_rebuilt += 1
        return values
    conn.execute(delete(TASKS).where(*where))
    repairs.tasks_removed += 1
    return None


def _forget_agents(conn: Connection, workspace_id: int, agent_ids: set[str],
                   before: datetime) -> int:
    """Remove the profile, announced status, project memberships and alert cooldowns of
    agents whose latest event (``last_seen``) is older than the cutoff: none of their events
    survives."""
    gone = [r[0] for r in conn.execute(select(AGENTS.c.agent_id).where(
        AGENTS.c.workspace_id == workspace_id, AGENTS.c.agent_id.in_(sorted(agent_ids)),
        AGENTS.c.last_seen < before))]
    if not gone:
        return 0
    for table in (PROJECT_AGENTS, AGENT_STATUS):
        conn.execute(delete(table).where(table.c.workspace_id == workspace_id,
                                         table.c.agent_id.in_(gone)))
    alert_queries.forget_scopes(conn, workspace_id, [agent_scope_key(a) for a in gone])
    # last_seen is checked again: an event ingested meanwhile keeps the agent.
    result = conn.execute(delete(AGENTS).where(
        AGENTS.c.workspace_id == workspace_id, AGENTS.c.agent_id.in_(gone),
        AGENTS.c.last_seen < before))
    return int(result.rowcount)


def purge_alert_history(conn: Connection, workspace_id: int, before: datetime,
                        limit: int) -> int:
    """Delete up to ``limit`` firings older than the cutoff with their finished deliveries."""
    h = ALERT_HISTORY.c
    found = conn.execute(select(h.seq, h.alert_id).where(
        h.workspace_id == workspace_id, h.fired_at < before)
        .order_by(h.fired_at, h.seq).limit(limit)).all()
    if not found:
        return 0
    conn.execute(delete(ALERT_DELIVERIES).where(
        ALERT_DELIVERIES.c.alert_id.in_([r.alert_id for r in found]),
        ALERT_DELIVERIES.c.status.in_(FINISHED_DELIVERIES)))
    return int(conn.execute(delete(ALERT_HISTORY).where(
        h.seq.in_([r.seq for r in found]))).rowcount)


# ------------------------------------------------------------------------------- compaction

def _heartbeats_in(workspace_id: int, since: datetime, before: datetime) -> tuple[Any, ...]:
    return (E.workspace_id == workspace_id, E.event_type == "heartbeat",
            E.timestamp >= since, E.timestamp < before)


def heartbeat_page(conn: Connection, workspace_id: int, since: datetime, before: datetime,
                   after: tuple[datetime, int] | None, limit: int) -> list[Heartbeat]:
    """Heartbeats in [since, before) in (timestamp, seq) order, after the keyset ``after``."""
    query = select(E.seq, E.agent_id, E.timestamp, E.payload).where(
        *_heartbeats_in(workspace_id, since, before))
    if after is not None:
        ts, seq = after
        query = query.where(or_(E.timestamp > ts, and_(E.timestamp == ts, E.seq > seq)))
    rows = conn.execute(query.order_by(E.timestamp, E.seq).limit(limit))
    return [Heartbeat(int(r.seq), r.agent_id, r.timestamp, carries_payload(r.payload))
            for r in rows]


def latest_heartbeats(conn: Connection, workspace_id: int,
                      agent_ids: Iterable[str]) -> dict[str, datetime]:
    """Each agent's ``last_heartbeat`` as its profile records it."""
    rows = conn.execute(select(AGENTS.c.agent_id, AGENTS.c.last_heartbeat).where(
        AGENTS.c.workspace_id == workspace_id, AGENTS.c.agent_id.in_(sorted(set(agent_ids))),
        AGENTS.c.last_heartbeat.is_not(None)))
    return {r.agent_id: r.last_heartbeat for r in rows}


def drop_heartbeats(conn: Connection, workspace_id: int, seqs: list[int],
                    keep_since: datetime) -> Repairs:
    """Delete the given heartbeats; tasks they belonged to are rebuilt (rare: heartbeats are
    agent-level, but an event may name a task)."""
    tasks = {r[0] for r in conn.execute(select(E.task_id).where(
        E.seq.in_(seqs), E.task_id.is_not(None)))}
    result = conn.execute(delete(EVENTS).where(
        E.seq.in_(seqs), E.workspace_id == workspace_id, E.event_type == "heartbeat"))
    repairs = Repairs(deleted=int(result.rowcount))
    _repair_tasks(conn, workspace_id, tasks, keep_since, repairs)
    return repairs
