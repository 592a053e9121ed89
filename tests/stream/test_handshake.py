"""Opening the stream: the key, the Origin, the per-key limit, revocation, and /v1/stream/info."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import httpx
import pytest
from websockets.exceptions import ConnectionClosed

from hiveboard.store import keys
from hiveboard.store.database import Database
from hiveboard.stream.endpoint import KEY_CHECK_SECONDS
from tests.conftest import Keys, LiveServer
from tests.stream.conftest import WS_SCHEMA, open_client

pytestmark = pytest.mark.slow


async def test_first_frame_is_connected_with_contract_version_and_limits(
        live_server: LiveServer, api_keys: Keys):
    client = await open_client(live_server, api_keys.live)
    first = await client.recv()
    assert first["type"] == "connected"
    assert first["contract_version"] == WS_SCHEMA["x-contract-version"]
    assert first["connection_id"].startswith("conn_") and first["correlation_id"]
    async with httpx.AsyncClient(base_url=live_server.url) as http:
        info = await http.get("/v1/stream/info", headers=api_keys.auth("read"))
        anonymous = await http.get("/v1/stream/info")
    assert info.status_code == 200
    assert info.json() == {"contract_version": first["contract_version"], "path": "/v1/stream",
                           "channels": ["events", "agents"], "limits": first["limits"]}
    assert anonymous.status_code == 401
    assert first["limits"]["max_connections_per_key"] == 5
    assert first["limits"]["max_inbound_frame_bytes"] == 65536
    assert (first["limits"]["messages_per_second"], first["limits"]["message_burst"]) == (20, 40)
    await client.ws.close()


@pytest.mark.parametrize("token", ["hb_live_notAKeyAtAll00000000000000000000", "", None])
async def test_invalid_or_missing_key_gets_error_then_4001(live_server: LiveServer,
                                                           token: str | None):
    client = await open_client(live_server, token)
    error = await client.recv()
    assert error["type"] == "error" and error["error"] == "authentication_failed"
    assert await client.closed() == 4001


async def test_bearer_header_authenticates_non_browser_clients(live_server: LiveServer,
                                                               api_keys: Keys):
    client = await open_client(live_server, None,
                               additional_headers={"Authorization": f"Bearer {api_keys.test}"})
    assert (await client.recv())["type"] == "connected"
    await client.ws.close()


@pytest.mark.parametrize("overrides", [{"stream_allowed_origins": ["https://dash.example.com"]}])
async def test_origin_allow_list(live_server: LiveServer, api_keys: Keys):
    refused = await open_client(live_server, api_keys.live, origin="https://evil.example.net")
    assert await refused.closed() == 4403
    assert refused.seen == []
    for origin in ("https://dash.example.com", live_server.url, None):
        client = await open_client(live_server, api_keys.live, origin=origin)
        assert (await client.recv())["type"] == "connected", origin
        await client.ws.close()


async def test_sixth_connection_per_key_is_refused_with_4002(live_server: LiveServer,
                                                             api_keys: Keys):
    held = [await open_client(live_server, api_keys.live) for _ in range(5)]
    for client in held:
        assert (await client.recv())["type"] == "connected"
    sixth = await open_client(live_server, api_keys.live)
    assert await sixth.closed() == 4002
    other_key = await open_client(live_server, api_keys.test)  # the limit is per key
    assert (await other_key.recv())["type"] == "connected"
    await held[0].ws.close()
    for _ in range(50):  # the server notices the close asynchronously
        again = await open_client(live_server, api_keys.live)
        try:
            await again.recv()
            break
        except ConnectionClosed:
            await asyncio.sleep(0.05)
    else:
        pytest.fail("a slot freed by a close was never reused")
    for client in [*held[1:], other_key, again]:
        await client.ws.close()


def _revoke(database: Database, key: str) -> None:
    assert database.write_sync(keys.revoke_key, key[:12], datetime.now(UTC)) == 1


async def test_revoked_key_is_closed_by_the_periodic_check(live_server: LiveServer,
                                                           api_keys: Keys, database: Database):
    client = await open_client(live_server, api_keys.live)
    await client.recv()
    await client.subscribe(["events"])
    _revoke(database, api_keys.live)
    notice = await client.expect("disconnect_notice")
    assert (notice["reason"], notice["close_code"]) == ("key_revoked", 4009)
    assert await client.closed() == 4009


@pytest.mark.parametrize("overrides", [{"stream_key_recheck_seconds": 60}])
async def test_revoked_key_is_closed_on_its_next_frame(live_server: LiveServer, api_keys: Keys,
                                                       database: Database):
    client = await open_client(live_server, api_keys.live)
    await client.recv()
    _revoke(database, api_keys.live)
    await asyncio.sleep(KEY_CHECK_SECONDS)  # frames re-check the key at most this often
    await client.send({"action": "ping"})
    notice = await client.recv()
    assert notice["type"] == "disconnect_notice" and notice["reason"] == "key_revoked"
    assert await client.closed() == 4009

