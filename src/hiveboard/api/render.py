"""Turn contract models into HTTP responses (one JSON encoder, UTC ``Z`` timestamps)."""

from __future__ import annotations

from typing import Any

import orjson
from pydantic import BaseModel
from starlette.responses import Response

JSON = "application/json"


def json_response(body: BaseModel | dict[str, Any], status: int = 200) -> Response:
    if isinstance(body, BaseModel):
        content = body.model_dump_json(by_alias=True).encode()
    else:
        content = orjson.dumps(body, option=orjson.OPT_UTC_Z | orjson.OPT_NAIVE_UTC)
    return Response(content=content, status_code=status, media_type=JSON)


def no_content() -> Response:
    return Response(status_code=204)
