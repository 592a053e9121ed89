"""A client that stops reading is disconnected (1013) once its bounded send queue is full, and
neither ingest nor the other subscribers wait for it."""

from __future__ import annotations

import asyncio
import socket
import time
from typing import Any

import pytest

from hiveboard.stream.hub import Hub
from tests.api.factories import event
from tests.conftest import Keys, LiveServer
from tests.stream.conftest import open_client

pytestmark = pytest.mark.slow

BATCHES, PER_BATCH, BLOB = 12, 40, 20_000


def tiny_receive_buffer(server: LiveServer) -> socket.socket:
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    host, port = server.url.removeprefix("http://").split(":")
    sock.connect((host, int(port)))
    return sock


@pytest.mark.parametrize("overrides", [{"stream_send_queue_size": 64,
                                        "stream_close_timeout_seconds": 60}])
async def test_slow_consumer_is_cut_without_slowing_ingest_or_others(
        live_server: LiveServer, stream: Any, ingest: Any, api_keys: Keys, hub: Hub):
    # No compression: the frames must really occupy the socket buffers.
    slow = await open_client(live_server, api_keys.live, max_queue=1, compression=None,
                             sock=tiny_receive_buffer(live_server))
    assert (await slow.recv())["type"] == "connected"
    await slow.subscribe(["events"])
    fast = await stream(api_keys.live)
    await fast.subscribe(["events"])

    async def read_everything() -> int:
        received = 0
        while received < BATCHES * PER_BATCH:
            received += (await fast.recv(10))["type"] == "event.new"
        return received

    reader = asyncio.create_task(read_everything())
    timings = []
    for b in range(BATCHES):
        events = [event(event_type="custom", severity="info", task_id=f"b{b}-{i}",
                        payload={"summary": "bulk", "blob": "x" * BLOB})
                  for i in range(PER_BATCH)]
        began = time.monotonic()
        await ingest(api_keys.live, *events)
        timings.append(time.monotonic() - began)
    assert max(timings) < 3.0, timings

    assert await reader == BATCHES * PER_BATCH, "the other subscriber got every event"
    assert hub.metrics.value("backpressure_disconnects") == 1

    frames = []
    code = None
    try:
        while True:
            frames.append(await slow.recv(10))
    except Exception as exc:  # ConnectionClosed carries the code
        code = getattr(getattr(exc, "rcvd", None), "code", None)
    assert code == 1013
    assert frames and frames[-1]["type"] == "disconnect_notice"
    assert (frames[-1]["reason"], frames[-1]["close_code"]) == ("slow_consumer", 1013)
    assert len([f for f in frames if f["type"] == "event.new"]) < BATCHES * PER_BATCH
