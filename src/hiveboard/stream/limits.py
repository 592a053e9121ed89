"""Per-connection inbound rate limit: a token bucket with a muted cooldown.

A burst over the limit gets one ``rate_limited`` error, then silence for the cooldown: a client
flooding 200 pings is answered by at most ``burst`` pongs and one error, never 200 replies.
"""

from __future__ import annotations

from enum import Enum


class Verdict(Enum):
    ACCEPT = "accept"
    REJECT = "reject"
    """Over the limit: drop the frame and tell the client once."""
    DROP = "drop"
    """Over the limit during the cooldown: drop silently."""


class TokenBucket:
    __slots__ = ("_level", "_muted_until", "_stamp", "burst", "cooldown", "rate")

    def __init__(self, rate: float, burst: int, cooldown: float, now: float) -> None:
        self.rate = rate
        self.burst = burst
        self.cooldown = cooldown
        self._level = float(burst)
        self._stamp = now
        self._muted_until = float("-inf")

    def take(self, now: float) -> Verdict:
        self._level = min(float(self.burst), self._level + (now - self._stamp) * self.rate)
        self._stamp = now
        if self._level >= 1.0:
            self._level -= 1.0
            return Verdict.ACCEPT
        if now < self._muted_until:
            return Verdict.DROP
        self._muted_until = now + self.cooldown
        return Verdict.REJECT
