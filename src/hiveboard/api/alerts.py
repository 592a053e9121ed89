"""/v1/alerts: alert rules and the history of fired alerts."""

from __future__ import annotations

from typing import Any

from hiveboard_contract import operations as op

from hiveboard.api.context import principal, services
from hiveboard.api.render import json_response, no_content
from hiveboard.services import alerts


@op.list_alert_rules
async def list_alert_rules(*, project_id: str | None = None, limit: int = 50,
                           cursor: str | None = None) -> object:
    page = await alerts.list_rules(services(), principal(), project_id=project_id, limit=limit,
                                   cursor=cursor)
    return json_response(page)


@op.create_alert_rule
async def create_alert_rule(*, body: dict[str, Any]) -> object:
    return json_response(await alerts.create_rule(services(), principal(), body), 201)


@op.get_alert_rule
async def get_alert_rule(*, rule_id: str) -> object:
    return json_response(await alerts.get_rule(services(), principal(), rule_id))


@op.update_alert_rule
async def update_alert_rule(*, body: dict[str, Any], rule_id: str) -> object:
    return json_response(await alerts.update_rule(services(), principal(), rule_id, body))


@op.delete_alert_rule
async def delete_alert_rule(*, rule_id: str) -> object:
    await alerts.delete_rule(services(), principal(), rule_id)
    return no_content()


@op.list_alert_history
async def list_alert_history(*, project_id: str | None = None, rule_id: str | None = None,
                             since: str | None = None, until: str | None = None, limit: int = 50,
                             cursor: str | None = None) -> object:
    page = await alerts.list_history(services(), principal(), project_id=project_id,
                                     rule_id=rule_id, since=since, until=until, limit=limit,
                                     cursor=cursor)
    return json_response(page)
