#!/usr/bin/env python
"""Alert benchmark (issue 5): ingest throughput with 100 enabled alert rules versus none.

For each database (``--db sqlite|postgres|both``) and each of ``--repeats`` rounds, the tool
runs two servers one after the other on fresh databases with the same seeded load
(``tools/bench_ingest.py``'s hiveloop-like batches, timestamped around now so the rules'
windows see them):

* ``no rules`` -- the baseline;
* ``100 rules`` -- 100 enabled rules of the six condition types (task failures, error rates,
  durations, LLM cost per agent/project/workspace, stuck agents, lost heartbeats; with and
  without filters and projects), each with a webhook to a local receiver, so firings,
  deliveries and the periodic pass all run while ingest is measured.

Each server is ``hiveboard serve`` (one uvicorn worker, default settings) as a subprocess; the
load is POSTed over ``--concurrency`` keep-alive connections after a warm-up. The tool prints
events/s of both (median of the rounds), the drop, how many alerts fired and were delivered,
and exits non-zero when the drop is above ``--max-drop`` (10 %).

    .venv/bin/python tools/bench_alerts.py                # SQLite, 3 rounds of 60k events
    .venv/bin/python tools/bench_alerts.py --db both --quick
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
from bench_ingest import (
    DEFAULT_POSTGRES,
    BenchFailure,
    LoadGenerator,
    Server,
    create_key,
    free_port,
    fresh_database,
    pregenerate,
    process_cpu_seconds,
    send_batches,
)

RULES = 100
MAX_DROP = 0.10


def rule_bodies(hook: str, agent_ids: Sequence[str], projects: Sequence[str], *,
                storm: bool = False) -> list[dict[str, Any]]:
    """100 rules of the six types, cycling through thresholds, windows and filters.

    By default thresholds and cooldowns are everyday ones: stuck after 5 or 15 minutes, tasks
    slower than 30 s to 5 min, cooldowns of 5-15 minutes. ``storm`` alerts on every task over
    1 s and on 1-minute silences with 1-minute cooldowns: several hundred alerts (and webhooks)
    fire within seconds, which measures delivery under an alert storm more than evaluation."""
    stuck = (60, 300) if storm else (300, 900)
    # The synthetic tasks last about 13 s: storm thresholds catch every one of them.
    slow_ms = (1000, 10_000, 60_000) if storm else (30_000, 60_000, 300_000)
    cooldowns = (60, 300, 900) if storm else (300, 600, 900)
    conditions: list[tuple[dict[str, Any], dict[str, Any]]] = []
    for i in range(17):
        conditions.append(({"type": "task_failed", "count": (1, 5, 20, 100)[i % 4],
                            "window_seconds": (300, 3600)[i % 2]}, {}))
        conditions.append(({"type": "error_rate", "threshold_percent": (5, 20, 50)[i % 3],
                            "window_seconds": (600, 3600)[i % 2]}, {}))
        conditions.append(({"type": "duration_exceeded",
                            "threshold_ms": slow_ms[i % 3]}, {}))
        scope = ("tenant", "agent", "project")[i % 3]
        cost: dict[str, Any] = {"type": "cost_threshold", "threshold_usd": (0.5, 5, 50)[i % 3],
                                "window_hours": (1, 24)[i % 2], "scope": scope}
        extra: dict[str, Any] = {}
        if scope == "agent":
            cost["agent_id"] = agent_ids[i % len(agent_ids)]
        if scope == "project":
            extra["project_id"] = projects[i % len(projects)]
        conditions.append((cost, extra))
        conditions.append(({"type": "agent_stuck", "threshold_seconds": stuck[i % 2]}, {}))
        conditions.append(({"type": "heartbeat_lost",
                            "agent_id": agent_ids[(i * 7) % len(agent_ids)]}, {}))
    bodies = []
    for i, (condition, extra) in enumerate(conditions[:RULES]):
        filters: dict[str, Any] = {}
        if i % 5 == 1:
            filters["environment"] = "production"
        if i % 7 == 2:
            filters["agent_id"] = agent_ids[i % len(agent_ids)]
        if i % 11 == 3 and "project_id" not in extra:
            extra = {**extra, "project_id": projects[i % len(projects)]}
        bodies.append({"name": f"bench rule {i}", "condition": condition, "filters": filters,
                       "actions": [{"type": "webhook", "url": hook}],
                       "cooldown_seconds": cooldowns[i % 3], **extra})
    return bodies


@contextmanager
def receiver() -> Iterator[tuple[str, list[int]]]:
    """A local webhook endpoint answering 200; yields its URL and a hit counter."""
    hits = [0]
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as real webhook endpoints do

        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length", "0")))
            with lock:
                hits[0] += 1
            self.send_response(204)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            return

    class Quiet(ThreadingHTTPServer):
        request_queue_size = 128
        daemon_threads = True

    port = free_port()
    server = Quiet(("127.0.0.1", port), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}/hook", hits
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class Run:
    label: str
    events: int
    seconds: float
    cpu_seconds: float
    fired: int = 0
    delivered: int = 0

    @property
    def events_per_s(self) -> float:
        return self.events / self.seconds if self.seconds else 0.0


def _request(http: httpx.Client, method: str, path: str, **kwargs: Any) -> httpx.Response:
    """One API call, waiting out the per-key rate limit (30 requests/s off the ingest path)."""
    while True:
        resp = http.request(method, path, **kwargs)
        if resp.status_code != 429:
            return resp
        time.sleep(float(resp.headers.get("Retry-After", "1")))


def _create_rules(url: str, key: str, hook: str, gen: LoadGenerator, storm: bool) -> None:
    agent_ids = [a.agent_id for a in gen.agents]
    projects = sorted({p for a in gen.agents for p in a.projects})
    with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {key}"},
                      timeout=30) as http:
        for slug in projects:  # project-scoped rules need the projects to exist
            _request(http, "POST", "/v1/projects", json={"name": slug, "slug": slug})
        for body in rule_bodies(hook, agent_ids, projects, storm=storm):
            resp = _request(http, "POST", "/v1/alerts/rules", json=body)
            if resp.status_code != 201:
                raise BenchFailure(f"rule creation failed: {resp.status_code} {resp.text}")


def _history_size(url: str, key: str) -> int:
    total, cursor = 0, None
    with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {key}"},
                      timeout=30) as http:
        while True:
            params: dict[str, Any] = {"limit": 200, **({"cursor": cursor} if cursor else {})}
            page = _request(http, "GET", "/v1/alerts/history", params=params).json()
            total += len(page["data"])
            cursor = page["pagination"]["cursor"]
            if not page["pagination"]["has_more"]:
                return total


def run_once(kind: str, with_rules: bool, args: argparse.Namespace) -> Run:
    label = f"{RULES} rules" if with_rules else "no rules"
    with tempfile.TemporaryDirectory(prefix=f"hb-bench-alerts-{kind}-") as tmp, \
            fresh_database(kind, Path(tmp), args.postgres_url) as db_url, \
            receiver() as (hook, hits):
        key = create_key(db_url)
        # Timestamps start at the server's now, as a live fleet's do: the rule windows see
        # every event, and no agent looks stuck merely because the load began in the past.
        gen = LoadGenerator(agents=100, seed=args.seed,
                            start_ms=int(time.time() * 1000))
        with Server(db_url, Path(tmp)) as server:
            if with_rules:
                _create_rules(server.url, key, hook, gen, args.storm)
            warm = list(gen.batches(args.warmup_events, 500))
            send_batches(server.url, key, warm, name="warm-up", concurrency=args.concurrency)
            bodies = pregenerate(gen, args.events, 500, show_progress=False, label=label)
            cpu = process_cpu_seconds(server.pid)
            result = send_batches(server.url, key, bodies, name=label,
                                  concurrency=args.concurrency)
            cpu = process_cpu_seconds(server.pid) - cpu
            run = Run(label=label, events=result.events, seconds=result.seconds,
                      cpu_seconds=cpu)
            if with_rules:
                time.sleep(3)  # let the last passes and deliveries finish before counting
                run.fired = _history_size(server.url, key)
                run.delivered = hits[0]
    print(f"  [{kind}] {label:9}: {run.events:,} events in {run.seconds:.2f}s = "
          f"{run.events_per_s:,.0f} ev/s, server CPU {run.cpu_seconds:.1f}s"
          + (f", {run.fired} alerts fired, {run.delivered} webhooks delivered"
             if with_rules else ""), flush=True)
    return run


def run_database(kind: str, args: argparse.Namespace) -> bool:
    print(f"[{kind}] {args.repeats} rounds of {args.events:,} events "
          f"(after {args.warmup_events:,} warm-up), {args.concurrency} connections", flush=True)
    base: list[Run] = []
    rules: list[Run] = []
    for _ in range(args.repeats):  # interleaved, so drift in the machine hits both alike
        base.append(run_once(kind, False, args))
        rules.append(run_once(kind, True, args))
    without = statistics.median(r.events_per_s for r in base)
    with_rules = statistics.median(r.events_per_s for r in rules)
    drop = 1 - with_rules / without if without else 0.0
    ok = bool(drop <= args.max_drop)
    print(f"[{kind}] ingest without rules: {without:,.0f} ev/s (median)")
    print(f"[{kind}] ingest with {RULES} rules: {with_rules:,.0f} ev/s (median)")
    print(f"[{kind}] drop: {100 * drop:.1f}% (limit {100 * args.max_drop:.0f}%) -> "
          f"{'OK' if ok else 'TOO SLOW'}; alerts fired per round: "
          f"{[r.fired for r in rules]}, webhooks delivered: {[r.delivered for r in rules]}",
          flush=True)
    if not any(r.fired for r in rules):
        print(f"[{kind}] no alert fired: the rules were not exercised", file=sys.stderr)
        return False
    return ok


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=("sqlite", "postgres", "both"), default="sqlite")
    parser.add_argument("--events", type=int, default=60_000, help="measured events per run")
    parser.add_argument("--warmup-events", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--max-drop", type=float, default=MAX_DROP)
    parser.add_argument("--postgres-url", default=DEFAULT_POSTGRES)
    parser.add_argument("--storm", action="store_true",
                        help="rules that fire hundreds of alerts at once (see rule_bodies)")
    parser.add_argument("--quick", action="store_true",
                        help="one round of 20k events (a smoke run, noisy)")
    args = parser.parse_args(argv)
    if args.quick:
        args.events, args.warmup_events, args.repeats = 20_000, 5_000, 1
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    kinds = ("sqlite", "postgres") if args.db == "both" else (args.db,)
    results = [run_database(kind, args) for kind in kinds]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
