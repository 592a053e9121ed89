"""What the live stream needs from the store: agent facts around an ingest batch, the sweeper's
candidates, the compare-and-set of the last announced status, and which keys are still active.

Every function runs on SQLite and PostgreSQL; timestamps compare as integer epoch milliseconds.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, and_, case, func, or_, select, type_coerce, update
from sqlalchemy.engine import Connection

from hiveboard.store.dialect import insert_ignoring_conflicts
from hiveboard.store.tables import AGENT_STATUS, AGENTS, API_KEYS, PROJECT_AGENTS, PROJECTS, TASKS
from hiveboard.store.types import to_millis

AGENT_COLUMNS = ("workspace_id", "agent_id", "environment", "group", "stuck_threshold_seconds",
                 "last_status_event_type", "last_heartbeat", "registered_at", "first_seen",
                 "last_task_id", "last_project_id")


@dataclass(frozen=True, slots=True)
class Announcement:
    """Move an agent's announced status from ``previous`` (None: never announced) to ``new``."""

    workspace_id: int
    agent_id: str
    previous: str | None
    new: str
    at: datetime


def _agent_query() -> Any:
    last = TASKS.alias("last_task")
    closed = or_(last.c.has_completed, last.c.has_failed, last.c.has_escalated)
    joined = (
        AGENTS.outerjoin(last, and_(last.c.workspace_id == AGENTS.c.workspace_id,
                                    last.c.task_id == AGENTS.c.last_task_id))
        .outerjoin(AGENT_STATUS, and_(AGENT_STATUS.c.workspace_id == AGENTS.c.workspace_id,
                                      AGENT_STATUS.c.agent_id == AGENTS.c.agent_id))
    )
    return select(*(AGENTS.c[name] for name in AGENT_COLUMNS),
                  closed.label("last_task_closed"),
                  AGENT_STATUS.c.status.label("announced")).select_from(joined)


def agents(conn: Connection, workspace_id: int, agent_ids: Collection[str]) -> list[dict[str, Any]]:
    """The agents' health facts, ``last_task_closed`` (None: no such task) and ``announced``
    (the status last published, None if never)."""
    if not agent_ids:
        return []
    query = _agent_query().where(AGENTS.c.workspace_id == workspace_id,
                                 AGENTS.c.agent_id.in_(sorted(agent_ids)))
    return [dict(row) for row in conn.execute(query).mappings()]


def _liveness_ms() -> Any:
    """SQL twin of :func:`hiveboard.domain.agent_status.liveness_reference`, in epoch ms."""
    heartbeat = type_coerce(AGENTS.c.last_heartbeat, BigInteger)
    registered = type_coerce(AGENTS.c.registered_at, BigInteger)
    return case(
        (and_(heartbeat.is_not(None), or_(registered.is_(None), heartbeat >= registered)),
         heartbeat),
        (registered.is_not(None), registered),
        else_=type_coerce(AGENTS.c.first_seen, BigInteger),
    )


def sweep_candidates(conn: Connection, now: datetime, default_threshold_seconds: int,
                     grace_seconds: float = 2.0, limit: int = 5000) -> list[dict[str, Any]]:
    """Agents whose announced status may be wrong at ``now``: stale (past their stuck
    threshold) but not announced as stuck; and, ``grace_seconds`` after their last proof of
    life, agents never announced or announced as stuck but alive again.

    The latter two are normally announced by the ingest that caused them, right after its
    event frames; the grace keeps the sweeper from announcing them first, so it only repairs
    what a lost publish (a crash between commit and publish) left behind. A superset is fine
    -- the caller derives the exact status -- and when every announcement is up to date the
    query returns nothing, so the sweep stays cheap as agents accumulate.
    """
    threshold_ms = func.coalesce(AGENTS.c.stuck_threshold_seconds,
                                 default_threshold_seconds) * 1000
    now_ms = to_millis(now)
    liveness = _liveness_ms()
    stale = liveness + threshold_ms < now_ms
    settled = liveness < now_ms - int(grace_seconds * 1000)
    announced_stuck = AGENT_STATUS.c.status == "stuck"
    query = _agent_query().where(or_(
        and_(stale, or_(AGENT_STATUS.c.status.is_(None), ~announced_stuck)),
        and_(settled, or_(AGENT_STATUS.c.status.is_(None), and_(~stale, announced_stuck))),
    )).order_by(AGENTS.c.workspace_id, AGENTS.c.agent_id).limit(limit)
    return [dict(row) for row in conn.execute(query).mappings()]


def project_keys(conn: Connection, workspace_id: int, agent_ids: Collection[str],
                 project_ids: Collection[str]) -> tuple[dict[str, set[str]], dict[str, str]]:
    """The projects each agent works in (ids and slugs: a filter may name either), and the
    slug of each project id in ``project_ids`` and in those memberships."""
    memberships: dict[str, set[str]] = defaultdict(set)
    slugs: dict[str, str] = {}
    if agent_ids:
        rows = conn.execute(
            select(PROJECT_AGENTS.c.agent_id, PROJECTS.c.project_id, PROJECTS.c.slug)
            .join(PROJECTS, and_(PROJECTS.c.workspace_id == PROJECT_AGENTS.c.workspace_id,
                                 PROJECTS.c.project_id == PROJECT_AGENTS.c.project_id))
            .where(PROJECT_AGENTS.c.workspace_id == workspace_id,
                   PROJECT_AGENTS.c.agent_id.in_(sorted(agent_ids)))
        ).all()
        for agent_id, project_id, slug in rows:
            memberships[agent_id].update((project_id, slug))
            slugs[project_id] = slug
    missing = set(project_ids) - slugs.keys()
    if missing:
        slugs.update(conn.execute(
            select(PROJECTS.c.project_id, PROJECTS.c.slug).where(
                PROJECTS.c.workspace_id == workspace_id, PROJECTS.c.project_id.in_(sorted(missing)))
        ).tuples().all())
    return dict(memberships), slugs


def announce(conn: Connection, moves: Sequence[Announcement]) -> list[bool]:
    """Compare-and-set each announced status; True where this caller won the move.

    A concurrent ingest hook, a sweeper on another worker or a retried batch may compute the
    same move: exactly one of them sees its row change and publishes it.
    """
    won: list[bool] = []
    for move in moves:
        if move.previous is None:
            statement = (
                insert_ignoring_conflicts(conn, AGENT_STATUS,
                                          index_elements=["workspace_id", "agent_id"])
                .values(workspace_id=move.workspace_id, agent_id=move.agent_id,
                        status=move.new, changed_at=move.at)
            )
        else:
            statement = (
                update(AGENT_STATUS)
                .where(AGENT_STATUS.c.workspace_id == move.workspace_id,
                       AGENT_STATUS.c.agent_id == move.agent_id,
                       AGENT_STATUS.c.status == move.previous)
                .values(status=move.new, changed_at=move.at)
            )
        # RETURNING, not rowcount: psycopg reports -1 for INSERT ... ON CONFLICT DO NOTHING.
        won.append(conn.execute(statement.returning(AGENT_STATUS.c.agent_id)).first() is not None)
    return won


def active_key_ids(conn: Connection, key_ids: Iterable[str]) -> set[str]:
    """The subset of ``key_ids`` that exist and are not revoked."""
    wanted = sorted(set(key_ids))
    if not wanted:
        return set()
    return set(conn.execute(
        select(API_KEYS.c.key_id).where(API_KEYS.c.key_id.in_(wanted),
                                        API_KEYS.c.revoked_at.is_(None))
    ).scalars())


def try_advisory_lock(conn: Connection, key: int) -> bool:
    """PostgreSQL session-level advisory lock: held until released or the connection ends."""
    return bool(conn.execute(select(func.pg_try_advisory_lock(key))).scalar())


def advisory_unlock(conn: Connection, key: int) -> None:
    conn.execute(select(func.pg_advisory_unlock(key)))


def confirm_session(conn: Connection) -> None:
    """One round trip on a lock-holding session; raises when the session (and so every
    session-level lock it held) is gone."""
    conn.execute(select(1))
