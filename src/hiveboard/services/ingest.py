"""Ingest a batch: validate per event, store once, report per event (200/207)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import orjson
from hiveboard_contract.rest import Envelope, IngestEvent
from pydantic import TypeAdapter, ValidationError

from hiveboard.domain.ingest_rules import EventRejected, normalise
from hiveboard.domain.principal import Principal
from hiveboard.errors import BadRequest
from hiveboard.services import telemetry
from hiveboard.services.clock import Clock
from hiveboard.services.group_commit import GroupCommit
from hiveboard.settings import Settings
from hiveboard.store.database import Connection, Database
from hiveboard.store.ingest import BatchOutcome, BatchWrite, write_batch

_EVENTS = TypeAdapter(list[IngestEvent])
_REQUIRED = ("event_id", "timestamp", "event_type")
AfterCommit = Callable[[Principal, list[dict[str, Any]]], Awaitable[None]]


@dataclass(slots=True)
class IngestOutcome:
    accepted: int = 0
    rejected: int = 0
    duplicates: int = 0
    warnings: list[dict[str, Any]] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def status(self) -> int:
        return 207 if self.errors else 200


def _invalid_batch(message: str, details: dict[str, Any] | None = None) -> BadRequest:
    return BadRequest(message, code="invalid_batch", details=details)


def _field_path(loc: Sequence[int | str]) -> str:
    return ".".join(str(p) for p in loc) or "event"


def _classify(errors: list[dict[str, Any]]) -> tuple[str, str, str]:
    """Pick the most telling (code, field, message) among one event's schema errors."""
    ranked: list[tuple[int, str, str, str]] = []
    for err in errors:
        loc = err["loc"][1:]
        name = _field_path(loc)
        if err["type"] == "missing" and len(loc) == 1 and loc[0] in _REQUIRED:
            ranked.append((0, "missing_required_field", name, f"{name} is required"))
        elif loc[:1] == ("event_type",):
            message = f"unknown event_type {err.get('input')!r}"
            ranked.append((1, "invalid_event_type", name, message))
        elif err["type"] in ("string_too_long", "too_long"):
            ranked.append((2, "field_size_exceeded", name, f"{name}: {err['msg']}"))
        else:
            ranked.append((3, "invalid_field", name, f"{name}: {err['msg']}"))
    _, code, name, message = min(ranked)
    return code, name, message[:300]


def _schema_errors(events: list[Any]) -> dict[int, tuple[str, str, str]]:
    try:
        _EVENTS.validate_python(events)
    except ValidationError as exc:
        per_event: dict[int, list[dict[str, Any]]] = {}
        for err in exc.errors(include_url=False):
            # A timestamp without offset is accepted as UTC with a warning (spec decision).
            if err["type"] == "timezone_aware" and err["loc"][1:] == ("timestamp",):
                continue
            per_event.setdefault(int(err["loc"][0]), []).append(dict(err))
        return {i: _classify(errs) for i, errs in per_event.items()}
    return {}


class IngestService:
    def __init__(self, db: Database, settings: Settings, clock: Clock,
                 after_commit: list[AfterCommit] | None = None) -> None:
        self._db = db
        self._settings = settings
        self._clock = clock
        self._after_commit = after_commit if after_commit is not None else []
        self._write: Callable[[BatchWrite], Awaitable[BatchOutcome]] = self._write_alone
        if db.is_sqlite:
            # SQLite has one writer: batches waiting for it share the next transaction.
            self._write = GroupCommit(self._write_together, self._write_alone).write

    async def _write_alone(self, batch: BatchWrite) -> BatchOutcome:
        return await self._db.write(write_batch, batch)

    async def _write_together(self, batches: Sequence[BatchWrite]) -> list[BatchOutcome]:
        return await self._db.write(_write_each, batches)

    def parse(self, body: bytes) -> tuple[Envelope, list[Any]]:
        try:
            doc = orjson.loads(body)
        except orjson.JSONDecodeError as exc:
            raise _invalid_batch(f"body is not valid JSON (UTF-8): {exc}") from None
        if not isinstance(doc, dict):
            raise _invalid_batch("body must be a JSON object with `envelope` and `events`")
        try:
            envelope = Envelope.model_validate(doc.get("envelope"))
        except ValidationError as exc:
            errs = [{"field": "envelope." + _field_path(e["loc"]) if e["loc"] else "envelope",
                     "reason": e["msg"]} for e in exc.errors(include_url=False)]
            raise _invalid_batch(
                f"invalid envelope: {errs[0]['field']}: {errs[0]['reason']}",
                {"field": errs[0]["field"], "errors": errs[:20]}) from None
        raw_envelope = doc["envelope"]
        for name, value in raw_envelope.items():
            # PostgreSQL cannot store NUL in text; the envelope lands in every row.
            if isinstance(value, str) and "\x00" in value:
                raise _invalid_batch(f"envelope.{name} contains a NUL character",
                                     {"field": f"envelope.{name}"})
        events = doc.get("events")
        if not isinstance(events, list):
            raise _invalid_batch("`events` must be an array", {"field": "events"})
        limit = self._settings.max_batch_events
        if len(events) > limit:
            raise _invalid_batch(f"batch has {len(events)} events; the limit is {limit}",
                                 {"field": "events", "limit": limit, "count": len(events)})
        return envelope, events

    async def ingest(self, principal: Principal, body: bytes) -> IngestOutcome:
        envelope, events = self.parse(body)
        outcome = IngestOutcome()
        schema_errors = _schema_errors(events)
        may_contain_nul = b"\\u0000" in body
        large = len(body) > self._settings.max_payload_bytes
        now = self._clock()
        rows: list[dict[str, Any]] = []
        positions: list[int] = []
        seen: set[str] = set()
        in_batch_dups = 0
        base = _envelope_fields(envelope)
        for index, raw in enumerate(events):
            event_id = raw.get("event_id") if isinstance(raw, dict) else None
            event_id = event_id if isinstance(event_id, str) else None
            if index in schema_errors:
                code, name, message = schema_errors[index]
                outcome.errors.append({"index": index, "event_id": event_id, "error": code,
                                       "message": message, "field": name})
                continue
            # Schema-valid events are objects with a string event_id.
            assert event_id is not None
            assert isinstance(raw, dict)
            if event_id in seen:
                in_batch_dups += 1
                continue
            try:
                payload = raw.get("payload")
                size = len(orjson.dumps(payload)) if large and payload is not None else 0
                norm = normalise(raw, payload_bytes=size,
                                 max_payload_bytes=self._settings.max_payload_bytes,
                                 may_contain_nul=may_contain_nul)
            except EventRejected as rej:
                outcome.errors.append({"index": index, "event_id": event_id, "error": rej.code,
                                       "message": rej.message, "field": rej.field_name})
                continue
            seen.add(event_id)
            outcome.warnings.extend(
                {"index": index, "event_id": event_id, "warning": code, "message": message}
                for code, message in norm.warnings)
            rows.append(_row(principal.workspace_id, base, raw, norm, now))
            positions.append(index)
        agent_meta = {row["agent_id"]: base["metadata"] for row in rows}
        written = await self._write(BatchWrite(
            workspace_id=principal.workspace_id, received_at=now,
            auto_create_projects=self._settings.auto_create_projects,
            rows=rows, agent_metadata=agent_meta))
        for position in written.unknown_project:
            row = rows[position]
            outcome.errors.append({
                "index": positions[position], "event_id": row["event_id"],
                "error": "invalid_project", "field": "project_id",
                "message": f"project {row['project_id']!r} does not exist and auto-create is off"})
        stored = len(rows) - len(written.unknown_project)
        outcome.duplicates = in_batch_dups + stored - len(written.inserted)
        outcome.accepted = stored + in_batch_dups
        outcome.rejected = len(outcome.errors)
        outcome.errors.sort(key=lambda e: e["index"])
        telemetry.count_ingest(outcome.accepted, outcome.rejected, outcome.duplicates)
        for hook in self._after_commit:
            await hook(principal, written.inserted)
        return outcome


def _write_each(conn: Connection, batches: Sequence[BatchWrite]) -> list[BatchOutcome]:
    return [write_batch(conn, batch) for batch in batches]


def _envelope_fields(envelope: Envelope) -> dict[str, Any]:
    dump = envelope.model_dump()
    meta = {
        "agent_type": dump.get("agent_type") or "general",
        "agent_version": dump.get("agent_version"),
        "framework": dump.get("framework"),
        "runtime": dump.get("runtime"),
        "sdk_version": dump.get("sdk_version"),
        "environment": dump.get("environment") or "production",
        "group": dump.get("group") or "default",
    }
    return {"agent_id": dump["agent_id"], "metadata": meta}


def _row(workspace_id: int, base: dict[str, Any], raw: dict[str, Any], norm: Any,
         received_at: Any) -> dict[str, Any]:
    meta = base["metadata"]
    return {
        "workspace_id": workspace_id,
        "event_id": raw["event_id"],
        "agent_id": raw.get("agent_id") or base["agent_id"],
        "agent_type": meta["agent_type"],
        "project_id": raw.get("project_id"),
        "timestamp": norm.timestamp,
        "received_at": received_at,
        "environment": meta["environment"],
        "group": meta["group"],
        "task_id": raw.get("task_id"),
        "task_type": raw.get("task_type"),
        "task_run_id": raw.get("task_run_id"),
        "correlation_id": raw.get("correlation_id"),
        "action_id": raw.get("action_id"),
        "parent_action_id": raw.get("parent_action_id"),
        "parent_event_id": raw.get("parent_event_id"),
        "event_type": raw["event_type"],
        "severity": norm.severity,
        "status": raw.get("status"),
        "duration_ms": raw.get("duration_ms"),
        "payload": norm.payload,
        "payload_kind": norm.payload_kind,
        "llm_model": norm.llm.get("llm_model"),
        "llm_cost": norm.llm.get("llm_cost"),
        "llm_tokens_in": norm.llm.get("llm_tokens_in"),
        "llm_tokens_out": norm.llm.get("llm_tokens_out"),
    }
