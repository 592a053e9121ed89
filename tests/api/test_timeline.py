"""GET /v1/tasks/{task_id}/timeline: events, action tree, error chains, plan, runs (audit 2.3.x)."""

from __future__ import annotations

import json
from typing import Any

import httpx

from hiveboard.services import tasks as task_service
from tests.api.factories import batch, event, sample_batch
from tests.conftest import Keys, make_keys


async def ingest(client: httpx.AsyncClient, keys: Keys, body: dict[str, Any],
                 kind: str = "live") -> None:
    resp = await client.post("/v1/ingest", content=json.dumps(body).encode(),
                             headers={**keys.auth(kind), "Content-Type": "application/json"})
    assert resp.status_code == 200, resp.text


async def get(client: httpx.AsyncClient, keys: Keys, task_id: str, params: Any = None,
              kind: str = "live") -> httpx.Response:
    return await client.get(f"/v1/tasks/{task_id}/timeline", params=params,
                            headers=keys.auth(kind))


async def timeline(client: httpx.AsyncClient, keys: Keys, task_id: str, params: Any = None,
                   kind: str = "live") -> dict[str, Any]:
    resp = await get(client, keys, task_id, params, kind)
    assert resp.status_code == 200, resp.text
    body: dict[str, Any] = resp.json()
    return body


async def task_row(client: httpx.AsyncClient, keys: Keys, task_id: str) -> dict[str, Any]:
    resp = await client.get("/v1/tasks", headers=keys.auth())
    (row,) = [t for t in resp.json()["data"] if t["task_id"] == task_id]
    return dict(row)


def at(minute: int, second: int = 0) -> str:
    return f"2026-02-10T14:{minute:02d}:{second:02d}.000Z"


def assert_not_found(resp: httpx.Response) -> None:
    assert resp.status_code == 404, resp.text
    assert resp.json()["error"] == "task_not_found"


def plan_step(task_id: str, t: str, **data: Any) -> dict[str, Any]:
    summary = data.pop("summary", "step")
    return event(event_type="custom", task_id=task_id, timestamp=t,
                 payload={"kind": "plan_step", "summary": summary, "data": data})


# ---------------------------------------------------------------- the sample batch

async def test_sample_task_timeline(client, api_keys):
    await ingest(client, api_keys, sample_batch())
    body = await timeline(client, api_keys, "task_lead-4821")
    assert [e["event_id"] for e in body["events"]] == [
        "evt-003-task-started", "evt-004-action-started", "evt-005-llm-call",
        "evt-006-action-completed", "evt-007-action-started-nested", "evt-008-action-failed",
        "evt-009-retry", "evt-010-escalated", "evt-011-approval-requested",
        "evt-012-approval-received", "evt-013-task-completed"]  # 2.3.1
    hints = {e["event_id"]: e["render_hint"] for e in body["events"]}
    assert hints["evt-005-llm-call"] == "llm_call" and hints["evt-003-task-started"] is None
    llm = body["events"][2]
    assert llm["payload"]["data"]["model"] == "claude-sonnet-4-20250514"  # 2.3.5
    assert body["action_tree"] == [{  # 2.3.2
        "action_id": "act-001-score", "name": "score_lead", "parent_action_id": None,
        "status": "completed", "started_at": "2026-02-10T14:01:01.000Z",
        "completed_at": "2026-02-10T14:01:05.000Z", "duration_ms": 4000,
        "children": [{
            "action_id": "act-002-enrich", "name": "enrich_lead",
            "parent_action_id": "act-001-score", "status": "failed",
            "started_at": "2026-02-10T14:01:06.000Z", "completed_at": "2026-02-10T14:01:08.000Z",
            "duration_ms": 2000, "children": []}],
    }]
    assert body["error_chains"] == [{  # 2.3.3
        "original_event_id": "evt-008-action-failed",
        "chain": ["evt-008-action-failed", "evt-009-retry", "evt-010-escalated"]}]
    assert body["plan"] is None
    project_id = body.pop("project_id")
    assert project_id.startswith("proj_")
    for key in ("events", "action_tree", "error_chains", "plan"):
        body.pop(key)
    assert body == {  # 2.3.6
        "task_id": "task_lead-4821", "task_run_id": "run_abc123", "agent_id": "lead-qualifier",
        "task_type": "lead_processing", "environment": "production", "group": "sales-team",
        "status": "completed", "derived_status": "completed",
        "started_at": "2026-02-10T14:01:00.000Z", "completed_at": "2026-02-10T14:02:30.000Z",
        "duration_ms": 90000, "total_cost": 0.0078, "total_tokens_in": 1200,
        "total_tokens_out": 350, "llm_call_count": 1, "truncated": False,
    }


async def test_header_of_a_single_run_task_equals_its_list_row(client, api_keys):
    await ingest(client, api_keys, sample_batch())
    for task_id in ("task_lead-4821", "task_lead-4822", "task_lead-4823"):
        body = await timeline(client, api_keys, task_id)
        row = await task_row(client, api_keys, task_id)
        assert {k: body[k] for k in row if k in body} == {k: row[k] for k in row if k in body}


async def test_sample_plan_overlay(client, api_keys):  # 2.3.4
    await ingest(client, api_keys, sample_batch())
    body = await timeline(client, api_keys, "task_lead-4823")
    assert [e["render_hint"] for e in body["events"]] == ["plan_created", "plan_step"]
    assert body["plan"] == {
        "goal": "3-step plan: qualify, score, route", "revision": 0, "total_steps": 3,
        "completed_steps": 1,
        "steps": [
            {"step_index": 0, "description": "Qualify lead against ICP criteria",
             "action": "completed", "started_at": None,
             "completed_at": "2026-02-10T14:04:30.000Z", "turns": 2, "tokens": 3500},
            {"step_index": 1, "description": "Score lead using engagement model",
             "action": "pending", "started_at": None, "completed_at": None, "turns": None,
             "tokens": None},
            {"step_index": 2, "description": "Route lead to appropriate rep",
             "action": "pending", "started_at": None, "completed_at": None, "turns": None,
             "tokens": None},
        ],
    }


# ---------------------------------------------------------------- plan rules

async def test_plan_from_steps_only_with_revision_and_unknown_actions(client, api_keys):
    await ingest(client, api_keys, batch(
        event(event_type="task_started", task_id="t", timestamp=at(1)),
        plan_step("t", at(1, 1), step_index=0, total_steps=3, action="started",
                  summary="Step 0 started: Fetch data"),
        plan_step("t", at(1, 2), step_index=0, total_steps=3, action="completed", turns=-1,
                  tokens=40),
        plan_step("t", at(1, 3), step_index=1, total_steps=3, action="thinking",
                  step_description="Decide", plan_revision=2)))
    plan = (await timeline(client, api_keys, "t"))["plan"]
    assert (plan["goal"], plan["revision"], plan["total_steps"], plan["completed_steps"]) == (
        None, 2, 3, 1)
    first, second, third = plan["steps"]
    assert first == {"step_index": 0, "description": "Fetch data", "action": "completed",
                     "started_at": "2026-02-10T14:01:01.000Z",
                     "completed_at": "2026-02-10T14:01:02.000Z", "turns": None, "tokens": 40}
    assert (second["description"], second["action"]) == ("Decide", "started")
    assert third["action"] == "pending"


async def test_highest_plan_revision_wins_and_resets_progress(client, api_keys):
    def created(t: str, revision: int, steps: list[str]) -> dict[str, Any]:
        return event(event_type="custom", task_id="t", timestamp=t, payload={
            "kind": "plan_created", "summary": f"rev {revision}",
            "data": {"goal": f"goal {revision}", "revision": revision, "steps": steps}})

    await ingest(client, api_keys, batch(
        created(at(1), 0, ["a", "b"]),
        plan_step("t", at(1, 5), step_index=0, total_steps=2, action="completed"),
        created(at(2), 1, ["x", "y", "z"])))
    plan = (await timeline(client, api_keys, "t"))["plan"]
    assert (plan["goal"], plan["revision"], plan["total_steps"], plan["completed_steps"]) == (
        "goal 1", 1, 3, 0)
    assert [s["description"] for s in plan["steps"]] == ["x", "y", "z"]
    assert {s["action"] for s in plan["steps"]} == {"pending"}


# ---------------------------------------------------------------- action tree details

async def test_action_status_names_and_partial_actions(client, api_keys):
    await ingest(client, api_keys, batch(
        event(event_type="action_started", task_id="t", action_id="run", timestamp=at(1),
              payload={"action_name": "still_running"}),
        event(event_type="action_failed", task_id="t", action_id="late", timestamp=at(1, 30),
              status="timeout", payload={"action_name": "only_the_end"}),
        event(event_type="action_started", task_id="t", action_id="kid", timestamp=at(1, 10),
              parent_action_id="run", payload={"summary": "named by summary"}),
        event(event_type="action_completed", task_id="t", action_id="kid",
              parent_action_id="run", timestamp=at(1, 12))))
    tree = (await timeline(client, api_keys, "t"))["action_tree"]
    assert [(n["action_id"], n["name"], n["status"]) for n in tree] == [
        ("run", "still_running", "running"), ("late", "only_the_end", "failed")]
    assert tree[0]["completed_at"] is None and tree[0]["duration_ms"] is None
    assert tree[1]["started_at"] is None and tree[1]["completed_at"] == "2026-02-10T14:01:30.000Z"
    (kid,) = tree[0]["children"]
    assert (kid["name"], kid["status"], kid["duration_ms"]) == ("named by summary",
                                                               "completed", 2000)


async def test_very_deep_nesting_is_capped_not_a_500(client, api_keys):
    depth = 150
    await ingest(client, api_keys, batch(*(
        event(event_type="action_started", task_id="deep", action_id=f"a{i}",
              parent_action_id=f"a{i - 1}" if i else ..., timestamp=at(1 + i // 60, i % 60))
        for i in range(depth))))
    node = (await timeline(client, api_keys, "deep"))["action_tree"][0]
    levels = 1
    while node["children"] and node["children"][0]["children"]:
        node = node["children"][0]
        levels += 1
    assert levels == task_service.MAX_ACTION_DEPTH - 1
    listed = node["children"]
    assert [n["action_id"] for n in listed] == [f"a{i}" for i in range(99, depth)]
    assert listed[-1]["parent_action_id"] == f"a{depth - 2}"


# ---------------------------------------------------------------- runs

async def two_runs(client: httpx.AsyncClient, keys: Keys) -> None:
    """Run r1 fails, run r2 (a retry under the same task id) completes; one event names no
    run."""
    def llm(run: str, t: str, cost: float) -> dict[str, Any]:
        return event(event_id=f"{run}-llm", event_type="custom", task_id="job",
                     task_run_id=run, timestamp=t,
                     payload={"kind": "llm_call", "summary": "c",
                              "data": {"name": "c", "model": "m", "cost": cost,
                                       "tokens_in": 1, "tokens_out": 2}})

    await ingest(client, keys, batch(
        event(event_id="r1-start", event_type="task_started", task_id="job",
              task_run_id="r1", timestamp=at(1)),
        llm("r1", at(1, 10), 0.25),
        event(event_id="no-run", event_type="custom", task_id="job", timestamp=at(1, 20)),
        event(event_id="r1-fail", event_type="task_failed", task_id="job",
              task_run_id="r1", timestamp=at(2)),
        event(event_id="r2-start", event_type="task_started", task_id="job",
              task_run_id="r2", timestamp=at(3)),
        llm("r2", at(3, 10), 0.5),
        event(event_id="r2-done", event_type="task_completed", task_id="job",
              task_run_id="r2", timestamp=at(4), duration_ms=60000)))


async def test_latest_run_by_default_with_run_less_events(client, api_keys):
    await two_runs(client, api_keys)
    body = await timeline(client, api_keys, "job")
    assert body["task_run_id"] == "r2"
    assert [e["event_id"] for e in body["events"]] == ["no-run", "r2-start", "r2-llm",
                                                      "r2-done"]
    assert (body["status"], body["started_at"], body["completed_at"], body["duration_ms"]) == (
        "completed", "2026-02-10T14:03:00.000Z", "2026-02-10T14:04:00.000Z", 60000)
    assert (body["total_cost"], body["llm_call_count"], body["total_tokens_in"]) == (0.5, 1, 1)
    row = await task_row(client, api_keys, "job")
    assert (row["task_run_id"], row["status"], row["total_cost"]) == ("r2", "completed", 0.75)


async def test_an_older_run_by_id(client, api_keys):
    await two_runs(client, api_keys)
    body = await timeline(client, api_keys, "job", {"task_run_id": "r1"})
    assert [e["event_id"] for e in body["events"]] == ["r1-start", "r1-llm", "no-run",
                                                      "r1-fail"]
    assert (body["task_run_id"], body["status"], body["completed_at"], body["duration_ms"]) == (
        "r1", "failed", "2026-02-10T14:02:00.000Z", 60000)
    assert (body["total_cost"], body["llm_call_count"]) == (0.25, 1)


async def test_a_task_without_run_ids_is_one_run(client, api_keys):
    await ingest(client, api_keys, batch(
        event(event_type="task_started", task_id="plain", timestamp=at(1)),
        event(event_type="task_completed", task_id="plain", timestamp=at(2))))
    body = await timeline(client, api_keys, "plain")
    assert body["task_run_id"] is None and len(body["events"]) == 2
    assert body["status"] == "completed"


# ---------------------------------------------------------------- status and size

async def test_open_task_of_a_stuck_agent_is_stuck(client, api_keys, clock):
    await ingest(client, api_keys, batch(
        event(event_type="agent_registered", timestamp=at(0),
              payload={"data": {"stuck_threshold": 60}}),
        event(event_type="task_started", task_id="t", timestamp=at(0, 10))))
    assert (await timeline(client, api_keys, "t"))["status"] == "processing"
    clock.advance(61)
    assert (await timeline(client, api_keys, "t"))["status"] == "stuck"


async def test_truncated_single_run_keeps_the_full_header(client, api_keys, monkeypatch):
    monkeypatch.setattr(task_service, "TIMELINE_MAX_EVENTS", 3)
    await ingest(client, api_keys, sample_batch())
    body = await timeline(client, api_keys, "task_lead-4821")
    assert body["truncated"] is True
    assert [e["event_id"] for e in body["events"]] == [
        "evt-003-task-started", "evt-004-action-started", "evt-005-llm-call"]
    assert (body["status"], body["total_cost"]) == ("completed", 0.0078)


async def test_truncated_run_header_covers_the_whole_run(client, api_keys, monkeypatch):
    monkeypatch.setattr(task_service, "TIMELINE_MAX_EVENTS", 2)
    await two_runs(client, api_keys)
    body = await timeline(client, api_keys, "job")
    assert body["truncated"] is True and len(body["events"]) == 2
    assert (body["status"], body["total_cost"], body["completed_at"]) == (
        "completed", 0.5, "2026-02-10T14:04:00.000Z")
    untruncated = await timeline(client, api_keys, "job", {"task_run_id": "r1"})
    assert untruncated["truncated"] is True  # r1 has 4 events
    assert untruncated["status"] == "failed"


# ---------------------------------------------------------------- 404s and isolation

async def test_unknown_task_and_unknown_run_are_404(client, api_keys):  # 2.3.7
    await two_runs(client, api_keys)
    assert_not_found(await get(client, api_keys, "no-such-task"))
    assert_not_found(await get(client, api_keys, "job", {"task_run_id": "r9"}))


async def test_test_and_live_keys_never_see_each_others_tasks(client, api_keys):
    await ingest(client, api_keys, sample_batch())
    assert_not_found(await get(client, api_keys, "task_lead-4821", kind="test"))
    await ingest(client, api_keys, batch(event(event_type="task_started", task_id="only-test")),
                 kind="test")
    assert (await timeline(client, api_keys, "only-test", kind="test"))["task_id"] == "only-test"
    assert_not_found(await get(client, api_keys, "only-test", kind="live"))
    assert_not_found(await get(client, api_keys, "only-test", kind="read"))


async def test_another_tenants_task_is_404(client, api_keys, database):
    other = make_keys(database, "other")
    await ingest(client, other, sample_batch())
    assert_not_found(await get(client, api_keys, "task_lead-4821"))
    assert (await timeline(client, other, "task_lead-4821"))["status"] == "completed"


async def test_bad_run_id_is_400(client, api_keys):
    resp = await get(client, api_keys, "t", {"task_run_id": "x" * 257})
    assert resp.status_code == 400 and resp.json()["details"]["field"] == "task_run_id"
