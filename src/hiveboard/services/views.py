"""Shapes shared by several operations and the stream: a stored event as the API returns it,
and an agent's health as of now."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from hiveboard.domain.agent_status import AgentHealth, derive_agent_status
from hiveboard.domain.payload_conventions import render_hint

EVENT_FIELDS = (
    "event_id", "agent_id", "agent_type", "project_id", "environment", "group", "task_id",
    "task_type", "task_run_id", "correlation_id", "action_id", "parent_action_id",
    "parent_event_id", "event_type", "severity", "status", "duration_ms", "timestamp",
    "received_at", "payload", "payload_kind",
)


def event_view(row: Mapping[str, Any]) -> dict[str, Any]:
    """An event row (store column names) as the contract's ``Event``."""
    view = {name: row[name] for name in EVENT_FIELDS}
    view["render_hint"] = render_hint(row["event_type"], row["payload"])
    return view


def agent_health(agent: Mapping[str, Any], *, now: datetime,
                 default_threshold: int) -> tuple[AgentHealth, int]:
    """Health of an agent row (store column names) and the threshold that applied."""
    threshold = agent["stuck_threshold_seconds"] or default_threshold
    health = derive_agent_status(
        last_status_event_type=agent["last_status_event_type"],
        last_heartbeat=agent["last_heartbeat"], registered_at=agent["registered_at"],
        first_seen=agent["first_seen"], stuck_threshold_seconds=threshold, now=now)
    return health, threshold
