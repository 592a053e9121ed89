from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from hiveboard.domain import payload_values as pv


@pytest.mark.parametrize(
    ("value", "expected"), [("x", "x"), ("", ""), (5, None), (None, None), (["x"], None)])
def test_text(value: Any, expected: str | None) -> None:
    assert pv.text(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"), [(True, True), (False, False), (1, None), ("true", None), (None, None)])
def test_flag(value: Any, expected: bool | None) -> None:
    assert pv.flag(value) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(3, 3), (0, 0), (3.0, 3), (-1, None), (2.5, None), (True, None), ("3", None), (None, None)],
)
def test_count(value: Any, expected: int | None) -> None:
    assert pv.count(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(120, 120.0), (0.5, 0.5), (0, 0.0), (-0.1, None), (float("inf"), None),
     (float("nan"), None), (False, None), ("1", None)],
)
def test_amount(value: Any, expected: float | None) -> None:
    assert pv.amount(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-02-10T14:10:00Z", datetime(2026, 2, 10, 14, 10, tzinfo=UTC)),
        ("2026-02-10T16:10:00+02:00", datetime(2026, 2, 10, 14, 10, tzinfo=UTC)),
        ("2026-02-10T14:10:00", datetime(2026, 2, 10, 14, 10, tzinfo=UTC)),  # naive = UTC
        ("2026-02-10", datetime(2026, 2, 10, tzinfo=UTC)),
        ("in 5 minutes", None), ("", None), (1739196600, None), (None, None),
        ("0001-01-01T00:00:00+01:00", None),  # out of range once converted to UTC
    ],
)
def test_moment(value: Any, expected: datetime | None) -> None:
    found = pv.moment(value)
    assert found == expected
    if found is not None:
        assert found.utcoffset() is not None and found.tzinfo == UTC


def test_mapping_copies_objects_only() -> None:
    source = {"a": 1}
    copied = pv.mapping(source)
    assert copied == source and copied is not source
    assert pv.mapping([1]) is None and pv.mapping("x") is None and pv.mapping(None) is None
