"""/v1/projects: CRUD, archival, memberships, 24-hour stats, isolation, on every database.

Audit checks covered: 2.8.1 (list fields), 2.8.2 (create), 2.8.3 / W7 (default project
protected), 2.8.4 (archived hidden).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from hiveboard.store.database import Database
from hiveboard.store.tables import AgentRow, EventRow, ProjectAgentRow, TaskRow
from tests.api.factories import batch, event
from tests.api.helpers import agent_row
from tests.conftest import Keys, make_keys

START = datetime(2026, 2, 10, 14, 0, 0, tzinfo=UTC)  # the FakeClock's start
IN_WINDOW = "2026-02-10T13:00:00.000Z"
BEFORE_WINDOW = "2026-02-09T13:00:00.000Z"  # 25 hours before START


# ---------------------------------------------------------------------------- helpers

async def call(client: httpx.AsyncClient, keys: Keys, method: str, path: str, body: Any = None,
               kind: str = "live", **params: Any) -> httpx.Response:
    headers = keys.auth(kind)
    content = None
    if body is not None:
        headers["Content-Type"] = "application/json"
        content = json.dumps(body).encode()
    return await client.request(method, path, headers=headers, content=content,
                                params=params or None)


async def create(client: httpx.AsyncClient, keys: Keys, slug: str, name: str | None = None,
                 kind: str = "live", **fields: Any) -> dict[str, Any]:
    resp = await call(client, keys, "POST", "/v1/projects",
                      {"name": name or slug.title(), "slug": slug, **fields}, kind=kind)
    assert resp.status_code == 201, resp.text
    body: dict[str, Any] = resp.json()
    return body


async def ingest(client: httpx.AsyncClient, keys: Keys, *events: dict[str, Any],
                 agent_id: str = "agent-1", kind: str = "live") -> None:
    resp = await call(client, keys, "POST", "/v1/ingest", batch(*events, agent_id=agent_id),
                      kind=kind)
    assert resp.status_code == 200, resp.text


async def list_all(client: httpx.AsyncClient, keys: Keys, kind: str = "live",
                   **params: Any) -> list[dict[str, Any]]:
    resp = await call(client, keys, "GET", "/v1/projects", kind=kind, limit=200, **params)
    assert resp.status_code == 200, resp.text
    data: list[dict[str, Any]] = resp.json()["data"]
    return data


def at(value: str) -> datetime:
    """Timestamps leave as UTC ending in ``Z``; compare instants, not the fraction digits."""
    assert value.endswith("Z"), value
    return datetime.fromisoformat(value)


def assert_error(resp: httpx.Response, status: int, code: str) -> dict[str, Any]:
    assert resp.status_code == status, resp.text
    body: dict[str, Any] = resp.json()
    assert body["error"] == code and body["status"] == status and body["message"]
    return body


def task(task_id: str, project: str | None, outcome: str | None, at: str = IN_WINDOW
         ) -> list[dict[str, Any]]:
    """A task's start and (optionally) its terminal event, both in ``project``."""
    evs = [event(event_type="task_started", task_id=task_id, project_id=project, timestamp=at)]
    if outcome is not None:
        evs.append(event(event_type=f"task_{outcome}", task_id=task_id, project_id=project,
                         timestamp=at))
    return [{k: v for k, v in e.items() if v is not None} for e in evs]


def llm(cost: float, project: str | None, at: str = IN_WINDOW, task_id: str | None = "llm-task",
        event_type: str = "custom") -> dict[str, Any]:
    ev = event(event_type=event_type, timestamp=at, payload={
        "kind": "llm_call", "summary": "call", "data": {"model": "m", "cost": cost}})
    for name, value in (("project_id", project), ("task_id", task_id)):
        if value is not None:
            ev[name] = value
    return ev


def count(db: Database, table: Any, **where: Any) -> int:
    query = select(func.count()).select_from(table)
    for name, value in where.items():
        query = query.where(getattr(table, name) == value)
    return int(db.read_sync(lambda c: c.execute(query).scalar_one()))


# ---------------------------------------------------------------------------- default project

async def test_every_workspace_lists_its_default_project(client, api_keys):
    (default,) = await list_all(client, api_keys)
    assert default["project_id"] == "proj_default" and default["slug"] == "default"
    assert default["is_default"] is True and default["is_archived"] is False
    assert default["stats"] == {"agent_count": 0, "tasks_completed_24h": 0,
                                "tasks_failed_24h": 0, "cost_24h": 0}


@pytest.mark.parametrize("ref", ["proj_default", "default"])
async def test_default_project_cannot_be_deleted_audit_w7(client, api_keys, ref):
    body = assert_error(await call(client, api_keys, "DELETE", f"/v1/projects/{ref}"),
                        400, "cannot_delete_default_project")
    assert body["message"] == "The default project cannot be deleted."
    assert (await call(client, api_keys, "GET", "/v1/projects/default")).status_code == 200


async def test_default_project_cannot_be_archived(client, api_keys):
    body = assert_error(await call(client, api_keys, "POST", "/v1/projects/default/archive"),
                        400, "invalid_parameter")
    assert body["details"]["field"] == "project_id" and body["details"]["location"] == "path"
    assert [p["slug"] for p in await list_all(client, api_keys)] == ["default"]


async def test_default_project_keeps_its_slug_but_may_be_renamed(client, api_keys):
    resp = await call(client, api_keys, "PUT", "/v1/projects/default", {"slug": "main"})
    body = assert_error(resp, 400, "invalid_body")
    assert body["details"]["errors"][0]["field"] == "slug"
    resp = await call(client, api_keys, "PUT", "/v1/projects/default", {"name": "Main"})
    assert resp.status_code == 200 and resp.json()["name"] == "Main"
    assert resp.json()["slug"] == "default"


# ---------------------------------------------------------------------------- CRUD

async def test_create_returns_the_project_with_defaults_audit_2_8_2(client, api_keys, clock):
    created = await create(client, api_keys, "sales-pipeline", "Sales Pipeline")
    assert created["project_id"].startswith("proj_") and created["project_id"] != "sales-pipeline"
    assert created == {
        "project_id": created["project_id"], "slug": "sales-pipeline", "name": "Sales Pipeline",
        "description": None, "environment": "production", "settings": {},
        "is_archived": False, "is_default": False, "created_at": created["created_at"],
        "updated_at": created["created_at"], "stats": {"agent_count": 0, "tasks_completed_24h": 0, "tasks_failed_24h": 0,
                  "cost_24h": 0}}
    assert at(created["created_at"]) == clock.now


async def test_list_items_carry_every_field_audit_2_8_1(client, api_keys):
    await create(client, api_keys, "support", description="Tickets", environment="staging",
                 settings={"stuck_threshold_seconds": 180, "nested": {"a": [1, 2]}})
    item = next(p for p in await list_all(client, api_keys) if p["slug"] == "support")
    assert item["description"] == "Tickets" and item["environment"] == "staging"
    assert item["settings"] == {"stuck_threshold_seconds": 180, "nested": {"a": [1, 2]}}
    assert set(item["stats"]) == {"agent_count", "tasks_completed_24h", "tasks_failed_24h",
                                  "cost_24h"}


@pytest.mark.parametrize("by", ["id", "slug"])
async def test_round_trip_get_update_delete(client, api_keys, clock, by):
    created = await create(client, api_keys, "ops", "Ops", description="first",
                           settings={"a": 1, "b": 2})
    ref = created["project_id"] if by == "id" else "ops"
    got = await call(client, api_keys, "GET", f"/v1/projects/{ref}")
    assert got.status_code == 200 and got.json() == created

    clock.advance(60)
    resp = await call(client, api_keys, "PUT", f"/v1/projects/{ref}",
                      {"name": "Operations", "description": None, "settings": {"c": 3}})
    assert resp.status_code == 200, resp.text
    updated = resp.json()
    assert updated["name"] == "Operations" and updated["description"] is None
    assert updated["settings"] == {"c": 3}  # replaced, not merged
    assert updated["slug"] == "ops" and updated["environment"] == "production"
    assert at(updated["created_at"]) == clock.now - timedelta(seconds=60)
    assert at(updated["updated_at"]) == clock.now
    assert (await call(client, api_keys, "GET", f"/v1/projects/{ref}")).json() == updated

    assert (await call(client, api_keys, "DELETE", f"/v1/projects/{ref}")).status_code == 204
    for path in (f"/v1/projects/{created['project_id']}", "/v1/projects/ops"):
        assert_error(await call(client, api_keys, "GET", path), 404, "project_not_found")
    assert [p["slug"] for p in await list_all(client, api_keys)] == ["default"]


async def test_slug_change_moves_the_reference(client, api_keys):
    created = await create(client, api_keys, "old-name")
    resp = await call(client, api_keys, "PUT", "/v1/projects/old-name", {"slug": "new-name"})
    assert resp.status_code == 200 and resp.json()["project_id"] == created["project_id"]
    assert_error(await call(client, api_keys, "GET", "/v1/projects/old-name"),
                 404, "project_not_found")
    got = await call(client, api_keys, "GET", "/v1/projects/new-name")
    assert got.json()["project_id"] == created["project_id"]


async def test_deleted_slug_can_be_reused_with_a_new_id(client, api_keys):
    first = await create(client, api_keys, "reuse")
    await call(client, api_keys, "DELETE", "/v1/projects/reuse")
    second = await create(client, api_keys, "reuse")
    assert second["project_id"] != first["project_id"]


# ---------------------------------------------------------------------------- conflicts and 400s

async def test_duplicate_slug_is_a_conflict(client, api_keys):
    await create(client, api_keys, "dup")
    resp = await call(client, api_keys, "POST", "/v1/projects", {"name": "Other", "slug": "dup"})
    assert_error(resp, 409, "conflict")
    assert_error(await call(client, api_keys, "POST", "/v1/projects",
                            {"name": "D", "slug": "default"}), 409, "conflict")


async def test_slug_equal_to_another_projects_id_is_a_conflict(client, api_keys):
    resp = await call(client, api_keys, "POST", "/v1/projects",
                      {"name": "Sneaky", "slug": "proj_default"})
    assert_error(resp, 409, "conflict")
    other = await create(client, api_keys, "other")
    await create(client, api_keys, "mine")
    resp = await call(client, api_keys, "PUT", "/v1/projects/mine", {"slug": other["project_id"]})
    assert_error(resp, 409, "conflict")


async def test_update_to_a_taken_slug_is_a_conflict_own_slug_is_fine(client, api_keys):
    await create(client, api_keys, "one")
    two = await create(client, api_keys, "two")
    assert_error(await call(client, api_keys, "PUT", "/v1/projects/two", {"slug": "one"}),
                 409, "conflict")
    resp = await call(client, api_keys, "PUT", "/v1/projects/two", {"slug": "two", "name": "2"})
    assert resp.status_code == 200 and resp.json()["name"] == "2"
    resp = await call(client, api_keys, "PUT", "/v1/projects/two", {"slug": two["project_id"]})
    assert resp.status_code == 200  # its own id: references stay unambiguous


@pytest.mark.parametrize(("method", "path", "body"), [
    ("POST", "/v1/projects", {"slug": "no-name"}),
    ("POST", "/v1/projects", {"name": "No slug"}),
    ("POST", "/v1/projects", {"name": "Bad", "slug": "Upper Case"}),
    ("POST", "/v1/projects", {"name": "Bad", "slug": "x", "unknown": 1}),
    ("POST", "/v1/projects", {"name": "Bad", "slug": "x", "settings": []}),
    ("PUT", "/v1/projects/default", {}),
    ("PUT", "/v1/projects/default", {"name": ""}),
    ("POST", "/v1/projects/default/agents", {}),
])
async def test_invalid_bodies_are_400_invalid_body(client, api_keys, method, path, body):
    assert_error(await call(client, api_keys, method, path, body), 400, "invalid_body")


@pytest.mark.parametrize(("method", "path", "body"), [
    ("GET", "/v1/projects/nope", None),
    ("PUT", "/v1/projects/nope", {"name": "x"}),
    ("DELETE", "/v1/projects/nope", None),
    ("POST", "/v1/projects/nope/archive", None),
    ("POST", "/v1/projects/nope/unarchive", None),
    ("POST", "/v1/projects/nope/agents", {"agent_id": "agent-1"}),
    ("DELETE", "/v1/projects/nope/agents/agent-1", None),
])
async def test_unknown_project_is_404_project_not_found(client, api_keys, method, path, body):
    await ingest(client, api_keys, event())  # agent-1 exists: only the project is unknown
    assert_error(await call(client, api_keys, method, path, body), 404, "project_not_found")


# ---------------------------------------------------------------------------- archive

async def test_archived_projects_are_hidden_unless_asked_for_audit_2_8_4(client, api_keys, clock):
    await create(client, api_keys, "keep")
    await create(client, api_keys, "hide")
    clock.advance(5)
    resp = await call(client, api_keys, "POST", "/v1/projects/hide/archive")
    assert resp.status_code == 200
    assert resp.json()["is_archived"] is True
    assert at(resp.json()["updated_at"]) == clock.now
    assert [p["slug"] for p in await list_all(client, api_keys)] == ["default", "keep"]
    shown = await list_all(client, api_keys, include_archived="true")
    assert [p["slug"] for p in shown] == ["default", "hide", "keep"]
    got = await call(client, api_keys, "GET", "/v1/projects/hide")
    assert got.status_code == 200 and got.json()["is_archived"] is True


async def test_archive_and_unarchive_are_idempotent(client, api_keys, clock):
    await create(client, api_keys, "p")
    first = (await call(client, api_keys, "POST", "/v1/projects/p/archive")).json()
    clock.advance(30)
    again = await call(client, api_keys, "POST", "/v1/projects/p/archive")
    assert again.status_code == 200 and again.json() == first
    back = await call(client, api_keys, "POST", "/v1/projects/p/unarchive")
    assert back.status_code == 200 and back.json()["is_archived"] is False
    assert at(back.json()["updated_at"]) == clock.now
    assert "p" in [p["slug"] for p in await list_all(client, api_keys)]
    still = await call(client, api_keys, "POST", "/v1/projects/p/unarchive")
    assert still.json() == back.json()


async def test_events_may_still_reference_an_archived_project(client, api_keys, database):
    created = await create(client, api_keys, "arch")
    await call(client, api_keys, "POST", "/v1/projects/arch/archive")
    await ingest(client, api_keys, *task("t1", "arch", "completed"))
    assert count(database, TaskRow, project_id=created["project_id"]) == 1
    got = (await call(client, api_keys, "GET", "/v1/projects/arch")).json()
    assert got["stats"]["tasks_completed_24h"] == 1


# ---------------------------------------------------------------------------- stats

async def test_stats_match_hand_computed_numbers(client, api_keys):
    p = await create(client, api_keys, "alpha")
    await create(client, api_keys, "beta")
    await ingest(client, api_keys,
                 *task("a1", "alpha", "completed"), *task("a2", "alpha", "completed"),
                 *task("a3", "alpha", "failed"),
                 *task("a4", "alpha", "failed"),
                 *task("a5", "alpha", None),                           # still running
                 *task("a6", "alpha", "completed", at=BEFORE_WINDOW),   # too old
                 llm(0.5, "alpha"), llm(0.25, "alpha", task_id=None),
                 llm(9.0, "alpha", at=BEFORE_WINDOW),
                 llm(7.0, "alpha", event_type="action_completed"),  # not an LLM call event
                 llm(3.0, "beta"), *task("b1", "beta", "failed"))
    # a4 failed, then was retried and completed: the cascade counts it as completed only.
    await ingest(client, api_keys, event(event_type="task_completed", task_id="a4",
                                         project_id="alpha", timestamp=IN_WINDOW))
    await ingest(client, api_keys, *task("a7", "alpha", "completed"), agent_id="agent-2")
    await ingest(client, api_keys, event(), agent_id="agent-3")  # no project: not a member
    got = (await call(client, api_keys, "GET", f"/v1/projects/{p['project_id']}")).json()
    assert got["stats"]["agent_count"] == 2
    assert got["stats"]["tasks_completed_24h"] == 4  # a1, a2, a4, a7
    assert got["stats"]["tasks_failed_24h"] == 1     # a3
    assert got["stats"]["cost_24h"] == pytest.approx(0.75)
    by_slug = {x["slug"]: x["stats"] for x in await list_all(client, api_keys)}
    assert by_slug["alpha"] == got["stats"]
    assert by_slug["beta"]["cost_24h"] == pytest.approx(3.0)
    assert by_slug["beta"]["tasks_failed_24h"] == 1 and by_slug["beta"]["agent_count"] == 1


async def test_stats_window_follows_the_clock(client, api_keys, clock):
    await create(client, api_keys, "w")
    await ingest(client, api_keys, *task("t", "w", "completed"), llm(1.0, "w"))
    clock.advance(23 * 3600)
    stats = (await call(client, api_keys, "GET", "/v1/projects/w")).json()["stats"]
    assert stats["tasks_completed_24h"] == 1 and stats["cost_24h"] == pytest.approx(1.0)
    clock.advance(3600 + 1)  # the terminal event is now 24h and 1s old
    stats = (await call(client, api_keys, "GET", "/v1/projects/w")).json()["stats"]
    assert stats["tasks_completed_24h"] == 0 and stats["cost_24h"] == 0


async def test_work_sent_without_a_project_counts_for_the_default_project(client, api_keys):
    await ingest(client, api_keys, *task("loose", None, "completed"), llm(0.2, None, task_id="loose"),
                 llm(4.0, None, task_id=None),  # agent-level: belongs to no project
                 *task("explicit", "default", "failed"), llm(0.3, "proj_default"))
    stats = (await call(client, api_keys, "GET", "/v1/projects/default")).json()["stats"]
    assert stats["tasks_completed_24h"] == 1 and stats["tasks_failed_24h"] == 1
    assert stats["cost_24h"] == pytest.approx(0.5)
    assert stats["agent_count"] == 1  # only the explicit task linked agent-1


# ---------------------------------------------------------------------------- delete cascade

async def test_delete_cascades_to_this_projects_data_only(client, api_keys, database):
    doomed = (await create(client, api_keys, "doomed"))["project_id"]
    kept = (await create(client, api_keys, "kept"))["project_id"]
    await ingest(client, api_keys, *task("d1", "doomed", "completed"),
                 llm(1.0, "doomed", task_id="d1"), *task("k1", "kept", "completed"),
                 llm(2.0, "kept", task_id="k1"), agent_id="shared")
    await ingest(client, api_keys, *task("d2", "doomed", "failed"), agent_id="only-doomed")
    await ingest(client, api_keys, *task("k2", "kept", "failed"), agent_id="only-kept")
    await ingest(client, api_keys, event(agent_id="shared"), agent_id="shared")  # heartbeat
    assert agent_row(database, "only-doomed")["last_project_id"] == doomed  # type: ignore[index]
    events_before = count(database, EventRow)

    assert (await call(client, api_keys, "DELETE", "/v1/projects/doomed")).status_code == 204

    assert count(database, EventRow, project_id=doomed) == 0
    assert count(database, EventRow) == events_before - 5  # d1 start+end, its llm call, d2 start+end
    assert count(database, TaskRow, project_id=doomed) == 0
    assert count(database, ProjectAgentRow, project_id=doomed) == 0
    assert count(database, TaskRow, project_id=kept) == 2
    assert count(database, ProjectAgentRow, project_id=kept) == 2
    assert count(database, AgentRow) == 3  # agents are workspace-level and stay
    assert agent_row(database, "only-doomed")["last_project_id"] is None  # type: ignore[index]
    assert agent_row(database, "only-kept")["last_project_id"] == kept  # type: ignore[index]
    stats = (await call(client, api_keys, "GET", "/v1/projects/kept")).json()["stats"]
    assert stats == {"agent_count": 2, "tasks_completed_24h": 1, "tasks_failed_24h": 1,
                     "cost_24h": pytest.approx(2.0)}


async def test_delete_leaves_the_same_slug_in_other_workspaces_alone(client, api_keys, database):
    live = await create(client, api_keys, "twin")
    test = await create(client, api_keys, "twin", kind="test")
    await ingest(client, api_keys, *task("t", "twin", "completed"), kind="test")
    assert (await call(client, api_keys, "DELETE", "/v1/projects/twin")).status_code == 204
    assert count(database, TaskRow, project_id=test["project_id"]) == 1
    resp = await call(client, api_keys, "GET", "/v1/projects/twin", kind="test")
    assert resp.status_code == 200 and resp.json()["project_id"] == test["project_id"]
    assert live["project_id"] != test["project_id"]


# ---------------------------------------------------------------------------- memberships

async def test_add_agent_is_201_then_200_with_the_same_record(client, api_keys, clock):
    await create(client, api_keys, "team")
    await ingest(client, api_keys, event(), agent_id="lead-qualifier")
    clock.advance(10)
    first = await call(client, api_keys, "POST", "/v1/projects/team/agents",
                       {"agent_id": "lead-qualifier"})
    assert first.status_code == 201, first.text
    project_id = (await call(client, api_keys, "GET", "/v1/projects/team")).json()["project_id"]
    assert first.json() == {"project_id": project_id, "agent_id": "lead-qualifier",
                            "added_at": first.json()["added_at"], "role": "member"}
    assert at(first.json()["added_at"]) == clock.now
    clock.advance(10)
    again = await call(client, api_keys, "POST", f"/v1/projects/{project_id}/agents",
                       {"agent_id": "lead-qualifier"})
    assert again.status_code == 200 and again.json() == first.json()
    stats = (await call(client, api_keys, "GET", "/v1/projects/team")).json()["stats"]
    assert stats["agent_count"] == 1


async def test_add_agent_already_linked_by_ingest_is_200(client, api_keys):
    await create(client, api_keys, "auto")
    await ingest(client, api_keys, *task("t", "auto", None))
    resp = await call(client, api_keys, "POST", "/v1/projects/auto/agents", {"agent_id": "agent-1"})
    assert resp.status_code == 200 and at(resp.json()["added_at"]) == START


async def test_add_unknown_agent_is_404_agent_not_found(client, api_keys):
    await create(client, api_keys, "team")
    await ingest(client, api_keys, event(), agent_id="test-only", kind="test")
    for agent in ("ghost", "test-only"):  # a test-workspace agent is unknown to a live key
        resp = await call(client, api_keys, "POST", "/v1/projects/team/agents",
                          {"agent_id": agent})
        assert_error(resp, 404, "agent_not_found")


async def test_remove_agent_then_removing_again_is_404(client, api_keys, database):
    created = await create(client, api_keys, "team")
    await ingest(client, api_keys, *task("t", "team", "completed"))
    resp = await call(client, api_keys, "DELETE", "/v1/projects/team/agents/agent-1")
    assert resp.status_code == 204
    assert count(database, ProjectAgentRow, project_id=created["project_id"]) == 0
    assert count(database, EventRow, project_id=created["project_id"]) == 2  # data stays
    stats = (await call(client, api_keys, "GET", "/v1/projects/team")).json()["stats"]
    assert stats["agent_count"] == 0 and stats["tasks_completed_24h"] == 1
    resp = await call(client, api_keys, "DELETE", "/v1/projects/team/agents/agent-1")
    assert_error(resp, 404, "agent_not_found")
    resp = await call(client, api_keys, "DELETE", "/v1/projects/team/agents/never-seen")
    assert_error(resp, 404, "agent_not_found")


# ---------------------------------------------------------------------------- pagination

async def test_pagination_walks_every_project_once_in_name_order(client, api_keys):
    names = ["Echo", "Alpha", "Bravo", "Bravo", "Charlie", "Delta", "Bravo"]
    for i, name in enumerate(names):
        await create(client, api_keys, f"p{i}", name)
    seen: list[dict[str, Any]] = []
    cursor = None
    inserted = False
    while True:
        params = {"limit": 3} | ({"cursor": cursor} if cursor else {})
        resp = await call(client, api_keys, "GET", "/v1/projects", **params)
        assert resp.status_code == 200, resp.text
        page = resp.json()
        assert len(page["data"]) <= 3
        seen.extend(page["data"])
        if not inserted:
            # Between pages: one project sorts before the cursor (never shown), one after.
            await create(client, api_keys, "early", "Aaa")
            await create(client, api_keys, "late", "Zulu")
            inserted = True
        if not page["pagination"]["has_more"]:
            assert page["pagination"]["cursor"] is None
            break
        cursor = page["pagination"]["cursor"]
    ids = [p["project_id"] for p in seen]
    assert len(ids) == len(set(ids))
    keys = [(p["name"], p["project_id"]) for p in seen]
    assert keys == sorted(keys)
    assert {p["slug"] for p in seen} == {f"p{i}" for i in range(len(names))} | {"default", "late"}


async def test_pagination_respects_include_archived(client, api_keys):
    for i in range(4):
        await create(client, api_keys, f"a{i}", f"A{i}")
    await call(client, api_keys, "POST", "/v1/projects/a1/archive")
    slugs: list[str] = []
    cursor = None
    while True:
        params = {"limit": 2} | ({"cursor": cursor} if cursor else {})
        page = (await call(client, api_keys, "GET", "/v1/projects", **params)).json()
        slugs += [p["slug"] for p in page["data"]]
        cursor = page["pagination"]["cursor"]
        if not cursor:
            break
    assert slugs == ["a0", "a2", "a3", "default"]


@pytest.mark.parametrize("cursor", ["garbage", "eyJ2IjoxLCJzIjoib3RoZXIiLCJrIjpbXX0"])
async def test_foreign_cursor_is_400(client, api_keys, cursor):
    resp = await call(client, api_keys, "GET", "/v1/projects", cursor=cursor)
    assert assert_error(resp, 400, "invalid_parameter")["details"]["field"] == "cursor"


# ---------------------------------------------------------------------------- keys and tenants

WRITES = [
    ("POST", "/v1/projects", {"name": "X", "slug": "x"}),
    ("PUT", "/v1/projects/target", {"name": "Y"}),
    ("DELETE", "/v1/projects/target", None),
    ("POST", "/v1/projects/target/archive", None),
    ("POST", "/v1/projects/target/unarchive", None),
    ("POST", "/v1/projects/target/agents", {"agent_id": "agent-1"}),
    ("DELETE", "/v1/projects/target/agents/agent-1", None),
]


@pytest.mark.parametrize(("method", "path", "body"), WRITES)
async def test_read_key_cannot_write(client, api_keys, method, path, body):
    await create(client, api_keys, "target")
    await ingest(client, api_keys, *task("t", "target", None))
    before = await list_all(client, api_keys, include_archived="true")
    assert_error(await call(client, api_keys, method, path, body, kind="read"),
                 403, "read_only_key")
    assert await list_all(client, api_keys, include_archived="true") == before


async def test_read_key_sees_live_projects(client, api_keys):
    await create(client, api_keys, "visible")
    assert [p["slug"] for p in await list_all(client, api_keys, kind="read")] == [
        "default", "visible"]
    assert (await call(client, api_keys, "GET", "/v1/projects/visible", kind="read")).is_success


async def test_test_key_has_its_own_projects_and_default(client, api_keys):
    await create(client, api_keys, "live-only")
    test_made = await create(client, api_keys, "test-only", kind="test")
    await ingest(client, api_keys, llm(5.0, None), kind="test")
    test_list = await list_all(client, api_keys, kind="test")
    assert [p["slug"] for p in test_list] == ["default", "test-only"]
    assert test_list[0]["project_id"] == "proj_default"
    assert test_list[0]["stats"]["cost_24h"] == pytest.approx(5.0)
    live_list = await list_all(client, api_keys)
    assert [p["slug"] for p in live_list] == ["default", "live-only"]
    assert live_list[0]["stats"]["cost_24h"] == 0
    for ref in (test_made["project_id"], "test-only"):
        assert_error(await call(client, api_keys, "GET", f"/v1/projects/{ref}"),
                     404, "project_not_found")
    assert_error(await call(client, api_keys, "GET", "/v1/projects/live-only", kind="test"),
                 404, "project_not_found")


async def test_other_tenant_never_sees_or_touches_our_projects(client, api_keys, database):
    ours = await create(client, api_keys, "secret")
    await ingest(client, api_keys, *task("t", "secret", "completed"), llm(1.0, "secret"))
    other = make_keys(database, "other")
    assert [p["slug"] for p in await list_all(client, other)] == ["default"]
    assert (await list_all(client, other))[0]["stats"]["cost_24h"] == 0
    for method, path, body in [("GET", f"/v1/projects/{ours['project_id']}", None),
                               ("GET", "/v1/projects/secret", None),
                               ("PUT", "/v1/projects/secret", {"name": "pwned"}),
                               ("POST", "/v1/projects/secret/archive", None),
                               ("DELETE", "/v1/projects/secret", None)]:
        assert_error(await call(client, other, method, path, body), 404, "project_not_found")
    # Their default project is theirs: deleting data there never touches ours.
    resp = await call(client, other, "POST", "/v1/projects", {"name": "S", "slug": "secret"})
    assert resp.status_code == 201  # slugs are unique per workspace, not globally
    assert (await call(client, other, "DELETE", "/v1/projects/secret")).status_code == 204
    got = (await call(client, api_keys, "GET", "/v1/projects/secret")).json()
    assert got["name"] == "Secret" and got["stats"]["tasks_completed_24h"] == 1


# ---------------------------------------------------------------------------- project agents

async def test_project_agents_equal_the_agents_list_filtered_to_the_project(client, api_keys):
    await create(client, api_keys, "crew")
    await create(client, api_keys, "elsewhere")
    for agent in ("a1", "a2", "a3"):
        await ingest(client, api_keys, *task(f"{agent}-t", "crew", "completed"), agent_id=agent)
    await ingest(client, api_keys, *task("x-t", "elsewhere", "failed"), agent_id="outsider")
    await ingest(client, api_keys, event(), agent_id="manual")
    await call(client, api_keys, "POST", "/v1/projects/crew/agents", {"agent_id": "manual"})
    await call(client, api_keys, "DELETE", "/v1/projects/crew/agents/a3")
    for ref in ("crew", (await call(client, api_keys, "GET", "/v1/projects/crew")).json()[
            "project_id"]):
        resp = await call(client, api_keys, "GET", f"/v1/projects/{ref}/agents")
        assert resp.status_code == 200, resp.text
        expected = await call(client, api_keys, "GET", "/v1/agents", project_id="crew",
                              sort="attention")
        assert resp.json() == expected.json()
        assert {a["agent_id"] for a in resp.json()["data"]} == {"a1", "a2", "manual"}


async def test_project_agents_paginate(client, api_keys):
    await create(client, api_keys, "crew")
    for agent in ("a1", "a2", "a3"):
        await ingest(client, api_keys, *task(f"{agent}-t", "crew", None), agent_id=agent)
    seen: list[str] = []
    cursor = None
    while True:
        params = {"limit": 1} | ({"cursor": cursor} if cursor else {})
        page = (await call(client, api_keys, "GET", "/v1/projects/crew/agents", **params)).json()
        seen += [a["agent_id"] for a in page["data"]]
        cursor = page["pagination"]["cursor"]
        if not page["pagination"]["has_more"]:
            break
    assert sorted(seen) == ["a1", "a2", "a3"] and len(seen) == 3


async def test_project_agents_of_unknown_or_foreign_project_is_404(client, api_keys, database):
    assert_error(await call(client, api_keys, "GET", "/v1/projects/nope/agents"),
                 404, "project_not_found")
    await create(client, api_keys, "mine")
    await ingest(client, api_keys, *task("t", "mine", None))
    other = make_keys(database, "other")
    assert_error(await call(client, other, "GET", "/v1/projects/mine/agents"),
                 404, "project_not_found")
    assert_error(await call(client, api_keys, "GET", "/v1/projects/mine/agents", kind="test"),
                 404, "project_not_found")
    resp = await call(client, api_keys, "GET", "/v1/projects/mine/agents", kind="read")
    assert [a["agent_id"] for a in resp.json()["data"]] == ["agent-1"]
