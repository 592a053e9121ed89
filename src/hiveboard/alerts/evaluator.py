"""Evaluate rules: measure what their conditions need, decide (pure), fire (compare-and-set).

Two entry points share one path:

* :meth:`Evaluator.evaluate_pending` -- the event-driven pass. The ingest hook only notes, per
  workspace, which condition types a committed batch can affect (task endings, LLM calls) and
  which tasks ended; batches arriving meanwhile fold into one pass.
* :meth:`Evaluator.sweep` -- the time-driven pass over every enabled rule: stuck agents, lost
  heartbeats, open tasks running too long, windows whose expiry changes a rate, and firings a
  cooldown deferred. Evidence keeps it from repeating what was already sent.

Measurements are grouped queries shared by all rules of a workspace (one per distinct window),
so a pass costs a few index range scans however many rules there are.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from hiveboard_contract.rest import AlertScope, AlertWebhookPayload
from hiveboard_contract.rest import Rule as PayloadRule

from hiveboard.domain import alert_rules as decide
from hiveboard.domain.agent_status import liveness_reference
from hiveboard.domain.alert_rules import (
    AgentLiveness,
    CostGroup,
    Firing,
    FiringState,
    Rule,
    TaskDuration,
    TaskGroup,
)
from hiveboard.domain.task_rollup import TERMINAL
from hiveboard.services.alerts import new_alert_id
from hiveboard.services.clock import Clock
from hiveboard.services.views import agent_health
from hiveboard.settings import Settings
from hiveboard.store import alert_queries as queries
from hiveboard.store.database import Connection, Database, DatabaseUnavailable

log = logging.getLogger("hiveboard.alerts")

TASK_END_TYPES = frozenset({"task_failed", "error_rate", "duration_exceeded"})
LLM_TYPES = frozenset({"cost_threshold"})
FIRE_CHUNK = 25
MAX_NOTED_TASKS = 10_000
"""Ended tasks remembered per workspace between two passes (a pass runs every second while the
app runs; the bound only matters for an app whose background tasks were never started)."""


@dataclass(slots=True)
class Touched:
    """What committed batches of one workspace may have changed, since the last pass."""

    types: set[str] = field(default_factory=set)
    finished_tasks: set[str] = field(default_factory=set)


@dataclass(slots=True)
class Facts:
    task_groups: dict[int, list[TaskGroup]] = field(default_factory=dict)
    cost_groups: dict[float, list[CostGroup]] = field(default_factory=dict)
    durations: list[TaskDuration] = field(default_factory=list)
    agents: list[AgentLiveness] = field(default_factory=list)
    states: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)


def rule_of(row: Mapping[str, Any]) -> Rule:
    return Rule(rule_id=row["rule_id"], workspace_id=int(row["workspace_id"]), name=row["name"],
                project_id=row["project_id"], condition=row["condition"],
                filters=row["filters"] or {}, cooldown_seconds=int(row["cooldown_seconds"]))


def _duration(row: Mapping[str, Any], now: datetime) -> TaskDuration:
    if row["completed_at"] is None:
        ms, running = int((now - row["started_at"]).total_seconds() * 1000), True
    elif row["duration_ms"] is not None:
        ms, running = int(row["duration_ms"]), False
    else:
        ms = int((row["completed_at"] - row["started_at"]).total_seconds() * 1000)
        running = False
    return TaskDuration(task_id=row["task_id"], agent_id=row["agent_id"],
                        project_id=row["project_id"], environment=row["environment"],
                        group=row["group"], duration_ms=max(0, ms), running=running)


def _liveness(settings: Settings, agents: Iterable[Mapping[str, Any]],
              members: Mapping[str, set[str]], now: datetime) -> list[AgentLiveness]:
    found = []
    for a in agents:
        health, threshold = agent_health(
            a, now=now, default_threshold=settings.default_stuck_threshold_seconds)
        found.append(AgentLiveness(
            agent_id=a["agent_id"], environment=a["environment"], group=a["group"],
            projects=frozenset(members.get(a["agent_id"], ())),
            last_project_id=a["last_project_id"],
            liveness_reference=liveness_reference(a["last_heartbeat"], a["registered_at"],
                                                  a["first_seen"]),
            liveness_age_seconds=health.liveness_age_seconds, own_threshold_seconds=threshold))
    return found


def _measure(conn: Connection, settings: Settings, workspace_id: int, rules: Sequence[Rule],
             finished: set[str] | None, running: bool, now: datetime) -> Facts:
    facts = Facts()
    for seconds in {int(r.condition["window_seconds"]) for r in rules
                    if r.type in decide.TASK_WINDOW_TYPES}:
        facts.task_groups[seconds] = queries.task_groups(
            conn, workspace_id, now - timedelta(seconds=seconds))
    for hours in {float(r.condition["window_hours"]) for r in rules
                  if r.type == "cost_threshold"}:
        facts.cost_groups[hours] = queries.cost_groups(conn, workspace_id,
                                                       now - timedelta(hours=hours))
    thresholds = [int(r.condition["threshold_ms"]) for r in rules
                  if r.type == "duration_exceeded"]
    if thresholds and finished:
        rows = queries.finished_tasks(conn, workspace_id, finished)
        facts.durations += [_duration(r, now) for r in rows]
    if thresholds and running:
        start = now - timedelta(milliseconds=max(thresholds)) - decide.OVERDUE_LOOKBACK
        end = now - timedelta(milliseconds=min(thresholds))
        rows = queries.open_tasks_started_between(conn, workspace_id, start, end)
        facts.durations += [_duration(r, now) for r in rows]
    liveness_rules = [r for r in rules if r.type in ("agent_stuck", "heartbeat_lost")]
    if liveness_rules:
        wanted = None if any(r.type == "agent_stuck" for r in liveness_rules) else {
            str(r.condition["agent_id"]) for r in liveness_rules}
        agents, members = queries.agents_with_projects(conn, workspace_id, wanted)
        facts.agents = _liveness(settings, agents, members, now)
    facts.states = queries.states(conn, [r.rule_id for r in rules],
                                  {t.task_id for t in facts.durations})
    return facts


def _not_yet_alerted(rule: Rule, facts: Facts, now: datetime) -> list[TaskDuration]:
    """Tasks this rule may still alert on: not alerted on before, agent not cooling down.
    Every finished task is a candidate for every duration rule; most are out at once."""
    fresh = []
    for t in facts.durations:
        if (rule.rule_id, decide.task_scope_key(t.task_id)) in facts.states:
            continue
        state = facts.states.get((rule.rule_id, decide.agent_scope_key(t.agent_id)))
        if state is None or decide.cooldown_allows(
                FiringState(state["last_fired_at"], None), now=now,
                cooldown_seconds=rule.cooldown_seconds, evidence=None):
            fresh.append(t)
    return fresh


def decide_all(rules: Sequence[Rule], facts: Facts, now: datetime) -> list[Firing]:
    firings: list[Firing] = []
    for rule in rules:
        cond = rule.condition
        match rule.type:
            case "agent_stuck":
                firings += decide.agent_stuck(rule, facts.agents)
            case "heartbeat_lost":
                firings += decide.heartbeat_lost(rule, facts.agents)
            case "duration_exceeded":
                firings += decide.duration_exceeded(rule, _not_yet_alerted(rule, facts, now))
            case "task_failed" | "error_rate":
                groups = facts.task_groups.get(int(cond["window_seconds"]), [])
                check = decide.task_failed if rule.type == "task_failed" else decide.error_rate
                one = check(rule, groups)
                firings += [one] if one is not None else []
            case "cost_threshold":
                one = decide.cost_threshold(rule, facts.cost_groups.get(
                    float(cond["window_hours"]), []))
                firings += [one] if one is not None else []
    return firings


def _allowed(firing: Firing, facts: Facts, now: datetime) -> bool:
    """The store decides for real; this only spares a write transaction per known refusal."""
    rule_id = firing.rule.rule_id
    if firing.once_key is not None and (rule_id, firing.once_key) in facts.states:
        return False
    state = facts.states.get((rule_id, firing.scope_key))
    known = None if state is None else FiringState(state["last_fired_at"], state["evidence"])
    return decide.cooldown_allows(known, now=now, cooldown_seconds=firing.rule.cooldown_seconds,
                                  evidence=firing.evidence)


def firing_write(firing: Firing, actions: Sequence[Mapping[str, Any]],
                 now: datetime) -> queries.FiringWrite:
    rule = firing.rule
    alert_id = new_alert_id()
    scope = {"agent_id": firing.scope.agent_id, "project_id": firing.scope.project_id,
             "task_id": firing.scope.task_id}
    payload = AlertWebhookPayload(
        event="alert.fired", alert_id=alert_id,
        rule=PayloadRule(id=rule.rule_id, name=rule.name, condition_type=rule.type),
        fired_at=now, measured_value=firing.measured_value, threshold=firing.threshold,
        scope=AlertScope(**scope), message=firing.message).model_dump_json()
    history = {"alert_id": alert_id, "workspace_id": rule.workspace_id, "rule_id": rule.rule_id,
               "rule_name": rule.name, "project_id": rule.project_id,
               "condition_type": rule.type, "fired_at": now,
               "measured_value": firing.measured_value, "threshold": firing.threshold,
               "scope_agent_id": scope["agent_id"], "scope_project_id": scope["project_id"],
               "scope_task_id": scope["task_id"], "message": firing.message}
    deliveries = [{
        "workspace_id": rule.workspace_id, "alert_id": alert_id, "rule_id": rule.rule_id,
        "position": index, "action_type": action["type"],
        "target": action["url"] if action["type"] == "webhook" else ", ".join(action["to"]),
        "action": dict(action), "payload": payload, "status": "pending", "attempts": 0,
        "next_attempt_at": now, "created_at": now} for index, action in enumerate(actions)]
    return queries.FiringWrite(
        workspace_id=rule.workspace_id, rule_id=rule.rule_id, scope_key=firing.scope_key,
        evidence=firing.evidence, once_key=firing.once_key,
        cooldown_seconds=rule.cooldown_seconds, now=now, history=history,
        deliveries=deliveries)


def _one_per_scope(firings: Sequence[Firing]) -> list[Firing]:
    """Within a cooldown only the first firing of a scope can win: do not even try the rest
    (several overdue tasks of one agent, say). Without a cooldown each may fire."""
    seen: set[tuple[str, str]] = set()
    kept = []
    for f in firings:
        key = (f.rule.rule_id, f.scope_key)
        if f.rule.cooldown_seconds > 0 and key in seen:
            continue
        seen.add(key)
        kept.append(f)
    return kept


class Evaluator:
    def __init__(self, db: Database, settings: Settings, clock: Clock,
                 on_fired: Callable[[], None] = lambda: None) -> None:
        self._db = db
        self._settings = settings
        self._clock = clock
        self._on_fired = on_fired
        self._pending: dict[int, Touched] = {}
        self.fired = 0
        self.attempted = 0

    # -- event-driven
    def note(self, workspace_id: int, rows: Iterable[Mapping[str, Any]]) -> bool:
        """Record what a committed batch may affect; cheap, never touches the database."""
        touched: Touched | None = None
        for row in rows:
            kind = row["event_type"]
            if kind in TERMINAL:
                touched = touched or self._pending.setdefault(workspace_id, Touched())
                touched.types |= TASK_END_TYPES
                if row["task_id"] is not None and len(touched.finished_tasks) < MAX_NOTED_TASKS:
                    touched.finished_tasks.add(row["task_id"])
            elif kind == "custom" and row["payload_kind"] == "llm_call":
                touched = touched or self._pending.setdefault(workspace_id, Touched())
                touched.types |= LLM_TYPES
        return touched is not None

    @property
    def has_pending(self) -> bool:
        return bool(self._pending)

    async def evaluate_pending(self) -> int:
        pending, self._pending = self._pending, {}
        fired = 0
        for workspace_id, touched in pending.items():
            try:
                fired += await self._evaluate(workspace_id, touched.types,
                                              touched.finished_tasks, running=False)
            except DatabaseUnavailable as exc:
                # The batches are stored; only this pass failed. Keep what they touched for
                # the next pass, or a per-task condition (which the periodic pass cannot
                # see) would never fire for them.
                self._keep(workspace_id, touched)
                log.warning("alert evaluation for workspace %s postponed: %s", workspace_id, exc)
            except Exception:  # one workspace's failure must not cost the others their alerts
                log.exception("alert evaluation failed for workspace %s", workspace_id)
        return fired

    def _keep(self, workspace_id: int, touched: Touched) -> None:
        into = self._pending.setdefault(workspace_id, Touched())
        into.types |= touched.types
        room = MAX_NOTED_TASKS - len(into.finished_tasks)
        into.finished_tasks.update(list(touched.finished_tasks - into.finished_tasks)[:room])

    # -- time-driven
    async def sweep(self) -> int:
        rows = await self._db.read(queries.enabled_rules)
        workspaces = sorted({int(r["workspace_id"]) for r in rows})
        fired = 0
        for workspace_id in workspaces:
            try:
                fired += await self._evaluate(workspace_id, None, None, running=True)
            except Exception:
                log.exception("alert sweep failed for workspace %s", workspace_id)
        return fired

    async def _evaluate(self, workspace_id: int, types: set[str] | None,
                        finished: set[str] | None, *, running: bool) -> int:
        now = self._clock()

        def read(conn: Connection) -> tuple[list[dict[str, Any]], Facts]:
            rows = queries.enabled_rules(conn, [workspace_id], types)
            rules = [rule_of(r) for r in rows]
            if not rules:
                return rows, Facts()
            return rows, _measure(conn, self._settings, workspace_id, rules, finished, running,
                                  now)

        rows, facts = await self._db.read(read)
        if not rows:
            return 0
        actions = {r["rule_id"]: r["actions"] for r in rows}
        firings = _one_per_scope([f for f in decide_all([rule_of(r) for r in rows], facts, now)
                                  if _allowed(f, facts, now)])
        fired = 0
        # Small transactions: ingest shares the database's one writer and must not wait long.
        for start in range(0, len(firings), FIRE_CHUNK):
            chunk = firings[start:start + FIRE_CHUNK]
            writes = [firing_write(f, actions[f.rule.rule_id], now) for f in chunk]
            fired += await self._db.write(queries.fire_many, writes)
            self.attempted += len(chunk)
        self.fired += fired
        if fired:
            self._on_fired()
        return fired
