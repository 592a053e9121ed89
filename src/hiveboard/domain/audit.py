"""What an audit entry records about a change: the fields that differ, old and new, no secrets."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

REDACTED = "[redacted]"
Changes = dict[str, dict[str, Any]]


def diff(old: Mapping[str, Any] | None, new: Mapping[str, Any] | None,
         fields: Iterable[str]) -> Changes:
    """``{field: {"old": …, "new": …}}`` for each of ``fields`` whose value differs.

    ``old`` is None for a creation and ``new`` None for a deletion: every field then shows
    null on that side. A field absent from a mapping counts as null."""
    changes: Changes = {}
    for name in fields:
        before = None if old is None else old.get(name)
        after = None if new is None else new.get(name)
        if before != after:
            changes[name] = {"old": before, "new": after}
    return changes


def redact_actions(actions: Sequence[Mapping[str, Any]] | None) -> list[dict[str, Any]] | None:
    """Alert actions as the audit log shows them: webhook header values often carry
    credentials (``Authorization``), so only the header names are kept."""
    if actions is None:
        return None
    shown: list[dict[str, Any]] = []
    for action in actions:
        copy = dict(action)
        headers = copy.get("headers")
        if isinstance(headers, Mapping):
            copy["headers"] = {name: REDACTED for name in headers}
        shown.append(copy)
    return shown


ALERT_RULE_FIELDS = ("name", "project_id", "condition", "filters", "actions",
                     "cooldown_seconds", "enabled")


def alert_rule_snapshot(row: Mapping[str, Any]) -> dict[str, Any]:
    """The audited fields of a stored alert rule; never its webhook secret or header values."""
    shown = {name: row.get(name) for name in ALERT_RULE_FIELDS}
    shown["actions"] = redact_actions(row.get("actions"))
    if shown["enabled"] is not None:
        shown["enabled"] = bool(shown["enabled"])
    return shown
