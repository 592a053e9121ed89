"""Who is calling: derived from the API key alone, never from request parameters."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

KeyKind = Literal["live", "test", "read"]
KEY_KINDS: tuple[KeyKind, ...] = ("live", "test", "read")


@dataclass(frozen=True, slots=True)
class Principal:
    tenant_id: str
    key_id: str
    key_kind: KeyKind
    key_prefix: str
    workspace_id: int
    """Live and read keys address the live workspace; test keys the isolated test one."""

    @property
    def can_write(self) -> bool:
        return self.key_kind != "read"

    @property
    def is_test(self) -> bool:
        return self.key_kind == "test"
