"""Bearer API-key authentication, plugged into connexion's security layer."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from connexion.security import BearerSecurityHandler

from hiveboard.domain.principal import Principal
from hiveboard.errors import Forbidden, Unauthorized

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
Authenticator = Callable[[str], Awaitable[Principal | None]]
Admission = Callable[[Principal, MutableMapping[str, Any]], Awaitable[None]]
"""Called with each authenticated key and the request's ASGI scope; raises to refuse (the
rate limiter's 429)."""


def bearer_handler(authenticate: Authenticator,
                   admit: Admission | None = None) -> type[BearerSecurityHandler]:
    """A connexion handler class bound to this app's key lookup (connexion instantiates it)."""

    async def check(token: str, request: Any = None, required_scopes: Any = None) -> dict[str, Any]:
        found = await authenticate(token)
        if found is None:
            raise Unauthorized("Invalid or missing API key.")
        if admit is not None and request is not None:
            await admit(found, request.scope)
        if not found.can_write and request is not None and request.method not in READ_METHODS:
            raise Forbidden("This key is read-only (hb_read_): use a live or test key to write.")
        return {"principal": found, "sub": found.key_id}

    class ApiKeyBearer(BearerSecurityHandler):  # type: ignore[misc]
        def _resolve_func(self, security_scheme: Any) -> Any:
            return check

    return ApiKeyBearer
