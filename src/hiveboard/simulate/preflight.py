"""Check the server and the key before starting a fleet.

hiveloop never raises: a wrong endpoint makes it retry with back-off for about a minute per
batch, and a rejected key (401) drops every batch silently. Asking once up front turns both
into a clear message instead of a fleet that seems to run while nothing arrives.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request

TIMEOUT_S = 10.0


def problem(endpoint: str, api_key: str) -> str | None:
    """None when ``GET /v1/agents`` answers 200 with this key, else what went wrong."""
    if not endpoint.startswith(("http://", "https://")):
        return f"the endpoint must be an http(s) URL, not {endpoint!r}"
    request = urllib.request.Request(f"{endpoint}/v1/agents?limit=1",  # noqa: S310 (checked)
                                     headers={"Authorization": f"Bearer {api_key}"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_S):  # noqa: S310
            return None
    except urllib.error.HTTPError as refused:
        try:
            message = json.loads(refused.read()).get("message", "")
        except ValueError:
            message = ""
        return f"{endpoint} refused the key: {refused.code} {message}".rstrip()
    except (urllib.error.URLError, OSError) as unreachable:
        reason = getattr(unreachable, "reason", unreachable)
        return f"cannot reach {endpoint}: {reason}"
