"""Property-based contract tests: schemathesis drives the real ASGI app from spec/openapi.yaml.

Every built operation (the spec minus ``UNBUILT_OPERATIONS``, read at import so the run grows as
operations ship) gets generated valid and invalid requests, authenticated with a live key, and
every response goes through all of schemathesis' checks. Every unbuilt operation must answer
501 ``not_implemented``. A stateful run follows the spec's OpenAPI links between built
operations, and every timestamp of the seeded reads must have the contract's form. Each runs
once per database (SQLite, and PostgreSQL when configured).

The schema is loaded at import (``schemathesis.pytest.from_fixture`` fails on pytest 9.2: it
rewrites ``Function._nodeid``), so it is bound to a delegating app and a key provider that the
database-parametrised fixture points at that backend's app and key.

Deliberate deviations from schemathesis' defaults live in ``schemathesis.toml`` at the repo root.
``HIVEBOARD_CONTRACT_EXAMPLES`` raises the example count for a deeper local run.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
import schemathesis
from hiveboard_contract import OPENAPI_PATH
from hiveboard_contract.operations import OPERATIONS
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig
from sqlalchemy import text
from starlette.types import Receive, Scope, Send

from hiveboard.api.unbuilt import UNBUILT_OPERATIONS
from hiveboard.api.validation import UNSTORABLE_REASONS
from hiveboard.app import create_app, load_spec
from hiveboard.settings import Settings
from hiveboard.store.database import Database, create_db_engine
from hiveboard.store.tables import metadata
from tests.api.factories import sample_batch
from tests.conftest import BACKENDS, FakeClock, Keys, make_keys

ROOT = Path(__file__).resolve().parents[2]
UNBUILT = sorted(UNBUILT_OPERATIONS)
EXAMPLES = int(os.environ.get("HIVEBOARD_CONTRACT_EXAMPLES", "25"))
# The seeded data (tests/fixtures/sample_batch.json) spans 14:00-14:08 that day.
NOW = datetime(2026, 2, 10, 14, 30, tzinfo=UTC)
ERROR_KEYS = {"error", "message", "status", "details"}

PROFILE = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                           HealthCheck.data_too_large],
)


@dataclass
class Target:
    """The app under test and its live key; the database fixture swaps them per backend."""

    app: Any = None
    key: str = ""


TARGET = Target()


async def _delegate(scope: Scope, receive: Receive, send: Send) -> None:
    """The ASGI app schemathesis is bound to at import: it forwards to the current target.

    Schemathesis keeps one lifespan per app for the whole process; answering it here lets each
    backend's app own its database while schemathesis sees a single, stable app. The apps run
    without their lifespan (no background stream or alert tasks), as under the ``client``
    fixture of the API tests.
    """
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            kind = message["type"].rsplit(".", 1)[-1]
            await send({"type": f"lifespan.{kind}.complete"})
            if kind == "shutdown":
                return
    await TARGET.app(scope, receive, send)


schema = schemathesis.openapi.from_path(
    str(OPENAPI_PATH), config=SchemathesisConfig.from_path(ROOT / "schemathesis.toml"))
schema.app = _delegate


@schema.auth(refresh_interval=None)
class LiveKey:
    def get(self, case: Any, ctx: Any) -> str:
        return TARGET.key

    def set(self, case: Any, data: str, ctx: Any) -> None:
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}


def _url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('contract') / 'hiveboard.db'}"
    url: str = request.getfixturevalue("postgres_url")
    engine = create_db_engine(url)
    tables = ", ".join(f'"{t.name}"' for t in metadata.sorted_tables)
    with engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    engine.dispose()
    return url


def _seed(app: Any, keys: Keys) -> None:
    """Live and test data through the real ingest, so reads have something to return."""

    async def post_batches() -> None:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                     base_url="http://hiveboard.test") as client:
            for kind in ("live", "test"):
                resp = await client.post(
                    "/v1/ingest", content=json.dumps(sample_batch()),
                    headers={**keys.auth(kind), "Content-Type": "application/json"})
                assert resp.status_code == 200, resp.text

    asyncio.run(post_batches())


@pytest.fixture(scope="module", params=BACKENDS)
def served(request: pytest.FixtureRequest,
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, Keys]]:
    url = _url(request, tmp_path_factory)
    database = Database.from_url(url, sqlite_cache_mb=16)
    app = create_app(Settings(database_url=url, validate_responses=True, auto_migrate=True),
                     database=database, clock=FakeClock(NOW))
    keys = make_keys(database)
    _seed(app, keys)
    TARGET.app, TARGET.key = app, keys.live
    yield app, keys
    TARGET.app, TARGET.key = None, ""
    database.dispose()


def standard_shape(ctx: Any, response: Any, case: Any) -> bool | None:
    """Beyond the schema: every answer has X-Request-ID; errors are exactly the four keys."""
    assert response.headers.get("x-request-id"), "response without X-Request-ID"
    if response.status_code >= 400:
        try:
            body = json.loads(response.content)
        except ValueError:
            body = None
        assert isinstance(body, dict) and set(body) == ERROR_KEYS, (
            f"error body is not {{error, message, status, details}}: {response.content[:200]!r}")
        assert body["status"] == response.status_code
    return None


# Valid-looking requests the spec itself says are 400, because the rule spans several values
# that a schema cannot relate: since after until, a cursor the server did not produce, group_by
# without a fitting metric, an interval giving more than 1440 buckets, an alert condition
# whose scope needs a field it lacks. Every JSON body also refuses, whatever its schema
# allows, text with NUL and numbers beyond 64 bits, which the database or the JSON encoder
# cannot keep (hiveboard.api.validation). schemathesis.toml lets positive data get a 400;
# this check keeps that to these reasons.
DOCUMENTED_400_FIELDS = frozenset({"since", "until", "cursor", "group_by", "metric", "interval",
                                   "metrics_interval"})
DOCUMENTED_400_CODES = frozenset({"cannot_delete_default_project", "invalid_project"})
CROSS_FIELD_BODY_OPERATIONS = frozenset({"createAlertRule", "updateAlertRule"})


def positive_rejection_documented(ctx: Any, response: Any, case: Any) -> bool | None:
    if response.status_code != 400 or case.meta is None or not case.meta.generation.mode.is_positive:
        return None
    body = json.loads(response.content)
    details = body.get("details") or {}
    documented = (
        body["error"] in DOCUMENTED_400_CODES
        or (body["error"] == "invalid_parameter" and details.get("field") in DOCUMENTED_400_FIELDS)
        or (body["error"] == "invalid_body"
            and case.operation.definition.raw.get("operationId") in CROSS_FIELD_BODY_OPERATIONS)
        # archiveProject documents that the default project cannot be archived (audit W7).
        or (body["error"] == "invalid_parameter" and details.get("field") == "project_id"
            and case.operation.definition.raw.get("operationId") == "archiveProject")
        # updateProject documents that the default project keeps the slug `default`.
        or (body["error"] == "invalid_body"
            and [e.get("field") for e in details.get("errors", [])] == ["slug"]
            and case.operation.definition.raw.get("operationId") == "updateProject")
        or (body["error"] == "invalid_body" and bool(details.get("errors"))
            and {e["reason"] for e in details["errors"]} <= UNSTORABLE_REASONS))
    assert documented, f"a schema-valid request was refused for an undocumented reason: {body}"
    return None


@schema.exclude(operation_id=UNBUILT).parametrize()
@PROFILE
def test_built_operation_conforms(case: Any, served: tuple[Any, Keys]) -> None:
    case.call_and_validate(additional_checks=[standard_shape, positive_rejection_documented])


def test_stateful_links_between_built_operations(served: tuple[Any, Keys]) -> None:
    built = schema.exclude(operation_id=UNBUILT)
    if not built.operations_with_incoming_links():
        pytest.skip("no OpenAPI link joins two built operations yet")
    machine = built.as_state_machine()

    class Checked(machine):  # type: ignore[misc, valid-type]
        def validate_response(self, response: Any, case: Any,
                              additional_checks: Any = None, **kwargs: Any) -> None:
            super().validate_response(response, case, [standard_shape, positive_rejection_documented],
                                      **kwargs)

    Checked.run(settings=settings(PROFILE, max_examples=max(EXAMPLES // 2, 10),
                                  stateful_step_count=6, derandomize=True))


# --- timestamps -----------------------------------------------------------------------------------

TIMESTAMP_LIKE = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:")
CONTRACT_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z")


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _seeded_read_urls() -> list[str]:
    """Every built JSON read without path parameters, plus the seeded agent and task."""
    batch = sample_batch()
    task_id = next(e["task_id"] for e in batch["events"] if e.get("task_id"))
    agent_id = batch["envelope"]["agent_id"]
    urls = [op.path for op in OPERATIONS.values()
            if op.method == "GET" and "{" not in op.path and op.operation_id not in UNBUILT
            and op.operation_id != "getPrometheusMetrics"]
    candidates = {"getAgent": f"/v1/agents/{agent_id}", "getTaskTimeline":
                  f"/v1/tasks/{task_id}/timeline", "getAgentPipeline":
                  f"/v1/agents/{agent_id}/pipeline"}
    return urls + [url for op_id, url in candidates.items() if op_id not in UNBUILT]


async def test_timestamps_leave_as_utc_with_milliseconds(contract_client: httpx.AsyncClient,
                                                         served: tuple[Any, Keys]) -> None:
    """Info section "Timestamps": every timestamp returned is UTC, ends in Z, with ms."""
    wrong: dict[str, list[str]] = {}
    seen = 0
    for url in _seeded_read_urls():
        resp = await contract_client.get(url, headers=served[1].auth())
        assert resp.status_code == 200, f"{url}: {resp.text}"
        stamps = [s for s in _strings(resp.json()) if TIMESTAMP_LIKE.match(s)]
        seen += len(stamps)
        bad = [s for s in stamps if not CONTRACT_TIMESTAMP.fullmatch(s)]
        if bad:
            wrong[url] = sorted(set(bad))[:3]
    assert seen > 20, "the seeded data should produce timestamps to check"
    assert not wrong, f"timestamps not in the form 2026-02-10T14:32:01.000Z: {wrong}"


# --- unbuilt operations ------------------------------------------------------------------------


def _example_request(op_id: str) -> tuple[str, str, bytes | None]:
    """Method, concrete path and body of a valid request, from the spec's own examples."""
    op = OPERATIONS[op_id]
    definition = load_spec()["paths"][op.path][op.method.lower()]
    path = op.path
    for name in [p.split("}")[0] for p in path.split("{")[1:]]:
        path = path.replace("{" + name + "}", "example-" + name.replace("_", "-"))
    body = definition.get("requestBody", {}).get("content", {}).get("application/json", {})
    return op.method, path, json.dumps(body["example"]).encode() if "example" in body else None


@pytest.fixture
async def contract_client(served: tuple[Any, Keys]) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=served[0]),
                                 base_url="http://hiveboard.test") as c:
        yield c


@pytest.mark.parametrize("op_id", UNBUILT or [pytest.param(
    "", marks=pytest.mark.skip(reason="every operation is built; tests/contract/test_errors.py "
                                      "still proves the 501 path"))])
async def test_unbuilt_operation_answers_501(op_id: str, contract_client: httpx.AsyncClient,
                                             served: tuple[Any, Keys]) -> None:
    method, path, body = _example_request(op_id)
    resp = await contract_client.request(method, path, content=body,
                                headers={**served[1].auth(), "Content-Type": "application/json"})
    assert resp.status_code == 501, resp.text
    assert resp.json() == {"error": "not_implemented", "message": resp.json()["message"],
                           "status": 501, "details": {"operation": op_id}}
    assert resp.headers["x-request-id"]
