"""Agent profile cache: upserted from each batch inside the ingest transaction."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import fields
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.engine import Connection

from hiveboard.domain.agent_profile import AgentEventFacts, AgentProfile, fold, profile_fields
from hiveboard.store.dialect import insert_ignoring_conflicts
from hiveboard.store.tables import AGENTS, PROJECT_AGENTS

_PROFILE_FIELDS = [f.name for f in fields(AgentProfile)]


def apply_batch(
    conn: Connection,
    workspace_id: int,
    agent_id: str,
    metadata: Mapping[str, Any],
    events: Sequence[AgentEventFacts],
) -> None:
    """Create the agent if new, refresh metadata from the envelope, fold in the events.

    The row is locked (PostgreSQL) between read and write so concurrent batches of one
    agent cannot lose each other's updates; SQLite serialises writers already.
    """
    if not events:
        return
    seed = fold(None, events)
    conn.execute(
        insert_ignoring_conflicts(conn, AGENTS, index_elements=["workspace_id", "agent_id"]),
        [{"workspace_id": workspace_id, "agent_id": agent_id, **metadata, **profile_fields(seed)}],
    )
    query = select(*(AGENTS.c[name] for name in _PROFILE_FIELDS)).where(
        AGENTS.c.workspace_id == workspace_id, AGENTS.c.agent_id == agent_id
    )
    if conn.dialect.name == "postgresql":
        query = query.with_for_update()
    current = AgentProfile(**conn.execute(query).one()._asdict())
    merged = fold(current, events)
    conn.execute(
        update(AGENTS)
        .where(AGENTS.c.workspace_id == workspace_id, AGENTS.c.agent_id == agent_id)
        .values(**metadata, **profile_fields(merged))
    )


def link_projects(
    conn: Connection, workspace_id: int, pairs: set[tuple[str, str]], now: datetime
) -> None:
    """Fill the project_agents junction from (project_id, agent_id) pairs seen on ingest."""
    if not pairs:
        return
    conn.execute(
        insert_ignoring_conflicts(conn, PROJECT_AGENTS),
        [
            {"workspace_id": workspace_id, "project_id": p, "agent_id": a, "added_at": now,
             "role": "member"}
            for p, a in sorted(pairs)
        ],
    )


def exists(conn: Connection, workspace_id: int, agent_id: str) -> bool:
    return conn.execute(
        select(AGENTS.c.agent_id).where(
            AGENTS.c.workspace_id == workspace_id, AGENTS.c.agent_id == agent_id
        )
    ).first() is not None
