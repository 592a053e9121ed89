"""POST /v1/ingest: every rule of the contract, on every database."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from hiveboard.settings import Settings
from tests.api.factories import batch, event, sample_batch
from tests.api.helpers import agent_row, count_events, project_agents, projects, stored_event
from tests.conftest import Keys


async def post(client: httpx.AsyncClient, keys: Keys, body: Any, kind: str = "live",
               **kwargs: Any) -> httpx.Response:
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    headers = {**keys.auth(kind), "Content-Type": "application/json", **kwargs.pop("headers", {})}
    return await client.post("/v1/ingest", content=content, headers=headers, **kwargs)


def assert_error_shape(resp: httpx.Response, status: int, code: str) -> dict[str, Any]:
    assert resp.status_code == status, resp.text
    body: dict[str, Any] = resp.json()
    assert set(body) == {"error", "message", "status", "details"}
    assert body["error"] == code and body["status"] == status and body["message"]
    return body


async def test_sample_batch_is_accepted_in_full(client, api_keys, database):
    resp = await post(client, api_keys, sample_batch())
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert body["accepted"] == 22 and body["rejected"] == 0 and body["errors"] == []
    assert count_events(database) == 22


async def test_resending_a_batch_stores_nothing_twice_and_counts_duplicates(client, api_keys, database):
    await post(client, api_keys, sample_batch())
    resp = await post(client, api_keys, sample_batch())
    assert resp.status_code == 200
    assert resp.json()["accepted"] == 22 and resp.json()["duplicates"] == 22
    assert count_events(database) == 22


async def test_duplicate_inside_one_batch_is_stored_once(client, api_keys, database):
    ev = event()
    resp = await post(client, api_keys, batch(ev, dict(ev)))
    assert resp.json()["accepted"] == 2 and resp.json()["duplicates"] == 1
    assert count_events(database) == 1


def _llm_call(cost: float, event_id: str | None = None) -> dict[str, Any]:
    ev = event(event_type="custom", task_id="t-mixed", severity="info",
               payload={"kind": "llm_call", "summary": "call",
                        "data": {"name": "call", "model": "m", "cost": cost}})
    return ev if event_id is None else {**ev, "event_id": event_id}


async def test_batch_mixing_stored_and_new_events_folds_only_the_new_ones(
        client, api_keys, database):
    # The rollups fold exactly the rows this batch inserted: a re-sent call counted again
    # would double the task's cost.
    first = _llm_call(1.0)
    await post(client, api_keys, batch(event(event_type="task_started", task_id="t-mixed",
                                             severity="info"), first))
    resp = await post(client, api_keys, batch(dict(first), _llm_call(2.0), _llm_call(4.0)))
    assert resp.json()["accepted"] == 3 and resp.json()["duplicates"] == 1
    assert count_events(database) == 4
    tasks = (await client.get("/v1/tasks", headers=api_keys.auth())).json()["data"]
    assert [(t["task_id"], t["llm_call_count"]) for t in tasks] == [("t-mixed", 3)]
    assert tasks[0]["total_cost"] == pytest.approx(7.0)


async def test_envelope_expansion_and_server_received_at(client, api_keys, database, clock):
    ev = event(event_type="task_started", task_id="t1", severity=...)
    await post(client, api_keys, batch(ev, agent_id="lead-qualifier", environment="staging",
                                       group="sales-team", agent_type="sales"))
    row = stored_event(database, ev["event_id"])
    assert row["agent_id"] == "lead-qualifier" and row["environment"] == "staging"
    assert row["group"] == "sales-team" and row["agent_type"] == "sales"
    assert row["received_at"] == clock.now


async def test_envelope_defaults_apply(client, api_keys, database):
    ev = event()
    body = {"envelope": {"agent_id": "a"}, "events": [ev]}
    assert (await post(client, api_keys, body)).status_code == 200
    row = stored_event(database, ev["event_id"])
    assert (row["environment"], row["group"], row["agent_type"]) == ("production", "default", "general")


@pytest.mark.parametrize(
    ("body", "why"),
    [
        ({"events": []}, "envelope"),
        ({"envelope": {"agent_type": "x"}, "events": []}, "agent_id"),
        ({"envelope": {"agent_id": "x" * 257}, "events": []}, "agent_id"),
        ({"envelope": {"agent_id": ""}, "events": []}, "agent_id"),
        ({"envelope": {"agent_id": 5}, "events": []}, "agent_id"),
        ({"envelope": {"agent_id": "a"}, "events": {}}, "events"),
        ([1, 2], "object"),
    ],
)
async def test_invalid_envelope_is_400_invalid_batch_never_422(client, api_keys, body, why):
    err = assert_error_shape(await post(client, api_keys, body), 400, "invalid_batch")
    assert why in err["message"] or why in json.dumps(err["details"])


async def test_malformed_json_and_bad_utf8_are_invalid_batch(client, api_keys, database):
    assert_error_shape(await post(client, api_keys, b'{"envelope": '), 400, "invalid_batch")
    assert_error_shape(await post(client, api_keys, b'{"envelope": {"agent_id": "\xff"}}'),
                       400, "invalid_batch")
    assert count_events(database) == 0


async def test_more_than_500_events_is_refused_whole(client, api_keys, database):
    body = batch(*[event() for _ in range(501)])
    err = assert_error_shape(await post(client, api_keys, body), 400, "invalid_batch")
    assert err["details"]["limit"] == 500
    assert count_events(database) == 0


async def test_body_over_one_megabyte_is_413(client, api_keys, database):
    big = batch(*[event(payload={"summary": "x", "data": {"blob": "y" * 30_000}}) for _ in range(40)])
    assert_error_shape(await post(client, api_keys, big), 413, "payload_too_large")
    assert count_events(database) == 0


async def test_streamed_body_over_limit_is_413_without_content_length(client, api_keys):
    async def chunks():
        for _ in range(20):
            yield b" " * 100_000

    resp = await client.post("/v1/ingest", content=chunks(),
                             headers={**api_keys.auth(), "Content-Type": "application/json"})
    assert_error_shape(resp, 413, "payload_too_large")


@pytest.mark.parametrize(
    ("bad", "code", "field"),
    [
        ({"event_id": ...}, "missing_required_field", "event_id"),
        ({"timestamp": ...}, "missing_required_field", "timestamp"),
        ({"event_type": ...}, "missing_required_field", "event_type"),
        ({"event_type": "task_exploded"}, "invalid_event_type", "event_type"),
        ({"severity": "critical"}, "invalid_field", "severity"),
        ({"timestamp": "not-a-date"}, "invalid_field", "timestamp"),
        ({"timestamp": 0}, "invalid_field", "timestamp"),
        ({"timestamp": "1901-01-01T00:00:00.000Z"}, "invalid_field", "timestamp"),
        ({"duration_ms": 2**70}, "invalid_field", "duration_ms"),
        ({"duration_ms": "5"}, "invalid_field", "duration_ms"),
        ({"duration_ms": -1}, "invalid_field", "duration_ms"),
        ({"task_id": "t" * 257}, "field_size_exceeded", "task_id"),
        ({"payload": {"summary": "s" * 513}}, "field_size_exceeded", "payload.summary"),
        ({"payload": {"summary": "big", "data": {"blob": "z" * 33_000}}}, "field_size_exceeded", "payload"),
        ({"task_id": "t\u0000"}, "invalid_field", "task_id"),
        ({"agent_id": "a" * 300}, "invalid_field", "agent_id"),
    ],
)
async def test_one_bad_event_is_rejected_alone_with_207(client, api_keys, database, bad, code, field):
    good1, good2 = event(), event()
    broken = event(**bad)
    resp = await post(client, api_keys, batch(good1, broken, good2))
    assert resp.status_code == 207, resp.text
    body = resp.json()
    assert body["accepted"] == 2 and body["rejected"] == 1
    (error,) = body["errors"]
    assert error["error"] == code and error["index"] == 1
    assert error["field"] == field
    assert error["event_id"] == broken.get("event_id")
    assert count_events(database) == 2


async def test_all_events_rejected_is_still_207(client, api_keys, database):
    resp = await post(client, api_keys, batch(event(event_type="nope")))
    assert resp.status_code == 207 and resp.json()["accepted"] == 0
    assert count_events(database) == 0


async def test_empty_batch_is_accepted(client, api_keys):
    resp = await post(client, api_keys, batch())
    assert resp.status_code == 200 and resp.json()["accepted"] == 0


async def test_timestamps_are_normalised_to_utc(client, api_keys, database):
    offset = event(timestamp="2026-02-10T16:00:00+02:00")
    naive = event(timestamp="2026-02-10T14:00:00")
    resp = await post(client, api_keys, batch(offset, naive))
    assert resp.status_code == 200
    warnings = resp.json()["warnings"]
    assert [w["warning"] for w in warnings] == ["timestamp_assumed_utc"]
    assert warnings[0]["event_id"] == naive["event_id"]
    a = stored_event(database, offset["event_id"])["timestamp"]
    b = stored_event(database, naive["event_id"])["timestamp"]
    assert a == b and a.utcoffset().total_seconds() == 0


async def test_nul_in_payload_is_sanitised_with_a_warning(client, api_keys, database):
    ev = event(event_type="custom", severity="info",
               payload={"kind": "llm_call", "summary": "a\u0000b",
                        "data": {"name": "n", "model": "m", "response_preview": "x\u0000"}})
    resp = await post(client, api_keys, batch(ev))
    assert resp.status_code == 200
    assert "payload_sanitized" in [w["warning"] for w in resp.json()["warnings"]]
    stored = stored_event(database, ev["event_id"])["payload"]
    assert stored["summary"] == "a\ufffdb" and stored["data"]["response_preview"] == "x\ufffd"


@pytest.mark.parametrize(
    ("event_type", "payload", "expected"),
    [
        ("heartbeat", None, "debug"),
        ("task_started", None, "info"),
        ("task_failed", None, "error"),
        ("action_failed", None, "error"),
        ("retry_started", None, "warn"),
        ("escalated", None, "warn"),
        ("custom", {"kind": "queue_snapshot", "summary": "q", "data": {"depth": 1}}, "debug"),
        ("custom", {"kind": "issue", "summary": "i", "data": {"severity": "critical"}}, "error"),
        ("custom", {"kind": "todo", "summary": "t", "data": {"todo_id": "1", "action": "failed"}}, "warn"),
    ],
)
async def test_severity_defaults_when_absent(client, api_keys, database, event_type, payload, expected):
    ev = event(event_type=event_type, severity=..., payload=payload if payload else ...)
    await post(client, api_keys, batch(ev))
    assert stored_event(database, ev["event_id"])["severity"] == expected


async def test_sent_severity_is_kept(client, api_keys, database):
    ev = event(event_type="task_failed", severity="warn")
    await post(client, api_keys, batch(ev))
    assert stored_event(database, ev["event_id"])["severity"] == "warn"


async def test_payload_convention_problems_are_warnings_not_rejections(client, api_keys, database):
    ev = event(event_type="custom", severity="info",
               payload={"kind": "llm_call", "summary": "call", "data": {"name": "x"}})
    resp = await post(client, api_keys, batch(ev))
    assert resp.status_code == 200
    (warning,) = resp.json()["warnings"]
    assert warning["warning"] == "payload_convention" and "model" in warning["message"]
    assert count_events(database) == 1


async def test_llm_call_columns_are_extracted(client, api_keys, database):
    await post(client, api_keys, sample_batch())
    row = stored_event(database, "evt-005-llm-call")
    assert row["payload_kind"] == "llm_call" and row["llm_model"] == "claude-sonnet-4-20250514"
    assert row["llm_tokens_in"] == 1200 and row["llm_tokens_out"] == 350
    assert row["llm_cost"] == pytest.approx(0.0078)


async def test_unknown_project_slug_is_created_and_linked(client, api_keys, database):
    await post(client, api_keys, sample_batch())
    slugs = {p["slug"]: p for p in projects(database)}
    assert "sales-pipeline" in slugs
    project_id = slugs["sales-pipeline"]["project_id"]
    assert stored_event(database, "evt-003-task-started")["project_id"] == project_id
    assert (project_id, "lead-qualifier") in project_agents(database)


async def test_project_may_be_referenced_by_id(client, api_keys, database):
    ev = event(event_type="task_started", task_id="t", project_id="proj_default")
    await post(client, api_keys, batch(ev))
    assert stored_event(database, ev["event_id"])["project_id"] == "proj_default"


async def test_unknown_project_with_auto_create_off_rejects_only_that_event(database, clock, api_keys, db_url):
    from hiveboard.app import create_app

    app = create_app(Settings(database_url=db_url, auto_migrate=False, auto_create_projects=False),
                     database=database, clock=clock)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
        good = event(event_type="task_started", task_id="t", project_id="default")
        bad = event(event_type="task_started", task_id="t2", project_id="nowhere")
        resp = await post(c, api_keys, batch(good, bad))
    assert resp.status_code == 207
    (error,) = resp.json()["errors"]
    assert error["error"] == "invalid_project" and error["index"] == 1
    assert count_events(database) == 1


async def test_agent_profile_from_registration_and_latest_event_by_time(client, api_keys, database):
    registered = event(event_type="agent_registered", timestamp="2026-02-10T14:00:00.000Z",
                       payload={"summary": "r", "data": {"stuck_threshold": 120}})
    started = event(event_type="task_started", task_id="t1", timestamp="2026-02-10T14:00:05.000Z")
    # A heartbeat later in time but earlier in the batch must not make the agent look idle
    # (audit W3); and batch order must not matter.
    beat = event(event_type="heartbeat", timestamp="2026-02-10T14:00:10.000Z")
    await post(client, api_keys, batch(beat, started, registered, agent_id="lq"))
    row = agent_row(database, "lq")
    assert row is not None
    assert row["stuck_threshold_seconds"] == 120
    assert row["last_status_event_type"] == "task_started"
    assert row["last_task_id"] == "t1"
    assert row["last_heartbeat"].isoformat() == "2026-02-10T14:00:10+00:00"
    assert row["first_seen"].isoformat() == "2026-02-10T14:00:00+00:00"
    older = event(event_type="task_completed", task_id="t0", timestamp="2026-02-10T13:00:00.000Z")
    await post(client, api_keys, batch(older, agent_id="lq"))
    row = agent_row(database, "lq")
    assert row is not None and row["last_status_event_type"] == "task_started"


async def test_events_may_carry_their_own_agent_id(client, api_keys, database):
    ev = event(agent_id="other-agent")
    await post(client, api_keys, batch(ev, agent_id="envelope-agent"))
    assert stored_event(database, ev["event_id"])["agent_id"] == "other-agent"
    assert agent_row(database, "other-agent") is not None


async def test_authentication(client, api_keys, database):
    body = json.dumps(batch(event())).encode()
    h = {"Content-Type": "application/json"}
    assert_error_shape(await client.post("/v1/ingest", content=body, headers=h), 401,
                       "authentication_failed")
    bad = {**h, "Authorization": "Bearer hb_live_nope"}
    assert_error_shape(await client.post("/v1/ingest", content=body, headers=bad), 401,
                       "authentication_failed")
    read = {**h, **api_keys.auth("read")}
    assert_error_shape(await client.post("/v1/ingest", content=body, headers=read), 403,
                       "read_only_key")
    assert count_events(database) == 0


async def test_test_key_writes_into_its_own_workspace(client, api_keys, database):
    ev = event()
    await post(client, api_keys, batch(ev), kind="test")
    live = event()
    await post(client, api_keys, batch(live), kind="live")
    assert stored_event(database, ev["event_id"])["workspace_id"] != stored_event(
        database, live["event_id"])["workspace_id"]


async def test_wrong_content_type_is_415(client, api_keys):
    resp = await client.post("/v1/ingest", content=b"a=b",
                             headers={**api_keys.auth(), "Content-Type": "text/plain"})
    assert_error_shape(resp, 415, "unsupported_media_type")


@pytest.mark.parametrize("field", ["environment", "sdk_version", "group", "runtime"])
async def test_nul_in_an_envelope_field_is_invalid_batch(client, api_keys, database, field):
    body = batch(event(), **{field: "x\u0000"})
    err = assert_error_shape(await post(client, api_keys, body), 400, "invalid_batch")
    assert err["details"]["field"] == f"envelope.{field}"
    assert count_events(database) == 0
