"""Use cases behind the live stream: what one committed ingest batch means for subscribers, and
which agents changed status because time passed.

Both end in the same compare-and-set of the announced status (``store.agent_status``), so an
``agent.status_changed`` is published once per change however many workers saw it, and an
``agent.stuck`` once per stuck episode. The stream layer turns the results into frames.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from hiveboard_contract import WS_SCHEMA_PATH

from hiveboard.domain.principal import Principal
from hiveboard.services.views import agent_health
from hiveboard.settings import Settings
from hiveboard.store import agent_status
from hiveboard.store.agent_status import Announcement
from hiveboard.store.database import Database

CHANNELS = ("agents", "events")


class StreamPort(Protocol):
    """What the rest of the app needs from the stream runtime (implemented in hiveboard.stream)."""

    async def publish_ingested(self, principal: Principal, rows: list[dict[str, Any]]) -> None:
        """Called after an ingest commit with the rows actually inserted; must not block."""

    def prometheus_text(self) -> str:
        """The stream's counters in the Prometheus text format."""


@functools.cache
def contract_version() -> str:
    schema = json.loads(WS_SCHEMA_PATH.read_text())
    return str(schema["x-contract-version"])


def stream_limits(settings: Settings) -> dict[str, int]:
    """The limits announced in ``connected`` and served by ``GET /v1/stream/info``."""
    return {
        "max_connections_per_key": settings.stream_max_connections_per_key,
        "max_inbound_frame_bytes": settings.stream_max_inbound_frame_bytes,
        "messages_per_second": settings.stream_messages_per_second,
        "message_burst": settings.stream_message_burst,
        "max_subscriptions": settings.stream_max_subscriptions,
        "idle_timeout_seconds": settings.stream_idle_timeout_seconds,
        "ping_interval_seconds": settings.stream_ping_interval_seconds,
        "missed_pongs_before_close": settings.stream_missed_pongs_before_close,
        "send_queue_size": settings.stream_send_queue_size,
    }


def stream_info(settings: Settings) -> dict[str, Any]:
    return {"contract_version": contract_version(), "path": "/v1/stream",
            "channels": ["events", "agents"], "limits": stream_limits(settings)}


@dataclass(frozen=True, slots=True)
class AgentChange:
    """An agent's announced status moved; everything the agents-channel frames carry."""

    workspace_id: int
    agent_id: str
    previous: str | None
    new: str
    at: datetime
    heartbeat_age_seconds: float | None
    last_heartbeat: datetime | None
    threshold_seconds: int
    current_task_id: str | None
    current_project_id: str | None
    environment: str
    group: str
    projects: frozenset[str]
    """Ids and slugs of the projects the agent works in (what a ``project_id`` filter matches)."""


@dataclass(slots=True)
class IngestedBatch:
    """One committed batch, with what subscribers' filters need to know about it."""

    workspace_id: int
    rows: list[dict[str, Any]]
    agent_projects: dict[str, frozenset[str]] = field(default_factory=dict)
    project_slugs: dict[str, str] = field(default_factory=dict)


def _decide(agent: Mapping[str, Any], projects: frozenset[str], now: datetime,
            default_threshold: int) -> AgentChange | None:
    health, threshold = agent_health(agent, now=now, default_threshold=default_threshold)
    if health.status == agent["announced"]:
        return None
    return AgentChange(
        workspace_id=int(agent["workspace_id"]), agent_id=agent["agent_id"],
        previous=agent["announced"], new=health.status, at=now,
        heartbeat_age_seconds=health.heartbeat_age_seconds,
        last_heartbeat=agent["last_heartbeat"], threshold_seconds=threshold,
        # The last task is "current" only while open, as in the agents list.
        current_task_id=None if agent["last_task_closed"] else agent["last_task_id"],
        current_project_id=agent["last_project_id"],
        environment=agent["environment"], group=agent["group"], projects=projects)


async def announce(db: Database, changes: Sequence[AgentChange]) -> list[AgentChange]:
    """Compare-and-set each change; the ones this caller won, to be published."""
    if not changes:
        return []
    moves = [Announcement(c.workspace_id, c.agent_id, c.previous, c.new, c.at) for c in changes]
    won = await db.write(agent_status.announce, moves)
    return [change for change, ok in zip(changes, won, strict=True) if ok]


async def batch_facts(db: Database, workspace_id: int,
                      rows: list[dict[str, Any]]) -> IngestedBatch:
    """What filters need to route one committed batch's events (one read, no write)."""
    agent_ids = {row["agent_id"] for row in rows}
    project_ids = {row["project_id"] for row in rows if row["project_id"] is not None}
    members, slugs = await db.read(agent_status.project_keys, workspace_id, agent_ids,
                                   project_ids)
    return IngestedBatch(workspace_id=workspace_id, rows=rows, project_slugs=slugs,
                         agent_projects={a: frozenset(p) for a, p in members.items()})


async def status_changes(db: Database, settings: Settings, workspace_id: int,
                         agent_ids: set[str], now: datetime) -> list[AgentChange]:
    """The agents' derived status now versus the announced one; the changes this caller won.

    Derived from the agents' rows as they are now, so batches coalesced while a previous
    announcement was being written yield the net change (and a retried batch none).
    """
    def read(conn: Any) -> tuple[list[dict[str, Any]], dict[str, set[str]]]:
        members, _ = agent_status.project_keys(conn, workspace_id, agent_ids, ())
        return agent_status.agents(conn, workspace_id, agent_ids), members

    agents, members = await db.read(read)
    threshold = settings.default_stuck_threshold_seconds
    decided = [_decide(a, frozenset(members.get(a["agent_id"], ())), now, threshold)
               for a in agents]
    return await announce(db, [c for c in decided if c is not None])


async def sweep(db: Database, settings: Settings, now: datetime) -> list[AgentChange]:
    """Status changes caused by time passing (an agent going stuck), announced."""
    threshold = settings.default_stuck_threshold_seconds
    candidates = await db.read(agent_status.sweep_candidates, now, threshold)
    by_workspace: dict[int, list[dict[str, Any]]] = {}
    for agent in candidates:
        by_workspace.setdefault(int(agent["workspace_id"]), []).append(agent)
    decided: list[AgentChange | None] = []
    for workspace_id, agents in by_workspace.items():
        ids = {a["agent_id"] for a in agents}
        members, _ = await db.read(agent_status.project_keys, workspace_id, ids, ())
        decided.extend(_decide(a, frozenset(members.get(a["agent_id"], ())), now, threshold)
                       for a in agents)
    return await announce(db, [c for c in decided if c is not None])


async def active_keys(db: Database, key_ids: set[str]) -> set[str]:
    return await db.read(agent_status.active_key_ids, key_ids)
