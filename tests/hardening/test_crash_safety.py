"""Crash safety: ``hiveboard serve`` is SIGKILLed during sustained ingest and restarted on the
same database; every event of every acknowledged batch is there, once, and resending whatever
was in flight completes the data without a duplicate."""

from __future__ import annotations

import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest
from sqlalchemy import text

from hiveboard.store.database import Database
from tests.api.factories import batch, event
from tests.hardening.processes import HiveboardServer, prepared_key

pytestmark = pytest.mark.slow

BATCH_EVENTS = 50
CLIENTS = 2
ACKED_BEFORE_KILL = 30


def make_batch(n: int) -> tuple[bytes, list[str]]:
    """A mixed batch (tasks, LLM calls, heartbeats) so rollups are written too."""
    task = f"task-{uuid.uuid4().hex[:8]}"
    events: list[dict[str, Any]] = [event(event_type="task_started", task_id=task,
                                          project_id="crash", severity="info")]
    while len(events) < n - 1:
        events.append(event(event_type="custom", task_id=task, severity="info", payload={
            "kind": "llm_call", "summary": "reason",
            "data": {"name": "reason", "model": "m", "tokens_in": 10, "tokens_out": 2,
                     "cost": 0.001}}))
        events.append(event(event_type="heartbeat"))
    events = events[:n - 1]
    events.append(event(event_type="task_completed", task_id=task, severity="info"))
    body = batch(*events, agent_id=f"agent-{uuid.uuid4().hex[:4]}")
    return orjson.dumps(body), [e["event_id"] for e in events]


@dataclass
class Ledger:
    """What the clients sent and what the server acknowledged, shared by the client threads."""

    sent: list[tuple[bytes, list[str]]] = field(default_factory=list)
    acked: list[list[str]] = field(default_factory=list)
    unexpected: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def ingest_until_dead(url: str, key: str, ledger: Ledger, killed: threading.Event) -> None:
    headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}
    with httpx.Client(base_url=url, timeout=30) as client:
        while True:
            body, ids = make_batch(BATCH_EVENTS)
            with ledger.lock:
                ledger.sent.append((body, ids))
            try:
                resp = client.post("/v1/ingest", content=body, headers=headers)
            except httpx.TransportError:
                if killed.is_set():
                    return
                raise
            with ledger.lock:
                if resp.status_code == 200 and resp.json()["accepted"] == len(ids):
                    ledger.acked.append(ids)
                else:
                    ledger.unexpected.append(f"{resp.status_code} {resp.text[:300]}")


def stored_counts(db_url: str) -> dict[str, int]:
    db = Database.from_url(db_url)
    try:
        rows = db.read_sync(lambda c: c.execute(text(
            "SELECT event_id, count(*) FROM events GROUP BY event_id")).all())
    finally:
        db.dispose()
    return {str(event_id): int(n) for event_id, n in rows}


def rollup_mismatches(db_url: str) -> list[Any]:
    """Tasks whose rollup disagrees with the stored events, and task events without a task:
    the rollup is written in the ingest transaction, so a crash loses both or neither."""
    db = Database.from_url(db_url)
    try:
        counted = db.read_sync(lambda c: c.execute(text(
            "SELECT t.task_id, t.llm_call_count, (SELECT count(*) FROM events e"
            " WHERE e.workspace_id = t.workspace_id AND e.task_id = t.task_id"
            " AND e.payload_kind = 'llm_call') FROM tasks t")).all())
        orphans = db.read_sync(lambda c: c.execute(text(
            "SELECT DISTINCT e.task_id FROM events e WHERE e.task_id IS NOT NULL"
            " AND NOT EXISTS (SELECT 1 FROM tasks t WHERE t.workspace_id = e.workspace_id"
            " AND t.task_id = e.task_id)")).all())
    finally:
        db.dispose()
    assert counted, "no task rollups at all"
    return [tuple(r) for r in counted if r[1] != r[2]] + [("orphan", r[0]) for r in orphans]


def test_sigkill_during_ingest_loses_no_acknowledged_event(fresh_db_url: str,
                                                            tmp_path: Path) -> None:
    key = prepared_key(fresh_db_url)
    server = HiveboardServer(fresh_db_url, tmp_path)
    server.start()
    ledger, killed = Ledger(), threading.Event()
    errors: list[BaseException] = []

    def client() -> None:
        try:
            ingest_until_dead(server.url, key, ledger, killed)
        except BaseException as exc:  # surfaced by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=client, daemon=True) for _ in range(CLIENTS)]
    try:
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 120
        while len(ledger.acked) < ACKED_BEFORE_KILL and not errors:
            assert time.monotonic() < deadline, f"ingest too slow:\n{server.log()}"
            time.sleep(0.01)
        killed.set()
        server.kill()
        for thread in threads:
            thread.join(timeout=60)
        assert not errors, errors
        assert not ledger.unexpected, ledger.unexpected[:3]

        server.start()  # same database, same port: recovery of the WAL / the PostgreSQL side
        stored = stored_counts(fresh_db_url)
        acked = [i for ids in ledger.acked for i in ids]
        sent = {i for _body, ids in ledger.sent for i in ids}
        missing = [i for i in acked if stored.get(i) != 1]
        assert not missing, f"{len(missing)} acknowledged events lost or doubled"
        assert set(stored) <= sent and set(stored.values()) == {1}
        # Atomic batches: an unacknowledged batch is stored entirely or not at all.
        for _body, ids in ledger.sent:
            assert len({i in stored for i in ids}) == 1, "a batch was half stored"
        assert rollup_mismatches(fresh_db_url) == []

        # What was in flight at the kill, resent as hiveloop would, completes the data once.
        with httpx.Client(base_url=server.url, timeout=30) as http:
            for body, ids in ledger.sent:
                resp = http.post("/v1/ingest", content=body,
                                 headers={"Authorization": f"Bearer {key}",
                                          "Content-Type": "application/json"})
                assert resp.status_code == 200, resp.text
                assert resp.json()["accepted"] == len(ids)
        final = stored_counts(fresh_db_url)
        assert set(final) == sent and set(final.values()) == {1}
        assert rollup_mismatches(fresh_db_url) == []
    finally:
        killed.set()
        server.stop()
