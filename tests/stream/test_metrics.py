"""The stream's counters are exported on ``GET /metrics``."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest

from tests.conftest import Keys, LiveServer
from tests.stream.conftest import open_client

pytestmark = pytest.mark.slow


def sample(text: str, name: str) -> float:
    match = re.search(rf"^{re.escape(name)} (\S+)$", text, re.MULTILINE)
    assert match, f"{name} missing from /metrics"
    return float(match.group(1))


async def test_stream_counters_on_metrics(live_server: LiveServer, stream: Any, api_keys: Keys):
    client = await stream(api_keys.live)
    await client.send("{broken")
    assert (await client.recv())["error"] == "invalid_json"
    refused = await open_client(live_server, "hb_live_wrong")
    assert await refused.closed() == 4001
    async with httpx.AsyncClient(base_url=live_server.url) as http:
        text = (await http.get("/metrics")).text
    assert sample(text, "hiveboard_stream_connections") == 1
    assert sample(text, "hiveboard_stream_connections_opened_total") == 1
    assert sample(text, "hiveboard_stream_frames_received_total") == 1
    assert sample(text, "hiveboard_stream_frames_sent_total") >= 2  # connected + error
    assert sample(text, 'hiveboard_stream_errors_sent_total{code="invalid_json"}') == 1
    assert sample(text, 'hiveboard_stream_closes_total{code="4001"}') == 1
    for name in ("send_failures", "backpressure_disconnects", "connections_closed",
                 "publish_failures"):
        assert sample(text, f"hiveboard_stream_{name}_total") >= 0
    assert "# TYPE hiveboard_stream_frames_dropped_total counter" in text
