"""GET /v1/tasks: rollup fields, the status cascade, filters, sorts and pagination (audit 2.2.x)."""

from __future__ import annotations

import base64
import json
from typing import Any

import httpx
import pytest

from tests.api.factories import batch, event, sample_batch
from tests.conftest import Keys, make_keys


async def ingest(client: httpx.AsyncClient, keys: Keys, body: dict[str, Any],
                 kind: str = "live") -> None:
    resp = await client.post("/v1/ingest", content=json.dumps(body).encode(),
                             headers={**keys.auth(kind), "Content-Type": "application/json"})
    assert resp.status_code == 200, resp.text


async def get(client: httpx.AsyncClient, keys: Keys, params: Any = None,
              kind: str = "live") -> httpx.Response:
    return await client.get("/v1/tasks", params=params, headers=keys.auth(kind))


async def tasks(client: httpx.AsyncClient, keys: Keys, params: Any = None,
                kind: str = "live") -> list[dict[str, Any]]:
    pairs = list(params.items()) if isinstance(params, dict) else list(params or [])
    resp = await get(client, keys, [("limit", 200), *pairs], kind)
    assert resp.status_code == 200, resp.text
    assert resp.json()["pagination"] == {"cursor": None, "has_more": False}
    data: list[dict[str, Any]] = resp.json()["data"]
    return data


async def task_ids(client: httpx.AsyncClient, keys: Keys, params: Any = None,
                   kind: str = "live") -> list[str]:
    return [t["task_id"] for t in await tasks(client, keys, params, kind)]


def at(minute: int, second: int = 0) -> str:
    return f"2026-02-10T14:{minute:02d}:{second:02d}.000Z"


def llm_call(task_id: str, minute: int, cost: float | None, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"name": "call", "model": "m", "tokens_in": 10, "tokens_out": 5}
    if cost is not None:
        data["cost"] = cost
    return event(event_type="custom", task_id=task_id, timestamp=at(minute, 10),
                 payload={"kind": "llm_call", "summary": "call", "data": data}, **overrides)


def a_task(task_id: str, minute: int, *, end: str | None = None, duration: int | None = None,
           cost: float | None = None, calls: int = 0, **overrides: Any) -> list[dict[str, Any]]:
    """A task started at ``minute``, optionally ended ``end`` 30 s later, with LLM calls."""
    events = [event(event_type="task_started", task_id=task_id, timestamp=at(minute), **overrides)]
    events += [llm_call(task_id, minute, cost, **overrides) for _ in range(calls)]
    if end is not None:
        events.append(event(event_type=end, task_id=task_id, timestamp=at(minute, 30),
                            duration_ms=duration if duration is not None else ..., **overrides))
    return events


def assert_bad_request(resp: httpx.Response, field: str) -> None:
    assert resp.status_code == 400, resp.text
    assert resp.json()["error"] == "invalid_parameter"
    assert resp.json()["details"]["field"] == field


# ---------------------------------------------------------------- fields (2.2.1, 2.2.3)

async def test_sample_batch_rollups(client, api_keys):
    await ingest(client, api_keys, sample_batch())
    by_id = {t["task_id"]: t for t in await tasks(client, api_keys)}
    assert list(by_id) == ["task_lead-4823", "task_lead-4822", "task_lead-4821"]  # newest first
    done = by_id["task_lead-4821"]
    project_id = done.pop("project_id")
    assert project_id.startswith("proj_")
    assert done == {
        "task_id": "task_lead-4821", "task_type": "lead_processing", "task_run_id": "run_abc123",
        "agent_id": "lead-qualifier", "environment": "production",
        "group": "sales-team", "status": "completed", "derived_status": "completed",
        "started_at": "2026-02-10T14:01:00.000Z", "completed_at": "2026-02-10T14:02:30.000Z",
        "duration_ms": 90000, "total_cost": 0.0078, "total_tokens_in": 1200,
        "total_tokens_out": 350, "llm_call_count": 1, "action_count": 2, "error_count": 1,
        "has_escalation": True, "has_human_intervention": True,
    }
    failed = by_id["task_lead-4822"]
    # No task_started: the task starts at its earliest event; no LLM call means null totals.
    assert (failed["status"], failed["started_at"], failed["duration_ms"]) == (
        "failed", "2026-02-10T14:03:00.000Z", 5000)
    assert (failed["total_cost"], failed["total_tokens_in"], failed["llm_call_count"]) == (
        None, None, 0)
    assert failed["error_count"] == 1 and failed["has_escalation"] is False
    planned = by_id["task_lead-4823"]
    assert planned["status"] == "processing" and planned["completed_at"] is None
    assert planned["duration_ms"] is None


async def test_duration_falls_back_to_start_to_end(client, api_keys):
    await ingest(client, api_keys, batch(*a_task("t1", 1, end="task_completed")))
    (row,) = await tasks(client, api_keys)
    assert row["duration_ms"] == 30_000 and row["completed_at"] == "2026-02-10T14:01:30.000Z"


# ---------------------------------------------------------------- the status cascade (2.2.2)

async def cascade_fixture(client: httpx.AsyncClient, keys: Keys, clock: Any) -> None:
    """One task per status; ``sleepy`` registers a 60 s threshold and then goes silent."""
    await ingest(client, keys, batch(
        event(event_type="agent_registered", timestamp=at(0),
              payload={"data": {"stuck_threshold": 60}}),
        *a_task("stuck", 1),
        *a_task("sleepy-done", 1, end="task_completed"),
        *a_task("sleepy-waiting", 1),
        event(event_type="approval_requested", task_id="sleepy-waiting", timestamp=at(1, 5)),
        agent_id="sleepy"))
    await ingest(client, keys, batch(
        event(event_type="heartbeat", timestamp=at(1, 30)),
        *a_task("completed", 1, end="task_completed"),
        *a_task("failed", 1, end="task_failed"),
        # Failed, retried, completed (audit 4.2.7): completed wins.
        *a_task("retried", 1, end="task_failed"),
        event(event_type="retry_started", task_id="retried", timestamp=at(1, 40)),
        event(event_type="task_completed", task_id="retried", timestamp=at(1, 50)),
        *a_task("escalated", 1),
        event(event_type="escalated", task_id="escalated", timestamp=at(1, 5)),
        event(event_type="approval_requested", task_id="escalated", timestamp=at(1, 6)),
        *a_task("waiting", 1),
        event(event_type="approval_requested", task_id="waiting", timestamp=at(1, 5)),
        *a_task("approved", 1),
        event(event_type="approval_requested", task_id="approved", timestamp=at(1, 5)),
        event(event_type="approval_received", task_id="approved", timestamp=at(1, 6)),
        *a_task("processing", 1),
        agent_id="busy"))
    clock.advance(120)  # 14:02: sleepy is silent for 120 s > 60 s; busy beat 30 s ago


EXPECTED_STATUS = {
    "completed": "completed", "retried": "completed", "sleepy-done": "completed",
    "failed": "failed", "escalated": "escalated", "waiting": "waiting",
    "sleepy-waiting": "waiting", "stuck": "stuck", "processing": "processing",
    "approved": "processing",
}


async def test_status_cascade_end_to_end(client, api_keys, clock):
    await cascade_fixture(client, api_keys, clock)
    statuses = {t["task_id"]: (t["status"], t["derived_status"])
                for t in await tasks(client, api_keys)}
    assert statuses == {task: (s, s) for task, s in EXPECTED_STATUS.items()}


async def test_stuck_needs_the_agent_past_its_threshold(client, api_keys, clock):
    await cascade_fixture(client, api_keys, clock)
    clock.advance(-90)  # 14:00:30: only 30 s of silence
    statuses = {t["task_id"]: t["status"] for t in await tasks(client, api_keys)}
    assert statuses["stuck"] == "processing"


@pytest.mark.parametrize("status", ["completed", "failed", "escalated", "waiting", "stuck",
                                    "processing"])
async def test_status_filter_agrees_with_the_derived_status(client, api_keys, clock, status):
    await cascade_fixture(client, api_keys, clock)
    expected = sorted(t for t, s in EXPECTED_STATUS.items() if s == status)
    found = await tasks(client, api_keys, {"status": status})
    assert sorted(t["task_id"] for t in found) == expected
    assert {t["status"] for t in found} == {status}


@pytest.mark.parametrize("params", [
    {"status": "failed,stuck"},
    [("status", "failed"), ("status", "stuck")],
])
async def test_status_filter_comma_and_repeated(client, api_keys, clock, params):
    await cascade_fixture(client, api_keys, clock)
    assert sorted(await task_ids(client, api_keys, params)) == ["failed", "stuck"]


async def test_status_filter_pages_with_the_same_stuck_set(client, api_keys, clock):
    await cascade_fixture(client, api_keys, clock)
    walked = await walk(client, api_keys, {"limit": 1, "status": "stuck,processing,waiting"})
    assert sorted(walked) == ["approved", "processing", "sleepy-waiting", "stuck", "waiting"]


# ---------------------------------------------------------------- filters (2.2.4)

async def filter_fixture(client: httpx.AsyncClient, keys: Keys) -> None:
    await ingest(client, keys, batch(
        *a_task("s1", 1, project_id="sales", task_type="lead"),
        *a_task("s2", 2, project_id="sales", task_type="triage"),
        *a_task("u1", 3),  # no project: the default project
        agent_id="alpha", environment="staging", group="blue"))
    await ingest(client, keys, batch(
        *a_task("p1", 4, project_id="support", task_type="lead"),
        agent_id="beta", environment="production", group="green"))


@pytest.mark.parametrize(("params", "expected"), [
    ({"project_id": "sales"}, ["s2", "s1"]),
    ({"project_id": "support"}, ["p1"]),
    ({"project_id": "default"}, ["u1"]),
    ({"project_id": "proj_default"}, ["u1"]),
    ({"project_id": "no-such-project"}, []),
    ({"agent_id": "alpha"}, ["u1", "s2", "s1"]),
    ({"agent_id": "nobody"}, []),
    ({"task_type": "lead"}, ["p1", "s1"]),
    ({"environment": "staging"}, ["u1", "s2", "s1"]),
    ({"group": "green"}, ["p1"]),
    ({"agent_id": "alpha", "task_type": "lead"}, ["s1"]),
    ({"since": at(2), "until": at(4)}, ["u1", "s2"]),  # since inclusive, until exclusive
    ({"since": "2026-02-10T15:03:00+01:00"}, ["p1", "u1"]),
    ({"until": at(1)}, []),
])
async def test_filters(client, api_keys, params, expected):
    await filter_fixture(client, api_keys)
    assert await task_ids(client, api_keys, params) == expected


async def test_project_filter_by_id(client, api_keys):
    await filter_fixture(client, api_keys)
    project_id = (await tasks(client, api_keys, {"project_id": "support"}))[0]["project_id"]
    assert await task_ids(client, api_keys, {"project_id": project_id}) == ["p1"]


# ---------------------------------------------------------------- sorts (2.2.5)

async def sort_fixture(client: httpx.AsyncClient, keys: Keys) -> None:
    """Durations and costs with ties and NULLs: open tasks and tasks without calls."""
    await ingest(client, keys, batch(
        *a_task("a", 1, end="task_completed", duration=5000, cost=0.5, calls=1),
        *a_task("b", 2, end="task_failed", duration=9000, cost=0.25, calls=2),
        *a_task("c", 3, end="task_completed", duration=5000),
        *a_task("d", 4, cost=0.5, calls=1),
        *a_task("e", 5),
        *a_task("f", 6, calls=1),  # an LLM call without cost: still no total cost
        *a_task("g", 6, end="task_completed", duration=1, cost=0.0, calls=1)))


@pytest.mark.parametrize(("sort", "expected"), [
    ("newest", ["g", "f", "e", "d", "c", "b", "a"]),
    ("oldest", ["a", "b", "c", "d", "e", "f", "g"]),
    ("duration", ["b", "c", "a", "g", "f", "e", "d"]),
    ("cost", ["d", "b", "a", "g", "f", "e", "c"]),
])
async def test_sorts_put_nulls_last_and_break_ties_by_task_id(client, api_keys, sort, expected):
    await sort_fixture(client, api_keys)
    found = await tasks(client, api_keys, {"sort": sort})
    assert [t["task_id"] for t in found] == expected
    if sort == "cost":
        assert [t["total_cost"] for t in found] == [0.5, 0.5, 0.5, 0.0, None, None, None]


async def test_default_sort_is_newest(client, api_keys):
    await sort_fixture(client, api_keys)
    assert await task_ids(client, api_keys) == await task_ids(client, api_keys, {"sort": "newest"})


# ---------------------------------------------------------------- pagination (2.2.6)

async def walk(client: httpx.AsyncClient, keys: Keys, params: dict[str, Any],
               between: Any = None) -> list[str]:
    seen: list[str] = []
    cursor = None
    for page_number in range(100):
        resp = await get(client, keys, {**params, **({"cursor": cursor} if cursor else {})})
        assert resp.status_code == 200, resp.text
        body = resp.json()
        assert len(body["data"]) <= params["limit"]
        seen += [t["task_id"] for t in body["data"]]
        cursor = body["pagination"]["cursor"]
        assert (cursor is not None) == body["pagination"]["has_more"]
        if cursor is None:
            return seen
        if between is not None:
            await between(page_number)
    raise AssertionError("pagination did not end")


@pytest.mark.parametrize("sort", ["newest", "oldest", "duration", "cost"])
@pytest.mark.parametrize("limit", [1, 2, 3])
async def test_walking_pages_matches_one_page(client, api_keys, sort, limit):
    await sort_fixture(client, api_keys)
    everything = await task_ids(client, api_keys, {"sort": sort})
    assert await walk(client, api_keys, {"sort": sort, "limit": limit}) == everything


async def test_pages_are_stable_while_new_tasks_arrive(client, api_keys):
    await sort_fixture(client, api_keys)
    before = await task_ids(client, api_keys)

    async def arrive(page_number: int) -> None:
        await ingest(client, api_keys, batch(*a_task(f"new-{page_number}", 30)))

    assert await walk(client, api_keys, {"limit": 2}, between=arrive) == before


def forged(doc: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(doc).encode()).decode().rstrip("=")


@pytest.mark.parametrize(("sort", "cursor"), [
    ("newest", "garbage"),
    ("newest", forged({"v": 1, "s": "tasks.newest", "k": [None, "a"]})),
    ("newest", forged({"v": 1, "s": "tasks.newest", "k": [1.5, "a"]})),
    ("newest", forged({"v": 1, "s": "tasks.newest", "k": ["x", "a"]})),
    ("newest", forged({"v": 1, "s": "tasks.newest", "k": [1, 2]})),
    ("duration", forged({"v": 1, "s": "tasks.duration", "k": [True, "a"]})),
    ("cost", forged({"v": 1, "s": "tasks.cost", "k": [{}, "a"]})),
    ("newest", forged({"v": 1, "s": "events.newest", "k": [1, 2]})),
])
async def test_a_cursor_we_did_not_issue_is_400(client, api_keys, sort, cursor):
    assert_bad_request(await get(client, api_keys, {"sort": sort, "cursor": cursor}), "cursor")


@pytest.mark.parametrize("other", ["oldest", "duration", "cost"])
async def test_a_cursor_from_another_sort_is_400(client, api_keys, other):
    await sort_fixture(client, api_keys)
    cursor = (await get(client, api_keys, {"limit": 1})).json()["pagination"]["cursor"]
    assert cursor
    assert_bad_request(await get(client, api_keys, {"sort": other, "cursor": cursor}), "cursor")


@pytest.mark.parametrize(("params", "field"), [
    ({"limit": 0}, "limit"),
    ({"limit": 201}, "limit"),
    ({"sort": "priority"}, "sort"),
    ({"status": "running"}, "status"),
    ({"since": "not a time"}, "since"),
    ({"since": at(5), "until": at(1)}, "since"),
])
async def test_bad_parameters_are_400(client, api_keys, params, field):
    assert_bad_request(await get(client, api_keys, params), field)


# ---------------------------------------------------------------- isolation

async def test_test_and_live_keys_never_see_each_others_tasks(client, api_keys):
    await ingest(client, api_keys, batch(*a_task("live-task", 1)))
    await ingest(client, api_keys, batch(*a_task("test-task", 1)), kind="test")
    assert await task_ids(client, api_keys) == ["live-task"]
    assert await task_ids(client, api_keys, kind="read") == ["live-task"]
    assert await task_ids(client, api_keys, kind="test") == ["test-task"]


async def test_another_tenants_tasks_are_invisible(client, api_keys, database):
    other = make_keys(database, "other")
    await ingest(client, other, sample_batch())
    await ingest(client, api_keys, batch(*a_task("mine", 1)))
    assert await task_ids(client, api_keys) == ["mine"]
    assert await task_ids(client, api_keys, {"agent_id": "lead-qualifier"}) == []
