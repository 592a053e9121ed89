"""Structured logs: one JSON line per request (``hiveboard.access``) and a JSON formatter for
every HiveBoard logger.

An access line carries the method, path, operationId, status, duration, request id and the
display prefix of the key (``hb_live_a1b2``) -- never the key, the query string or a body.
"""

from __future__ import annotations

import logging
import sys
import time
from datetime import UTC, datetime
from typing import Any

import orjson
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from hiveboard.http.exchange import exchange, operation_id, share_extensions

ACCESS_LOGGER = "hiveboard.access"
MAX_PATH_CHARS = 512
_OURS = "_hiveboard_handler"
_STANDARD_ATTRS = frozenset(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    """One JSON object per record: time, level, logger, message, any ``extra`` fields."""

    def format(self, record: logging.LogRecord) -> str:
        doc: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(
                timespec="milliseconds").replace("+00:00", "Z"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        doc.update({k: v for k, v in vars(record).items() if k not in _STANDARD_ATTRS})
        if record.exc_info:
            doc["exception"] = self.formatException(record.exc_info)
        return orjson.dumps(doc, default=str).decode()


def configure_logging(level: str = "info", fmt: str = "json") -> None:
    """Give the ``hiveboard`` loggers one stderr handler (replacing the one an earlier call
    added); for a deployed process, not for a library user who configures logging itself."""
    logger = logging.getLogger("hiveboard")
    for handler in list(logger.handlers):
        if getattr(handler, _OURS, False):
            logger.removeHandler(handler)
    handler = logging.StreamHandler(sys.stderr)
    setattr(handler, _OURS, True)
    handler.setFormatter(JsonFormatter() if fmt == "json" else logging.Formatter(
        "%(asctime)s %(levelname)s %(name)s %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(level.upper())


class AccessLog:
    def __init__(self, app: ASGIApp, logger: logging.Logger | None = None) -> None:
        self.app = app
        self.log = logger or logging.getLogger(ACCESS_LOGGER)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        share_extensions(scope)
        note = exchange(scope)
        started = time.perf_counter()
        status = 500  # if the app fails before answering, the server answers 500

        async def capture(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, capture)
        finally:
            fields = {
                "method": scope["method"], "path": scope["path"][:MAX_PATH_CHARS],
                "operation": operation_id(scope), "status": status,
                "duration_ms": round((time.perf_counter() - started) * 1000, 2),
                "request_id": scope.get("hiveboard.request_id"), "key_prefix": note.key_prefix,
            }
            self.log.log(logging.WARNING if status >= 500 else logging.INFO,
                         "%s %s %s", fields["method"], fields["path"], status, extra=fields)
