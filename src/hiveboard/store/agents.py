"""Agent profile cache: upserted from each batch inside the ingest transaction."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import fields
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, select, update
from sqlalchemy.engine import Connection

from hiveboard.domain.agent_profile import AgentEventFacts, AgentProfile, fold, profile_fields
from hiveboard.store.dialect import built_once, current_rows, insert_for
from hiveboard.store.tables import AGENTS, PROJECT_AGENTS

_PROFILE_FIELDS = [f.name for f in fields(AgentProfile)]


_METADATA_FIELDS = ["agent_type", "agent_version", "framework", "runtime", "sdk_version",
                    "environment", "group"]
# Column defaults, spelled out so every row of the multi-row insert has the same keys.
_NEW_AGENT_METADATA = {**dict.fromkeys(_METADATA_FIELDS), "agent_type": "general",
                       "environment": "production", "group": "default"}


def _insert_missing(dialect: str) -> Any:
    return insert_for(dialect)(AGENTS).on_conflict_do_nothing(
        index_elements=["workspace_id", "agent_id"])


_select_current = current_rows(AGENTS, "agent_id", _METADATA_FIELDS + _PROFILE_FIELDS)


def _update(dialect: str) -> Any:
    return update(AGENTS).where(AGENTS.c.workspace_id == bindparam("b_ws"),
                                AGENTS.c.agent_id == bindparam("b_agent"))


def apply_batch(
    conn: Connection,
    workspace_id: int,
    per_agent: Mapping[str, tuple[Mapping[str, Any], Sequence[AgentEventFacts]]],
) -> None:
    """Create new agents, refresh metadata from the envelope, fold in each agent's events.

    Three statements for the whole batch whatever its number of agents (a batch of a busy
    fleet touches ~100): insert the missing rows, read every row, write every row. Rows are
    read in agent order and locked (PostgreSQL) so concurrent batches neither lose each
    other's updates nor deadlock; SQLite serialises writers already.
    """
    agent_ids = sorted(a for a, (_, events) in per_agent.items() if events)
    if not agent_ids:
        return
    conn.execute(
        built_once(conn, _insert_missing),
        [{"workspace_id": workspace_id, "agent_id": a, **_NEW_AGENT_METADATA, **per_agent[a][0],
          **profile_fields(fold(None, per_agent[a][1]))} for a in agent_ids],
    )
    updates = []
    found_rows = conn.execute(built_once(conn, _select_current),
                              {"b_ws": workspace_id, "b_keys": agent_ids})
    for found in found_rows.mappings():
        metadata, events = per_agent[found["agent_id"]]
        current = AgentProfile(**{n: found[n] for n in _PROFILE_FIELDS})
        updates.append({"b_ws": workspace_id, "b_agent": found["agent_id"],
                        **{n: found[n] for n in _METADATA_FIELDS}, **metadata,
                        **profile_fields(fold(current, events))})
    conn.execute(built_once(conn, _update), updates)


def _link(dialect: str) -> Any:
    return insert_for(dialect)(PROJECT_AGENTS).on_conflict_do_nothing()


def link_projects(
    conn: Connection, workspace_id: int, pairs: set[tuple[str, str]], now: datetime
) -> None:
    """Fill the project_agents junction from (project_id, agent_id) pairs seen on ingest."""
    if not pairs:
        return
    conn.execute(
        built_once(conn, _link),
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
