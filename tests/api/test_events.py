"""GET /v1/events: the activity stream (audit 2.4.x), on every database."""

from __future__ import annotations

import base64
import json
from typing import Any

import httpx
import pytest

from tests.api.factories import batch, event, sample_batch
from tests.conftest import Keys, make_keys

SAMPLE_HEARTBEATS = {"evt-002-heartbeat-bare", "evt-022-heartbeat-rich"}


async def ingest(client: httpx.AsyncClient, keys: Keys, body: dict[str, Any],
                 kind: str = "live") -> None:
    resp = await client.post("/v1/ingest", content=json.dumps(body).encode(),
                             headers={**keys.auth(kind), "Content-Type": "application/json"})
    assert resp.status_code == 200, resp.text


async def get(client: httpx.AsyncClient, keys: Keys, params: Any = None,
              kind: str = "live") -> httpx.Response:
    return await client.get("/v1/events", params=params, headers=keys.auth(kind))


async def ids(client: httpx.AsyncClient, keys: Keys, params: Any = None,
              kind: str = "live") -> list[str]:
    pairs = list(params.items()) if isinstance(params, dict) else list(params or [])
    resp = await get(client, keys, [("limit", 200), *pairs], kind)
    assert resp.status_code == 200, resp.text
    assert resp.json()["pagination"] == {"cursor": None, "has_more": False}
    return [e["event_id"] for e in resp.json()["data"]]


def at(minute: int, second: int = 0) -> str:
    return f"2026-02-10T14:{minute:02d}:{second:02d}.000Z"


def sample_ids() -> list[str]:
    return [e["event_id"] for e in sample_batch()["events"]]


def assert_bad_request(resp: httpx.Response, field: str) -> None:
    assert resp.status_code == 400, resp.text
    body = resp.json()
    assert body["error"] == "invalid_parameter"
    assert body["details"]["field"] == field


# ---------------------------------------------------------------- order, shape, heartbeats

async def test_newest_first_with_full_payload_and_render_hint(client, api_keys):
    await ingest(client, api_keys, sample_batch())
    resp = await get(client, api_keys, {"limit": 200})
    data = resp.json()["data"]
    expected = [i for i in reversed(sample_ids()) if i not in SAMPLE_HEARTBEATS]
    assert [e["event_id"] for e in data] == expected  # 2.4.1
    llm = next(e for e in data if e["event_id"] == "evt-005-llm-call")
    assert llm["render_hint"] == "llm_call" and llm["payload_kind"] == "llm_call"
    assert llm["payload"]["data"]["tokens_in"] == 1200  # 2.4.9
    assert llm["agent_id"] == "lead-qualifier" and llm["group"] == "sales-team"
    assert llm["project_id"].startswith("proj_")  # the slug resolved to the project's id
    assert llm["timestamp"].endswith("Z") and llm["received_at"].endswith("Z")
    started = next(e for e in data if e["event_id"] == "evt-003-task-started")
    assert started["render_hint"] is None


async def test_ties_on_timestamp_are_broken_by_arrival_latest_first(client, api_keys):
    same = [event(event_id=f"e{i}", event_type="custom", timestamp=at(1)) for i in range(4)]
    await ingest(client, api_keys, batch(*same[:2]))
    await ingest(client, api_keys, batch(*same[2:]))
    assert await ids(client, api_keys) == ["e3", "e2", "e1", "e0"]


async def test_heartbeats_are_excluded_by_default(client, api_keys):  # 2.4.6
    await ingest(client, api_keys, sample_batch())
    assert not SAMPLE_HEARTBEATS & set(await ids(client, api_keys))
    everything = await ids(client, api_keys, {"exclude_heartbeats": "false"})
    assert set(everything) == set(sample_ids())
    named = await ids(client, api_keys, {"event_type": "heartbeat"})
    assert set(named) == SAMPLE_HEARTBEATS


# ---------------------------------------------------------------- filters

@pytest.mark.parametrize("params", [
    {"event_type": "task_started,task_completed"},
    [("event_type", "task_started"), ("event_type", "task_completed")],
])
async def test_event_type_filter_comma_and_repeated(client, api_keys, params):  # 2.4.2
    await ingest(client, api_keys, sample_batch())
    assert await ids(client, api_keys, params) == ["evt-013-task-completed",
                                                   "evt-003-task-started"]


@pytest.mark.parametrize("params", [
    {"severity": "error,warn"},
    [("severity", "error"), ("severity", "warn")],
])
async def test_severity_filter_comma_and_repeated(client, api_keys, params):  # 2.4.3
    await ingest(client, api_keys, sample_batch())
    assert await ids(client, api_keys, params) == [
        "evt-020-issue", "evt-014-task-failed", "evt-010-escalated", "evt-009-retry",
        "evt-008-action-failed"]


async def test_payload_kind_filter_matches_custom_events_only(client, api_keys):  # 2.4.5
    await ingest(client, api_keys, sample_batch())
    # A non-custom event whose payload claims a kind is not an LLM call.
    await ingest(client, api_keys, batch(event(
        event_id="not-custom", event_type="task_completed", task_id="t9", timestamp=at(9),
        payload={"kind": "llm_call", "summary": "not really"})))
    assert await ids(client, api_keys, {"payload_kind": "llm_call"}) == [
        "evt-021-llm-call-agent-level", "evt-005-llm-call"]
    assert await ids(client, api_keys, [("payload_kind", "issue"), ("payload_kind", "todo")]) == [
        "evt-020-issue", "evt-018-todo"]


async def test_agent_task_environment_and_group_filters(client, api_keys):  # 2.4.4
    await ingest(client, api_keys, batch(
        event(event_id="a1", event_type="task_started", task_id="t1", timestamp=at(1)),
        event(event_id="a2", event_type="custom", timestamp=at(2)),
        agent_id="alpha", environment="staging", group="blue"))
    await ingest(client, api_keys, batch(
        event(event_id="b1", event_type="task_started", task_id="t2", timestamp=at(3)),
        agent_id="beta", environment="production", group="green"))
    assert await ids(client, api_keys, {"agent_id": "alpha"}) == ["a2", "a1"]
    assert await ids(client, api_keys, {"task_id": "t2"}) == ["b1"]
    assert await ids(client, api_keys, {"environment": "staging"}) == ["a2", "a1"]
    assert await ids(client, api_keys, {"group": "green"}) == ["b1"]
    assert await ids(client, api_keys, {"agent_id": "alpha", "group": "green"}) == []
    assert await ids(client, api_keys, {"agent_id": "nobody"}) == []
    assert await ids(client, api_keys, {"task_id": "no-such-task"}) == []


async def test_since_is_inclusive_and_until_exclusive(client, api_keys):  # 2.4.7
    await ingest(client, api_keys, batch(*(
        event(event_id=f"m{m}", event_type="custom", timestamp=at(m)) for m in range(1, 6))))
    assert await ids(client, api_keys, {"since": at(2), "until": at(4)}) == ["m3", "m2"]
    assert await ids(client, api_keys, {"since": "2026-02-10T15:04:00+01:00"}) == ["m5", "m4"]
    resp = await get(client, api_keys, {"since": at(4), "until": at(2)})
    assert_bad_request(resp, "since")
    assert_bad_request(await get(client, api_keys, {"since": "yesterday"}), "since")


# ---------------------------------------------------------------- project scope

async def project_fixture(client: httpx.AsyncClient, keys: Keys) -> None:
    """``alpha`` works in sales, ``beta`` in support, ``gamma`` never names a project."""
    await ingest(client, keys, batch(
        event(event_id="alpha-task", event_type="task_started", task_id="t1",
              project_id="sales", timestamp=at(1)),
        event(event_id="alpha-heartbeat", event_type="heartbeat", timestamp=at(2)),
        event(event_id="alpha-issue", event_type="custom", timestamp=at(3),
              payload={"kind": "issue", "summary": "x", "data": {"severity": "low"}}),
        event(event_id="alpha-unassigned-task", event_type="task_started", task_id="t3",
              timestamp=at(4)),
        agent_id="alpha"))
    await ingest(client, keys, batch(
        event(event_id="beta-task", event_type="task_started", task_id="t2",
              project_id="support", timestamp=at(5)),
        event(event_id="beta-registered", event_type="agent_registered", timestamp=at(6)),
        agent_id="beta"))
    await ingest(client, keys, batch(
        event(event_id="gamma-custom", event_type="custom", timestamp=at(7)),
        agent_id="gamma"))


async def test_project_scope_includes_agent_level_events_of_members(client, api_keys):
    await project_fixture(client, api_keys)
    sales = await ids(client, api_keys, {"project_id": "sales", "exclude_heartbeats": "false"})
    assert sales == ["alpha-issue", "alpha-heartbeat", "alpha-task"]
    assert await ids(client, api_keys, {"project_id": "support"}) == [
        "beta-registered", "beta-task"]
    project_id = (await get(client, api_keys, {"task_id": "t1"})
                  ).json()["data"][0]["project_id"]
    by_id = await ids(client, api_keys, {"project_id": project_id, "exclude_heartbeats": "false"})
    assert by_id == sales
    assert await ids(client, api_keys, {"project_id": "no-such-project"}) == []


async def test_task_events_without_project_belong_to_the_default_project(client, api_keys):
    await project_fixture(client, api_keys)
    assert await ids(client, api_keys, {"project_id": "default"}) == ["alpha-unassigned-task"]
    assert await ids(client, api_keys, {"project_id": "proj_default"}) == [
        "alpha-unassigned-task"]


# ---------------------------------------------------------------- pagination

async def walk(client: httpx.AsyncClient, keys: Keys, params: dict[str, Any],
               between: Any = None) -> list[str]:
    seen: list[str] = []
    cursor = None
    for page_number in range(100):
        resp = await get(client, keys, {**params, **({"cursor": cursor} if cursor else {})})
        assert resp.status_code == 200, resp.text
        body = resp.json()
        assert len(body["data"]) <= params["limit"]
        seen += [e["event_id"] for e in body["data"]]
        cursor = body["pagination"]["cursor"]
        assert (cursor is not None) == body["pagination"]["has_more"]
        if cursor is None:
            return seen
        if between is not None:
            await between(page_number)
    raise AssertionError("pagination did not end")


async def test_pagination_walk_has_no_repeats_or_gaps_even_on_timestamp_ties(client, api_keys):
    await ingest(client, api_keys, sample_batch())
    # Seven events sharing one timestamp straddle page boundaries.
    await ingest(client, api_keys, batch(*(
        event(event_id=f"tie-{i}", event_type="custom", timestamp=at(1, 30)) for i in range(7))))
    everything = await ids(client, api_keys)
    for limit in (1, 3, 7):
        assert await walk(client, api_keys, {"limit": limit}) == everything  # 2.4.8


async def test_pagination_is_stable_while_new_events_arrive(client, api_keys):
    await ingest(client, api_keys, sample_batch())
    before = await ids(client, api_keys)

    async def arrive(page_number: int) -> None:
        await ingest(client, api_keys, batch(
            event(event_id=f"new-{page_number}", event_type="custom", timestamp=at(30)),
            event(event_id=f"tie-{page_number}", event_type="custom", timestamp=at(5, 30))))

    # Events newer than the walk's position never appear in later pages; the walk neither
    # repeats nor skips what was there when it started.
    seen = await walk(client, api_keys, {"limit": 4}, between=arrive)
    assert seen == before


async def test_filters_apply_across_pages(client, api_keys):
    await ingest(client, api_keys, sample_batch())
    expected = await ids(client, api_keys, {"event_type": "custom"})
    assert await walk(client, api_keys, {"limit": 2, "event_type": "custom"}) == expected


def forged(doc: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(doc).encode()).decode().rstrip("=")


@pytest.mark.parametrize("cursor", [
    "garbage",
    "!!!!",
    forged({"v": 1, "s": "events.newest", "k": ["x", 1]}),
    forged({"v": 1, "s": "events.newest", "k": [1, True]}),
    forged({"v": 1, "s": "events.newest", "k": [1]}),
    forged({"v": 1, "s": "tasks.newest", "k": [1, "t"]}),
    forged({"v": 2, "s": "events.newest", "k": [1, 1]}),
])
async def test_a_cursor_we_did_not_issue_is_400(client, api_keys, cursor):
    assert_bad_request(await get(client, api_keys, {"cursor": cursor}), "cursor")


async def test_a_task_list_cursor_is_refused(client, api_keys):
    await ingest(client, api_keys, batch(*(
        event(event_type="task_started", task_id=f"t{i}", timestamp=at(i)) for i in range(3))))
    tasks = await client.get("/v1/tasks", params={"limit": 1}, headers=api_keys.auth())
    cursor = tasks.json()["pagination"]["cursor"]
    assert cursor
    assert_bad_request(await get(client, api_keys, {"cursor": cursor}), "cursor")


@pytest.mark.parametrize(("params", "field"), [
    ({"limit": 0}, "limit"),
    ({"limit": 201}, "limit"),
    ({"event_type": "task_exploded"}, "event_type"),
    ({"severity": "critical"}, "severity"),
    ({"payload_kind": "heartbeat_status"}, "payload_kind"),
    ({"exclude_heartbeats": "maybe"}, "exclude_heartbeats"),
])
async def test_bad_parameters_are_400(client, api_keys, params, field):
    assert_bad_request(await get(client, api_keys, params), field)


# ---------------------------------------------------------------- isolation

async def test_test_and_live_keys_never_see_each_others_events(client, api_keys):
    await ingest(client, api_keys, batch(event(event_id="live-1", event_type="custom")))
    await ingest(client, api_keys, batch(event(event_id="test-1", event_type="custom")),
                 kind="test")
    assert await ids(client, api_keys) == ["live-1"]
    assert await ids(client, api_keys, kind="read") == ["live-1"]
    assert await ids(client, api_keys, kind="test") == ["test-1"]


async def test_another_tenants_events_are_invisible(client, api_keys, database):
    other = make_keys(database, "other")
    await ingest(client, other, sample_batch())
    await ingest(client, api_keys, batch(event(event_id="mine", event_type="custom")))
    assert await ids(client, api_keys, {"exclude_heartbeats": "false"}) == ["mine"]
    assert await ids(client, api_keys, {"agent_id": "lead-qualifier"}) == []


async def test_requires_authentication(client):
    resp = await client.get("/v1/events")
    assert resp.status_code == 401
