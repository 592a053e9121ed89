"""Every failure, whichever layer produces it, answers in the one standard error shape."""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from hiveboard_contract import operations as op
from hiveboard_contract.operations import OPERATIONS

from hiveboard.app import HTTP_METHODS, create_app, load_spec
from hiveboard.settings import Settings
from tests.conftest import Keys

ERROR_KEYS = {"error", "message", "status", "details"}
SECRET = "db-password-hunter2"


def assert_error(resp: httpx.Response, status: int, code: str) -> dict[str, Any]:
    assert resp.status_code == status, resp.text
    assert resp.headers["content-type"].startswith("application/json")
    body: dict[str, Any] = resp.json()
    assert set(body) == ERROR_KEYS, body
    assert body["error"] == code and body["status"] == status, body
    assert isinstance(body["message"], str) and body["message"]
    assert body["details"] is None or isinstance(body["details"], dict)
    assert resp.headers["x-request-id"]
    return body


def allow_for(path: str) -> set[str]:
    methods = {o.method for o in OPERATIONS.values() if o.path == path}
    return methods | ({"HEAD"} if "GET" in methods else set())


async def client_for(app: Any) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                             base_url="http://hiveboard.test")


# --- routing ------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/v1/nope", "/nope", "/v1/agents/a/b/c",
                                  "/v1/tasks/a%0Ab/timeline", "/v1/projects/%0A/agents"])
async def test_unknown_route_is_404_not_found(client: httpx.AsyncClient, api_keys: Keys,
                                              path: str) -> None:
    assert_error(await client.get(path, headers=api_keys.auth()), 404, "not_found")
    assert_error(await client.get(path), 404, "not_found")


@pytest.mark.parametrize(("method", "path"), [("DELETE", "/v1/ingest"), ("GET", "/v1/ingest"),
                                              ("TRACE", "/v1/projects"),
                                              ("PATCH", "/v1/projects/p1"),
                                              ("POST", "/health")])
async def test_wrong_method_is_405_listing_every_allowed_method(
        client: httpx.AsyncClient, api_keys: Keys, method: str, path: str) -> None:
    resp = await client.request(method, path, headers=api_keys.auth())
    assert_error(resp, 405, "method_not_allowed")
    template = re.sub(r"/p1$", "/{project_id}", path)
    assert set(resp.headers["allow"].split(", ")) == allow_for(template)


# --- authentication -----------------------------------------------------------------------------


@pytest.mark.parametrize("headers", [
    {}, {"Authorization": "Bearer hb_live_" + "x" * 32}, {"Authorization": "Bearer "},
    {"Authorization": "Basic dXNlcjpwYXNz"}, {"Authorization": "hb_live_" + "x" * 32},
    {"Authorization": "Bearer " + "y" * 5000},
], ids=["missing", "unknown", "empty", "basic", "no-scheme", "huge"])
async def test_missing_or_invalid_key_is_401(client: httpx.AsyncClient,
                                             headers: dict[str, str]) -> None:
    for resp in (await client.get("/v1/events", headers=headers),
                 await client.post("/v1/ingest", content=b"{}",
                                   headers={**headers, "Content-Type": "application/json"})):
        assert_error(resp, 401, "authentication_failed")
        assert resp.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize(("path", "body"), [("/v1/ingest", {"envelope": {"agent_id": "a"},
                                                             "events": []}),
                                             ("/v1/projects", {"name": "P", "slug": "p"})])
async def test_read_key_on_a_write_is_403(client: httpx.AsyncClient, api_keys: Keys,
                                          path: str, body: dict[str, Any]) -> None:
    resp = await client.post(path, content=json.dumps(body),
                             headers={**api_keys.auth("read"), "Content-Type": "application/json"})
    assert_error(resp, 403, "read_only_key")
    assert (await client.get("/v1/events", headers=api_keys.auth("read"))).status_code == 200


# --- parameters ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("url", "field", "location"), [
    ("/v1/events?limit=0", "limit", "query"),
    ("/v1/events?limit=201", "limit", "query"),
    ("/v1/events?limit=abc", "limit", "query"),
    ("/v1/events?limit=99999999999999999999999", "limit", "query"),
    ("/v1/events?severity=loud", "severity", "query"),
    ("/v1/events?cursor=not-a-cursor", "cursor", "query"),
    ("/v1/agents/a%00b", "agent_id", "path"),
    ("/v1/events?agent_id=a%00b", "agent_id", "query"),
])
async def test_bad_parameter_is_400_naming_field_location_and_reason(
        client: httpx.AsyncClient, api_keys: Keys, url: str, field: str, location: str) -> None:
    body = assert_error(await client.get(url, headers=api_keys.auth()), 400, "invalid_parameter")
    assert body["details"]["field"] == field
    assert body["details"]["location"] == location
    assert body["details"]["reason"]


async def test_unknown_query_parameter_is_400(client: httpx.AsyncClient, api_keys: Keys) -> None:
    resp = await client.get("/v1/events?limit=5&colour=blue", headers=api_keys.auth())
    body = assert_error(resp, 400, "invalid_parameter")
    assert body["details"] == {"field": "colour", "location": "query",
                               "reason": "not defined for this operation"}


@pytest.mark.parametrize("url", ["/v1/events?limit=5&limit=200", "/v1/agents?sort=name&sort=",
                                 "/v1/metrics?range=24h&metric=cost&range=1h"])
async def test_a_scalar_query_parameter_given_twice_is_400(
        client: httpx.AsyncClient, api_keys: Keys, url: str) -> None:
    body = assert_error(await client.get(url, headers=api_keys.auth()), 400, "invalid_parameter")
    name = url.split("?")[1].split("=")[0]
    assert body["details"] == {"field": name, "location": "query",
                               "reason": "given more than once"}


async def test_array_query_parameters_may_repeat(client: httpx.AsyncClient,
                                                 api_keys: Keys) -> None:
    resp = await client.get("/v1/events?severity=error&severity=warn&event_type=task_failed"
                            "&event_type=action_failed,escalated", headers=api_keys.auth())
    assert resp.status_code == 200, resp.text


# --- bodies -------------------------------------------------------------------------------------


async def post_project(client: httpx.AsyncClient, keys: Keys, content: Any,
                       content_type: str = "application/json") -> httpx.Response:
    return await client.post("/v1/projects", content=content,
                             headers={**keys.auth(), "Content-Type": content_type})


@pytest.mark.parametrize("content", [b"{", b"not json", b'{"name": "a",}', b"\xff\xfe",
                                     b'{"name": "P", "slug": "p", "settings": {"x": NaN}}',
                                     b"[" * 5000, b""])
async def test_malformed_json_body_is_400_invalid_body(client: httpx.AsyncClient,
                                                       api_keys: Keys, content: bytes) -> None:
    assert_error(await post_project(client, api_keys, content), 400, "invalid_body")


async def test_schema_violations_are_listed_field_by_field(client: httpx.AsyncClient,
                                                           api_keys: Keys) -> None:
    body = assert_error(await post_project(client, api_keys, b"{}"), 400, "invalid_body")
    assert [(e["field"], e["location"]) for e in body["details"]["errors"]] == [
        ("name", "body"), ("slug", "body")]


@pytest.mark.parametrize(("settings_json", "field"), [
    ('{"n": 123456789012345678901234567890}', "settings.n"),
    ('{"n": -9223372036854775809}', "settings.n"),
    ('{"n": 1e999}', "settings.n"),
    ('{"deep": ["ok", "nul\\u0000here"]}', "settings.deep.1"),
    ('{"k\\u0000": 1}', "settings.k\\u0000"),
])
async def test_values_the_store_cannot_keep_are_400_not_500(
        client: httpx.AsyncClient, api_keys: Keys, settings_json: str, field: str) -> None:
    content = f'{{"name": "P", "slug": "p", "settings": {settings_json}}}'.encode()
    body = assert_error(await post_project(client, api_keys, content), 400, "invalid_body")
    assert body["details"]["field"] == field
    assert body["details"]["errors"][0]["location"] == "body"


async def test_largest_64_bit_integer_is_still_accepted(client: httpx.AsyncClient,
                                                        api_keys: Keys) -> None:
    content = b'{"name": "P", "slug": "p", "settings": {"n": 9223372036854775807}}'
    resp = await post_project(client, api_keys, content)
    assert resp.status_code == 201, resp.text
    assert resp.json()["settings"] == {"n": 9223372036854775807}


async def test_chunked_body_without_content_length_is_read(client: httpx.AsyncClient,
                                                           api_keys: Keys) -> None:
    async def chunks() -> AsyncIterator[bytes]:
        yield b'{"name": "Chunked", '
        yield b'"slug": "chunked"}'

    resp = await post_project(client, api_keys, chunks())
    assert resp.status_code == 201, resp.text


@pytest.mark.parametrize("path", ["/v1/projects", "/v1/ingest"])
@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded",
                                          "application/xml"])
async def test_wrong_content_type_is_415(client: httpx.AsyncClient, api_keys: Keys, path: str,
                                         content_type: str) -> None:
    resp = await client.post(path, content=b"{}",
                             headers={**api_keys.auth(), "Content-Type": content_type})
    assert_error(resp, 415, "unsupported_media_type")


@pytest.fixture
async def small_body_client(settings: Settings, database: Any,
                            clock: Any) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings.model_copy(update={"max_body_bytes": 1024}), database=database,
                     clock=clock)
    async with await client_for(app) as c:
        yield c


@pytest.mark.parametrize("path", ["/v1/projects", "/v1/ingest"])
@pytest.mark.parametrize("streamed", [False, True], ids=["declared", "streamed"])
async def test_oversized_body_is_413(small_body_client: httpx.AsyncClient, api_keys: Keys,
                                     path: str, streamed: bool) -> None:
    payload = json.dumps({"name": "x" * 3000}).encode()

    async def chunks() -> AsyncIterator[bytes]:
        for i in range(0, len(payload), 500):
            yield payload[i:i + 500]

    resp = await small_body_client.post(
        path, content=chunks() if streamed else payload,
        headers={**api_keys.auth(), "Content-Type": "application/json"})
    body = assert_error(resp, 413, "payload_too_large")
    assert body["details"] == {"limit_bytes": 1024}


# --- server-side failures -----------------------------------------------------------------------


@op.get_health
async def exploding_health() -> object:
    raise RuntimeError(f"cannot reach postgres://hiveboard:{SECRET}@db/prod")


def reduced_app(tmp_path: Path, handlers: dict[str, str], unbuilt: frozenset[str]) -> Any:
    """An app whose spec holds only the given operations, bound to the given handlers."""
    spec = load_spec()
    keep = {(OPERATIONS[o].path, OPERATIONS[o].method.lower()) for o in handlers}
    spec["paths"] = {
        path: {k: v for k, v in item.items() if k not in HTTP_METHODS or (path, k) in keep}
        for path, item in spec["paths"].items() if any((path, m) in keep for m in item)}
    operations = {o: dataclasses.replace(OPERATIONS[o], handler=h) for o, h in handlers.items()}
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'hb.db'}", auto_migrate=True)
    return create_app(settings, operations=operations, unbuilt=unbuilt, spec=spec)


async def test_unhandled_exception_is_500_with_request_id_and_no_internals(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    app = reduced_app(tmp_path, {"getHealth": f"{__name__}:exploding_health"}, frozenset())
    async with await client_for(app) as client:
        resp = await client.get("/health")
    body = assert_error(resp, 500, "internal_error")
    assert body["details"] == {"request_id": resp.headers["x-request-id"]}
    for leak in (SECRET, "Traceback", "RuntimeError", "postgres://", "exploding_health"):
        assert leak not in resp.text
    assert SECRET in caplog.text and resp.headers["x-request-id"] in caplog.text


async def test_unbuilt_operation_is_501(tmp_path: Path) -> None:
    app = reduced_app(tmp_path, {"getHealth": "tests.contract.no_such_module:get_health"},
                      frozenset({"getHealth"}))
    async with await client_for(app) as client:
        resp = await client.get("/health")
    body = assert_error(resp, 501, "not_implemented")
    assert body["details"] == {"operation": "getHealth"}


# --- request ids --------------------------------------------------------------------------------


async def test_request_id_is_echoed_or_generated(client: httpx.AsyncClient,
                                                 api_keys: Keys) -> None:
    for url, headers in (("/health", {}), ("/v1/events", api_keys.auth()), ("/v1/events", {}),
                         ("/v1/nope", {}), ("/v1/events?limit=0", api_keys.auth())):
        sent = await client.get(url, headers={**headers, "X-Request-ID": "req-abc.123"})
        assert sent.headers["x-request-id"] == "req-abc.123", url
        fresh = await client.get(url, headers=headers)
        assert re.fullmatch(r"[0-9a-f]{32}", fresh.headers["x-request-id"]), url
