"""Alert rules and their history: create, read, replace, delete, list; one unit of work each.

The body was validated against the schema by connexion (with per-condition field paths); this
adds what a schema cannot say -- conditional requirements, header hygiene, the project, and in
production the webhook destination policy -- and reports every problem in one 400.
Evaluation and delivery live in ``hiveboard.alerts``.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping, Sequence
from typing import Any

from hiveboard_contract.rest import (
    AlertHistoryEntry,
    AlertHistoryPage,
    AlertRule,
    AlertRuleCreate,
    AlertRuleCreated,
    AlertRulesPage,
    Pagination,
)
from pydantic import ValidationError

from hiveboard.domain.alert_rules import Problem, rule_problems
from hiveboard.domain.audit import ALERT_RULE_FIELDS, alert_rule_snapshot, diff
from hiveboard.domain.principal import Principal
from hiveboard.errors import BadRequest, NotFound
from hiveboard.services.container import Services
from hiveboard.services.pagination import decode_cursor, paginate
from hiveboard.services.params import time_window
from hiveboard.services.webhook_targets import creation_refusal
from hiveboard.store import alert_queries as queries
from hiveboard.store import audit
from hiveboard.store.database import Connection
from hiveboard.store.projects import find_project
from hiveboard.store.types import to_millis

RULES_SORT = "alerts.rules.created"
HISTORY_SORT = "alerts.history.fired"
FILTER_KEYS = ("environment", "agent_id", "group")


def new_rule_id() -> str:
    return f"rule_{secrets.token_hex(8)}"


def new_alert_id() -> str:
    return f"alert_{secrets.token_hex(8)}"


def new_webhook_secret() -> str:
    return f"whsec_{secrets.token_urlsafe(24)}"


def _invalid_body(problems: list[Problem]) -> BadRequest:
    errors = [{"field": p.field, "location": "body", "reason": p.reason} for p in problems[:20]]
    first = errors[0]
    # The first problem is repeated at the top of `details` for clients that read one field.
    return BadRequest(f"{first['field']}: {first['reason']}", code="invalid_body",
                      details={**first, "errors": errors})


def _typed(body: Mapping[str, Any]) -> AlertRuleCreate:
    try:
        return AlertRuleCreate.model_validate(body)
    except ValidationError as exc:
        problems = [Problem(".".join(str(p) for p in e["loc"]) or "(body)", e["msg"])
                    for e in exc.errors(include_url=False)]
        raise _invalid_body(problems) from None


def _action(raw: Mapping[str, Any]) -> dict[str, Any]:
    if raw["type"] == "webhook":
        return {"type": "webhook", "url": raw["url"], "headers": dict(raw.get("headers") or {})}
    return {"type": "email", "to": list(raw["to"])}


async def _rule_fields(ctx: Services, body: Mapping[str, Any]) -> dict[str, Any]:
    """The stored form of a valid body (project still a reference), or 400 with every problem.

    The raw values are kept, not the typed model's: URLs stay exactly as written."""
    spec = _typed(body)
    condition = dict(body["condition"])
    actions = [_action(a) for a in body["actions"]]
    project_ref = body.get("project_id")
    problems = rule_problems(condition, project_ref, actions)
    for index, action in enumerate(actions):
        if action["type"] == "webhook":
            why = await creation_refusal(ctx.settings, action["url"])
            if why is not None:
                problems.append(Problem(f"actions.{index}.url", why))
    if problems:
        raise _invalid_body(problems)
    filters = dict(body.get("filters") or {})
    return {"name": spec.name, "project_ref": project_ref, "condition_type": condition["type"],
            "condition": condition, "filters": {k: filters.get(k) for k in FILTER_KEYS},
            "actions": actions, "cooldown_seconds": spec.cooldown_seconds,
            "enabled": spec.enabled}


def _resolve_project(conn: Connection, workspace_id: int, ref: str | None) -> str | None:
    if ref is None:
        return None
    found = find_project(conn, workspace_id, ref)
    if found is None:
        raise BadRequest(f"No project with id or slug {ref!r} in this workspace.",
                         code="invalid_project", details={
                             "field": "project_id", "location": "body",
                             "reason": "no such project"})
    return found.project_id


def _rule_not_found(rule_id: str) -> NotFound:
    return NotFound(f"No alert rule with id {rule_id!r} in this workspace.",
                    code="rule_not_found")


def _rule_view(row: Mapping[str, Any]) -> dict[str, Any]:
    return {"rule_id": row["rule_id"], "name": row["name"], "project_id": row["project_id"],
            "condition": row["condition"],
            "filters": {k: (row["filters"] or {}).get(k) for k in FILTER_KEYS},
            "actions": row["actions"], "cooldown_seconds": row["cooldown_seconds"],
            "enabled": bool(row["enabled"]), "created_at": row["created_at"],
            "updated_at": row["updated_at"]}


def _stored(fields: dict[str, Any], project_id: str | None) -> dict[str, Any]:
    return {k: v for k, v in fields.items() if k != "project_ref"} | {"project_id": project_id}


# ------------------------------------------------------------------------------ rules

async def create_rule(ctx: Services, principal: Principal,
                      body: Mapping[str, Any]) -> AlertRuleCreated:
    fields = await _rule_fields(ctx, body)
    now = ctx.clock()
    ws = principal.workspace_id
    secret = new_webhook_secret()

    def unit(conn: Connection) -> dict[str, Any]:
        project_id = _resolve_project(conn, ws, fields["project_ref"])
        row = {**_stored(fields, project_id), "rule_id": new_rule_id(), "workspace_id": ws,
               "webhook_secret": secret, "created_at": now, "updated_at": now}
        queries.insert_rule(conn, row)
        audit.record(conn, audit.Actor.of(principal), "alert_rule.created", "alert_rule",
                     row["rule_id"], diff(None, alert_rule_snapshot(row), ALERT_RULE_FIELDS), now)
        return row

    row = await ctx.db.write(unit)
    return AlertRuleCreated.model_validate({**_rule_view(row), "webhook_secret": secret})


async def get_rule(ctx: Services, principal: Principal, rule_id: str) -> AlertRule:
    row = await ctx.db.read(queries.get_rule, principal.workspace_id, rule_id)
    if row is None:
        raise _rule_not_found(rule_id)
    return AlertRule.model_validate(_rule_view(row))


async def update_rule(ctx: Services, principal: Principal, rule_id: str,
                      body: Mapping[str, Any]) -> AlertRule:
    fields = await _rule_fields(ctx, body)
    now = ctx.clock()
    ws = principal.workspace_id

    def unit(conn: Connection) -> dict[str, Any] | None:
        before = queries.get_rule(conn, ws, rule_id)
        if before is None:
            return None
        project_id = _resolve_project(conn, ws, fields["project_ref"])
        queries.replace_rule(conn, ws, rule_id, {**_stored(fields, project_id), "updated_at": now})
        after = queries.get_rule(conn, ws, rule_id)
        changed = diff(alert_rule_snapshot(before), after and alert_rule_snapshot(after),
                       ALERT_RULE_FIELDS)
        if changed:
            audit.record(conn, audit.Actor.of(principal), "alert_rule.updated", "alert_rule",
                         rule_id, changed, now)
        return after

    row = await ctx.db.write(unit)
    if row is None:
        raise _rule_not_found(rule_id)
    return AlertRule.model_validate(_rule_view(row))


async def delete_rule(ctx: Services, principal: Principal, rule_id: str) -> None:
    now = ctx.clock()
    ws = principal.workspace_id

    def unit(conn: Connection) -> bool:
        before = queries.get_rule(conn, ws, rule_id)
        if before is None or not queries.delete_rule(conn, ws, rule_id):
            return False
        audit.record(conn, audit.Actor.of(principal), "alert_rule.deleted", "alert_rule",
                     rule_id, diff(alert_rule_snapshot(before), None, ALERT_RULE_FIELDS), now)
        return True

    if not await ctx.db.write(unit):
        raise _rule_not_found(rule_id)


def _bad_cursor() -> BadRequest:
    return BadRequest("cursor is not valid for this query", details={
        "field": "cursor", "location": "query", "reason": "unrecognised cursor"})


def _int_str_key(cursor: str | None) -> tuple[int, str] | None:
    key = decode_cursor(cursor, RULES_SORT, 2)
    if key is None:
        return None
    if not (isinstance(key[0], int) and isinstance(key[1], str)):
        raise _bad_cursor()
    return key[0], key[1]


async def list_rules(ctx: Services, principal: Principal, *, project_id: str | None,
                     limit: int, cursor: str | None) -> AlertRulesPage:
    after = _int_str_key(cursor)
    ws = principal.workspace_id

    def unit(conn: Connection) -> list[dict[str, Any]]:
        project = None
        if project_id is not None:
            found = find_project(conn, ws, project_id)
            if found is None:  # an unknown project filter matches nothing
                return []
            project = found.project_id
        return queries.rules_page(conn, ws, project_id=project, after=after, limit=limit + 1)

    rows = await ctx.db.read(unit)
    page = paginate(rows, limit, RULES_SORT,
                    lambda r: (to_millis(r["created_at"]), r["rule_id"]))
    return AlertRulesPage(data=[AlertRule.model_validate(_rule_view(r)) for r in page.items],
                          pagination=Pagination(cursor=page.cursor, has_more=page.has_more))


# ------------------------------------------------------------------------------ history

def _delivery_view(row: Mapping[str, Any]) -> dict[str, Any]:
    # A claimed delivery is still pending as far as the reader is concerned.
    status = "pending" if row["status"] == "delivering" else row["status"]
    return {"action_type": row["action_type"], "target": row["target"], "status": status,
            "attempts": row["attempts"], "last_error": row["last_error"],
            "delivered_at": row["delivered_at"]}


def history_view(row: Mapping[str, Any], deliveries: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    return {
        "alert_id": row["alert_id"], "rule_id": row["rule_id"], "rule_name": row["rule_name"],
        "project_id": row["project_id"], "fired_at": row["fired_at"],
        "condition_type": row["condition_type"], "measured_value": float(row["measured_value"]),
        "threshold": float(row["threshold"]),
        "scope": {"agent_id": row["scope_agent_id"], "project_id": row["scope_project_id"],
                  "task_id": row["scope_task_id"]},
        "message": row["message"], "deliveries": [_delivery_view(d) for d in deliveries]}


def _history_key(cursor: str | None) -> tuple[int, int] | None:
    key = decode_cursor(cursor, HISTORY_SORT, 2)
    if key is None:
        return None
    if not all(isinstance(k, int) and not isinstance(k, bool) for k in key):
        raise _bad_cursor()
    return key[0], key[1]


async def list_history(ctx: Services, principal: Principal, *, project_id: str | None,
                       rule_id: str | None, since: str | None, until: str | None, limit: int,
                       cursor: str | None) -> AlertHistoryPage:
    start, end = time_window(since, until, now=ctx.clock())
    after = _history_key(cursor)
    ws = principal.workspace_id

    def unit(conn: Connection) -> tuple[list[dict[str, Any]], dict[str, list[dict[str, Any]]]]:
        project = None
        if project_id is not None:
            found = find_project(conn, ws, project_id)
            if found is None:
                return [], {}
            project = found.project_id
        rows = queries.history_page(conn, ws, project_id=project, rule_id=rule_id, since=start,
                                    until=end, after=after, limit=limit + 1)
        return rows, queries.deliveries_of(conn, [r["alert_id"] for r in rows[:limit]])

    rows, deliveries = await ctx.db.read(unit)
    page = paginate(rows, limit, HISTORY_SORT, lambda r: (to_millis(r["fired_at"]), r["seq"]))
    data = [AlertHistoryEntry.model_validate(history_view(r, deliveries.get(r["alert_id"], [])))
            for r in page.items]
    return AlertHistoryPage(data=data, pagination=Pagination(cursor=page.cursor,
                                                             has_more=page.has_more))
