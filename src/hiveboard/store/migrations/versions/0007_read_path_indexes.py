"""read-path indexes: open tasks; LLM calls by time on PostgreSQL

Revision ID: 0007_read_path_indexes
Revises: 0006_error_events_hourly
Create Date: 2026-11-22

- ``ix_tasks_open`` holds only the tasks that have neither completed, failed nor escalated,
  so the metrics ``stuck`` count (open tasks of the stuck agents) reads the few open tasks
  instead of every task those agents ever ran. The predicate is written as each dialect
  renders ``NOT column`` so the planners can prove the index usable.
- PostgreSQL only: ``ix_events_llm_calls`` loses its ``payload_kind`` and ``event_type``
  columns. PostgreSQL drops a query's conditions that the partial-index predicate implies
  from the index conditions, so with those columns between ``workspace_id`` and
  ``timestamp`` a window of calls scanned every call of the workspace (its time bounds were
  only a filter). SQLite keeps them: they make it prefer this index to
  ``ix_events_ws_kind_time``.
"""

from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0007_read_path_indexes"
down_revision: Union[str, Sequence[str], None] = "0006_error_events_hourly"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

OPEN_COLUMNS = ["workspace_id", "agent_id", "approvals_requested", "approvals_received"]
LLM_CALLS = "payload_kind = 'llm_call' AND event_type = 'custom'"
LLM_TAIL = ["timestamp", "seq", "agent_id", "llm_model", "llm_cost", "llm_tokens_in",
            "llm_tokens_out", "project_id", "environment", "group", "task_id"]


def upgrade() -> None:
    op.create_index(
        "ix_tasks_open", "tasks", OPEN_COLUMNS, unique=False,
        sqlite_where=sa.text("has_completed = 0 AND has_failed = 0 AND has_escalated = 0"),
        postgresql_where=sa.text("NOT has_completed AND NOT has_failed AND NOT has_escalated"))
    if op.get_context().dialect.name == "postgresql":
        op.drop_index("ix_events_llm_calls", table_name="events")
        op.create_index("ix_events_llm_calls", "events", ["workspace_id", *LLM_TAIL],
                        unique=False, postgresql_where=sa.text(LLM_CALLS))


def downgrade() -> None:
    if op.get_context().dialect.name == "postgresql":
        op.drop_index("ix_events_llm_calls", table_name="events")
        op.create_index("ix_events_llm_calls", "events",
                        ["workspace_id", "payload_kind", "event_type", *LLM_TAIL],
                        unique=False, postgresql_where=sa.text(LLM_CALLS))
    op.drop_index("ix_tasks_open", table_name="tasks")
