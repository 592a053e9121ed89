"""Builders of every server frame, encoded once to JSON text.

A pushed frame is encoded once and the same text goes to every matching subscriber, so its
server-generated ``correlation_id`` identifies the published message. With ``validate`` on
(tests, ``validate_responses``) each frame is checked against the generated contract models,
so a builder that drifts from spec/ws.schema.json fails loudly instead of reaching clients.
"""

from __future__ import annotations

import itertools
import secrets
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

import orjson
from hiveboard_contract.ws import ServerFrame

from hiveboard.services.stream import AgentChange, contract_version
from hiveboard.services.views import event_view

_OPTS = orjson.OPT_UTC_Z | orjson.OPT_NAIVE_UTC


class FrameError(RuntimeError):
    """A built frame broke the contract: a bug in this module, never the client's fault."""


# Unique per frame without a random draw per frame (uuid4 is a getrandom syscall): a random
# per-process prefix tells workers apart, a counter tells frames apart.
_ID_PREFIX = f"srv-{secrets.token_hex(6)}-"
_ID_COUNTER = itertools.count(1)


def new_id() -> str:
    return f"{_ID_PREFIX}{next(_ID_COUNTER):x}"


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo is UTC else moment.astimezone(UTC)


class Frames:
    """Frame builders bound to the app's clock and validation switch."""

    def __init__(self, *, validate: bool) -> None:
        self.validate = validate

    def encode(self, frame: dict[str, Any]) -> str:
        text = orjson.dumps(frame, option=_OPTS).decode()
        if self.validate:
            try:
                ServerFrame.model_validate_json(text)
            except ValueError as exc:
                raise FrameError(f"{frame.get('type')} frame breaks the contract: {exc}") from exc
        return text

    def _frame(self, kind: str, now: datetime, correlation_id: str | None,
               **body: Any) -> str:
        return self.encode({"type": kind, "correlation_id": correlation_id or new_id(),
                            "timestamp": _utc(now), **body})

    def connected(self, now: datetime, connection_id: str, limits: Mapping[str, int]) -> str:
        return self._frame("connected", now, None, contract_version=contract_version(),
                           connection_id=connection_id, limits=dict(limits))

    def subscribed(self, now: datetime, correlation_id: str | None, channels: list[str],
                   filters: Mapping[str, Any]) -> str:
        return self._frame("subscribed", now, correlation_id, channels=channels,
                           filters=dict(filters))

    def unsubscribed(self, now: datetime, correlation_id: str | None,
                     channels: list[str]) -> str:
        return self._frame("unsubscribed", now, correlation_id, channels=channels)

    def pong(self, now: datetime, correlation_id: str | None) -> str:
        return self._frame("pong", now, correlation_id, server_time=_utc(now))

    def error(self, now: datetime, correlation_id: str | None, code: str, message: str) -> str:
        return self._frame("error", now, correlation_id, error=code, message=message[:500])

    def disconnect_notice(self, now: datetime, reason: str, close_code: int) -> str:
        return self._frame("disconnect_notice", now, None, reason=reason,
                           close_code=close_code)

    def event_new(self, now: datetime, row: Mapping[str, Any]) -> str:
        data = event_view(row)
        data["timestamp"] = _utc(data["timestamp"])
        data["received_at"] = _utc(data["received_at"])
        return self._frame("event.new", now, None, data=data)

    def status_changed(self, change: AgentChange) -> str:
        return self._frame("agent.status_changed", change.at, None, data={
            "agent_id": change.agent_id, "previous_status": change.previous,
            "new_status": change.new, "timestamp": _utc(change.at),
            "current_task_id": change.current_task_id,
            "current_project_id": change.current_project_id,
            "heartbeat_age_seconds": change.heartbeat_age_seconds})

    def stuck(self, change: AgentChange) -> str:
        last = change.last_heartbeat
        return self._frame("agent.stuck", change.at, None, data={
            "agent_id": change.agent_id,
            "last_heartbeat": None if last is None else _utc(last),
            "stuck_threshold_seconds": change.threshold_seconds,
            "current_task_id": change.current_task_id,
            "current_project_id": change.current_project_id})

    def heartbeat(self, now: datetime, row: Mapping[str, Any]) -> str:
        sent = row["timestamp"]
        age = max(0.0, (now - sent).total_seconds())
        return self._frame("agent.heartbeat", now, None, data={
            "agent_id": row["agent_id"], "timestamp": _utc(sent),
            "heartbeat_age_seconds": age, "payload": row["payload"]})
