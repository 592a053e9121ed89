#!/usr/bin/env python
"""Export memory benchmark (issue 7): ``hiveboard export`` holds one batch, not the export.

For each size in ``--events`` (default 10k and 100k) the tool fills a fresh database (SQLite
file, or a throwaway PostgreSQL database with ``--db postgres``) with that many realistic
events of one tenant -- written straight into the events table, since only reads are measured
-- then runs ``hiveboard export`` in a fresh child process twice: once plain (wall time, peak
RSS before and after the export) and once under ``tracemalloc`` (peak of Python allocations
during the export). Constant memory means the figures of 100k equal those of 10k, not ten
times them. Nothing is asserted; it prints:

    .venv/bin/python tools/bench_export.py                      # SQLite, 10k and 100k
    .venv/bin/python tools/bench_export.py --db postgres --events 10000 100000
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
import tracemalloc
import uuid
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta
from itertools import islice
from pathlib import Path
from typing import Any

from bench_ingest import DEFAULT_POSTGRES, fresh_database
from sqlalchemy import insert

from hiveboard.store import keys, migrate
from hiveboard.store.database import Connection, Database
from hiveboard.store.tables import EVENTS

TENANT = "bench-export"
CHUNK = 2000
KINDS = ("heartbeat", "action_started", "action_completed", "llm_call", "task_started",
         "task_completed", "plan_step")


def event_rows(workspace_id: int, count: int, seed: int = 7) -> Iterator[dict[str, Any]]:
    """Hiveloop-like rows: a mix of kinds, payloads of a few hundred bytes."""
    rng = random.Random(seed)
    start = datetime(2026, 2, 10, tzinfo=UTC)
    for i in range(count):
        kind = rng.choice(KINDS)
        moment = start + timedelta(milliseconds=i * 250)
        is_llm = kind == "llm_call"
        payload: dict[str, Any] | None = None
        if kind != "heartbeat":
            payload = {"summary": f"{kind} number {i}", "data": {
                "name": "reason", "model": "claude-sonnet-4", "tokens_in": rng.randint(100, 4000),
                "tokens_out": rng.randint(20, 900), "cost": 0.004,
                "prompt_preview": "Analyse the following lead data and decide " * 3}}
            if is_llm or kind == "plan_step":
                payload["kind"] = kind
        yield {"workspace_id": workspace_id, "event_id": str(uuid.UUID(int=rng.getrandbits(128))),
               "agent_id": f"agent-{i % 20}", "agent_type": "sales", "project_id": None,
               "timestamp": moment, "received_at": moment, "environment": "production",
               "group": "default", "task_id": None if kind == "heartbeat" else f"task-{i // 40}",
               "event_type": "custom" if is_llm or kind == "plan_step" else kind,
               "severity": "info", "payload": payload,
               "payload_kind": kind if is_llm or kind == "plan_step" else None,
               "llm_model": "claude-sonnet-4" if is_llm else None,
               "llm_cost": 0.004 if is_llm else None}


def _insert(conn: Connection, rows: list[dict[str, Any]]) -> None:
    conn.execute(insert(EVENTS), rows)


def fill(database_url: str, count: int) -> None:
    db = Database.from_url(database_url)
    migrate.upgrade(db.engine)
    now = datetime.now(UTC)
    tenant_id = db.write_sync(keys.ensure_tenant, TENANT, now)
    workspace_id = db.read_sync(keys.workspace_for, tenant_id, "live")
    rows = event_rows(workspace_id, count)
    while chunk := list(islice(rows, CHUNK)):
        db.write_sync(_insert, chunk)
    db.dispose()


def _vm(field: str) -> float:
    """A ``/proc/self/status`` figure in MB (VmRSS: now; VmHWM: the peak so far)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def child(database_url: str, out: str, trace: bool) -> None:
    """Run the real CLI export in this (fresh) process and print its figures as JSON."""
    from hiveboard.cli import main

    # Warm-up: the command checks migrations first (alembic imports and allocates a few MB,
    # whatever the export's size); do that once so the figures show the export alone.
    warm = Database.from_url(database_url)
    migrate.upgrade(warm.engine)
    warm.dispose()
    argv = ["export", "--tenant", TENANT, "--database-url", database_url, "-o", out,
            "--no-progress"]
    rss_before, hwm_before = _vm("VmRSS"), _vm("VmHWM")
    if trace:
        tracemalloc.start()
    started = time.perf_counter()
    code = main(argv)
    elapsed = time.perf_counter() - started
    figures = {"code": code, "seconds": elapsed, "rss_before_mb": rss_before,
               "hwm_before_mb": hwm_before, "hwm_after_mb": _vm("VmHWM")}
    if trace:
        figures["traced_peak_mb"] = tracemalloc.get_traced_memory()[1] / 2**20
    print(json.dumps(figures))


def measure(database_url: str, workdir: Path, trace: bool) -> dict[str, Any]:
    out = workdir / "export.ndjson"
    cmd = [sys.executable, __file__, "--child", database_url, "--out", str(out)]
    done = subprocess.run(cmd + (["--trace"] if trace else []), capture_output=True,
                          text=True, check=True)
    figures: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    figures["output_mb"] = out.stat().st_size / 2**20
    out.unlink()
    return figures


def run(kind: str, sizes: Sequence[int], postgres_url: str) -> list[str]:
    lines = ["| db | events | export s | events/s | RSS before MB | peak RSS before → after MB "
             "| tracemalloc peak MB | output MB |", "|---|---|---|---|---|---|---|---|"]
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp, \
                fresh_database(kind, Path(tmp), postgres_url) as url:
            print(f"{kind}: writing {size:,} events …", file=sys.stderr)
            fill(url, size)
            plain = measure(url, Path(tmp), trace=False)
            traced = measure(url, Path(tmp), trace=True)
            lines.append(
                f"| {kind} | {size:,} | {plain['seconds']:.1f} | "
                f"{size / plain['seconds']:,.0f} | {plain['rss_before_mb']:.0f} | "
                f"{plain['hwm_before_mb']:.0f} → {plain['hwm_after_mb']:.0f} | "
                f"{traced['traced_peak_mb']:.2f} | {plain['output_mb']:.0f} |")
            print(lines[-1], file=sys.stderr)
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--events", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--postgres-url", default=DEFAULT_POSTGRES)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    parser.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child, args.out, args.trace)
        return 0
    print("\n".join(run(args.db, args.events, args.postgres_url)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
