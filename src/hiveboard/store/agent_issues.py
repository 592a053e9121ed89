"""The ``agent_issues`` table: each (agent, issue key)'s latest ``issue`` event, kept at ingest.

An agent card's ``issue_count`` is the number of the agent's issues whose latest event, by
(timestamp, seq), is inside the issue window and leaves the issue active -- what folding the
window's issue events with :func:`hiveboard.domain.pipeline.aggregate_issues` counts, since
the latest event of a key in the window is its latest event overall whenever that one is in the
window. Ingest keeps the latest event per key; retention drops a key when it purges the key's
latest event (it purges oldest first, so every earlier event of the key is gone too); a
project delete recomputes the agents whose issue events it removed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import and_, delete, func, or_, select
from sqlalchemy.engine import Connection

from hiveboard.domain.pipeline import issue_report
from hiveboard.store.dialect import built_once, insert_for
from hiveboard.store.tables import AGENT_ISSUES, EVENTS
from hiveboard.store.types import to_millis

ISSUE_KIND = "issue"
Latest = dict[tuple[int, str, str], tuple[int, int, bool]]
"""(workspace, agent, key hash) -> (timestamp ms, seq, active)."""


def is_issue(row: Mapping[str, Any]) -> bool:
    return bool(row["event_type"] == "custom" and row["payload_kind"] == ISSUE_KIND)


def _latest(events: Iterable[tuple[int, str, int, int, Any]]) -> Latest:
    """The latest event of each key among ``(workspace, agent, ts_ms, seq, payload)``."""
    out: Latest = {}
    for workspace_id, agent_id, ts, seq, payload in events:
        report = issue_report(payload)
        if report is None:
            continue
        key, active = report
        k = (workspace_id, agent_id, hashlib.sha256(key.encode("utf-8")).hexdigest())
        found = out.get(k)
        if found is None or (ts, seq) > found[:2]:
            out[k] = (ts, seq, active)
    return out


def _upsert_statement(dialect: str) -> Any:
    stmt = insert_for(dialect)(AGENT_ISSUES)
    t, new = AGENT_ISSUES.c, stmt.excluded
    return stmt.on_conflict_do_update(
        index_elements=["workspace_id", "agent_id", "key_hash"],
        set_={"last_ms": new.last_ms, "last_seq": new.last_seq, "active": new.active},
        # Only a later event moves the row: batches arrive in any order.
        where=or_(new.last_ms > t.last_ms,
                  and_(new.last_ms == t.last_ms, new.last_seq > t.last_seq)))


def _upsert(conn: Connection, latest: Latest) -> None:
    if not latest:
        return
    # One lock order for every batch, so concurrent upserts never deadlock on PostgreSQL.
    conn.execute(built_once(conn, _upsert_statement), [
        {"workspace_id": k[0], "agent_id": k[1], "key_hash": k[2],
         "last_ms": v[0], "last_seq": v[1], "active": v[2]}
        for k, v in sorted(latest.items())])


def apply_batch(conn: Connection, workspace_id: int, rows: Sequence[Mapping[str, Any]]) -> None:
    """Fold newly inserted event rows (``timestamp`` a datetime) into the table."""
    issues = [r for r in rows if is_issue(r)]
    if not issues:
        return
    seqs = dict(conn.execute(select(EVENTS.c.event_id, EVENTS.c.seq).where(
        EVENTS.c.workspace_id == workspace_id,
        EVENTS.c.event_id.in_([r["event_id"] for r in issues]))).tuples().all())
    _upsert(conn, _latest((workspace_id, r["agent_id"], to_millis(r["timestamp"]),
                           seqs[r["event_id"]], r["payload"]) for r in issues))


def rebuild(conn: Connection, workspace_id: int | None = None,
            agent_ids: Sequence[str] | None = None) -> int:
    """Recompute the table from events (all, one workspace, or some of its agents); returns
    the rows written."""
    e, t = EVENTS.c, AGENT_ISSUES.c
    where = [e.payload_kind == ISSUE_KIND, e.event_type == "custom"]
    purge = delete(AGENT_ISSUES)
    if workspace_id is not None:
        where.append(e.workspace_id == workspace_id)
        purge = purge.where(t.workspace_id == workspace_id)
    if agent_ids is not None:
        if workspace_id is None:
            raise ValueError("agents are rebuilt in one workspace")
        where.append(e.agent_id.in_(sorted(agent_ids)))
        purge = purge.where(t.agent_id.in_(sorted(agent_ids)))
    conn.execute(purge)
    latest = _latest((r.workspace_id, r.agent_id, to_millis(r.timestamp), r.seq, r.payload)
                     for r in conn.execute(select(e.workspace_id, e.agent_id, e.timestamp,
                                                  e.seq, e.payload).where(*where)))
    _upsert(conn, latest)
    return len(latest)


def forget_events(conn: Connection, workspace_id: int, seqs: Sequence[int]) -> None:
    """Drop the keys whose latest event is among purged ``seqs`` (retention purges oldest
    first, so the key has no event left)."""
    if seqs:
        conn.execute(delete(AGENT_ISSUES).where(AGENT_ISSUES.c.workspace_id == workspace_id,
                                                AGENT_ISSUES.c.last_seq.in_(sorted(seqs))))


def agents_with_issues(conn: Connection, workspace_id: int, project_id: str) -> list[str]:
    """Agents that sent issue events in a project (a project delete recomputes them)."""
    e = EVENTS.c
    return [r[0] for r in conn.execute(select(e.agent_id).distinct().where(
        e.workspace_id == workspace_id, e.payload_kind == ISSUE_KIND, e.event_type == "custom",
        e.project_id == project_id))]


def active_counts(conn: Connection, workspace_id: int, agent_ids: Sequence[str], *,
                  since: datetime) -> dict[str, int]:
    """Active issues per agent whose latest event is at or after ``since`` (agents with none
    are absent); a range of ``ix_agent_issues_open`` per agent."""
    t = AGENT_ISSUES.c
    rows = conn.execute(select(t.agent_id, func.count()).where(
        t.workspace_id == workspace_id, t.agent_id.in_(agent_ids), t.active.is_(True),
        t.last_ms >= to_millis(since)).group_by(t.agent_id))
    return {agent_id: int(n) for agent_id, n in rows}
