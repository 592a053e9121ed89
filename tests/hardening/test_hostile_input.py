"""Hostile input: every path and query parameter of every operation in spec/openapi.yaml is fed
SQL-injection-looking, path-traversal, NUL, non-UTF-8, unicode/RTL, oversized, out-of-range and
malformed values, and ingest gets broken bodies. Each answer is a clean 4xx in the standard
error shape (or a valid 2xx for a harmless value), never a 500, and nothing stored changes.

Operations and parameters are read from the spec, so a new operation is covered without
editing this file.
"""

from __future__ import annotations

import base64
import json
import re
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from sqlalchemy import func, select

from hiveboard.domain.ingest_rules import llm_columns
from hiveboard.store.database import Database
from hiveboard.store.tables import metadata
from tests.api.factories import batch, event, sample_batch
from tests.conftest import Keys
from tests.hardening.spec_walk import OPERATIONS, Operation, Param

ERROR_KEYS = {"error", "message", "status", "details"}

INJECTIONS = [
    "' OR '1'='1", "1; DROP TABLE events;--", '" OR ""="', "x' UNION SELECT key_hash FROM api_keys--",
    "%' OR 1=1 --", "\\'; SELECT pg_sleep(5);--", "<script>alert(1)</script>", "${jndi:ldap://x/a}",
    "{{7*7}}", "\r\nX-Injected: 1",
]
TRAVERSALS = ["../../../../etc/passwd", "..\\..\\windows\\win.ini", "a/../../b", "./.", "..",
              "%2e%2e%2f%2e%2e%2f"]
NUL_LIKE = ["\x00", "a\x00b", "%00", "\\u0000", "\\x00"]
UNICODE = ["агент-7", "\u202eevil\u202c", "שלום-עולם", "مرحبا", "🤖" * 20, "e\u0301", "\ufeffbom",
           "\u200b"]
SIZES = ["", " ", "x" * 257, "x" * 5000]
STRINGS = INJECTIONS + TRAVERSALS + NUL_LIKE + UNICODE + SIZES
RAW_NON_UTF8 = ["%FF%FE", "%C3%28", "%ED%A0%80", "%F8%88%80%80%80"]  # sent as-is, never decoded
INTEGERS = ["-1", "0", "1", "200", "201", str(10**12), "abc", "1.5", "1e3", "", "0x10",
            str(2**63), str(-(2**63) - 1), "99999999999999999999999999"]
BOOLEANS = ["maybe", "2", "", "yes please"]
TIMESTAMPS_INVALID = ["not-a-date", "2026-13-45T00:00:00Z", "2026-02-10T25:61:00Z", "1e12",
                      "2026-02-30T00:00:00Z", "", "2026/02/10 14:00", "2026-02-10T14:00:00+25:00",
                      "99999-01-01T00:00:00Z", "-001-01-01T00:00:00Z"]
TIMESTAMPS_EDGE = ["0001-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "2201-01-01T00:00:00Z",
                   "9999-12-31T23:59:59.999999Z", "2026-02-10T14:00:00", "2026-02-10"]


def b64(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


CURSORS = ["garbage", "=", b64("{}"), b64('{"k": [1, 2]}'), b64('{"v": 1, "after": 1e999}'),
           b64("[" * 200), b64('{"seq": 99999999999999999999999}'), b64("\x00"),
           b64('{"t": "2026", "id": "\' OR 1=1"}'), "x" * 600, "%FF%FE"]


def int_is_valid(value: str, schema: dict[str, Any]) -> bool:
    if not re.fullmatch(r"-?\d+", value):
        return False
    number = int(value)
    return schema.get("minimum", -(2**63)) <= number <= schema.get("maximum", 2**63 - 1)


def string_is_valid(value: str, schema: dict[str, Any]) -> bool:
    if "enum" in schema:
        return value in schema["enum"]
    if not schema.get("minLength", 0) <= len(value) <= schema.get("maxLength", 10**9):
        return False
    return "pattern" not in schema or re.search(schema["pattern"], value) is not None


def cases(param: Param) -> list[tuple[str, bool | None]]:
    """(raw query/path text already percent-encoded, must it be refused with 400?).

    ``None`` means the value may be harmless (a filter matching nothing); it must still never
    cause a 5xx.
    """
    # httpx would resolve a literal ".." segment before sending (a raw client need not): dots
    # are sent escaped, which the server decodes to the same value.
    enc = [(quote(v, safe="").replace(".", "%2E"), v) for v in STRINGS]
    raw: list[tuple[str, bool | None]] = [(r, None) for r in RAW_NON_UTF8]
    kind = param.kind
    if kind == "integer":
        return [(quote(v, safe=""), not int_is_valid(v, param.schema)) for v in INTEGERS] + raw
    if kind == "boolean":
        return [(quote(v, safe=""), True) for v in BOOLEANS] + raw
    if kind == "date-time":
        return ([(quote(v, safe=""), True) for v in TIMESTAMPS_INVALID]
                + [(quote(v, safe=""), None) for v in TIMESTAMPS_EDGE]
                + [(e, True) for e, _ in enc] + raw)
    if kind == "cursor":
        return [(quote(v, safe="") if not v.startswith("%") else v, True) for v in CURSORS] + [
            (e, True) for e, _ in enc]
    if kind in ("enum", "array"):
        extra = [("loud", True), (quote("info,' OR 1=1", safe=""), True), (",", True),
                 (quote(",".join(["x"] * 50), safe=""), True)]
        return [(e, True) for e, _ in enc] + extra + raw
    return [(e, not string_is_valid(v, param.schema)) for e, v in enc] + raw


def table_counts(db: Database) -> dict[str, int]:
    def count(conn: Any) -> dict[str, int]:
        return {t.name: int(conn.execute(select(func.count()).select_from(t)).scalar_one())
                for t in metadata.sorted_tables}
    return db.read_sync(count)


def check_error(resp: httpx.Response) -> str | None:
    """A description of what is wrong with a refusal, or None when it is a clean one."""
    if resp.status_code >= 500:
        return f"{resp.status_code}: {resp.text[:200]}"
    if resp.status_code < 400:
        return None
    try:
        body = resp.json()
    except ValueError:
        return f"{resp.status_code} not JSON: {resp.text[:200]}"
    if set(body) != ERROR_KEYS or body["status"] != resp.status_code or not body["message"] \
            or not isinstance(body["error"], str):
        return f"{resp.status_code} not the standard shape: {body}"
    return None


@pytest.fixture
async def seeded(client: httpx.AsyncClient, api_keys: Keys) -> dict[str, str]:
    """Data to be kept safe (a full sample batch, a project, an alert rule), and real values
    for path parameters, so that the parameter under attack is the only odd one."""
    resp = await client.post("/v1/ingest", json=sample_batch(), headers=api_keys.auth())
    assert resp.status_code == 200, resp.text
    project = await client.post("/v1/projects", json={"name": "Kept", "slug": "kept"},
                                headers=api_keys.auth())
    assert project.status_code == 201, project.text
    rule_body = next(o.body_example for o in OPERATIONS if o.op_id == "createAlertRule")
    rule = await client.post("/v1/alerts/rules", json=rule_body, headers=api_keys.auth())
    assert rule.status_code == 201, rule.text
    return {"project_id": project.json()["project_id"], "rule_id": rule.json()["rule_id"],
            "agent_id": "lead-qualifier", "task_id": "task_lead-4821"}


def body_for(op: Operation) -> bytes | None:
    if op.method not in ("POST", "PUT", "PATCH"):
        return None
    return json.dumps(op.body_example if op.body_example is not None else {}).encode()


async def send(client: httpx.AsyncClient, keys: Keys, op: Operation,
               encoded_path: dict[str, str], query: str = "") -> httpx.Response:
    """``encoded_path`` values are sent as they are (already percent-encoded): httpx would
    re-encode a parsed URL, and the hostile escapes must arrive byte-exact."""
    path = op.path
    for name, value in encoded_path.items():
        path = path.replace("{" + name + "}", value)
    target = path + (f"?{query}" if query else "")
    url = httpx.URL("http://hiveboard.test").copy_with(raw_path=target.encode("ascii"))
    return await client.request(op.method, url, content=body_for(op),
                                headers={**keys.auth(), "Content-Type": "application/json"})


@pytest.mark.parametrize("op", [o for o in OPERATIONS if o.params], ids=lambda o: o.op_id)
async def test_every_parameter_refuses_hostile_values_cleanly(
        client: httpx.AsyncClient, api_keys: Keys, database: Database, seeded: dict[str, str],
        op: Operation) -> None:
    before = table_counts(database)
    plain = {p.name: quote(seeded[p.name], safe="") for p in op.path_params}
    problems: list[str] = []
    for param in op.params:
        for raw, refuse in cases(param):
            if param.location == "path":
                resp = await send(client, api_keys, op, {**plain, param.name: raw})
            else:
                resp = await send(client, api_keys, op, plain, f"{param.name}={raw}")
            where = f"{op.method} {param.location} {param.name}={raw[:40]!r}"
            if (bad := check_error(resp)) is not None:
                problems.append(f"{where}: {bad}")
            elif raw == "" and param.location == "path" and resp.status_code in (307, 404):
                pass  # "/v1/agents/" is the collection's path: redirected, or no such route
            elif refuse and resp.status_code != 400 and not (
                    param.location == "path" and resp.status_code == 404):
                problems.append(f"{where}: expected 400, got {resp.status_code} {resp.text[:120]}")
            elif refuse and resp.status_code == 400 and param.location == "query" and \
                    resp.json()["details"].get("field") != param.name:
                problems.append(f"{where}: 400 does not name the field: {resp.text[:200]}")
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:40])
    assert table_counts(database) == before


# --- ingest bodies ------------------------------------------------------------------------------


async def ingest(client: httpx.AsyncClient, keys: Keys, content: bytes,
                 content_type: str = "application/json") -> httpx.Response:
    return await client.post("/v1/ingest", content=content,
                             headers={**keys.auth(), "Content-Type": content_type})


def nested(depth: int) -> str:
    return '{"a":' * depth + "1" + "}" * depth


def with_event(**fields: Any) -> bytes:
    return json.dumps(batch(event(**fields))).encode()


REFUSED_BODIES: list[tuple[str, bytes, str, int, str]] = [
    ("malformed-json", b'{"envelope": {"agent_id": "a"}, "events": [', "application/json",
     400, "invalid_batch"),
    ("trailing-comma", b'{"envelope": {"agent_id": "a"}, "events": [],}', "application/json",
     400, "invalid_batch"),
    ("not-an-object", b'["envelope"]', "application/json", 400, "invalid_batch"),
    ("json-null", b"null", "application/json", 400, "invalid_batch"),
    ("empty", b"", "application/json", 400, "invalid_batch"),
    ("non-utf8", b'{"envelope": {"agent_id": "\xff\xfe"}, "events": []}', "application/json",
     400, "invalid_batch"),
    ("lone-surrogate", b'{"envelope": {"agent_id": "\\ud800"}, "events": []}',
     "application/json", 400, "invalid_batch"),
    ("utf16", json.dumps(batch(event())).encode("utf-16"), "application/json", 400,
     "invalid_batch"),
    ("nan", b'{"envelope": {"agent_id": "a"}, "events": [NaN]}', "application/json", 400,
     "invalid_batch"),
    ("deeply-nested-body", ('{"envelope": {"agent_id": "a"}, "events": [' + nested(5000)
                            + "]}").encode(), "application/json", 400, "invalid_batch"),
    ("deeply-nested-array", b"[" * 100_000 + b"]" * 100_000, "application/json", 400,
     "invalid_batch"),
    ("501-events", json.dumps(batch(*[event() for _ in range(501)])).encode(),
     "application/json", 400, "invalid_batch"),
    ("over-1mb", json.dumps(batch(*[event(payload={"summary": "s", "data": {"x": "y" * 30_000}})
                                   for _ in range(40)])).encode(), "application/json", 413,
     "payload_too_large"),
    ("text-plain", json.dumps(batch(event())).encode(), "text/plain", 415,
     "unsupported_media_type"),
    ("form", b"envelope=1", "application/x-www-form-urlencoded", 415, "unsupported_media_type"),
    ("nul-agent-id", json.dumps(batch(event(), agent_id="a\x00b")).encode(), "application/json",
     400, "invalid_batch"),
    ("traversal-agent-too-long", json.dumps(batch(event(), agent_id="../" * 200)).encode(),
     "application/json", 400, "invalid_batch"),
]


@pytest.mark.parametrize(("content", "content_type", "status", "code"),
                         [pytest.param(*case[1:], id=case[0]) for case in REFUSED_BODIES])
async def test_broken_ingest_bodies_are_refused_whole(
        client: httpx.AsyncClient, api_keys: Keys, database: Database, seeded: dict[str, str],
        content: bytes, content_type: str, status: int, code: str) -> None:
    before = table_counts(database)
    resp = await ingest(client, api_keys, content, content_type)
    assert check_error(resp) is None, resp.text
    assert resp.status_code == status and resp.json()["error"] == code, resp.text
    assert table_counts(database) == before


REJECTED_EVENTS: list[tuple[str, dict[str, Any], str]] = [
    ("33kb-payload", {"payload": {"summary": "s", "data": {"blob": "z" * 33_000}}},
     "field_size_exceeded"),
    ("event-id-too-long", {"event_id": "e" * 129}, "field_size_exceeded"),
    ("duration-2^70", {"event_type": "action_completed", "duration_ms": 2**70}, "invalid_field"),
    ("duration-negative", {"event_type": "action_completed", "duration_ms": -1}, "invalid_field"),
    ("duration-float", {"event_type": "action_completed", "duration_ms": 1.5}, "invalid_field"),
    ("duration-string", {"event_type": "action_completed", "duration_ms": "10"},
     "invalid_field"),
    ("timestamp-not-a-date", {"timestamp": "not-a-date"}, "invalid_field"),
    ("timestamp-month-13", {"timestamp": "2026-13-01T00:00:00Z"}, "invalid_field"),
    ("timestamp-feb-30", {"timestamp": "2026-02-30T00:00:00Z"}, "invalid_field"),
    ("timestamp-1969", {"timestamp": "1969-12-31T23:59:59Z"}, "invalid_field"),
    ("timestamp-2201", {"timestamp": "2201-01-01T00:00:00Z"}, "invalid_field"),
    ("timestamp-year-0", {"timestamp": "0000-01-01T00:00:00Z"}, "invalid_field"),
    ("timestamp-year-99999", {"timestamp": "99999-01-01T00:00:00Z"}, "invalid_field"),
    ("timestamp-number", {"timestamp": 1770732000000}, "invalid_field"),
    ("timestamp-offset-25h", {"timestamp": "2026-02-10T14:00:00+25:00"}, "invalid_field"),
    ("event-type-injection", {"event_type": "heartbeat' OR 1=1--"}, "invalid_event_type"),
    ("severity-unknown", {"severity": "loud"}, "invalid_field"),
    ("nul-event-id", {"event_id": "a\x00b"}, "invalid_field"),
    ("nul-task-id", {"event_type": "task_started", "task_id": "t\x00"}, "invalid_field"),
    ("event-id-object", {"event_id": {"$gt": ""}}, "invalid_field"),
    ("payload-not-object", {"payload": "' OR 1=1"}, "invalid_field"),
]


@pytest.mark.parametrize(("fields", "code"),
                         [pytest.param(*case[1:], id=case[0]) for case in REJECTED_EVENTS])
async def test_bad_events_are_rejected_alone_and_nothing_is_stored(
        client: httpx.AsyncClient, api_keys: Keys, database: Database, seeded: dict[str, str],
        fields: dict[str, Any], code: str) -> None:
    """A per-event problem is a 207 naming the event (hiveloop drops a whole batch on a 4xx),
    never a 500; the bad event is not stored."""
    before = table_counts(database)
    resp = await ingest(client, api_keys, with_event(**fields))
    assert resp.status_code == 207, resp.text
    body = resp.json()
    assert body["accepted"] == 0 and body["rejected"] == 1
    assert [e["error"] for e in body["errors"]] == [code], body
    assert table_counts(database) == before


@pytest.mark.parametrize("payload", [
    pytest.param({"summary": "deep", "data": json.loads(nested(200))}, id="nested-200"),
    pytest.param({"kind": "llm_call", "summary": "huge numbers",
                  "data": {"name": "n", "model": "m", "tokens_in": 2**70, "tokens_out": -(2**70),
                           "cost": 1e308, "duration_ms": 2**64}}, id="llm-out-of-range"),
    pytest.param({"kind": "llm_call", "summary": "wrong types",
                  "data": {"name": ["x"], "model": {"a": 1}, "tokens_in": "many",
                           "tokens_out": None, "cost": "free"}}, id="llm-wrong-types"),
    pytest.param({"kind": "plan_created", "summary": "bad plan",
                  "data": {"steps": "not-a-list", "total_steps": 2**70}}, id="plan-wrong-types"),
    pytest.param({"kind": "queue_snapshot", "data": {"depth": -(2**70), "items": [None] * 50}},
                 id="queue-out-of-range"),
    pytest.param({"summary": "\u202e" + "агент" * 50, "tags": ["' OR 1=1", "../..", 7]},
                 id="rtl-and-odd-tags"),
], )
async def test_hostile_payloads_never_cause_a_500(client: httpx.AsyncClient, api_keys: Keys,
                                                   database: Database, payload: dict[str, Any]
                                                   ) -> None:
    """Payload conventions are advisory: an odd payload is stored (or refused per event), and
    every read that derives figures from payloads still answers."""
    body = batch(event(event_type="task_started", task_id="odd-task", severity="info"),
                 event(event_type="custom", task_id="odd-task", severity="info",
                       payload=payload))
    resp = await ingest(client, api_keys, json.dumps(body).encode())
    assert resp.status_code in (200, 207), resp.text
    for url in ("/v1/events?limit=5", "/v1/tasks", "/v1/tasks/odd-task/timeline",
                "/v1/agents/agent-1", "/v1/agents/agent-1/pipeline", "/v1/cost",
                "/v1/cost/calls", "/v1/llm-calls", "/v1/metrics", "/v1/cost/timeseries"):
        read = await client.get(url, headers=api_keys.auth())
        assert check_error(read) is None and read.status_code < 400, f"{url}: {read.text[:300]}"


ODD_IDS = [*INJECTIONS, *[t for t in TRAVERSALS if t not in ("..", "./.")], *UNICODE[:-1],
           "\\u0000", "%00"]


@pytest.mark.parametrize("odd", ODD_IDS)
async def test_odd_ids_are_kept_literally_and_read_back(
        client: httpx.AsyncClient, api_keys: Keys, database: Database, odd: str) -> None:
    """Ids that look like SQL, paths or escapes are data: stored as sent, found again by the
    detail endpoints under exactly that id, and matching nothing else."""
    started = event(event_type="task_started", task_id=odd, project_id="odd-project",
                    severity="info")
    resp = await ingest(client, api_keys, json.dumps(batch(started, agent_id=odd)).encode())
    assert resp.status_code == 200, resp.text
    other = await ingest(client, api_keys, json.dumps(batch(event(), agent_id="bystander")).encode())
    assert other.status_code == 200
    enc = quote(odd, safe="")
    if "/" not in odd and "\n" not in odd:  # routing decodes %2F and refuses a newline (404)
        agent = await client.get(f"/v1/agents/{enc}", headers=api_keys.auth())
        assert agent.status_code == 200 and agent.json()["agent_id"] == odd, agent.text
        timeline = await client.get(f"/v1/tasks/{enc}/timeline", headers=api_keys.auth())
        assert timeline.status_code == 200 and timeline.json()["task_id"] == odd, timeline.text
    events = await client.get(f"/v1/events?agent_id={enc}", headers=api_keys.auth())
    assert [e["agent_id"] for e in events.json()["data"]] == [odd], events.text
    tasks = await client.get(f"/v1/tasks?agent_id={enc}", headers=api_keys.auth())
    assert [t["task_id"] for t in tasks.json()["data"]] == [odd], tasks.text


@pytest.mark.parametrize(("tokens", "cost", "stored"), [
    (10**12, 1e12, (10**12, 1e12)), (10**12 + 1, 1e12 * 1.01, (None, None)),
    (2**70, float("inf"), (None, None)), (-1, -0.5, (None, None)), (True, "1", (None, None))])
def test_llm_figures_a_rollup_could_not_sum_are_kept_out_of_the_columns(
        tokens: Any, cost: Any, stored: tuple[Any, Any]) -> None:
    columns = llm_columns({"data": {"model": "m", "tokens_in": tokens, "cost": cost}})
    assert (columns["llm_tokens_in"], columns["llm_cost"]) == stored


# --- every request body of the spec -------------------------------------------------------------

BODY_OPS = [o for o in OPERATIONS if o.body_example is not None and o.op_id != "ingestEvents"]
BROKEN_BODIES: list[tuple[str, bytes, str]] = [
    ("malformed", b'{"name": ', "application/json"),
    ("non-utf8", b'{"name": "\xff\xfe"}', "application/json"),
    ("lone-surrogate", b'{"name": "\\udc00"}', "application/json"),
    ("deeply-nested", ('{"settings": ' + nested(5000) + "}").encode(), "application/json"),
    ("array", b"[]", "application/json"),
    ("null", b"null", "application/json"),
    ("empty", b"", "application/json"),
    ("text-plain", b'{"name": "x"}', "text/plain"),
    ("xml", b"<name>x</name>", "application/xml"),
    ("over-1mb", b'{"name": "' + b"x" * 1_100_000 + b'"}', "application/json"),
]


def leaf_paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[tuple[Any, ...], Any]]:
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in leaf_paths(v, (*prefix, k))]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in leaf_paths(v, (*prefix, i))]
    return [(prefix, value)]


def replaced(doc: Any, path: tuple[Any, ...], value: Any) -> Any:
    copy = json.loads(json.dumps(doc))
    target = copy
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return copy


@pytest.mark.parametrize("op", BODY_OPS, ids=lambda o: o.op_id)
async def test_every_body_refuses_broken_documents_cleanly(
        client: httpx.AsyncClient, api_keys: Keys, database: Database, seeded: dict[str, str],
        op: Operation) -> None:
    before = table_counts(database)
    ids = {p.name: quote(seeded[p.name], safe="") for p in op.path_params}
    problems = []
    for name, content, content_type in BROKEN_BODIES:
        url = httpx.URL("http://hiveboard.test").copy_with(raw_path=_path(op, ids).encode())
        resp = await client.request(op.method, url, content=content,
                                    headers={**api_keys.auth(), "Content-Type": content_type})
        if (bad := check_error(resp)) is not None or resp.status_code < 400:
            problems.append(f"{name}: {bad or resp.status_code}")
        elif resp.status_code not in (400, 413, 415):
            problems.append(f"{name}: {resp.status_code} {resp.text[:150]}")
    assert not problems, "\n".join(problems)
    assert table_counts(database) == before


def _path(op: Operation, encoded: dict[str, str]) -> str:
    path = op.path
    for name, value in encoded.items():
        path = path.replace("{" + name + "}", value)
    return path


@pytest.mark.parametrize("op", BODY_OPS, ids=lambda o: o.op_id)
async def test_every_body_field_survives_hostile_values(
        client: httpx.AsyncClient, api_keys: Keys, database: Database, seeded: dict[str, str],
        op: Operation) -> None:
    """Each field of the spec's example body in turn gets out-of-range numbers, wrong types,
    NUL, injection and oversized strings: a clean answer every time, integers beyond 64 bits
    always refused, and no event ever stored."""
    events_before = table_counts(database)["events"]
    ids = {p.name: quote(seeded[p.name], safe="") for p in op.path_params}
    url = httpx.URL("http://hiveboard.test").copy_with(raw_path=_path(op, ids).encode())
    problems = []
    for path, original in leaf_paths(op.body_example):
        candidates: list[Any] = [2**70, -(2**70), 2**63, -1, 1.5, 1e308, "abc", None, True,
                                 [], {}, "x" * 100_000, "a\x00b", *INJECTIONS[:3],
                                 TRAVERSALS[0], UNICODE[1]]
        for value in candidates:
            doc = replaced(op.body_example, path, value)
            resp = await client.request(op.method, url, json=doc, headers=api_keys.auth())
            where = f"{'.'.join(map(str, path))}={str(value)[:30]!r} (was {original!r})"
            if (bad := check_error(resp)) is not None:
                problems.append(f"{where}: {bad}")
            elif isinstance(value, int) and not isinstance(value, bool) and \
                    abs(value) >= 2**63 and resp.status_code != 400:
                problems.append(f"{where}: {resp.status_code} for an integer past 64 bits")
            if resp.status_code < 300 and op.method == "POST" and "rule_id" in resp.text:
                rule_id = resp.json()["rule_id"]  # keep the rule list short between values
                await client.delete(f"/v1/alerts/rules/{rule_id}", headers=api_keys.auth())
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:40])
    assert table_counts(database)["events"] == events_before
