"""latest issue event per (agent, issue key)

Revision ID: 0005_agent_issues
Revises: 0004_task_outcomes_hourly
Create Date: 2026-11-22

Creates ``agent_issues`` (the latest ``issue`` event of each agent's issue key, what an agent
card's ``issue_count`` counts) and fills it from the events already stored. The issue key needs
a hash of the normalised summary, which SQL cannot compute portably, so the fill is Python --
a frozen copy of the key rule (data model §5.12.4), independent of the application code.
"""

import hashlib
import json
from typing import Any, Sequence, Union

import sqlalchemy as sa
import sqlmodel  # noqa: F401
from alembic import op

revision: str = "0005_agent_issues"
down_revision: Union[str, Sequence[str], None] = "0004_task_outcomes_hourly"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

_CLOSED = ("resolved", "dismissed")


def _report(payload: Any) -> tuple[str, bool] | None:
    if isinstance(payload, str):
        payload = json.loads(payload)
    if not isinstance(payload, dict):
        return None
    data = payload.get("data")
    data = data if isinstance(data, dict) else {}
    issue_id = data.get("issue_id")
    summary = payload.get("summary")
    if isinstance(issue_id, str) and issue_id.strip():
        key = issue_id
    elif isinstance(summary, str) and summary.strip():
        normalised = " ".join(summary.split()).lower()
        key = "sum_" + hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]
    else:
        return None
    action = data.get("action")
    action = action if isinstance(action, str) and action else "reported"
    return key, action not in _CLOSED


def upgrade() -> None:
    table = op.create_table(
        "agent_issues",
        sa.Column("workspace_id", sa.Integer(), nullable=False),
        sa.Column("agent_id", sqlmodel.sql.sqltypes.AutoString(length=256), nullable=False),
        sa.Column("key_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("last_ms", sa.BigInteger(), nullable=False),
        sa.Column("last_seq", sa.BigInteger(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("workspace_id", "agent_id", "key_hash",
                                name=op.f("pk_agent_issues")),
    )
    with op.batch_alter_table("agent_issues", schema=None) as batch_op:
        batch_op.create_index("ix_agent_issues_open",
                              ["workspace_id", "agent_id", "active", "last_ms"], unique=False)
    latest: dict[tuple[int, str, str], tuple[int, int, bool]] = {}
    rows = op.get_bind().execute(sa.text(
        "SELECT workspace_id, agent_id, timestamp, seq, payload FROM events "
        "WHERE payload_kind = 'issue' AND event_type = 'custom'"))
    for workspace_id, agent_id, ts, seq, payload in rows:
        report = _report(payload)
        if report is None:
            continue
        key, active = report
        k = (workspace_id, agent_id, hashlib.sha256(key.encode("utf-8")).hexdigest())
        found = latest.get(k)
        if found is None or (ts, seq) > found[:2]:
            latest[k] = (ts, seq, active)
    if latest:
        op.bulk_insert(table, [
            {"workspace_id": k[0], "agent_id": k[1], "key_hash": k[2], "last_ms": v[0],
             "last_seq": v[1], "active": v[2]} for k, v in latest.items()])


def downgrade() -> None:
    op.drop_table("agent_issues")
