from __future__ import annotations

import pytest

from hiveboard.domain.records import EVENT_TYPES, SEVERITIES
from hiveboard.domain.severity import default_severity, severity_rank

BY_TYPE = {
    "agent_registered": "info",
    "heartbeat": "debug",
    "task_started": "info",
    "task_completed": "info",
    "task_failed": "error",
    "action_started": "info",
    "action_completed": "info",
    "action_failed": "error",
    "retry_started": "warn",
    "escalated": "warn",
    "approval_requested": "info",
    "approval_received": "info",
    "custom": "info",
}


def test_table_covers_every_event_type() -> None:
    assert set(BY_TYPE) == set(EVENT_TYPES)


@pytest.mark.parametrize(("event_type", "expected"), sorted(BY_TYPE.items()))
def test_default_by_event_type(event_type: str, expected: str) -> None:
    assert default_severity(event_type, None) == expected


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        ({"kind": "llm_call", "data": {"model": "m"}}, "info"),
        ({"kind": "queue_snapshot", "data": {"depth": 3}}, "debug"),
        ({"kind": "todo", "data": {"action": "failed"}}, "warn"),
        ({"kind": "todo", "data": {"action": "created"}}, "info"),
        ({"kind": "plan_step", "data": {"action": "failed"}}, "error"),
        ({"kind": "plan_step", "data": {"action": "completed"}}, "info"),
        ({"kind": "plan_created", "data": {"steps": []}}, "info"),
        ({"kind": "scheduled", "data": {"items": []}}, "info"),
        ({"kind": "reflection", "data": {}}, "info"),
        ({"kind": "issue", "data": {"severity": "critical"}}, "error"),
        ({"kind": "issue", "data": {"severity": "high"}}, "error"),
        ({"kind": "issue", "data": {"severity": "medium"}}, "warn"),
        ({"kind": "issue", "data": {"severity": "low"}}, "info"),
        ({"kind": "issue", "data": {"severity": " HIGH "}}, "error"),
        ({"kind": "issue", "data": {"severity": "catastrophic"}}, "info"),
        ({"kind": "issue", "data": {}}, "info"),
        ({"kind": "unknown_kind"}, "info"),
        ({"summary": "no kind"}, "info"),
        # malformed payloads degrade to the fallback, never raise
        ({"kind": "todo", "data": "failed"}, "info"),
        ({"kind": "issue", "data": {"severity": 3}}, "info"),
        ({"kind": ["todo"]}, "info"),
        (["not", "an", "object"], "info"),
        ("string payload", "info"),
        (None, "info"),
    ],
)
def test_default_for_custom_events_by_kind(payload: object, expected: str) -> None:
    assert default_severity("custom", payload) == expected


def test_kind_rules_apply_to_custom_events_only() -> None:
    assert default_severity("heartbeat", {"kind": "queue_snapshot"}) == "debug"
    assert default_severity("task_failed", {"kind": "todo", "data": {"action": "created"}}) == (
        "error"
    )


def test_unknown_event_type_defaults_to_info() -> None:
    assert default_severity("something_new", None) == "info"


@pytest.mark.parametrize(("severity", "rank"), [(s, i) for i, s in enumerate(SEVERITIES)])
def test_severity_rank(severity: str, rank: int) -> None:
    assert severity_rank(severity) == rank


@pytest.mark.parametrize("severity", ["critical", "", "INFO", "warning"])
def test_severity_rank_rejects_unknown_values(severity: str) -> None:
    with pytest.raises(ValueError, match="expected one of debug, info, warn, error"):
        severity_rank(severity)
