"""The error tree and the one renderer of the standard error shape.

    ApiError                     status + machine code + message + details
    ├── BadRequest (400)         invalid_parameter, invalid_body, invalid_batch, …
    ├── Unauthorized (401)       authentication_failed
    ├── Forbidden (403)          read_only_key
    ├── NotFound (404)           agent_not_found, task_not_found, project_not_found, …
    ├── Conflict (409)           conflict
    ├── PayloadTooLarge (413)    payload_too_large
    ├── UnsupportedMediaType (415)
    ├── TooManyRequests (429)    rate_limit_exceeded
    ├── NotImplementedOperation (501)  not_implemented
    └── ServiceUnavailable (503) service_unavailable

Every response that is not a success is rendered by :func:`error_body`, whatever layer
raised it, so clients can rely on ``{error, message, status, details}``.
"""

from __future__ import annotations

from typing import Any

MAX_MESSAGE_CHARS = 500


class ApiError(Exception):
    """An expected failure that maps to one HTTP status and machine code."""

    status: int = 400
    code: str = "invalid_parameter"

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        details: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        self.details = details
        self.headers = headers or {}


class BadRequest(ApiError):
    status = 400
    code = "invalid_parameter"


class Unauthorized(ApiError):
    status = 401
    code = "authentication_failed"


class Forbidden(ApiError):
    status = 403
    code = "read_only_key"


class NotFound(ApiError):
    status = 404
    code = "not_found"


class Conflict(ApiError):
    status = 409
    code = "conflict"


class PayloadTooLarge(ApiError):
    status = 413
    code = "payload_too_large"


class UnsupportedMediaType(ApiError):
    status = 415
    code = "unsupported_media_type"


class TooManyRequests(ApiError):
    status = 429
    code = "rate_limit_exceeded"


class NotImplementedOperation(ApiError):
    status = 501
    code = "not_implemented"


class ServiceUnavailable(ApiError):
    status = 503
    code = "service_unavailable"


def truncate(text: str, limit: int = MAX_MESSAGE_CHARS) -> str:
    """Validator messages echo the offending instance, which can be a whole batch."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def error_body(
    status: int, code: str, message: str, details: dict[str, Any] | None = None
) -> dict[str, Any]:
    return {"error": code, "message": truncate(message), "status": status, "details": details}
