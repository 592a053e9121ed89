"""Contains all the data models used in inputs/outputs"""

from .action_node import ActionNode
from .action_node_status import ActionNodeStatus
from .agent_detail import AgentDetail
from .agent_metrics_bucket import AgentMetricsBucket
from .agent_metrics_timeseries import AgentMetricsTimeseries
from .agent_metrics_timeseries_interval import AgentMetricsTimeseriesInterval
from .agent_pipeline import AgentPipeline
from .agent_stats_1h import AgentStats1H
from .agent_stats_24h import AgentStats24H
from .agent_status import AgentStatus
from .agent_stuck_condition import AgentStuckCondition
from .agent_stuck_condition_type import AgentStuckConditionType
from .agent_summary import AgentSummary
from .agents_page import AgentsPage
from .alert_condition_type import AlertConditionType
from .alert_delivery import AlertDelivery
from .alert_delivery_action_type import AlertDeliveryActionType
from .alert_delivery_status import AlertDeliveryStatus
from .alert_filters import AlertFilters
from .alert_history_entry import AlertHistoryEntry
from .alert_history_page import AlertHistoryPage
from .alert_rule import AlertRule
from .alert_rule_create import AlertRuleCreate
from .alert_rule_created import AlertRuleCreated
from .alert_rule_filters import AlertRuleFilters
from .alert_rules_page import AlertRulesPage
from .alert_scope import AlertScope
from .alert_webhook_payload import AlertWebhookPayload
from .alert_webhook_payload_event import AlertWebhookPayloadEvent
from .alert_webhook_payload_rule import AlertWebhookPayloadRule
from .audit_change import AuditChange
from .audit_entry import AuditEntry
from .audit_entry_changes import AuditEntryChanges
from .audit_log_page import AuditLogPage
from .audit_resource_type import AuditResourceType
from .cost_calls_page import CostCallsPage
from .cost_group import CostGroup
from .cost_summary import CostSummary
from .cost_summary_group_by import CostSummaryGroupBy
from .cost_threshold_condition import CostThresholdCondition
from .cost_threshold_condition_scope import CostThresholdConditionScope
from .cost_threshold_condition_type import CostThresholdConditionType
from .cost_timeseries import CostTimeseries
from .cost_timeseries_bucket import CostTimeseriesBucket
from .cost_timeseries_interval import CostTimeseriesInterval
from .cost_totals import CostTotals
from .duration_exceeded_condition import DurationExceededCondition
from .duration_exceeded_condition_type import DurationExceededConditionType
from .email_action import EmailAction
from .email_action_type import EmailActionType
from .envelope import Envelope
from .error import Error
from .error_chain import ErrorChain
from .error_code import ErrorCode
from .error_details_type_0 import ErrorDetailsType0
from .error_details_type_0_location import ErrorDetailsType0Location
from .error_rate_condition import ErrorRateCondition
from .error_rate_condition_type import ErrorRateConditionType
from .event import Event
from .event_type import EventType
from .events_page import EventsPage
from .get_agent_metrics_interval import GetAgentMetricsInterval
from .get_agent_metrics_range import GetAgentMetricsRange
from .get_cost_summary_group_by import GetCostSummaryGroupBy
from .get_cost_timeseries_interval import GetCostTimeseriesInterval
from .get_metrics_group_by import GetMetricsGroupBy
from .get_metrics_interval import GetMetricsInterval
from .get_metrics_metric import GetMetricsMetric
from .get_metrics_range import GetMetricsRange
from .health import Health
from .health_status import HealthStatus
from .heartbeat_entry import HeartbeatEntry
from .heartbeat_entry_data_type_0 import HeartbeatEntryDataType0
from .heartbeat_lost_condition import HeartbeatLostCondition
from .heartbeat_lost_condition_type import HeartbeatLostConditionType
from .ingest_batch import IngestBatch
from .ingest_error import IngestError
from .ingest_event import IngestEvent
from .ingest_event_severity_type_1 import IngestEventSeverityType1
from .ingest_event_severity_type_2_type_1 import IngestEventSeverityType2Type1
from .ingest_event_severity_type_3_type_1 import IngestEventSeverityType3Type1
from .ingest_result import IngestResult
from .ingest_warning import IngestWarning
from .ingest_warning_warning import IngestWarningWarning
from .issue_item import IssueItem
from .issue_item_context_type_0 import IssueItemContextType0
from .list_agents_sort import ListAgentsSort
from .list_cost_calls_sort import ListCostCallsSort
from .list_llm_calls_sort import ListLlmCallsSort
from .list_llm_calls_time_range import ListLlmCallsTimeRange
from .list_tasks_sort import ListTasksSort
from .llm_call import LlmCall
from .llm_calls_page import LlmCallsPage
from .metrics_bucket import MetricsBucket
from .metrics_group import MetricsGroup
from .metrics_response import MetricsResponse
from .metrics_response_interval import MetricsResponseInterval
from .metrics_response_metric_type_1 import MetricsResponseMetricType1
from .metrics_response_metric_type_2_type_1 import MetricsResponseMetricType2Type1
from .metrics_response_metric_type_3_type_1 import MetricsResponseMetricType3Type1
from .metrics_response_range import MetricsResponseRange
from .metrics_summary import MetricsSummary
from .pagination import Pagination
from .payload_data_type_0 import PayloadDataType0
from .payload_kind import PayloadKind
from .payload_type_0 import PayloadType0
from .pipeline_issues_type_0 import PipelineIssuesType0
from .pipeline_queue_type_0 import PipelineQueueType0
from .pipeline_scheduled_type_0 import PipelineScheduledType0
from .pipeline_todos_type_0 import PipelineTodosType0
from .plan_step import PlanStep
from .plan_step_action import PlanStepAction
from .plan_type_0 import PlanType0
from .project import Project
from .project_agent import ProjectAgent
from .project_agent_create import ProjectAgentCreate
from .project_create import ProjectCreate
from .project_create_settings import ProjectCreateSettings
from .project_settings import ProjectSettings
from .project_stats import ProjectStats
from .project_update import ProjectUpdate
from .project_update_settings import ProjectUpdateSettings
from .projects_page import ProjectsPage
from .queue_item import QueueItem
from .queue_processing_type_0 import QueueProcessingType0
from .readiness import Readiness
from .readiness_checks import ReadinessChecks
from .readiness_checks_database import ReadinessChecksDatabase
from .readiness_checks_migrations import ReadinessChecksMigrations
from .readiness_checks_redis import ReadinessChecksRedis
from .readiness_status import ReadinessStatus
from .render_hint_type_1 import RenderHintType1
from .render_hint_type_2_type_1 import RenderHintType2Type1
from .render_hint_type_3_type_1 import RenderHintType3Type1
from .scheduled_item import ScheduledItem
from .severity import Severity
from .stream_info import StreamInfo
from .stream_info_channels_item import StreamInfoChannelsItem
from .stream_info_path import StreamInfoPath
from .stream_limits import StreamLimits
from .task_failed_condition import TaskFailedCondition
from .task_failed_condition_type import TaskFailedConditionType
from .task_status import TaskStatus
from .task_summary import TaskSummary
from .task_timeline import TaskTimeline
from .tasks_page import TasksPage
from .time_range import TimeRange
from .todo_item import TodoItem
from .validation_issue import ValidationIssue
from .validation_issue_location import ValidationIssueLocation
from .webhook_action import WebhookAction
from .webhook_action_headers import WebhookActionHeaders
from .webhook_action_type import WebhookActionType

__all__ = (
    "ActionNode",
    "ActionNodeStatus",
    "AgentDetail",
    "AgentMetricsBucket",
    "AgentMetricsTimeseries",
    "AgentMetricsTimeseriesInterval",
    "AgentPipeline",
    "AgentStats1H",
    "AgentStats24H",
    "AgentStatus",
    "AgentStuckCondition",
    "AgentStuckConditionType",
    "AgentSummary",
    "AgentsPage",
    "AlertConditionType",
    "AlertDelivery",
    "AlertDeliveryActionType",
    "AlertDeliveryStatus",
    "AlertFilters",
    "AlertHistoryEntry",
    "AlertHistoryPage",
    "AlertRule",
    "AlertRuleCreate",
    "AlertRuleCreated",
    "AlertRuleFilters",
    "AlertRulesPage",
    "AlertScope",
    "AlertWebhookPayload",
    "AlertWebhookPayloadEvent",
    "AlertWebhookPayloadRule",
    "AuditChange",
    "AuditEntry",
    "AuditEntryChanges",
    "AuditLogPage",
    "AuditResourceType",
    "CostCallsPage",
    "CostGroup",
    "CostSummary",
    "CostSummaryGroupBy",
    "CostThresholdCondition",
    "CostThresholdConditionScope",
    "CostThresholdConditionType",
    "CostTimeseries",
    "CostTimeseriesBucket",
    "CostTimeseriesInterval",
    "CostTotals",
    "DurationExceededCondition",
    "DurationExceededConditionType",
    "EmailAction",
    "EmailActionType",
    "Envelope",
    "Error",
    "ErrorChain",
    "ErrorCode",
    "ErrorDetailsType0",
    "ErrorDetailsType0Location",
    "ErrorRateCondition",
    "ErrorRateConditionType",
    "Event",
    "EventType",
    "EventsPage",
    "GetAgentMetricsInterval",
    "GetAgentMetricsRange",
    "GetCostSummaryGroupBy",
    "GetCostTimeseriesInterval",
    "GetMetricsGroupBy",
    "GetMetricsInterval",
    "GetMetricsMetric",
    "GetMetricsRange",
    "Health",
    "HealthStatus",
    "HeartbeatEntry",
    "HeartbeatEntryDataType0",
    "HeartbeatLostCondition",
    "HeartbeatLostConditionType",
    "IngestBatch",
    "IngestError",
    "IngestEvent",
    "IngestEventSeverityType1",
    "IngestEventSeverityType2Type1",
    "IngestEventSeverityType3Type1",
    "IngestResult",
    "IngestWarning",
    "IngestWarningWarning",
    "IssueItem",
    "IssueItemContextType0",
    "ListAgentsSort",
    "ListCostCallsSort",
    "ListLlmCallsSort",
    "ListLlmCallsTimeRange",
    "ListTasksSort",
    "LlmCall",
    "LlmCallsPage",
    "MetricsBucket",
    "MetricsGroup",
    "MetricsResponse",
    "MetricsResponseInterval",
    "MetricsResponseMetricType1",
    "MetricsResponseMetricType2Type1",
    "MetricsResponseMetricType3Type1",
    "MetricsResponseRange",
    "MetricsSummary",
    "Pagination",
    "PayloadDataType0",
    "PayloadKind",
    "PayloadType0",
    "PipelineIssuesType0",
    "PipelineQueueType0",
    "PipelineScheduledType0",
    "PipelineTodosType0",
    "PlanStep",
    "PlanStepAction",
    "PlanType0",
    "Project",
    "ProjectAgent",
    "ProjectAgentCreate",
    "ProjectCreate",
    "ProjectCreateSettings",
    "ProjectSettings",
    "ProjectStats",
    "ProjectUpdate",
    "ProjectUpdateSettings",
    "ProjectsPage",
    "QueueItem",
    "QueueProcessingType0",
    "Readiness",
    "ReadinessChecks",
    "ReadinessChecksDatabase",
    "ReadinessChecksMigrations",
    "ReadinessChecksRedis",
    "ReadinessStatus",
    "RenderHintType1",
    "RenderHintType2Type1",
    "RenderHintType3Type1",
    "ScheduledItem",
    "Severity",
    "StreamInfo",
    "StreamInfoChannelsItem",
    "StreamInfoPath",
    "StreamLimits",
    "TaskFailedCondition",
    "TaskFailedConditionType",
    "TaskStatus",
    "TaskSummary",
    "TaskTimeline",
    "TasksPage",
    "TimeRange",
    "TodoItem",
    "ValidationIssue",
    "ValidationIssueLocation",
    "WebhookAction",
    "WebhookActionHeaders",
    "WebhookActionType",
)
