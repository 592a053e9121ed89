"""Per-event ingest rules beyond the JSON schema."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from hiveboard.domain.ingest_rules import EventRejected, llm_columns, normalise


def run(raw: dict[str, Any], *, payload_bytes: int = 0, nul: bool = False):
    base = {"event_id": "e", "timestamp": "2026-02-10T14:00:00Z", "event_type": "heartbeat"}
    return normalise({**base, **raw}, payload_bytes=payload_bytes, max_payload_bytes=100,
                     may_contain_nul=nul)


@pytest.mark.parametrize(
    ("stamp", "expected", "warned"),
    [
        ("2026-02-10T14:00:00Z", datetime(2026, 2, 10, 14, tzinfo=UTC), False),
        ("2026-02-10T14:00:00.123Z", datetime(2026, 2, 10, 14, 0, 0, 123000, tzinfo=UTC), False),
        ("2026-02-10T16:00:00+02:00", datetime(2026, 2, 10, 14, tzinfo=UTC), False),
        ("2026-02-10T14:00:00", datetime(2026, 2, 10, 14, tzinfo=UTC), True),
    ],
)
def test_timestamps(stamp, expected, warned):
    result = run({"timestamp": stamp})
    assert result.timestamp == expected
    assert bool(result.warnings) is warned


@pytest.mark.parametrize("stamp", ["nope", "1969-12-31T23:59:59Z", "2200-01-01T00:00:00Z", 5])
def test_bad_timestamps_reject(stamp):
    with pytest.raises(EventRejected) as exc:
        run({"timestamp": stamp})
    assert exc.value.code == "invalid_field" and exc.value.field_name == "timestamp"


def test_payload_over_limit():
    with pytest.raises(EventRejected) as exc:
        run({"payload": {"summary": "x"}}, payload_bytes=101)
    assert exc.value.code == "field_size_exceeded"


def test_nul_is_sanitised_in_payload_and_rejected_in_ids():
    result = run({"payload": {"summary": "a\x00", "data": {"k\x00": ["v\x00", 1]}}}, nul=True)
    assert result.payload == {"summary": "a\ufffd", "data": {"k\ufffd": ["v\ufffd", 1]}}
    assert [w[0] for w in result.warnings] == ["payload_sanitized"]
    with pytest.raises(EventRejected):
        run({"task_id": "t\x00"}, nul=True)


@pytest.mark.parametrize("agent_id", ["", "a" * 257, 5])
def test_bad_agent_override(agent_id):
    with pytest.raises(EventRejected) as exc:
        run({"agent_id": agent_id})
    assert exc.value.field_name == "agent_id"


def test_severity_default_and_kind():
    result = run({"event_type": "custom",
                  "payload": {"kind": "llm_call", "summary": "s",
                              "data": {"name": "n", "model": "m", "cost": 0.1,
                                       "tokens_in": 3, "tokens_out": 4}}})
    assert result.severity == "info" and result.payload_kind == "llm_call"
    assert result.llm == {"llm_model": "m", "llm_cost": 0.1, "llm_tokens_in": 3,
                          "llm_tokens_out": 4}


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"model": "m", "cost": -1, "tokens_in": True, "tokens_out": 2.5},
         {"llm_model": "m", "llm_cost": None, "llm_tokens_in": None, "llm_tokens_out": None}),
        ({"model": 5}, {"llm_model": None, "llm_cost": None, "llm_tokens_in": None,
                        "llm_tokens_out": None}),
    ],
)
def test_llm_columns_turn_junk_into_null(data, expected):
    assert llm_columns({"data": data}) == expected
    assert llm_columns({"data": "nope"}) == {}
