"""The one list of operations that are specified but not built yet (answer 501).

The contract tests read this list; it is empty when every issue is done.
"""

from __future__ import annotations

UNBUILT_OPERATIONS: frozenset[str] = frozenset({
    "listEvents",
    "listAgents", "getAgent", "getAgentPipeline",
    "listTasks", "getTaskTimeline",
    "getMetrics",
    "getCostSummary", "listCostCalls", "getCostTimeseries", "listLlmCalls",
    "listProjects", "createProject", "getProject", "updateProject", "deleteProject",
    "archiveProject", "unarchiveProject", "listProjectAgents", "addProjectAgent",
    "removeProjectAgent",
    "listAlertRules", "createAlertRule", "getAlertRule", "updateAlertRule", "deleteAlertRule",
    "listAlertHistory",
    "getStreamInfo",
    "listAuditLog",
    "getPrometheusMetrics",
})
