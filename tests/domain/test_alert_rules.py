"""Pure alert decisions, table-driven: boundaries, scope, cooldown and evidence."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from hiveboard.domain import alert_rules as ar
from hiveboard.domain.alert_rules import (
    AgentLiveness,
    CostGroup,
    FiringState,
    Rule,
    TaskDuration,
    TaskGroup,
)

NOW = datetime(2026, 2, 10, 14, 0, tzinfo=UTC)


def rule(condition: dict[str, Any], *, project: str | None = None, cooldown: int = 0,
         **filters: str) -> Rule:
    return Rule(rule_id="r", workspace_id=1, name="n", project_id=project, condition=condition,
                filters=filters, cooldown_seconds=cooldown)


def agent(agent_id: str = "a", age: float = 0, *, env: str = "production", group: str = "g",
          projects: frozenset[str] = frozenset(), own: int = 300) -> AgentLiveness:
    return AgentLiveness(agent_id=agent_id, environment=env, group=group, projects=projects,
                         last_project_id=None, liveness_reference=NOW - timedelta(seconds=age),
                         liveness_age_seconds=age, own_threshold_seconds=own)


def tasks(finished: int, failed: int, *, agent_id: str = "a", project: str | None = None,
          env: str = "production") -> TaskGroup:
    return TaskGroup(agent_id=agent_id, project_id=project, environment=env, group="g",
                     finished=finished, failed=failed, last_finished=NOW,
                     last_failed=NOW if failed else None)


@pytest.mark.parametrize(("state", "now_offset", "cooldown", "evidence", "allowed"), [
    (None, 0, 300, "e1", True),
    (FiringState(NOW, "e1"), 300, 300, "e2", True),       # cooldown is a minimum gap: >=
    (FiringState(NOW, "e1"), 299, 300, "e2", False),
    (FiringState(NOW, "e1"), 10_000, 300, "e1", False),   # same evidence never twice
    (FiringState(NOW, "e1"), 0, 0, "e2", True),
    (FiringState(NOW, None), 300, 300, None, True),
    (FiringState(NOW, "e1"), 300, 300, None, True),       # no evidence: cooldown only
])
def test_cooldown_allows(state: FiringState | None, now_offset: int, cooldown: int,
                         evidence: str | None, allowed: bool):
    now = NOW + timedelta(seconds=now_offset)
    assert ar.cooldown_allows(state, now=now, cooldown_seconds=cooldown,
                              evidence=evidence) is allowed


@pytest.mark.parametrize(("filters", "project", "facts", "matches"), [
    ({}, None, {"agent_id": "a", "project_id": None, "environment": "e", "group": "g"}, True),
    ({"environment": "e"}, None, {"agent_id": "a", "project_id": "p", "environment": "e",
                                  "group": "g"}, True),
    ({"environment": "x"}, None, {"agent_id": "a", "project_id": None, "environment": "e",
                                  "group": "g"}, False),
    ({"group": "g", "agent_id": "b"}, None, {"agent_id": "a", "project_id": None,
                                              "environment": "e", "group": "g"}, False),
    ({}, "p", {"agent_id": "a", "project_id": None, "environment": "e", "group": "g"}, False),
    ({}, "p", {"agent_id": "a", "project_id": "p", "environment": "e", "group": "g"}, True),
])
def test_rule_matches(filters: dict[str, str], project: str | None, facts: dict[str, Any],
                      matches: bool):
    assert rule({"type": "task_failed"}, project=project, **filters).matches(**facts) is matches


@pytest.mark.parametrize(("age", "fires"), [(59.9, False), (60, False), (60.001, True)])
def test_agent_stuck_boundary(age: float, fires: bool):
    found = ar.agent_stuck(rule({"type": "agent_stuck", "threshold_seconds": 60}), [agent(age=age)])
    assert bool(found) is fires
    if fires:
        assert found[0].scope_key == "agent:a" and found[0].evidence is not None


def test_agent_stuck_project_needs_membership():
    r = rule({"type": "agent_stuck", "threshold_seconds": 1}, project="p")
    assert ar.agent_stuck(r, [agent("in", 5, projects=frozenset({"p"})), agent("out", 5)])[
        0].scope.agent_id == "in"


@pytest.mark.parametrize(("age", "own", "fires"), [(300, 300, False), (301, 300, True),
                                                    (61, 60, True)])
def test_heartbeat_lost_uses_own_threshold(age: float, own: int, fires: bool):
    r = rule({"type": "heartbeat_lost", "agent_id": "a"})
    assert bool(ar.heartbeat_lost(r, [agent("a", age, own=own), agent("b", 9999)])) is fires


@pytest.mark.parametrize(("groups", "count", "fires"), [
    ([tasks(5, 2)], 3, False),
    ([tasks(5, 2), tasks(1, 1, agent_id="b")], 3, True),
    ([tasks(5, 3, env="staging")], 3, True),
])
def test_task_failed(groups: list[TaskGroup], count: int, fires: bool):
    r = rule({"type": "task_failed", "count": count, "window_seconds": 60})
    assert (ar.task_failed(r, groups) is not None) is fires


def test_task_failed_scope_names_the_single_agent_only():
    r = rule({"type": "task_failed", "count": 1, "window_seconds": 60})
    one = ar.task_failed(r, [tasks(3, 1, project="p"), tasks(2, 0, agent_id="b")])
    assert one is not None and one.scope.agent_id == "a" and one.scope.project_id == "p"
    two = ar.task_failed(r, [tasks(3, 1), tasks(2, 1, agent_id="b")])
    assert two is not None and two.scope.agent_id is None


@pytest.mark.parametrize(("finished", "failed", "threshold", "fires"), [
    (0, 0, 0, False), (4, 2, 50, False), (3, 2, 50, True), (10, 1, 0, True), (10, 0, 0, False),
    (1, 1, 100, False),
])
def test_error_rate(finished: int, failed: int, threshold: float, fires: bool):
    r = rule({"type": "error_rate", "threshold_percent": threshold, "window_seconds": 60})
    groups = [tasks(finished, failed)] if finished else []
    assert (ar.error_rate(r, groups) is not None) is fires


@pytest.mark.parametrize(("duration", "running", "fires"), [
    (1000, False, False), (1001, False, True), (1001, True, True),
    (1000 + 24 * 3600 * 1000 + 1, True, False),  # crossed the threshold too long ago
])
def test_duration_exceeded(duration: int, running: bool, fires: bool):
    r = rule({"type": "duration_exceeded", "threshold_ms": 1000})
    t = TaskDuration(task_id="t", agent_id="a", project_id=None, environment="e", group="g",
                     duration_ms=duration, running=running)
    found = ar.duration_exceeded(r, [t])
    assert bool(found) is fires
    if fires:
        assert found[0].once_key == "task:t" and found[0].scope_key == "agent:a"


def cost(agent_id: str, usd: float, project: str | None = None, seq: int = 1) -> CostGroup:
    return CostGroup(agent_id=agent_id, project_id=project, environment="e", group="g",
                     cost=usd, last_seq=seq)


@pytest.mark.parametrize(("scope", "extra", "project", "fires"), [
    ("tenant", {}, None, True),                       # 0.6 + 0.5 > 1
    ("agent", {"agent_id": "a"}, None, False),        # 0.6
    ("agent", {"agent_id": "b"}, None, False),        # 0.5
    ("project", {}, "p", False),                      # 0.5 only
])
def test_cost_threshold_scopes(scope: str, extra: dict[str, str], project: str | None,
                               fires: bool):
    r = rule({"type": "cost_threshold", "threshold_usd": 1.0, "window_hours": 1,
              "scope": scope, **extra}, project=project)
    assert (ar.cost_threshold(r, [cost("a", 0.6), cost("b", 0.5, "p", 7)]) is not None) is fires


def test_cost_threshold_exactly_at_threshold_does_not_fire_and_evidence_is_latest_seq():
    r = rule({"type": "cost_threshold", "threshold_usd": 1.0, "window_hours": 1,
              "scope": "tenant"})
    assert ar.cost_threshold(r, [cost("a", 0.5), cost("b", 0.5)]) is None
    fired = ar.cost_threshold(r, [cost("a", 0.5, seq=3), cost("b", 0.51, seq=9)])
    assert fired is not None and fired.evidence == "9"


@pytest.mark.parametrize(("condition", "project", "headers", "fields"), [
    ({"type": "cost_threshold", "scope": "agent"}, None, {}, ["condition.agent_id"]),
    ({"type": "cost_threshold", "scope": "project"}, None, {}, ["project_id"]),
    ({"type": "cost_threshold", "scope": "project"}, "p", {}, []),
    ({"type": "agent_stuck"}, None, {"Host": "x"}, ["actions.0.headers.Host"]),
    ({"type": "agent_stuck"}, None, {"X-Ok": "a\nb"}, ["actions.0.headers.X-Ok"]),
    ({"type": "agent_stuck"}, None, {"X-Ok": "fine", "Content-Type": "application/json"}, []),
])
def test_rule_problems(condition: dict[str, Any], project: str | None,
                       headers: dict[str, str], fields: list[str]):
    actions = [{"type": "webhook", "url": "https://x", "headers": headers}]
    assert [p.field for p in ar.rule_problems(condition, project, actions)] == fields


@pytest.mark.parametrize(("cooldown", "expected"), [(0, ["t1", "t2", "t3"]), (60, ["t1", "t3"])])
def test_duration_exceeded_proposes_one_task_per_agent_within_a_cooldown(
        cooldown: int, expected: list[str]):
    r = rule({"type": "duration_exceeded", "threshold_ms": 10}, cooldown=cooldown)
    tasks = [TaskDuration(task_id=t, agent_id=a, project_id=None, environment="e", group="g",
                          duration_ms=50, running=False)
             for t, a in (("t1", "a"), ("t2", "a"), ("t3", "b"))]
    assert [f.scope.task_id for f in ar.duration_exceeded(r, tasks)] == expected
