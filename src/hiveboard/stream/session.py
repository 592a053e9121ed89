"""Client frames: read, classify, answer. Every rejected frame gets an ``error`` frame with a
machine code and the connection stays usable (audit: the prototype dropped the socket on bad
JSON and silently ignored unknown actions)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import orjson
from hiveboard_contract.ws import ClientFrame
from pydantic import ValidationError

from hiveboard.services.stream import CHANNELS
from hiveboard.stream.connection import Connection
from hiveboard.stream.fanout import Filters

ACTIONS = ("subscribe", "unsubscribe", "ping")
Subscribe = Callable[[Connection, frozenset[str], Filters], None]


class Rejected(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def correlation_of(doc: Any) -> str | None:
    """The client's correlation id when it is usable (a string of 1-128 characters)."""
    if isinstance(doc, dict):
        cid = doc.get("correlation_id")
        if isinstance(cid, str) and 0 < len(cid) <= 128:
            return cid
    return None


def correlation_of_raw(data: str | bytes) -> str | None:
    try:
        return correlation_of(orjson.loads(data))
    except orjson.JSONDecodeError:
        return None


def parse(data: str | bytes) -> dict[str, Any]:
    """The frame as a validated dict (contract models), or :class:`Rejected`."""
    try:
        doc = orjson.loads(data)
    except orjson.JSONDecodeError:
        raise Rejected("invalid_json", "frame is not valid JSON") from None
    if not isinstance(doc, dict):
        raise Rejected("invalid_json", "frame must be a JSON object")
    action = doc.get("action")
    if not isinstance(action, str) or action not in ACTIONS:
        shown = "missing" if action is None else repr(action)[:64]
        raise Rejected("unknown_action",
                       f"unknown action {shown}; expected one of {', '.join(ACTIONS)}")
    channels = doc.get("channels")
    if isinstance(channels, list):
        unknown = [c for c in channels if isinstance(c, str) and c not in CHANNELS]
        if unknown:
            raise Rejected("unknown_channel", f"unknown channel {unknown[0][:64]!r}; "
                                              "expected 'events' or 'agents'")
    try:
        frame = ClientFrame.model_validate(doc)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        where = ".".join(str(p) for p in err["loc"][1:]) or "frame"
        raise Rejected("invalid_frame", f"{where}: {err['msg']}") from None
    dumped: dict[str, Any] = frame.root.model_dump(mode="json")
    return dumped


def filters_from(doc: dict[str, Any] | None) -> Filters:
    doc = doc or {}
    types = doc.get("event_types")
    return Filters(
        project_id=doc.get("project_id"), environment=doc.get("environment"),
        group=doc.get("group"), agent_id=doc.get("agent_id"),
        event_types=None if types is None else tuple(dict.fromkeys(types)),
        min_severity=doc.get("min_severity") or "info")


def handle(conn: Connection, data: str | bytes, subscribe: Subscribe) -> None:
    """Answer one accepted (size- and rate-checked) client frame."""
    frames, now = conn.frames, conn.clock()
    try:
        frame = parse(data)
    except Rejected as rej:
        conn.metrics.inc_labelled("errors_sent", rej.code)
        conn.offer(frames.error(now, correlation_of_raw(data), rej.code, rej.message))
        return
    cid = frame.get("correlation_id")
    action = frame["action"]
    if action == "ping":
        conn.offer(frames.pong(now, cid))
    elif action == "subscribe":
        channels = frozenset(frame["channels"])
        limit = conn.settings.stream_max_subscriptions
        if len(channels) > limit:
            conn.metrics.inc_labelled("errors_sent", "too_many_subscriptions")
            conn.offer(frames.error(now, cid, "too_many_subscriptions",
                                    f"{len(channels)} subscriptions requested; "
                                    f"the limit is {limit}"))
            return
        filters = filters_from(frame.get("filters"))
        subscribe(conn, channels, filters)
        conn.offer(frames.subscribed(now, cid, sorted(channels), filters.applied()))
    else:
        dropped = frozenset(frame.get("channels") or CHANNELS)
        subscribe(conn, conn.channels - dropped, conn.filters)
        conn.offer(frames.unsubscribed(now, cid, sorted(conn.channels)))
