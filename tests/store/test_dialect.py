"""Statements ingest runs per batch are built once per dialect, then reused."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from sqlalchemy.dialects import postgresql, sqlite

from hiveboard.store.dialect import built_once, insert_for


def conn_of(dialect: str) -> Any:
    return SimpleNamespace(dialect=SimpleNamespace(name=dialect))


def test_a_statement_is_built_once_per_dialect() -> None:
    calls: list[str] = []

    def build(dialect: str) -> object:
        calls.append(dialect)
        return object()

    first = built_once(conn_of("sqlite"), build)
    assert built_once(conn_of("sqlite"), build) is first
    other = built_once(conn_of("postgresql"), build)
    assert other is not first and built_once(conn_of("postgresql"), build) is other
    assert calls == ["sqlite", "postgresql"]


def test_insert_for_picks_the_dialect_with_on_conflict() -> None:
    assert insert_for("postgresql") is postgresql.insert
    assert insert_for("sqlite") is sqlite.insert
