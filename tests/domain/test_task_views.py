"""Pure helpers of the task list and timeline (hiveboard.services.tasks / .events)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from hiveboard.domain.plan import Plan, PlanStep
from hiveboard.domain.timeline import ActionNode
from hiveboard.errors import BadRequest
from hiveboard.services.events import event_key
from hiveboard.services.tasks import (
    action_outcomes,
    action_tree_view,
    cursor_key,
    folded_header,
    plan_view,
    stuck_agent_ids,
    task_key,
    task_status,
)
from hiveboard.store.task_queries import TaskKey
from tests.domain.factories import T0, at, make_event


def row(**flags: Any) -> dict[str, Any]:
    base = {"agent_id": "a", "has_completed": False, "has_failed": False,
            "has_escalated": False, "approvals_requested": 0, "approvals_received": 0}
    return {**base, **flags}


@pytest.mark.parametrize(("flags", "stuck", "expected"), [
    ({}, set(), "processing"),
    ({}, {"a"}, "stuck"),
    ({}, {"other"}, "processing"),
    ({"has_completed": True}, {"a"}, "completed"),
    ({"has_failed": True}, {"a"}, "failed"),
    ({"has_failed": True, "has_completed": True}, set(), "completed"),
    ({"has_escalated": True}, {"a"}, "escalated"),
    ({"approvals_requested": 2, "approvals_received": 1}, {"a"}, "waiting"),
    ({"approvals_requested": 1, "approvals_received": 1}, {"a"}, "stuck"),
    ({"has_completed": 1}, set(), "completed"),  # SQLite booleans may come back as ints
])
def test_task_status(flags, stuck, expected):
    assert task_status(row(**flags), frozenset(stuck)) == expected


def agent(agent_id: str, *, heartbeat_s: float | None, threshold: int | None) -> dict[str, Any]:
    return {"agent_id": agent_id, "stuck_threshold_seconds": threshold,
            "last_status_event_type": None, "registered_at": None, "first_seen": T0,
            "last_heartbeat": None if heartbeat_s is None else at(heartbeat_s)}


def test_stuck_agent_ids_use_each_agents_threshold_and_the_default():
    agents = [agent("fresh", heartbeat_s=250, threshold=None),
              agent("own-threshold", heartbeat_s=250, threshold=30),
              agent("silent", heartbeat_s=None, threshold=None),
              agent("exactly", heartbeat_s=0, threshold=300)]
    assert stuck_agent_ids(agents, now=at(300), default_threshold=100) == {
        "own-threshold", "silent"}


@pytest.mark.parametrize(("sort", "key", "expected"), [
    ("newest", [1, "t"], TaskKey(1, "t")),
    ("oldest", [0, ""], TaskKey(0, "")),
    ("duration", [5, "t"], TaskKey(5, "t")),
    ("duration", [None, "t"], TaskKey(None, "t")),
    ("cost", [0.5, "t"], TaskKey(0.5, "t")),
    ("cost", [2, "t"], TaskKey(2, "t")),
    ("cost", [None, "t"], TaskKey(None, "t")),
    ("newest", None, None),
])
def test_task_key_accepts_what_cursor_key_produces(sort, key, expected):
    assert task_key(sort, key) == expected


@pytest.mark.parametrize(("sort", "key"), [
    ("newest", [None, "t"]),
    ("newest", [1.5, "t"]),
    ("newest", [True, "t"]),
    ("newest", ["1", "t"]),
    ("duration", [1.5, "t"]),
    ("duration", [False, "t"]),
    ("cost", [[], "t"]),
    ("cost", [1.0, 7]),
    ("cost", [1.0, None]),
])
def test_task_key_refuses_anything_else(sort, key):
    with pytest.raises(BadRequest) as err:
        task_key(sort, key)
    assert err.value.details == {"field": "cursor", "location": "query",
                                 "reason": "unrecognised cursor"}


@pytest.mark.parametrize(("key", "valid"), [
    ([1, 2], True), ([0, 0], True), ([1.0, 2], False), ([1, "2"], False), ([True, 2], False),
    ([None, 2], False),
])
def test_event_key(key, valid):
    if valid:
        assert event_key(key) == tuple(key)
    else:
        with pytest.raises(BadRequest):
            event_key(key)


def test_cursor_key_encodes_times_as_epoch_millis():
    assert cursor_key("newest", {"started_at": T0 + timedelta(milliseconds=5),
                                 "task_id": "t"}) == [1770732000005, "t"]
    assert cursor_key("cost", {"total_cost": None, "task_id": "t"}) == [None, "t"]


def test_action_outcomes_take_the_latest_lifecycle_event_by_time():
    events = [
        make_event(event_type="action_completed", action_id="a", timestamp=at(5)),
        make_event(event_type="action_started", action_id="a", timestamp=at(1)),
        make_event(event_type="action_started", action_id="b", timestamp=at(2)),
        make_event(event_type="custom", action_id="b", timestamp=at(9)),
        make_event(event_type="action_failed", action_id="c", timestamp=at(3)),
        make_event(event_type="action_failed", action_id=None, timestamp=at(3)),
    ]
    assert action_outcomes(events) == {"a": "action_completed", "b": "action_started",
                                       "c": "action_failed"}


def node(action_id: str, *children: ActionNode, status: str = "success") -> ActionNode:
    return ActionNode(action_id=action_id, name=action_id, parent_action_id=None, status=status,
                      started_at=T0, completed_at=None, duration_ms=None,
                      children=list(children))


def shape(views: list[dict[str, Any]]) -> list[Any]:
    return [(v["action_id"], shape(v["children"])) if v["children"] else v["action_id"]
            for v in views]


@pytest.mark.parametrize(("max_depth", "expected"), [
    (10, [("a", [("b", [("c", ["d"])]), "e"]), "f"]),
    (3, [("a", [("b", ["c", "d"]), "e"]), "f"]),
    (2, [("a", ["b", "c", "d", "e"]), "f"]),
    (1, ["a", "b", "c", "d", "e", "f"]),
])
def test_action_tree_view_caps_depth_keeping_preorder(max_depth, expected):
    roots = [node("a", node("b", node("c", node("d"))), node("e")), node("f")]
    assert shape(action_tree_view(roots, {}, max_depth=max_depth)) == expected


@pytest.mark.parametrize(("outcome", "status"), [
    ("action_completed", "completed"), ("action_failed", "failed"),
    ("action_started", "running"), (None, "running"),
])
def test_action_tree_view_status_comes_from_the_ending_event_type(outcome, status):
    outcomes = {} if outcome is None else {"a": outcome}
    (view,) = action_tree_view([node("a", status="timeout")], outcomes)
    assert view["status"] == status


def step(index: int, action: str, *, turns: int | None = None,
         tokens: int | None = None) -> PlanStep:
    return PlanStep(step_index=index, description=None, action=action, started_at=None,
                    completed_at=None, turns=turns, tokens=tokens)


def test_plan_view_speaks_the_contract_vocabulary():
    assert plan_view(None) is None
    plan = Plan(goal="g", revision=-3, total_steps=4, completed_steps=1, steps=[
        step(0, "completed", turns=2, tokens=10), step(1, "thinking"),
        step(2, "pending", turns=-1, tokens=-5), step(3, "skipped")])
    view = plan_view(plan)
    assert view is not None
    assert view["revision"] == 0 and view["goal"] == "g" and view["total_steps"] == 4
    assert [s["action"] for s in view["steps"]] == ["completed", "started", "pending", "skipped"]
    assert [(s["turns"], s["tokens"]) for s in view["steps"]] == [
        (2, 10), (None, None), (None, None), (None, None)]


def event_row(event_type: str, t: float, **extra: Any) -> dict[str, Any]:
    base = {"event_type": event_type, "timestamp": at(t), "agent_id": "a", "project_id": "p",
            "task_type": "k", "task_run_id": "r", "environment": "production",
            "group": "default", "duration_ms": None, "severity": "info", "payload_kind": None,
            "llm_cost": None, "llm_tokens_in": None, "llm_tokens_out": None}
    return {**base, **extra}


def test_folded_header_is_rollup_shaped():
    header = folded_header("t", [
        event_row("custom", 5, payload_kind="llm_call", llm_cost=0.5, llm_tokens_in=3),
        event_row("task_started", 1),
        event_row("task_completed", 61),
    ])
    assert header["task_id"] == "t" and header["task_run_id"] == "r"
    assert (header["started_at"], header["completed_at"], header["duration_ms"]) == (
        at(1), at(61), 60_000)
    assert (header["total_cost"], header["total_tokens_in"], header["llm_call_count"]) == (
        0.5, 3, 1)
    assert header["has_completed"] and not header["has_failed"]


def test_folded_header_without_task_started_starts_at_the_first_event():
    header = folded_header("t", [event_row("custom", 7), event_row("task_failed", 9)])
    assert header["started_at"] == at(7) and header["duration_ms"] == 2000
