"""Turn contract models into HTTP responses: one JSON encoder, one timestamp format.

Every timestamp leaves as ``YYYY-MM-DDTHH:MM:SS.mmmZ`` (UTC, millisecond precision, as the
spec promises); strings inside payloads are never touched, since only ``datetime`` objects
reach the formatter.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import orjson
from pydantic import AnyUrl, BaseModel
from starlette.responses import Response

JSON = "application/json"
_OPTIONS = orjson.OPT_PASSTHROUGH_DATETIME


def format_timestamp(value: datetime) -> str:
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    value = value.astimezone(UTC)
    # Explicit padding: strftime's %Y drops leading zeros for years before 1000.
    return (f"{value.year:04d}-{value.month:02d}-{value.day:02d}T{value.hour:02d}:"
            f"{value.minute:02d}:{value.second:02d}.{value.microsecond // 1000:03d}Z")


def _default(value: Any) -> Any:
    if isinstance(value, datetime):
        return format_timestamp(value)
    if isinstance(value, AnyUrl):
        return str(value)
    if isinstance(value, BaseModel):
        return value.model_dump(mode="python", by_alias=True)
    raise TypeError(f"cannot render {type(value).__name__} as JSON")


def dumps(body: Any) -> bytes:
    if isinstance(body, BaseModel):
        body = body.model_dump(mode="python", by_alias=True)
    return orjson.dumps(body, default=_default, option=_OPTIONS)


def json_response(body: BaseModel | dict[str, Any], status: int = 200) -> Response:
    return Response(content=dumps(body), status_code=status, media_type=JSON)


def no_content() -> Response:
    return Response(status_code=204)
