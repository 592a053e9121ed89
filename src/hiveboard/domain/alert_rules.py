"""Alert rules as pure decisions: given a rule, measured facts and ``now``, fire or not.

Every condition is level-triggered with two brakes, both decided by :func:`cooldown_allows`
and enforced again by the store's compare-and-set:

* the **cooldown**: a rule fires at most once per ``cooldown_seconds`` for one scope -- the
  whole rule, or one agent for the per-agent conditions (agent_stuck, heartbeat_lost,
  duration_exceeded);
* the **evidence**: a firing records what it was about (the stuck episode, the latest failed or
  finished task, the latest LLM call); the same evidence never fires twice, so re-evaluating a
  true condition without new data -- a periodic pass, a second worker -- sends nothing new.

A firing suppressed by the cooldown is therefore deferred, not lost: when the cooldown ends and
the condition still holds on evidence not yet alerted on, the next pass fires it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Final

CONDITION_TYPES: Final = ("agent_stuck", "task_failed", "error_rate", "duration_exceeded",
                          "heartbeat_lost", "cost_threshold")
PER_AGENT: Final = frozenset({"agent_stuck", "heartbeat_lost", "duration_exceeded"})
"""Conditions whose cooldown is kept per agent rather than per rule."""
TASK_WINDOW_TYPES: Final = frozenset({"task_failed", "error_rate"})
RULE_SCOPE: Final = "rule"
OVERDUE_LOOKBACK: Final = timedelta(hours=24)
"""Open tasks are alerted on when they crossed ``threshold_ms`` at most this long ago, so a
rule created today does not page about tasks abandoned months ago."""

_HEADER_NAME = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,256}$")
RESERVED_HEADERS: Final = frozenset({"host", "content-length", "transfer-encoding", "connection",
                                     "x-hiveboard-signature"})


# ------------------------------------------------------------------------------ rules

@dataclass(frozen=True, slots=True)
class Rule:
    """What evaluation needs of a stored rule (store column names, condition as stored)."""

    rule_id: str
    workspace_id: int
    name: str
    project_id: str | None
    condition: Mapping[str, Any]
    filters: Mapping[str, Any]
    cooldown_seconds: int

    @property
    def type(self) -> str:
        return str(self.condition["type"])

    def matches(self, *, agent_id: str | None, project_id: str | None,
                environment: str | None, group: str | None) -> bool:
        """Whether facts about this agent/project/environment/group are in the rule's scope."""
        if self.project_id is not None and project_id != self.project_id:
            return False
        wanted = (("agent_id", agent_id), ("environment", environment), ("group", group))
        return all(self.filters.get(name) in (None, value) for name, value in wanted)


@dataclass(frozen=True, slots=True)
class Problem:
    field: str
    reason: str


def rule_problems(condition: Mapping[str, Any], project_id: str | None,
                  actions: Sequence[Mapping[str, Any]]) -> list[Problem]:
    """Checks the schema cannot express: conditional requirements and header hygiene."""
    problems: list[Problem] = []
    if condition.get("type") == "cost_threshold":
        scope = condition.get("scope")
        if scope == "agent" and not condition.get("agent_id"):
            problems.append(Problem("condition.agent_id", "is required when scope is agent"))
        if scope == "project" and project_id is None:
            problems.append(Problem("project_id", "is required when condition.scope is project"))
    for index, action in enumerate(actions):
        for name, value in (action.get("headers") or {}).items():
            field = f"actions.{index}.headers.{name}"
            if not _HEADER_NAME.match(name):
                problems.append(Problem(field, "is not a valid HTTP header name"))
            elif name.lower() in RESERVED_HEADERS:
                problems.append(Problem(field, "is set by HiveBoard and cannot be overridden"))
            elif any(c in value for c in "\r\n\x00"):
                problems.append(Problem(field, "may not contain CR, LF or NUL"))
    return problems


def threshold_of(condition: Mapping[str, Any]) -> float | None:
    """The rule's threshold in the unit of its measured value (None: the agent's own)."""
    key = {"agent_stuck": "threshold_seconds", "task_failed": "count",
           "error_rate": "threshold_percent", "duration_exceeded": "threshold_ms",
           "cost_threshold": "threshold_usd"}.get(str(condition["type"]))
    return None if key is None else float(condition[key])


# ------------------------------------------------------------------------------ firings

@dataclass(frozen=True, slots=True)
class Scope:
    agent_id: str | None = None
    project_id: str | None = None
    task_id: str | None = None


@dataclass(frozen=True, slots=True)
class Firing:
    """A decision to fire: what was measured and the cooldown bookkeeping that guards it."""

    rule: Rule
    measured_value: float
    threshold: float
    scope: Scope
    message: str
    scope_key: str
    evidence: str | None
    once_key: str | None = None
    """A key that may fire only once ever (``task:<id>``: one alert per overdue task)."""


@dataclass(frozen=True, slots=True)
class FiringState:
    last_fired_at: datetime
    evidence: str | None


def cooldown_allows(state: FiringState | None, *, now: datetime, cooldown_seconds: int,
                    evidence: str | None) -> bool:
    """Fire unless this evidence was already alerted on or the cooldown has not elapsed
    (``now - last_fired_at >= cooldown`` fires: the cooldown is a minimum gap)."""
    if state is None:
        return True
    if evidence is not None and state.evidence == evidence:
        return False
    return now - state.last_fired_at >= timedelta(seconds=cooldown_seconds)


def agent_scope_key(agent_id: str) -> str:
    return f"agent:{agent_id}"


def task_scope_key(task_id: str) -> str:
    """The once-only mark of a task already alerted on."""
    return f"task:{task_id}"


def _millis(moment: datetime) -> str:
    return str(int(moment.timestamp() * 1000))


def _span(seconds: float) -> str:
    for unit, size in (("d", 86400), ("h", 3600), ("min", 60)):
        if seconds >= size and seconds % size == 0:
            return f"{int(seconds // size)} {unit}"
    return f"{seconds:g} s"


# ------------------------------------------------------------------------------ agent liveness

@dataclass(frozen=True, slots=True)
class AgentLiveness:
    """An agent's liveness now: the age of its latest proof of life (heartbeat or registration,
    see ``agent_status.liveness_reference``) and which reference that age is measured from."""

    agent_id: str
    environment: str
    group: str
    projects: frozenset[str]
    last_project_id: str | None
    liveness_reference: datetime
    liveness_age_seconds: float
    own_threshold_seconds: int


def _in_agent_scope(rule: Rule, agent: AgentLiveness) -> bool:
    project = rule.project_id if rule.project_id in agent.projects else None
    return rule.matches(agent_id=agent.agent_id, project_id=project,
                        environment=agent.environment, group=agent.group)


def _liveness_firing(rule: Rule, agent: AgentLiveness, threshold: int, message: str) -> Firing:
    return Firing(
        rule=rule, measured_value=round(agent.liveness_age_seconds, 3), threshold=threshold,
        scope=Scope(agent_id=agent.agent_id, project_id=rule.project_id or agent.last_project_id),
        message=message, scope_key=agent_scope_key(agent.agent_id),
        evidence=_millis(agent.liveness_reference))


def agent_stuck(rule: Rule, agents: Iterable[AgentLiveness]) -> list[Firing]:
    """Agents in scope whose latest proof of life is strictly older than the threshold."""
    threshold = int(rule.condition["threshold_seconds"])
    return [_liveness_firing(rule, a, threshold,
                             f"{a.agent_id} has sent no heartbeat for "
                             f"{a.liveness_age_seconds:.0f} s (threshold {threshold} s)")
            for a in agents
            if _in_agent_scope(rule, a) and a.liveness_age_seconds > threshold]


def heartbeat_lost(rule: Rule, agents: Iterable[AgentLiveness]) -> list[Firing]:
    """The named agent, once its heartbeat is strictly older than its own stuck threshold."""
    wanted = rule.condition["agent_id"]
    return [_liveness_firing(rule, a, a.own_threshold_seconds,
                             f"{a.agent_id} lost its heartbeat: none for "
                             f"{a.liveness_age_seconds:.0f} s (its stuck threshold is "
                             f"{a.own_threshold_seconds} s)")
            for a in agents
            if a.agent_id == wanted and _in_agent_scope(rule, a)
            and a.liveness_age_seconds > a.own_threshold_seconds]


# ------------------------------------------------------------------------------ task windows

@dataclass(frozen=True, slots=True)
class TaskGroup:
    """Tasks that finished inside one window, for one (agent, project, environment, group)."""

    agent_id: str
    project_id: str | None
    environment: str
    group: str
    finished: int
    failed: int
    last_finished: datetime | None
    last_failed: datetime | None


@dataclass(frozen=True, slots=True)
class _TaskTotals:
    finished: int
    failed: int
    last_finished: datetime | None
    last_failed: datetime | None
    agents: frozenset[str]
    projects: frozenset[str | None]


def _latest(values: Iterable[datetime | None]) -> datetime | None:
    present = [v for v in values if v is not None]
    return max(present) if present else None


def _task_totals(rule: Rule, groups: Iterable[TaskGroup], failed_only: bool) -> _TaskTotals:
    chosen = [g for g in groups if rule.matches(agent_id=g.agent_id, project_id=g.project_id,
                                                environment=g.environment, group=g.group)]
    involved = [g for g in chosen if g.failed] if failed_only else chosen
    return _TaskTotals(
        finished=sum(g.finished for g in chosen), failed=sum(g.failed for g in chosen),
        last_finished=_latest(g.last_finished for g in chosen),
        last_failed=_latest(g.last_failed for g in chosen),
        agents=frozenset(g.agent_id for g in involved),
        projects=frozenset(g.project_id for g in involved))


def _only(values: frozenset[Any]) -> Any:
    return next(iter(values)) if len(values) == 1 else None


def _window_scope(rule: Rule, totals: _TaskTotals) -> Scope:
    return Scope(agent_id=_only(totals.agents),
                 project_id=rule.project_id or _only(totals.projects))


def task_failed(rule: Rule, groups: Iterable[TaskGroup]) -> Firing | None:
    """At least ``count`` tasks in scope failed (derived status failed) inside the window."""
    count = int(rule.condition["count"])
    totals = _task_totals(rule, groups, failed_only=True)
    if totals.failed < count or totals.last_failed is None:
        return None
    window = _span(int(rule.condition["window_seconds"]))
    return Firing(rule=rule, measured_value=float(totals.failed), threshold=float(count),
                  scope=_window_scope(rule, totals),
                  message=f"{totals.failed} tasks failed in the last {window} "
                          f"(threshold {count})",
                  scope_key=RULE_SCOPE, evidence=_millis(totals.last_failed))


def error_rate(rule: Rule, groups: Iterable[TaskGroup]) -> Firing | None:
    """Failed among finished tasks in the window strictly above ``threshold_percent``; no
    finished task means no rate, never an alert."""
    threshold = float(rule.condition["threshold_percent"])
    totals = _task_totals(rule, groups, failed_only=False)
    if totals.finished == 0 or totals.last_finished is None:
        return None
    rate = 100.0 * totals.failed / totals.finished
    if rate <= threshold:
        return None
    window = _span(int(rule.condition["window_seconds"]))
    return Firing(rule=rule, measured_value=round(rate, 4), threshold=threshold,
                  scope=_window_scope(rule, totals),
                  message=f"error rate {rate:.1f}% over the last {window} ({totals.failed} of "
                          f"{totals.finished} tasks failed; threshold {threshold:g}%)",
                  scope_key=RULE_SCOPE, evidence=_millis(totals.last_finished))


# ------------------------------------------------------------------------------ task duration

@dataclass(frozen=True, slots=True)
class TaskDuration:
    """A finished task's duration, or how long an open task has been running."""

    task_id: str
    agent_id: str
    project_id: str | None
    environment: str
    group: str
    duration_ms: int
    running: bool


def duration_exceeded(rule: Rule, tasks: Iterable[TaskDuration]) -> list[Firing]:
    """Tasks in scope whose duration is strictly above ``threshold_ms``, one alert per task.

    With a cooldown only one task per agent can fire now, so only the first is proposed."""
    threshold = int(rule.condition["threshold_ms"])
    lookback_ms = OVERDUE_LOOKBACK.total_seconds() * 1000
    firings = []
    proposed: set[str] = set()
    for t in tasks:
        stale = t.running and t.duration_ms - threshold > lookback_ms
        if t.duration_ms <= threshold or stale or (
                rule.cooldown_seconds and t.agent_id in proposed) or not rule.matches(
                agent_id=t.agent_id, project_id=t.project_id, environment=t.environment,
                group=t.group):
            continue
        verb = "has been running for" if t.running else "ran for"
        firings.append(Firing(
            rule=rule, measured_value=float(t.duration_ms), threshold=float(threshold),
            scope=Scope(agent_id=t.agent_id, project_id=t.project_id, task_id=t.task_id),
            message=f"task {t.task_id} on {t.agent_id} {verb} {t.duration_ms} ms "
                    f"(threshold {threshold} ms)",
            scope_key=agent_scope_key(t.agent_id), evidence=None,
            once_key=task_scope_key(t.task_id)))
        proposed.add(t.agent_id)
    return firings


# ------------------------------------------------------------------------------ cost

@dataclass(frozen=True, slots=True)
class CostGroup:
    """LLM cost inside one window, for one (agent, project, environment, group)."""

    agent_id: str
    project_id: str | None
    environment: str
    group: str
    cost: float
    last_seq: int


def cost_threshold(rule: Rule, groups: Iterable[CostGroup]) -> Firing | None:
    """LLM cost in scope over the window strictly above ``threshold_usd``."""
    cond = rule.condition
    threshold = float(cond["threshold_usd"])
    agent = cond.get("agent_id") if cond["scope"] == "agent" else None
    chosen = [g for g in groups
              if (agent is None or g.agent_id == agent)
              and rule.matches(agent_id=g.agent_id, project_id=g.project_id,
                               environment=g.environment, group=g.group)]
    total = sum(g.cost for g in chosen)
    if total <= threshold or not chosen:
        return None
    what = {"agent": f"agent {agent}", "project": "the project",
            "tenant": "the workspace"}[str(cond["scope"])]
    return Firing(rule=rule, measured_value=round(total, 6), threshold=threshold,
                  scope=Scope(agent_id=agent, project_id=rule.project_id),
                  message=f"LLM cost ${total:.2f} over the last {cond['window_hours']:g} h "
                          f"for {what} exceeds ${threshold:.2f}",
                  scope_key=RULE_SCOPE, evidence=str(max(g.last_seq for g in chosen)))
