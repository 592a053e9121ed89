from __future__ import annotations

from typing import Any

import pytest

from hiveboard.domain.payload_conventions import (
    REQUIRED_DATA_FIELDS,
    as_int,
    check_payload,
    payload_data,
    payload_kind,
    payload_summary,
    render_hint,
)
from hiveboard.domain.records import RENDER_HINT_KINDS, WELL_KNOWN_KINDS

TASK = "task_lead-4821"

# One conforming payload per well-known kind, shaped like the SDK / spec examples.
VALID: dict[str, tuple[str | None, dict[str, Any]]] = {
    "llm_call": (TASK, {"name": "phase1", "model": "claude-sonnet", "tokens_in": 10}),
    "queue_snapshot": (None, {"depth": 0}),
    "todo": (None, {"todo_id": "todo-1", "action": "created"}),
    "scheduled": (None, {"items": []}),
    "plan_created": (TASK, {"steps": [{"index": 0, "description": "Search"}], "revision": 0}),
    "plan_step": (TASK, {"step_index": 0, "total_steps": 4, "action": "completed"}),
    "issue": (None, {"severity": "high", "category": "permissions", "action": "reported"}),
}


def _payload(kind: str, data: object = None, **extra: object) -> dict[str, object]:
    payload: dict[str, object] = {"kind": kind, "summary": f"a {kind}", "tags": [kind]}
    payload["data"] = VALID[kind][1] if data is None else data
    payload.update(extra)
    return payload


def test_required_fields_cover_exactly_the_well_known_kinds() -> None:
    assert set(REQUIRED_DATA_FIELDS) == set(WELL_KNOWN_KINDS) == set(VALID)


@pytest.mark.parametrize("kind", sorted(VALID))
def test_conforming_payloads_get_no_warnings(kind: str) -> None:
    task_id, _ = VALID[kind]
    assert check_payload("custom", task_id, _payload(kind)) == []


def test_llm_call_may_be_agent_level() -> None:
    assert check_payload("custom", None, _payload("llm_call")) == []


@pytest.mark.parametrize(
    ("kind", "missing"),
    [(kind, field) for kind, fields in sorted(REQUIRED_DATA_FIELDS.items()) for field in fields],
)
def test_each_missing_required_field_is_reported(kind: str, missing: str) -> None:
    task_id, data = VALID[kind]
    incomplete = {k: v for k, v in data.items() if k != missing}
    assert check_payload("custom", task_id, _payload(kind, incomplete)) == [
        f"payload.data.{missing} is required for kind '{kind}'"
    ]


@pytest.mark.parametrize(
    ("event_type", "task_id", "payload", "expected"),
    [
        (
            "custom",
            None,
            {"kind": "todo", "data": {"todo_id": "t", "action": "created"}},
            ["payload.summary is required for kind 'todo'"],
        ),
        (
            "custom",
            None,
            _payload("todo", summary="   "),
            ["payload.summary is required for kind 'todo'"],
        ),
        (
            "custom",
            None,
            {"kind": "queue_snapshot", "summary": "q"},
            ["payload.data is required for kind 'queue_snapshot'"],
        ),
        (
            "custom",
            None,
            _payload("queue_snapshot", data=[1, 2]),
            ["payload.data must be an object for kind 'queue_snapshot'"],
        ),
        (
            "custom",
            None,
            _payload("queue_snapshot", tags="queue"),
            ["payload.tags must be a list of strings"],
        ),
        (
            "custom",
            None,
            _payload("queue_snapshot", tags=["queue", 3]),
            ["payload.tags must be a list of strings"],
        ),
        (
            "custom",
            TASK,
            _payload("queue_snapshot"),
            ["kind 'queue_snapshot' is agent-level: the event should not carry a task_id"],
        ),
        (
            "custom",
            TASK,
            _payload("todo"),
            ["kind 'todo' is agent-level: the event should not carry a task_id"],
        ),
        (
            "custom",
            TASK,
            _payload("scheduled"),
            ["kind 'scheduled' is agent-level: the event should not carry a task_id"],
        ),
        (
            "custom",
            TASK,
            _payload("issue"),
            ["kind 'issue' is agent-level: the event should not carry a task_id"],
        ),
        (
            "custom",
            None,
            _payload("plan_created"),
            ["kind 'plan_created' is task-scoped: the event needs a task_id"],
        ),
        (
            "custom",
            None,
            _payload("plan_step"),
            ["kind 'plan_step' is task-scoped: the event needs a task_id"],
        ),
        (
            "task_started",
            TASK,
            _payload("llm_call"),
            ["payload kind 'llm_call' belongs on custom events, not 'task_started'"],
        ),
        (
            "custom",
            None,
            _payload("queue_snapshot", data={"depth": "4"}),
            ["payload.data.depth should be an integer for kind 'queue_snapshot', got string"],
        ),
        (
            "custom",
            None,
            _payload("queue_snapshot", data={"depth": True}),
            ["payload.data.depth should be an integer for kind 'queue_snapshot', got boolean"],
        ),
        (
            "custom",
            None,
            _payload("queue_snapshot", data={"depth": 2.5}),
            ["payload.data.depth should be an integer for kind 'queue_snapshot', got number"],
        ),
        (
            "custom",
            None,
            _payload("queue_snapshot", data={"depth": [4]}),
            ["payload.data.depth should be an integer for kind 'queue_snapshot', got array"],
        ),
        (
            "custom",
            None,
            _payload("queue_snapshot", data={"depth": (4,)}),  # not JSON: named by Python type
            ["payload.data.depth should be an integer for kind 'queue_snapshot', got tuple"],
        ),
        (
            "custom",
            None,
            _payload("scheduled", data={"items": {"id": 1}}),
            ["payload.data.items should be an array for kind 'scheduled', got object"],
        ),
        (
            "custom",
            TASK,
            _payload("llm_call", data={"name": "n", "model": 7}),
            ["payload.data.model should be a string for kind 'llm_call', got number"],
        ),
        (
            "custom",
            None,
            _payload("todo", data={"todo_id": "t", "action": "done"}),
            [
                "payload.data.action 'done' is not one of created, completed, failed, dismissed, "
                "deferred for kind 'todo'"
            ],
        ),
        (
            "custom",
            TASK,
            _payload("plan_step", data={"step_index": 0, "total_steps": 2, "action": "begun"}),
            [
                "payload.data.action 'begun' is not one of started, completed, failed, skipped "
                "for kind 'plan_step'"
            ],
        ),
        (
            "custom",
            None,
            _payload("issue", data={"severity": "severe"}),
            [
                "payload.data.severity 'severe' is not one of critical, high, medium, low "
                "for kind 'issue'"
            ],
        ),
        (
            "custom",
            TASK,
            {"kind": "plan_created"},
            [
                "payload.summary is required for kind 'plan_created'",
                "payload.data is required for kind 'plan_created'",
            ],
        ),
        (
            "heartbeat",
            None,
            {"kind": "todo", "data": {}, "tags": 1},
            [
                "payload kind 'todo' belongs on custom events, not 'heartbeat'",
                "payload.summary is required for kind 'todo'",
                "payload.data.todo_id is required for kind 'todo'",
                "payload.data.action is required for kind 'todo'",
                "payload.tags must be a list of strings",
            ],
        ),
    ],
)
def test_convention_breaches_are_reported(
    event_type: str, task_id: str | None, payload: object, expected: list[str]
) -> None:
    assert check_payload(event_type, task_id, payload) == expected


@pytest.mark.parametrize(
    "payload",
    [
        None,
        {},
        {"summary": "no kind at all", "data": 5},
        {"kind": "heartbeat_status", "data": "anything"},
        {"kind": "reflection"},  # rendered specially, but has no required fields
        {"kind": 42},
        ["kind", "todo"],
        "todo",
    ],
)
def test_unknown_or_absent_kinds_get_no_advice(payload: object) -> None:
    assert check_payload("custom", None, payload) == []


def test_integral_floats_count_as_integers() -> None:
    payload = _payload("queue_snapshot", data={"depth": 4.0})
    assert check_payload("custom", None, payload) == []


@pytest.mark.parametrize(
    ("event_type", "payload", "expected"),
    [
        *[("custom", {"kind": kind}, kind) for kind in RENDER_HINT_KINDS],
        ("custom", {"kind": "heartbeat_status"}, None),
        ("custom", {"kind": "completion"}, None),
        ("custom", {"summary": "plain"}, None),
        ("custom", None, None),
        ("custom", ["llm_call"], None),
        ("heartbeat", {"kind": "llm_call"}, None),
        ("task_completed", {"kind": "plan_step"}, None),
    ],
)
def test_render_hint(event_type: str, payload: object, expected: str | None) -> None:
    assert render_hint(event_type, payload) == expected


@pytest.mark.parametrize(
    ("payload", "kind", "summary", "data"),
    [
        ({"kind": "todo", "summary": "s", "data": {"a": 1}}, "todo", "s", {"a": 1}),
        ({"kind": 1, "summary": 2, "data": [3]}, None, None, {}),
        ({"summary": "  "}, None, None, {}),
        (None, None, None, {}),
        ("text", None, None, {}),
    ],
)
def test_envelope_readers_are_tolerant(
    payload: object, kind: str | None, summary: str | None, data: dict[str, object]
) -> None:
    assert payload_kind(payload) == kind
    assert payload_summary(payload) == summary
    assert dict(payload_data(payload)) == data


@pytest.mark.parametrize(
    ("value", "expected"),
    [(3, 3), (-1, -1), (3.0, 3), (3.5, None), (True, None), ("3", None), (None, None)],
)
def test_as_int(value: object, expected: int | None) -> None:
    assert as_int(value) == expected
