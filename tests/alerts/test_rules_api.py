"""/v1/alerts/rules: create, read, replace, delete, list; validation; keys and tenants."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from hiveboard.store.database import Database
from tests.alerts.helpers import HOOK, call, create_rule, rule_body
from tests.conftest import Keys, make_keys

RULES = "/v1/alerts/rules"


async def test_create_returns_the_secret_once(client: httpx.AsyncClient, api_keys: Keys):
    created = await create_rule(client, api_keys, name="stuck", cooldown_seconds=120,
                                filters={"environment": "production"})
    assert created["webhook_secret"].startswith("whsec_")
    assert created["rule_id"].startswith("rule_")
    assert created["filters"] == {"environment": "production", "agent_id": None, "group": None}
    assert created["actions"] == [{"type": "webhook", "url": HOOK, "headers": {}}]
    assert created["enabled"] is True and created["project_id"] is None
    got = await call(client, api_keys, "GET", f"{RULES}/{created['rule_id']}")
    assert got.status_code == 200
    assert "webhook_secret" not in got.json()
    assert got.json() == {k: v for k, v in created.items() if k != "webhook_secret"}
    listed = await call(client, api_keys, "GET", RULES)
    assert [r["rule_id"] for r in listed.json()["data"]] == [created["rule_id"]]
    assert "webhook_secret" not in listed.json()["data"][0]


async def test_defaults_apply(client: httpx.AsyncClient, api_keys: Keys):
    body = {"name": "n", "condition": {"type": "heartbeat_lost", "agent_id": "a"},
            "actions": [{"type": "email", "to": ["ops@acme.com"]}]}
    resp = await call(client, api_keys, "POST", RULES, body)
    assert resp.status_code == 201, resp.text
    assert resp.json()["cooldown_seconds"] == 300 and resp.json()["enabled"] is True


BAD_BODIES: list[tuple[dict[str, Any], str]] = [
    ({"condition": {"type": "agent_stuck"}}, "condition.threshold_seconds"),
    ({"condition": {"type": "agent_stuck", "threshold_seconds": 0}}, "condition.threshold_seconds"),
    ({"condition": {"type": "agent_stuck", "threshold_seconds": "5"}},
     "condition.threshold_seconds"),
    ({"condition": {"type": "task_failed", "window_seconds": 60}}, "condition.count"),
    ({"condition": {"type": "task_failed", "count": 3, "window_seconds": 0}},
     "condition.window_seconds"),
    ({"condition": {"type": "error_rate", "threshold_percent": 101, "window_seconds": 60}},
     "condition.threshold_percent"),
    ({"condition": {"type": "error_rate", "threshold_percent": 5}}, "condition.window_seconds"),
    ({"condition": {"type": "duration_exceeded", "threshold_ms": 1.5}}, "condition.threshold_ms"),
    ({"condition": {"type": "heartbeat_lost"}}, "condition.agent_id"),
    ({"condition": {"type": "heartbeat_lost", "agent_id": ""}}, "condition.agent_id"),
    ({"condition": {"type": "cost_threshold", "threshold_usd": 0, "window_hours": 24,
                    "scope": "tenant"}}, "condition.threshold_usd"),
    ({"condition": {"type": "cost_threshold", "threshold_usd": 5, "window_hours": 24,
                    "scope": "galaxy"}}, "condition.scope"),
    ({"condition": {"type": "cost_threshold", "threshold_usd": 5, "window_hours": 24,
                    "scope": "agent"}}, "condition.agent_id"),
    ({"condition": {"type": "cost_threshold", "threshold_usd": 5, "window_hours": 24,
                    "scope": "project"}}, "project_id"),
    ({"condition": {"type": "agent_stuck", "threshold_seconds": 5, "extra": 1}},
     "condition.extra"),
    ({"condition": {"type": "nope"}}, "condition.type"),
    ({"condition": {"threshold_seconds": 5}}, "condition.type"),
    ({"actions": []}, "actions"),
    ({"actions": [{"type": "webhook", "url": "ftp://example.com/x"}]}, "actions.0.url"),
    ({"actions": [{"type": "email", "to": ["not-an-address"]}]}, "actions.0.to.0"),
    ({"actions": [{"type": "pager"}]}, "actions.0.type"),
    ({"actions": [{"type": "webhook", "url": HOOK,
                   "headers": {"X-HiveBoard-Signature": "x"}}]},
     "actions.0.headers.X-HiveBoard-Signature"),
    ({"actions": [{"type": "webhook", "url": HOOK, "headers": {"Bad Name": "x"}}]},
     "actions.0.headers.Bad Name"),
    ({"cooldown_seconds": -1}, "cooldown_seconds"),
    ({"filters": {"environment": "production", "team": "x"}}, "filters.team"),
    ({"name": ""}, "name"),
]


@pytest.mark.parametrize(("fields", "field"), BAD_BODIES)
async def test_invalid_bodies_name_the_field(client: httpx.AsyncClient, api_keys: Keys,
                                             fields: dict[str, Any], field: str):
    for method, path in (("POST", RULES), ("PUT", None)):
        if path is None:
            rule = await create_rule(client, api_keys)
            path = f"{RULES}/{rule['rule_id']}"
        resp = await call(client, api_keys, method, path, rule_body(**fields))
        assert resp.status_code == 400, resp.text
        body = resp.json()
        assert body["error"] == "invalid_body"
        assert body["details"]["field"] == field, body
        assert field in [e["field"] for e in body["details"]["errors"]]


async def test_unknown_project_is_invalid_project(client: httpx.AsyncClient, api_keys: Keys):
    resp = await call(client, api_keys, "POST", RULES, rule_body(project_id="nowhere"))
    assert resp.status_code == 400
    assert resp.json()["error"] == "invalid_project"
    assert resp.json()["details"]["field"] == "project_id"


async def test_project_by_slug_is_stored_as_id(client: httpx.AsyncClient, api_keys: Keys):
    project = (await call(client, api_keys, "POST", "/v1/projects",
                          {"name": "Sales", "slug": "sales"})).json()
    rule = await create_rule(client, api_keys, project_id="sales")
    assert rule["project_id"] == project["project_id"]
    cost = {"type": "cost_threshold", "threshold_usd": 5, "window_hours": 24, "scope": "project"}
    assert (await create_rule(client, api_keys, cost, project_id="sales"))["project_id"]


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE"])
async def test_unknown_rule_is_404(client: httpx.AsyncClient, api_keys: Keys, method: str):
    body = rule_body() if method == "PUT" else None
    resp = await call(client, api_keys, method, f"{RULES}/rule_missing", body)
    assert resp.status_code == 404
    assert resp.json()["error"] == "rule_not_found"


async def test_read_key_reads_but_cannot_write(client: httpx.AsyncClient, api_keys: Keys):
    rule = await create_rule(client, api_keys)
    path = f"{RULES}/{rule['rule_id']}"
    for method, url, body in (("POST", RULES, rule_body()), ("PUT", path, rule_body()),
                              ("DELETE", path, None)):
        resp = await call(client, api_keys, method, url, body, kind="read")
        assert resp.status_code == 403, (method, resp.text)
        assert resp.json()["error"] == "read_only_key"
    assert (await call(client, api_keys, "GET", path, kind="read")).status_code == 200
    assert (await call(client, api_keys, "GET", "/v1/alerts/history", kind="read")
            ).status_code == 200


async def test_test_keys_and_other_tenants_see_only_their_rules(
        client: httpx.AsyncClient, api_keys: Keys, database: Database):
    live = await create_rule(client, api_keys, name="live")
    test = await create_rule(client, api_keys, name="test", kind="test")
    other = make_keys(database, "other")
    for keys, kind, mine, foreign in ((api_keys, "live", live, test),
                                      (api_keys, "test", test, live),
                                      (other, "live", None, live)):
        listed = await call(client, keys, "GET", RULES, kind=kind)
        assert [r["rule_id"] for r in listed.json()["data"]] == ([mine["rule_id"]] if mine
                                                                 else [])
        for method in ("GET", "DELETE"):
            resp = await call(client, keys, method, f"{RULES}/{foreign['rule_id']}", kind=kind)
            assert resp.status_code == 404


async def test_put_replaces_and_keeps_secret_and_creation(
        client: httpx.AsyncClient, api_keys: Keys, clock: Any):
    rule = await create_rule(client, api_keys, filters={"group": "g"}, cooldown_seconds=30)
    clock.advance(60)
    body = {"name": "renamed", "condition": {"type": "error_rate", "threshold_percent": 10,
                                             "window_seconds": 900},
            "actions": [{"type": "email", "to": ["ops@acme.com"]}], "enabled": False}
    resp = await call(client, api_keys, "PUT", f"{RULES}/{rule['rule_id']}", body)
    assert resp.status_code == 200, resp.text
    got = resp.json()
    assert got["name"] == "renamed" and got["enabled"] is False
    assert got["filters"] == {"environment": None, "agent_id": None, "group": None}
    assert got["cooldown_seconds"] == 300  # omitted fields take their defaults
    assert got["created_at"] == rule["created_at"] and got["updated_at"] != rule["updated_at"]
    assert "webhook_secret" not in got


async def test_delete(client: httpx.AsyncClient, api_keys: Keys):
    rule = await create_rule(client, api_keys)
    path = f"{RULES}/{rule['rule_id']}"
    assert (await call(client, api_keys, "DELETE", path)).status_code == 204
    assert (await call(client, api_keys, "GET", path)).status_code == 404
    assert (await call(client, api_keys, "DELETE", path)).status_code == 404


async def test_list_pages_oldest_first_without_gaps(client: httpx.AsyncClient, api_keys: Keys,
                                                    clock: Any):
    made = []
    for i in range(7):
        made.append((await create_rule(client, api_keys, name=f"r{i}"))["rule_id"])
        if i % 2:
            clock.advance(1)  # some share a created_at: the id breaks the tie
    seen: list[str] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"limit": 3}
        if cursor:
            params["cursor"] = cursor
        page = (await call(client, api_keys, "GET", RULES, **params)).json()
        seen += [r["rule_id"] for r in page["data"]]
        if len(seen) == 3:  # a rule created between pages shows up at the end, once
            made.append((await create_rule(client, api_keys, name="late"))["rule_id"])
        cursor = page["pagination"]["cursor"]
        if not page["pagination"]["has_more"]:
            assert cursor is None
            break
    assert len(seen) == len(set(seen)) == 8
    assert set(seen) == set(made)
    bad = await call(client, api_keys, "GET", RULES, cursor="garbage")
    assert bad.status_code == 400 and bad.json()["details"]["field"] == "cursor"


async def test_list_by_project_includes_workspace_wide(client: httpx.AsyncClient,
                                                       api_keys: Keys):
    for slug in ("sales", "support"):
        await call(client, api_keys, "POST", "/v1/projects", {"name": slug, "slug": slug})
    wide = await create_rule(client, api_keys, name="wide")
    sales = await create_rule(client, api_keys, name="sales", project_id="sales")
    await create_rule(client, api_keys, name="support", project_id="support")
    listed = await call(client, api_keys, "GET", RULES, project_id="sales")
    assert {r["rule_id"] for r in listed.json()["data"]} == {wide["rule_id"], sales["rule_id"]}
    unknown = await call(client, api_keys, "GET", RULES, project_id="nope")
    assert unknown.status_code == 200 and unknown.json()["data"] == []


async def test_deleting_a_project_deletes_its_rules(client: httpx.AsyncClient, api_keys: Keys):
    await call(client, api_keys, "POST", "/v1/projects", {"name": "Sales", "slug": "sales"})
    wide = await create_rule(client, api_keys, name="wide")
    scoped = await create_rule(client, api_keys, name="scoped", project_id="sales")
    assert (await call(client, api_keys, "DELETE", "/v1/projects/sales")).status_code == 204
    assert (await call(client, api_keys, "GET", f"{RULES}/{scoped['rule_id']}")).status_code == 404
    assert (await call(client, api_keys, "GET", f"{RULES}/{wide['rule_id']}")).status_code == 200
