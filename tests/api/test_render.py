"""The one timestamp format of every response."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from hiveboard.api.render import dumps, format_timestamp


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime(2026, 2, 10, 14, 0, tzinfo=UTC), "2026-02-10T14:00:00.000Z"),
        (datetime(2026, 2, 10, 14, 0, 0, 123456, tzinfo=UTC), "2026-02-10T14:00:00.123Z"),
        (datetime(2026, 2, 10, 16, 0, tzinfo=timezone(timedelta(hours=2))),
         "2026-02-10T14:00:00.000Z"),
        (datetime(478, 5, 26, 15, 14, 17, 654000, tzinfo=UTC), "0478-05-26T15:14:17.654Z"),
        (datetime(2026, 2, 10, 14, 0), "2026-02-10T14:00:00.000Z"),
    ],
)
def test_format_timestamp(value, expected):
    assert format_timestamp(value) == expected


def test_payload_strings_that_look_like_timestamps_are_untouched():
    body = {"at": datetime(2026, 2, 10, tzinfo=UTC), "payload": {"note": "2026-02-10T00:00:00Z"}}
    assert dumps(body) == (b'{"at":"2026-02-10T00:00:00.000Z",'
                           b'"payload":{"note":"2026-02-10T00:00:00Z"}}')
