"""hourly failure-event rollup

Revision ID: 0006_error_events_hourly
Revises: 0005_agent_issues
Create Date: 2026-11-22

Creates ``error_events_hourly`` (``action_failed`` and ``task_failed`` events per hour, the
metrics ``error_count``) and fills it from the events already stored. Plain SQL frozen here,
independent of the application code.
"""

from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel  # noqa: F401
from alembic import op

revision: str = "0006_error_events_hourly"
down_revision: Union[str, Sequence[str], None] = "0005_agent_issues"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

# Floor to the hour also before 1970: SQL's % keeps the dividend's sign.
_HOUR = "(timestamp - (((timestamp % 3600000) + 3600000) % 3600000))"
_KEYS = f"workspace_id, {_HOUR}, agent_id, COALESCE(project_id, ''), environment, \"group\""
BACKFILL = f"""
INSERT INTO error_events_hourly (workspace_id, hour_ms, agent_id, project_id, environment,
    "group", error_count, first_ms, last_ms)
SELECT {_KEYS}, COUNT(*), MIN(timestamp), MAX(timestamp)
FROM events
WHERE event_type IN ('action_failed', 'task_failed')
GROUP BY {_KEYS}
"""  # noqa: S608  (constants only)


def upgrade() -> None:
    op.create_table(
        "error_events_hourly",
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("hour_ms", sa.BigInteger(), nullable=False),
        sa.Column("agent_id", sqlmodel.sql.sqltypes.AutoString(length=256), nullable=False),
        sa.Column("project_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("environment", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("group", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
        sa.Column("error_count", sa.BigInteger(), nullable=False),
        sa.Column("first_ms", sa.BigInteger(), nullable=False),
        sa.Column("last_ms", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("workspace_id", "hour_ms", "agent_id", "project_id",
                                "environment", "group", name=op.f("pk_error_events_hourly")),
    )
    op.execute(sa.text(BACKFILL))


def downgrade() -> None:
    op.drop_table("error_events_hourly")
