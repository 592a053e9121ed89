#!/usr/bin/env python
"""Retention benchmark: how fast a pass purges and compacts, and how long it holds a write.

Fills a fresh database (SQLite file, or a throwaway PostgreSQL database with ``--db postgres``)
with ``--days`` days of one tenant's fleet -- ``--agents`` agents sending a heartbeat every
``--heartbeat-seconds`` plus a task of a few events every ten minutes, written straight into the
events table with their task rollups -- then runs one retention pass with the default 30 days
and 24 hours, timing every write transaction. The longest transaction is what ingest may have
to wait for. Nothing is asserted; it prints a table:

    .venv/bin/python tools/bench_retention.py                    # SQLite, 5 agents, 40 days
    .venv/bin/python tools/bench_retention.py --db postgres
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from itertools import islice
from pathlib import Path
from typing import Any

from bench_ingest import DEFAULT_POSTGRES, fresh_database
from sqlalchemy import func, insert, select

from hiveboard.services.retention import Report, Retention
from hiveboard.settings import Settings
from hiveboard.store import keys, migrate, tasks
from hiveboard.store.database import Connection, Database
from hiveboard.store.tables import EVENTS

TENANT = "bench-retention"
CHUNK = 2000
TASK_EVENTS = ("task_started", "action_started", "action_completed", "task_completed")


def fleet(workspace_id: int, now: datetime, days: int, agents: int,
          heartbeat_s: int) -> Iterator[dict[str, Any]]:
    """Rows in time order: heartbeats (a payload every tenth) and short tasks."""
    start = now - timedelta(days=days)
    steps = days * 86400 // heartbeat_s
    for step in range(steps):
        moment = start + timedelta(seconds=step * heartbeat_s)
        for a in range(agents):
            base = {"workspace_id": workspace_id, "agent_id": f"agent-{a}", "agent_type": "bench",
                    "project_id": None, "received_at": moment, "environment": "production",
                    "group": "default", "task_type": None, "task_run_id": None,
                    "duration_ms": None, "payload_kind": None, "llm_model": None,
                    "llm_cost": None, "llm_tokens_in": None, "llm_tokens_out": None}
            yield {**base, "event_id": uuid.uuid4().hex, "timestamp": moment, "task_id": None,
                   "event_type": "heartbeat", "severity": "debug",
                   "payload": {"summary": "ok"} if step % 10 == 0 else None}
            if (step * heartbeat_s) % 600 == 0:
                task = f"task-{a}-{step}"
                for i, kind in enumerate(TASK_EVENTS):
                    yield {**base, "event_id": uuid.uuid4().hex, "task_id": task,
                           "timestamp": moment + timedelta(seconds=i), "event_type": kind,
                           "severity": "info", "payload": None}


def _insert(conn: Connection, workspace_id: int, rows: list[dict[str, Any]]) -> None:
    conn.execute(insert(EVENTS), rows)
    tasks.apply_batch(conn, workspace_id, rows)


def _count(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(EVENTS)).scalar_one())


def fill(db: Database, now: datetime, args: argparse.Namespace) -> int:
    tenant_id = db.write_sync(keys.ensure_tenant, TENANT, now)
    workspace_id = db.read_sync(keys.workspace_for, tenant_id, "live")
    rows = fleet(workspace_id, now, args.days, args.agents, args.heartbeat_seconds)
    while chunk := list(islice(rows, CHUNK)):
        db.write_sync(_insert, workspace_id, chunk)
    return db.read_sync(_count)


def timed_pass(db: Database, settings: Settings,
               now: datetime) -> tuple[Report, float, list[float]]:
    writes: list[float] = []
    real = db.write_sync

    def write_sync(fn: Any, *a: Any, **kw: Any) -> Any:
        started = time.perf_counter()
        try:
            return real(fn, *a, **kw)
        finally:
            writes.append(time.perf_counter() - started)

    db.write_sync = write_sync  # type: ignore[method-assign]
    retention = Retention(db, settings)
    report = Report()
    started = time.perf_counter()
    for target in retention.targets(TENANT):
        report.add(retention.run(target, now))
    return report, time.perf_counter() - started, writes


def run(kind: str, args: argparse.Namespace) -> str:
    now = datetime.now(UTC).replace(microsecond=0)
    with tempfile.TemporaryDirectory() as tmp, \
            fresh_database(kind, Path(tmp), args.postgres_url) as url:
        db = Database.from_url(url)
        migrate.upgrade(db.engine)
        print(f"{kind}: writing {args.days} days of {args.agents} agents …", file=sys.stderr)
        stored = fill(db, now, args)
        settings = Settings(database_url=url, retention_batch_rows=args.batch_rows)
        report, seconds, writes = timed_pass(db, settings, now)
        again, seconds_again, _ = timed_pass(db, settings, now)
        left = db.read_sync(_count)
        db.dispose()
    removed = report.events_deleted + report.heartbeats_compacted
    writes.sort()
    p99 = writes[int(len(writes) * 0.99)] if writes else 0.0
    assert again == Report(), again  # a second pass finds nothing to do
    return (f"| {kind} | {stored:,} | {report.events_deleted:,} | "
            f"{report.heartbeats_compacted:,} | {report.tasks_removed:,} | {left:,} | "
            f"{seconds:.1f} | {removed / seconds:,.0f} | {len(writes)} | "
            f"{p99 * 1000:.0f} | {writes[-1] * 1000:.0f} | {seconds_again:.2f} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgres", "both"), default="sqlite")
    parser.add_argument("--postgres-url", default=DEFAULT_POSTGRES)
    parser.add_argument("--days", type=int, default=40)
    parser.add_argument("--agents", type=int, default=5)
    parser.add_argument("--heartbeat-seconds", type=int, default=60)
    parser.add_argument("--batch-rows", type=int, default=1000)
    args = parser.parse_args()
    kinds = ("sqlite", "postgres") if args.db == "both" else (args.db,)
    print("| db | events stored | purged | heartbeats compacted | tasks removed | left "
          "| pass s | rows removed/s | write txns | p99 txn ms | longest txn ms "
          "| second pass s |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for kind in kinds:
        print(run(kind, args), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
