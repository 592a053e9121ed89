"""hourly task outcome rollup

Revision ID: 0004_task_outcomes_hourly
Revises: 0003_read_path_rollups
Create Date: 2026-11-22

Creates ``task_outcomes_hourly`` (task starts and terminal outcomes per hour) and fills it from
the ``tasks`` rollup already stored, so metrics and project stats that switch to it count every
existing task. Plain SQL frozen here, independent of the application code.
"""

from typing import Sequence, Union

import sqlalchemy as sa
import sqlmodel  # noqa: F401
from alembic import op

revision: str = "0004_task_outcomes_hourly"
down_revision: Union[str, Sequence[str], None] = "0003_read_path_rollups"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def _hour(column: str) -> str:
    # Floor to the hour also before 1970: SQL's % keeps the dividend's sign.
    return f"({column} - ((({column} % 3600000) + 3600000) % 3600000))"


_DIMS = "workspace_id, agent_id, COALESCE(project_id, ''), environment, \"group\""
_DONE = "CASE WHEN has_completed THEN 1 ELSE 0 END"
BACKFILL = f"""
INSERT INTO task_outcomes_hourly (workspace_id, hour_ms, agent_id, project_id, environment,
    "group", started, escalated, ended, completed, failed, duration_sum, duration_n, first_ms,
    last_ms)
SELECT w, h, a, p, e, g, SUM(s), SUM(x), SUM(n), SUM(c), SUM(f), SUM(ds), SUM(dn), MIN(ts),
    MAX(ts)
FROM (
    SELECT workspace_id AS w, {_hour("started_at")} AS h, agent_id AS a,
        COALESCE(project_id, '') AS p, environment AS e, "group" AS g, 1 AS s,
        CASE WHEN has_escalated THEN 1 ELSE 0 END AS x, 0 AS n, 0 AS c, 0 AS f, 0 AS ds,
        0 AS dn, started_at AS ts
    FROM tasks
    UNION ALL
    SELECT workspace_id, {_hour("completed_at")}, agent_id, COALESCE(project_id, ''),
        environment, "group", 0, 0, 1, {_DONE},
        CASE WHEN has_failed AND NOT has_completed THEN 1 ELSE 0 END,
        CASE WHEN has_completed AND duration_ms IS NOT NULL THEN duration_ms ELSE 0 END,
        CASE WHEN has_completed AND duration_ms IS NOT NULL THEN 1 ELSE 0 END, completed_at
    FROM tasks WHERE completed_at IS NOT NULL
) AS parts
GROUP BY w, h, a, p, e, g
"""  # noqa: S608  (constants only)


def upgrade() -> None:
    op.create_table(
        "task_outcomes_hourly",
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("hour_ms", sa.BigInteger(), nullable=False),
        sa.Column("agent_id", sqlmodel.sql.sqltypes.AutoString(length=256), nullable=False),
        sa.Column("project_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("environment", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("group", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
        *(sa.Column(name, sa.BigInteger(), nullable=False)
          for name in ("started", "escalated", "ended", "completed", "failed", "duration_sum",
                       "duration_n", "first_ms", "last_ms")),
        sa.PrimaryKeyConstraint("workspace_id", "hour_ms", "agent_id", "project_id",
                                "environment", "group", name=op.f("pk_task_outcomes_hourly")),
    )
    op.execute(sa.text(BACKFILL))


def downgrade() -> None:
    op.drop_table("task_outcomes_hourly")
