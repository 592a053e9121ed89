"""GET /v1/audit-log."""

from __future__ import annotations

from hiveboard_contract import operations as op

from hiveboard.api.context import principal, services
from hiveboard.api.render import json_response
from hiveboard.services import audit


@op.list_audit_log
async def list_audit_log(*, resource_type: str | None = None, since: str | None = None,
                         until: str | None = None, limit: int = 50,
                         cursor: str | None = None) -> object:
    page = await audit.list_audit_log(services(), principal(), resource_type=resource_type,
                                      since=since, until=until, limit=limit, cursor=cursor)
    return json_response(page)
