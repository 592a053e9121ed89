"""Reading the audit log (writes happen inside each change's own unit of work).

A test key sees the changes made in the test workspace only; live and read keys see the live
workspace's and the tenant-wide ones (API keys), which are production configuration.
"""

from __future__ import annotations

from typing import Any

from hiveboard_contract.rest import AuditEntry, AuditLogPage, Pagination

from hiveboard.domain.principal import Principal
from hiveboard.errors import BadRequest
from hiveboard.services.container import Services
from hiveboard.services.pagination import decode_cursor, paginate
from hiveboard.services.params import time_window
from hiveboard.store import audit
from hiveboard.store.types import to_millis

SORT = "audit.occurred"


def _after(cursor: str | None) -> tuple[int, int] | None:
    key = decode_cursor(cursor, SORT, 2)
    if key is None:
        return None
    if not all(isinstance(k, int) and not isinstance(k, bool) for k in key):
        raise BadRequest("cursor is not valid for this query", details={
            "field": "cursor", "location": "query", "reason": "unrecognised cursor"})
    return key[0], key[1]


def _entry(row: dict[str, Any]) -> AuditEntry:
    return AuditEntry.model_validate({
        "entry_id": row["entry_id"], "occurred_at": row["occurred_at"],
        "actor_key_prefix": row["actor_key_prefix"], "action": row["action"],
        "resource_type": row["resource_type"], "resource_id": row["resource_id"],
        "changes": row["changes"] or {}})


async def list_audit_log(ctx: Services, principal: Principal, *, resource_type: str | None,
                         since: str | None, until: str | None, limit: int,
                         cursor: str | None) -> AuditLogPage:
    start, end = time_window(since, until, now=ctx.clock())
    after = _after(cursor)
    rows = await ctx.db.read(
        lambda conn: audit.page(conn, tenant_id=principal.tenant_id,
                                workspace_id=principal.workspace_id,
                                tenant_wide=not principal.is_test, resource_type=resource_type,
                                since=start, until=end, after=after, limit=limit + 1))
    found = paginate(rows, limit, SORT, lambda r: (to_millis(r["occurred_at"]), r["seq"]))
    return AuditLogPage(data=[_entry(r) for r in found.items],
                        pagination=Pagination(cursor=found.cursor, has_more=found.has_more))
