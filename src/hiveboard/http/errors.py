"""Render every failure, from any layer, in the standard error shape."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import orjson
from connexion.exceptions import ProblemException
from connexion.lifecycle import ConnexionRequest, ConnexionResponse
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from hiveboard.errors import ApiError, error_body
from hiveboard.store.database import DatabaseUnavailable

log = logging.getLogger("hiveboard.errors")

CODES_BY_STATUS = {
    400: "invalid_parameter", 401: "authentication_failed", 403: "read_only_key",
    404: "not_found", 405: "method_not_allowed", 409: "conflict", 413: "payload_too_large",
    415: "unsupported_media_type", 429: "rate_limit_exceeded", 501: "not_implemented",
    503: "service_unavailable",
}
RETRY_AFTER_SECONDS = 2
Handler = Callable[[ConnexionRequest, Exception], ConnexionResponse]


def _response(status: int, code: str, message: str, details: dict[str, Any] | None,
              headers: dict[str, str] | None = None) -> ConnexionResponse:
    headers = dict(headers or {})
    if status == 401:
        headers.setdefault("WWW-Authenticate", "Bearer")  # RFC 9110: a 401 names its scheme
    return ConnexionResponse(
        status_code=status, mimetype="application/json",
        body=orjson.dumps(error_body(status, code, message, details)), headers=headers)


def api_error(_request: ConnexionRequest, exc: Exception) -> ConnexionResponse:
    assert isinstance(exc, ApiError)
    return _response(exc.status, exc.code, exc.message, exc.details, exc.headers)


def problem(request: ConnexionRequest, exc: Exception) -> ConnexionResponse:
    assert isinstance(exc, ProblemException)
    status = int(exc.status)
    if status >= 500:  # connexion's own failures, e.g. a response that breaks the contract
        return unexpected(request, exc)
    message = str(exc.detail or exc.title or "request failed")
    if status == 401:
        message = "Invalid or missing API key."
    return _response(status, CODES_BY_STATUS.get(status, "invalid_parameter"), message, None)


def http_error(_request: ConnexionRequest, exc: Exception) -> ConnexionResponse:
    assert isinstance(exc, HTTPException)
    status = exc.status_code
    code = CODES_BY_STATUS.get(status, "internal_error" if status >= 500 else "invalid_parameter")
    message = {404: "no such endpoint", 405: "method not allowed on this endpoint"}.get(
        status, str(exc.detail))
    return _response(status, code, message, None, dict(exc.headers or {}))


def method_aware(allow: Callable[[str], str]) -> Handler:
    """``http_error`` with a complete ``Allow`` on 405 (RFC 9110).

    Connexion makes one route per operation, so Starlette's own ``Allow`` names only the
    first route whose path matched; ``allow`` maps a request path to every method it has.
    """

    def handler(request: ConnexionRequest, exc: Exception) -> ConnexionResponse:
        response = http_error(request, exc)
        methods = allow(request.scope["path"]) if response.status_code == 405 else ""
        if methods:
            response.headers["Allow"] = methods
        return response

    return handler


async def outside_api(request: Request, exc: Exception) -> Response:
    """For the router in front of connexion, which fails only on paths no mount can match
    (a newline in a path segment): the same shape, as a Starlette response."""
    rendered = http_error(ConnexionRequest(request.scope), exc)
    return Response(rendered.body, status_code=rendered.status_code,
                    headers=rendered.headers, media_type=rendered.mimetype)


def unavailable(_request: ConnexionRequest, exc: Exception) -> ConnexionResponse:
    log.warning("database unavailable: %s", exc)
    return _response(503, "service_unavailable", "the database is unavailable; retry shortly",
                     {"retry_after_seconds": RETRY_AFTER_SECONDS},
                     {"Retry-After": str(RETRY_AFTER_SECONDS)})


def unexpected(request: ConnexionRequest, exc: Exception) -> ConnexionResponse:
    request_id = request.scope.get("hiveboard.request_id")
    log.exception("unhandled error (request %s)", request_id, exc_info=exc)
    return _response(500, "internal_error", "unexpected server error; it has been logged",
                     {"request_id": request_id})


def handlers(allow: Callable[[str], str]) -> list[tuple[type[Exception], Handler]]:
    """Connexion error handlers, most specific first; ``allow`` as for :func:`method_aware`."""
    return [
        (ApiError, api_error),
        (ProblemException, problem),
        (HTTPException, method_aware(allow)),
        (DatabaseUnavailable, unavailable),
        (Exception, unexpected),
    ]
