"""The audit log: every configuration change recorded in its own transaction, readable
newest first, scoped like every other read, never holding a secret."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import httpx
import pytest

from hiveboard.cli import main as cli
from hiveboard.services import projects as project_service
from hiveboard.store.database import Database
from tests.alerts.helpers import call, create_rule, rule_body
from tests.api.factories import batch, event
from tests.conftest import FakeClock, Keys, make_keys

LOG = "/v1/audit-log"


async def audit_log(client: httpx.AsyncClient, keys: Keys, kind: str = "live",
                    **params: Any) -> list[dict[str, Any]]:
    resp = await call(client, keys, "GET", LOG, kind=kind, limit=200, **params)
    assert resp.status_code == 200, resp.text
    entries: list[dict[str, Any]] = resp.json()["data"]
    return entries


def at(entry: dict[str, Any]) -> str:
    """The entry's time of day on the FakeClock's date (it is always UTC, ``Z``)."""
    assert entry["occurred_at"].endswith("Z")
    moment = datetime.fromisoformat(entry["occurred_at"])
    assert moment.date().isoformat() == "2026-02-10"
    return moment.strftime("%H:%M:%S")


async def ok(resp: Any, status: int = 200) -> dict[str, Any]:
    response = await resp
    assert response.status_code == status, response.text
    return response.json() if response.content else {}


async def test_every_project_change_is_recorded(client: httpx.AsyncClient, api_keys: Keys,
                                                clock: FakeClock) -> None:
    await ok(client.post("/v1/ingest", headers=api_keys.auth(),
                         json=batch(event(), agent_id="agent-7")))
    created = await ok(call(client, api_keys, "POST", "/v1/projects",
                            {"name": "Sales", "slug": "sales"}), 201)
    pid = created["project_id"]
    path = f"/v1/projects/{pid}"
    steps = [
        ("PUT", path, {"name": "Sales Pipeline", "settings": {"stuck_threshold_seconds": 180}}),
        ("PUT", path, {"name": "Sales Pipeline"}),  # no change: nothing recorded
        ("POST", f"{path}/archive", None),
        ("POST", f"{path}/archive", None),  # already archived: nothing recorded
        ("POST", f"{path}/unarchive", None),
        ("POST", f"{path}/agents", {"agent_id": "agent-7"}),
        ("POST", f"{path}/agents", {"agent_id": "agent-7"}),  # already a member
        ("DELETE", f"{path}/agents/agent-7", None),
        ("DELETE", path, None),
    ]
    for method, url, body in steps:
        clock.advance(60)
        resp = await call(client, api_keys, method, url, body)
        assert resp.status_code < 300, (method, url, resp.text)

    entries = await audit_log(client, api_keys)
    assert [e["action"] for e in entries] == [
        "project.deleted", "project_agent.removed", "project_agent.added",
        "project.unarchived", "project.archived", "project.updated", "project.created"]
    deleted, removed, added, unarchived, archived, updated, made = entries
    assert all(e["actor_key_prefix"] == api_keys.live[:12] for e in entries)
    assert all(e["entry_id"].startswith("aud_") for e in entries)
    assert made["resource_type"] == "project" and made["resource_id"] == pid
    assert at(made) == "14:00:00"
    assert made["changes"]["slug"] == {"old": None, "new": "sales"}
    assert made["changes"]["name"] == {"old": None, "new": "Sales"}
    assert updated["changes"] == {
        "name": {"old": "Sales", "new": "Sales Pipeline"},
        "settings": {"old": {}, "new": {"stuck_threshold_seconds": 180}}}
    assert at(updated) == "14:01:00"
    assert archived["changes"] == {"is_archived": {"old": False, "new": True}}
    assert unarchived["changes"] == {"is_archived": {"old": True, "new": False}}
    assert added["resource_type"] == removed["resource_type"] == "project_agent"
    assert added["resource_id"] == f"{pid}/agent-7"
    assert added["changes"]["agent_id"] == {"old": None, "new": "agent-7"}
    assert removed["changes"]["agent_id"] == {"old": "agent-7", "new": None}
    assert deleted["changes"]["name"] == {"old": "Sales Pipeline", "new": None}


async def test_alert_rule_changes_are_recorded_without_secrets(
        client: httpx.AsyncClient, api_keys: Keys) -> None:
    hook = {"type": "webhook", "url": "https://hooks.example.com/x",
            "headers": {"Authorization": "Bearer very-secret-token"}}
    rule = await create_rule(client, api_keys, actions=[hook])
    path = f"/v1/alerts/rules/{rule['rule_id']}"
    await ok(call(client, api_keys, "PUT", path,
                  rule_body(name="renamed", actions=[hook], cooldown_seconds=60)))
    await ok(call(client, api_keys, "PUT", path,
                  rule_body(name="renamed", actions=[hook], cooldown_seconds=60)))  # same
    await ok(call(client, api_keys, "DELETE", path), 204)

    entries = await audit_log(client, api_keys, resource_type="alert_rule")
    assert [e["action"] for e in entries] == [
        "alert_rule.deleted", "alert_rule.updated", "alert_rule.created"]
    deleted, updated, created = entries
    assert {e["resource_id"] for e in entries} == {rule["rule_id"]}
    assert updated["changes"] == {"name": {"old": "a rule", "new": "renamed"},
                                  "cooldown_seconds": {"old": 0, "new": 60}}
    shown = created["changes"]["actions"]["new"]
    assert shown == [{"type": "webhook", "url": hook["url"],
                      "headers": {"Authorization": "[redacted]"}}]
    assert created["changes"]["condition"]["new"]["type"] == "agent_stuck"
    text = str(entries)
    assert "very-secret-token" not in text and rule["webhook_secret"] not in text
    assert "webhook_secret" not in text
    assert deleted["changes"]["name"] == {"old": "renamed", "new": None}


async def test_deleting_a_project_records_its_deleted_rules(
        client: httpx.AsyncClient, api_keys: Keys) -> None:
    project = await ok(call(client, api_keys, "POST", "/v1/projects",
                            {"name": "Ops", "slug": "ops"}), 201)
    scoped = await create_rule(client, api_keys, project_id="ops")
    await create_rule(client, api_keys)  # workspace-wide: survives
    await ok(call(client, api_keys, "DELETE", f"/v1/projects/{project['project_id']}"), 204)
    entries = await audit_log(client, api_keys)
    deleted_rules = [e["resource_id"] for e in entries if e["action"] == "alert_rule.deleted"]
    assert deleted_rules == [scoped["rule_id"]]


async def test_a_change_that_fails_records_nothing(client: httpx.AsyncClient, api_keys: Keys,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    await ok(call(client, api_keys, "POST", "/v1/projects", {"name": "A", "slug": "a"}), 201)
    conflict = await call(client, api_keys, "POST", "/v1/projects", {"name": "A", "slug": "a"})
    assert conflict.status_code == 409

    def broken(*_: Any) -> Any:
        raise RuntimeError("after the audit entry, before the commit")

    # The entry is written before this fails: it must roll back with the project.
    monkeypatch.setattr(project_service, "_reload", broken)
    failed = await call(client, api_keys, "POST", "/v1/projects", {"name": "B", "slug": "b"})
    assert failed.status_code == 500
    monkeypatch.undo()
    entries = await audit_log(client, api_keys)
    assert [(e["action"], e["changes"]["slug"]["new"]) for e in entries] == [
        ("project.created", "a")]
    listed = await ok(call(client, api_keys, "GET", "/v1/projects"))
    assert "b" not in {p["slug"] for p in listed["data"]}


async def test_key_commands_are_recorded_for_the_tenant(
        client: httpx.AsyncClient, api_keys: Keys, db_url: str, database: Database,
        capsys: pytest.CaptureFixture[str]) -> None:
    other = make_keys(database, "other")
    assert cli(["keys", "create", "--tenant", "acme", "--kind", "read", "--label", "ci",
                "--database-url", db_url]) == 0
    made = capsys.readouterr().out.strip()
    assert (await call(client, api_keys, "GET", "/v1/agents")).status_code == 200
    assert cli(["keys", "revoke", made[:12], "--database-url", db_url]) == 0

    entries = await audit_log(client, api_keys, resource_type="api_key")
    assert [e["action"] for e in entries] == ["key.revoked", "key.created"]
    revoked, created = entries
    assert created["actor_key_prefix"] == revoked["actor_key_prefix"] == "cli"
    assert created["resource_id"] == revoked["resource_id"]
    assert created["changes"] == {"kind": {"old": None, "new": "read"},
                                  "label": {"old": None, "new": "ci"},
                                  "key_prefix": {"old": None, "new": made[:12]}}
    assert revoked["changes"] == {"state": {"old": "active", "new": "revoked"}}
    assert made[12:] not in str(entries)
    # tenant-wide entries: the live and read keys see them, test keys and other tenants not
    assert len(await audit_log(client, api_keys, "read", resource_type="api_key")) == 2
    assert await audit_log(client, api_keys, "test") == []
    assert await audit_log(client, other) == []


async def test_workspaces_and_tenants_are_isolated(client: httpx.AsyncClient, api_keys: Keys,
                                                   database: Database) -> None:
    other = make_keys(database, "other")
    await ok(call(client, api_keys, "POST", "/v1/projects", {"name": "L", "slug": "live-one"}),
             201)
    await ok(call(client, api_keys, "POST", "/v1/projects", {"name": "T", "slug": "test-one"},
                  kind="test"), 201)
    await ok(call(client, other, "POST", "/v1/projects", {"name": "O", "slug": "theirs"}), 201)

    def slugs(entries: list[dict[str, Any]]) -> list[str]:
        return [e["changes"]["slug"]["new"] for e in entries]

    assert slugs(await audit_log(client, api_keys)) == ["live-one"]
    assert slugs(await audit_log(client, api_keys, "read")) == ["live-one"]
    assert slugs(await audit_log(client, api_keys, "test")) == ["test-one"]
    assert slugs(await audit_log(client, other)) == ["theirs"]


async def test_filters_and_a_stable_newest_first_walk(client: httpx.AsyncClient, api_keys: Keys,
                                                      clock: FakeClock) -> None:
    for i in range(7):
        if i % 3 == 0:
            clock.advance(60)  # some entries share a millisecond: seq breaks the tie
        await ok(call(client, api_keys, "POST", "/v1/projects",
                      {"name": f"P{i}", "slug": f"p{i}"}), 201)
    everything = [e["entry_id"] for e in await audit_log(client, api_keys)]
    assert len(everything) == 7
    assert [e["changes"]["slug"]["new"] for e in await audit_log(client, api_keys)] == [
        f"p{i}" for i in reversed(range(7))]

    for limit in (1, 2, 3):
        seen: list[str] = []
        cursor = None
        while True:
            params: dict[str, Any] = {"limit": limit, **({"cursor": cursor} if cursor else {})}
            page = (await call(client, api_keys, "GET", LOG, **params)).json()
            seen += [e["entry_id"] for e in page["data"]]
            if limit == 2 and len(seen) == 2:  # a change arriving mid-walk is not in it
                await ok(call(client, api_keys, "POST", "/v1/projects",
                              {"name": "late", "slug": f"late-{len(everything)}"}), 201)
                everything_now = len(await audit_log(client, api_keys))
                assert everything_now == 8
            if not page["pagination"]["has_more"]:
                assert page["pagination"]["cursor"] is None
                break
            cursor = page["pagination"]["cursor"]
        assert seen == everything
        if limit == 2:
            everything = [e["entry_id"] for e in await audit_log(client, api_keys)]

    since = await audit_log(client, api_keys, since="2026-02-10T14:02:00.000Z")
    until = await audit_log(client, api_keys, until="2026-02-10T14:02:00.000Z")
    assert {at(e) for e in since} == {"14:02:00", "14:03:00"}
    assert {at(e) for e in until} == {"14:01:00"}
    assert len(since) + len(until) == 8
    assert await audit_log(client, api_keys, resource_type="alert_rule") == []


@pytest.mark.parametrize("params", [
    {"cursor": "garbage"},
    {"since": "2026-02-11T00:00:00.000Z", "until": "2026-02-10T00:00:00.000Z"},
    {"since": "not-a-date"},
    {"resource_type": "tenant"},
    {"limit": 0},
])
async def test_bad_parameters_are_400(client: httpx.AsyncClient, api_keys: Keys,
                                      params: dict[str, Any]) -> None:
    resp = await call(client, api_keys, "GET", LOG, **params)
    assert resp.status_code == 400, resp.text
    assert resp.json()["error"] == "invalid_parameter"


async def test_a_cursor_from_another_list_is_refused(client: httpx.AsyncClient,
                                                     api_keys: Keys) -> None:
    for slug in ("a", "b"):
        await ok(call(client, api_keys, "POST", "/v1/projects", {"name": slug, "slug": slug}),
                 201)
    projects = (await call(client, api_keys, "GET", "/v1/projects", limit=1)).json()
    resp = await call(client, api_keys, "GET", LOG, cursor=projects["pagination"]["cursor"])
    assert resp.status_code == 400


async def test_revocation_is_effective_on_the_next_request(
        client: httpx.AsyncClient, api_keys: Keys, db_url: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(["keys", "create", "--tenant", "acme", "--database-url", db_url]) == 0
    key = capsys.readouterr().out.strip()
    auth = {"Authorization": f"Bearer {key}"}
    assert (await client.get("/v1/agents", headers=auth)).status_code == 200
    assert cli(["keys", "revoke", key[:12], "--database-url", db_url]) == 0
    refused = await client.get("/v1/agents", headers=auth)  # same app, same process
    assert refused.status_code == 401
    assert refused.json()["error"] == "authentication_failed"
    assert (await client.get("/v1/agents", headers=api_keys.auth())).status_code == 200
