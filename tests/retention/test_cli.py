"""``hiveboard retention run``: progress bar on stderr, summary on stdout, --tenant, --dry-run."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from hiveboard.cli import main
from hiveboard.settings import Settings
from hiveboard.store.tables import EVENTS
from tests.api.factories import event
from tests.conftest import FakeClock, make_keys
from tests.retention.conftest import count, ingest, iso, set_tenant_settings

# The command uses the real clock, so the data is placed around the real now.
REAL_NOW = datetime.now(UTC)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(REAL_NOW)


@pytest.fixture
def settings(db_url: str) -> Settings:
    return Settings(database_url=db_url, validate_responses=True, auto_migrate=False)


def at(**delta: float) -> str:
    return iso(REAL_NOW - timedelta(**delta))


async def seed(client, api_keys, database) -> None:
    set_tenant_settings(database, api_keys.tenant_id, {"retention_days": 7})
    hour = (REAL_NOW - timedelta(days=3)).replace(minute=0, second=0, microsecond=0)
    await ingest(client, api_keys,
                 event(event_id="old", timestamp=at(days=10), event_type="custom",
                       severity="info"),
                 *(event(event_id=f"hb-{m}", timestamp=iso(hour + timedelta(minutes=m)),
                         event_type="heartbeat") for m in (5, 25, 45)),
                 event(event_id="hb-now", timestamp=at(minutes=1), event_type="heartbeat"))
    other = make_keys(database, "globex")
    await ingest(client, other, event(event_id="g-old", timestamp=at(days=40),
                                      event_type="custom", severity="info"))


async def test_run_shows_progress_and_prints_a_summary(client, api_keys, database, db_url,
                                                       capsys):
    await seed(client, api_keys, database)

    assert main(["retention", "run", "--database-url", db_url]) == 0
    out, err = capsys.readouterr()

    assert "retention" in err and "100%" in err and "5/5" in err  # rows examined: 2 old events, 3 old heartbeats
    assert out.splitlines() == [
        "acme/live: 7 days, 1 events deleted, 2 heartbeats compacted, 0 tasks removed, "
        "0 rebuilt, 0 agents removed, 0 alert history records deleted",
        "acme/test: 7 days, 0 events deleted, 0 heartbeats compacted, 0 tasks removed, "
        "0 rebuilt, 0 agents removed, 0 alert history records deleted",
        "globex/live: 30 days, 1 events deleted, 0 heartbeats compacted, 0 tasks removed, "
        "0 rebuilt, 1 agents removed, 0 alert history records deleted",
        "globex/test: 30 days, 0 events deleted, 0 heartbeats compacted, 0 tasks removed, "
        "0 rebuilt, 0 agents removed, 0 alert history records deleted",
        "total: 2 events deleted, 2 heartbeats compacted, 0 tasks removed, 0 rebuilt, "
        "1 agents removed, 0 alert history records deleted",
    ]
    assert count(database, EVENTS) == 2  # hb-45 (its hour's choice) and hb-now

    assert main(["retention", "run", "--database-url", db_url]) == 0
    out, _ = capsys.readouterr()
    assert out.splitlines()[-1].startswith("total: 0 events deleted, 0 heartbeats compacted")


async def test_tenant_and_dry_run(client, api_keys, database, db_url, capsys):
    await seed(client, api_keys, database)

    assert main(["retention", "run", "--tenant", "globex", "--dry-run",
                 "--database-url", db_url]) == 0
    out, err = capsys.readouterr()
    assert "100%" in err
    assert out.splitlines() == [
        "globex/live: 30 days, 1 events to delete, 0 heartbeats to compact",
        "globex/test: 30 days, 0 events to delete, 0 heartbeats to compact",
        "dry run, nothing deleted: 1 events to delete, 0 heartbeats to compact",
    ]
    assert count(database, EVENTS) == 6

    assert main(["retention", "run", "--tenant", "nobody", "--database-url", db_url]) == 1
    assert "no tenant named 'nobody'" in capsys.readouterr().err
