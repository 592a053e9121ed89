"""The real hiveloop client against a tiny ingest limit: it waits out each 429 as told
(``details.retry_after_seconds``) within its retry budget, and every event arrives."""

from __future__ import annotations

import logging

import hiveloop
import pytest

from hiveboard.settings import Settings
from tests.api.helpers import stored_events
from tests.conftest import Keys, LiveServer
from tests.hardening.conftest import settings_for

pytestmark = pytest.mark.slow
TASKS = 6


@pytest.fixture
def settings(db_url: str) -> Settings:
    """The app behind ``live_server``: one ingest request per second per key."""
    return settings_for(db_url, rate_limit_ingest_per_second=1)


def test_hiveloop_events_arrive_despite_429s(live_server: LiveServer, api_keys: Keys, database,
                                             caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="hiveloop")
    hb = hiveloop.HiveBoard(api_key=api_keys.live, endpoint=live_server.url,
                            flush_interval=0.1, batch_size=5)
    agent = hb.agent("limited-agent", type="research", heartbeat_interval=3600)
    for i in range(TASKS):
        with agent.task(f"task-{i}", project="limits") as task:
            task.llm_call("reason", "claude-sonnet", tokens_in=10, tokens_out=5, cost=0.001)
    hb.shutdown(timeout=60)

    rate_limited = [r for r in caplog.records if "Rate limited (429)" in r.getMessage()]
    dropped = [r for r in caplog.records if "Dropping" in r.getMessage()]
    assert rate_limited, "the limit was never reached: the test proves nothing"
    assert not dropped, [r.getMessage() for r in dropped]
    stored = stored_events(database)
    finished = {e["task_id"] for e in stored if e["event_type"] == "task_completed"}
    assert finished == {f"task-{i}" for i in range(TASKS)}
    assert sum(1 for e in stored if e["payload_kind"] == "llm_call") == TASKS
    assert len({e["event_id"] for e in stored}) == len(stored)
