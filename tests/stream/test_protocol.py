"""Client frames: subscribe/unsubscribe/ping, every kind of bad frame, and the inbound limits."""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

import pytest

from tests.api.factories import event
from tests.conftest import Keys
from tests.stream.conftest import StreamClient

pytestmark = pytest.mark.slow

NO_FILTERS = {"project_id": None, "environment": None, "group": None, "agent_id": None,
              "event_types": None, "min_severity": "info"}


async def assert_usable(client: StreamClient) -> None:
    await client.send({"action": "ping", "correlation_id": "still-there"})
    pong = await client.expect("pong")
    assert pong["correlation_id"] == "still-there"


async def test_subscribed_echoes_unique_sorted_channels_and_applied_filters(stream: Any,
                                                                             api_keys: Keys):
    client = await stream(api_keys.live)
    sub = await client.subscribe(["events", "agents"], {"agent_id": "a1"}, cid="s-1")
    assert sub["correlation_id"] == "s-1"
    assert sub["channels"] == ["agents", "events"]
    assert sub["filters"] == {**NO_FILTERS, "agent_id": "a1"}
    bare = await client.subscribe(["events", "events"], cid="s-2")
    assert bare["channels"] == ["events"]
    assert bare["filters"] == NO_FILTERS, "a subscribe without filters clears them"


async def test_subscribe_replaces_channels_and_filters_entirely(stream: Any, ingest: Any,
                                                                api_keys: Keys):
    client = await stream(api_keys.live)
    await client.subscribe(["events"], {"agent_id": "a1"})
    await client.subscribe(["agents"], {"environment": "staging"})
    await ingest(api_keys.live, event(event_type="task_started", task_id="t1", severity="info"),
                 agent_id="a1")
    got = await client.silent(0.8)
    assert not [f for f in got if f["type"] == "event.new"], "events channel was replaced"
    assert not [f for f in got if f["type"].startswith("agent.")], "staging filter applies"
    await client.subscribe(["events"])  # filters gone: every agent again
    await ingest(api_keys.live, event(event_type="task_started", task_id="t2", severity="info"),
                 agent_id="a2")
    frame = await client.expect("event.new")
    assert frame["data"]["agent_id"] == "a2"


async def test_unsubscribe_some_then_all(stream: Any, ingest: Any, api_keys: Keys):
    client = await stream(api_keys.live)
    await client.subscribe(["events", "agents"])
    await client.send({"action": "unsubscribe", "channels": ["agents"], "correlation_id": "u1"})
    left = await client.expect("unsubscribed")
    assert (left["channels"], left["correlation_id"]) == (["events"], "u1")
    await ingest(api_keys.live, event(event_type="task_started", task_id="t1", severity="info"))
    assert (await client.expect("event.new"))["data"]["task_id"] == "t1"
    assert not [f for f in await client.silent(0.5) if f["type"].startswith("agent.")]
    await client.send({"action": "unsubscribe"})
    assert (await client.expect("unsubscribed"))["channels"] == []
    await ingest(api_keys.live, event(event_type="task_completed", task_id="t1",
                                      severity="info"))
    assert await client.silent(0.6) == []


async def test_ping_is_answered_with_server_time(stream: Any, api_keys: Keys):
    client = await stream(api_keys.live)
    await client.send({"action": "ping", "correlation_id": "p-42"})
    pong = await client.recv()
    assert (pong["type"], pong["correlation_id"]) == ("pong", "p-42")
    assert pong["server_time"] == "2026-02-10T14:00:00Z"  # the app's clock
    await client.send({"action": "ping"})
    await client.send({"action": "ping"})
    ids = {(await client.recv())["correlation_id"], (await client.recv())["correlation_id"]}
    assert len(ids) == 2, "server-generated correlation ids are unique per frame"


@pytest.mark.parametrize(("frame", "code"), [
    ("{not json", "invalid_json"),
    ("[1, 2]", "invalid_json"),
    ('"subscribe"', "invalid_json"),
    (json.dumps({"channels": ["events"]}), "unknown_action"),
    (json.dumps({"action": "publish", "correlation_id": "bad-1"}), "unknown_action"),
    (json.dumps({"action": "subscribe", "channels": ["tasks"]}), "unknown_channel"),
    (json.dumps({"action": "unsubscribe", "channels": ["events", "alerts"]}), "unknown_channel"),
    (json.dumps({"action": "subscribe", "channels": ["events"], "extra": 1}), "invalid_frame"),
    (json.dumps({"action": "subscribe"}), "invalid_frame"),
    (json.dumps({"action": "subscribe", "channels": ["events"],
                 "filters": {"min_severity": "loud"}}), "invalid_frame"),
    (json.dumps({"action": "ping", "correlation_id": "x" * 129}), "invalid_frame"),
])
async def test_bad_frames_get_an_error_and_the_connection_stays_usable(
        stream: Any, api_keys: Keys, frame: str, code: str):
    client = await stream(api_keys.live)
    await client.send(frame)
    error = await client.recv()
    assert (error["type"], error["error"]) == ("error", code)
    assert error["message"] and error["timestamp"] and error["correlation_id"]
    if "bad-1" in frame:
        assert error["correlation_id"] == "bad-1"
    await assert_usable(client)


@pytest.mark.parametrize("overrides", [{"stream_max_inbound_frame_bytes": 1024}])
async def test_oversize_frame_gets_frame_too_large_then_1009(stream: Any, api_keys: Keys):
    client = await stream(api_keys.live)
    await client.send({"action": "ping", "correlation_id": "x" * 100})  # under the limit
    assert (await client.recv())["type"] == "pong"
    await client.send({"action": "ping", "pad": "x" * 2000})
    error = await client.recv()
    assert (error["type"], error["error"]) == ("error", "frame_too_large")
    assert await client.closed() == 1009


@pytest.mark.parametrize("overrides", [{"stream_rate_limit_cooldown_seconds": 1.0}])
async def test_ping_burst_gets_at_most_burst_pongs_and_one_error(stream: Any, api_keys: Keys):
    client = await stream(api_keys.live)
    began = time.monotonic()
    for i in range(200):
        await client.send({"action": "ping", "correlation_id": f"b{i}"})
    got = await client.drain(quiet=1.0)
    elapsed = time.monotonic() - began - 1.0
    pongs = [f for f in got if f["type"] == "pong"]
    errors = [f for f in got if f["type"] == "error"]
    # The burst of 40, plus what 20/s refilled while the server worked through the flood.
    assert 40 <= len(pongs) <= 41 + 20 * elapsed, (len(pongs), elapsed)
    assert [e["error"] for e in errors] == ["rate_limited"]
    await asyncio.sleep(1.2)  # cooldown over, bucket refilled
    await assert_usable(client)


@pytest.mark.parametrize("overrides", [{"stream_max_subscriptions": 1}])
async def test_subscriptions_over_the_limit_are_refused(stream: Any, api_keys: Keys):
    client = await stream(api_keys.live)
    await client.send({"action": "subscribe", "channels": ["events", "agents"],
                       "correlation_id": "two"})
    error = await client.recv()
    assert (error["error"], error["correlation_id"]) == ("too_many_subscriptions", "two")
    assert (await client.subscribe(["agents"]))["channels"] == ["agents"]
