"""Resolve a webhook URL and apply the destination policy of ``domain.webhook_targets``.

Used when a rule is written (refuse early, with the field named) and by the delivery worker
right before each POST, which then connects to the returned address only, so a DNS answer that
changes between the check and the connection cannot redirect the request.
"""

from __future__ import annotations

import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

import anyio

from hiveboard.domain.webhook_targets import AllowList, parse_address, refusal
from hiveboard.settings import Settings


class UnsafeTarget(Exception):
    """The destination may not be called from this server."""


class Unresolvable(UnsafeTarget):
    """The host name has no address right now (it may have one later)."""


@dataclass(frozen=True, slots=True)
class Target:
    scheme: str
    host: str
    port: int
    addresses: tuple[str, ...]
    """The checked addresses to connect to, in resolver order; empty in development (connect
    by name)."""


def _split(url: str) -> tuple[str, str, int]:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UnsafeTarget("the URL must be http(s) with a host")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise UnsafeTarget("the URL has an invalid port") from None
    return parts.scheme, parts.hostname, port


async def _addresses(host: str, port: int) -> list[str]:
    try:
        infos = await anyio.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        raise Unresolvable(f"{host} does not resolve ({exc})") from None
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


async def resolve(settings: Settings, url: str) -> Target:
    """The destination of ``url``; in production every address it resolves to must pass."""
    scheme, host, port = _split(url)
    if settings.mode != "production":
        return Target(scheme, host, port, ())
    allow = AllowList.parse(settings.alert_webhook_allowlist)
    literal = parse_address(host)
    addresses = [str(literal)] if literal is not None else await _addresses(host, port)
    if allow.permits_host(host):
        return Target(scheme, host, port, tuple(addresses))
    for text in addresses:
        address = parse_address(text)
        why = "not an IP address" if address is None else refusal(address, allow)
        if why is not None:
            raise UnsafeTarget(f"{host} resolves to {text}, {why}; webhooks may only call "
                               "public addresses (see the alert_webhook_allowlist setting)")
    return Target(scheme, host, port, tuple(addresses))


async def creation_refusal(settings: Settings, url: str) -> str | None:
    """Why a rule may not name ``url`` (None: it may). A name that does not resolve yet is
    accepted: DNS may be down or not yet set up, and every delivery checks again."""
    try:
        await resolve(settings, url)
    except Unresolvable:
        return None
    except UnsafeTarget as exc:
        return str(exc)
    return None
