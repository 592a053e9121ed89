"""The canonical payload envelope ``{kind, summary, data, tags}``: tolerant reading and advice.

Payloads are free-form developer JSON (data model §4). The conventions for the well-known kinds
are *advisory* (event schema §6.2 rule 5): an event that breaks them is still stored, and the
sender only gets warnings back. So nothing here raises on a malformed payload -- the readers
return None or an empty mapping, and :func:`check_payload` turns every deviation into a message.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Final

from hiveboard.domain.records import RENDER_HINT_KINDS

REQUIRED_DATA_FIELDS: Final[Mapping[str, tuple[str, ...]]] = MappingProxyType(
    {
        "llm_call": ("name", "model"),
        "queue_snapshot": ("depth",),
        "todo": ("todo_id", "action"),
        "scheduled": ("items",),
        "plan_created": ("steps",),
        "plan_step": ("step_index", "total_steps", "action"),
        "issue": ("severity",),
    }
)
"""Required ``payload.data`` fields per well-known kind, as event schema §6.3-6.9 lists them.
Where the data model spec asks for more (``plan_step.step_description``, ``issue.category``),
the event schema wins: the SDK does not send those, and advice must not cry wolf on every event
of the official client."""

TASK_SCOPED_KINDS: Final[frozenset[str]] = frozenset({"plan_created", "plan_step"})
"""Kinds whose event MUST carry a ``task_id`` (plans live inside a task)."""

AGENT_LEVEL_KINDS: Final[frozenset[str]] = frozenset(
    {"queue_snapshot", "todo", "scheduled", "issue"}
)
"""Kinds whose event MUST NOT carry a ``task_id`` (event schema §6.4-6.6, §6.9): they describe
the agent across tasks. ``llm_call`` may be either and is in neither set."""

_EXPECTED_TYPES: Final[Mapping[str, str]] = MappingProxyType(
    {
        "name": "string",
        "model": "string",
        "depth": "integer",
        "todo_id": "string",
        "action": "string",
        "items": "array",
        "steps": "array",
        "step_index": "integer",
        "total_steps": "integer",
        "severity": "string",
    }
)

_ALLOWED_VALUES: Final[Mapping[tuple[str, str], tuple[str, ...]]] = MappingProxyType(
    {
        ("todo", "action"): ("created", "completed", "failed", "dismissed", "deferred"),
        ("plan_step", "action"): ("started", "completed", "failed", "skipped"),
        ("issue", "severity"): ("critical", "high", "medium", "low"),
    }
)
"""Enumerations that derived views branch on; an unexpected value silently changes the view
(an unknown issue severity sorts last, an unknown todo action stays active), so it earns a
warning."""

_EMPTY: Final[Mapping[str, Any]] = MappingProxyType({})


def payload_kind(payload: object) -> str | None:
    """``payload.kind`` when it is a string, else None."""
    if isinstance(payload, Mapping):
        kind = payload.get("kind")
        if isinstance(kind, str):
            return kind
    return None


def payload_summary(payload: object) -> str | None:
    """``payload.summary`` when it is a non-blank string, else None."""
    if isinstance(payload, Mapping):
        summary = payload.get("summary")
        if isinstance(summary, str) and summary.strip():
            return summary
    return None


def payload_data(payload: object) -> Mapping[str, Any]:
    """``payload.data`` when it is an object, else an empty mapping.

    Returning an empty mapping rather than None lets every reader chain ``.get`` without a
    guard; "no data" and "data of the wrong type" deliberately look the same to derivations.
    """
    if isinstance(payload, Mapping):
        data = payload.get("data")
        if isinstance(data, Mapping):
            return data
    return _EMPTY


def str_field(data: Mapping[str, Any], key: str) -> str | None:
    """``data[key]`` when it is a string, else None."""
    value = data.get(key)
    return value if isinstance(value, str) else None


def int_field(data: Mapping[str, Any], key: str) -> int | None:
    """``data[key]`` as an int when it is a JSON integer, else None.

    Booleans are rejected (``True`` is an ``int`` in Python but never a count in JSON), and
    integral floats such as ``3.0`` are accepted because some JSON encoders emit them.
    """
    return as_int(data.get(key))


# Past JSON's exact-integer range a payload "count" is junk, and rendering it would break
# the 64-bit integers of the contract (a 500 for ``tokens: 2**70``).
MAX_EXACT_INT = 2**53 - 1


def as_int(value: object) -> int | None:
    """``value`` as an int under the rules of :func:`int_field`; beyond ±(2**53 - 1), None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and -MAX_EXACT_INT <= value <= MAX_EXACT_INT:
        return value
    return None


def render_hint(event_type: str, payload: object) -> str | None:
    """The dashboard rendering hint of an event (API spec §4.4): the kind, for custom events
    whose kind has a specialised view; None otherwise, so clients need not parse payloads."""
    if event_type != "custom":
        return None
    kind = payload_kind(payload)
    return kind if kind in RENDER_HINT_KINDS else None


def check_payload(event_type: str, task_id: str | None, payload: object) -> list[str]:
    """Advisory warnings for a payload of a well-known kind; empty when it follows convention.

    Unknown kinds and payloads without a kind are free-form by design and get no advice.
    Never raises: the result is returned to the sender next to an *accepted* event.
    """
    kind = payload_kind(payload)
    if kind is None or kind not in REQUIRED_DATA_FIELDS or not isinstance(payload, Mapping):
        return []
    warnings: list[str] = []
    if event_type != "custom":
        warnings.append(f"payload kind '{kind}' belongs on custom events, not '{event_type}'")
    if payload_summary(payload) is None:
        warnings.append(f"payload.summary is required for kind '{kind}'")
    warnings.extend(_check_data(kind, payload.get("data")))
    if "tags" in payload and not _is_list_of_strings(payload["tags"]):
        warnings.append("payload.tags must be a list of strings")
    if kind in TASK_SCOPED_KINDS and task_id is None:
        warnings.append(f"kind '{kind}' is task-scoped: the event needs a task_id")
    if kind in AGENT_LEVEL_KINDS and task_id is not None:
        warnings.append(f"kind '{kind}' is agent-level: the event should not carry a task_id")
    return warnings


def _check_data(kind: str, data: object) -> list[str]:
    if data is None:
        return [f"payload.data is required for kind '{kind}'"]
    if not isinstance(data, Mapping):
        return [f"payload.data must be an object for kind '{kind}'"]
    warnings: list[str] = []
    for field in REQUIRED_DATA_FIELDS[kind]:
        value = data.get(field)
        if value is None:
            warnings.append(f"payload.data.{field} is required for kind '{kind}'")
            continue
        expected = _EXPECTED_TYPES[field]
        if not _has_type(value, expected):
            warnings.append(
                f"payload.data.{field} should be {_article(expected)} {expected} "
                f"for kind '{kind}', got {_json_type(value)}"
            )
            continue
        allowed = _ALLOWED_VALUES.get((kind, field))
        if allowed is not None and value not in allowed:
            warnings.append(
                f"payload.data.{field} '{value}' is not one of {', '.join(allowed)} "
                f"for kind '{kind}'"
            )
    return warnings


def _has_type(value: object, expected: str) -> bool:
    if expected == "string":
        return isinstance(value, str)
    if expected == "integer":
        return as_int(value) is not None
    return isinstance(value, list)


def _is_list_of_strings(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _article(type_name: str) -> str:
    return "an" if type_name[0] in "aeiou" else "a"


def _json_type(value: object) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, Mapping):
        return "object"
    return type(value).__name__
