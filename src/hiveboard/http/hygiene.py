"""Browser-facing hygiene: security headers on every response, and CORS from an allow-list.

The API serves JSON and the Swagger UI, never pages meant to be framed, so framing is refused
outright; HSTS is sent in production only, where TLS is expected to terminate in front of us
(a development server on plain HTTP must not pin browsers to HTTPS for localhost).
"""

from __future__ import annotations

import orjson
from starlette.datastructures import Headers
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from hiveboard.errors import error_body
from hiveboard.settings import Settings

BASE_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"content-security-policy", b"frame-ancestors 'none'"),
    (b"referrer-policy", b"no-referrer"),
)
HSTS = (b"strict-transport-security", b"max-age=31536000; includeSubDomains")
# What a browser page may send and read besides the CORS-safelisted headers.
CORS_REQUEST_HEADERS = ["Authorization", "Content-Type", "X-Request-ID"]
CORS_EXPOSED_HEADERS = ["X-Request-ID", "X-RateLimit-Limit", "X-RateLimit-Remaining",
                        "X-RateLimit-Reset", "Retry-After"]
CORS_METHODS = ["GET", "POST", "PUT", "DELETE", "OPTIONS"]
PREFLIGHT_FIELDS = (("origin", "Origin"), ("method", "Access-Control-Request-Method"),
                    ("header", "Access-Control-Request-Headers"))


class SecurityHeaders:
    def __init__(self, app: ASGIApp, *, production: bool) -> None:
        self.app = app
        self.headers = BASE_HEADERS + ((HSTS,) if production else ())

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []),
                                      *(h for h in self.headers if h[0] not in present)]
            await send(message)

        await self.app(scope, receive, with_headers)


class Cors(CORSMiddleware):
    """Starlette's CORS, with refused preflights in the standard error shape."""

    def preflight_response(self, request_headers: Headers) -> Response:
        response = super().preflight_response(request_headers)
        if response.status_code < 400:
            return response
        reason = bytes(response.body).decode(errors="replace")
        field = next((header for word, header in PREFLIGHT_FIELDS if word in reason.lower()),
                     "Origin")
        body = orjson.dumps(error_body(response.status_code, "invalid_parameter",
                                       f"CORS preflight refused: {reason}",
                                       {"field": field, "location": "header",
                                        "reason": reason}))
        headers = {k: v for k, v in response.headers.items()
                   if k.lower() not in ("content-length", "content-type")}
        return Response(body, status_code=response.status_code, headers=headers,
                        media_type="application/json")


def cors(app: ASGIApp, settings: Settings) -> ASGIApp:
    """CORS when origins are configured; without any, browsers' same-origin policy applies."""
    if not settings.cors_allowed_origins:
        return app
    return Cors(app, allow_origins=settings.cors_allowed_origins, allow_methods=CORS_METHODS,
                allow_headers=CORS_REQUEST_HEADERS, expose_headers=CORS_EXPOSED_HEADERS,
                max_age=settings.cors_max_age_seconds)
