"""Table definitions. These classes are storage only: API shapes live in the generated contract.

Every data row carries ``workspace_id``: a tenant owns a ``live`` and a ``test`` workspace, so
test-key data can never appear in a live read (audit F12) without any per-query flag.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Column, Index, Integer, MetaData, Table, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from hiveboard.store.types import BigIntPK, EpochMillis, JsonDoc

# Deterministic constraint names keep migrations identical on SQLite and PostgreSQL.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata: MetaData = SQLModel.metadata


class TenantRow(SQLModel, table=True):
    __tablename__ = "tenants"

    tenant_id: str = Field(primary_key=True, max_length=64)
    name: str = Field(max_length=200, unique=True)
    created_at: datetime = Field(sa_type=EpochMillis)
    settings: dict[str, Any] = Field(default_factory=dict, sa_type=JsonDoc)


class WorkspaceRow(SQLModel, table=True):
    __tablename__ = "workspaces"
    __table_args__ = (UniqueConstraint("tenant_id", "mode"),)

    workspace_id: int | None = Field(
        default=None, sa_column=Column(Integer, primary_key=True, autoincrement=True)
    )
    tenant_id: str = Field(foreign_key="tenants.tenant_id", max_length=64)
    mode: str = Field(max_length=8)


class ApiKeyRow(SQLModel, table=True):
    __tablename__ = "api_keys"

    key_id: str = Field(primary_key=True, max_length=64)
    tenant_id: str = Field(foreign_key="tenants.tenant_id", max_length=64, index=True)
    key_hash: str = Field(max_length=64, unique=True)
    key_prefix: str = Field(max_length=16)
    kind: str = Field(max_length=8)
    label: str | None = Field(default=None, max_length=200)
    created_at: datetime = Field(sa_type=EpochMillis)
    last_used_at: datetime | None = Field(default=None, sa_type=EpochMillis)
    revoked_at: datetime | None = Field(default=None, sa_type=EpochMillis)


class ProjectRow(SQLModel, table=True):
    __tablename__ = "projects"
    __table_args__ = (UniqueConstraint("workspace_id", "slug"),)

    workspace_id: int = Field(primary_key=True, foreign_key="workspaces.workspace_id")
    project_id: str = Field(primary_key=True, max_length=64)
    slug: str = Field(max_length=256)
    name: str = Field(max_length=256)
    description: str | None = Field(default=None)
    environment: str = Field(default="production", max_length=64)
    settings: dict[str, Any] = Field(default_factory=dict, sa_type=JsonDoc)
    is_archived: bool = False
    is_default: bool = False
    created_at: datetime = Field(sa_type=EpochMillis)
    updated_at: datetime = Field(sa_type=EpochMillis)


class AgentRow(SQLModel, table=True):
    """Profile cache of an agent; every field is rebuildable from its events."""

    __tablename__ = "agents"

    workspace_id: int = Field(primary_key=True, foreign_key="workspaces.workspace_id")
    agent_id: str = Field(primary_key=True, max_length=256)
    agent_type: str = Field(default="general", max_length=256)
    agent_version: str | None = Field(default=None, max_length=256)
    framework: str | None = Field(default=None, max_length=256)
    runtime: str | None = Field(default=None, max_length=256)
    sdk_version: str | None = Field(default=None, max_length=256)
    environment: str = Field(default="production", max_length=64)
    group: str = Field(default="default", max_length=128)
    first_seen: datetime = Field(sa_type=EpochMillis)
    last_seen: datetime = Field(sa_type=EpochMillis)
    registered_at: datetime | None = Field(default=None, sa_type=EpochMillis)
    last_heartbeat: datetime | None = Field(default=None, sa_type=EpochMillis)
    last_heartbeat_payload: dict[str, Any] | None = Field(default=None, sa_type=JsonDoc)
    last_status_event_type: str | None = Field(default=None, max_length=32)
    last_status_event_at: datetime | None = Field(default=None, sa_type=EpochMillis)
    last_task_id: str | None = Field(default=None, max_length=256)
    last_project_id: str | None = Field(default=None, max_length=64)
    last_task_at: datetime | None = Field(default=None, sa_type=EpochMillis)
    stuck_threshold_seconds: int | None = Field(default=None)


class ProjectAgentRow(SQLModel, table=True):
    __tablename__ = "project_agents"

    workspace_id: int = Field(primary_key=True)
    project_id: str = Field(primary_key=True, max_length=64)
    agent_id: str = Field(primary_key=True, max_length=256)
    added_at: datetime = Field(sa_type=EpochMillis)
    role: str = Field(default="member", max_length=32)


_LLM_CALL = "payload_kind = 'llm_call' AND event_type = 'custom'"
_LLM_CALL_TAIL = ("timestamp", "seq", "agent_id", "llm_model", "llm_cost", "llm_tokens_in",
                  "llm_tokens_out", "project_id", "environment", "group", "task_id")


class EventRow(SQLModel, table=True):
    """One stored event. ``seq`` orders inserts and anchors keyset pagination."""

    __tablename__ = "events"
    __table_args__ = (
        UniqueConstraint("workspace_id", "event_id"),
        Index("ix_events_ws_time", "workspace_id", "timestamp", "seq"),
        Index("ix_events_ws_agent_time", "workspace_id", "agent_id", "timestamp"),
        Index(
            "ix_events_ws_task_time",
            "workspace_id",
            "task_id",
            "timestamp",
            sqlite_where=text("task_id IS NOT NULL"),
            postgresql_where=text("task_id IS NOT NULL"),
        ),
        Index(
            "ix_events_ws_kind_time",
            "workspace_id",
            "payload_kind",
            "timestamp",
            sqlite_where=text("payload_kind IS NOT NULL"),
            postgresql_where=text("payload_kind IS NOT NULL"),
        ),
        # One agent's latest event of a kind (queue depth on every agent card, the pipeline)
        # is an index seek; seq breaks timestamp ties without a sort.
        Index(
            "ix_events_ws_agent_kind_time",
            "workspace_id",
            "agent_id",
            "payload_kind",
            "timestamp",
            "seq",
            sqlite_where=text("payload_kind IS NOT NULL"),
            postgresql_where=text("payload_kind IS NOT NULL"),
        ),
        # Activity-stream filters on rare values ("errors only", "failures only") would
        # otherwise scan the whole time index backwards looking for a page of matches.
        Index("ix_events_ws_severity_time", "workspace_id", "severity", "timestamp", "seq"),
        Index("ix_events_ws_type_time", "workspace_id", "event_type", "timestamp", "seq"),
        # Cost Explorer and metrics: every column the LLM-call aggregates, filters and sort
        # keys read, so a day of calls is summed from this index alone, without table reads;
        # (timestamp, seq) adjacent so newest/oldest pages need no sort. On SQLite kind and
        # type lead so it prefers this index to ix_events_ws_kind_time; PostgreSQL drops the
        # conditions the predicate implies from the index conditions, so there they would
        # turn the time range into a filter over every call of the workspace (revision 0007).
        Index(
            "ix_events_llm_calls",
            "workspace_id", "payload_kind", "event_type", *_LLM_CALL_TAIL,
            sqlite_where=text(_LLM_CALL),
        ).ddl_if(dialect="sqlite"),
        Index(
            "ix_events_llm_calls", "workspace_id", *_LLM_CALL_TAIL,
            postgresql_where=text(_LLM_CALL),
        ).ddl_if(dialect="postgresql"),
    )

    seq: int | None = Field(
        default=None, sa_column=Column(BigIntPK, primary_key=True, autoincrement=True)
    )
    workspace_id: int = Field()
    event_id: str = Field(max_length=128)
    agent_id: str = Field(max_length=256)
    agent_type: str | None = Field(default=None, max_length=256)
    project_id: str | None = Field(default=None, max_length=64)
    timestamp: datetime = Field(sa_type=EpochMillis)
    received_at: datetime = Field(sa_type=EpochMillis)
    environment: str = Field(max_length=64)
    group: str = Field(max_length=128)
    task_id: str | None = Field(default=None, max_length=256)
    task_type: str | None = Field(default=None, max_length=256)
    task_run_id: str | None = Field(default=None, max_length=256)
    correlation_id: str | None = Field(default=None, max_length=256)
    action_id: str | None = Field(default=None, max_length=256)
    parent_action_id: str | None = Field(default=None, max_length=256)
    parent_event_id: str | None = Field(default=None, max_length=128)
    event_type: str = Field(max_length=32)
    severity: str = Field(max_length=8)
    status: str | None = Field(default=None, max_length=64)
    duration_ms: int | None = Field(default=None, sa_type=BigInteger)
    payload: dict[str, Any] | None = Field(default=None, sa_type=JsonDoc)
    payload_kind: str | None = Field(default=None, max_length=64)
    llm_model: str | None = Field(default=None, max_length=256)
    llm_cost: float | None = Field(default=None)
    llm_tokens_in: int | None = Field(default=None, sa_type=BigInteger)
    llm_tokens_out: int | None = Field(default=None, sa_type=BigInteger)


class TaskRow(SQLModel, table=True):
    """Rollup of one task's events, maintained in the ingest transaction (rebuildable)."""

    __tablename__ = "tasks"
    __table_args__ = (
        # Window aggregates (metrics, project stats) read these two indexes alone: every
        # column they count or sum is in the index, so no task row is fetched.
        Index("ix_tasks_ws_started", "workspace_id", "started_at", "has_escalated"),
        Index("ix_tasks_ws_agent_started", "workspace_id", "agent_id", "started_at"),
        Index("ix_tasks_ws_project_started", "workspace_id", "project_id", "started_at"),
        Index("ix_tasks_ws_completed", "workspace_id", "completed_at", "has_completed",
              "has_failed", "duration_ms", "project_id"),
        # An agent's finished tasks over a range (agent detail stats and series, up to 30d).
        Index("ix_tasks_ws_agent_completed", "workspace_id", "agent_id", "completed_at"),
        # Open tasks only (few at any time): the metrics stuck count reads the stuck agents'
        # open tasks from here instead of every task they ever ran. The predicates are the
        # dialects' renderings of NOT column, so the planners can match them (revision 0007).
        Index("ix_tasks_open", "workspace_id", "agent_id", "approvals_requested",
              "approvals_received",
              sqlite_where=text("has_completed = 0 AND has_failed = 0 AND has_escalated = 0"),
              postgresql_where=text(
                  "NOT has_completed AND NOT has_failed AND NOT has_escalated")),
        # The task list sorted by duration or cost, largest first, seeks instead of sorting
        # every task of the workspace.
        Index("ix_tasks_ws_duration", "workspace_id", "duration_ms", "task_id"),
        Index("ix_tasks_ws_cost", "workspace_id", "total_cost", "task_id"),
    )

    workspace_id: int = Field(primary_key=True)
    task_id: str = Field(primary_key=True, max_length=256)
    agent_id: str = Field(max_length=256)
    project_id: str | None = Field(default=None, max_length=64)
    task_type: str | None = Field(default=None, max_length=256)
    task_run_id: str | None = Field(default=None, max_length=256)
    run_started_at: datetime | None = Field(default=None, sa_type=EpochMillis)
    environment: str = Field(max_length=64)
    group: str = Field(max_length=128)
    first_event_at: datetime = Field(sa_type=EpochMillis)
    last_event_at: datetime = Field(sa_type=EpochMillis)
    started_at: datetime = Field(sa_type=EpochMillis)
    completed_at: datetime | None = Field(default=None, sa_type=EpochMillis)
    duration_ms: int | None = Field(default=None, sa_type=BigInteger)
    has_completed: bool = False
    has_failed: bool = False
    has_escalated: bool = False
    approvals_requested: int = 0
    approvals_received: int = 0
    action_count: int = 0
    error_count: int = 0
    llm_call_count: int = 0
    total_cost: float | None = None
    total_tokens_in: int | None = Field(default=None, sa_type=BigInteger)
    total_tokens_out: int | None = Field(default=None, sa_type=BigInteger)


class LlmUsageHourlyRow(SQLModel, table=True):
    """LLM calls per hour and dimension, maintained in the ingest transaction (rebuildable
    from events; see :mod:`hiveboard.domain.llm_usage` for when reads may use it).

    Key columns are NOT NULL so the upsert's conflict target matches: an absent project is
    stored as ``''`` (project ids are never empty) and an absent model as ``''`` with
    ``has_model`` false (a model may be the empty string)."""

    __tablename__ = "llm_usage_hourly"

    workspace_id: int = Field(primary_key=True)
    hour_ms: int = Field(primary_key=True, sa_type=BigInteger)
    """Start of the epoch-aligned hour, epoch ms."""
    agent_id: str = Field(primary_key=True, max_length=256)
    model: str = Field(primary_key=True, max_length=256)
    has_model: bool = Field(primary_key=True)
    project_id: str = Field(primary_key=True, max_length=64)
    in_task: bool = Field(primary_key=True)
    """The calls carry a task id: a task's calls without a project count for the default
    project in project and agent stats, agent-level calls for none."""
    environment: str = Field(primary_key=True, max_length=64)
    group: str = Field(primary_key=True, max_length=128)
    call_count: int = Field(sa_type=BigInteger)
    costed_count: int = Field(sa_type=BigInteger)
    """Calls that reported a cost (agent stats show a null cost when none did)."""
    cost: float = Field()
    tokens_in: int = Field(sa_type=BigInteger)
    tokens_out: int = Field(sa_type=BigInteger)
    first_call_ms: int = Field(sa_type=BigInteger)
    """Earliest call timestamp in the row (epoch ms): decides whether an hour cut by a
    window's start is wholly inside it."""
    last_call_ms: int = Field(sa_type=BigInteger)


class TaskOutcomeHourlyRow(SQLModel, table=True):
    """Task starts and terminal outcomes per hour and dimension, maintained in the ingest
    transaction from each task's rollup change (rebuildable from ``tasks``; see
    :mod:`hiveboard.domain.task_outcomes`). An absent project is stored as ``''``."""

    __tablename__ = "task_outcomes_hourly"

    workspace_id: int = Field(primary_key=True)
    hour_ms: int = Field(primary_key=True, sa_type=BigInteger)
    agent_id: str = Field(primary_key=True, max_length=256)
    project_id: str = Field(primary_key=True, max_length=64)
    environment: str = Field(primary_key=True, max_length=64)
    group: str = Field(primary_key=True, max_length=128)
    started: int = Field(sa_type=BigInteger)
    """Tasks whose ``started_at`` is in the hour; ``escalated`` of them were escalated."""
    escalated: int = Field(sa_type=BigInteger)
    ended: int = Field(sa_type=BigInteger)
    """Tasks whose terminal event (``completed_at``) is in the hour."""
    completed: int = Field(sa_type=BigInteger)
    failed: int = Field(sa_type=BigInteger)
    duration_sum: int = Field(sa_type=BigInteger)
    duration_n: int = Field(sa_type=BigInteger)
    first_ms: int = Field(sa_type=BigInteger)
    """Bounds (epoch ms) on the start and terminal times the row counts: they decide whether
    an hour cut by a window is wholly inside it. They only widen, so they stay bounds."""
    last_ms: int = Field(sa_type=BigInteger)


class ErrorEventHourlyRow(SQLModel, table=True):
    """``action_failed`` and ``task_failed`` events per hour and dimension (the metrics
    ``error_count``), maintained in the ingest transaction, rebuildable from events. An absent
    project is stored as ``''``; ``first_ms``/``last_ms`` bound the row's event times."""

    __tablename__ = "error_events_hourly"

    workspace_id: int = Field(primary_key=True)
    hour_ms: int = Field(primary_key=True, sa_type=BigInteger)
    agent_id: str = Field(primary_key=True, max_length=256)
    project_id: str = Field(primary_key=True, max_length=64)
    environment: str = Field(primary_key=True, max_length=64)
    group: str = Field(primary_key=True, max_length=128)
    error_count: int = Field(sa_type=BigInteger)
    first_ms: int = Field(sa_type=BigInteger)
    last_ms: int = Field(sa_type=BigInteger)


class AgentIssueRow(SQLModel, table=True):
    """The latest ``issue`` event of each (agent, issue key), maintained in the ingest
    transaction (rebuildable from events): an agent card's ``issue_count`` counts the active
    rows whose latest event is inside the issue window, without reading issue events.

    The key is stored as its SHA-256 (client issue ids have no length limit)."""

    __tablename__ = "agent_issues"
    __table_args__ = (
        # A page of cards counts only active issues seen inside the window: a range per agent.
        Index("ix_agent_issues_open", "workspace_id", "agent_id", "active", "last_ms"),
    )

    workspace_id: int = Field(primary_key=True)
    agent_id: str = Field(primary_key=True, max_length=256)
    key_hash: str = Field(primary_key=True, max_length=64)
    last_ms: int = Field(sa_type=BigInteger)
    """Timestamp (epoch ms) and ``seq`` of the latest event: (timestamp, seq) order decides."""
    last_seq: int = Field(sa_type=BigInteger)
    active: bool


class AgentStatusRow(SQLModel, table=True):
    """The agent status last announced on the stream (rebuildable: a missing row is announced
    again with ``previous_status`` null).

    Ingest and the time-driven sweeper both compare an agent's derived status with this row
    and move it with a compare-and-set, so each change is published exactly once across
    worker processes and restarts (a stuck episode starts and ends here)."""

    __tablename__ = "agent_status"

    workspace_id: int = Field(primary_key=True)
    agent_id: str = Field(primary_key=True, max_length=256)
    status: str = Field(max_length=32)
    changed_at: datetime = Field(sa_type=EpochMillis)


class AlertRuleRow(SQLModel, table=True):
    """An alert rule. ``webhook_secret`` is stored as given out: deliveries are signed with it,
    so it cannot be hashed; it is never returned after creation."""

    __tablename__ = "alert_rules"
    __table_args__ = (Index("ix_alert_rules_ws_created", "workspace_id", "created_at", "rule_id"),)

    rule_id: str = Field(primary_key=True, max_length=64)
    workspace_id: int = Field()
    project_id: str | None = Field(default=None, max_length=64)
    name: str = Field(max_length=200)
    condition_type: str = Field(max_length=32)
    condition: dict[str, Any] = Field(sa_type=JsonDoc)
    filters: dict[str, Any] = Field(sa_type=JsonDoc)
    actions: list[dict[str, Any]] = Field(sa_type=JsonDoc)
    cooldown_seconds: int = Field()
    enabled: bool = Field()
    webhook_secret: str = Field(max_length=128)
    created_at: datetime = Field(sa_type=EpochMillis)
    updated_at: datetime = Field(sa_type=EpochMillis)


class AlertStateRow(SQLModel, table=True):
    """When a rule last fired for one scope (``rule`` or ``agent:<id>``) and on what evidence;
    ``task:<id>`` rows mark tasks already alerted on. Firing is a compare-and-set on this row,
    so a rule fires once per cooldown however many workers evaluate it."""

    __tablename__ = "alert_state"

    rule_id: str = Field(primary_key=True, max_length=64)
    scope_key: str = Field(primary_key=True, max_length=300)
    workspace_id: int = Field()
    last_fired_at: datetime = Field(sa_type=EpochMillis)
    evidence: str | None = Field(default=None, max_length=300)


class AlertHistoryRow(SQLModel, table=True):
    """One firing, kept after its rule is deleted."""

    __tablename__ = "alert_history"
    __table_args__ = (
        Index("ix_alert_history_ws_fired", "workspace_id", "fired_at", "seq"),
        Index("ix_alert_history_ws_rule_fired", "workspace_id", "rule_id", "fired_at", "seq"),
    )

    seq: int | None = Field(
        default=None, sa_column=Column(BigIntPK, primary_key=True, autoincrement=True)
    )
    alert_id: str = Field(max_length=64, unique=True)
    workspace_id: int = Field()
    rule_id: str = Field(max_length=64)
    rule_name: str = Field(max_length=200)
    project_id: str | None = Field(default=None, max_length=64)
    condition_type: str = Field(max_length=32)
    fired_at: datetime = Field(sa_type=EpochMillis)
    measured_value: float = Field()
    threshold: float = Field()
    scope_agent_id: str | None = Field(default=None, max_length=256)
    scope_project_id: str | None = Field(default=None, max_length=64)
    scope_task_id: str | None = Field(default=None, max_length=256)
    message: str = Field()


class AlertDeliveryRow(SQLModel, table=True):
    """The durable queue: one row per action of a firing.

    ``pending`` rows are claimed when ``next_attempt_at`` is due by an ``UPDATE … WHERE status
    = 'pending' … RETURNING``; a claim sets ``delivering``, ``locked_by`` and ``locked_until``
    and moves ``next_attempt_at`` to ``locked_until``, so a crashed worker's claim becomes due
    again when its lease ends. The body is frozen at firing time."""

    __tablename__ = "alert_deliveries"
    __table_args__ = (
        UniqueConstraint("alert_id", "position"),
        Index("ix_alert_deliveries_due", "status", "next_attempt_at"),
    )

    delivery_id: int | None = Field(
        default=None, sa_column=Column(BigIntPK, primary_key=True, autoincrement=True)
    )
    workspace_id: int = Field()
    alert_id: str = Field(max_length=64)
    rule_id: str = Field(max_length=64)
    position: int = Field()
    action_type: str = Field(max_length=16)
    target: str = Field()
    action: dict[str, Any] = Field(sa_type=JsonDoc)
    payload: str = Field()
    status: str = Field(max_length=16)
    attempts: int = Field(default=0)
    next_attempt_at: datetime = Field(sa_type=EpochMillis)
    locked_by: str | None = Field(default=None, max_length=64)
    locked_until: datetime | None = Field(default=None, sa_type=EpochMillis)
    last_error: str | None = Field(default=None)
    delivered_at: datetime | None = Field(default=None, sa_type=EpochMillis)
    created_at: datetime = Field(sa_type=EpochMillis)


class AlertLeaseRow(SQLModel, table=True):
    """Which worker runs a cluster-wide periodic job (``alert-evaluator``, ``retention``), until
    when (renewed every pass)."""

    __tablename__ = "alert_leases"

    name: str = Field(primary_key=True, max_length=64)
    holder: str = Field(max_length=64)
    expires_at: datetime = Field(sa_type=EpochMillis)


class AuditEntryRow(SQLModel, table=True):
    """One configuration change (projects, memberships, alert rules, keys), written in the
    transaction of the change itself. ``workspace_id`` is null for tenant-wide resources
    (keys). ``actor_key_id`` is null when the CLI made the change (prefix ``cli``)."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_tenant_occurred", "tenant_id", "occurred_at", "seq"),)

    seq: int | None = Field(
        default=None, sa_column=Column(BigIntPK, primary_key=True, autoincrement=True)
    )
    entry_id: str = Field(max_length=64, unique=True)
    tenant_id: str = Field(max_length=64)
    workspace_id: int | None = Field(default=None)
    occurred_at: datetime = Field(sa_type=EpochMillis)
    actor_key_id: str | None = Field(default=None, max_length=64)
    actor_key_prefix: str = Field(max_length=16)
    action: str = Field(max_length=64)
    resource_type: str = Field(max_length=32)
    resource_id: str = Field(max_length=600)
    changes: dict[str, Any] = Field(sa_type=JsonDoc)


def _table(model: type[SQLModel]) -> Table:
    table: Table = model.__table__  # type: ignore[attr-defined]
    return table


# Core handles on the tables: repositories query through these, which type-check cleanly.
TENANTS = _table(TenantRow)
WORKSPACES = _table(WorkspaceRow)
API_KEYS = _table(ApiKeyRow)
PROJECTS = _table(ProjectRow)
AGENTS = _table(AgentRow)
PROJECT_AGENTS = _table(ProjectAgentRow)
EVENTS = _table(EventRow)
TASKS = _table(TaskRow)
AGENT_STATUS = _table(AgentStatusRow)
LLM_USAGE_HOURLY = _table(LlmUsageHourlyRow)
TASK_OUTCOMES_HOURLY = _table(TaskOutcomeHourlyRow)
AGENT_ISSUES = _table(AgentIssueRow)
ERROR_EVENTS_HOURLY = _table(ErrorEventHourlyRow)
ALERT_RULES = _table(AlertRuleRow)
ALERT_STATE = _table(AlertStateRow)
ALERT_HISTORY = _table(AlertHistoryRow)
ALERT_DELIVERIES = _table(AlertDeliveryRow)
ALERT_LEASES = _table(AlertLeaseRow)
AUDIT_LOG = _table(AuditEntryRow)
