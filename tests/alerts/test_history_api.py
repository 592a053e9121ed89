"""/v1/alerts/history: what fired, newest first, filtered and paged."""

from __future__ import annotations

from typing import Any

import httpx

from hiveboard.alerts.runtime import AlertRuntime
from hiveboard.store.database import Database
from tests.alerts.helpers import at, call, create_rule, ingest, task_end
from tests.conftest import FakeClock, Keys, make_keys

HISTORY = "/v1/alerts/history"
FAILED_ONCE = {"type": "task_failed", "count": 1, "window_seconds": 3600}


async def _page(client: httpx.AsyncClient, keys: Keys, kind: str = "live",
                **params: Any) -> dict[str, Any]:
    resp = await call(client, keys, "GET", HISTORY, kind=kind, **params)
    assert resp.status_code == 200, resp.text
    body: dict[str, Any] = resp.json()
    return body


async def _setup(client: httpx.AsyncClient, keys: Keys, runtime: AlertRuntime,
                 clock: FakeClock) -> dict[str, Any]:
    """Six firings, one a minute: rules `wide` (every failure) and `sales` (sales only)."""
    await client.post("/v1/projects", json={"name": "S", "slug": "sales"}, headers=keys.auth())
    await client.post("/v1/projects", json={"name": "O", "slug": "ops"}, headers=keys.auth())
    # A short window: each of its firings is about one failure, hence one project.
    wide = await create_rule(client, keys, {**FAILED_ONCE, "window_seconds": 30}, name="wide")
    sales = await create_rule(client, keys, FAILED_ONCE, name="sales", project_id="sales")
    for i, project in enumerate(("ops", "sales", "ops", "sales")):
        if i:
            clock.advance(60)
        await ingest(client, keys, *task_end(f"t{i}", i * 60, project=project))
        await runtime.evaluator.evaluate_pending()
    return {"wide": wide["rule_id"], "sales": sales["rule_id"]}


async def test_entries_carry_what_was_measured(client: httpx.AsyncClient, api_keys: Keys,
                                               runtime: AlertRuntime, clock: FakeClock):
    rules = await _setup(client, api_keys, runtime, clock)
    data = (await _page(client, api_keys))["data"]
    assert len(data) == 6
    assert [e["fired_at"] for e in data] == sorted((e["fired_at"] for e in data), reverse=True)
    newest = data[0]
    assert newest["condition_type"] == "task_failed" and newest["threshold"] == 1
    assert newest["scope"]["agent_id"] == "agent-1" and newest["scope"]["task_id"] is None
    assert newest["deliveries"][0]["status"] == "pending"
    assert {e["rule_id"] for e in data} == set(rules.values())


async def test_filters(client: httpx.AsyncClient, api_keys: Keys, runtime: AlertRuntime,
                       clock: FakeClock, database: Database):
    rules = await _setup(client, api_keys, runtime, clock)
    by_rule = (await _page(client, api_keys, rule_id=rules["sales"]))["data"]
    assert len(by_rule) == 2 and {e["rule_name"] for e in by_rule} == {"sales"}
    # since is inclusive, until exclusive: firings at +60 s and +120 s.
    window = (await _page(client, api_keys, since=at(60), until=at(180)))["data"]
    assert sorted(e["fired_at"] for e in window) == [at(60)] * 2 + [at(120)]
    # The sales project: its own rule's alerts, and workspace-wide alerts about it.
    sales = (await _page(client, api_keys, project_id="sales"))["data"]
    assert len(sales) == 4
    sales_id = next(e["project_id"] for e in sales if e["rule_name"] == "sales")
    assert {e["scope"]["project_id"] for e in sales} == {sales_id}
    assert (await _page(client, api_keys, project_id="nope"))["data"] == []
    assert (await _page(client, api_keys, rule_id="rule_none"))["data"] == []
    bad = await call(client, api_keys, "GET", HISTORY, since=at(10), until=at(0))
    assert bad.status_code == 400 and bad.json()["error"] == "invalid_parameter"


async def test_pages_are_stable_while_alerts_fire(client: httpx.AsyncClient, api_keys: Keys,
                                                  runtime: AlertRuntime, clock: FakeClock):
    await _setup(client, api_keys, runtime, clock)
    seen: list[str] = []
    params: dict[str, Any] = {"limit": 4}
    while True:
        page = await _page(client, api_keys, **params)
        seen += [e["alert_id"] for e in page["data"]]
        if len(seen) == 4:  # a newer firing must not shift the pages being read
            clock.advance(60)
            await ingest(client, api_keys, *task_end("late", 300))
            await runtime.evaluator.evaluate_pending()
        if not page["pagination"]["has_more"]:
            break
        params["cursor"] = page["pagination"]["cursor"]
    assert len(seen) == len(set(seen)) == 6
    assert len((await _page(client, api_keys, limit=200))["data"]) == 7
    bad = await call(client, api_keys, "GET", HISTORY, cursor="e30")
    assert bad.status_code == 400


async def test_history_is_per_workspace(client: httpx.AsyncClient, api_keys: Keys,
                                        runtime: AlertRuntime, clock: FakeClock,
                                        database: Database):
    await _setup(client, api_keys, runtime, clock)
    assert (await _page(client, api_keys, kind="test"))["data"] == []
    other = make_keys(database, "other")
    assert (await _page(client, other))["data"] == []
    assert len((await _page(client, api_keys, kind="read"))["data"]) == 6
