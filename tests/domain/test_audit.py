"""What an audit entry records: field diffs and redaction."""

from __future__ import annotations

from typing import Any

import pytest

from hiveboard.domain.audit import REDACTED, alert_rule_snapshot, diff, redact_actions

FIELDS = ("name", "settings", "description")


@pytest.mark.parametrize(("old", "new", "expected"), [
    (None, {"name": "a", "settings": {}}, {"name": {"old": None, "new": "a"},
                                           "settings": {"old": None, "new": {}}}),
    ({"name": "a", "settings": {}}, None, {"name": {"old": "a", "new": None},
                                           "settings": {"old": {}, "new": None}}),
    ({"name": "a"}, {"name": "a"}, {}),
    ({"name": "a"}, {"name": "b"}, {"name": {"old": "a", "new": "b"}}),
    ({"settings": {"x": 1}}, {"settings": {"x": 2}},
     {"settings": {"old": {"x": 1}, "new": {"x": 2}}}),
    ({"description": "d"}, {}, {"description": {"old": "d", "new": None}}),
    ({"other": 1}, {"other": 2}, {}),  # not an audited field
    (None, None, {}),
    ({"name": 0}, {"name": False}, {}),  # equal in Python, as in JSON comparisons
])
def test_diff(old: dict[str, Any] | None, new: dict[str, Any] | None,
              expected: dict[str, Any]) -> None:
    assert diff(old, new, FIELDS) == expected


@pytest.mark.parametrize(("actions", "expected"), [
    (None, None),
    ([], []),
    ([{"type": "email", "to": ["a@x.io"]}], [{"type": "email", "to": ["a@x.io"]}]),
    ([{"type": "webhook", "url": "https://h", "headers": {"Authorization": "Bearer s",
                                                          "X-Team": "ops"}}],
     [{"type": "webhook", "url": "https://h",
       "headers": {"Authorization": REDACTED, "X-Team": REDACTED}}]),
    ([{"type": "webhook", "url": "https://h", "headers": {}}],
     [{"type": "webhook", "url": "https://h", "headers": {}}]),
])
def test_redact_actions(actions: list[dict[str, Any]] | None,
                        expected: list[dict[str, Any]] | None) -> None:
    original = repr(actions)
    assert redact_actions(actions) == expected
    assert repr(actions) == original  # the stored rule is not touched


def test_alert_rule_snapshot_leaves_out_secrets_and_bookkeeping() -> None:
    row = {"rule_id": "rule_1", "workspace_id": 3, "name": "n", "project_id": None,
           "condition": {"type": "agent_stuck"}, "filters": {}, "cooldown_seconds": 0,
           "enabled": 1, "webhook_secret": "whsec_x", "created_at": "t", "updated_at": "t",
           "actions": [{"type": "webhook", "url": "u", "headers": {"K": "v"}}]}
    assert alert_rule_snapshot(row) == {
        "name": "n", "project_id": None, "condition": {"type": "agent_stuck"}, "filters": {},
        "cooldown_seconds": 0, "enabled": True,
        "actions": [{"type": "webhook", "url": "u", "headers": {"K": REDACTED}}]}
