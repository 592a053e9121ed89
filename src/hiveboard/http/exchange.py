"""What the inner layers learn about a request that the outer middlewares report.

Authentication happens deep inside connexion, but the access log wants the key prefix and the
rate-limit headers belong on the response that leaves the outermost layer. One mutable record
per request travels in the ASGI scope; the scope is copied shallowly on the way in (connexion,
``CommaLists``), so every layer sees the same record.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from dataclasses import dataclass
from typing import Any

EXCHANGE_KEY = "hiveboard.exchange"


@dataclass(frozen=True, slots=True)
class Quota:
    """One key's standing against its limit, as the ``X-RateLimit-*`` headers tell it."""

    limit: int
    remaining: int
    reset_epoch_seconds: int


@dataclass(slots=True)
class Exchange:
    key_prefix: str | None = None
    """The display prefix of the authenticated key (never the key)."""
    quota: Quota | None = None
    """Set when a per-key limit was applied; the response then carries its headers."""


def exchange(scope: MutableMapping[str, Any]) -> Exchange:
    """This request's record, created by the first layer that asks."""
    found = scope.get(EXCHANGE_KEY)
    if not isinstance(found, Exchange):
        found = Exchange()
        scope[EXCHANGE_KEY] = found
    return found


def operation_id(scope: MutableMapping[str, Any]) -> str | None:
    """The operationId connexion routed the request to, once it has routed it.

    Connexion writes it into ``scope["extensions"]``; the outer layers see it because they
    create that dict before the scope is copied (see :func:`share_extensions`)."""
    routing = scope.get("extensions", {}).get("connexion_routing", {})
    found = routing.get("operation_id")
    return found if isinstance(found, str) else None


def share_extensions(scope: MutableMapping[str, Any]) -> None:
    if not isinstance(scope.get("extensions"), dict):
        scope["extensions"] = {}
