#!/usr/bin/env python
"""Read benchmark (issue 3): p50/p95 per query endpoint at 100k and at 1M stored events.

For each database (``--db sqlite|postgres|both``) the tool

1. makes a fresh database (a temp SQLite file, or a PostgreSQL database it creates and drops),
   migrates it and creates a live key;
2. loads realistic hiveloop traffic from ``tools/bench_ingest.py``'s ``LoadGenerator`` (100
   agents, every event type and payload kind) through the store's ingest write path
   (``write_batch``, the function ``/v1/ingest`` commits with, including every rollup) in
   batches of several thousand events -- far faster than HTTP, with identical stored state;
3. at each size (100k, then 1M stored events) measures every read endpoint through the real
   ASGI app (``create_app``, in process, via httpx): a few warm-up requests, then
   ``--samples`` sequential requests each, rotating agents and tasks. The app's clock is set
   one second after the newest event, as for a dashboard watching a live fleet;
4. prints p50/p95 per endpoint against the targets (p95 <= 50 ms for agents, tasks, events,
   timeline and pipeline; <= 150 ms for 24h cost, cost timeseries and metrics; and p95 at
   1M <= 2 x p95 at 100k everywhere), optionally as JSON.

The generator's density is a busy fleet: ~80 events/s, so 100k events span ~20 minutes and
1M ~3.5 hours; every 24h window therefore covers all stored data, the hardest case for the
aggregates. Run ``.venv/bin/python tools/bench_read.py --quick`` for a smoke run.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import orjson
from sqlalchemy import text
from tqdm import tqdm

from hiveboard.app import create_app
from hiveboard.domain.ingest_rules import normalise
from hiveboard.settings import Settings
from hiveboard.store import keys, migrate
from hiveboard.store.database import Database
from hiveboard.store.ingest import BatchWrite, write_batch

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_ingest import (  # a sibling script, not a package
    DEFAULT_POSTGRES,
    LoadGenerator,
    database_size_mb,
    fresh_database,
)

FAST_MS = 50.0
AGGREGATE_MS = 150.0
MAX_RATIO = 2.0
AGENT_BATCH = 100
"""Events per generated envelope (one agent's POST body); small enough that every agent of
the fleet has reported by the first measured size."""
WRITE_BATCH = 50
"""Envelopes per ``write_batch`` call (5,000 events per transaction)."""


@dataclass(frozen=True, slots=True)
class Endpoint:
    name: str
    target_ms: float
    path: Callable[[Fixtures, int], str]


@dataclass(slots=True)
class Fixtures:
    """Ids the rotating requests pick from."""

    agents: list[str]
    tasks: list[str]


ENDPOINTS: tuple[Endpoint, ...] = (
    Endpoint("agents list", FAST_MS, lambda f, i: "/v1/agents"),
    Endpoint("agent detail", FAST_MS, lambda f, i: f"/v1/agents/{f.agents[i % len(f.agents)]}"),
    Endpoint("tasks list", FAST_MS, lambda f, i: "/v1/tasks?limit=50"),
    Endpoint("events page", FAST_MS, lambda f, i: "/v1/events?limit=50"),
    Endpoint("timeline", FAST_MS,
             lambda f, i: f"/v1/tasks/{f.tasks[i % len(f.tasks)]}/timeline"),
    Endpoint("pipeline", FAST_MS,
             lambda f, i: f"/v1/agents/{f.agents[i % len(f.agents)]}/pipeline"),
    Endpoint("24h cost", AGGREGATE_MS, lambda f, i: "/v1/cost"),
    Endpoint("cost timeseries", AGGREGATE_MS, lambda f, i: "/v1/cost/timeseries"),
    Endpoint("metrics 1h", AGGREGATE_MS, lambda f, i: "/v1/metrics"),
    Endpoint("metrics 24h", AGGREGATE_MS, lambda f, i: "/v1/metrics?range=24h"),
    Endpoint("llm-calls", AGGREGATE_MS, lambda f, i: "/v1/llm-calls?limit=50"),
    Endpoint("cost calls", FAST_MS, lambda f, i: "/v1/cost/calls?limit=50"),
    Endpoint("projects list", FAST_MS, lambda f, i: "/v1/projects"),
)


# --------------------------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------------------------

def _row(workspace_id: int, envelope: dict[str, Any], raw: dict[str, Any],
         received_at: datetime, max_payload_bytes: int) -> dict[str, Any]:
    """One event row as ``/v1/ingest`` stores it (the generator's events are all valid)."""
    norm = normalise(raw, payload_bytes=0, max_payload_bytes=max_payload_bytes,
                     may_contain_nul=False)
    get = raw.get
    return {
        "workspace_id": workspace_id, "event_id": raw["event_id"],
        "agent_id": get("agent_id") or envelope["agent_id"],
        "agent_type": envelope.get("agent_type") or "general", "project_id": get("project_id"),
        "timestamp": norm.timestamp, "received_at": received_at,
        "environment": envelope.get("environment") or "production",
        "group": envelope.get("group") or "default", "task_id": get("task_id"),
        "task_type": get("task_type"), "task_run_id": get("task_run_id"),
        "correlation_id": get("correlation_id"), "action_id": get("action_id"),
        "parent_action_id": get("parent_action_id"), "parent_event_id": get("parent_event_id"),
        "event_type": raw["event_type"], "severity": norm.severity, "status": get("status"),
        "duration_ms": get("duration_ms"), "payload": norm.payload,
        "payload_kind": norm.payload_kind, "llm_model": norm.llm.get("llm_model"),
        "llm_cost": norm.llm.get("llm_cost"), "llm_tokens_in": norm.llm.get("llm_tokens_in"),
        "llm_tokens_out": norm.llm.get("llm_tokens_out"),
    }


_META = ("agent_type", "agent_version", "framework", "runtime", "sdk_version", "environment",
         "group")


def load(db: Database, gen: LoadGenerator, workspace_id: int, events: int,
         settings: Settings, *, show_progress: bool, label: str) -> datetime:
    """Store ``events`` more events through ``write_batch``; returns the newest timestamp."""
    newest = datetime(1970, 1, 1, tzinfo=UTC)
    with tqdm(total=events, desc=f"load {label}", unit="ev", unit_scale=True,
              disable=not show_progress, mininterval=0.5 if sys.stderr.isatty() else 15.0,
              file=sys.stderr) as bar:
        batches = gen.batches(events, AGENT_BATCH)
        while True:
            chunk = [orjson.loads(b.body) for _, b in zip(range(WRITE_BATCH), batches,
                                                          strict=False)]
            if not chunk:
                break
            now = datetime.now(UTC)
            rows, meta = [], {}
            for body in chunk:
                env = body["envelope"]
                meta[env["agent_id"]] = {name: env.get(name) for name in _META}
                rows += [_row(workspace_id, env, ev, now, settings.max_payload_bytes)
                         for ev in body["events"]]
            newest = max(newest, *(r["timestamp"] for r in rows))
            db.write_sync(write_batch, BatchWrite(workspace_id=workspace_id, received_at=now,
                                                  auto_create_projects=True, rows=rows,
                                                  agent_metadata=meta))
            bar.update(len(rows))
    return newest


def fixtures(db: Database, workspace_id: int, newest: datetime) -> Fixtures:
    """Every agent, and tasks started in the newest hour (what a user clicks on)."""
    def read(conn: Any) -> Fixtures:
        agents = [r[0] for r in conn.execute(text(
            "SELECT agent_id FROM agents WHERE workspace_id = :w ORDER BY agent_id"),
            {"w": workspace_id})]
        since = int((newest - timedelta(hours=1)).timestamp() * 1000)
        tasks = [r[0] for r in conn.execute(text(
            "SELECT task_id FROM tasks WHERE workspace_id = :w AND started_at >= :s "
            "ORDER BY task_id LIMIT 500"), {"w": workspace_id, "s": since})]
        return Fixtures(agents=agents, tasks=tasks)
    return db.read_sync(read)


def analyse(db: Database) -> None:
    """Settle the database after a bulk load, as a deployment's background work does before
    anyone reads. PostgreSQL: what autovacuum does (PostgreSQL 13+ vacuums insert-only tables
    too): refresh planner statistics (a freshly loaded table keeps its empty-table estimates
    until then) and the visibility map (without it every index-only scan still reads the
    table); done here because a server may run with autovacuum off, as this machine's does.
    SQLite is left without statistics, as the store's queries are written for."""
    if db.engine.dialect.name == "postgresql":
        with db.engine.connect() as conn:
            conn.execution_options(isolation_level="AUTOCOMMIT").execute(
                text("VACUUM (ANALYZE)"))
    else:  # fold the load's WAL into the database, as a running server's checkpoints do
        with db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    # The load leaves up to a gigabyte of dirty pages that the kernel writes back over the
    # next tens of seconds; timed reads would otherwise measure that writeback.
    os.sync()


def counts(db: Database) -> dict[str, int]:
    def read(conn: Any) -> dict[str, int]:
        return {name: int(conn.execute(text(f"SELECT count(*) FROM {name}")).scalar_one())  # noqa: S608
                for name in ("events", "tasks", "agents", "llm_usage_hourly")}
    return db.read_sync(read)


# --------------------------------------------------------------------------------------------
# Measuring
# --------------------------------------------------------------------------------------------

@dataclass
class Timing:
    samples_ms: list[float] = field(default_factory=list)

    def pct(self, p: int) -> float:
        ordered = sorted(self.samples_ms)
        if len(ordered) == 1:
            return ordered[0]
        return statistics.quantiles(ordered, n=100, method="inclusive")[p - 1]


async def measure(db: Database, settings: Settings, api_key: str, clock_at: datetime,
                  fx: Fixtures, samples: int, warmup: int) -> dict[str, Timing]:
    app: Any = create_app(settings, database=db, clock=lambda: clock_at)
    headers = {"Authorization": f"Bearer {api_key}"}
    out: dict[str, Timing] = {}
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
        for ep in ENDPOINTS:
            timing = out[ep.name] = Timing()
            for i in range(warmup + samples):
                path = ep.path(fx, i)
                started = time.perf_counter()
                resp = await client.get(path, headers=headers)
                elapsed = (time.perf_counter() - started) * 1000
                if resp.status_code != 200:
                    raise SystemExit(f"{path}: {resp.status_code} {resp.text[:500]}")
                if i >= warmup:
                    timing.samples_ms.append(elapsed)
    return out


# --------------------------------------------------------------------------------------------
# One database
# --------------------------------------------------------------------------------------------

@dataclass
class SizeResult:
    events: int
    counts: dict[str, int]
    timings: dict[str, Timing]
    load_s: float


@dataclass
class DbResult:
    kind: str
    sizes: list[SizeResult]
    size_mb: float


def human(n: int) -> str:
    return f"{n // 1_000_000}M" if n >= 1_000_000 and n % 1_000_000 == 0 else (
        f"{n // 1000}k" if n % 1000 == 0 else str(n))


def run_database(kind: str, args: argparse.Namespace, sizes: Sequence[int]) -> DbResult:
    with tempfile.TemporaryDirectory(prefix="hb-bench-read-") as tmp, \
            fresh_database(kind, Path(tmp), args.postgres_url) as url:
        # Sequential requests from one key far exceed the default 30/s query limit.
        settings = Settings(database_url=url, auto_migrate=False,
                            rate_limit_query_per_second=1_000_000)
        db = Database.from_url(url, sqlite_cache_mb=settings.sqlite_cache_mb)
        try:
            migrate.upgrade(db.engine)
            epoch = datetime(2026, 1, 1, tzinfo=UTC)
            tenant = db.write_sync(keys.ensure_tenant, "bench", epoch)
            api_key = db.write_sync(keys.create_key, tenant, "live", None, epoch)
            workspace_id = db.read_sync(keys.workspace_for, tenant, "live")
            start = int(time.time() * 1000) - 6 * 3600_000
            gen = LoadGenerator(agents=args.agents, seed=args.seed, start_ms=start)
            results, stored = [], 0
            for size in sizes:
                began = time.perf_counter()
                newest = load(db, gen, workspace_id, size - stored, settings,
                              show_progress=not args.no_progress, label=f"{kind} {human(size)}")
                stored = size
                load_s = time.perf_counter() - began
                analyse(db)
                fx = fixtures(db, workspace_id, newest)
                timings = asyncio.run(measure(db, settings, api_key,
                                              newest + timedelta(seconds=1), fx,
                                              args.samples, args.warmup))
                results.append(SizeResult(size, counts(db), timings, load_s))
                print(f"[{kind}] {human(size)} stored (load {load_s:.0f}s): "
                      + ", ".join(f"{k} {v}" for k, v in results[-1].counts.items()),
                      file=sys.stderr)
            return DbResult(kind, results, database_size_mb(url))
        finally:
            db.dispose()


# --------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------

def rows_of(result: DbResult) -> Iterator[dict[str, Any]]:
    small, large = result.sizes[0], result.sizes[-1]
    for ep in ENDPOINTS:
        a, b = small.timings[ep.name], large.timings[ep.name]
        ratio = b.pct(95) / a.pct(95) if a.pct(95) > 0 else float("inf")
        ok = b.pct(95) <= ep.target_ms and a.pct(95) <= ep.target_ms and ratio <= MAX_RATIO
        yield {"endpoint": ep.name, "target_p95_ms": ep.target_ms,
               "small": {"p50": a.pct(50), "p95": a.pct(95)},
               "large": {"p50": b.pct(50), "p95": b.pct(95)}, "ratio": ratio, "ok": ok}


def render(results: Sequence[DbResult]) -> str:
    lines = []
    for result in results:
        small, large = human(result.sizes[0].events), human(result.sizes[-1].events)
        lines.append(f"\n{result.kind}: {result.sizes[-1].counts} ({result.size_mb:.0f} MB)")
        lines.append(f"| endpoint | target p95 | p50 @{small} | p95 @{small} | p50 @{large} "
                     f"| p95 @{large} | p95 ratio | met |")
        lines.append("|---|---:|---:|---:|---:|---:|---:|:-:|")
        for row in rows_of(result):
            lines.append(
                f"| {row['endpoint']} | {row['target_p95_ms']:.0f} ms "
                f"| {row['small']['p50']:.1f} | {row['small']['p95']:.1f} "
                f"| {row['large']['p50']:.1f} | {row['large']['p95']:.1f} "
                f"| {row['ratio']:.2f} | {'yes' if row['ok'] else 'NO'} |")
    return "\n".join(lines)


def to_json(results: Sequence[DbResult]) -> list[dict[str, Any]]:
    return [{"db": r.kind, "size_mb": r.size_mb,
             "sizes": [{"events": s.events, "counts": s.counts, "load_s": s.load_s}
                       for s in r.sizes],
             "endpoints": list(rows_of(r))} for r in results]


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    p.add_argument("--db", choices=("sqlite", "postgres", "both"), default="sqlite")
    p.add_argument("--quick", action="store_true",
                   help="10k and 50k events, 15 samples: a smoke run of a few seconds")
    p.add_argument("--samples", type=int, help="measured requests per endpoint (default 60)")
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--agents", type=int, default=100)
    p.add_argument("--seed", type=int, default=5)
    p.add_argument("--postgres-url", default=DEFAULT_POSTGRES)
    p.add_argument("--json", type=Path, metavar="PATH", help="also write the figures as JSON")
    p.add_argument("--no-progress", action="store_true", help="no progress bars")
    args = p.parse_args(argv)
    if args.samples is None:
        args.samples = 15 if args.quick else 60
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    sizes = (10_000, 50_000) if args.quick else (100_000, 1_000_000)
    kinds = ("sqlite", "postgres") if args.db == "both" else (args.db,)
    results = [run_database(kind, args, sizes) for kind in kinds]
    print(render(results))
    if args.json:
        args.json.write_text(orjson.dumps(to_json(results), option=orjson.OPT_INDENT_2).decode())
    return 0 if all(row["ok"] for r in results for row in rows_of(r)) else 1


if __name__ == "__main__":
    raise SystemExit(main())
