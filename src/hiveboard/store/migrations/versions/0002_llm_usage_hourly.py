"""hourly LLM usage rollup

Revision ID: 0002_llm_usage_hourly
Revises: 0001
Create Date: 2026-11-22

Creates ``llm_usage_hourly`` and fills it from the events already stored, so cost and metrics
reads that switch to it see every existing call. The fill is plain SQL frozen here (not the
application's rebuild function), so this revision keeps working whatever the code becomes.
"""

from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel  # noqa: F401
from alembic import op

revision: str = "0002_llm_usage_hourly"
down_revision: Union[str, Sequence[str], None] = "0001"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

# Floor to the hour also before 1970: SQL's % keeps the dividend's sign.
_HOUR = "(timestamp - (((timestamp % 3600000) + 3600000) % 3600000))"
BACKFILL = f"""
INSERT INTO llm_usage_hourly (workspace_id, hour_ms, agent_id, model, has_model, project_id,
    environment, "group", call_count, cost, tokens_in, tokens_out, first_call_ms, last_call_ms)
SELECT workspace_id, {_HOUR}, agent_id, COALESCE(llm_model, ''), llm_model IS NOT NULL,
    COALESCE(project_id, ''), environment, "group", COUNT(*), COALESCE(SUM(llm_cost), 0.0),
    COALESCE(SUM(llm_tokens_in), 0), COALESCE(SUM(llm_tokens_out), 0), MIN(timestamp),
    MAX(timestamp)
FROM events
WHERE payload_kind = 'llm_call' AND event_type = 'custom'
GROUP BY workspace_id, {_HOUR}, agent_id, COALESCE(llm_model, ''), llm_model IS NOT NULL,
    COALESCE(project_id, ''), environment, "group"
"""  # noqa: S608  (constants only)


def upgrade() -> None:
    op.create_table(
        "llm_usage_hourly",
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("hour_ms", sa.BigInteger(), nullable=False),
        sa.Column("agent_id", sqlmodel.sql.sqltypes.AutoString(length=256), nullable=False),
        sa.Column("model", sqlmodel.sql.sqltypes.AutoString(length=256), nullable=False),
        sa.Column("has_model", sa.Boolean(), nullable=False),
        sa.Column("project_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("environment", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("group", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
        sa.Column("call_count", sa.BigInteger(), nullable=False),
        sa.Column("cost", sa.Float(), nullable=False),
        sa.Column("tokens_in", sa.BigInteger(), nullable=False),
        sa.Column("tokens_out", sa.BigInteger(), nullable=False),
        sa.Column("first_call_ms", sa.BigInteger(), nullable=False),
        sa.Column("last_call_ms", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint(
            "workspace_id", "hour_ms", "agent_id", "model", "has_model", "project_id",
            "environment", "group", name=op.f("pk_llm_usage_hourly")),
    )
    op.execute(sa.text(BACKFILL))


def downgrade() -> None:
    op.drop_table("llm_usage_hourly")
