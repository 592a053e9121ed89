"""Ids with ``/`` (or ``%``) in path parameters, e.g. ``GET /v1/agents/sales%2Fqualifier``.

Agent and task ids are the client's strings, and hiveloop users name agents like
``sales/qualifier``; generated SDKs percent-encode such a path parameter as ``%2F``. The
server decodes the path before routing, so the encoded slash would split the segment and no
route would match (a 404 for an agent that exists). Routing therefore sees each segment
decoded except that ``%`` and ``/`` stay escaped, and the URI parser unescapes path
parameters after routing. A path without ``%2F`` or ``%25`` is left exactly as it was.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote

from connexion.uri_parsing import OpenAPIURIParser
from starlette.types import ASGIApp, Receive, Scope, Send

_MARKERS = (b"%2F", b"%25")


def escaped_route_path(raw_path: bytes) -> str | None:
    """The path routing should see, or None when the decoded path is already right."""
    upper = raw_path.upper()
    if not any(marker in upper for marker in _MARKERS):
        return None
    segments = raw_path.decode("ascii", errors="replace").split("/")
    return "/".join(unquote(s).replace("%", "%25").replace("/", "%2F") for s in segments)


class EscapedPathSegments:
    """Keep encoded slashes inside their path segment for routing."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        raw = scope.get("raw_path")
        if scope["type"] in ("http", "websocket") and raw:
            routed = escaped_route_path(raw)
            # Only where the server's decoded path is the raw one decoded (no root_path
            # prefix from a proxy), so the two cannot disagree about what was sent.
            if routed is not None and unquote(raw.decode("ascii", "replace")) == scope["path"]:
                scope = dict(scope)
                scope["path"] = routed
        await self.app(scope, receive, send)


class PathParamURIParser(OpenAPIURIParser):  # type: ignore[misc]
    """Path parameters unescaped after routing (see :class:`EscapedPathSegments`)."""

    def resolve_path(self, path_data: dict[str, Any]) -> dict[str, Any]:
        unescaped = {k: unquote(v) if isinstance(v, str) else v for k, v in path_data.items()}
        return super().resolve_path(unescaped)  # type: ignore[no-any-return]
