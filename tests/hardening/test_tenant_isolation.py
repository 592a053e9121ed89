"""Tenant isolation, over every operation of spec/openapi.yaml and the stream.

Three workspaces hold data: tenant acme's live workspace (its live and read keys), acme's test
workspace (its test key) and tenant globex's live workspace; a fourth tenant has no data. Every
id, name and summary of a workspace carries its marker, so a leak anywhere in a response body
is found by searching for another workspace's marker. One agent name exists in every
workspace, as it would in real fleets. Operations are read from the spec, so a new endpoint is
checked without editing this file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from sqlalchemy import func, select

from hiveboard.store.database import Database
from hiveboard.store.tables import metadata
from tests.api.factories import batch, event
from tests.conftest import Keys, LiveServer, make_keys
from tests.hardening.spec_walk import OPERATIONS, SPEC, Operation

SHARED_AGENT = "shared-agent"
WS_CHANNELS = ["events", "agents"]


@dataclass
class Workspace:
    marker: str
    key: str
    write_key: str
    ids: dict[str, str]  # path parameter name -> an id of this workspace

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.key}"}


def workspace_batch(marker: str, agent_id: str) -> dict[str, Any]:
    task = f"{marker}-task"
    events = [
        event(event_type="agent_registered", severity="info",
              payload={"summary": f"{marker} registered"}),
        event(event_type="task_started", task_id=task, project_id=f"{marker}-proj",
              task_type=f"{marker}-type", severity="info", payload={"summary": f"{marker} go"}),
        event(event_type="custom", task_id=task, project_id=f"{marker}-proj", severity="info",
              payload={"kind": "llm_call", "summary": f"{marker} call",
                       "data": {"name": f"{marker}-call", "model": f"{marker}-model",
                                "tokens_in": 10, "tokens_out": 2, "cost": 0.01}}),
        event(event_type="custom", task_id=task, project_id=f"{marker}-proj", severity="info",
              payload={"kind": "plan_created", "summary": f"{marker} plan",
                       "data": {"steps": [{"index": 0, "description": f"{marker} step"}]}}),
        event(event_type="custom", severity="info",
              payload={"kind": "queue_snapshot", "summary": f"{marker} queue",
                       "data": {"depth": 1, "items": [{"id": f"{marker}-item"}]}}),
        event(event_type="task_failed", task_id=task, project_id=f"{marker}-proj",
              severity="error", payload={"summary": f"{marker} failed"})]
    for ev in events:  # inside every default window, which ends (exclusively) at the clock
        ev["timestamp"] = "2026-02-10T13:59:00.000Z"
    return batch(*events, agent_id=agent_id, agent_type=f"{marker}-kind", environment=f"{marker}-env",
        group=f"{marker}-group")


async def fill(client: httpx.AsyncClient, marker: str, key: str, write_key: str) -> Workspace:
    auth = {"Authorization": f"Bearer {write_key}"}
    for agent_id in (f"{marker}-agent", SHARED_AGENT):
        resp = await client.post("/v1/ingest", json=workspace_batch(marker, agent_id),
                                 headers=auth)
        assert resp.status_code == 200, resp.text
    project = await client.post("/v1/projects", headers=auth, json={
        "name": f"{marker} project", "slug": f"{marker}-own", "description": marker})
    assert project.status_code == 201, project.text
    rule = await client.post("/v1/alerts/rules", headers=auth, json={
        "name": f"{marker} rule", "condition": {"type": "agent_stuck", "threshold_seconds": 300},
        "filters": {"agent_id": f"{marker}-agent"},
        "actions": [{"type": "webhook", "url": f"https://hooks.example.com/{marker}"}]})
    assert rule.status_code == 201, rule.text
    # The project ingest created holds the agent, so membership changes have a real target.
    members = await client.get(f"/v1/projects/{marker}-proj/agents", headers=auth)
    assert f"{marker}-agent" in {a["agent_id"] for a in members.json()["data"]}, members.text
    linked = await client.get(f"/v1/projects/{marker}-proj", headers=auth)
    return Workspace(marker=marker, key=key, write_key=write_key, ids={
        "agent_id": f"{marker}-agent", "task_id": f"{marker}-task",
        "project_id": linked.json()["project_id"], "rule_id": rule.json()["rule_id"]})


@dataclass
class World:
    acme_live: Workspace
    acme_read: Workspace
    acme_test: Workspace
    globex: Workspace
    empty_key: str

    @property
    def with_data(self) -> list[Workspace]:
        return [self.acme_live, self.acme_read, self.acme_test, self.globex]

    def foreign_markers(self, viewer: Workspace) -> list[str]:
        return [w.marker for w in (self.acme_live, self.acme_test, self.globex)
                if w.marker != viewer.marker]


@pytest.fixture
async def world(client: httpx.AsyncClient, api_keys: Keys, database: Database) -> World:
    globex = make_keys(database, "globex")
    empty = make_keys(database, "initech")
    acme_live = await fill(client, "m-acme-live", api_keys.live, api_keys.live)
    acme_test = await fill(client, "m-acme-test", api_keys.test, api_keys.test)
    return World(
        acme_live=acme_live,
        acme_read=Workspace("m-acme-live", api_keys.read, api_keys.live, acme_live.ids),
        acme_test=acme_test,
        globex=await fill(client, "m-globex-live", globex.live, globex.live),
        empty_key=empty.live)


def table_counts(db: Database) -> dict[str, int]:
    return db.read_sync(lambda c: {
        t.name: int(c.execute(select(func.count()).select_from(t)).scalar_one())
        for t in metadata.sorted_tables if t.name != "audit_log"})


def leaks(text: str, markers: list[str], asked: tuple[str, ...] = ()) -> list[str]:
    """Markers in ``text``, once the ids the caller itself sent are taken out (a 404 may
    name the id it did not find)."""
    for value in asked:
        text = text.replace(value, "")
    return [m for m in markers if m in text]


def body_for(op: Operation) -> Any:
    if op.method not in ("POST", "PUT", "PATCH"):
        return None
    return op.body_example if op.body_example is not None else {}


def url_for(op: Operation, ids: dict[str, str]) -> str:
    return op.url({p.name: ids[p.name] for p in op.path_params})


READS = [o for o in OPERATIONS if o.method == "GET"]
LISTS = [o for o in READS if not o.path_params]
DETAILS = [o for o in READS if o.path_params]
WRITES_ON_IDS = [o for o in OPERATIONS if o.method != "GET" and o.path_params]
ID_QUERY_PARAMS = {"agent_id", "task_id", "project_id", "rule_id"}


def test_the_spec_walk_sees_the_operations_this_suite_is_about() -> None:
    """Guards the derivation itself: an empty walk would make every check below vacuous."""
    names = {o.op_id for o in OPERATIONS}
    assert {"listEvents", "listAgents", "listTasks", "listProjects", "listAlertRules",
            "listAuditLog"} <= {o.op_id for o in LISTS} <= names
    assert {"getAgent", "getTaskTimeline", "getProject", "getAlertRule"} <= {
        o.op_id for o in DETAILS}
    assert {"deleteProject", "updateAlertRule"} <= {o.op_id for o in WRITES_ON_IDS}
    assert len(SPEC["paths"]) >= len({o.path for o in OPERATIONS})


async def test_every_list_shows_only_the_callers_workspace(
        client: httpx.AsyncClient, world: World) -> None:
    seen_own: dict[str, int] = {}
    problems: list[str] = []
    for op in LISTS:
        for viewer in world.with_data:
            resp = await client.get(op.path, headers=viewer.auth)
            assert resp.status_code == 200, f"{op.op_id}: {resp.text[:200]}"
            if found := leaks(resp.text, world.foreign_markers(viewer)):
                problems.append(f"{op.op_id} as {viewer.marker} shows {found}")
            seen_own[op.op_id] = seen_own.get(op.op_id, 0) + (viewer.marker in resp.text)
        empty = await client.get(op.path, headers={"Authorization": f"Bearer {world.empty_key}"})
        assert empty.status_code == 200, empty.text
        if found := leaks(empty.text, [w.marker for w in world.with_data]):
            problems.append(f"{op.op_id} as a tenant without data shows {found}")
    assert not problems, "\n".join(problems)
    # The markers are findable where the data is listed: the check above can see a leak.
    for op_id in ("listEvents", "listAgents", "listTasks", "listProjects", "listAlertRules",
                  "listCostCalls", "listLlmCalls", "listAuditLog"):
        assert seen_own[op_id] == 4, (op_id, seen_own)


async def test_list_filters_naming_a_foreign_id_find_nothing(
        client: httpx.AsyncClient, world: World) -> None:
    problems: list[str] = []
    for op in LISTS:
        for param in (p for p in op.params if p.name in ID_QUERY_PARAMS):
            for viewer in world.with_data:
                for other in world.with_data:
                    if other.marker == viewer.marker:
                        continue
                    query = f"{param.name}={quote(other.ids[param.name], safe='')}"
                    resp = await client.get(f"{op.path}?{query}", headers=viewer.auth)
                    where = f"{op.op_id}?{param.name}=<{other.marker}> as {viewer.marker}"
                    asked = (other.ids[param.name],)
                    if resp.status_code not in (200, 404):
                        problems.append(f"{where}: {resp.status_code} {resp.text[:150]}")
                    elif found := leaks(resp.text, world.foreign_markers(viewer), asked):
                        problems.append(f"{where} shows {found}")
    assert not problems, "\n".join(problems)


async def test_every_detail_of_a_foreign_id_is_404_and_of_an_own_id_is_not(
        client: httpx.AsyncClient, world: World) -> None:
    problems: list[str] = []
    for op in DETAILS:
        for viewer in world.with_data:
            own = await client.get(url_for(op, viewer.ids), headers=viewer.auth)
            if own.status_code != 200:
                problems.append(f"{op.op_id} own id as {viewer.marker}: {own.status_code}")
            if found := leaks(own.text, world.foreign_markers(viewer)):
                problems.append(f"{op.op_id} own id as {viewer.marker} shows {found}")
            for other in world.with_data:
                if other.marker == viewer.marker:
                    continue
                resp = await client.get(url_for(op, other.ids), headers=viewer.auth)
                where = f"{op.op_id} <{other.marker}> as {viewer.marker}"
                asked = tuple(other.ids[p.name] for p in op.path_params)
                if resp.status_code != 404 or resp.json().get("status") != 404:
                    problems.append(f"{where}: {resp.status_code} {resp.text[:150]}")
                elif found := leaks(resp.text, world.foreign_markers(viewer), asked):
                    problems.append(f"{where}: the 404 shows {found}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("op", [o for o in DETAILS if any(
    p.name == "agent_id" for p in o.path_params)], ids=lambda o: o.op_id)
async def test_an_agent_name_shared_by_tenants_shows_each_only_its_own(
        client: httpx.AsyncClient, world: World, op: Operation) -> None:
    for viewer in world.with_data:
        ids = {**viewer.ids, "agent_id": SHARED_AGENT}
        resp = await client.get(url_for(op, ids), headers=viewer.auth)
        assert resp.status_code == 200, resp.text
        assert not leaks(resp.text, world.foreign_markers(viewer)), resp.text[:500]
        assert viewer.marker in resp.text


@pytest.mark.parametrize("op", WRITES_ON_IDS, ids=lambda o: o.op_id)
async def test_no_change_reaches_a_foreign_id(client: httpx.AsyncClient, world: World,
                                              database: Database, op: Operation) -> None:
    """Update, delete, archive, membership changes: 404 on another workspace's ids (403 for a
    read key, which may change nothing), and nothing stored changes."""
    before = table_counts(database)
    problems: list[str] = []
    for viewer in world.with_data:
        for other in world.with_data:
            if other.marker == viewer.marker:
                continue
            ids = other.ids  # e.g. a foreign project and its real member
            body = body_for(op)
            resp = await client.request(
                op.method, url_for(op, ids), headers=viewer.auth,
                json=body) if body is not None else await client.request(
                op.method, url_for(op, ids), headers=viewer.auth)
            expected = 403 if viewer is world.acme_read else 404
            if resp.status_code != expected:
                problems.append(f"{op.op_id} <{other.marker}> as {viewer.marker}: "
                                f"{resp.status_code} {resp.text[:150]}")
    assert not problems, "\n".join(problems)
    assert table_counts(database) == before


# --- the stream ---------------------------------------------------------------------------------


@pytest.mark.slow
async def test_the_stream_never_carries_another_workspaces_frames(
        live_server: LiveServer, api_keys: Keys, database: Database) -> None:
    from tests.stream.conftest import open_client

    globex = make_keys(database, "globex")
    keys = {"m-acme-live": (api_keys.live, api_keys.live), "m-acme-read": (api_keys.read,
                                                                           api_keys.live),
            "m-acme-test": (api_keys.test, api_keys.test),
            "m-globex-live": (globex.live, globex.live)}
    markers = {"m-acme-live": "m-acme-live", "m-acme-read": "m-acme-live",
               "m-acme-test": "m-acme-test", "m-globex-live": "m-globex-live"}
    clients = {}
    for name, (key, _write) in keys.items():
        clients[name] = await open_client(live_server, key)
        assert (await clients[name].recv())["type"] == "connected"
        await clients[name].subscribe(WS_CHANNELS, {"min_severity": "debug"})
    # One more subscriber that names a foreign agent in its filter.
    nosy = await open_client(live_server, api_keys.live)
    assert (await nosy.recv())["type"] == "connected"
    await nosy.subscribe(WS_CHANNELS, {"agent_id": "m-globex-live-agent",
                                       "min_severity": "debug"})
    try:
        async with httpx.AsyncClient(base_url=live_server.url, timeout=30) as http:
            for name in ("m-acme-live", "m-acme-test", "m-globex-live"):
                write = keys[name][1]
                for agent_id in (f"{name}-agent", SHARED_AGENT):
                    resp = await http.post("/v1/ingest", json=workspace_batch(name, agent_id),
                                           headers={"Authorization": f"Bearer {write}"})
                    assert resp.status_code == 200, resp.text
        for name, stream in clients.items():
            frames = await stream.drain(quiet=1.0)
            text = json.dumps(frames)
            own = markers[name]
            foreign = [m for m in set(markers.values()) if m != own]
            assert not leaks(text, foreign), f"{name} received {leaks(text, foreign)}"
            assert sum(f["type"] == "event.new" for f in frames) == 12, name
            assert own in text
        assert not [f for f in await nosy.drain(quiet=0.5) if f["type"] != "pong"]
    finally:
        for stream in [*clients.values(), nosy]:
            await stream.ws.close()
