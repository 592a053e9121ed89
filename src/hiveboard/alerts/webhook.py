"""Webhook notifier: POST the frozen ``AlertWebhookPayload`` body, signed, to a checked address.

The signature is ``sha256=`` + hex HMAC-SHA256 of the exact body bytes keyed with the rule's
secret. Redirects are not followed (they could lead anywhere, including inside the network);
in production the request goes to the address the destination policy approved, with the
original ``Host`` and TLS server name, so a DNS answer that changes after the check is moot.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from typing import Any

import httpx

from hiveboard.alerts.errors import DeliveryError
from hiveboard.services.webhook_targets import Target, Unresolvable, UnsafeTarget, resolve
from hiveboard.settings import Settings

SIGNATURE_HEADER = "X-HiveBoard-Signature"
USER_AGENT = "HiveBoard-Alerts/1"


def sign(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def _pinned(url: str, target: Target,
            address: str | None) -> tuple[httpx.URL, dict[str, str], dict[str, Any]]:
    original = httpx.URL(url)
    if address is None:
        return original, {}, {}
    extensions: dict[str, Any] = {}
    if target.scheme == "https":
        extensions["sni_hostname"] = target.host
    host = original.netloc.decode("ascii")
    return original.copy_with(host=address), {"Host": host}, extensions


class WebhookSender:
    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._client = httpx.AsyncClient(
            timeout=settings.alert_webhook_timeout_seconds, follow_redirects=False,
            trust_env=False)

    async def send(self, action: Mapping[str, Any], body: bytes, secret: str) -> None:
        url = str(action["url"])
        try:
            target = await resolve(self._settings, url)
        except Unresolvable as exc:
            raise DeliveryError(str(exc), retryable=True) from None
        except UnsafeTarget as exc:
            raise DeliveryError(f"refused: {exc}", retryable=False) from None
        headers = {**action.get("headers", {}), "Content-Type": "application/json",
                   "User-Agent": USER_AGENT, SIGNATURE_HEADER: sign(secret, body)}
        candidates: list[str | None] = list(target.addresses) or [None]
        for index, address in enumerate(candidates):
            request_url, pin_headers, extensions = _pinned(url, target, address)
            try:
                response = await self._client.post(
                    request_url, content=body, headers={**headers, **pin_headers},
                    extensions=extensions)
            except httpx.ConnectError as exc:
                if index + 1 < len(candidates):  # dual-stack hosts: try the next address
                    continue
                raise DeliveryError(f"ConnectError: {exc}", retryable=True) from None
            except httpx.TimeoutException:
                raise DeliveryError("timed out", retryable=True) from None
            except httpx.HTTPError as exc:
                raise DeliveryError(f"{type(exc).__name__}: {exc}", retryable=True) from None
            if not 200 <= response.status_code < 300:
                raise DeliveryError(f"HTTP {response.status_code}", retryable=True)
            return

    async def aclose(self) -> None:
        await self._client.aclose()
