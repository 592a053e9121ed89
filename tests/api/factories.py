"""Keyword-only builders of ingest bodies with sensible defaults."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

# A copy of ../shared/reference/sample_batch.json: the batch that covers every type and kind.
SAMPLE_BATCH = Path(__file__).resolve().parents[1] / "fixtures" / "sample_batch.json"


def sample_batch() -> dict[str, Any]:
    body: dict[str, Any] = json.loads(SAMPLE_BATCH.read_text())
    return body


def envelope(**overrides: Any) -> dict[str, Any]:
    env = {"agent_id": "agent-1", "agent_type": "sales", "agent_version": None,
           "framework": "custom", "runtime": "python-3.11", "sdk_version": "hiveloop-0.2.0",
           "environment": "production", "group": "default"}
    env.update(overrides)
    return env


def event(**overrides: Any) -> dict[str, Any]:
    ev: dict[str, Any] = {"event_id": str(uuid.uuid4()), "timestamp": "2026-02-10T14:00:00.000Z",
                          "event_type": "heartbeat", "severity": "debug"}
    ev.update(overrides)
    return {k: v for k, v in ev.items() if v is not ...}


def batch(*events: dict[str, Any], **envelope_overrides: Any) -> dict[str, Any]:
    return {"envelope": envelope(**envelope_overrides), "events": list(events)}
