"""The one failure a notifier reports."""

from __future__ import annotations


class DeliveryError(Exception):
    """An attempt failed; ``retryable`` says whether another attempt could succeed."""

    def __init__(self, message: str, *, retryable: bool) -> None:
        super().__init__(message)
        self.message = message[:500]
        self.retryable = retryable
