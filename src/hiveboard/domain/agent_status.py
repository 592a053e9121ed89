"""An agent's derived health: the status cascade of API spec §4.1 plus stuck detection.

The store keeps, per agent, the type of its last *status-bearing* event, its last heartbeat and
its registration time; this module turns those facts into what The Hive shows. Keeping the
cascade here (not in SQL) gives one definition for the REST list, the detail view, the
WebSocket ``agent.status_changed`` frames and the alert evaluator.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from types import MappingProxyType
from typing import Final

from hiveboard.domain.records import EVENT_TYPES

AGENT_STATUSES: Final[tuple[str, ...]] = (
    "stuck",
    "error",
    "waiting_approval",
    "processing",
    "idle",
)
"""Every derived agent status, in attention order (most urgent first)."""

STATUS_BEARING: Final[frozenset[str]] = frozenset(EVENT_TYPES) - {"heartbeat", "custom"}
"""Event types that may change an agent's status. Heartbeats only prove liveness and custom
events are narrative; if either could overwrite the "last event", a heartbeat arriving after
``task_started`` would flip a busy agent to idle (audit W3)."""

_STATUS_BY_EVENT: Final = MappingProxyType(
    {
        "task_failed": "error",
        "action_failed": "error",
        "approval_requested": "waiting_approval",
        "task_started": "processing",
        "action_started": "processing",
        # A retry or an answered approval means the agent resumed work.
        "retry_started": "processing",
        "approval_received": "processing",
    }
)


@dataclass(frozen=True, slots=True)
class AgentHealth:
    """Derived health of one agent at one instant.

    ``heartbeat_age_seconds`` is None when the agent never sent a heartbeat, so the dashboard
    can say "never" instead of inventing an age. ``liveness_age_seconds`` is the age of the
    reference stuck detection used (see :func:`liveness_reference`). Ages are clamped at zero:
    agent clocks run ahead of the server's, and a negative age is noise, not information.
    """

    status: str
    is_stuck: bool
    heartbeat_age_seconds: float | None
    liveness_age_seconds: float


def is_status_bearing(event_type: str) -> bool:
    """Whether an event of this type should replace the agent's last status event."""
    return event_type in STATUS_BEARING


def status_from_last_event(last_status_event_type: str | None) -> str:
    """Rows 2-5 of the cascade: the status implied by the last status-bearing event.

    ``task_completed``, ``action_completed``, ``escalated`` (handed to a human; this agent is
    free), ``agent_registered``, no event at all, and anything unrecognised all mean ``idle``.
    """
    if last_status_event_type is None:
        return "idle"
    return _STATUS_BY_EVENT.get(last_status_event_type, "idle")


def liveness_reference(
    last_heartbeat: datetime | None,
    registered_at: datetime | None,
    first_seen: datetime,
) -> datetime:
    """The latest proof of life that stuck detection measures from.

    Registration counts as proof of life because hiveloop sends its first heartbeat only after
    one heartbeat interval: an agent that has just registered must not show as stuck. A
    re-registration (process restart) likewise resets the clock. ``first_seen`` is the last
    resort for agents known only from other events -- they still go stuck eventually.
    """
    candidates = [moment for moment in (last_heartbeat, registered_at) if moment is not None]
    return max(candidates) if candidates else first_seen


def derive_agent_status(
    *,
    last_status_event_type: str | None,
    last_heartbeat: datetime | None,
    registered_at: datetime | None,
    first_seen: datetime,
    stuck_threshold_seconds: float,
    now: datetime,
) -> AgentHealth:
    """Apply the full cascade of API spec §4.1: stuck first, then the last status event.

    Stuck iff the liveness reference is *strictly* older than the threshold, so an agent
    heartbeating exactly every threshold seconds stays healthy. Stuck wins over every other
    status: a stuck agent whose last event was ``task_started`` is not processing anything.
    """
    liveness_age = _age_seconds(liveness_reference(last_heartbeat, registered_at, first_seen), now)
    heartbeat_age = None if last_heartbeat is None else _age_seconds(last_heartbeat, now)
    is_stuck = liveness_age > stuck_threshold_seconds
    status = "stuck" if is_stuck else status_from_last_event(last_status_event_type)
    return AgentHealth(
        status=status,
        is_stuck=is_stuck,
        heartbeat_age_seconds=heartbeat_age,
        liveness_age_seconds=liveness_age,
    )


def attention_rank(status: str) -> int:
    """Sort key of the ``attention`` order: stuck 0, error 1, waiting_approval 2,
    processing 3, idle 4; anything unknown sorts after idle rather than raising mid-sort."""
    try:
        return AGENT_STATUSES.index(status)
    except ValueError:
        return len(AGENT_STATUSES)


def _age_seconds(moment: datetime, now: datetime) -> float:
    return max(0.0, (now - moment).total_seconds())
