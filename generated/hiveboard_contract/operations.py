"""Operation table and typed handler stubs, written by tools/codegen.py from spec/.

Do not edit: regenerate instead.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

OPERATION_ATTR = "__hiveboard_operation_id__"


@dataclass(frozen=True, slots=True)
class Operation:
    operation_id: str
    method: str
    path: str
    tag: str
    handler: str
    public: bool
    body_validated_by_handler: bool


_F = TypeVar("_F", bound=Callable[..., Any])


def _tag(operation_id: str, fn: _F) -> _F:
    setattr(fn, OPERATION_ATTR, operation_id)
    return fn


class AddProjectAgentHandler(Protocol):
    """POST /v1/projects/{project_id}/agents: Add an agent to a project"""

    async def __call__(self, *, body: dict[str, Any], project_id: str) -> object: ...


def add_project_agent(handler: AddProjectAgentHandler) -> AddProjectAgentHandler:
    return _tag('addProjectAgent', handler)


class ArchiveProjectHandler(Protocol):
    """POST /v1/projects/{project_id}/archive: Archive a project"""

    async def __call__(self, *, project_id: str) -> object: ...


def archive_project(handler: ArchiveProjectHandler) -> ArchiveProjectHandler:
    return _tag('archiveProject', handler)


class CreateAlertRuleHandler(Protocol):
    """POST /v1/alerts/rules: Create an alert rule"""

    async def __call__(self, *, body: dict[str, Any]) -> object: ...


def create_alert_rule(handler: CreateAlertRuleHandler) -> CreateAlertRuleHandler:
    return _tag('createAlertRule', handler)


class CreateProjectHandler(Protocol):
    """POST /v1/projects: Create a project"""

    async def __call__(self, *, body: dict[str, Any]) -> object: ...


def create_project(handler: CreateProjectHandler) -> CreateProjectHandler:
    return _tag('createProject', handler)


class DeleteAlertRuleHandler(Protocol):
    """DELETE /v1/alerts/rules/{rule_id}: Delete an alert rule"""

    async def __call__(self, *, rule_id: str) -> object: ...


def delete_alert_rule(handler: DeleteAlertRuleHandler) -> DeleteAlertRuleHandler:
    return _tag('deleteAlertRule', handler)


class DeleteProjectHandler(Protocol):
    """DELETE /v1/projects/{project_id}: Delete a project and its data"""

    async def __call__(self, *, project_id: str) -> object: ...


def delete_project(handler: DeleteProjectHandler) -> DeleteProjectHandler:
    return _tag('deleteProject', handler)


class GetAgentHandler(Protocol):
    """GET /v1/agents/{agent_id}: Get one agent with extended stats"""

    async def __call__(self, *, agent_id: str, project_id: str | None = None, metrics_range: str = '24h', metrics_interval: str | None = None) -> object: ...


def get_agent(handler: GetAgentHandler) -> GetAgentHandler:
    return _tag('getAgent', handler)


class GetAgentPipelineHandler(Protocol):
    """GET /v1/agents/{agent_id}/pipeline: Get an agent's work pipeline"""

    async def __call__(self, *, agent_id: str) -> object: ...


def get_agent_pipeline(handler: GetAgentPipelineHandler) -> GetAgentPipelineHandler:
    return _tag('getAgentPipeline', handler)


class GetAlertRuleHandler(Protocol):
    """GET /v1/alerts/rules/{rule_id}: Get an alert rule"""

    async def __call__(self, *, rule_id: str) -> object: ...


def get_alert_rule(handler: GetAlertRuleHandler) -> GetAlertRuleHandler:
    return _tag('getAlertRule', handler)


class GetCostSummaryHandler(Protocol):
    """GET /v1/cost: Get LLM cost totals and breakdown"""

    async def __call__(self, *, project_id: str | None = None, agent_id: str | None = None, environment: str | None = None, group_by: str = 'agent', since: str | None = None, until: str | None = None) -> object: ...


def get_cost_summary(handler: GetCostSummaryHandler) -> GetCostSummaryHandler:
    return _tag('getCostSummary', handler)


class GetCostTimeseriesHandler(Protocol):
    """GET /v1/cost/timeseries: Get LLM cost over time"""

    async def __call__(self, *, project_id: str | None = None, agent_id: str | None = None, environment: str | None = None, since: str | None = None, until: str | None = None, interval: str | None = None, split_by_model: bool = False) -> object: ...


def get_cost_timeseries(handler: GetCostTimeseriesHandler) -> GetCostTimeseriesHandler:
    return _tag('getCostTimeseries', handler)


class GetHealthHandler(Protocol):
    """GET /health: Liveness probe"""

    async def __call__(self) -> object: ...


def get_health(handler: GetHealthHandler) -> GetHealthHandler:
    return _tag('getHealth', handler)


class GetMetricsHandler(Protocol):
    """GET /v1/metrics: Get aggregated metrics"""

    async def __call__(self, *, project_id: str | None = None, agent_id: str | None = None, environment: str | None = None, group: str | None = None, range_: str = '1h', interval: str | None = None, metric: str | None = None, group_by: str | None = None) -> object: ...


def get_metrics(handler: GetMetricsHandler) -> GetMetricsHandler:
    return _tag('getMetrics', handler)


class GetProjectHandler(Protocol):
    """GET /v1/projects/{project_id}: Get a project"""

    async def __call__(self, *, project_id: str) -> object: ...


def get_project(handler: GetProjectHandler) -> GetProjectHandler:
    return _tag('getProject', handler)


class GetPrometheusMetricsHandler(Protocol):
    """GET /metrics: Prometheus metrics"""

    async def __call__(self) -> object: ...


def get_prometheus_metrics(handler: GetPrometheusMetricsHandler) -> GetPrometheusMetricsHandler:
    return _tag('getPrometheusMetrics', handler)


class GetReadinessHandler(Protocol):
    """GET /health/ready: Readiness probe"""

    async def __call__(self) -> object: ...


def get_readiness(handler: GetReadinessHandler) -> GetReadinessHandler:
    return _tag('getReadiness', handler)


class GetStreamInfoHandler(Protocol):
    """GET /v1/stream/info: Describe the WebSocket stream"""

    async def __call__(self) -> object: ...


def get_stream_info(handler: GetStreamInfoHandler) -> GetStreamInfoHandler:
    return _tag('getStreamInfo', handler)


class GetTaskTimelineHandler(Protocol):
    """GET /v1/tasks/{task_id}/timeline: Get a task's timeline"""

    async def __call__(self, *, task_id: str, task_run_id: str | None = None) -> object: ...


def get_task_timeline(handler: GetTaskTimelineHandler) -> GetTaskTimelineHandler:
    return _tag('getTaskTimeline', handler)


class IngestEventsHandler(Protocol):
    """POST /v1/ingest: Ingest a batch of agent events"""

    async def __call__(self) -> object: ...


def ingest_events(handler: IngestEventsHandler) -> IngestEventsHandler:
    return _tag('ingestEvents', handler)


class ListAgentsHandler(Protocol):
    """GET /v1/agents: List agents with their derived status"""

    async def __call__(self, *, project_id: str | None = None, environment: str | None = None, group: str | None = None, status: list[str] | None = None, agent_type: str | None = None, sort: str = 'attention', limit: int = 50, cursor: str | None = None) -> object: ...


def list_agents(handler: ListAgentsHandler) -> ListAgentsHandler:
    return _tag('listAgents', handler)


class ListAlertHistoryHandler(Protocol):
    """GET /v1/alerts/history: List fired alerts"""

    async def __call__(self, *, project_id: str | None = None, rule_id: str | None = None, since: str | None = None, until: str | None = None, limit: int = 50, cursor: str | None = None) -> object: ...


def list_alert_history(handler: ListAlertHistoryHandler) -> ListAlertHistoryHandler:
    return _tag('listAlertHistory', handler)


class ListAlertRulesHandler(Protocol):
    """GET /v1/alerts/rules: List alert rules"""

    async def __call__(self, *, project_id: str | None = None, limit: int = 50, cursor: str | None = None) -> object: ...


def list_alert_rules(handler: ListAlertRulesHandler) -> ListAlertRulesHandler:
    return _tag('listAlertRules', handler)


class ListAuditLogHandler(Protocol):
    """GET /v1/audit-log: List configuration changes"""

    async def __call__(self, *, resource_type: str | None = None, since: str | None = None, until: str | None = None, limit: int = 50, cursor: str | None = None) -> object: ...


def list_audit_log(handler: ListAuditLogHandler) -> ListAuditLogHandler:
    return _tag('listAuditLog', handler)


class ListCostCallsHandler(Protocol):
    """GET /v1/cost/calls: List individual LLM calls"""

    async def __call__(self, *, project_id: str | None = None, agent_id: str | None = None, model: str | None = None, task_id: str | None = None, environment: str | None = None, since: str | None = None, until: str | None = None, sort: str = 'newest', limit: int = 50, cursor: str | None = None) -> object: ...


def list_cost_calls(handler: ListCostCallsHandler) -> ListCostCallsHandler:
    return _tag('listCostCalls', handler)


class ListEventsHandler(Protocol):
    """GET /v1/events: List stored events, newest first"""

    async def __call__(self, *, project_id: str | None = None, agent_id: str | None = None, task_id: str | None = None, event_type: list[str] | None = None, severity: list[str] | None = None, environment: str | None = None, group: str | None = None, payload_kind: list[str] | None = None, since: str | None = None, until: str | None = None, exclude_heartbeats: bool = True, limit: int = 50, cursor: str | None = None) -> object: ...


def list_events(handler: ListEventsHandler) -> ListEventsHandler:
    return _tag('listEvents', handler)


class ListLlmCallsHandler(Protocol):
    """GET /v1/llm-calls: List LLM calls with totals"""

    async def __call__(self, *, project_id: str | None = None, agent_id: str | None = None, model: str | None = None, task_id: str | None = None, environment: str | None = None, time_range: str | None = None, since: str | None = None, until: str | None = None, sort: str = 'newest', limit: int = 50, cursor: str | None = None) -> object: ...


def list_llm_calls(handler: ListLlmCallsHandler) -> ListLlmCallsHandler:
    return _tag('listLlmCalls', handler)


class ListProjectAgentsHandler(Protocol):
    """GET /v1/projects/{project_id}/agents: List a project's agents"""

    async def __call__(self, *, project_id: str, limit: int = 50, cursor: str | None = None) -> object: ...


def list_project_agents(handler: ListProjectAgentsHandler) -> ListProjectAgentsHandler:
    return _tag('listProjectAgents', handler)


class ListProjectsHandler(Protocol):
    """GET /v1/projects: List projects"""

    async def __call__(self, *, include_archived: bool = False, limit: int = 50, cursor: str | None = None) -> object: ...


def list_projects(handler: ListProjectsHandler) -> ListProjectsHandler:
    return _tag('listProjects', handler)


class ListTasksHandler(Protocol):
    """GET /v1/tasks: List tasks"""

    async def __call__(self, *, project_id: str | None = None, agent_id: str | None = None, task_type: str | None = None, status: list[str] | None = None, environment: str | None = None, group: str | None = None, since: str | None = None, until: str | None = None, sort: str = 'newest', limit: int = 50, cursor: str | None = None) -> object: ...


def list_tasks(handler: ListTasksHandler) -> ListTasksHandler:
    return _tag('listTasks', handler)


class RemoveProjectAgentHandler(Protocol):
    """DELETE /v1/projects/{project_id}/agents/{agent_id}: Remove an agent from a project"""

    async def __call__(self, *, project_id: str, agent_id: str) -> object: ...


def remove_project_agent(handler: RemoveProjectAgentHandler) -> RemoveProjectAgentHandler:
    return _tag('removeProjectAgent', handler)


class UnarchiveProjectHandler(Protocol):
    """POST /v1/projects/{project_id}/unarchive: Unarchive a project"""

    async def __call__(self, *, project_id: str) -> object: ...


def unarchive_project(handler: UnarchiveProjectHandler) -> UnarchiveProjectHandler:
    return _tag('unarchiveProject', handler)


class UpdateAlertRuleHandler(Protocol):
    """PUT /v1/alerts/rules/{rule_id}: Replace an alert rule"""

    async def __call__(self, *, body: dict[str, Any], rule_id: str) -> object: ...


def update_alert_rule(handler: UpdateAlertRuleHandler) -> UpdateAlertRuleHandler:
    return _tag('updateAlertRule', handler)


class UpdateProjectHandler(Protocol):
    """PUT /v1/projects/{project_id}: Update a project"""

    async def __call__(self, *, body: dict[str, Any], project_id: str) -> object: ...


def update_project(handler: UpdateProjectHandler) -> UpdateProjectHandler:
    return _tag('updateProject', handler)


OPERATIONS: dict[str, Operation] = {
    'addProjectAgent': Operation('addProjectAgent', 'POST', '/v1/projects/{project_id}/agents', 'projects', 'hiveboard.api.projects:add_project_agent', False, False),
    'archiveProject': Operation('archiveProject', 'POST', '/v1/projects/{project_id}/archive', 'projects', 'hiveboard.api.projects:archive_project', False, False),
    'createAlertRule': Operation('createAlertRule', 'POST', '/v1/alerts/rules', 'alerts', 'hiveboard.api.alerts:create_alert_rule', False, False),
    'createProject': Operation('createProject', 'POST', '/v1/projects', 'projects', 'hiveboard.api.projects:create_project', False, False),
    'deleteAlertRule': Operation('deleteAlertRule', 'DELETE', '/v1/alerts/rules/{rule_id}', 'alerts', 'hiveboard.api.alerts:delete_alert_rule', False, False),
    'deleteProject': Operation('deleteProject', 'DELETE', '/v1/projects/{project_id}', 'projects', 'hiveboard.api.projects:delete_project', False, False),
    'getAgent': Operation('getAgent', 'GET', '/v1/agents/{agent_id}', 'agents', 'hiveboard.api.agents:get_agent', False, False),
    'getAgentPipeline': Operation('getAgentPipeline', 'GET', '/v1/agents/{agent_id}/pipeline', 'agents', 'hiveboard.api.agents:get_agent_pipeline', False, False),
    'getAlertRule': Operation('getAlertRule', 'GET', '/v1/alerts/rules/{rule_id}', 'alerts', 'hiveboard.api.alerts:get_alert_rule', False, False),
    'getCostSummary': Operation('getCostSummary', 'GET', '/v1/cost', 'cost', 'hiveboard.api.cost:get_cost_summary', False, False),
    'getCostTimeseries': Operation('getCostTimeseries', 'GET', '/v1/cost/timeseries', 'cost', 'hiveboard.api.cost:get_cost_timeseries', False, False),
    'getHealth': Operation('getHealth', 'GET', '/health', 'health', 'hiveboard.api.health:get_health', True, False),
    'getMetrics': Operation('getMetrics', 'GET', '/v1/metrics', 'metrics', 'hiveboard.api.metrics:get_metrics', False, False),
    'getProject': Operation('getProject', 'GET', '/v1/projects/{project_id}', 'projects', 'hiveboard.api.projects:get_project', False, False),
    'getPrometheusMetrics': Operation('getPrometheusMetrics', 'GET', '/metrics', 'health', 'hiveboard.api.health:get_prometheus_metrics', True, False),
    'getReadiness': Operation('getReadiness', 'GET', '/health/ready', 'health', 'hiveboard.api.health:get_readiness', True, False),
    'getStreamInfo': Operation('getStreamInfo', 'GET', '/v1/stream/info', 'stream', 'hiveboard.api.stream:get_stream_info', False, False),
    'getTaskTimeline': Operation('getTaskTimeline', 'GET', '/v1/tasks/{task_id}/timeline', 'tasks', 'hiveboard.api.tasks:get_task_timeline', False, False),
    'ingestEvents': Operation('ingestEvents', 'POST', '/v1/ingest', 'ingest', 'hiveboard.api.ingest:ingest_events', False, True),
    'listAgents': Operation('listAgents', 'GET', '/v1/agents', 'agents', 'hiveboard.api.agents:list_agents', False, False),
    'listAlertHistory': Operation('listAlertHistory', 'GET', '/v1/alerts/history', 'alerts', 'hiveboard.api.alerts:list_alert_history', False, False),
    'listAlertRules': Operation('listAlertRules', 'GET', '/v1/alerts/rules', 'alerts', 'hiveboard.api.alerts:list_alert_rules', False, False),
    'listAuditLog': Operation('listAuditLog', 'GET', '/v1/audit-log', 'audit', 'hiveboard.api.audit:list_audit_log', False, False),
    'listCostCalls': Operation('listCostCalls', 'GET', '/v1/cost/calls', 'cost', 'hiveboard.api.cost:list_cost_calls', False, False),
    'listEvents': Operation('listEvents', 'GET', '/v1/events', 'events', 'hiveboard.api.events:list_events', False, False),
    'listLlmCalls': Operation('listLlmCalls', 'GET', '/v1/llm-calls', 'cost', 'hiveboard.api.cost:list_llm_calls', False, False),
    'listProjectAgents': Operation('listProjectAgents', 'GET', '/v1/projects/{project_id}/agents', 'projects', 'hiveboard.api.projects:list_project_agents', False, False),
    'listProjects': Operation('listProjects', 'GET', '/v1/projects', 'projects', 'hiveboard.api.projects:list_projects', False, False),
    'listTasks': Operation('listTasks', 'GET', '/v1/tasks', 'tasks', 'hiveboard.api.tasks:list_tasks', False, False),
    'removeProjectAgent': Operation('removeProjectAgent', 'DELETE', '/v1/projects/{project_id}/agents/{agent_id}', 'projects', 'hiveboard.api.projects:remove_project_agent', False, False),
    'unarchiveProject': Operation('unarchiveProject', 'POST', '/v1/projects/{project_id}/unarchive', 'projects', 'hiveboard.api.projects:unarchive_project', False, False),
    'updateAlertRule': Operation('updateAlertRule', 'PUT', '/v1/alerts/rules/{rule_id}', 'alerts', 'hiveboard.api.alerts:update_alert_rule', False, False),
    'updateProject': Operation('updateProject', 'PUT', '/v1/projects/{project_id}', 'projects', 'hiveboard.api.projects:update_project', False, False),
}
