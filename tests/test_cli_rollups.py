"""``hiveboard rollups rebuild``: recomputes the rollups derived from events."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from hiveboard.cli import main
from hiveboard.store.database import Database
from tests.store.test_agent_issues import _load as _load_issues
from tests.store.test_agent_issues import issue_rows
from tests.store.test_error_events import _load as _load_errors
from tests.store.test_error_events import error_rows
from tests.store.test_llm_usage import _load, _rollup, _same_rollup
from tests.store.test_task_outcomes import _load as _load_tasks
from tests.store.test_task_outcomes import assert_same_outcomes, rollup_rows


def test_rollups_rebuild_restores_the_rollup_from_events(
        capsys: pytest.CaptureFixture[str], database: Database, db_url: str) -> None:
    _load(database, 9, batches=5)
    _load_tasks(database, 9, batches=5)
    _load_issues(database, 9, batches=5)
    _load_errors(database, 9, batches=5)
    expected = database.read_sync(_rollup)
    tasks_expected = database.read_sync(rollup_rows)
    issues_expected = database.read_sync(issue_rows)
    errors_expected = database.read_sync(error_rows)
    assert tasks_expected and issues_expected and errors_expected
    with database.engine.begin() as conn:
        conn.execute(text("DELETE FROM llm_usage_hourly"))
        conn.execute(text("DELETE FROM task_outcomes_hourly"))
        conn.execute(text("DELETE FROM agent_issues"))
        conn.execute(text("DELETE FROM error_events_hourly"))
    assert main(["rollups", "rebuild", "--database-url", db_url]) == 0
    out, _ = capsys.readouterr()
    assert out == (f"rebuilt llm_usage_hourly from events: {len(expected)} rows\n"
                   f"rebuilt task_outcomes_hourly from tasks: {len(tasks_expected)} rows\n"
                   f"rebuilt agent_issues from events: {len(issues_expected)} rows\n"
                   f"rebuilt error_events_hourly from events: {len(errors_expected)} rows\n")
    _same_rollup(database.read_sync(_rollup), expected)
    assert_same_outcomes(tasks_expected, database.read_sync(rollup_rows))
    assert database.read_sync(issue_rows) == issues_expected
    assert database.read_sync(error_rows) == errors_expected
