"""Builders and shortcuts shared by the alert tests."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from hiveboard.store import alert_queries
from hiveboard.store.database import Database
from hiveboard.store.tables import ALERT_HISTORY
from tests.api.factories import batch, event
from tests.conftest import Keys

START = datetime(2026, 2, 10, 14, 0, 0, tzinfo=UTC)  # the FakeClock's start
HOOK = "https://hooks.example.com/hiveboard"


def at(seconds: float = 0) -> str:
    """An event timestamp ``seconds`` after the FakeClock's start (negative: before)."""
    moment = START + timedelta(seconds=seconds)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def rule_body(condition: dict[str, Any] | None = None, **fields: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "name": "a rule",
        "condition": condition or {"type": "agent_stuck", "threshold_seconds": 300},
        "actions": [{"type": "webhook", "url": HOOK}],
        "cooldown_seconds": 0,
    }
    body.update(fields)
    return body


async def call(client: httpx.AsyncClient, keys: Keys, method: str, path: str,
               body: Any = None, kind: str = "live", **params: Any) -> httpx.Response:
    headers = keys.auth(kind)
    content = None
    if body is not None:
        headers["Content-Type"] = "application/json"
        content = json.dumps(body).encode()
    return await client.request(method, path, headers=headers, content=content,
                                params=params or None)


async def create_rule(client: httpx.AsyncClient, keys: Keys, condition: dict[str, Any] | None = None,
                      kind: str = "live", **fields: Any) -> dict[str, Any]:
    resp = await call(client, keys, "POST", "/v1/alerts/rules", rule_body(condition, **fields),
                      kind=kind)
    assert resp.status_code == 201, resp.text
    created: dict[str, Any] = resp.json()
    return created


async def ingest(client: httpx.AsyncClient, keys: Keys, *events: dict[str, Any],
                 kind: str = "live", **envelope: Any) -> None:
    resp = await call(client, keys, "POST", "/v1/ingest", batch(*events, **envelope), kind=kind)
    assert resp.status_code == 200, resp.text


def heartbeat(seconds: float) -> dict[str, Any]:
    return event(event_type="heartbeat", timestamp=at(seconds))


def task_end(task_id: str, seconds: float, *, failed: bool = True,
             duration_ms: int | None = None, project: str | None = None) -> list[dict[str, Any]]:
    """A task's start and its terminal event ``seconds`` after the clock's start."""
    extra = {"project_id": project} if project else {}
    return [event(event_type="task_started", task_id=task_id, timestamp=at(seconds - 1),
                  **extra),
            event(event_type="task_failed" if failed else "task_completed", task_id=task_id,
                  timestamp=at(seconds), duration_ms=duration_ms, **extra)]


def llm_call(cost: float, seconds: float, project: str | None = None) -> dict[str, Any]:
    extra = {"project_id": project} if project else {}
    return event(event_type="custom", timestamp=at(seconds), severity="info", payload={
        "kind": "llm_call", "summary": "call",
        "data": {"name": "call", "model": "m", "cost": cost, "tokens_in": 1, "tokens_out": 1}},
        **extra)


def fired(db: Database) -> list[dict[str, Any]]:
    """Every firing, oldest first."""
    return db.read_sync(lambda c: [dict(r) for r in c.execute(
        ALERT_HISTORY.select().order_by(ALERT_HISTORY.c.seq)).mappings()])


def deliveries(db: Database) -> list[dict[str, Any]]:
    return db.read_sync(alert_queries.deliveries)
