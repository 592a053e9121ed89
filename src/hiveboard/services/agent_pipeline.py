"""An agent's work pipeline (API spec §4.11, data model §5.12): the domain's folds of its
queue, TODO, schedule and issue events, mapped onto the contract's field names and types.

Values come from agent payloads: each is passed through in the contract's type or as null
(see :mod:`hiveboard.domain.payload_values`), so one malformed field never fails the view.
"""

from __future__ import annotations

from datetime import timedelta

from hiveboard_contract.rest import (
    AgentPipeline,
    IssueItem,
    PipelineIssues,
    PipelineQueue,
    PipelineScheduled,
    PipelineTodos,
    QueueItem,
    QueueProcessing,
    ScheduledItem,
    TodoItem,
)

from hiveboard.domain import payload_values as pv
from hiveboard.domain.pipeline import (
    IssueState,
    QueueState,
    ScheduledState,
    TodoState,
    aggregate_issues,
    aggregate_todos,
    latest_queue,
    latest_scheduled,
)
from hiveboard.domain.principal import Principal
from hiveboard.domain.records import EventRecord
from hiveboard.services.agents import ISSUE_WINDOW, not_found
from hiveboard.services.container import Services
from hiveboard.store import pipeline_queries

TODO_WINDOW = timedelta(days=30)
"""TODOs are created once and may stay open for weeks; older ones are out of the pipeline."""


def _queue(state: QueueState | None) -> PipelineQueue | None:
    if state is None:
        return None
    processing = state.processing
    return PipelineQueue(
        snapshot_at=state.snapshot_at, last_updated=state.snapshot_at,
        depth=pv.count(state.depth), oldest_age_seconds=pv.amount(state.oldest_age_seconds),
        items=[QueueItem(id=pv.text(item.get("id")), priority=pv.text(item.get("priority")),
                         source=pv.text(item.get("source")), summary=pv.text(item.get("summary")),
                         queued_at=pv.moment(item.get("queued_at"))) for item in state.items],
        processing=None if processing is None else QueueProcessing(
            id=pv.text(processing.get("id")), summary=pv.text(processing.get("summary")),
            started_at=pv.moment(processing.get("started_at")),
            elapsed_ms=pv.count(processing.get("elapsed_ms"))))


def _todos(state: TodoState | None) -> PipelineTodos | None:
    if state is None:
        return None
    return PipelineTodos(
        last_updated=state.last_updated, active_count=state.active_count,
        completed_count=state.completed_count,
        # A TODO whose events never named an action was never closed: it reads as created.
        items=[TodoItem(todo_id=t.todo_id, action=t.action or "created", summary=t.summary,
                        priority=t.priority, source=t.source, context=t.context,
                        due_by=pv.moment(t.due_by), created_at=t.created_at,
                        updated_at=t.updated_at) for t in state.items])


def _scheduled(state: ScheduledState | None) -> PipelineScheduled | None:
    if state is None:
        return None
    return PipelineScheduled(last_updated=state.last_updated, items=[
        ScheduledItem(id=pv.text(item.get("id")), name=pv.text(item.get("name")),
                      next_run=pv.moment(item.get("next_run")),
                      interval=pv.text(item.get("interval")), enabled=pv.flag(item.get("enabled")),
                      status=pv.text(item.get("status")),
                      last_status=pv.text(item.get("last_status")))
        for item in state.items])


def _issues(state: IssueState | None) -> PipelineIssues | None:
    if state is None:
        return None
    return PipelineIssues(
        last_updated=state.last_updated, active_count=state.active_count,
        items=[IssueItem(issue_id=i.issue_id or i.issue_key, summary=i.summary,
                         severity=i.severity, category=i.category, context=pv.mapping(i.context),
                         # An issue kept open by a non-"reported" action still happened once.
                         occurrence_count=max(1, i.occurrence_count),
                         first_seen=i.first_seen, last_seen=i.last_seen) for i in state.items])


async def get_agent_pipeline(ctx: Services, principal: Principal,
                             agent_id: str) -> AgentPipeline:
    now = ctx.clock()
    found = await ctx.db.read(pipeline_queries.read_pipeline, principal.workspace_id, agent_id,
                              todos_since=now - TODO_WINDOW, issues_since=now - ISSUE_WINDOW)
    if found is None:
        raise not_found(agent_id)
    return AgentPipeline(
        agent_id=agent_id, queue=_queue(latest_queue(_present(found.queue))),
        todos=_todos(aggregate_todos(found.todos)),
        scheduled=_scheduled(latest_scheduled(_present(found.scheduled))),
        issues=_issues(aggregate_issues(found.issues)))


def _present(event: EventRecord | None) -> list[EventRecord]:
    return [] if event is None else [event]
