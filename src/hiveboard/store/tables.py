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
        Index("ix_tasks_ws_started", "workspace_id", "started_at"),
        Index("ix_tasks_ws_agent_started", "workspace_id", "agent_id", "started_at"),
        Index("ix_tasks_ws_project_started", "workspace_id", "project_id", "started_at"),
        Index("ix_tasks_ws_completed", "workspace_id", "completed_at"),
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
