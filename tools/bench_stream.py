#!/usr/bin/env python
"""Live-stream benchmark (issue 4): subscribers on a real server while ingest runs at a paced
rate.

One ``hiveboard serve`` worker (the production uvicorn options) on a fresh database, fed with
hiveloop-like 500-event batches (tools/bench_ingest.py's generator: ~100 agents, every event
type) at ``--rate`` events/s. Phases:

1. ``warm-up``: ingest alone, so both measured baselines see a database of similar size;
2. ``baseline``: ingest alone -- request latency and achieved rate;
3. ``subscribed``: the same load while ``--subscribers`` WebSocket clients (a separate process,
   so their CPU is not the ingest generator's) each watch the ``events`` channel of one agent
   (two clients per agent; the default ``min_severity`` ``info`` leaves heartbeats out).
   Reported: latency from the ingest *response* to the frame's receipt (CLOCK_MONOTONIC is
   system-wide, so the two processes' clocks agree; negative = the frame beat the response),
   frames/s delivered, frames lost;
4. ``baseline again``: ingest alone; the slowdown compares phase 3 with the mean of 2 and 4;
5. ``idle``: ``--idle`` connections that subscribe and then stay silent; server RSS growth per
   connection.

Targets: p99 <= 100 ms, ingest slowdown <= 10 %, <= 50 KB per idle connection. The machine is
2 cores shared by the server, the load generator and the subscribers: read the figures with
that in mind (``--rate 2000`` shows the stream's own cost without saturating the CPU).

    .venv/bin/python tools/bench_stream.py                      # full run, ~2 minutes
    .venv/bin/python tools/bench_stream.py --seconds 5 --idle 200   # smoke run
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson
from bench_ingest import LoadGenerator, Server, create_key, fresh_database, process_cpu_seconds

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_POSTGRES = "postgresql://root@127.0.0.1:5432/"
TARGET_P99_MS = 100.0
TARGET_SLOWDOWN = 0.10
TARGET_IDLE_KB = 50.0


def percentile(values: Sequence[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q / 100 * len(ordered)))]


# --------------------------------------------------------------------------------------------
# Paced ingest
# --------------------------------------------------------------------------------------------

@dataclass
class PreparedBatch:
    body: bytes
    events: int
    event_ids: list[str]
    agent_id: str
    visible: int
    """Events a subscriber of this agent receives (severity info and above)."""


@dataclass
class PhaseResult:
    name: str
    events: int = 0
    seconds: float = 0.0
    latencies_ms: list[float] = field(default_factory=list)
    responded: dict[str, float] = field(default_factory=dict)
    """event_id -> CLOCK_MONOTONIC when its batch's response arrived."""
    server_cpu_s: float = 0.0
    expected_frames: int = 0

    @property
    def rate(self) -> float:
        return self.events / self.seconds if self.seconds else 0.0


def prepare(gen: LoadGenerator, events: int, size: int) -> list[PreparedBatch]:
    out = []
    for batch in gen.batches(events, size):
        doc = orjson.loads(batch.body)
        ids = [e["event_id"] for e in doc["events"]]
        visible = sum(e.get("severity", "info") != "debug" and e["event_type"] != "heartbeat"
                      for e in doc["events"])
        out.append(PreparedBatch(batch.body, batch.events, ids, doc["envelope"]["agent_id"],
                                 visible))
    return out


def paced_ingest(server: Server, key: str, batches: list[PreparedBatch], rate: float, name: str,
                 *, connections: int = 4, watchers: dict[str, int] | None = None) -> PhaseResult:
    """Send batch i at ``i * size / rate`` seconds (or as soon as a connection is free)."""
    result = PhaseResult(name)
    headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}
    lock = threading.Lock()
    cursor = iter(enumerate(batches))
    errors: list[str] = []
    began = time.monotonic()
    cpu_before = process_cpu_seconds(server.pid)

    def worker() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=120)
        try:
            while not errors:
                with lock:
                    item = next(cursor, None)
                if item is None:
                    return
                index, batch = item
                due = began + index * batch.events / rate
                if (wait := due - time.monotonic()) > 0:
                    time.sleep(wait)
                sent = time.monotonic()
                conn.request("POST", "/v1/ingest", body=batch.body, headers=headers)
                response = conn.getresponse()
                body = response.read()
                done = time.monotonic()
                if response.status != 200 or orjson.loads(body)["accepted"] != batch.events:
                    errors.append(f"HTTP {response.status}: {body[:300]!r}")
                    return
                with lock:
                    result.latencies_ms.append((done - sent) * 1000)
                    result.events += batch.events
                    if watchers is not None:
                        result.responded.update(dict.fromkeys(batch.event_ids, done))
                        result.expected_frames += batch.visible * watchers.get(batch.agent_id, 0)
        except Exception as exc:  # a broken connection spoils the phase
            errors.append(f"{type(exc).__name__}: {exc}")
        finally:
            conn.close()

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.seconds = time.monotonic() - began
    result.server_cpu_s = process_cpu_seconds(server.pid) - cpu_before
    if errors:
        raise SystemExit(f"phase {name} failed: {errors[0]}")
    return result


# --------------------------------------------------------------------------------------------
# Subscribers (a child process: ``--subscriber-mode``)
# --------------------------------------------------------------------------------------------

async def _subscriber_main(url: str, agents: list[str], count: int, out: Path) -> None:
    from websockets.asyncio.client import connect

    received: list[tuple[str, float]] = []
    other = 0

    async def client(agent: str) -> Any:
        ws = await connect(url, proxy=None, compression=None, max_size=None,
                           open_timeout=60, ping_interval=None)
        await ws.recv()  # connected
        await ws.send(orjson.dumps({"action": "subscribe", "channels": ["events"],
                                    "filters": {"agent_id": agent}}).decode())
        await ws.recv()  # subscribed
        return ws

    async def read(ws: Any) -> None:
        nonlocal other
        async for text in ws:
            now = time.monotonic()
            frame = orjson.loads(text)
            if frame["type"] == "event.new":
                received.append((frame["data"]["event_id"], now))
            else:
                other += 1

    sockets = []
    for start in range(0, count, 50):  # open in waves: the server is also ingesting
        sockets += await asyncio.gather(*(client(agents[i % len(agents)])
                                          for i in range(start, min(count, start + 50))))
    readers = [asyncio.create_task(read(ws)) for ws in sockets]
    print("READY", flush=True)
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, sys.stdin.readline)  # the parent says when to stop
    await asyncio.sleep(1.0)  # frames still in flight
    for ws in sockets:
        await ws.close()
    for task in readers:
        task.cancel()
    await loop.run_in_executor(None, out.write_bytes,
                               orjson.dumps({"received": received, "other": other}))
    print("DONE", flush=True)


class Subscribers:
    """The child process of ``count`` WebSocket clients."""

    def __init__(self, server: Server, key: str, agents: list[str], count: int,
                 workdir: Path) -> None:
        self.out = workdir / f"frames-{count}-{time.monotonic_ns()}.json"
        url = server.url.replace("http://", "ws://") + f"/v1/stream?token={key}"
        self.proc = subprocess.Popen(
            [sys.executable, __file__, "--subscriber-mode", url, str(count), str(self.out),
             *agents], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline().strip()
        if line != "READY":
            self.proc.kill()
            raise SystemExit(f"subscribers did not start: {line!r}")

    def stop(self) -> dict[str, Any]:
        assert self.proc.stdin is not None
        assert self.proc.stdout is not None
        self.proc.stdin.write("STOP\n")
        self.proc.stdin.flush()
        self.proc.stdout.readline()
        self.proc.wait(timeout=60)
        result: dict[str, Any] = orjson.loads(self.out.read_bytes())
        return result


def server_rss_kb(server: Server) -> int:
    for line in Path(f"/proc/{server.pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise SystemExit("no VmRSS")


# --------------------------------------------------------------------------------------------
# The run
# --------------------------------------------------------------------------------------------

def run(args: argparse.Namespace) -> int:
    limit = 10 * (args.idle + args.subscribers)
    os.environ["HIVEBOARD_STREAM_MAX_CONNECTIONS_PER_KEY"] = str(limit)
    os.environ["HIVEBOARD_STREAM_SEND_QUEUE_SIZE"] = "5000"
    events_per_phase = int(args.rate * args.seconds)
    gen = LoadGenerator(agents=100, seed=4)
    agents = [agent.agent_id for agent in gen.agents]
    print(f"preparing {4 * events_per_phase:,} events ...", file=sys.stderr)
    phases = {name: prepare(gen, events_per_phase, args.batch)
              for name in ("warm-up", "baseline", "subscribed", "baseline again")}
    with tempfile.TemporaryDirectory(prefix="hb-stream-bench-") as tmp, \
            fresh_database(args.db, Path(tmp), args.postgres_url) as url:
        workdir = Path(tmp)
        key = create_key(url)
        with Server(url, workdir) as server:
            def phase(name: str, watchers: dict[str, int] | None = None) -> PhaseResult:
                print(f"phase {name} ...", file=sys.stderr)
                return paced_ingest(server, key, phases[name], args.rate, name,
                                    watchers=watchers)

            # Idle connections first, on a quiet server: RSS also moves as ingest allocates
            # and frees, which would swamp a few KB per connection.
            Subscribers(server, key, ["nobody"], 50, workdir).stop()  # warm the code paths
            time.sleep(1)
            rss_before = server_rss_kb(server)
            idle = Subscribers(server, key, ["nobody"], args.idle, workdir)
            time.sleep(3)
            rss_after = server_rss_kb(server)
            idle.stop()
            phase("warm-up")
            base1 = phase("baseline")
            subs = Subscribers(server, key, agents, args.subscribers, workdir)
            watchers = Counter(agents[i % len(agents)] for i in range(args.subscribers))
            loaded = phase("subscribed", watchers=dict(watchers))
            frames = subs.stop()
            base2 = phase("baseline again")
    report(args, base1, loaded, base2, frames, (rss_after - rss_before) / args.idle)
    return 0


def report(args: argparse.Namespace, base1: PhaseResult, loaded: PhaseResult,
           base2: PhaseResult, frames: dict[str, Any], idle_kb: float) -> None:
    latencies = [(t - loaded.responded[e]) * 1000 for e, t in frames["received"]
                 if e in loaded.responded]
    expected = loaded.expected_frames
    base_p50 = statistics.mean([percentile(base1.latencies_ms, 50),
                                percentile(base2.latencies_ms, 50)])
    base_p99 = statistics.mean([percentile(base1.latencies_ms, 99),
                                percentile(base2.latencies_ms, 99)])
    base_mean = statistics.mean([statistics.mean(base1.latencies_ms),
                                 statistics.mean(base2.latencies_ms)])
    slowdown = statistics.mean(loaded.latencies_ms) / base_mean - 1
    p99 = percentile(latencies, 99)
    rows = [
        ("ingest rate, baseline (ev/s)", f"{base1.rate:,.0f} / {base2.rate:,.0f}"),
        ("ingest rate, subscribed (ev/s)", f"{loaded.rate:,.0f}"),
        ("ingest request p50 ms, baseline -> subscribed",
         f"{base_p50:.1f} -> {percentile(loaded.latencies_ms, 50):.1f}"),
        ("ingest request p99 ms, baseline -> subscribed",
         f"{base_p99:.1f} -> {percentile(loaded.latencies_ms, 99):.1f}"),
        ("ingest slowdown (mean request latency)", f"{slowdown:+.1%}"),
        ("server CPU s per 1k events, baseline -> subscribed",
         f"{1000 * base1.server_cpu_s / base1.events:.3f} -> "
         f"{1000 * loaded.server_cpu_s / loaded.events:.3f}"),
        ("frames delivered (event.new)", f"{len(frames['received']):,}"),
        ("frames/s delivered", f"{len(frames['received']) / loaded.seconds:,.0f}"),
        ("latency ingest response -> frame p50 ms", f"{percentile(latencies, 50):.1f}"),
        ("latency ingest response -> frame p99 ms", f"{p99:.1f}"),
        ("latency max ms", f"{max(latencies, default=float('nan')):.1f}"),
        ("server RSS per idle connection (KB)", f"{idle_kb:.1f}"),
    ]
    print(f"\nstream benchmark: {args.subscribers} subscribers, {args.rate:,} events/s, "
          f"{args.seconds}s per phase, batches of {args.batch}, db {args.db}, "
          f"{args.idle} idle connections; load average {os.getloadavg()[0]:.1f}")
    width = max(len(r[0]) for r in rows)
    for label, value in rows:
        print(f"  {label:<{width}}  {value}")
    print(f"  frames expected {expected:,}, received {len(frames['received']):,}, "
          f"other frames {frames['other']}")
    verdicts = [("p99 <= 100 ms", p99 <= TARGET_P99_MS),
                ("ingest slowdown <= 10 %", slowdown <= TARGET_SLOWDOWN),
                ("<= 50 KB per idle connection", idle_kb <= TARGET_IDLE_KB)]
    print("targets: " + ", ".join(f"{name}: {'met' if ok else 'MISSED'}"
                                  for name, ok in verdicts))


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=200)
    parser.add_argument("--rate", type=int, default=10_000, help="events per second")
    parser.add_argument("--seconds", type=float, default=15.0, help="length of each phase")
    parser.add_argument("--batch", type=int, default=500, help="events per ingest request")
    parser.add_argument("--idle", type=int, default=1000, help="idle connections for memory")
    parser.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--postgres-url", default=DEFAULT_POSTGRES)
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--subscriber-mode"]:
        url, count, out, *agents = argv[1:]
        asyncio.run(_subscriber_main(url, agents, int(count), Path(out)))
        return 0
    return run(parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
