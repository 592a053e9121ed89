"""/v1/agents and /v1/agents/{agent_id}: derived health, filters, sorts, pagination, stats.

Every scenario is built from real ingested events, with time moved by the FakeClock (the app's
"now" starts at 2026-02-10T14:00:00.000Z). Audit checks covered: 2.1.1 (page shape), 2.1.2 / W4
(`status` next to `derived_status`), 2.1.3-2.1.5 (status values, stuck detection, heartbeat
age), 2.1.6 (project filter), 2.1.7 (attention sort), 2.1.8 / F2 (stats_1h, queue_depth,
issue_count populated), W3 (status by event time, not batch order), F12 (test/live isolation).
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

import httpx
import pytest

from hiveboard.services.pagination import encode_cursor
from tests.api.factories import batch, event
from tests.api.helpers import projects
from tests.conftest import FakeClock, Keys, make_keys

MIN = 60
HOUR = 3600


# ---------------------------------------------------------------------------- helpers

def at(clock: FakeClock, seconds: float = 0) -> str:
    """An RFC 3339 timestamp ``seconds`` from the clock's now (negative: in the past)."""
    return (clock.now + timedelta(seconds=seconds)).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def parse(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def ev(clock: FakeClock, event_type: str, t: float = 0, **fields: Any) -> dict[str, Any]:
    """An event ``t`` seconds from now; severity left to the server's defaults."""
    return event(event_type=event_type, timestamp=at(clock, t), severity=..., **fields)


def custom(clock: FakeClock, kind: str, data: Any, t: float = 0, summary: str = "s",
           **fields: Any) -> dict[str, Any]:
    return ev(clock, "custom", t, payload={"kind": kind, "summary": summary, "data": data},
              **fields)


def registered(clock: FakeClock, t: float = 0, threshold: int | None = None) -> dict[str, Any]:
    data = {} if threshold is None else {"stuck_threshold": threshold}
    return ev(clock, "agent_registered", t, payload={"summary": "up", "data": data})


def llm(clock: FakeClock, t: float, cost: float | None, **fields: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"name": "call", "model": "m1", "tokens_in": 10, "tokens_out": 5}
    if cost is not None:
        data["cost"] = cost
    return custom(clock, "llm_call", data, t, **fields)


async def ingest(client: httpx.AsyncClient, keys: Keys, *events: dict[str, Any],
                 agent_id: str = "agent-1", kind: str = "live", **envelope: Any) -> None:
    body = batch(*events, agent_id=agent_id, **envelope)
    resp = await client.post("/v1/ingest", content=json.dumps(body).encode(),
                             headers={**keys.auth(kind), "Content-Type": "application/json"})
    assert resp.status_code == 200, resp.text


async def get(client: httpx.AsyncClient, keys: Keys, path: str, kind: str = "live",
              expect: int = 200, **params: Any) -> Any:
    resp = await client.get(path, params=params, headers=keys.auth(kind))
    assert resp.status_code == expect, resp.text
    return resp.json()


async def listed(client: httpx.AsyncClient, keys: Keys, kind: str = "live",
                 **params: Any) -> list[dict[str, Any]]:
    body = await get(client, keys, "/v1/agents", kind=kind, limit=200, **params)
    assert body["pagination"] == {"cursor": None, "has_more": False}
    rows: list[dict[str, Any]] = body["data"]
    return rows


async def card(client: httpx.AsyncClient, keys: Keys, agent_id: str = "agent-1",
               **params: Any) -> dict[str, Any]:
    rows = [row for row in await listed(client, keys, **params) if row["agent_id"] == agent_id]
    assert len(rows) == 1, f"{agent_id} listed {len(rows)} times"
    return rows[0]


def ids(rows: list[dict[str, Any]]) -> list[str]:
    return [row["agent_id"] for row in rows]


def project_id(database: Any, slug: str) -> str:
    return next(p["project_id"] for p in projects(database) if p["slug"] == slug)


def assert_error(resp_body: dict[str, Any], code: str) -> None:
    assert set(resp_body) == {"error", "message", "status", "details"}
    assert resp_body["error"] == code and resp_body["message"]


# ------------------------------------------------------------------- status cascade

@pytest.mark.parametrize(
    ("last", "status"),
    [
        ("task_started", "processing"), ("action_started", "processing"),
        ("retry_started", "processing"), ("approval_received", "processing"),
        ("task_failed", "error"), ("action_failed", "error"),
        ("approval_requested", "waiting_approval"),
        ("task_completed", "idle"), ("action_completed", "idle"), ("escalated", "idle"),
        ("agent_registered", "idle"),
    ],
)
async def test_status_follows_the_latest_status_bearing_event(client, api_keys, clock, last,
                                                              status):
    # A heartbeat and a custom event after it must not change the status (audit W3).
    await ingest(client, api_keys, registered(clock, -20), ev(clock, "task_started", -15, task_id="t0"),
                 ev(clock, last, -10, task_id="t1"), ev(clock, "heartbeat", -5),
                 llm(clock, -2, 0.1))
    row = await card(client, api_keys)
    assert row["status"] == row["derived_status"] == status  # audit 2.1.2 / W4
    assert row["is_stuck"] is False


async def test_status_is_by_event_time_not_batch_order(client, api_keys, clock):
    await ingest(client, api_keys, ev(clock, "task_started", -10, task_id="t1"),
                 ev(clock, "task_completed", -30, task_id="t0"), ev(clock, "heartbeat", -1))
    assert (await card(client, api_keys))["status"] == "processing"
    # A later batch carrying an older event does not win either (audit W3).
    await ingest(client, api_keys, ev(clock, "approval_requested", -60, task_id="t0"))
    assert (await card(client, api_keys))["status"] == "processing"


async def test_stuck_after_the_agents_own_threshold_and_recovery_on_heartbeat(client, api_keys,
                                                                              clock):
    await ingest(client, api_keys, registered(clock, 0, threshold=60), ev(clock, "heartbeat"),
                 ev(clock, "task_started", 0, task_id="t1"))
    row = await card(client, api_keys)
    assert (row["status"], row["stuck_threshold_seconds"], row["heartbeat_age_seconds"]) == (
        "processing", 60, 0.0)
    clock.advance(60)  # exactly the threshold: not yet stuck
    assert (await card(client, api_keys))["status"] == "processing"
    clock.advance(1)
    row = await card(client, api_keys)
    # Stuck wins over processing; 61s is far below the default 300, so the agent's own
    # registered threshold applied.
    assert (row["status"], row["is_stuck"], row["heartbeat_age_seconds"]) == ("stuck", True, 61.0)
    await ingest(client, api_keys, ev(clock, "heartbeat"))
    row = await card(client, api_keys)
    assert (row["status"], row["is_stuck"], row["heartbeat_age_seconds"]) == (
        "processing", False, 0.0)


async def test_fresh_registration_is_not_stuck_but_one_that_never_beats_becomes_stuck(
        client, api_keys, clock):
    await ingest(client, api_keys, registered(clock))
    row = await card(client, api_keys)
    assert (row["status"], row["last_heartbeat"], row["heartbeat_age_seconds"]) == (
        "idle", None, None)
    assert row["stuck_threshold_seconds"] == 300  # none registered: the default
    clock.advance(301)
    row = await card(client, api_keys)
    assert (row["status"], row["is_stuck"], row["heartbeat_age_seconds"]) == ("stuck", True, None)


async def test_default_threshold_for_agents_known_only_from_heartbeats(client, api_keys, clock):
    await ingest(client, api_keys, ev(clock, "heartbeat", -301), agent_id="silent")
    await ingest(client, api_keys, ev(clock, "heartbeat", -299), agent_id="alive")
    await ingest(client, api_keys, ev(clock, "task_started", -10, task_id="t"),
                 agent_id="no-heartbeat")
    by_id = {row["agent_id"]: row for row in await listed(client, api_keys)}
    assert by_id["silent"]["status"] == "stuck" and by_id["alive"]["status"] == "idle"
    assert by_id["silent"]["heartbeat_age_seconds"] == 301.0
    # Never a heartbeat nor a registration: measured from its first event.
    assert by_id["no-heartbeat"]["status"] == "processing"
    clock.advance(300)
    assert (await card(client, api_keys, "no-heartbeat"))["status"] == "stuck"


async def test_current_task_is_the_open_last_task(client, api_keys, clock, database):
    await ingest(client, api_keys, ev(clock, "task_started", -10, task_id="t1",
                                      project_id="alpha"))
    row = await card(client, api_keys)
    alpha = project_id(database, "alpha")
    assert (row["current_task_id"], row["current_project_id"]) == ("t1", alpha)
    await ingest(client, api_keys, ev(clock, "task_completed", -5, task_id="t1",
                                      project_id="alpha"))
    row = await card(client, api_keys)
    assert (row["current_task_id"], row["current_project_id"]) == (None, alpha)


# ------------------------------------------------------------------------- filters

async def fleet(client: httpx.AsyncClient, keys: Keys, clock: FakeClock) -> None:
    await ingest(client, keys, ev(clock, "heartbeat"),
                 ev(clock, "task_started", -5, task_id="a1-t", project_id="alpha"),
                 agent_id="a1", environment="production", group="sales", agent_type="sales")
    await ingest(client, keys, ev(clock, "heartbeat"),
                 ev(clock, "task_failed", -5, task_id="a2-t", project_id="beta"),
                 agent_id="a2", environment="staging", group="support", agent_type="support")
    await ingest(client, keys, ev(clock, "heartbeat"),
                 ev(clock, "task_completed", -9, task_id="a3-t1", project_id="alpha"),
                 ev(clock, "task_completed", -5, task_id="a3-t2", project_id="beta"),
                 agent_id="a3", environment="production", group="support", agent_type="sales")


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, {"a1", "a2", "a3"}),
        ({"environment": "staging"}, {"a2"}),
        ({"group": "support"}, {"a2", "a3"}),
        ({"agent_type": "sales"}, {"a1", "a3"}),
        ({"status": "error"}, {"a2"}),
        ({"status": "error,processing"}, {"a1", "a2"}),
        ({"status": ["idle", "processing"]}, {"a1", "a3"}),
        ({"status": "stuck"}, set()),
        ({"project_id": "alpha"}, {"a1", "a3"}),
        ({"project_id": "beta", "group": "support"}, {"a2", "a3"}),
        ({"project_id": "alpha", "environment": "production", "agent_type": "sales",
          "status": "idle"}, {"a3"}),
        ({"project_id": "no-such-project"}, set()),
        ({"environment": "nowhere"}, set()),
    ],
)
async def test_filters(client, api_keys, clock, params, expected):
    await fleet(client, api_keys, clock)
    assert set(ids(await listed(client, api_keys, **params))) == expected


async def test_project_filter_takes_the_id_or_the_slug_and_cards_list_memberships(
        client, api_keys, clock, database):
    await fleet(client, api_keys, clock)
    alpha, beta = project_id(database, "alpha"), project_id(database, "beta")
    by_slug = await listed(client, api_keys, project_id="alpha")
    assert by_slug == await listed(client, api_keys, project_id=alpha)
    assert (await card(client, api_keys, "a3"))["projects"] == sorted([alpha, beta])
    assert (await card(client, api_keys, "a1"))["projects"] == [alpha]


@pytest.mark.parametrize(
    "params",
    [{"status": "offline"}, {"sort": "newest"}, {"limit": 0}, {"limit": 201},
     {"environment": ""}, {"bogus": "1"}],
)
async def test_bad_parameters_are_400(client, api_keys, params):
    body = await get(client, api_keys, "/v1/agents", expect=400, **params)
    assert_error(body, "invalid_parameter")
    assert body["details"]["location"] == "query"


# ------------------------------------------------------------------ sorts and pages

async def mixed_fleet(client: httpx.AsyncClient, keys: Keys, clock: FakeClock) -> None:
    """Two agents of each urgency, last seen at distinct times."""
    await ingest(client, keys, ev(clock, "heartbeat", -400), agent_id="stuck-old")
    await ingest(client, keys, registered(clock, -1000, threshold=60),
                 ev(clock, "task_started", -30, task_id="s"), agent_id="stuck-busy")
    await ingest(client, keys, ev(clock, "heartbeat", -3),
                 ev(clock, "action_failed", -40, task_id="e1"), agent_id="err-b")
    await ingest(client, keys, ev(clock, "heartbeat", -2),
                 ev(clock, "task_failed", -50, task_id="e2"), agent_id="err-a")
    await ingest(client, keys, ev(clock, "heartbeat", -60),
                 ev(clock, "approval_requested", -70, task_id="w"), agent_id="waiter")
    await ingest(client, keys, ev(clock, "heartbeat", -8),
                 ev(clock, "task_started", -20, task_id="p"), agent_id="busy")
    await ingest(client, keys, ev(clock, "heartbeat", -7), agent_id="idle-z")
    await ingest(client, keys, ev(clock, "heartbeat", -7), agent_id="idle-a")
    await ingest(client, keys, ev(clock, "heartbeat", -90), agent_id="idle-m")


ORDERS = {
    # Urgency first, then last_seen newest first, then agent_id.
    "attention": ["stuck-busy", "stuck-old", "err-a", "err-b", "waiter", "busy", "idle-a",
                  "idle-z", "idle-m"],
    "name": ["busy", "err-a", "err-b", "idle-a", "idle-m", "idle-z", "stuck-busy", "stuck-old",
             "waiter"],
    "last_seen": ["err-a", "err-b", "idle-a", "idle-z", "busy", "stuck-busy", "waiter",
                  "idle-m", "stuck-old"],
}


@pytest.mark.parametrize("sort", sorted(ORDERS))
async def test_sorts(client, api_keys, clock, sort):
    await mixed_fleet(client, api_keys, clock)
    assert ids(await listed(client, api_keys, sort=sort)) == ORDERS[sort]


async def test_attention_is_the_default_sort(client, api_keys, clock):
    await mixed_fleet(client, api_keys, clock)
    rows = await listed(client, api_keys)
    assert ids(rows) == ORDERS["attention"]  # audit 2.1.7
    assert [r["status"] for r in rows][:6] == [
        "stuck", "stuck", "error", "error", "waiting_approval", "processing"]


async def walk(client: httpx.AsyncClient, keys: Keys, limit: int, between: Any = None,
               **params: Any) -> list[str]:
    seen: list[str] = []
    cursor = None
    for _ in range(50):
        page = await get(client, keys, "/v1/agents", limit=limit,
                         **({"cursor": cursor} if cursor else {}), **params)
        assert len(page["data"]) <= limit
        seen += ids(page["data"])
        cursor = page["pagination"]["cursor"]
        assert (cursor is not None) == page["pagination"]["has_more"]
        if cursor is None:
            return seen
        if between is not None:
            await between()
            between = None
    raise AssertionError("pagination did not end")


@pytest.mark.parametrize("sort", sorted(ORDERS))
@pytest.mark.parametrize("limit", [1, 4, 9])
async def test_pagination_walks_every_agent_once(client, api_keys, clock, sort, limit):
    await mixed_fleet(client, api_keys, clock)
    assert await walk(client, api_keys, limit, sort=sort) == ORDERS[sort]


async def test_pagination_with_a_filter(client, api_keys, clock):
    await mixed_fleet(client, api_keys, clock)
    assert await walk(client, api_keys, 1, status="stuck,idle", sort="name") == [
        "idle-a", "idle-m", "idle-z", "stuck-busy", "stuck-old"]


async def test_pages_are_stable_when_agents_arrive_between_pages(client, api_keys, clock):
    await mixed_fleet(client, api_keys, clock)

    async def arrive() -> None:
        await ingest(client, api_keys, ev(clock, "heartbeat"), agent_id="aaa-new")
        await ingest(client, api_keys, ev(clock, "heartbeat"), agent_id="zzz-new")

    seen = await walk(client, api_keys, 3, between=arrive, sort="name")
    # The one sorting before the cursor is not shown, the one after it is; nothing repeats
    # and nothing already there is skipped.
    assert seen == [*ORDERS["name"], "zzz-new"]


@pytest.mark.parametrize(
    "cursor",
    [
        "garbage!",
        encode_cursor("agents.name", ["busy"]),  # another sort's cursor
        encode_cursor("agents.attention", ["x", 0, "busy"]),  # wrong types
        encode_cursor("agents.attention", [True, 0, "busy"]),
        encode_cursor("events.newest", [0, 1]),
    ],
)
async def test_foreign_or_tampered_cursors_are_400(client, api_keys, clock, cursor):
    await mixed_fleet(client, api_keys, clock)
    body = await get(client, api_keys, "/v1/agents", expect=400, cursor=cursor)
    assert_error(body, "invalid_parameter")
    assert body["details"]["field"] == "cursor"


# -------------------------------------------------------------------------- stats

async def known_hour(client: httpx.AsyncClient, keys: Keys, clock: FakeClock) -> None:
    """Tasks and LLM calls whose stats are worked out by hand in the tests below."""
    alpha = {"project_id": "alpha"}
    beta = {"project_id": "beta"}
    await ingest(
        client, keys, ev(clock, "heartbeat"),
        # A: completed 13:20 after 1s, in alpha, with a 0.01 call.
        ev(clock, "task_started", -50 * MIN, task_id="A", **alpha),
        llm(clock, -45 * MIN, 0.01, task_id="A", **alpha),
        ev(clock, "task_completed", -40 * MIN, task_id="A", duration_ms=1000, **alpha),
        # B: completed 13:40 after 3s, in alpha.
        ev(clock, "task_started", -30 * MIN, task_id="B", **alpha),
        ev(clock, "task_completed", -20 * MIN, task_id="B", duration_ms=3000, **alpha),
        # C: failed 13:50, in alpha.
        ev(clock, "task_started", -12 * MIN, task_id="C", **alpha),
        ev(clock, "task_failed", -10 * MIN, task_id="C", duration_ms=500, **alpha),
        # D: failed, retried, completed 13:55 after 2s, in beta: a success.
        ev(clock, "task_started", -16 * MIN, task_id="D", **beta),
        ev(clock, "task_failed", -15 * MIN, task_id="D", duration_ms=400, **beta),
        llm(clock, -14 * MIN, 0.02, task_id="D", **beta),
        ev(clock, "task_completed", -5 * MIN, task_id="D", duration_ms=2000, **beta),
        # E: completed before the hour; F: still open.
        ev(clock, "task_started", -80 * MIN, task_id="E", **alpha),
        ev(clock, "task_completed", -70 * MIN, task_id="E", duration_ms=99_999, **alpha),
        ev(clock, "task_started", -3 * MIN, task_id="F", **alpha),
        # Calls: one agent-level without a cost, one too old.
        llm(clock, -1 * MIN, None),
        llm(clock, -61 * MIN, 1.0),
        agent_id="worker")


async def test_stats_1h_against_hand_computed_values(client, api_keys, clock):
    await known_hour(client, api_keys, clock)
    row = await card(client, api_keys, "worker")
    stats = row["stats_1h"]
    assert stats.pop("total_cost") == pytest.approx(0.03)
    assert stats == {"tasks_completed": 3, "tasks_failed": 1, "success_rate": 0.75,
                     "avg_duration_ms": 2000.0, "llm_call_count": 3, "throughput": 3}
    # 5-minute buckets from 13:00: A at 13:20, B 13:40, C 13:50, D 13:55.
    assert row["sparkline_1h"] == [0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 1]


@pytest.mark.parametrize(
    ("project", "stats", "sparkline"),
    [
        ("alpha", {"tasks_completed": 2, "tasks_failed": 1, "success_rate": 2 / 3,
                   "avg_duration_ms": 2000.0, "total_cost": 0.01, "llm_call_count": 1,
                   "throughput": 2}, [0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 0]),
        ("beta", {"tasks_completed": 1, "tasks_failed": 0, "success_rate": 1.0,
                  "avg_duration_ms": 2000.0, "total_cost": 0.02, "llm_call_count": 1,
                  "throughput": 1}, [0] * 11 + [1]),
        ("default", {"tasks_completed": 0, "tasks_failed": 0, "success_rate": None,
                     "avg_duration_ms": None, "total_cost": None, "llm_call_count": 0,
                     "throughput": 0}, [0] * 12),
    ],
)
async def test_project_scopes_stats_but_never_health(client, api_keys, clock, database,
                                                     project, stats, sparkline):
    await known_hour(client, api_keys, clock)
    await ingest(client, api_keys, ev(clock, "task_started", -1, task_id="G", project_id="beta"),
                 agent_id="worker")
    everywhere = await card(client, api_keys, "worker")
    if project == "default":  # a member of the default project through a manual add
        await ingest(client, api_keys, ev(clock, "heartbeat", -1, project_id="default"),
                     agent_id="worker")
    scoped = await card(client, api_keys, "worker", project_id=project)
    assert scoped["stats_1h"] == pytest.approx(stats)
    assert scoped["sparkline_1h"] == sparkline
    for field in ("status", "is_stuck", "heartbeat_age_seconds", "current_task_id",
                  "queue_depth", "issue_count", "last_seen"):
        assert scoped[field] == everywhere[field], field


async def test_tasks_without_a_project_count_for_the_default_project(client, api_keys, clock):
    await ingest(client, api_keys, ev(clock, "task_started", -20, task_id="u"),
                 llm(clock, -15, 0.5, task_id="u"), llm(clock, -14, 0.25),
                 ev(clock, "task_completed", -10, task_id="u", duration_ms=10),
                 ev(clock, "heartbeat", -5, project_id="default"))
    stats = (await card(client, api_keys, project_id="default"))["stats_1h"]
    assert (stats["tasks_completed"], stats["llm_call_count"], stats["total_cost"]) == (1, 1, 0.5)


async def test_sparkline_bucket_placement(client, api_keys, clock):
    finishes = {"a": -HOUR, "b": -HOUR + 299, "c": -HOUR + 300, "d": -27.5 * MIN, "e": -1,
                "f": 0, "g": 30, "h": -HOUR - 1}
    events = [ev(clock, "heartbeat")]
    for task, t in finishes.items():
        events.append(ev(clock, "task_completed", t, task_id=task))
    await ingest(client, api_keys, *events)
    row = await card(client, api_keys)
    # 13:00:00 and 13:04:59 open the hour, 13:05:00 is the second bucket, 13:32:30 the
    # seventh; 13:59:59, 14:00:00 and a fast clock's 14:00:30 are the newest; 12:59:59 is out.
    assert row["sparkline_1h"] == [2, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 3]
    assert row["stats_1h"]["tasks_completed"] == 7


async def test_card_enrichment_queue_depth_and_issue_count(client, api_keys, clock):
    await ingest(client, api_keys, ev(clock, "heartbeat"))
    row = await card(client, api_keys)
    assert (row["queue_depth"], row["issue_count"]) == (None, 0)
    await ingest(client, api_keys,
                 custom(clock, "queue_snapshot", {"depth": 4}, -10),
                 custom(clock, "queue_snapshot", {"depth": 7}, -20),  # older: loses
                 custom(clock, "issue", {"issue_id": "i1", "severity": "high"}, -30),
                 custom(clock, "issue", {"issue_id": "i2", "severity": "low"}, -30),
                 custom(clock, "issue", {"issue_id": "i2", "severity": "low",
                                         "action": "resolved"}, -20),
                 custom(clock, "issue", {"severity": "low"}, -8 * 24 * HOUR, summary="old"))
    row = await card(client, api_keys)
    assert (row["queue_depth"], row["issue_count"]) == (4, 1)  # audit 2.1.8
    await ingest(client, api_keys, custom(clock, "queue_snapshot", {"depth": "many"}, -1))
    assert (await card(client, api_keys))["queue_depth"] is None  # not a count: unknown


async def test_list_page_shape(client, api_keys, clock):
    await known_hour(client, api_keys, clock)
    body = await get(client, api_keys, "/v1/agents")
    assert set(body) == {"data", "pagination"}  # audit 2.1.1
    assert set(body["data"][0]) >= {
        "agent_id", "agent_type", "agent_version", "framework", "runtime", "environment",
        "group", "status", "derived_status", "current_task_id", "current_project_id",
        "last_heartbeat", "heartbeat_age_seconds", "is_stuck", "stuck_threshold_seconds",
        "first_seen", "last_seen", "projects", "queue_depth", "issue_count", "stats_1h",
        "sparkline_1h"}
    assert body["data"][0]["last_seen"].endswith("Z")


# ------------------------------------------------------------------------- detail

async def known_day(client: httpx.AsyncClient, keys: Keys, clock: FakeClock) -> None:
    """Now is 14:30; the default 24h range starts yesterday 14:30."""
    clock.advance(30 * MIN)
    await ingest(
        client, keys, ev(clock, "heartbeat"),
        # T1 completed at 13:10 after two actions, one failed: an error recovered.
        ev(clock, "task_started", -90 * MIN, task_id="T1", project_id="alpha"),
        ev(clock, "action_started", -89 * MIN, task_id="T1", action_id="a1", project_id="alpha"),
        ev(clock, "action_failed", -88 * MIN, task_id="T1", action_id="a1", project_id="alpha"),
        ev(clock, "action_started", -87 * MIN, task_id="T1", action_id="a2", project_id="alpha"),
        llm(clock, -86 * MIN, 0.5, task_id="T1", project_id="alpha"),
        ev(clock, "task_completed", -80 * MIN, task_id="T1", duration_ms=600_000,
           project_id="alpha"),
        # T2 started at 12:30, one action, escalated, never finished.
        ev(clock, "task_started", -2 * HOUR, task_id="T2", project_id="beta"),
        ev(clock, "action_started", -119 * MIN, task_id="T2", action_id="b1", project_id="beta"),
        ev(clock, "escalated", -118 * MIN, task_id="T2", project_id="beta"),
        # T3 failed at 11:35.
        ev(clock, "task_started", -3.5 * HOUR, task_id="T3", project_id="beta"),
        ev(clock, "task_failed", -3 * HOUR + 5 * MIN, task_id="T3", duration_ms=1000,
           project_id="beta"),
        llm(clock, -3 * HOUR, 0.25, task_id="T3", project_id="beta"),
        # T4 started 26h ago, completed yesterday at 15:30: finished in the range.
        ev(clock, "task_started", -26 * HOUR, task_id="T4", project_id="alpha"),
        ev(clock, "task_completed", -23 * HOUR, task_id="T4", duration_ms=200_000,
           project_id="alpha"),
        # T5 entirely before the range.
        ev(clock, "task_started", -30 * HOUR, task_id="T5", project_id="alpha"),
        ev(clock, "task_completed", -29 * HOUR, task_id="T5", duration_ms=5, project_id="alpha"),
        llm(clock, -25 * HOUR, 9.0),
        agent_id="worker")


async def test_detail_stats_24h_against_hand_computed_values(client, api_keys, clock):
    await known_day(client, api_keys, clock)
    detail = await get(client, api_keys, "/v1/agents/worker")
    assert detail["stats_24h"] == pytest.approx({
        "tasks_completed": 2, "tasks_failed": 1, "success_rate": 2 / 3,
        "avg_duration_ms": 400_000.0, "total_cost": 0.75, "llm_call_count": 2,
        # T1-T4 started or finished in the range; T2 escalated; 2 + 1 actions.
        "escalation_rate": 0.25, "error_rate": 1 / 3,
        # T1 and T3 hit an error; T1 still completed.
        "recovery_rate": 0.5, "avg_actions_per_task": 0.75})
    listed_row = await card(client, api_keys, "worker")
    assert {k: detail[k] for k in listed_row} == listed_row


async def test_detail_timeseries_every_bucket_zero_filled(client, api_keys, clock):
    await known_day(client, api_keys, clock)
    series = (await get(client, api_keys, "/v1/agents/worker"))["metrics_timeseries"]
    assert series["interval"] == "1h"
    stamps = [parse(b["timestamp"]) for b in series["buckets"]]
    # Yesterday 14:00 (partial) to today 14:00 (current): 25 hourly buckets.
    assert stamps == [clock.now.replace(minute=0) - timedelta(hours=24 - i) for i in range(25)]
    busy = {b["timestamp"][11:16]: b for b in series["buckets"]
            if b["tasks_completed"] or b["tasks_failed"] or b["llm_call_count"]}
    assert busy == {
        "15:00": {"timestamp": "2026-02-09T15:00:00.000Z", "tasks_completed": 1, "tasks_failed": 0,
                  "avg_duration_ms": 200_000.0, "cost": 0.0, "llm_call_count": 0},
        "11:00": {"timestamp": "2026-02-10T11:00:00.000Z", "tasks_completed": 0, "tasks_failed": 1,
                  "avg_duration_ms": None, "cost": 0.25, "llm_call_count": 1},
        "13:00": {"timestamp": "2026-02-10T13:00:00.000Z", "tasks_completed": 1, "tasks_failed": 0,
                  "avg_duration_ms": 600_000.0, "cost": 0.5, "llm_call_count": 1},
    }
    quiet = [b for b in series["buckets"] if b["timestamp"][11:16] not in busy]
    assert all(b["cost"] == 0.0 and b["avg_duration_ms"] is None for b in quiet)


@pytest.mark.parametrize(
    ("params", "interval", "count"),
    [({"metrics_range": "1h"}, "5m", 13), ({"metrics_range": "6h"}, "15m", 25),
     ({"metrics_range": "7d"}, "6h", 29), ({"metrics_range": "30d"}, "1d", 31),
     ({"metrics_range": "1h", "metrics_interval": "1m"}, "1m", 61),
     ({"metrics_range": "24h", "metrics_interval": "1m"}, "1m", 1440)],
)
async def test_detail_intervals(client, api_keys, clock, params, interval, count):
    clock.advance(7 * MIN + 30)  # an instant aligned to nothing
    await ingest(client, api_keys, ev(clock, "task_completed", -1, task_id="t", duration_ms=5))
    series = (await get(client, api_keys, "/v1/agents/agent-1", **params))["metrics_timeseries"]
    assert (series["interval"], len(series["buckets"])) == (interval, count)
    assert sum(b["tasks_completed"] for b in series["buckets"]) == 1
    assert series["buckets"][-1]["tasks_completed"] == 1


@pytest.mark.parametrize(
    "params",
    [{"metrics_range": "7d", "metrics_interval": "1m"},
     {"metrics_range": "30d", "metrics_interval": "5m"},
     {"metrics_range": "2d"}, {"metrics_interval": "2h"}],
)
async def test_detail_rejects_bad_ranges_and_too_many_buckets(client, api_keys, clock, params):
    await ingest(client, api_keys, ev(clock, "heartbeat"))
    body = await get(client, api_keys, "/v1/agents/agent-1", expect=400, **params)
    assert_error(body, "invalid_parameter")
    assert body["details"]["location"] == "query"


async def test_detail_project_scopes_stats_only(client, api_keys, clock):
    await known_day(client, api_keys, clock)
    everywhere = await get(client, api_keys, "/v1/agents/worker")
    beta = await get(client, api_keys, "/v1/agents/worker", project_id="beta")
    assert beta["stats_24h"] == pytest.approx({
        "tasks_completed": 0, "tasks_failed": 1, "success_rate": 0.0, "avg_duration_ms": None,
        "total_cost": 0.25, "llm_call_count": 1, "escalation_rate": 0.5, "error_rate": 1.0,
        "recovery_rate": 0.0, "avg_actions_per_task": 0.5})
    assert sum(b["tasks_failed"] for b in beta["metrics_timeseries"]["buckets"]) == 1
    assert beta["status"] == everywhere["status"] and beta["projects"] == everywhere["projects"]
    unknown = await get(client, api_keys, "/v1/agents/worker", project_id="nope")
    assert unknown["stats_24h"]["tasks_completed"] == 0
    assert unknown["stats_1h"]["llm_call_count"] == 0


async def test_heartbeat_history_latest_payload_per_hour_newest_first(client, api_keys, clock):
    clock.advance(30 * MIN)  # 14:30

    def beat(t: float, payload: Any = None) -> dict[str, Any]:
        return ev(clock, "heartbeat", t, **({"payload": payload} if payload is not None else {}))

    await ingest(client, api_keys,
                 beat(-10 * MIN, {"summary": "A", "data": {"queue_depth": 1}}),  # 14:20
                 beat(-20 * MIN, {"summary": "B", "data": {"queue_depth": 2}}),  # 14:10
                 beat(-70 * MIN, {"summary": "C"}),  # 13:20
                 beat(-40 * MIN),  # 13:50, no payload: not history
                 beat(-2 * HOUR - 5 * MIN, {}),  # 12:25, an empty payload
                 beat(-25 * HOUR, {"summary": "too old"}))
    history = (await get(client, api_keys, "/v1/agents/agent-1"))["heartbeat_history"]
    assert history == [
        {"timestamp": "2026-02-10T14:20:00.000Z", "summary": "A", "data": {"queue_depth": 1}},
        {"timestamp": "2026-02-10T13:20:00.000Z", "summary": "C", "data": None},
    ]


async def test_heartbeat_history_has_at_most_24_entries(client, api_keys, clock):
    clock.advance(30 * MIN)
    await ingest(client, api_keys, *[
        ev(clock, "heartbeat", -h * HOUR + 15 * MIN, payload={"summary": f"h{h}"})
        for h in range(1, 31)])
    history = (await get(client, api_keys, "/v1/agents/agent-1"))["heartbeat_history"]
    assert [h["summary"] for h in history] == [f"h{h}" for h in range(1, 25)]


async def test_detail_of_unknown_agent_is_404(client, api_keys, clock):
    await ingest(client, api_keys, ev(clock, "heartbeat"))
    body = await get(client, api_keys, "/v1/agents/nobody", expect=404)
    assert_error(body, "agent_not_found")


# ---------------------------------------------------------------------- isolation

async def test_test_and_live_keys_never_see_each_others_agents(client, api_keys, clock):
    await ingest(client, api_keys, ev(clock, "heartbeat"), agent_id="live-agent")
    await ingest(client, api_keys, ev(clock, "heartbeat"), agent_id="test-agent", kind="test")
    assert ids(await listed(client, api_keys)) == ["live-agent"]
    assert ids(await listed(client, api_keys, kind="read")) == ["live-agent"]
    assert ids(await listed(client, api_keys, kind="test")) == ["test-agent"]
    for kind, hidden in (("test", "live-agent"), ("live", "test-agent"), ("read", "test-agent")):
        for path in (f"/v1/agents/{hidden}", f"/v1/agents/{hidden}/pipeline"):
            assert_error(await get(client, api_keys, path, kind=kind, expect=404),
                         "agent_not_found")


async def test_another_tenants_agents_are_invisible(client, api_keys, database, clock):
    other = make_keys(database, "other")
    await ingest(client, other, ev(clock, "heartbeat"),
                 ev(clock, "task_completed", -5, task_id="x", project_id="alpha"),
                 agent_id="theirs")
    await ingest(client, api_keys, ev(clock, "heartbeat"), agent_id="ours")
    assert ids(await listed(client, api_keys)) == ["ours"]
    assert await listed(client, api_keys, project_id="alpha") == []
    assert_error(await get(client, api_keys, "/v1/agents/theirs", expect=404), "agent_not_found")
    # The same agent id in both tenants stays two agents.
    await ingest(client, api_keys, ev(clock, "heartbeat"), agent_id="theirs")
    assert (await card(client, api_keys, "theirs"))["stats_1h"]["tasks_completed"] == 0
    assert (await card(client, other, "theirs"))["stats_1h"]["tasks_completed"] == 1
