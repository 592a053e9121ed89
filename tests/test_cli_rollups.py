"""``hiveboard rollups rebuild``: recomputes the hourly LLM usage rollup from raw events."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from hiveboard.cli import main
from hiveboard.store.database import Database
from tests.store.test_llm_usage import _load, _rollup, _same_rollup


def test_rollups_rebuild_restores_the_rollup_from_events(
        capsys: pytest.CaptureFixture[str], database: Database, db_url: str) -> None:
    _load(database, 9, batches=5)
    expected = database.read_sync(_rollup)
    with database.engine.begin() as conn:
        conn.execute(text("DELETE FROM llm_usage_hourly"))
    assert main(["rollups", "rebuild", "--database-url", db_url]) == 0
    out, _ = capsys.readouterr()
    assert out == f"rebuilt llm_usage_hourly from events: {len(expected)} rows\n"
    _same_rollup(database.read_sync(_rollup), expected)
