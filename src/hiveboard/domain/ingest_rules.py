"""Per-event ingest rules that a JSON schema cannot express.

Shape (types, enums, lengths) is checked against the contract before these run; here we
normalise time, sanitise what PostgreSQL cannot store, enforce the payload byte limit, fill
severity defaults and pull out the columns the read path filters on.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from hiveboard.domain.payload_conventions import check_payload
from hiveboard.domain.severity import default_severity

MIN_TIMESTAMP = datetime(1970, 1, 1, tzinfo=UTC)
MAX_TIMESTAMP = datetime(2200, 1, 1, tzinfo=UTC)
NUL = "\x00"
REPLACEMENT = "\ufffd"
ID_FIELDS = (
    "event_id", "agent_id", "project_id", "task_id", "task_type", "task_run_id",
    "correlation_id", "action_id", "parent_action_id", "parent_event_id", "status",
)


class EventRejected(Exception):
    """One event breaks a rule; the rest of the batch goes on."""

    def __init__(self, code: str, message: str, field_name: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.field_name = field_name


@dataclass(slots=True)
class Normalised:
    timestamp: datetime
    severity: str
    payload: dict[str, Any] | None
    payload_kind: str | None
    llm: dict[str, Any] = field(default_factory=dict)
    warnings: list[tuple[str, str]] = field(default_factory=list)


def parse_timestamp(value: str, warnings: list[tuple[str, str]]) -> datetime:
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise EventRejected("invalid_field", f"timestamp {value[:40]!r} is not RFC 3339",
                            "timestamp") from None
    if parsed.tzinfo is None:
        warnings.append(("timestamp_assumed_utc",
                         "timestamp has no UTC offset; it was taken as UTC"))
        parsed = parsed.replace(tzinfo=UTC)
    parsed = parsed.astimezone(UTC)
    if not MIN_TIMESTAMP <= parsed < MAX_TIMESTAMP:
        raise EventRejected("invalid_field", "timestamp must fall between 1970 and 2200",
                            "timestamp")
    return parsed


def _strip_nul(value: Any) -> Any:
    if isinstance(value, str):
        return value.replace(NUL, REPLACEMENT)
    if isinstance(value, dict):
        return {_strip_nul(k): _strip_nul(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_strip_nul(v) for v in value]
    return value


def check_identifiers(raw: Mapping[str, Any]) -> None:
    for name in ID_FIELDS:
        value = raw.get(name)
        if isinstance(value, str) and NUL in value:
            raise EventRejected("invalid_field", f"{name} contains a NUL character", name)


# Payload figures land in 64-bit columns and are summed per hour by the rollups: a trillion
# tokens (or dollars) in one call is junk from the sender, and ten million such calls in an
# hour are still needed before a sum could overflow.
MAX_PAYLOAD_COUNT = 10**12
MAX_PAYLOAD_COST = 1e12


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if 0 <= value <= MAX_PAYLOAD_COST else None


def _count(value: Any) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_PAYLOAD_COUNT:
        return None
    return value


def llm_columns(payload: Mapping[str, Any]) -> dict[str, Any]:
    """Cost-explorer columns of an ``llm_call`` payload; junk values become NULL, not errors."""
    data = payload.get("data")
    if not isinstance(data, Mapping):
        return {}
    model = data.get("model")
    return {
        "llm_model": model[:256] if isinstance(model, str) else None,
        "llm_cost": _number(data.get("cost")),
        "llm_tokens_in": _count(data.get("tokens_in")),
        "llm_tokens_out": _count(data.get("tokens_out")),
    }


def normalise(
    raw: Mapping[str, Any],
    *,
    payload_bytes: int,
    max_payload_bytes: int,
    may_contain_nul: bool,
) -> Normalised:
    """Apply the rules to one schema-valid event. ``payload_bytes`` is its serialised size."""
    warnings: list[tuple[str, str]] = []
    agent_id = raw.get("agent_id")
    if agent_id is not None and not (isinstance(agent_id, str) and 0 < len(agent_id) <= 256):
        raise EventRejected("invalid_field", "agent_id must be a string of 1 to 256 characters",
                            "agent_id")
    if not isinstance(raw.get("timestamp"), str):
        raise EventRejected("invalid_field", "timestamp must be an RFC 3339 string", "timestamp")
    if may_contain_nul:
        check_identifiers(raw)
    timestamp = parse_timestamp(raw["timestamp"], warnings)
    payload = raw.get("payload")
    if payload is not None and payload_bytes > max_payload_bytes:
        raise EventRejected(
            "field_size_exceeded",
            f"payload is {payload_bytes} bytes; the limit is {max_payload_bytes}", "payload")
    if payload is not None and may_contain_nul:
        cleaned = _strip_nul(payload)
        if cleaned != payload:
            warnings.append(("payload_sanitized",
                             "NUL characters in the payload were replaced by U+FFFD"))
            payload = cleaned
    event_type = raw["event_type"]
    severity = raw.get("severity") or default_severity(event_type, payload)
    kind = payload.get("kind") if isinstance(payload, Mapping) else None
    kind = kind if isinstance(kind, str) and kind else None
    warnings.extend(("payload_convention", message)
                    for message in check_payload(event_type, raw.get("task_id"), payload))
    llm = llm_columns(payload) if kind == "llm_call" and payload is not None else {}
    return Normalised(timestamp=timestamp, severity=severity, payload=payload,
                      payload_kind=kind[:64] if kind else None, llm=llm, warnings=warnings)
