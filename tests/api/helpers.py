"""Read what the store holds, bypassing the API, to prove what ingest wrote."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from hiveboard.store.database import Database
from hiveboard.store.tables import AgentRow, EventRow, ProjectAgentRow, ProjectRow


def count_events(db: Database) -> int:
    return int(db.read_sync(lambda c: c.execute(select(func.count()).select_from(EventRow)).scalar_one()))


def stored_events(db: Database) -> list[dict[str, Any]]:
    def q(c: Any) -> list[dict[str, Any]]:
        rows = c.execute(select(EventRow.__table__).order_by(EventRow.seq)).mappings().all()  # type: ignore[attr-defined]
        return [dict(r) for r in rows]
    return db.read_sync(q)


def stored_event(db: Database, event_id: str) -> dict[str, Any]:
    matches = [e for e in stored_events(db) if e["event_id"] == event_id]
    assert len(matches) == 1, f"{event_id} stored {len(matches)} times"
    return matches[0]


def agent_row(db: Database, agent_id: str) -> dict[str, Any] | None:
    def q(c: Any) -> dict[str, Any] | None:
        row = c.execute(select(AgentRow.__table__).where(  # type: ignore[attr-defined]
            AgentRow.agent_id == agent_id)).mappings().first()
        return dict(row) if row else None
    return db.read_sync(q)


def projects(db: Database) -> list[dict[str, Any]]:
    return db.read_sync(lambda c: [dict(r) for r in c.execute(
        select(ProjectRow.__table__)).mappings().all()])  # type: ignore[attr-defined]


def project_agents(db: Database) -> set[tuple[str, str]]:
    return db.read_sync(lambda c: {(r.project_id, r.agent_id) for r in c.execute(
        select(ProjectAgentRow.project_id, ProjectAgentRow.agent_id)).all()})
