"""Webhook notifier: POST the frozen ``AlertWebhookPayload`` body, signed, to a checked address.

The signature is ``sha256=`` + hex HMAC-SHA256 of the exact body bytes keyed with the rule's
secret. Redirects are not followed (they could lead anywhere, including inside the network);
in production the connection goes to an address the destination policy approved, with the
original ``Host`` header and TLS server name, so a DNS answer that changes after the check is
moot.

The standard library's HTTP client runs in a few dedicated threads: one short POST per delivery
needs no pool, and it costs a fraction of the CPU an async client spends per request -- CPU
that ingest, sharing the process, would otherwise lose.
"""

from __future__ import annotations

import hashlib
import hmac
import http.client
import socket
import ssl
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

import anyio
import anyio.to_thread

from hiveboard.alerts.errors import DeliveryError
from hiveboard.services.webhook_targets import Target, Unresolvable, UnsafeTarget, resolve
from hiveboard.settings import Settings

SIGNATURE_HEADER = "X-HiveBoard-Signature"
USER_AGENT = "HiveBoard-Alerts/1"
SENDER_THREADS = 8
MAX_RESPONSE_BYTES = 65_536


def sign(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def _connection(target: Target, address: str | None,
                timeout: float) -> http.client.HTTPConnection:
    """A connection to ``address`` (or the host by name) that still presents the host name
    in TLS (SNI and certificate check)."""
    peer = address or target.host
    if target.scheme == "http":
        return http.client.HTTPConnection(peer, target.port, timeout=timeout)
    context = ssl.create_default_context()
    host = target.host

    class PinnedHTTPS(http.client.HTTPSConnection):
        def connect(self) -> None:
            raw = socket.create_connection((peer, target.port), timeout)
            self.sock = context.wrap_socket(raw, server_hostname=host)

    return PinnedHTTPS(peer, target.port, timeout=timeout, context=context)


def _post(target: Target, address: str | None, path: str, headers: dict[str, str], body: bytes,
          timeout: float) -> int:
    conn = _connection(target, address, timeout)
    try:
        conn.request("POST", path, body=body, headers=headers)
        response = conn.getresponse()
        response.read(MAX_RESPONSE_BYTES)
        return response.status
    finally:
        conn.close()


def _request_target(url: str) -> str:
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def _host_header(url: str) -> str:
    netloc = urlsplit(url).netloc
    return netloc.rsplit("@", 1)[-1]


class WebhookSender:
    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._threads = anyio.CapacityLimiter(SENDER_THREADS)

    async def send(self, action: Mapping[str, Any], body: bytes, secret: str) -> None:
        url = str(action["url"])
        try:
            target = await resolve(self._settings, url)
        except Unresolvable as exc:
            raise DeliveryError(str(exc), retryable=True) from None
        except UnsafeTarget as exc:
            raise DeliveryError(f"refused: {exc}", retryable=False) from None
        headers = {**action.get("headers", {}), "Host": _host_header(url),
                   "Content-Type": "application/json", "User-Agent": USER_AGENT,
                   SIGNATURE_HEADER: sign(secret, body)}
        timeout = self._settings.alert_webhook_timeout_seconds
        candidates: list[str | None] = list(target.addresses) or [None]
        for index, address in enumerate(candidates):
            try:
                with anyio.fail_after(timeout + 1):
                    status = await anyio.to_thread.run_sync(
                        _post, target, address, _request_target(url), headers, body, timeout,
                        abandon_on_cancel=True, limiter=self._threads)
            except TimeoutError:
                raise DeliveryError("timed out", retryable=True) from None
            except ConnectionRefusedError as exc:
                if index + 1 < len(candidates):  # dual-stack hosts: try the next address
                    continue
                raise DeliveryError(f"ConnectError: {exc}", retryable=True) from None
            except (OSError, http.client.HTTPException) as exc:
                raise DeliveryError(f"{type(exc).__name__}: {exc}", retryable=True) from None
            if not 200 <= status < 300:
                raise DeliveryError(f"HTTP {status}", retryable=True)
            return

    async def aclose(self) -> None:
        return None
