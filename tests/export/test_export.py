"""``hiveboard export``: every event of a tenant's window, once, oldest first, each line the
``Event`` the API returns; and the lines re-ingest into another tenant to the same counts."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import httpx
import pytest

from hiveboard.cli import main
from hiveboard.export.reingest import batches
from tests.api.factories import batch, event, sample_batch
from tests.conftest import Keys, make_keys

TIES = 23  # events sharing one timestamp, so keyset batches of 5 must split a tie


async def ingest(client: httpx.AsyncClient, keys: Keys, body: dict[str, Any],
                 kind: str = "live") -> None:
    resp = await client.post("/v1/ingest", json=body, headers=keys.auth(kind))
    assert resp.status_code == 200, resp.text
    assert resp.json()["rejected"] == 0, resp.text


async def seed(client: httpx.AsyncClient, keys: Keys) -> None:
    await ingest(client, keys, sample_batch())
    await ingest(client, keys, batch(*[event(timestamp="2026-02-10T14:30:00.000Z",
                                             event_type="heartbeat") for _ in range(TIES)],
                                     agent_id="tied-agent", agent_type="ops"))
    await ingest(client, keys, batch(event(event_type="task_started", task_id="test-only",
                                           project_id="sandbox"), agent_id="test-agent"),
                 kind="test")


def export(db_url: str, tmp_path: Path, *args: str) -> tuple[int, list[dict[str, Any]]]:
    out = tmp_path / "events.ndjson"
    code = main(["export", "--tenant", "acme", "--database-url", db_url, "-o", str(out),
                 "--no-progress", "--batch-size", "5", *args])
    lines = out.read_text().splitlines() if out.exists() else []
    return code, [json.loads(line) for line in lines]


async def api_events(client: httpx.AsyncClient, keys: Keys, kind: str = "live") -> list[dict]:
    found: list[dict] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"exclude_heartbeats": "false", "limit": 200,
                                  "since": "2000-01-01T00:00:00Z"}
        if cursor:
            params["cursor"] = cursor
        resp = await client.get("/v1/events", params=params, headers=keys.auth(kind))
        assert resp.status_code == 200, resp.text
        found += resp.json()["data"]
        cursor = resp.json()["pagination"]["cursor"]
        if not cursor:
            return found


async def test_lines_are_the_api_events_oldest_first(client, api_keys: Keys, db_url: str,
                                                     tmp_path: Path) -> None:
    await seed(client, api_keys)
    code, lines = export(db_url, tmp_path)
    assert code == 0
    expected = list(reversed(await api_events(client, api_keys)))
    assert len(expected) == 22 + TIES
    assert lines == expected  # same shape, same values, each once, ties split cleanly


async def test_window_and_mode(client, api_keys: Keys, db_url: str, tmp_path: Path) -> None:
    await seed(client, api_keys)
    _, lines = export(db_url, tmp_path, "--since", "2026-02-10T14:01:00Z",
                      "--until", "2026-02-10T14:30:00Z")
    stamps = [e["timestamp"] for e in lines]
    assert stamps and all("2026-02-10T14:01:00.000Z" <= s < "2026-02-10T14:30:00" for s in stamps)
    everything = [e for e in reversed(await api_events(client, api_keys))
                  if "2026-02-10T14:01:00.000Z" <= e["timestamp"] < "2026-02-10T14:30:00"]
    assert lines == everything
    _, test_lines = export(db_url, tmp_path, "--mode", "test")
    assert [e["task_id"] for e in test_lines] == ["test-only"]


def test_unknown_tenant_is_an_error(db_url: str, tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["export", "--tenant", "nobody", "--database-url", db_url,
                 "-o", str(tmp_path / "x.ndjson"), "--no-progress"])
    assert code == 1 and "no tenant named 'nobody'" in capsys.readouterr().err


async def test_stdout_carries_only_ndjson(client, api_keys: Keys, db_url: str,
                                          capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    await seed(client, api_keys)
    assert main(["export", "--tenant", "acme", "--database-url", db_url]) == 0
    out, err = capsysbinary.readouterr()
    assert [json.loads(line)["event_id"] for line in out.splitlines()] == \
        [e["event_id"] for e in reversed(await api_events(client, api_keys))]
    assert b"exported 45 events" in err  # the bar and the summary go to stderr


def _counts(events: list[dict]) -> Counter[tuple[str, str | None, str, str | None]]:
    return Counter((e["event_type"], e["payload_kind"], e["agent_id"], e["task_id"])
                   for e in events)


async def test_export_reingests_to_the_same_counts(client, api_keys: Keys, database,
                                                   db_url: str, tmp_path: Path) -> None:
    await seed(client, api_keys)
    _, lines = export(db_url, tmp_path)
    other = make_keys(database, tenant="restored")
    raw = (tmp_path / "events.ndjson").read_bytes().splitlines()
    for body in batches(raw, size=10):
        await ingest(client, other, body)

    source, copy = await api_events(client, api_keys), await api_events(client, other)
    assert len(copy) == len(source) == len(lines)
    assert _counts(copy) == _counts(source)
    assert {e["event_id"] for e in copy} == {e["event_id"] for e in source}
    for path in ("/v1/tasks", "/v1/agents"):
        mine = (await client.get(path, headers=api_keys.auth())).json()["data"]
        theirs = (await client.get(path, headers=other.auth())).json()["data"]
        assert len(theirs) == len(mine) > 0
    day = {"since": "2026-02-10T00:00:00Z", "until": "2026-02-11T00:00:00Z"}
    cost = [(await client.get("/v1/cost", params=day, headers=k.auth())).json()["totals"]
            for k in (api_keys, other)]
    assert cost[0] == cost[1] and cost[0]["call_count"] > 0
