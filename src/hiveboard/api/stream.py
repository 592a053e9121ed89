"""GET /v1/stream/info (the WebSocket itself is hiveboard.stream.endpoint)."""

from __future__ import annotations

from hiveboard_contract import operations as op
from hiveboard_contract.rest import StreamInfo

from hiveboard.api.context import services
from hiveboard.api.render import json_response
from hiveboard.services.stream import stream_info


@op.get_stream_info
async def get_stream_info() -> object:
    return json_response(StreamInfo.model_validate(stream_info(services().settings)))
