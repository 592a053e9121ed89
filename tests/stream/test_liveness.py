"""Server pings, missed pongs, idle timeout and shutdown: each ends with ``disconnect_notice``
then the documented close code."""

from __future__ import annotations

import asyncio
import time
from typing import Any
from urllib.parse import urlsplit

import pytest
from websockets.client import ClientProtocol
from websockets.frames import Frame, Opcode
from websockets.uri import parse_uri

from tests.conftest import Keys, LiveServer
from tests.stream.conftest import WAIT, check_frame, ws_url

pytestmark = pytest.mark.slow


class DeafClient:
    """A WebSocket client that never answers pings (browsers and websockets always do)."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                 proto: ClientProtocol) -> None:
        self.reader, self.writer, self.proto = reader, writer, proto

    @classmethod
    async def open(cls, url: str) -> DeafClient:
        parts = urlsplit(url)
        reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
        proto = ClientProtocol(parse_uri(url))
        proto.send_request(proto.connect())
        writer.write(b"".join(proto.data_to_send()))
        return cls(reader, writer, proto)

    async def frames_until_close(self, within: float) -> tuple[list[Frame], int | None]:
        """Every frame read until the server's close frame (whose code is returned); the pong
        the protocol queues for each ping is never written."""
        frames: list[Frame] = []
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            data = await asyncio.wait_for(self.reader.read(65536), deadline - time.monotonic())
            if not data:
                break
            self.proto.receive_data(data)
            self.proto.data_to_send()  # discard: pongs (and our close reply) stay unsent
            for ev in self.proto.events_received():
                if isinstance(ev, Frame):
                    frames.append(ev)
                    if ev.opcode is Opcode.CLOSE:
                        return frames, self.proto.close_rcvd.code if self.proto.close_rcvd \
                            else None
        return frames, None

    def close(self) -> None:
        self.writer.close()


@pytest.mark.parametrize("overrides", [{"stream_ping_interval_seconds": 1,
                                        "stream_missed_pongs_before_close": 2}])
async def test_unanswered_pings_close_with_4008_and_answered_ones_keep_the_socket(
        live_server: LiveServer, api_keys: Keys, stream: Any):
    polite = await stream(api_keys.live)  # websockets answers pings by itself
    deaf = await DeafClient.open(ws_url(live_server, api_keys.live))
    started = time.monotonic()
    frames, code = await deaf.frames_until_close(WAIT + 3)
    deaf.close()
    assert code == 4008
    pings = [f for f in frames if f.opcode is Opcode.PING]
    assert len(pings) >= 2, "the server pings every ping_interval_seconds"
    texts = [check_frame(f.data.decode()) for f in frames if f.opcode is Opcode.TEXT]
    assert texts[0]["type"] == "connected" and texts[0]["limits"]["ping_interval_seconds"] == 1
    assert (texts[-1]["type"], texts[-1]["reason"], texts[-1]["close_code"]) == (
        "disconnect_notice", "idle_timeout", 4008)
    assert 1.5 <= time.monotonic() - started <= WAIT + 2
    await polite.send({"action": "ping"})
    assert (await polite.expect("pong"))["type"] == "pong", "pongs keep a client connected"


@pytest.mark.parametrize("overrides", [{"stream_idle_timeout_seconds": 1}])
async def test_idle_timeout_sends_notice_then_4008(stream: Any, api_keys: Keys):
    quiet = await stream(api_keys.live)
    chatty = await stream(api_keys.live)
    for _ in range(6):
        await chatty.send({"action": "ping"})
        await asyncio.sleep(0.3)
    notice = await quiet.expect("disconnect_notice")
    assert (notice["reason"], notice["close_code"]) == ("idle_timeout", 4008)
    assert await quiet.closed() == 4008
    assert len(await chatty.silent(0.3)) == 6, "every ping was answered"
    await chatty.send({"action": "ping", "correlation_id": "alive"})
    assert (await chatty.recv())["correlation_id"] == "alive"


async def test_shutdown_sends_notice_then_1001(live_server: LiveServer, stream: Any,
                                               api_keys: Keys):
    client = await stream(api_keys.live)
    await client.subscribe(["events"])
    live_server.server.should_exit = True
    notice = await client.expect("disconnect_notice")
    assert (notice["reason"], notice["close_code"]) == ("server_shutdown", 1001)
    assert await client.closed() == 1001
