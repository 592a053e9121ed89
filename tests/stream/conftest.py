"""Stream fixtures: the real app on a real socket, WebSocket clients that check every frame they
receive against spec/ws.schema.json, and settings with short intervals."""

from __future__ import annotations

import asyncio
import json
import os
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import jsonschema
import pytest
import redis
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed

from hiveboard.app import create_app
from hiveboard.settings import Settings
from hiveboard.store.database import Database
from hiveboard.stream.hub import Hub
from tests.api.factories import batch
from tests.conftest import REDIS_ENV, FakeClock, LiveServer

WS_SCHEMA = json.loads(
    (Path(__file__).resolve().parents[2] / "spec" / "ws.schema.json").read_text())
SERVER_FRAME = jsonschema.Draft202012Validator(
    {**WS_SCHEMA, "$ref": "#/$defs/ServerFrame"},
    format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
WAIT = 5.0
"""Longest wait for a frame that should arrive (bounded waits everywhere)."""


def check_frame(text: str | bytes) -> dict[str, Any]:
    """Parse one server frame and fail unless it is valid per the contract."""
    assert isinstance(text, str), "server frames are text"
    frame: dict[str, Any] = json.loads(text)
    SERVER_FRAME.validate(frame)
    return frame


@pytest.fixture
def overrides() -> dict[str, Any]:
    """Per-test settings; parametrize ``overrides`` to change them."""
    return {}


@pytest.fixture
def settings(db_url: str, overrides: dict[str, Any]) -> Settings:
    values: dict[str, Any] = {"database_url": db_url, "validate_responses": True,
                              "auto_migrate": False, "sweeper_interval_seconds": 0.1,
                              "stream_key_recheck_seconds": 0.3}
    values.update(overrides)
    return Settings(**values)


@pytest.fixture
def hub(settings: Settings, database: Database, clock: FakeClock) -> Hub:
    return Hub(settings, database, clock)


@pytest.fixture
def app(settings: Settings, database: Database, clock: FakeClock, hub: Hub) -> Any:
    return create_app(settings, database=database, clock=clock, hub=hub)


class StreamClient:
    """A WebSocket client that validates every frame and never waits unboundedly."""

    def __init__(self, ws: ClientConnection) -> None:
        self.ws = ws
        self.seen: list[dict[str, Any]] = []

    async def recv(self, within: float = WAIT) -> dict[str, Any]:
        frame = check_frame(await asyncio.wait_for(self.ws.recv(), within))
        self.seen.append(frame)
        return frame

    async def expect(self, kind: str, within: float = WAIT, **data: Any) -> dict[str, Any]:
        """The next frame of ``kind`` (whose ``data`` has these values); others are kept."""
        deadline = time.monotonic() + within
        while True:
            frame = await self.recv(max(0.01, deadline - time.monotonic()))
            if frame["type"] == kind and all(frame.get("data", {}).get(k) == v
                                             for k, v in data.items()):
                return frame

    async def silent(self, seconds: float = 0.5) -> list[dict[str, Any]]:
        """Frames that arrive within ``seconds`` (a test asserts what must not be there)."""
        got: list[dict[str, Any]] = []
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            try:
                got.append(await self.recv(left))
            except TimeoutError:
                break
        return got

    async def drain(self, quiet: float = 1.0, limit: float = 20.0) -> list[dict[str, Any]]:
        """Frames until none arrives for ``quiet`` seconds (at most ``limit`` seconds)."""
        got: list[dict[str, Any]] = []
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            try:
                got.append(await self.recv(quiet))
            except TimeoutError:
                break
        return got

    async def send(self, doc: dict[str, Any] | str) -> None:
        await self.ws.send(doc if isinstance(doc, str) else json.dumps(doc))

    async def subscribe(self, channels: list[str], filters: dict[str, Any] | None = None,
                        cid: str = "sub") -> dict[str, Any]:
        frame: dict[str, Any] = {"action": "subscribe", "channels": channels,
                                 "correlation_id": cid}
        if filters is not None:
            frame["filters"] = filters
        await self.send(frame)
        return await self.expect("subscribed")

    async def closed(self, within: float = WAIT) -> int | None:
        """Read (and validate) until the server closes; the close code."""
        deadline = time.monotonic() + within
        try:
            while True:
                await self.recv(max(0.01, deadline - time.monotonic()))
        except ConnectionClosed as exc:
            return exc.rcvd.code if exc.rcvd is not None else None


def ws_url(server: LiveServer, token: str | None = None) -> str:
    base = server.url.replace("http://", "ws://", 1) + "/v1/stream"
    return base if token is None else f"{base}?token={token}"


async def open_client(server: LiveServer, token: str | None, **kwargs: Any) -> StreamClient:
    options: dict[str, Any] = {"proxy": None, "open_timeout": WAIT, "close_timeout": 2}
    options.update(kwargs)
    return StreamClient(await connect(ws_url(server, token), **options))


@pytest.fixture
async def stream(live_server: LiveServer) -> AsyncIterator[Any]:
    """``await stream(token)`` opens a client that has read its ``connected`` frame."""
    opened: list[StreamClient] = []

    async def make(token: str | None, **kwargs: Any) -> StreamClient:
        client = await open_client(live_server, token, **kwargs)
        opened.append(client)
        connected = await client.recv()
        assert connected["type"] == "connected", connected
        return client

    yield make
    for client in opened:
        await client.ws.close()


@pytest.fixture
async def ingest(live_server: LiveServer) -> AsyncIterator[Any]:
    """``await ingest(key, *events, **envelope)``: POST /v1/ingest, asserting it was stored."""
    async with httpx.AsyncClient(base_url=live_server.url, timeout=30) as http:
        async def send(key: str, *events: dict[str, Any], **envelope: Any) -> dict[str, Any]:
            resp = await http.post("/v1/ingest", json=batch(*events, **envelope),
                                   headers={"Authorization": f"Bearer {key}"})
            assert resp.status_code == 200, resp.text
            body: dict[str, Any] = resp.json()
            return body
        yield send


@pytest.fixture(scope="session")
def redis_url() -> str:
    url = os.environ.get(REDIS_ENV)
    if not url:
        pytest.skip(f"set {REDIS_ENV} to run the Redis fan-out tests (CI does)")
    try:
        redis.Redis.from_url(url, socket_timeout=5).ping()
    except redis.RedisError as exc:  # requested but unreachable must fail, never skip
        pytest.fail(f"Redis requested ({REDIS_ENV}) but unreachable: {exc}")
    return url
