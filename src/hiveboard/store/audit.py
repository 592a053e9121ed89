"""The audit log: who changed which piece of configuration, when, from what to what.

:func:`record` takes the caller's connection, so an entry commits or rolls back with the
change it describes; there is no way to write one outside a unit of work.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, insert, or_, select
from sqlalchemy.engine import Connection

from hiveboard.domain.principal import Principal
from hiveboard.store.tables import AUDIT_LOG

CLI_ACTOR_PREFIX = "cli"


@dataclass(frozen=True, slots=True)
class Actor:
    """Who made a change, and where it belongs: a workspace, or the whole tenant (None)."""

    tenant_id: str
    workspace_id: int | None
    key_id: str | None
    key_prefix: str

    @classmethod
    def of(cls, principal: Principal) -> Actor:
        return cls(principal.tenant_id, principal.workspace_id, principal.key_id,
                   principal.key_prefix)

    @classmethod
    def cli(cls, tenant_id: str) -> Actor:
        """An operator at the command line: no key, tenant-wide."""
        return cls(tenant_id, None, None, CLI_ACTOR_PREFIX)


def record(conn: Connection, actor: Actor, action: str, resource_type: str, resource_id: str,
           changes: Mapping[str, Any], at: datetime) -> None:
    conn.execute(insert(AUDIT_LOG).values(
        entry_id="aud_" + uuid.uuid4().hex[:20], tenant_id=actor.tenant_id,
        workspace_id=actor.workspace_id, occurred_at=at, actor_key_id=actor.key_id,
        actor_key_prefix=actor.key_prefix, action=action, resource_type=resource_type,
        resource_id=resource_id, changes=dict(changes)))


def page(conn: Connection, *, tenant_id: str, workspace_id: int, tenant_wide: bool,
         resource_type: str | None, since: datetime | None, until: datetime | None,
         after: tuple[int, int] | None, limit: int) -> list[dict[str, Any]]:
    """Newest first by (occurred_at, seq); ``after`` is the (epoch ms, seq) of the last row
    seen. ``tenant_wide`` adds the entries that belong to no workspace (keys)."""
    c = AUDIT_LOG.c
    scope = c.workspace_id == workspace_id
    if tenant_wide:
        scope = or_(scope, c.workspace_id.is_(None))
    query = select(AUDIT_LOG).where(c.tenant_id == tenant_id, scope)
    if resource_type is not None:
        query = query.where(c.resource_type == resource_type)
    if since is not None:
        query = query.where(c.occurred_at >= since)
    if until is not None:
        query = query.where(c.occurred_at < until)
    if after is not None:
        at_ms, seq = after
        query = query.where(or_(c.occurred_at < at_ms,
                                and_(c.occurred_at == at_ms, c.seq < seq)))
    query = query.order_by(c.occurred_at.desc(), c.seq.desc()).limit(limit)
    return [dict(row) for row in conn.execute(query).mappings()]
