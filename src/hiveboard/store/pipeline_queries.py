"""An agent's pipeline events: its ``custom`` events of one payload kind.

These kinds are agent-level by convention, but one sent inside a task still counts (the
domain folds look at the kind only). Every query is a seek or a range on a payload-kind
index (``ix_events_ws_agent_kind_time``, ``ix_events_ws_kind_time``); rows come back as
:class:`EventRecord` in (timestamp, seq) order, so "latest wins" rules in the domain break
exact-time ties in favour of the event stored last.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection

from hiveboard.domain.records import EventRecord
from hiveboard.store import agents
from hiveboard.store.tables import AGENTS, EVENTS

_COLUMNS = (EVENTS.c.event_id, EVENTS.c.agent_id, EVENTS.c.event_type, EVENTS.c.timestamp,
            EVENTS.c.severity, EVENTS.c.task_id, EVENTS.c.project_id, EVENTS.c.payload_kind,
            EVENTS.c.payload)
_NAMES = tuple(column.name for column in _COLUMNS)


def _of_kind(workspace_id: int, kind: str) -> tuple[Any, ...]:
    return (EVENTS.c.workspace_id == workspace_id, EVENTS.c.payload_kind == kind,
            EVENTS.c.event_type == "custom")


def _record(row: Any) -> EventRecord:
    return EventRecord(**dict(zip(_NAMES, row, strict=True)))


def latest_of_kind(conn: Connection, workspace_id: int, agent_id: str,
                   kind: str) -> EventRecord | None:
    row = conn.execute(
        select(*_COLUMNS).where(*_of_kind(workspace_id, kind), EVENTS.c.agent_id == agent_id)
        .order_by(EVENTS.c.timestamp.desc(), EVENTS.c.seq.desc()).limit(1)).first()
    return _record(row) if row is not None else None


def events_of_kind(conn: Connection, workspace_id: int, agent_ids: Sequence[str], kind: str,
                   *, since: datetime) -> list[EventRecord]:
    """The agents' events of ``kind`` since ``since``, of any event type: the domain folds
    keep only ``custom`` ones, and leaving the type out of the WHERE keeps SQLite from
    choosing the (event type, time) index, which holds every agent's custom events."""
    rows = conn.execute(
        select(*_COLUMNS).where(EVENTS.c.workspace_id == workspace_id,
                                EVENTS.c.payload_kind == kind, EVENTS.c.agent_id.in_(agent_ids),
                                EVENTS.c.timestamp >= since)
        .order_by(EVENTS.c.timestamp, EVENTS.c.seq))
    return [_record(row) for row in rows]


def latest_queue_depths(conn: Connection, workspace_id: int,
                        agent_ids: Sequence[str]) -> dict[str, Any]:
    """``payload.data.depth`` of each agent's latest queue snapshot, as the agent sent it
    (any JSON value; None when absent or when the agent never sent one). One correlated seek
    per agent inside a single statement, no payload transferred."""
    depth = (select(EVENTS.c.payload[("data", "depth")])
             .where(*_of_kind(workspace_id, "queue_snapshot"),
                    EVENTS.c.agent_id == AGENTS.c.agent_id)
             .order_by(EVENTS.c.timestamp.desc(), EVENTS.c.seq.desc()).limit(1)
             .scalar_subquery())
    rows = conn.execute(select(AGENTS.c.agent_id, depth.label("depth")).where(
        AGENTS.c.workspace_id == workspace_id, AGENTS.c.agent_id.in_(agent_ids)))
    return {agent_id: value for agent_id, value in rows}


@dataclass(slots=True)
class PipelineRows:
    queue: EventRecord | None
    scheduled: EventRecord | None
    todos: list[EventRecord]
    issues: list[EventRecord]


def read_pipeline(conn: Connection, workspace_id: int, agent_id: str, *, todos_since: datetime,
                  issues_since: datetime) -> PipelineRows | None:
    """The events the four pipeline sections fold; None when there is no such agent."""
    if not agents.exists(conn, workspace_id, agent_id):
        return None
    one = [agent_id]
    return PipelineRows(
        queue=latest_of_kind(conn, workspace_id, agent_id, "queue_snapshot"),
        scheduled=latest_of_kind(conn, workspace_id, agent_id, "scheduled"),
        todos=events_of_kind(conn, workspace_id, one, "todo", since=todos_since),
        issues=events_of_kind(conn, workspace_id, one, "issue", since=issues_since),
    )
