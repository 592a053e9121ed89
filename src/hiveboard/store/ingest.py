"""The ingest unit of work: everything one batch changes, in one transaction."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.engine import Connection

from hiveboard.domain.agent_profile import AgentEventFacts
from hiveboard.store import agent_issues, agents, error_events, events, llm_usage, projects, tasks


@dataclass(slots=True)
class BatchWrite:
    workspace_id: int
    received_at: datetime
    auto_create_projects: bool
    rows: list[dict[str, Any]]
    """Event rows; ``project_id`` still holds the client's reference (id or slug)."""
    agent_metadata: Mapping[str, Mapping[str, Any]]
    """Envelope metadata per agent id."""


@dataclass(slots=True)
class BatchOutcome:
    inserted: list[dict[str, Any]] = field(default_factory=list)
    unknown_project: list[int] = field(default_factory=list)
    """Positions in ``rows`` rejected because their project does not exist."""


def write_batch(conn: Connection, batch: BatchWrite) -> BatchOutcome:
    outcome = BatchOutcome()
    refs = {r["project_id"] for r in batch.rows if r["project_id"] is not None}
    resolved = projects.resolve_refs(conn, batch.workspace_id, refs,
                                     auto_create=batch.auto_create_projects,
                                     now=batch.received_at)
    storable: list[dict[str, Any]] = []
    for position, row in enumerate(batch.rows):
        ref = row["project_id"]
        if ref is not None:
            if ref not in resolved:
                outcome.unknown_project.append(position)
                continue
            row["project_id"] = resolved[ref]
        storable.append(row)
    new_ids = events.insert_new(conn, storable)
    outcome.inserted = [r for r in storable if r["event_id"] in new_ids]
    _apply_agents(conn, batch, outcome.inserted)
    tasks.apply_batch(conn, batch.workspace_id, outcome.inserted)
    llm_usage.apply_batch(conn, batch.workspace_id, outcome.inserted)
    agent_issues.apply_batch(conn, batch.workspace_id, outcome.inserted)
    error_events.apply_batch(conn, batch.workspace_id, outcome.inserted)
    return outcome


def _apply_agents(conn: Connection, batch: BatchWrite, inserted: Sequence[dict[str, Any]]) -> None:
    per_agent: dict[str, list[AgentEventFacts]] = defaultdict(list)
    pairs: set[tuple[str, str]] = set()
    for row in inserted:
        per_agent[row["agent_id"]].append(AgentEventFacts(
            row["event_type"], row["timestamp"], row["task_id"], row["project_id"],
            row["payload"]))
        if row["project_id"] is not None:
            pairs.add((row["project_id"], row["agent_id"]))
    agents.apply_batch(conn, batch.workspace_id, {
        agent_id: (batch.agent_metadata.get(agent_id, {}), facts)
        for agent_id, facts in per_agent.items()})
    agents.link_projects(conn, batch.workspace_id, pairs, batch.received_at)
