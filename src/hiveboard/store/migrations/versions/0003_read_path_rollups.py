"""task scope in the LLM usage rollup; covering task indexes for window aggregates

Revision ID: 0003_read_path_rollups
Revises: 0002_llm_usage_hourly
Create Date: 2026-11-22

``llm_usage_hourly`` gains ``in_task`` (a key column: project and agent stats count a task's
calls without a project for the default project) and ``costed_count``; the table is rebuilt
from events, which stay the source of truth. ``ix_tasks_ws_started`` and
``ix_tasks_ws_completed`` widen to cover what metrics and project stats count, so those reads
never fetch task rows. Plain SQL frozen here, independent of the application code.
"""

from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel  # noqa: F401
from alembic import op

revision: str = "0003_read_path_rollups"
down_revision: Union[str, Sequence[str], None] = "0002_llm_usage_hourly"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

_HOUR = "(timestamp - (((timestamp % 3600000) + 3600000) % 3600000))"
_KEYS = (f"workspace_id, {_HOUR}, agent_id, COALESCE(llm_model, ''), llm_model IS NOT NULL, "
         "COALESCE(project_id, ''), task_id IS NOT NULL, environment, \"group\"")
BACKFILL = f"""
INSERT INTO llm_usage_hourly (workspace_id, hour_ms, agent_id, model, has_model, project_id,
    in_task, environment, "group", call_count, costed_count, cost, tokens_in, tokens_out,
    first_call_ms, last_call_ms)
SELECT {_KEYS}, COUNT(*), COUNT(llm_cost), COALESCE(SUM(llm_cost), 0.0),
    COALESCE(SUM(llm_tokens_in), 0), COALESCE(SUM(llm_tokens_out), 0), MIN(timestamp),
    MAX(timestamp)
FROM events
WHERE payload_kind = 'llm_call' AND event_type = 'custom'
GROUP BY {_KEYS}
"""  # noqa: S608  (constants only)


def _usage_table(with_task_scope: bool) -> None:
    scope = [sa.Column("in_task", sa.Boolean(), nullable=False)] if with_task_scope else []
    costed = ([sa.Column("costed_count", sa.BigInteger(), nullable=False)]
              if with_task_scope else [])
    op.create_table(
        "llm_usage_hourly",
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("hour_ms", sa.BigInteger(), nullable=False),
        sa.Column("agent_id", sqlmodel.sql.sqltypes.AutoString(length=256), nullable=False),
        sa.Column("model", sqlmodel.sql.sqltypes.AutoString(length=256), nullable=False),
        sa.Column("has_model", sa.Boolean(), nullable=False),
        sa.Column("project_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        *scope,
        sa.Column("environment", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("group", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
        sa.Column("call_count", sa.BigInteger(), nullable=False),
        *costed,
        sa.Column("cost", sa.Float(), nullable=False),
        sa.Column("tokens_in", sa.BigInteger(), nullable=False),
        sa.Column("tokens_out", sa.BigInteger(), nullable=False),
        sa.Column("first_call_ms", sa.BigInteger(), nullable=False),
        sa.Column("last_call_ms", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint(
            "workspace_id", "hour_ms", "agent_id", "model", "has_model", "project_id",
            *(["in_task"] if with_task_scope else []), "environment", "group",
            name=op.f("pk_llm_usage_hourly")),
    )


def _task_indexes(started: list[str], completed: list[str]) -> None:
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.drop_index("ix_tasks_ws_started")
        batch_op.drop_index("ix_tasks_ws_completed")
        batch_op.create_index("ix_tasks_ws_started", started, unique=False)
        batch_op.create_index("ix_tasks_ws_completed", completed, unique=False)


def upgrade() -> None:
    op.drop_table("llm_usage_hourly")
    _usage_table(with_task_scope=True)
    op.execute(sa.text(BACKFILL))
    _task_indexes(["workspace_id", "started_at", "has_escalated"],
                  ["workspace_id", "completed_at", "has_completed", "has_failed", "duration_ms",
                   "project_id"])


def downgrade() -> None:
    op.drop_table("llm_usage_hourly")
    _usage_table(with_task_scope=False)
    op.execute(sa.text(
        BACKFILL.replace("    in_task, ", "").replace(" task_id IS NOT NULL,", "")
        .replace(" costed_count,", "").replace(" COUNT(llm_cost),", "")))
    _task_indexes(["workspace_id", "started_at"], ["workspace_id", "completed_at"])
