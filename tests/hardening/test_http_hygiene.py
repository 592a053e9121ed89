"""CORS, security headers, request ids, structured access logs, gzip, the streamed body limit."""

from __future__ import annotations

import json
import logging
import sys
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest

from hiveboard.http.logging import ACCESS_LOGGER, JsonFormatter, configure_logging
from hiveboard.store.database import Database
from tests.api.factories import batch, event
from tests.conftest import FakeClock, Keys
from tests.hardening.conftest import app_with, client_of

ORIGIN = "https://dash.example.com"
SECURITY_HEADERS = {"x-content-type-options": "nosniff", "x-frame-options": "DENY",
                    "content-security-policy": "frame-ancestors 'none'",
                    "referrer-policy": "no-referrer"}


@pytest.fixture
def cors_app(db_url: str, database: Database, clock: FakeClock) -> Any:
    return app_with(db_url, database, clock, cors_allowed_origins=[ORIGIN])


def preflight(origin: str = ORIGIN, method: str = "GET") -> dict[str, str]:
    return {"Origin": origin, "Access-Control-Request-Method": method,
            "Access-Control-Request-Headers": "authorization, content-type"}


async def test_preflight_is_answered_without_a_key(cors_app: Any) -> None:
    async with client_of(cors_app) as client:
        for path, method in (("/v1/agents", "GET"), ("/v1/ingest", "POST"),
                             ("/v1/projects/p1", "PUT")):
            resp = await client.options(path, headers=preflight(method=method))
            assert resp.status_code == 200, resp.text
            assert resp.headers["access-control-allow-origin"] == ORIGIN
            assert method in resp.headers["access-control-allow-methods"]
            assert "authorization" in resp.headers["access-control-allow-headers"].lower()
            assert resp.headers["access-control-max-age"] == "600"


async def test_a_refused_preflight_uses_the_error_shape(cors_app: Any) -> None:
    async with client_of(cors_app) as client:
        resp = await client.options("/v1/agents", headers=preflight("https://evil.example"))
    assert resp.status_code == 400
    body = resp.json()
    assert body["error"] == "invalid_parameter" and body["status"] == 400
    assert body["details"]["field"] == "Origin" and body["details"]["location"] == "header"
    assert "access-control-allow-origin" not in resp.headers


async def test_allowed_origins_can_read_the_response_and_its_headers(
        cors_app: Any, api_keys: Keys) -> None:
    async with client_of(cors_app) as client:
        allowed = await client.get("/v1/agents", headers={**api_keys.auth(), "Origin": ORIGIN})
        other = await client.get("/v1/agents", headers={**api_keys.auth(),
                                                        "Origin": "https://evil.example"})
    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-origin"] == ORIGIN
    exposed = allowed.headers["access-control-expose-headers"].lower()
    for name in ("x-request-id", "x-ratelimit-limit", "x-ratelimit-remaining", "retry-after"):
        assert name in exposed
    assert "access-control-allow-origin" not in other.headers


async def test_without_configured_origins_there_are_no_cors_headers(
        client: httpx.AsyncClient, api_keys: Keys) -> None:
    resp = await client.get("/v1/agents", headers={**api_keys.auth(), "Origin": ORIGIN})
    assert resp.status_code == 200
    assert not any(h.startswith("access-control-") for h in resp.headers)


async def test_security_headers_on_success_and_on_every_error(
        client: httpx.AsyncClient, api_keys: Keys) -> None:
    responses = [
        await client.get("/health"),
        await client.get("/v1/agents", headers=api_keys.auth()),
        await client.get("/v1/agents"),
        await client.get("/v1/nowhere", headers=api_keys.auth()),
        await client.post("/v1/ingest", headers={**api_keys.auth(), "Content-Length": "99999999"},
                          content=b"{}"),
    ]
    assert [r.status_code for r in responses] == [200, 200, 401, 404, 413]
    for resp in responses:
        for name, value in SECURITY_HEADERS.items():
            assert resp.headers[name] == value, (resp.status_code, name)
        assert "strict-transport-security" not in resp.headers  # development mode


async def test_hsts_in_production_mode(db_url: str, database: Database, clock: FakeClock,
                                       monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)  # no development leftovers around
    app = app_with(db_url, database, clock, mode="production")
    async with client_of(app) as client:
        resp = await client.get("/health")
    assert resp.headers["strict-transport-security"].startswith("max-age=31536000")


async def test_request_id_is_echoed_generated_and_logged(
        client: httpx.AsyncClient, api_keys: Keys, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger=ACCESS_LOGGER)
    mine = await client.get("/v1/agents", headers={**api_keys.auth(), "X-Request-ID": "req-42"})
    generated = await client.get("/v1/agents/nobody", headers=api_keys.auth())
    assert mine.headers["x-request-id"] == "req-42"
    assert len(generated.headers["x-request-id"]) >= 16
    lines = [r for r in caplog.records if r.name == ACCESS_LOGGER]
    assert [(r.request_id, r.status) for r in lines] == [  # type: ignore[attr-defined]
        ("req-42", 200), (generated.headers["x-request-id"], 404)]


async def test_one_structured_access_line_per_request_never_the_key(
        client: httpx.AsyncClient, api_keys: Keys, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger=ACCESS_LOGGER)
    await client.post("/v1/ingest", headers=api_keys.auth(), json=batch(event()))
    await client.get("/v1/agents", headers={"Authorization": "Bearer hb_live_wrong"})
    await client.get("/v1/nowhere")
    formatter = JsonFormatter()
    lines = [json.loads(formatter.format(r)) for r in caplog.records if r.name == ACCESS_LOGGER]
    assert len(lines) == 3
    ingest, unauthenticated, unknown = lines
    assert {k: ingest[k] for k in ("method", "path", "operation", "status", "key_prefix")} == {
        "method": "POST", "path": "/v1/ingest", "operation": "ingestEvents", "status": 200,
        "key_prefix": api_keys.live[:12]}
    assert isinstance(ingest["duration_ms"], float) and ingest["request_id"]
    assert ingest["level"] == "info" and ingest["logger"] == ACCESS_LOGGER
    assert ingest["time"].endswith("Z")
    assert unauthenticated["status"] == 401 and unauthenticated["key_prefix"] is None
    assert unauthenticated["operation"] == "listAgents"
    assert unknown["status"] == 404 and unknown["operation"] is None
    text = caplog.text + json.dumps(lines)
    for key in (api_keys.live, api_keys.live[12:], "hb_live_wrong"):
        assert key not in text


def test_json_formatter_renders_extras_and_exceptions() -> None:
    try:
        raise ValueError("boom")
    except ValueError:
        record = logging.getLogger("hiveboard.test").makeRecord(
            "hiveboard.test", logging.ERROR, __file__, 1, "failed %s", ("x",), sys.exc_info(),
            extra={"request_id": "r1", "when": uuid.UUID(int=1)})
    doc = json.loads(JsonFormatter().format(record))
    assert doc["message"] == "failed x" and doc["level"] == "error"
    assert doc["request_id"] == "r1" and doc["when"] == str(uuid.UUID(int=1))
    assert "ValueError: boom" in doc["exception"]


def test_configure_logging_installs_one_handler() -> None:
    logger = logging.getLogger("hiveboard")
    before = (list(logger.handlers), logger.level)
    try:
        configure_logging("warning", "json")
        configure_logging("info", "text")
        ours = [h for h in logger.handlers if h not in before[0]]
        assert len(ours) == 1 and not isinstance(ours[0].formatter, JsonFormatter)
        assert logger.level == logging.INFO
    finally:
        for handler in [h for h in logger.handlers if h not in before[0]]:
            logger.removeHandler(handler)
        logger.setLevel(before[1])


async def test_large_responses_are_gzipped_small_ones_not(
        client: httpx.AsyncClient, api_keys: Keys) -> None:
    events = [event(event_type="custom", payload={"note": "x" * 100}) for _ in range(30)]
    await client.post("/v1/ingest", headers=api_keys.auth(), json=batch(*events))
    big = await client.get("/v1/events", params={"limit": 30},
                           headers={**api_keys.auth(), "Accept-Encoding": "gzip"})
    small = await client.get("/health", headers={"Accept-Encoding": "gzip"})
    plain = await client.get("/v1/events", params={"limit": 30},
                             headers={**api_keys.auth(), "Accept-Encoding": "identity"})
    assert big.status_code == 200 and big.headers["content-encoding"] == "gzip"
    assert int(big.headers["content-length"]) < len(plain.content)
    assert len(plain.content) > 1024 and big.json() == plain.json()
    assert "content-encoding" not in small.headers and "content-encoding" not in plain.headers


async def test_streamed_bodies_over_the_limit_are_refused(
        client: httpx.AsyncClient, api_keys: Keys) -> None:
    async def chunks() -> Any:
        for _ in range(40):
            yield b" " * 65536  # 2.5 MB in all, never declared

    resp = await client.post("/v1/ingest", headers={**api_keys.auth(),
                                                    "Content-Type": "application/json"},
                             content=chunks())
    assert resp.status_code == 413
    assert resp.json()["error"] == "payload_too_large"
