"""Ingest over a real socket: the unmodified hiveloop client, and concurrent identical batches."""

from __future__ import annotations

import json
import time
from concurrent.futures import ThreadPoolExecutor

import hiveloop
import httpx
import pytest

from tests.api.factories import batch, event, sample_batch
from tests.api.helpers import agent_row, count_events, stored_events
from tests.conftest import Keys, LiveServer

pytestmark = pytest.mark.slow


def test_real_hiveloop_client_reaches_the_store(live_server: LiveServer, api_keys: Keys, database):
    hb = hiveloop.HiveBoard(api_key=api_keys.live, endpoint=live_server.url, flush_interval=0.2)
    agent = hb.agent("sdk-agent", type="research", version="1.0", heartbeat_interval=0.3,
                     stuck_threshold=90)

    @agent.track("fetch_data")
    def fetch() -> str:
        return inner()

    @agent.track("parse")
    def inner() -> str:
        return "ok"

    with agent.task("task-sdk-1", project="research-project", type="lookup") as task:
        fetch()
        task.llm_call("reason", "claude-sonnet", tokens_in=100, tokens_out=20, cost=0.002)
    time.sleep(0.5)  # let at least one heartbeat go out
    hb.shutdown(timeout=10)

    stored = stored_events(database)
    types = [e["event_type"] for e in stored]
    for expected in ("agent_registered", "heartbeat", "task_started", "action_started",
                     "action_completed", "custom", "task_completed"):
        assert expected in types, f"{expected} missing from {types}"
    assert {e["agent_id"] for e in stored} == {"sdk-agent"}
    nested = [e for e in stored if e["event_type"] == "action_started" and e["parent_action_id"]]
    assert nested, "the nested tracked action kept its parent"
    llm = next(e for e in stored if e["payload_kind"] == "llm_call")
    assert llm["llm_cost"] == pytest.approx(0.002) and llm["task_id"] == "task-sdk-1"
    profile = agent_row(database, "sdk-agent")
    assert profile is not None and profile["stuck_threshold_seconds"] == 90
    assert profile["last_heartbeat"] is not None


def test_concurrent_identical_batches_store_each_event_once(live_server: LiveServer,
                                                            api_keys: Keys, database):
    body = json.dumps(batch(*[event(event_type="task_started", task_id=f"t{i}",
                                    project_id="shared-project") for i in range(200)])).encode()
    headers = {**api_keys.auth(), "Content-Type": "application/json"}

    def send(_: int) -> httpx.Response:
        return httpx.post(f"{live_server.url}/v1/ingest", content=body, headers=headers,
                          timeout=60)

    with ThreadPoolExecutor(max_workers=8) as pool:
        responses = list(pool.map(send, range(8)))
    assert all(r.status_code == 200 for r in responses), [r.text for r in responses]
    assert all(r.json()["accepted"] == 200 for r in responses)
    assert sum(200 - r.json()["duplicates"] for r in responses) == 200
    assert count_events(database) == 200


def test_sample_batch_over_a_socket(live_server: LiveServer, api_keys: Keys, database):
    resp = httpx.post(f"{live_server.url}/v1/ingest", json=sample_batch(),
                      headers=api_keys.auth(), timeout=30)
    assert resp.status_code == 200 and resp.json()["accepted"] == 22
    assert resp.headers["x-request-id"]
    assert count_events(database) == 22
