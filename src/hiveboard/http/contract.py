"""``GET /openapi.json``: the contract as written, for the Swagger UI at the docs path and clients.

connexion's own route serializes its resolved copy of the spec, in which a recursive schema
(``ActionNode.children``) becomes a circular structure: it answered 500 and the Swagger UI
showed no operations. The document as written keeps its ``$ref``s, which every OpenAPI tool
(Swagger UI included) resolves itself.
"""

from __future__ import annotations

from typing import Any

import orjson
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

PATH = "/openapi.json"


def contract_route(spec: dict[str, Any]) -> Route:
    """Render once, before connexion annotates ``spec`` in place."""
    body = orjson.dumps(spec)

    async def openapi_json(_request: Request) -> Response:
        return Response(body, media_type="application/json")

    return Route(PATH, openapi_json, methods=["GET"])
