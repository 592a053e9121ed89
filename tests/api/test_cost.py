"""The Cost Explorer: /v1/cost, /v1/cost/calls, /v1/cost/timeseries, /v1/llm-calls.

Every expected number below is computed by hand from :func:`ingest_fleet` (clock: 14:00Z):

    call  agent    env         project  time (02-10)    model    cost  in    out  task
    a1    agent-a  production  sales    13:10           sonnet   0.30  1000  200  t1
    a2    agent-a  production  sales    13:20           haiku    0.05  500   100  t1
    a3    agent-a  production  sales    12:00           sonnet   0.20  800   150  -
    b1    agent-b  staging     support  13:50           sonnet   0.10  400   50   t2
    b2    agent-b  staging     support  11:00           gpt-4o   -     300   60   -
    b3    agent-b  staging     support  02-09 13:00     sonnet   5.00  9999  999  -   (outside 24h)
    c1    agent-c  production  -        13:59:59.999    -        0.01  10    5    -
    c2    agent-c  production  -        13:30           haiku    -     -     -    t4

Last 24 hours: 7 calls, cost 0.66, tokens 3010 in / 565 out. agent-b's group is support-team,
the others' default.
"""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from hiveboard.services.pagination import encode_cursor
from tests.api.factories import batch, event
from tests.api.helpers import projects
from tests.conftest import Keys, make_keys

SONNET, HAIKU, GPT = "claude-sonnet-4", "claude-haiku-4-5", "gpt-4o"
LLM_CALL_FIELDS = {"event_id", "agent_id", "task_id", "project_id", "timestamp", "call_name",
                   "model", "tokens_in", "tokens_out", "cost", "duration_ms", "prompt_preview",
                   "response_preview"}


def llm_call(event_id: str, timestamp: str, *, model: str | None = None,
             cost: float | None = None, tokens_in: int | None = None,
             tokens_out: int | None = None, **fields: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"name": f"call-{event_id}", "model": model, "cost": cost,
                            "tokens_in": tokens_in, "tokens_out": tokens_out,
                            "duration_ms": fields.pop("latency", None),
                            "prompt_preview": fields.pop("prompt", None),
                            "response_preview": fields.pop("response", None)}
    payload = {"kind": "llm_call", "summary": f"LLM call {event_id}",
               "data": {k: v for k, v in data.items() if v is not None}}
    return event(event_id=event_id, timestamp=timestamp, event_type="custom", severity="info",
                 payload=payload, **fields)


def at(hhmmss: str, day: str = "2026-02-10") -> str:
    return f"{day}T{hhmmss}Z"


async def ingest(client: httpx.AsyncClient, keys: Keys, body: dict[str, Any],
                 kind: str = "live") -> None:
    resp = await client.post("/v1/ingest", content=json.dumps(body).encode(),
                             headers={**keys.auth(kind), "Content-Type": "application/json"})
    assert resp.status_code == 200, resp.text


async def ingest_fleet(client: httpx.AsyncClient, keys: Keys) -> None:
    await ingest(client, keys, batch(
        llm_call("a1", at("13:10:00"), model=SONNET, cost=0.30, tokens_in=1000, tokens_out=200,
                 task_id="t1", project_id="sales", latency=1200, prompt="You are…",
                 response='{"ok": true}'),
        llm_call("a2", at("13:20:00"), model=HAIKU, cost=0.05, tokens_in=500, tokens_out=100,
                 task_id="t1", project_id="sales", duration_ms=900),
        llm_call("a3", at("12:00:00"), model=SONNET, cost=0.20, tokens_in=800, tokens_out=150,
                 project_id="sales"),
        # Not LLM calls: another kind, and the llm_call kind on a non-custom event.
        event(event_type="custom", timestamp=at("13:11:00"),
              payload={"kind": "issue", "summary": "x", "data": {"severity": "low"}}),
        event(event_type="action_completed", timestamp=at("13:12:00"), task_id="t1",
              action_id="x", payload={"kind": "llm_call", "summary": "not custom",
                                      "data": {"name": "n", "model": SONNET, "cost": 100.0}}),
        agent_id="agent-a"))
    await ingest(client, keys, batch(
        llm_call("b1", at("13:50:00"), model=SONNET, cost=0.10, tokens_in=400, tokens_out=50,
                 task_id="t2", project_id="support"),
        llm_call("b2", at("11:00:00"), model=GPT, tokens_in=300, tokens_out=60,
                 project_id="support"),
        llm_call("b3", at("13:00:00", "2026-02-09"), model=SONNET, cost=5.0, tokens_in=9999,
                 tokens_out=999, project_id="support"),
        agent_id="agent-b", environment="staging", group="support-team"))
    await ingest(client, keys, batch(
        llm_call("c1", at("13:59:59.999"), cost=0.01, tokens_in=10, tokens_out=5),
        llm_call("c2", at("13:30:00"), model=HAIKU, task_id="t4"),
        agent_id="agent-c"))


async def get(client: httpx.AsyncClient, keys: Keys, path: str, kind: str = "live",
              **params: Any) -> dict[str, Any]:
    resp = await client.get(path, params=params, headers=keys.auth(kind))
    assert resp.status_code == 200, resp.text
    body: dict[str, Any] = resp.json()
    return body


async def get_error(client: httpx.AsyncClient, keys: Keys, path: str, **params: Any) -> dict[str, Any]:
    resp = await client.get(path, params=params, headers=keys.auth())
    assert resp.status_code == 400, resp.text
    body: dict[str, Any] = resp.json()
    assert body["error"] == "invalid_parameter" and body["status"] == 400
    return body


def group(agent: str | None, model: str | None, calls: int, tin: int, tout: int,
          cost: float) -> dict[str, Any]:
    return {"agent_id": agent, "model": model, "call_count": calls, "tokens_in": tin,
            "tokens_out": tout, "cost": pytest.approx(cost),
            "avg_cost_per_call": pytest.approx(cost / calls)}


def totals(calls: int, cost: float, tin: int, tout: int) -> dict[str, Any]:
    return {"call_count": calls, "cost": pytest.approx(cost), "tokens_in": tin,
            "tokens_out": tout}


# ---------------------------------------------------------------- GET /v1/cost

async def test_cost_by_agent_is_the_default_with_totals_and_range(client, api_keys):
    await ingest_fleet(client, api_keys)
    body = await get(client, api_keys, "/v1/cost")
    assert body["range"] == {"since": "2026-02-09T14:00:00.000Z", "until": "2026-02-10T14:00:00.000Z"}
    assert body["group_by"] == "agent"
    assert body["totals"] == totals(7, 0.66, 3010, 565)
    assert body["groups"] == [
        group("agent-a", None, 3, 2300, 450, 0.55),
        group("agent-b", None, 2, 700, 110, 0.10),
        group("agent-c", None, 2, 10, 5, 0.01),
    ]


async def test_cost_by_model_puts_calls_without_model_in_a_null_group(client, api_keys):
    await ingest_fleet(client, api_keys)
    body = await get(client, api_keys, "/v1/cost", group_by="model")
    assert body["group_by"] == "model"
    assert body["groups"] == [
        group(None, SONNET, 3, 2200, 400, 0.60),
        group(None, HAIKU, 2, 500, 100, 0.05),
        group(None, None, 1, 10, 5, 0.01),
        group(None, GPT, 1, 300, 60, 0.0),
    ]


async def test_cost_by_agent_and_model_orders_ties_by_key(client, api_keys):
    await ingest_fleet(client, api_keys)
    body = await get(client, api_keys, "/v1/cost", group_by="agent_model")
    assert body["groups"] == [
        group("agent-a", SONNET, 2, 1800, 350, 0.50),
        group("agent-b", SONNET, 1, 400, 50, 0.10),
        group("agent-a", HAIKU, 1, 500, 100, 0.05),
        group("agent-c", None, 1, 10, 5, 0.01),
        group("agent-b", GPT, 1, 300, 60, 0.0),
        group("agent-c", HAIKU, 1, 0, 0, 0.0),
    ]
    assert sum(g["call_count"] for g in body["groups"]) == body["totals"]["call_count"]


async def test_cost_window_since_inclusive_until_exclusive(client, api_keys):
    await ingest_fleet(client, api_keys)
    body = await get(client, api_keys, "/v1/cost", since=at("12:00:00"), until=at("13:50:00"))
    # a3 at 12:00 is in; b1 at 13:50 is out (c2 in between has no cost or tokens).
    assert body["totals"] == totals(4, 0.55, 2300, 450)
    assert body["range"] == {"since": "2026-02-10T12:00:00.000Z", "until": "2026-02-10T13:50:00.000Z"}


async def test_cost_since_defaults_to_24h_before_until(client, api_keys):
    await ingest_fleet(client, api_keys)
    body = await get(client, api_keys, "/v1/cost", until="2026-02-10T00:00:00+00:00")
    assert body["range"]["since"] == "2026-02-09T00:00:00.000Z"
    assert body["totals"] == totals(1, 5.0, 9999, 999)  # only b3


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"agent_id": "agent-b"}, totals(2, 0.10, 700, 110)),
        ({"environment": "staging"}, totals(2, 0.10, 700, 110)),
        ({"environment": "production"}, totals(5, 0.56, 2310, 455)),
        ({"project_id": "sales"}, totals(3, 0.55, 2300, 450)),
        ({"project_id": "sales", "agent_id": "agent-b"}, totals(0, 0.0, 0, 0)),
        ({"project_id": "no-such-project"}, totals(0, 0.0, 0, 0)),
        ({"agent_id": "no-such-agent"}, totals(0, 0.0, 0, 0)),
    ],
)
async def test_cost_filters(client, api_keys, params, expected):
    await ingest_fleet(client, api_keys)
    body = await get(client, api_keys, "/v1/cost", **params)
    assert body["totals"] == expected
    if expected["call_count"] == 0:
        assert body["groups"] == []


async def test_cost_project_filter_accepts_the_id_as_well_as_the_slug(client, api_keys, database):
    await ingest_fleet(client, api_keys)
    support = next(p["project_id"] for p in projects(database) if p["slug"] == "support")
    by_id = await get(client, api_keys, "/v1/cost", project_id=support)
    by_slug = await get(client, api_keys, "/v1/cost", project_id="support")
    assert by_id["totals"] == by_slug["totals"] == totals(2, 0.10, 700, 110)


async def test_cost_of_an_empty_workspace_is_zero_not_an_error(client, api_keys):
    body = await get(client, api_keys, "/v1/cost")
    assert body["totals"] == {"cost": 0.0, "call_count": 0, "tokens_in": 0, "tokens_out": 0}
    assert isinstance(body["totals"]["cost"], float)  # audit 2.6.4/2.6.5: a number, 0.0
    assert body["groups"] == []


async def test_cost_sums_are_free_of_float_noise(client, api_keys):
    await ingest(client, api_keys, batch(
        llm_call("x1", at("13:00:00"), model=SONNET, cost=0.1),
        llm_call("x2", at("13:00:01"), model=SONNET, cost=0.2)))
    body = await get(client, api_keys, "/v1/cost")
    assert body["totals"]["cost"] == 0.3
    assert body["groups"][0]["avg_cost_per_call"] == 0.15


async def test_audit_f8_cost_has_token_totals_and_group_by(client, api_keys):
    await ingest_fleet(client, api_keys)
    for group_by in ("agent", "model", "agent_model"):
        body = await get(client, api_keys, "/v1/cost", group_by=group_by)
        assert set(body) == {"range", "group_by", "totals", "groups"}
        assert set(body["totals"]) == {"cost", "call_count", "tokens_in", "tokens_out"}
        assert body["totals"]["tokens_in"] == 3010 and body["totals"]["tokens_out"] == 565


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"group_by": "project"}, "group_by"),
        ({"since": "yesterday"}, "since"),
        ({"since": at("13:00:00"), "until": at("12:00:00")}, "since"),
        ({"bogus": "1"}, "bogus"),
    ],
)
async def test_cost_bad_parameters_are_400(client, api_keys, params, field):
    body = await get_error(client, api_keys, "/v1/cost", **params)
    assert field in json.dumps(body)


# ---------------------------------------------------------------- isolation

async def test_test_key_and_live_key_never_see_each_others_calls(client, api_keys):
    await ingest_fleet(client, api_keys)
    await ingest(client, api_keys, batch(
        llm_call("t-1", at("13:00:00"), model=SONNET, cost=7.0, tokens_in=70, tokens_out=7)),
        kind="test")
    live = await get(client, api_keys, "/v1/cost")
    read = await get(client, api_keys, "/v1/cost", kind="read")
    test = await get(client, api_keys, "/v1/cost", kind="test")
    assert live["totals"] == read["totals"] == totals(7, 0.66, 3010, 565)
    assert test["totals"] == totals(1, 7.0, 70, 7)
    calls = await get(client, api_keys, "/v1/llm-calls", kind="test")
    assert [c["event_id"] for c in calls["data"]] == ["t-1"]
    live_calls = await get(client, api_keys, "/v1/cost/calls")
    assert "t-1" not in {c["event_id"] for c in live_calls["data"]}
    series = await get(client, api_keys, "/v1/cost/timeseries", kind="test")
    assert sum(b["call_count"] for b in series["buckets"]) == 1


async def test_another_tenants_calls_are_invisible(client, api_keys, database):
    other = make_keys(database, "other")
    await ingest_fleet(client, api_keys)
    await ingest(client, other, batch(
        llm_call("o-1", at("13:00:00"), model=SONNET, cost=9.0, tokens_in=1, tokens_out=1),
        agent_id="agent-a", project_id="sales"))
    assert (await get(client, api_keys, "/v1/cost"))["totals"] == totals(7, 0.66, 3010, 565)
    assert (await get(client, other, "/v1/cost"))["totals"] == totals(1, 9.0, 1, 1)
    mine = await get(client, api_keys, "/v1/llm-calls", limit=200)
    assert "o-1" not in {c["event_id"] for c in mine["data"]}
    theirs = await get(client, other, "/v1/cost/calls", agent_id="agent-a")
    assert [c["event_id"] for c in theirs["data"]] == ["o-1"]


# ---------------------------------------------------------------- calls

NEWEST = ["c1", "b1", "c2", "a2", "a1", "a3", "b2"]
BY_COST = ["a1", "a3", "b1", "a2", "c1", "c2", "b2"]  # nulls last, later insert first
BY_TOKENS = ["a1", "a3", "a2", "b1", "b2", "c1", "c2"]


async def test_a_call_row_has_every_field_extracted(client, api_keys):
    await ingest_fleet(client, api_keys)
    body = await get(client, api_keys, "/v1/cost/calls", agent_id="agent-a", sort="oldest")
    assert body["pagination"] == {"cursor": None, "has_more": False}
    a3, a1, a2 = body["data"]
    assert set(a1) == LLM_CALL_FIELDS  # audit 2.6.2
    assert a1 == {
        "event_id": "a1", "agent_id": "agent-a", "task_id": "t1",
        "project_id": a1["project_id"], "timestamp": "2026-02-10T13:10:00.000Z",
        "call_name": "call-a1", "model": SONNET, "tokens_in": 1000, "tokens_out": 200,
        "cost": 0.30, "duration_ms": 1200, "prompt_preview": "You are…",
        "response_preview": '{"ok": true}'}
    assert a1["project_id"].startswith("proj_")  # the resolved id, not the slug
    assert a2["duration_ms"] == 900  # no data.duration_ms: the event's own duration
    assert (a3["task_id"], a3["duration_ms"], a3["prompt_preview"]) == (None, None, None)


async def test_missing_payload_fields_are_null(client, api_keys):
    await ingest_fleet(client, api_keys)
    body = await get(client, api_keys, "/v1/cost/calls", task_id="t4")
    (c2,) = body["data"]
    assert (c2["cost"], c2["tokens_in"], c2["tokens_out"]) == (None, None, None)
    assert (c2["model"], c2["call_name"]) == (HAIKU, "call-c2")


async def test_calls_without_a_window_list_every_stored_call(client, api_keys):
    await ingest_fleet(client, api_keys)
    body = await get(client, api_keys, "/v1/cost/calls", limit=200)
    assert [c["event_id"] for c in body["data"]] == [*NEWEST, "b3"]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [("newest", NEWEST), ("oldest", NEWEST[::-1]), ("cost", BY_COST), ("tokens", BY_TOKENS)],
)
@pytest.mark.parametrize("path", ["/v1/cost/calls", "/v1/llm-calls"])
async def test_every_sort_walks_all_pages_without_gaps_or_repeats(client, api_keys, sort,
                                                                   expected, path):
    await ingest_fleet(client, api_keys)
    params: dict[str, Any] = {"sort": sort, "limit": 2, "since": at("00:00:00")}
    seen: list[str] = []
    while True:
        body = await get(client, api_keys, path, **params)
        seen += [c["event_id"] for c in body["data"]]
        assert len(body["data"]) <= 2
        if not body["pagination"]["has_more"]:
            assert body["pagination"]["cursor"] is None
            break
        params["cursor"] = body["pagination"]["cursor"]
    assert seen == expected


async def test_pages_stay_stable_when_calls_arrive_between_them(client, api_keys):
    await ingest_fleet(client, api_keys)
    first = await get(client, api_keys, "/v1/llm-calls", limit=3)
    assert [c["event_id"] for c in first["data"]] == NEWEST[:3]
    await ingest(client, api_keys, batch(
        llm_call("new-1", at("13:59:59.999"), model=SONNET, cost=1.0),
        llm_call("new-2", at("13:55:00"), model=SONNET, cost=1.0), agent_id="agent-a"))
    rest: list[str] = []
    cursor = first["pagination"]["cursor"]
    while cursor:
        body = await get(client, api_keys, "/v1/llm-calls", limit=3, cursor=cursor)
        rest += [c["event_id"] for c in body["data"]]
        cursor = body["pagination"]["cursor"]
    # Later pages continue after the cursor: nothing already seen repeats, nothing skipped.
    assert rest == NEWEST[3:]


async def test_equal_sort_values_are_ordered_by_insertion(client, api_keys):
    await ingest(client, api_keys, batch(
        *(llm_call(f"e{i}", at("13:00:00"), model=SONNET, cost=0.5, tokens_in=5)
          for i in range(5))))
    for sort, expected in (("newest", ["e4", "e3", "e2", "e1", "e0"]),
                           ("oldest", ["e0", "e1", "e2", "e3", "e4"]),
                           ("cost", ["e4", "e3", "e2", "e1", "e0"]),
                           ("tokens", ["e4", "e3", "e2", "e1", "e0"])):
        seen: list[str] = []
        cursor = None
        while True:
            params: dict[str, Any] = {"sort": sort, "limit": 2}
            if cursor:
                params["cursor"] = cursor
            body = await get(client, api_keys, "/v1/cost/calls", **params)
            seen += [c["event_id"] for c in body["data"]]
            cursor = body["pagination"]["cursor"]
            if cursor is None:
                break
        assert seen == expected, sort


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"model": HAIKU}, ["c2", "a2"]),
        ({"task_id": "t1"}, ["a2", "a1"]),
        ({"agent_id": "agent-b"}, ["b1", "b2", "b3"]),
        ({"environment": "staging"}, ["b1", "b2", "b3"]),
        ({"project_id": "sales"}, ["a2", "a1", "a3"]),
        ({"project_id": "nope"}, []),
        ({"model": "unknown-model"}, []),
        ({"since": at("13:20:00"), "until": at("13:50:00")}, ["c2", "a2"]),
    ],
)
async def test_call_filters(client, api_keys, params, expected):
    await ingest_fleet(client, api_keys)
    body = await get(client, api_keys, "/v1/cost/calls", **params)
    assert [c["event_id"] for c in body["data"]] == expected


@pytest.mark.parametrize("path", ["/v1/cost/calls", "/v1/llm-calls"])
async def test_a_foreign_or_tampered_cursor_is_400(client, api_keys, path):
    await ingest_fleet(client, api_keys)
    page = await get(client, api_keys, path, limit=1, sort="cost")
    cost_cursor = page["pagination"]["cursor"]
    for cursor, params in (
        ("garbage!", {}),
        (cost_cursor, {"sort": "newest"}),  # a cursor from another sort
        (encode_cursor("events.newest", [1, 1]), {}),  # from another endpoint
        (encode_cursor("llm_calls.newest", ["x", 1]), {}),
        (encode_cursor("llm_calls.cost", ["0.3", 1]), {"sort": "cost"}),
        (encode_cursor("llm_calls.tokens", [1.5, 1]), {"sort": "tokens"}),
        (encode_cursor("llm_calls.newest", [1, True]), {}),
        (encode_cursor("llm_calls.newest", [10**30, 1]), {}),  # beyond 64 bits
    ):
        body = await get_error(client, api_keys, path, cursor=cursor, **params)
        assert body["details"]["field"] == "cursor"


# ---------------------------------------------------------------- /v1/llm-calls

async def test_llm_calls_default_to_the_last_24h_with_totals(client, api_keys):
    await ingest_fleet(client, api_keys)
    body = await get(client, api_keys, "/v1/llm-calls")
    assert body["range"] == {"since": "2026-02-09T14:00:00.000Z", "until": "2026-02-10T14:00:00.000Z"}
    assert body["totals"] == totals(7, 0.66, 3010, 565)
    assert [c["event_id"] for c in body["data"]] == NEWEST


async def test_llm_call_totals_cover_the_whole_filtered_set_on_every_page(client, api_keys):
    await ingest_fleet(client, api_keys)
    params: dict[str, Any] = {"limit": 2, "environment": "production", "sort": "tokens"}
    pages = 0
    while True:
        body = await get(client, api_keys, "/v1/llm-calls", **params)
        assert body["totals"] == totals(5, 0.56, 2310, 455)
        pages += 1
        if not body["pagination"]["has_more"]:
            break
        params["cursor"] = body["pagination"]["cursor"]
    assert pages == 3


async def test_llm_call_totals_follow_model_and_task_filters(client, api_keys):
    await ingest_fleet(client, api_keys)
    by_model = await get(client, api_keys, "/v1/llm-calls", model=SONNET)
    assert by_model["totals"] == totals(3, 0.60, 2200, 400)
    by_task = await get(client, api_keys, "/v1/llm-calls", task_id="t1")
    assert by_task["totals"] == totals(2, 0.35, 1500, 300)


async def test_llm_call_totals_are_zero_when_nothing_matches(client, api_keys):
    await ingest_fleet(client, api_keys)
    body = await get(client, api_keys, "/v1/llm-calls", project_id="unknown")
    assert body["totals"] == {"cost": 0.0, "call_count": 0, "tokens_in": 0, "tokens_out": 0}
    assert body["data"] == [] and body["pagination"] == {"cursor": None, "has_more": False}


async def test_time_range_wins_over_since_and_until(client, api_keys):
    await ingest_fleet(client, api_keys)
    body = await get(client, api_keys, "/v1/llm-calls", time_range="1h",
                     since=at("00:00:00", "2026-02-01"), until=at("12:00:00"))
    assert body["range"] == {"since": "2026-02-10T13:00:00.000Z", "until": "2026-02-10T14:00:00.000Z"}
    assert [c["event_id"] for c in body["data"]] == ["c1", "b1", "c2", "a2", "a1"]
    assert body["totals"] == totals(5, 0.46, 1910, 355)


@pytest.mark.parametrize(
    ("time_range", "count"), [("1h", 5), ("6h", 7), ("24h", 7), ("7d", 8), ("30d", 8)])
async def test_each_time_range(client, api_keys, time_range, count):
    await ingest_fleet(client, api_keys)
    body = await get(client, api_keys, "/v1/llm-calls", time_range=time_range)
    assert body["totals"]["call_count"] == count


async def test_since_and_until_apply_without_time_range(client, api_keys):
    await ingest_fleet(client, api_keys)
    body = await get(client, api_keys, "/v1/llm-calls", since=at("00:00:00", "2026-02-09"),
                     until=at("12:00:00"))
    assert [c["event_id"] for c in body["data"]] == ["b2", "b3"]  # a3 at 12:00 excluded
    assert body["totals"] == totals(2, 5.0, 10299, 1059)
    only_since = await get(client, api_keys, "/v1/llm-calls", since=at("13:30:00"))
    assert only_since["range"]["until"] == "2026-02-10T14:00:00.000Z"
    assert [c["event_id"] for c in only_since["data"]] == ["c1", "b1", "c2"]


async def test_llm_calls_bad_time_range_is_400(client, api_keys):
    await get_error(client, api_keys, "/v1/llm-calls", time_range="2h")


# ---------------------------------------------------------------- timeseries

def bucket(ts: str, calls: int = 0, cost: float = 0.0, tin: int = 0, tout: int = 0,
           model: str | None = None) -> dict[str, Any]:
    return {"timestamp": ts, "model": model, "call_count": calls, "tokens_in": tin,
            "tokens_out": tout, "cost": pytest.approx(cost)}


async def test_timeseries_zero_fills_every_bucket_of_the_default_day(client, api_keys):
    await ingest_fleet(client, api_keys)
    body = await get(client, api_keys, "/v1/cost/timeseries")
    assert body["interval"] == "1h"
    assert body["range"] == {"since": "2026-02-09T14:00:00.000Z", "until": "2026-02-10T14:00:00.000Z"}
    buckets = body["buckets"]
    assert len(buckets) == 24
    assert buckets[0]["timestamp"] == "2026-02-09T14:00:00.000Z"
    assert buckets[-3:] == [
        bucket("2026-02-10T11:00:00.000Z", 1, 0.0, 300, 60),
        bucket("2026-02-10T12:00:00.000Z", 1, 0.20, 800, 150),
        bucket("2026-02-10T13:00:00.000Z", 5, 0.46, 1910, 355),
    ]
    assert all(b == bucket(b["timestamp"]) for b in buckets[:-3])
    assert sum(b["call_count"] for b in buckets) == 7


async def test_audit_f9_timeseries_counts_calls_and_splits_by_model(client, api_keys):
    await ingest_fleet(client, api_keys)
    body = await get(client, api_keys, "/v1/cost/timeseries", split_by_model="true")
    assert all("throughput" not in b and "call_count" in b for b in body["buckets"])
    assert body["buckets"] == [
        bucket("2026-02-10T11:00:00.000Z", 1, 0.0, 300, 60, GPT),
        bucket("2026-02-10T12:00:00.000Z", 1, 0.20, 800, 150, SONNET),
        bucket("2026-02-10T13:00:00.000Z", 2, 0.40, 1400, 250, SONNET),
        bucket("2026-02-10T13:00:00.000Z", 2, 0.05, 500, 100, HAIKU),
        bucket("2026-02-10T13:00:00.000Z", 1, 0.01, 10, 5, None),
    ]


async def test_timeseries_bucket_boundaries(client, api_keys):
    await ingest(client, api_keys, batch(
        llm_call("edge-start", at("13:00:00"), cost=1.0),       # first ms of 13:00-13:05
        llm_call("edge-end", at("13:04:59.999"), cost=2.0),     # last ms of the same bucket
        llm_call("next", at("13:05:00"), cost=4.0),             # first ms of the next
        llm_call("before", at("12:59:59.999"), cost=8.0),       # before since: excluded
        llm_call("at-until", at("13:20:00"), cost=16.0)))       # until is exclusive
    body = await get(client, api_keys, "/v1/cost/timeseries", since=at("13:00:00"),
                     until=at("13:20:00"), interval="5m")
    assert [(b["timestamp"][11:19], b["cost"]) for b in body["buckets"]] == [
        ("13:00:00", 3.0), ("13:05:00", 4.0), ("13:10:00", 0.0), ("13:15:00", 0.0)]


async def test_timeseries_buckets_align_to_the_epoch_not_to_since(client, api_keys):
    await ingest(client, api_keys, batch(llm_call("x", at("13:02:00"), cost=1.0)))
    body = await get(client, api_keys, "/v1/cost/timeseries", since=at("13:01:30"),
                     until=at("13:12:00"), interval="5m")
    assert [b["timestamp"][11:19] for b in body["buckets"]] == ["13:00:00", "13:05:00",
                                                                "13:10:00"]
    assert body["buckets"][0]["cost"] == 1.0


@pytest.mark.parametrize(
    ("since", "interval", "buckets"),
    [
        (at("13:00:00"), "5m", 12),                    # 1h
        (at("08:00:00"), "15m", 24),                   # 6h
        (at("14:00:00", "2026-02-08"), "1h", 48),      # 48h
        (at("13:00:00", "2026-02-08"), "1d", 3),       # just over 48h
        (at("00:00:00", "2022-06-01"), "1d", 1351),    # long, still under the cap
    ],
)
async def test_timeseries_interval_follows_the_window_when_absent(client, api_keys, since,
                                                                  interval, buckets):
    body = await get(client, api_keys, "/v1/cost/timeseries", since=since)
    assert body["interval"] == interval
    assert len(body["buckets"]) == buckets


async def test_timeseries_explicit_interval_wins(client, api_keys):
    body = await get(client, api_keys, "/v1/cost/timeseries", interval="15m")
    assert body["interval"] == "15m" and len(body["buckets"]) == 96


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"interval": "5m", "since": at("00:00:00", "2026-02-04")}, "interval"),  # 1896
        ({"since": at("00:00:00", "2020-01-01")}, "since"),  # > 1440 days
        ({"interval": "1m"}, "interval"),  # not a cost interval
        ({"split_by_model": "maybe"}, "split_by_model"),
    ],
)
async def test_timeseries_too_many_buckets_or_bad_values_are_400(client, api_keys, params,
                                                                  field):
    body = await get_error(client, api_keys, "/v1/cost/timeseries", **params)
    assert field in json.dumps(body)


@pytest.mark.parametrize(
    ("params", "calls", "cost"),
    [
        ({"project_id": "sales"}, 3, 0.55),
        ({"agent_id": "agent-c"}, 2, 0.01),
        ({"environment": "staging"}, 2, 0.10),
        ({"project_id": "ghost"}, 0, 0.0),
    ],
)
async def test_timeseries_filters(client, api_keys, params, calls, cost):
    await ingest_fleet(client, api_keys)
    body = await get(client, api_keys, "/v1/cost/timeseries", **params)
    assert len(body["buckets"]) == 24
    assert sum(b["call_count"] for b in body["buckets"]) == calls
    assert sum(b["cost"] for b in body["buckets"]) == pytest.approx(cost)


async def test_timeseries_and_summary_agree(client, api_keys):
    await ingest_fleet(client, api_keys)
    summary = await get(client, api_keys, "/v1/cost", since=at("00:00:00", "2026-02-09"))
    series = await get(client, api_keys, "/v1/cost/timeseries",
                       since=at("00:00:00", "2026-02-09"))
    for name in ("call_count", "tokens_in", "tokens_out"):
        assert sum(b[name] for b in series["buckets"]) == summary["totals"][name]
    assert sum(b["cost"] for b in series["buckets"]) == pytest.approx(summary["totals"]["cost"])
