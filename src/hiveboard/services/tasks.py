"""The task list (from the rollup table) and one task run's timeline (from its events).

A task's status depends on its agent's health *now*, which no table stores: the list computes
the set of stuck agents first and hands it to the status filter, so that filtering in SQL and
deriving each row's status apply the same cascade.

Runs: the task list has one row per ``task_id``; its ``task_run_id`` is the run named by the
task's latest event that names one. The timeline shows one run -- the requested one, else that
same latest run -- as the run's own events plus the task's events that name no run. Its header
comes from the rollup row when that selection is the whole task, and is folded from the run's
events otherwise (same fold as the rollup, so the two never disagree on a single-run task).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, replace
from datetime import datetime
from typing import Any, Final

from hiveboard_contract.rest import Pagination, TasksPage, TaskSummary

from hiveboard.domain.plan import Plan, build_plan
from hiveboard.domain.principal import Principal
from hiveboard.domain.records import EventRecord, chronological
from hiveboard.domain.task_rollup import effective_duration_ms, facts_from_row, fold
from hiveboard.domain.task_status import TaskFacts, derive_task_status
from hiveboard.domain.timeline import (
    ACTION_EVENT_TYPES,
    ActionNode,
    build_action_tree,
    build_error_chains,
)
from hiveboard.errors import NotFound
from hiveboard.services.container import Services
from hiveboard.services.events import bad_cursor, is_int
from hiveboard.services.pagination import decode_cursor, paginate
from hiveboard.services.params import time_window
from hiveboard.services.views import agent_health, event_view
from hiveboard.store import event_queries, task_queries
from hiveboard.store.database import Connection
from hiveboard.store.projects import find_project
from hiveboard.store.task_queries import TASK_SORTS, TaskKey, TaskQuery
from hiveboard.store.types import to_millis

TIMELINE_MAX_EVENTS: Final = 10_000
MAX_ACTION_DEPTH: Final = 100
"""Deeper actions are listed under their ancestor at this depth: JSON encoders refuse very
deep nesting, and a client-written parent chain can be arbitrarily long."""

PLAN_STEP_ACTIONS: Final = frozenset({"pending", "started", "completed", "failed", "skipped"})
_ACTION_STATUS: Final = {"action_completed": "completed", "action_failed": "failed"}
_NEEDS_ALL_AGENTS: Final = frozenset({"stuck", "processing"})


# ---------------------------------------------------------------- status and row views

def is_open(row: Mapping[str, Any]) -> bool:
    return not (row["has_completed"] or row["has_failed"])


def task_status(row: Mapping[str, Any], stuck_agents: frozenset[str]) -> str:
    """The cascade over a rollup-shaped row; only an open task can be stuck."""
    return derive_task_status(TaskFacts(
        has_completed=bool(row["has_completed"]), has_failed=bool(row["has_failed"]),
        has_escalated=bool(row["has_escalated"]),
        approvals_requested=row["approvals_requested"],
        approvals_received=row["approvals_received"],
        agent_is_stuck=is_open(row) and row["agent_id"] in stuck_agents))


def stuck_agent_ids(agents: Iterable[Mapping[str, Any]], *, now: datetime,
                    default_threshold: int) -> frozenset[str]:
    return frozenset(agent["agent_id"] for agent in agents
                     if agent_health(agent, now=now, default_threshold=default_threshold)[0]
                     .is_stuck)


def summary_fields(row: Mapping[str, Any], status: str) -> dict[str, Any]:
    """The fields a task list item and a timeline header share, from a rollup-shaped row."""
    return {
        "task_id": row["task_id"], "task_type": row["task_type"],
        "task_run_id": row["task_run_id"], "agent_id": row["agent_id"],
        "project_id": row["project_id"], "environment": row["environment"],
        "group": row["group"], "status": status, "derived_status": status,
        "started_at": row["started_at"], "completed_at": row["completed_at"],
        "duration_ms": row["duration_ms"], "total_cost": row["total_cost"],
        "total_tokens_in": row["total_tokens_in"], "total_tokens_out": row["total_tokens_out"],
        "llm_call_count": row["llm_call_count"],
    }


def task_summary(row: Mapping[str, Any], stuck_agents: frozenset[str]) -> TaskSummary:
    return TaskSummary(
        **summary_fields(row, task_status(row, stuck_agents)),
        action_count=row["action_count"], error_count=row["error_count"],
        has_escalation=bool(row["has_escalated"]),
        has_human_intervention=row["approvals_requested"] > 0 or row["approvals_received"] > 0)


# ---------------------------------------------------------------- cursors

def sort_tag(sort: str) -> str:
    return f"tasks.{sort}"


def cursor_key(sort: str, row: Mapping[str, Any]) -> list[Any]:
    value = row[TASK_SORTS[sort].column]
    if isinstance(value, datetime):
        value = to_millis(value)
    return [value, row["task_id"]]


def task_key(sort: str, key: Sequence[Any] | None) -> TaskKey | None:
    """A decoded cursor as a :class:`TaskKey`; 400 for anything :func:`cursor_key` cannot
    have produced for this sort."""
    if key is None:
        return None
    value, task_id = key
    spec = TASK_SORTS[sort]
    number = is_int(value) or (spec.column == "total_cost" and isinstance(value, float))
    if not isinstance(task_id, str) or not (number or (value is None and spec.nullable)):
        raise bad_cursor()
    return TaskKey(value=value, task_id=task_id)


# ---------------------------------------------------------------- listTasks

def _read_tasks(conn: Connection, query: TaskQuery, project_ref: str | None, sort: str,
                after: TaskKey | None, limit: int, now: datetime,
                default_threshold: int) -> tuple[list[dict[str, Any]], frozenset[str]]:
    if project_ref is not None:
        project = find_project(conn, query.workspace_id, project_ref)
        if project is None:
            return [], frozenset()  # an unknown project matches nothing
        query = replace(query, project_id=project.project_id)
    filters_on_stuck = bool(query.statuses and query.statuses & _NEEDS_ALL_AGENTS)
    if filters_on_stuck:
        stuck = stuck_agent_ids(task_queries.agent_health_rows(conn, query.workspace_id),
                                now=now, default_threshold=default_threshold)
        query = replace(query, stuck_agents=stuck)
    rows = task_queries.page_tasks(conn, query, sort, after, limit)
    if not filters_on_stuck:
        agents = {row["agent_id"] for row in rows[:limit] if is_open(row)}
        stuck = stuck_agent_ids(task_queries.agent_health_rows(conn, query.workspace_id, agents),
                                now=now, default_threshold=default_threshold)
    return rows, stuck


async def list_tasks(
    ctx: Services, principal: Principal, *, project_id: str | None = None,
    agent_id: str | None = None, task_type: str | None = None,
    status: list[str] | None = None, environment: str | None = None, group: str | None = None,
    since: str | None = None, until: str | None = None, sort: str = "newest", limit: int = 50,
    cursor: str | None = None,
) -> TasksPage:
    after = task_key(sort, decode_cursor(cursor, sort_tag(sort), 2))
    now = ctx.clock()
    start, end = time_window(since, until, now=now)
    query = TaskQuery(workspace_id=principal.workspace_id, agent_id=agent_id,
                      task_type=task_type, environment=environment, group=group, since=start,
                      until=end, statuses=None if status is None else frozenset(status))
    rows, stuck = await ctx.db.read(_read_tasks, query, project_id, sort, after, limit, now,
                                    ctx.settings.default_stuck_threshold_seconds)
    page = paginate(rows, limit, sort_tag(sort), lambda row: cursor_key(sort, row))
    return TasksPage(data=[task_summary(row, stuck) for row in page.items],
                     pagination=Pagination(**page.pagination()))


# ---------------------------------------------------------------- getTaskTimeline

def event_record(row: Mapping[str, Any]) -> EventRecord:
    return EventRecord(
        event_id=row["event_id"], agent_id=row["agent_id"], event_type=row["event_type"],
        timestamp=row["timestamp"], severity=row["severity"], task_id=row["task_id"],
        task_type=row["task_type"], task_run_id=row["task_run_id"],
        project_id=row["project_id"], action_id=row["action_id"],
        parent_action_id=row["parent_action_id"], parent_event_id=row["parent_event_id"],
        status=row["status"], payload_kind=row["payload_kind"],
        duration_ms=row["duration_ms"], payload=row["payload"])


def folded_header(task_id: str, rows: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """A rollup-shaped row of just these events, exactly as ingest would have stored it."""
    rollup = fold(None, [facts_from_row(row) for row in rows])
    header = asdict(rollup)
    header.update(task_id=task_id, started_at=rollup.started_at or rollup.first_event_at,
                  duration_ms=effective_duration_ms(rollup))
    return header


def action_outcomes(events: Iterable[EventRecord]) -> dict[str, str]:
    """Per action id, the type of its latest lifecycle event (the one the tree's node was
    settled by: same chronological order as :func:`build_action_tree`)."""
    latest: dict[str, str] = {}
    for event in chronological(events):
        if event.event_type in ACTION_EVENT_TYPES and event.action_id:
            latest[event.action_id] = event.event_type
    return latest


def action_tree_view(roots: Sequence[ActionNode], outcomes: Mapping[str, str],
                     max_depth: int = MAX_ACTION_DEPTH) -> list[dict[str, Any]]:
    """The contract's ActionNode tree (``completed``/``failed``/``running``), built without
    recursion; nodes below ``max_depth`` are listed, in order, beside their ancestor there."""
    out: list[dict[str, Any]] = []
    stack: list[tuple[ActionNode, int, list[dict[str, Any]]]] = [
        (root, 0, out) for root in reversed(roots)]
    while stack:
        node, depth, siblings = stack.pop()
        children: list[dict[str, Any]] = []
        siblings.append({
            "action_id": node.action_id, "name": node.name,
            "parent_action_id": node.parent_action_id,
            "status": _ACTION_STATUS.get(outcomes.get(node.action_id, ""), "running"),
            "started_at": node.started_at, "completed_at": node.completed_at,
            "duration_ms": node.duration_ms, "children": children})
        nested = depth + 1 < max_depth
        target = children if nested else siblings
        stack.extend((child, depth + 1 if nested else depth, target)
                     for child in reversed(node.children))
    return out


def _non_negative(value: int | None) -> int | None:
    return value if value is None or value >= 0 else None


def plan_view(plan: Plan | None) -> dict[str, Any] | None:
    """The plan in the contract's vocabulary: a step action outside it (clients may send any
    string) means the step has progress but has not settled, i.e. ``started``."""
    if plan is None:
        return None
    steps = [{**asdict(step),
              "action": step.action if step.action in PLAN_STEP_ACTIONS else "started",
              "turns": _non_negative(step.turns), "tokens": _non_negative(step.tokens)}
             for step in plan.steps]
    return {"goal": plan.goal, "revision": max(0, plan.revision),
            "total_steps": plan.total_steps, "completed_steps": plan.completed_steps,
            "steps": steps}


def _task_not_found(task_id: str, run_id: str | None = None) -> NotFound:
    where = f" with run {run_id!r}" if run_id is not None else ""
    return NotFound(f"No task {task_id!r}{where} in this workspace.", code="task_not_found")


def _read_timeline(conn: Connection, workspace_id: int, task_id: str, run_id: str | None,
                   now: datetime, default_threshold: int) -> dict[str, Any]:
    task = task_queries.find_task(conn, workspace_id, task_id)
    if task is None:
        raise _task_not_found(task_id)
    if run_id is not None and not event_queries.run_exists(conn, workspace_id, task_id, run_id):
        raise _task_not_found(task_id, run_id)
    run = run_id or task["task_run_id"]
    rows = event_queries.run_events(conn, workspace_id, task_id, run, TIMELINE_MAX_EVENTS + 1)
    truncated = len(rows) > TIMELINE_MAX_EVENTS
    rows = rows[:TIMELINE_MAX_EVENTS]
    header: Mapping[str, Any] = task
    if run is not None and event_queries.has_other_runs(conn, workspace_id, task_id, run):
        folded = (event_queries.run_rollup_rows(conn, workspace_id, task_id, run)
                  if truncated else rows)
        header = folded_header(task_id, folded)
    stuck: frozenset[str] = frozenset()
    if is_open(header):
        agents = task_queries.agent_health_rows(conn, workspace_id, [header["agent_id"]])
        stuck = stuck_agent_ids(agents, now=now, default_threshold=default_threshold)
    records = [event_record(row) for row in rows]
    return {
        **summary_fields(header, task_status(header, stuck)), "task_run_id": run,
        "events": [event_view(row) for row in rows],
        "action_tree": action_tree_view(build_action_tree(records), action_outcomes(records)),
        "error_chains": [asdict(chain) for chain in build_error_chains(records)],
        "plan": plan_view(build_plan(records)),
        "truncated": truncated,
    }


async def get_task_timeline(ctx: Services, principal: Principal, task_id: str,
                            task_run_id: str | None = None) -> dict[str, Any]:
    return await ctx.db.read(_read_timeline, principal.workspace_id, task_id, task_run_id,
                             ctx.clock(), ctx.settings.default_stuck_threshold_seconds)
