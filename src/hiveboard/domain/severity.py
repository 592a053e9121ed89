"""Severity defaults for events sent without one, and the severity order used by filters.

hiveloop always sends a severity, so these defaults matter for raw HTTP senders and other SDKs
(event schema §9). They are a pure function of what the event says about itself, so the same
event always gets the same default wherever it is ingested.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from hiveboard.domain.payload_conventions import payload_data, payload_kind, str_field
from hiveboard.domain.records import SEVERITIES

_BY_EVENT_TYPE: Final[Mapping[str, str]] = MappingProxyType(
    {
        "agent_registered": "info",
        "heartbeat": "debug",
        "task_started": "info",
        "task_completed": "info",
        "task_failed": "error",
        "action_started": "info",
        "action_completed": "info",
        "action_failed": "error",
        # retry_started is a *_started type, but the explicit rule (something went wrong once
        # already) beats the suffix rule.
        "retry_started": "warn",
        "escalated": "warn",
        "approval_requested": "info",
        "approval_received": "info",
        "custom": "info",
    }
)

_ISSUE_SEVERITY: Final[Mapping[str, str]] = MappingProxyType(
    {"critical": "error", "high": "error", "medium": "warn", "low": "info"}
)
"""The agent's business-impact rating of an issue mapped onto event severity."""

_FALLBACK: Final = "info"


def default_severity(event_type: str, payload: object) -> str:
    """The severity to store for an event that arrived without one.

    Custom events are refined by their payload kind (event schema §9): a failed TODO is a
    warning, a failed plan step an error, an issue inherits its own ``data.severity``, and the
    frequent ``queue_snapshot`` is demoted to debug so it does not drown the activity stream.
    Anything unrecognised -- type, kind or value -- defaults to ``info``: a default must never
    reject or hide an event.
    """
    if event_type != "custom":
        return _BY_EVENT_TYPE.get(event_type, _FALLBACK)
    kind = payload_kind(payload)
    data = payload_data(payload)
    action = str_field(data, "action")
    if kind == "queue_snapshot":
        return "debug"
    if kind == "todo" and action == "failed":
        return "warn"
    if kind == "plan_step" and action == "failed":
        return "error"
    if kind == "issue":
        issue_severity = str_field(data, "severity")
        if issue_severity is not None:
            return _ISSUE_SEVERITY.get(issue_severity.strip().lower(), _FALLBACK)
    return _FALLBACK


def severity_rank(severity: str) -> int:
    """Position of ``severity`` in :data:`~hiveboard.domain.records.SEVERITIES` (debug = 0).

    Raises ValueError for anything else: stored severities are validated at ingestion (audit
    F1), so an unknown one here is a caller bug that must not be ranked arbitrarily.
    """
    try:
        return SEVERITIES.index(severity)
    except ValueError:
        raise ValueError(
            f"unknown severity {severity!r}; expected one of {', '.join(SEVERITIES)}"
        ) from None
