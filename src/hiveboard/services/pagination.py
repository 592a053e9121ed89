"""Opaque keyset cursors: stable while new rows arrive, never skipping or repeating.

A cursor is the sort key of the last row of a page, base64url-encoded JSON tagged with the
sort it belongs to, so a cursor from one sort cannot be replayed against another.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from hiveboard.errors import BadRequest

T = TypeVar("T")
CURSOR_VERSION = 1


def encode_cursor(sort: str, key: Sequence[Any]) -> str:
    raw = json.dumps({"v": CURSOR_VERSION, "s": sort, "k": list(key)}, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None, sort: str, arity: int) -> list[Any] | None:
    """The key encoded in ``cursor``; 400 ``invalid_parameter`` for anything we did not issue."""
    if cursor is None:
        return None
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        doc = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
        key = doc["k"]
        valid = (doc.get("v") == CURSOR_VERSION and doc.get("s") == sort
                 and isinstance(key, list) and len(key) == arity)
    except (ValueError, TypeError, KeyError, binascii.Error, UnicodeEncodeError):
        valid = False
    if not valid:
        raise BadRequest("cursor is not valid for this query: pass back a cursor exactly as "
                         "returned, with the same sort", details={
                             "field": "cursor", "location": "query",
                             "reason": "unrecognised cursor"})
    return list(key)


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    items: list[T]
    cursor: str | None
    has_more: bool

    def pagination(self) -> dict[str, Any]:
        return {"cursor": self.cursor, "has_more": self.has_more}


def paginate(rows: list[T], limit: int, sort: str, key_of: Any) -> Page[T]:
    """Rows were fetched with ``limit + 1``: the extra one only says whether more exist."""
    has_more = len(rows) > limit
    items = rows[:limit]
    cursor = encode_cursor(sort, key_of(items[-1])) if has_more and items else None
    return Page(items=items, cursor=cursor, has_more=has_more)
