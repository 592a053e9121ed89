"""Alert rules, the facts their conditions measure, firings, the history and the delivery queue.

Two statements carry the exactly-once guarantees and behave the same on both databases:

* :func:`fire` -- a compare-and-set on ``alert_state`` (``UPDATE … WHERE last_fired_at <= now -
  cooldown AND evidence differs``, else ``INSERT … ON CONFLICT DO NOTHING``): of any number of
  workers evaluating the same condition, one wins; the history row and the queued deliveries
  are written in that same transaction.
* :func:`claim_due` -- ``WITH chosen AS (due rows … LIMIT n [FOR UPDATE SKIP LOCKED]) UPDATE …
  FROM chosen WHERE still due … RETURNING``: a delivery is claimed by one worker at a time.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    and_,
    bindparam,
    case,
    delete,
    false,
    func,
    insert,
    or_,
    select,
    true,
)
from sqlalchemy import update as sa_update
from sqlalchemy.engine import Connection

from hiveboard.domain.alert_rules import CostGroup, TaskGroup, task_scope_key
from hiveboard.store.dialect import insert_ignoring_conflicts
from hiveboard.store.tables import (
    AGENTS,
    ALERT_DELIVERIES,
    ALERT_HISTORY,
    ALERT_LEASES,
    ALERT_RULES,
    ALERT_STATE,
    EVENTS,
    PROJECT_AGENTS,
    TASKS,
)
from hiveboard.store.types import EpochMillis

Row = dict[str, Any]
RULE_COLUMNS = [c for c in ALERT_RULES.c if c.name != "webhook_secret"]
CLAIMABLE = ("pending", "delivering")
RULE_DELETED = "the rule was deleted before this delivery was made"


def _rows(result: Any) -> list[Row]:
    return [dict(r) for r in result.mappings().all()]


# ------------------------------------------------------------------------------ rules

def insert_rule(conn: Connection, values: Mapping[str, Any]) -> None:
    conn.execute(insert(ALERT_RULES).values(**values))


def get_rule(conn: Connection, workspace_id: int, rule_id: str) -> Row | None:
    row = conn.execute(select(*RULE_COLUMNS).where(
        ALERT_RULES.c.workspace_id == workspace_id, ALERT_RULES.c.rule_id == rule_id,
    )).mappings().first()
    return dict(row) if row is not None else None


def replace_rule(conn: Connection, workspace_id: int, rule_id: str,
                 values: Mapping[str, Any]) -> bool:
    result = conn.execute(sa_update(ALERT_RULES).where(
        ALERT_RULES.c.workspace_id == workspace_id, ALERT_RULES.c.rule_id == rule_id,
    ).values(**values))
    return bool(result.rowcount)


def _forget(conn: Connection, rule_ids: Collection[str]) -> None:
    """A deleted rule's cooldowns go, and its undelivered notifications are cancelled: the
    history keeps the firing, with the reason each delivery did not happen."""
    if not rule_ids:
        return
    conn.execute(delete(ALERT_STATE).where(ALERT_STATE.c.rule_id.in_(rule_ids)))
    conn.execute(sa_update(ALERT_DELIVERIES).where(
        ALERT_DELIVERIES.c.rule_id.in_(rule_ids), ALERT_DELIVERIES.c.status == "pending",
    ).values(status="failed", last_error=RULE_DELETED))


def delete_rule(conn: Connection, workspace_id: int, rule_id: str) -> bool:
    result = conn.execute(delete(ALERT_RULES).where(
        ALERT_RULES.c.workspace_id == workspace_id, ALERT_RULES.c.rule_id == rule_id))
    if result.rowcount:
        _forget(conn, [rule_id])
    return bool(result.rowcount)


def delete_project_rules(conn: Connection, workspace_id: int, project_id: str) -> None:
    """The project-deletion cascade: rules scoped to it go (workspace-wide rules stay)."""
    scoped = and_(ALERT_RULES.c.workspace_id == workspace_id,
                  ALERT_RULES.c.project_id == project_id)
    ids = list(conn.execute(select(ALERT_RULES.c.rule_id).where(scoped)).scalars())
    conn.execute(delete(ALERT_RULES).where(scoped))
    _forget(conn, ids)


def rules_page(conn: Connection, workspace_id: int, *, project_id: str | None,
               after: tuple[int, str] | None, limit: int) -> list[Row]:
    """Oldest first by (created_at, rule_id), strictly after ``after``; with a project, its
    rules and the workspace-wide ones."""
    c = ALERT_RULES.c
    where: list[ColumnElement[bool]] = [c.workspace_id == workspace_id]
    if project_id is not None:
        where.append(or_(c.project_id == project_id, c.project_id.is_(None)))
    if after is not None:
        where.append(or_(c.created_at > after[0],
                         and_(c.created_at == after[0], c.rule_id > after[1])))
    stmt = select(*RULE_COLUMNS).where(*where).order_by(c.created_at, c.rule_id).limit(limit)
    return _rows(conn.execute(stmt))


def enabled_rules(conn: Connection, workspace_ids: Collection[int] | None = None,
                  types: Collection[str] | None = None) -> list[Row]:
    c = ALERT_RULES.c
    where: list[ColumnElement[bool]] = [c.enabled == true()]
    if workspace_ids is not None:
        where.append(c.workspace_id.in_(workspace_ids))
    if types is not None:
        where.append(c.condition_type.in_(types))
    return _rows(conn.execute(select(*RULE_COLUMNS).where(*where).order_by(c.rule_id)))


# ------------------------------------------------------------------------------ measurements

def _failed() -> ColumnElement[bool]:
    # A task's derived status is failed only when it never completed (completed wins).
    return and_(TASKS.c.has_failed == true(), TASKS.c.has_completed == false())


def task_groups(conn: Connection, workspace_id: int, since: datetime) -> list[TaskGroup]:
    """Tasks whose terminal event is at or after ``since``, grouped by what rules filter on.

    No upper bound: an agent clock running ahead must not hide a failure until time passes."""
    c = TASKS.c
    keys = (c.agent_id, c.project_id, c.environment, c.group)
    stmt = select(
        *keys, func.count().label("finished"),
        func.sum(case((_failed(), 1), else_=0)).label("failed"),
        func.max(c.completed_at).label("last_finished"),
        func.max(case((_failed(), c.completed_at), else_=None)).label("last_failed"),
    ).where(c.workspace_id == workspace_id, c.completed_at >= since).group_by(*keys)
    return [TaskGroup(agent_id=r.agent_id, project_id=r.project_id, environment=r.environment,
                      group=r.group, finished=int(r.finished), failed=int(r.failed or 0),
                      last_finished=r.last_finished, last_failed=r.last_failed)
            for r in conn.execute(stmt)]


def _duration_columns() -> list[Any]:
    c = TASKS.c
    return [c.task_id, c.agent_id, c.project_id, c.environment, c.group, c.started_at,
            c.completed_at, c.duration_ms]


def finished_tasks(conn: Connection, workspace_id: int, task_ids: Collection[str]) -> list[Row]:
    c = TASKS.c
    return _rows(conn.execute(select(*_duration_columns()).where(
        c.workspace_id == workspace_id, c.task_id.in_(task_ids), c.completed_at.is_not(None))))


def open_tasks_started_between(conn: Connection, workspace_id: int, start: datetime,
                               end: datetime) -> list[Row]:
    c = TASKS.c
    return _rows(conn.execute(select(*_duration_columns()).where(
        c.workspace_id == workspace_id, c.completed_at.is_(None), c.started_at >= start,
        c.started_at <= end)))


def cost_groups(conn: Connection, workspace_id: int, since: datetime) -> list[CostGroup]:
    """LLM cost since ``since`` grouped by what rules filter on (reference §5.11)."""
    c = EVENTS.c
    keys = (c.agent_id, c.project_id, c.environment, c.group)
    stmt = select(*keys, func.sum(c.llm_cost).label("cost"), func.max(c.seq).label("last_seq"),
                  ).where(c.workspace_id == workspace_id, c.payload_kind == "llm_call",
                          c.event_type == "custom", c.timestamp >= since).group_by(*keys)
    return [CostGroup(agent_id=r.agent_id, project_id=r.project_id, environment=r.environment,
                      group=r.group, cost=float(r.cost or 0.0), last_seq=int(r.last_seq))
            for r in conn.execute(stmt)]


def agents_with_projects(conn: Connection, workspace_id: int,
                         agent_ids: Collection[str] | None = None,
                         ) -> tuple[list[Row], dict[str, set[str]]]:
    """Agent rows (the columns ``agent_health`` reads) and each agent's project ids."""
    a = AGENTS.c
    where: list[ColumnElement[bool]] = [a.workspace_id == workspace_id]
    m_where: list[ColumnElement[bool]] = [PROJECT_AGENTS.c.workspace_id == workspace_id]
    if agent_ids is not None:
        where.append(a.agent_id.in_(agent_ids))
        m_where.append(PROJECT_AGENTS.c.agent_id.in_(agent_ids))
    agents = _rows(conn.execute(select(
        a.agent_id, a.environment, a.group, a.first_seen, a.registered_at, a.last_heartbeat,
        a.last_status_event_type, a.stuck_threshold_seconds, a.last_project_id).where(*where)))
    members: dict[str, set[str]] = {}
    for agent_id, project_id in conn.execute(select(
            PROJECT_AGENTS.c.agent_id, PROJECT_AGENTS.c.project_id).where(*m_where)):
        members.setdefault(agent_id, set()).add(project_id)
    return agents, members


def states(conn: Connection, rule_ids: Collection[str],
           task_ids: Collection[str] = ()) -> dict[tuple[str, str], Row]:
    """Cooldown rows of these rules, and their once-only rows of these tasks (``task:<id>``
    rows accumulate, one per task alerted on, so only the ones in question are read)."""
    s = ALERT_STATE.c
    found: dict[tuple[str, str], Row] = {}
    if not rule_ids:
        return found
    rows = conn.execute(select(ALERT_STATE).where(s.rule_id.in_(rule_ids),
                                                  s.scope_key.not_like("task:%")))
    keys = [task_scope_key(t) for t in task_ids]
    for start in range(0, len(keys), 500):
        found.update({(r["rule_id"], r["scope_key"]): dict(r) for r in conn.execute(
            select(ALERT_STATE).where(s.rule_id.in_(rule_ids),
                                      s.scope_key.in_(keys[start:start + 500]))).mappings()})
    found.update({(r["rule_id"], r["scope_key"]): dict(r) for r in rows.mappings()})
    return found


def forget_scopes(conn: Connection, workspace_id: int, scope_keys: Collection[str]) -> int:
    """Remove every rule's state rows of these scopes (``task:<id>``, ``agent:<id>``).

    Retention calls this when it forgets a task or an agent: once-only marks and cooldowns
    of things that no longer exist would otherwise pile up until their rule is deleted. The
    workspace's rule ids lead the lookup so it stays on the (rule_id, scope_key) key.
    """
    keys = sorted(set(scope_keys))
    if not keys:
        return 0
    rules = [r[0] for r in conn.execute(select(ALERT_RULES.c.rule_id).where(
        ALERT_RULES.c.workspace_id == workspace_id))]
    deleted = 0
    for start in range(0, len(keys) if rules else 0, 500):
        deleted += int(conn.execute(delete(ALERT_STATE).where(
            ALERT_STATE.c.rule_id.in_(rules),
            ALERT_STATE.c.scope_key.in_(keys[start:start + 500]))).rowcount)
    return deleted


# ------------------------------------------------------------------------------ firing

@dataclass(slots=True)
class FiringWrite:
    workspace_id: int
    rule_id: str
    scope_key: str
    evidence: str | None
    once_key: str | None
    cooldown_seconds: int
    now: datetime
    history: Row
    deliveries: list[Row] = field(default_factory=list)


# Firing runs for every alert of a storm while ingest waits for the writer: its statements are
# built once, so each use skips expression construction and cache-key generation.
_S = ALERT_STATE.c
_COOLDOWN_WHERE = (_S.rule_id == bindparam("b_rule"), _S.scope_key == bindparam("b_key"),
                   _S.last_fired_at <= bindparam("b_before", type_=EpochMillis()))
_MOVE = {"last_fired_at": bindparam("b_now", type_=EpochMillis()),
         "evidence": bindparam("b_evidence")}
_CAS_ANY = sa_update(ALERT_STATE).where(*_COOLDOWN_WHERE).values(**_MOVE)
_CAS_NEW_EVIDENCE = sa_update(ALERT_STATE).where(
    *_COOLDOWN_WHERE, or_(_S.evidence.is_(None), _S.evidence != bindparam("b_evidence")),
).values(**_MOVE)
_FORGET_ONCE = delete(ALERT_STATE).where(_S.rule_id == bindparam("b_rule"),
                                         _S.scope_key == bindparam("b_key"))
_INSERT_HISTORY = insert(ALERT_HISTORY)
_INSERT_DELIVERIES = insert(ALERT_DELIVERIES)
_insert_state_by_dialect: dict[str, Any] = {}


def _insert_state_stmt(conn: Connection) -> Any:
    stmt = _insert_state_by_dialect.get(conn.dialect.name)
    if stmt is None:
        stmt = insert_ignoring_conflicts(conn, ALERT_STATE, index_elements=["rule_id", "scope_key"])
        # RETURNING rather than rowcount: drivers need not report rowcount for INSERT.
        stmt = _insert_state_by_dialect[conn.dialect.name] = stmt.returning(_S.rule_id)
    return stmt


def _won_cooldown(conn: Connection, w: FiringWrite) -> bool:
    cas = _CAS_ANY if w.evidence is None else _CAS_NEW_EVIDENCE
    moved = conn.execute(cas, {
        "b_rule": w.rule_id, "b_key": w.scope_key, "b_now": w.now, "b_evidence": w.evidence,
        "b_before": w.now - timedelta(seconds=w.cooldown_seconds)})
    return moved.rowcount == 1 or _insert_state(conn, w, w.scope_key)


def _insert_state(conn: Connection, w: FiringWrite, scope_key: str) -> bool:
    row = {"rule_id": w.rule_id, "scope_key": scope_key, "workspace_id": w.workspace_id,
           "last_fired_at": w.now, "evidence": w.evidence}
    return conn.execute(_insert_state_stmt(conn), row).first() is not None


def fire_many(conn: Connection, writes: Sequence[FiringWrite]) -> int:
    """Record each firing whose rule is still enabled and whose cooldown this worker wins."""
    r = ALERT_RULES.c
    live = set(conn.execute(select(r.rule_id).where(
        r.rule_id.in_({w.rule_id for w in writes}), r.enabled == true())).scalars())
    won = [w for w in writes if w.rule_id in live and _won(conn, w)]
    if won:
        conn.execute(_INSERT_HISTORY, [w.history for w in won])
        deliveries = [d for w in won for d in w.deliveries]
        if deliveries:
            conn.execute(_INSERT_DELIVERIES, deliveries)
    return len(won)


def _won(conn: Connection, w: FiringWrite) -> bool:
    if w.once_key is not None and not _insert_state(conn, w, w.once_key):
        return False
    if _won_cooldown(conn, w):
        return True
    if w.once_key is not None:  # not alerted on after all: it may fire after the cooldown
        conn.execute(_FORGET_ONCE, {"b_rule": w.rule_id, "b_key": w.once_key})
    return False


# ------------------------------------------------------------------------------ history

def history_page(conn: Connection, workspace_id: int, *, project_id: str | None,
                 rule_id: str | None, since: datetime | None, until: datetime | None,
                 after: tuple[int, int] | None, limit: int) -> list[Row]:
    """Newest first by (fired_at, seq), strictly before ``after``."""
    h = ALERT_HISTORY.c
    where: list[ColumnElement[bool]] = [h.workspace_id == workspace_id]
    if project_id is not None:
        where.append(or_(h.project_id == project_id, h.scope_project_id == project_id))
    if rule_id is not None:
        where.append(h.rule_id == rule_id)
    if since is not None:
        where.append(h.fired_at >= since)
    if until is not None:
        where.append(h.fired_at < until)
    if after is not None:
        where.append(or_(h.fired_at < after[0], and_(h.fired_at == after[0], h.seq < after[1])))
    stmt = select(ALERT_HISTORY).where(*where).order_by(h.fired_at.desc(), h.seq.desc())
    return _rows(conn.execute(stmt.limit(limit)))


def deliveries_of(conn: Connection, alert_ids: Collection[str]) -> dict[str, list[Row]]:
    d = ALERT_DELIVERIES.c
    found: dict[str, list[Row]] = {}
    if not alert_ids:
        return found
    rows = conn.execute(select(ALERT_DELIVERIES).where(d.alert_id.in_(alert_ids))
                        .order_by(d.alert_id, d.position))
    for row in rows.mappings():
        found.setdefault(row["alert_id"], []).append(dict(row))
    return found


# ------------------------------------------------------------------------------ delivery queue

def claim_due(conn: Connection, worker: str, now: datetime, lease_until: datetime,
              limit: int) -> list[Row]:
    """Claim up to ``limit`` due deliveries for ``worker``, each with its rule's secret."""
    d = ALERT_DELIVERIES.c
    due = and_(d.status.in_(CLAIMABLE), d.next_attempt_at <= now)
    ids = select(d.delivery_id).where(due).order_by(d.next_attempt_at, d.delivery_id)
    ids = ids.limit(limit)
    if conn.dialect.name == "postgresql":
        ids = ids.with_for_update(skip_locked=True)
    # A CTE, not ``IN (subquery)``: PostgreSQL may run a LIMITed subquery once per candidate
    # row and so claim more than ``limit`` rows; a CTE with FOR UPDATE runs exactly once.
    chosen = ids.cte("chosen")
    claimed = _rows(conn.execute(
        sa_update(ALERT_DELIVERIES).where(d.delivery_id == chosen.c.delivery_id, due)
        .values(status="delivering", locked_by=worker, locked_until=lease_until,
                next_attempt_at=lease_until, attempts=d.attempts + 1)
        .returning(*ALERT_DELIVERIES.c)))
    secrets = dict(conn.execute(select(ALERT_RULES.c.rule_id, ALERT_RULES.c.webhook_secret)
                                .where(ALERT_RULES.c.rule_id.in_({c["rule_id"] for c in claimed}))
                                ).tuples().all()) if claimed else {}
    for row in claimed:
        row["secret"] = secrets.get(row["rule_id"])
    return sorted(claimed, key=lambda r: r["delivery_id"])


@dataclass(frozen=True, slots=True)
class Outcome:
    delivery_id: int
    status: str
    next_attempt_at: datetime
    last_error: str | None
    delivered_at: datetime | None


def finish_deliveries(conn: Connection, worker: str, outcomes: Sequence[Outcome]) -> int:
    """Record attempts' outcomes, except where this worker's claim was taken over meanwhile."""
    d = ALERT_DELIVERIES.c
    done = 0
    for o in outcomes:
        result = conn.execute(sa_update(ALERT_DELIVERIES).where(
            d.delivery_id == o.delivery_id, d.locked_by == worker, d.status == "delivering",
        ).values(status=o.status, next_attempt_at=o.next_attempt_at, last_error=o.last_error,
                 delivered_at=o.delivered_at, locked_by=None, locked_until=None))
        done += result.rowcount
    return done


def deliveries(conn: Connection, statuses: Sequence[str] | None = None) -> list[Row]:
    d = ALERT_DELIVERIES.c
    stmt = select(ALERT_DELIVERIES).order_by(d.delivery_id)
    if statuses is not None:
        stmt = stmt.where(d.status.in_(statuses))
    return _rows(conn.execute(stmt))


# ------------------------------------------------------------------------------ leader lease

def try_lease(conn: Connection, name: str, holder: str, now: datetime,
              until: datetime) -> bool:
    """Take or renew the lease ``name`` for ``holder`` (free, expired, or already its own)."""
    lease = ALERT_LEASES.c
    renewed = conn.execute(sa_update(ALERT_LEASES).where(
        lease.name == name, or_(lease.holder == holder, lease.expires_at <= now),
    ).values(holder=holder, expires_at=until))
    if renewed.rowcount == 1:
        return True
    stmt = insert_ignoring_conflicts(conn, ALERT_LEASES, index_elements=["name"])
    stmt = stmt.values(name=name, holder=holder, expires_at=until)
    return conn.execute(stmt.returning(ALERT_LEASES.c.name)).first() is not None


def release_lease(conn: Connection, name: str, holder: str) -> None:
    conn.execute(delete(ALERT_LEASES).where(ALERT_LEASES.c.name == name,
                                            ALERT_LEASES.c.holder == holder))
