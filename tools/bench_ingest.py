#!/usr/bin/env python
"""Ingest benchmark (issue 2): the real server, a real socket, realistic hiveloop batches.

For each database (``--db sqlite|postgres|both``) the tool

1. makes a fresh database (a temp SQLite file, or a PostgreSQL database it creates and drops),
   creates an API key with ``hiveboard keys create`` and starts ``hiveboard serve`` (one uvicorn
   worker, ``--log-level warning``) as a subprocess on a free port;
2. pre-generates mixed 500-event batches like hiveloop sends them (one envelope per agent,
   ~100 agents, tasks of ~10 events, heartbeats, LLM calls, plans, queue snapshots, todos,
   issues, approvals, escalations; UUID4 ids, millisecond ``Z`` timestamps) and POSTs them to
   ``/v1/ingest`` from several keep-alive connections in parallel;
3. measures phase ``empty`` (the first ``--measure-events``), preloads through the same API up
   to ``--events-at-scale`` stored events, measures phase ``at scale`` again, and reports
   events/s, p50/p95/p99 request latency, the at-scale/empty ratio, the server's RSS and the
   database size;
4. verifies that the database holds exactly the events sent (every response must be a 200
   that accepted the whole batch with no duplicates) and exits non-zero if not.

Run ``.venv/bin/python tools/bench_ingest.py --quick --db sqlite`` for a smoke run.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import http.client
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import create_engine, text
from tqdm import tqdm

from hiveboard.store.database import normalise_url

ROOT = Path(__file__).resolve().parents[1]
HIVEBOARD = ROOT / ".venv" / "bin" / "hiveboard"
DEFAULT_POSTGRES = "postgresql://root@127.0.0.1:5432/"
TARGET_EVENTS_PER_S = 25_000
TARGET_RATIO = 0.8


class BenchFailure(Exception):
    """The benchmark saw an error or lost events: the figures cannot be trusted."""


# --------------------------------------------------------------------------------------------
# Load generation: what a fleet of hiveloop agents sends
# --------------------------------------------------------------------------------------------

AGENT_KINDS = (
    ("sales", ("score_lead", "enrich_lead", "route_lead", "draft_email")),
    ("support", ("classify_ticket", "search_kb", "draft_reply", "escalate_check")),
    ("research", ("search_web", "fetch_page", "summarise", "cite_sources")),
    ("ops", ("check_health", "scale_service", "rotate_logs", "open_incident")),
)
MODELS = (
    ("claude-sonnet-4-20250514", 3e-6, 15e-6),
    ("gpt-4o", 2.5e-6, 10e-6),
    ("gpt-4o-mini", 0.15e-6, 0.6e-6),
    ("claude-haiku-4-5", 1e-6, 5e-6),
)
PROMPTS = (
    "Analyze the following lead data and determine whether it fits the ideal customer profile",
    "Summarise the customer's last three messages and propose a next step for the agent",
    "Given the search results below, extract the facts relevant to the user's question",
    "Classify this incoming request by urgency and route it to the right queue",
)
RESPONSES = (
    "Based on the lead's engagement history, I recommend prioritising a follow-up call",
    "The customer is asking for a refund on order 4821; policy allows it within 30 days",
    "Three sources agree that the release shipped in March; one dates it to April",
    "Urgency: high. Route to the on-call queue and notify the owner of the service",
)
SDK_VERSION = "hiveloop-0.1.2"


def iso_ms(epoch_ms: int) -> str:
    """RFC 3339 with milliseconds and ``Z``, exactly as hiveloop formats ``timestamp``."""
    seconds, millis = divmod(epoch_ms, 1000)
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%S") + f".{millis:03d}Z"


@dataclass(slots=True)
class Batch:
    body: bytes
    events: int


@dataclass
class AgentSim:
    agent_id: str
    envelope: dict[str, Any]
    projects: list[str]
    task_type: str
    actions: Sequence[str]
    clock_ms: int
    registered: bool = False
    tasks_started: int = 0
    todos: int = 0
    pending: deque[dict[str, Any]] = field(default_factory=deque)


class LoadGenerator:
    """A seeded fleet of agents; each call to :meth:`batch` is one agent's next POST body."""

    def __init__(self, *, agents: int = 100, seed: int = 2, projects: int = 12,
                 start_ms: int | None = None) -> None:
        self.rng = random.Random(seed)
        self.tag = f"{self.rng.getrandbits(24):06x}"  # task ids differ between seeds
        start = start_ms if start_ms is not None else int(time.time() * 1000) - 12 * 3600_000
        slugs = [f"project-{i:02d}" for i in range(projects)]
        self.agents: list[AgentSim] = []
        for i in range(agents):
            kind, actions = AGENT_KINDS[i % len(AGENT_KINDS)]
            agent_id = f"{kind}-agent-{i:03d}"
            self.agents.append(AgentSim(
                agent_id=agent_id,
                envelope={
                    "agent_id": agent_id,
                    "agent_type": kind,
                    "agent_version": None if i % 3 == 0 else f"1.{i % 5}.0",
                    "framework": "custom" if i % 2 else "langgraph",
                    "runtime": "python-3.11.9",
                    "sdk_version": SDK_VERSION,
                    "environment": "production" if i % 10 else "staging",
                    "group": f"{kind}-team",
                },
                projects=self.rng.sample(slugs, k=1 + i % 2),
                task_type=f"{kind}_task",
                actions=actions,
                clock_ms=start + self.rng.randrange(60_000),
            ))
        self.mix: Counter[str] = Counter()

    # one batch -------------------------------------------------------------------------------
    def batch(self, size: int) -> Batch:
        agent = self.rng.choice(self.agents)
        events = [self._next_event(agent) for _ in range(size)]
        body = orjson.dumps({"envelope": agent.envelope, "events": events})
        return Batch(body=body, events=size)

    def batches(self, total_events: int, batch_size: int) -> Iterator[Batch]:
        """Lazily yield batches until ``total_events`` are covered (the last may be smaller)."""
        left = total_events
        while left > 0:
            size = min(batch_size, left)
            left -= size
            yield self.batch(size)

    # one event -------------------------------------------------------------------------------
    def _next_event(self, agent: AgentSim) -> dict[str, Any]:
        rng = self.rng
        agent.clock_ms += rng.randrange(40, 2500)
        if not agent.registered:
            agent.registered = True
            event = self._registered(agent)
        else:
            r = rng.random()
            if r < 0.10:
                event = self._heartbeat(agent)
            elif r < 0.13:
                event = self._queue_snapshot(agent)
            elif r < 0.142:
                event = self._todo(agent)
            elif r < 0.147:
                event = self._issue(agent)
            else:
                if not agent.pending:
                    agent.pending.extend(self._task(agent))
                event = agent.pending.popleft()
        event["event_id"] = event.get("event_id") or str(uuid.uuid4())
        event["timestamp"] = iso_ms(agent.clock_ms)
        kind = event.get("payload", {}).get("kind") if event["event_type"] == "custom" else None
        self.mix[kind or event["event_type"]] += 1
        return event

    @staticmethod
    def _base(event_type: str, severity: str) -> dict[str, Any]:
        # hiveloop puts event_id and timestamp first; they are filled in by _next_event.
        return {"event_id": None, "timestamp": None, "event_type": event_type,
                "severity": severity}

    def _registered(self, agent: AgentSim) -> dict[str, Any]:
        ev = self._base("agent_registered", "info")
        env = agent.envelope
        ev["payload"] = {"summary": f"Agent {agent.agent_id} registered",
                         "data": {"type": env["agent_type"], "version": env["agent_version"],
                                  "framework": env["framework"], "stuck_threshold": 300}}
        return ev

    def _heartbeat(self, agent: AgentSim) -> dict[str, Any]:
        ev = self._base("heartbeat", "debug")
        if self.rng.random() < 0.5:  # with a heartbeat_payload callback configured
            depth = self.rng.randrange(8)
            ev["payload"] = {"kind": "heartbeat_status",
                             "summary": f"Healthy - {depth} in queue",
                             "data": {"queue_depth": depth, "uptime_seconds": agent.clock_ms
                                      // 1000 % 86400, "memory_mb": 200 + depth * 7}}
        return ev

    def _queue_snapshot(self, agent: AgentSim) -> dict[str, Any]:
        depth = self.rng.randrange(6)
        items = [{"id": f"qi-{uuid.uuid4().hex[:8]}", "priority": self.rng.choice(
                      ("high", "normal", "low")), "source": "webhook",
                  "summary": f"Item {n} for {agent.agent_id}"} for n in range(min(depth, 3))]
        ev = self._base("custom", "debug")
        ev["payload"] = {"kind": "queue_snapshot",
                         "summary": f"Queue: {depth} items, oldest {depth * 20}s",
                         "data": {"depth": depth, "oldest_age_seconds": depth * 20,
                                  "items": items},
                         "tags": ["queue"]}
        return ev

    def _todo(self, agent: AgentSim) -> dict[str, Any]:
        agent.todos += 1
        action = self.rng.choice(("created", "created", "completed", "dismissed"))
        ev = self._base("custom", "info")
        ev["payload"] = {"kind": "todo", "summary": f"Follow up on item {agent.todos}",
                         "data": {"todo_id": f"todo-{agent.agent_id}-{agent.todos}",
                                  "action": action, "priority": "high",
                                  "source": "failed_action"},
                         "tags": ["todo", action]}
        return ev

    def _issue(self, agent: AgentSim) -> dict[str, Any]:
        severity = self.rng.choice(("critical", "high", "medium", "low"))
        ev = self._base("custom", "error" if severity in ("critical", "high") else "warn")
        ev["payload"] = {"kind": "issue", "summary": "Upstream API rate limit exceeded",
                         "data": {"issue_id": f"issue-{agent.agent_id}-ratelimit",
                                  "severity": severity, "category": "rate_limit",
                                  "context": {"api": "clearbit", "status_code": 429},
                                  "action": "reported", "occurrence_count": 3},
                         "tags": ["issue", "rate_limit"]}
        return ev

    def _llm_call(self, ctx: dict[str, Any], action_id: str | None) -> dict[str, Any]:
        rng = self.rng
        model, price_in, price_out = rng.choice(MODELS)
        tokens_in, tokens_out = rng.randrange(200, 6000), rng.randrange(50, 1500)
        cost = round(tokens_in * price_in + tokens_out * price_out, 6)
        name = rng.choice(("reasoning", "tool_choice", "summarise", "classify"))
        ev = {**self._base("custom", "info"), **ctx}
        if action_id is not None:
            ev["action_id"] = action_id
        ev["payload"] = {
            "kind": "llm_call",
            "summary": f"{name}: {model} ({tokens_in}\u2192{tokens_out})",
            "data": {"name": name, "model": model, "tokens_in": tokens_in,
                     "tokens_out": tokens_out, "cost": cost,
                     "duration_ms": rng.randrange(300, 9000),
                     "prompt_preview": rng.choice(PROMPTS),
                     "response_preview": rng.choice(RESPONSES)},
            "tags": ["llm"],
        }
        return ev

    def _task(self, agent: AgentSim) -> list[dict[str, Any]]:
        """One task's events in order: ~11 on average."""
        rng = self.rng
        agent.tasks_started += 1
        task_id = f"task-{self.tag}-{agent.agent_id}-{agent.tasks_started}"
        ctx: dict[str, Any] = {"project_id": rng.choice(agent.projects), "task_id": task_id,
                               "task_type": agent.task_type}
        if rng.random() < 0.5:
            ctx["task_run_id"] = f"run-{uuid.uuid4().hex[:12]}"
        if rng.random() < 0.2:
            ctx["correlation_id"] = f"corr-{uuid.uuid4().hex[:12]}"
        out: list[dict[str, Any]] = []

        def add(event_type: str, severity: str, **fields: Any) -> dict[str, Any]:
            ev = {**self._base(event_type, severity), **ctx, **fields}
            out.append(ev)
            return ev

        add("task_started", "info", payload={"summary": f"Task {task_id} started"})
        n_actions = rng.choice((1, 2, 2, 3))
        planned = rng.random() < 0.35
        if planned:
            add("custom", "info", payload={
                "kind": "plan_created", "summary": f"{n_actions}-step plan",
                "data": {"goal": f"Finish {task_id}", "revision": 0,
                         "steps": [{"index": i, "description": f"Step {i}: {agent.actions[i]}"}
                                   for i in range(n_actions)]},
                "tags": ["plan", "created"]})
        task_failed = False
        for i in range(n_actions):
            action_id = f"act-{uuid.uuid4().hex[:16]}"
            name = agent.actions[i % len(agent.actions)]
            function = f"agents.{agent.envelope['agent_type']}.{name}"
            add("action_started", "info", action_id=action_id,
                payload={"action_name": name, "function": function})
            for _ in range(rng.choice((1, 1, 2))):
                out.append(self._llm_call(ctx, action_id))
            if rng.random() < 0.3:
                nested = f"act-{uuid.uuid4().hex[:16]}"
                add("action_started", "info", action_id=nested, parent_action_id=action_id,
                    payload={"action_name": "call_tool", "function": "agents.tools.call"})
                add("action_completed", "info", action_id=nested, parent_action_id=action_id,
                    status="success", duration_ms=rng.randrange(5, 2000),
                    payload={"action_name": "call_tool", "function": "agents.tools.call"})
            if rng.random() < 0.05:
                failed = add("action_failed", "error", action_id=action_id, status="failure",
                             duration_ms=rng.randrange(100, 30_000),
                             payload={"action_name": name, "exception_type": "ConnectionError",
                                      "exception_message": "upstream timeout after 2000ms"})
                failed["event_id"] = str(uuid.uuid4())
                add("retry_started", "warn", parent_event_id=failed["event_id"],
                    payload={"summary": f"Retry attempt 1 for {name}",
                             "data": {"attempt": 1, "backoff_seconds": 2.0}})
                task_failed = rng.random() < 0.5
            else:
                add("action_completed", "info", action_id=action_id, status="success",
                    duration_ms=rng.randrange(100, 30_000),
                    payload={"action_name": name, "function": function})
            if planned:
                add("custom", "info", payload={
                    "kind": "plan_step", "summary": f"Step {i} completed",
                    "data": {"step_index": i, "total_steps": n_actions, "action": "completed",
                             "turns": rng.randrange(1, 5), "tokens": rng.randrange(500, 8000),
                             "plan_revision": 0},
                    "tags": ["plan", "step_completed"]})
        if rng.random() < 0.04:
            add("escalated", "warn", payload={"summary": "Needs a human decision",
                                              "data": {"assigned_to": "support-team"}})
        if rng.random() < 0.05:
            add("approval_requested", "info", payload={
                "summary": "Approval requested from ops-lead", "data": {"approver": "ops-lead"}})
            add("approval_received", "info", payload={
                "summary": "Approved by ops-lead",
                "data": {"approved_by": "ops-lead", "decision": "approved"}})
        if task_failed or rng.random() < 0.04:
            add("task_failed", "error", status="failure", duration_ms=rng.randrange(1000, 90_000),
                payload={"summary": f"Task {task_id} failed", "exception_type": "ValueError",
                         "exception_message": "invalid input data"})
        else:
            add("task_completed", "info", status="success",
                duration_ms=rng.randrange(1000, 90_000),
                payload={"summary": f"Task {task_id} completed"})
        return out


# --------------------------------------------------------------------------------------------
# Sending and measuring
# --------------------------------------------------------------------------------------------

@dataclass
class PhaseResult:
    name: str
    events: int
    requests: int
    seconds: float
    latencies_ms: list[float] = field(repr=False)
    warnings: int = 0
    server_cpu_seconds: float | None = None
    """CPU time (user + system, all threads) the server used during the phase."""
    load_average: float | None = None
    """1-minute load average at the end of the phase: other work on the machine skews rates."""
    client_cpu_seconds: float = 0.0
    """CPU time this (client) process used while sending: shows the client is not the limit."""

    @property
    def events_per_s(self) -> float:
        return self.events / self.seconds if self.seconds > 0 else 0.0

    @property
    def events_per_cpu_s(self) -> float | None:
        """Events per second of server CPU: the rate one fully available core would give."""
        if not self.server_cpu_seconds:
            return None
        return self.events / self.server_cpu_seconds

    def percentile(self, p: int) -> float:
        data = sorted(self.latencies_ms)
        if not data:
            return 0.0
        if len(data) == 1:
            return data[0]
        return statistics.quantiles(data, n=100, method="inclusive")[p - 1]

    def summary(self) -> dict[str, Any]:
        return {"events": self.events, "requests": self.requests,
                "seconds": round(self.seconds, 3),
                "events_per_s": round(self.events_per_s, 1),
                "p50_ms": round(self.percentile(50), 2), "p95_ms": round(self.percentile(95), 2),
                "p99_ms": round(self.percentile(99), 2), "warnings": self.warnings,
                "server_cpu_seconds": _round(self.server_cpu_seconds, 2),
                "server_cpu_percent": _round(self.server_cpu_seconds and
                                             100 * self.server_cpu_seconds / self.seconds, 1),
                "events_per_server_cpu_s": _round(self.events_per_cpu_s, 1),
                "load_average_1m": self.load_average,
                "client_cpu_seconds": round(self.client_cpu_seconds, 2)}


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def send_batches(
    base_url: str,
    api_key: str,
    batches: Iterable[Batch],
    *,
    name: str,
    concurrency: int = 4,
    progress: Any = None,
) -> PhaseResult:
    """POST every batch over ``concurrency`` keep-alive connections; raise on any problem.

    ``batches`` may be a lazy iterator: it is drawn under a lock, so generation overlaps with
    the other connections' requests. Each batch must come back 200 with every event accepted
    and none reported duplicate, else the phase stops and :class:`BenchFailure` is raised.
    """
    parsed = urllib.parse.urlsplit(base_url)
    host, port = parsed.hostname or "127.0.0.1", parsed.port or 80
    headers = {"Authorization": f"Bearer {api_key}", "Content-Type": "application/json",
               "User-Agent": "hiveboard-bench"}
    source = iter(batches)
    lock = threading.Lock()
    stop = threading.Event()
    latencies: list[float] = []
    errors: list[str] = []
    totals = {"events": 0, "requests": 0, "warnings": 0}

    def fail(message: str) -> None:
        errors.append(message)
        stop.set()

    def worker() -> None:
        conn = http.client.HTTPConnection(host, port, timeout=300)
        try:
            while not stop.is_set():
                with lock:
                    batch = next(source, None)
                if batch is None:
                    return
                started = time.perf_counter()
                conn.request("POST", "/v1/ingest", body=batch.body, headers=headers)
                response = conn.getresponse()
                data = response.read()
                elapsed_ms = (time.perf_counter() - started) * 1000
                if response.status != 200:
                    fail(f"HTTP {response.status}: {data[:500]!r}")
                    return
                doc = orjson.loads(data)
                if (doc.get("accepted") != batch.events or doc.get("rejected")
                        or doc.get("duplicates")):
                    fail(f"batch of {batch.events} events: accepted={doc.get('accepted')} "
                         f"rejected={doc.get('rejected')} duplicates={doc.get('duplicates')} "
                         f"errors={str(doc.get('errors'))[:300]}")
                    return
                latencies.append(elapsed_ms)
                with lock:
                    totals["events"] += batch.events
                    totals["requests"] += 1
                    totals["warnings"] += len(doc.get("warnings") or ())
                    if progress is not None:
                        progress.update(batch.events)
        except Exception as exc:  # a connection error is a failed benchmark, not a retry
            fail(f"{type(exc).__name__}: {exc}")
        finally:
            conn.close()

    threads = [threading.Thread(target=worker, name=f"bench-client-{i}", daemon=True)
               for i in range(concurrency)]
    client_cpu = time.process_time()
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    seconds = time.perf_counter() - started
    client_cpu = time.process_time() - client_cpu
    if errors:
        raise BenchFailure(f"phase {name!r} failed after {totals['requests']} requests: "
                           + "; ".join(errors[:3]))
    return PhaseResult(name=name, events=totals["events"], requests=totals["requests"],
                       seconds=seconds, latencies_ms=latencies, warnings=totals["warnings"],
                       client_cpu_seconds=client_cpu)


def progress_bar(total: int, desc: str, *, enabled: bool, leave: bool = False) -> Any:
    """A tqdm bar on stderr; refreshed rarely when stderr is a file (background runs)."""
    interactive = sys.stderr.isatty()
    return tqdm(total=total, desc=desc, unit="ev", unit_scale=True, disable=not enabled,
                leave=leave, mininterval=0.2 if interactive else 15.0, smoothing=0.05)


def pregenerate(gen: LoadGenerator, events: int, batch_size: int, *,
                show_progress: bool, label: str) -> list[Batch]:
    """Build the bodies of a measured phase before the clock starts."""
    out: list[Batch] = []
    with progress_bar(events, f"generate {label}", enabled=show_progress) as bar:
        for batch in gen.batches(events, batch_size):
            out.append(batch)
            bar.update(batch.events)
    return out


# --------------------------------------------------------------------------------------------
# Server and database
# --------------------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def create_key(database_url: str, tenant: str = "bench") -> str:
    """A live key via the CLI (which also migrates the fresh database)."""
    done = subprocess.run(
        [str(HIVEBOARD), "keys", "create", "--tenant", tenant, "--database-url", database_url],
        capture_output=True, text=True, check=False, timeout=120)
    if done.returncode != 0:
        raise BenchFailure(f"hiveboard keys create failed: {done.stderr.strip()[-2000:]}")
    lines = [line.strip() for line in done.stdout.splitlines() if line.strip()]
    if not lines:
        raise BenchFailure("hiveboard keys create printed no key")
    return lines[-1]


def process_cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (all its threads), from /proc/<pid>/stat."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    ticks = int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
    return ticks / os.sysconf("SC_CLK_TCK")


def process_memory_mb(pid: int) -> dict[str, float]:
    """VmRSS and VmHWM (peak RSS) of a process, in MB."""
    out: dict[str, float] = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            out[name] = int(value.split()[0]) / 1024
    return out


class Server:
    """``hiveboard serve`` as a subprocess on a free port; its log goes to a file."""

    def __init__(self, database_url: str, workdir: Path, *, port: int | None = None) -> None:
        self.database_url = database_url
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = workdir / "server.log"
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def start(self, timeout: float = 60) -> None:
        with self.log_path.open("wb") as log:
            self.proc = subprocess.Popen(
                [str(HIVEBOARD), "serve", "--port", str(self.port), "--database-url",
                 self.database_url, "--log-level", "warning"],
                stdout=log, stderr=subprocess.STDOUT, cwd=self.log_path.parent)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise BenchFailure(f"server exited with {self.proc.returncode}:\n{self.log_tail()}")
            with contextlib.suppress(OSError):
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                try:
                    conn.request("GET", "/health")
                    if conn.getresponse().status == 200:
                        return
                finally:
                    conn.close()
            time.sleep(0.1)
        self.stop()
        raise BenchFailure(f"server did not answer /health within {timeout}s:\n{self.log_tail()}")

    def memory_mb(self) -> dict[str, float]:
        return process_memory_mb(self.pid)

    def log_tail(self, chars: int = 3000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-chars:]
        except OSError:
            return "(no log)"

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)

    def __enter__(self) -> Server:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


@contextlib.contextmanager
def fresh_database(kind: str, workdir: Path, postgres_url: str) -> Iterator[str]:
    """A new empty database URL; a PostgreSQL one is dropped afterwards."""
    if kind == "sqlite":
        yield f"sqlite:///{workdir / 'bench.db'}"
        return
    name = f"hb_bench_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    base = postgres_url.rstrip("/")
    admin = create_engine(normalise_url(base + "/postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        yield f"{base}/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def stored_event_count(database_url: str) -> int:
    engine = create_engine(normalise_url(database_url))
    try:
        with engine.connect() as conn:
            return int(conn.execute(text("SELECT count(*) FROM events")).scalar_one())
    finally:
        engine.dispose()


def database_size_mb(database_url: str) -> float:
    """On-disk size: SQLite file plus its WAL and shared-memory files, or pg_database_size."""
    if database_url.startswith("sqlite:///"):
        path = Path(database_url[len("sqlite:///"):])
        files = [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]
        return sum(f.stat().st_size for f in files if f.exists()) / 1e6
    engine = create_engine(normalise_url(database_url))
    try:
        with engine.connect() as conn:
            size = conn.execute(text("SELECT pg_database_size(current_database())")).scalar_one()
            return int(size) / 1e6
    finally:
        engine.dispose()


def event_indexes(database_url: str) -> list[str]:
    """Names of the indexes on ``events``: they decide the ingest ceiling, so record them."""
    if database_url.startswith("sqlite:"):
        query = "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events'"
    else:
        query = "SELECT indexname FROM pg_indexes WHERE tablename = 'events'"
    engine = create_engine(normalise_url(database_url))
    try:
        with engine.connect() as conn:
            return sorted(str(r[0]) for r in conn.execute(text(query)))
    finally:
        engine.dispose()


# --------------------------------------------------------------------------------------------
# One database, end to end
# --------------------------------------------------------------------------------------------

@dataclass
class DbReport:
    db: str
    empty: PhaseResult
    at_scale: PhaseResult
    scale_events: int
    preload_seconds: float
    sent: int
    stored: int
    rss_mb: float
    rss_peak_mb: float
    db_size_mb: float
    mix: dict[str, float]
    indexes: list[str] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        empty = self.empty.events_per_s
        return self.at_scale.events_per_s / empty if empty else 0.0

    @property
    def cpu_ratio(self) -> float | None:
        """The same ratio in events per server CPU-second (insensitive to machine load)."""
        empty, at_scale = self.empty.events_per_cpu_s, self.at_scale.events_per_cpu_s
        return at_scale / empty if empty and at_scale else None

    def to_json(self) -> dict[str, Any]:
        return {
            "db": self.db, "empty": self.empty.summary(), "at_scale": self.at_scale.summary(),
            "stored_before_at_scale_phase": self.scale_events,
            "preload_seconds": round(self.preload_seconds, 1),
            "ratio_at_scale_over_empty": round(self.ratio, 3),
            "ratio_per_server_cpu_s": _round(self.cpu_ratio, 3),
            "server_rss_mb": round(self.rss_mb, 1),
            "server_rss_peak_mb": round(self.rss_peak_mb, 1),
            "db_size_mb": round(self.db_size_mb, 1), "sent": self.sent, "stored": self.stored,
            "event_mix_percent": self.mix, "events_indexes": self.indexes,
        }


@dataclass
class RunConfig:
    events_at_scale: int = 1_000_000
    measure_events: int = 50_000
    concurrency: int = 4
    batch_size: int = 500
    warmup_batches: int = 4
    agents: int = 100
    seed: int = 2
    progress: bool = True
    postgres_url: str = DEFAULT_POSTGRES


def run_phases(url: str, api_key: str, cfg: RunConfig, gen: LoadGenerator,
               server_pid: int | None = None,
               log: Callable[[str], None] = print) -> tuple[PhaseResult, PhaseResult, int, float]:
    """Warm-up, ``empty``, preload to ``events_at_scale``, ``at scale``; returns
    (empty, at_scale, events sent in total, preload seconds)."""
    sent = 0
    if cfg.warmup_batches:
        warm = send_batches(
            url, api_key, list(gen.batches(cfg.warmup_batches * cfg.batch_size, cfg.batch_size)),
            name="warm-up", concurrency=cfg.concurrency)
        sent += warm.events

    def measure(label: str) -> PhaseResult:
        nonlocal sent
        bodies = pregenerate(gen, cfg.measure_events, cfg.batch_size,
                             show_progress=cfg.progress, label=label)
        cpu_before = process_cpu_seconds(server_pid) if server_pid else 0.0
        with progress_bar(cfg.measure_events, f"measure {label}", enabled=cfg.progress) as bar:
            result = send_batches(url, api_key, bodies, name=label,
                                  concurrency=cfg.concurrency, progress=bar)
        result.load_average = round(os.getloadavg()[0], 2)
        sent += result.events
        extra = ""
        if server_pid:
            result.server_cpu_seconds = process_cpu_seconds(server_pid) - cpu_before
            extra = (f", server CPU {100 * result.server_cpu_seconds / result.seconds:.0f}% "
                     f"({result.events_per_cpu_s or 0:,.0f} ev per CPU-s), "
                     f"RSS {process_memory_mb(server_pid)['VmRSS']:.0f} MB")
        log(f"  {label}: {result.events} events in {result.seconds:.2f}s = "
            f"{result.events_per_s:,.0f} ev/s, p50 {result.percentile(50):.1f} ms, "
            f"p99 {result.percentile(99):.1f} ms{extra}, client CPU "
            f"{100 * result.client_cpu_seconds / result.seconds:.0f}%, "
            f"load avg {result.load_average}")
        return result

    empty = measure("empty")
    preload = max(0, cfg.events_at_scale - sent)
    started = time.perf_counter()
    if preload:
        with progress_bar(preload, f"preload to {cfg.events_at_scale:,}",
                          enabled=cfg.progress, leave=True) as bar:
            loaded = send_batches(url, api_key, gen.batches(preload, cfg.batch_size),
                                  name="preload", concurrency=cfg.concurrency, progress=bar)
        sent += loaded.events
    preload_seconds = time.perf_counter() - started
    log(f"  preload: {preload:,} events in {preload_seconds:.1f}s "
        f"({preload / preload_seconds if preload_seconds else 0:,.0f} ev/s incl. generation)")
    at_scale = measure(f"at {human(sent)}")
    return empty, at_scale, sent, preload_seconds


def human(n: int) -> str:
    if n >= 1_000_000 and n % 100_000 == 0:
        return f"{n / 1_000_000:g}M"
    if n >= 1000 and n % 1000 == 0:
        return f"{n // 1000}k"
    return f"{n:,}"


def run_database(kind: str, cfg: RunConfig) -> DbReport:
    print(f"[{kind}] fresh database, key, server …", flush=True)
    with tempfile.TemporaryDirectory(prefix=f"hb-bench-{kind}-") as tmp, \
            fresh_database(kind, Path(tmp), cfg.postgres_url) as url:
        api_key = create_key(url)
        gen = LoadGenerator(agents=cfg.agents, seed=cfg.seed)
        with Server(url, Path(tmp)) as server:
            print(f"[{kind}] server pid {server.pid} on {server.url}", flush=True)
            try:
                empty, at_scale, sent, preload_s = run_phases(
                    server.url, api_key, cfg, gen, server_pid=server.pid)
                stored = stored_event_count(url)
                size = database_size_mb(url)
                indexes = event_indexes(url)
                memory = server.memory_mb()
            except BenchFailure:
                print(f"[{kind}] server log tail:\n{server.log_tail()}", file=sys.stderr)
                raise
        total = sum(gen.mix.values())
        report = DbReport(
            db=kind, empty=empty, at_scale=at_scale,
            scale_events=sent - at_scale.events, preload_seconds=preload_s, sent=sent,
            stored=stored, rss_mb=memory["VmRSS"], rss_peak_mb=memory["VmHWM"],
            db_size_mb=size, indexes=indexes,
            mix={k: round(100 * v / total, 1) for k, v in gen.mix.most_common()})
    if report.stored != report.sent:
        raise BenchFailure(f"[{kind}] LOST EVENTS: sent {report.sent:,}, "
                           f"stored {report.stored:,} (difference {report.sent - report.stored:,})")
    return report


# --------------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------------

def render_table(reports: Sequence[DbReport]) -> str:
    head = (f"{'db':9} {'phase':9} {'events':>8} {'events/s':>10} {'p50 ms':>8} {'p95 ms':>8} "
            f"{'p99 ms':>8} {'srv CPU%':>8} {'ev/CPU-s':>9} {'load':>5}")
    lines = [head, "-" * len(head)]
    for r in reports:
        for phase in (r.empty, r.at_scale):
            cpu = phase.server_cpu_seconds
            cpu_pct = f"{100 * cpu / phase.seconds:.0f}" if cpu and phase.seconds else "-"
            per_cpu = f"{phase.events_per_cpu_s:,.0f}" if phase.events_per_cpu_s else "-"
            load = f"{phase.load_average:.1f}" if phase.load_average is not None else "-"
            lines.append(f"{r.db:9} {phase.name:9} {phase.events:>8,} {phase.events_per_s:>10,.0f} "
                         f"{phase.percentile(50):>8.1f} {phase.percentile(95):>8.1f} "
                         f"{phase.percentile(99):>8.1f} {cpu_pct:>8} {per_cpu:>9} {load:>5}")
    lines.append("")
    head2 = (f"{'db':9} {'ratio':>6} {'cpu-r':>6} {'RSS MB':>7} {'peak MB':>8} {'DB MB':>8} "
             f"{'sent':>11} {'stored':>11}  targets")
    lines += [head2, "-" * len(head2)]
    for r in reports:
        checks = [f"ratio>={TARGET_RATIO}: {'ok' if r.ratio >= TARGET_RATIO else 'MISSED'}"]
        if r.db == "sqlite":
            ok = r.empty.events_per_s >= TARGET_EVENTS_PER_S
            checks.insert(0, f">={TARGET_EVENTS_PER_S:,}/s: {'ok' if ok else 'MISSED'}")
        cpu_ratio = f"{r.cpu_ratio:.2f}" if r.cpu_ratio is not None else "-"
        lines.append(f"{r.db:9} {r.ratio:>6.2f} {cpu_ratio:>6} {r.rss_mb:>7.0f} "
                     f"{r.rss_peak_mb:>8.0f} {r.db_size_mb:>8.0f} {r.sent:>11,} {r.stored:>11,}  "
                     + "; ".join(checks))
    if reports:
        mix = ", ".join(f"{k} {v}%" for k, v in reports[0].mix.items())
        lines += ["", f"event mix: {mix}"]
        for r in reports:
            lines.append(f"{r.db} indexes on events: {', '.join(r.indexes)}")
    return "\n".join(lines)


def targets_met(reports: Sequence[DbReport]) -> bool:
    return all(r.ratio >= TARGET_RATIO and (r.db != "sqlite"
                                            or r.empty.events_per_s >= TARGET_EVENTS_PER_S)
               for r in reports)


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    p.add_argument("--db", choices=("sqlite", "postgres", "both"), default="sqlite")
    p.add_argument("--events-at-scale", type=int, default=1_000_000,
                   help="stored events before the second measured phase (default 1,000,000)")
    p.add_argument("--measure-events", type=int, default=50_000,
                   help="events per measured phase (default 50,000)")
    p.add_argument("--concurrency", type=int, default=4, help="parallel keep-alive connections")
    p.add_argument("--batch-size", type=int, default=500, help="events per POST (default 500)")
    p.add_argument("--warmup-batches", type=int, default=4,
                   help="untimed batches sent first (they count as stored)")
    p.add_argument("--agents", type=int, default=100)
    p.add_argument("--seed", type=int, default=2)
    p.add_argument("--quick", action="store_true",
                   help="smoke run: preload to 100,000 instead of --events-at-scale")
    p.add_argument("--postgres-url", default=DEFAULT_POSTGRES,
                   help=f"server to create the scratch database on (default {DEFAULT_POSTGRES})")
    p.add_argument("--json", type=Path, metavar="PATH", help="also write the figures as JSON")
    p.add_argument("--no-progress", action="store_true", help="no progress bars")
    p.add_argument("--fail-on-target", action="store_true",
                   help="exit 2 when a target of issue 2 is missed")
    args = p.parse_args(argv)
    if args.quick:
        args.events_at_scale = 100_000
    if not 1 <= args.batch_size <= 500:
        p.error("--batch-size must be 1..500 (the server's limit)")
    if args.events_at_scale < args.measure_events:
        p.error("--events-at-scale must be at least --measure-events")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    cfg = RunConfig(events_at_scale=args.events_at_scale, measure_events=args.measure_events,
                    concurrency=args.concurrency, batch_size=args.batch_size,
                    warmup_batches=args.warmup_batches, agents=args.agents, seed=args.seed,
                    progress=not args.no_progress, postgres_url=args.postgres_url)
    kinds = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    reports: list[DbReport] = []
    try:
        for kind in kinds:
            reports.append(run_database(kind, cfg))
    except BenchFailure as exc:
        print(f"\nBENCHMARK FAILED: {exc}", file=sys.stderr)
        return 1
    print()
    print(render_table(reports))
    if args.json:
        doc = {"config": {**dataclasses.asdict(cfg), "postgres_url": None},
               "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
               "results": [r.to_json() for r in reports]}
        args.json.write_text(json.dumps(doc, indent=2) + "\n")
        print(f"\nwrote {args.json}")
    if args.fail_on_target and not targets_met(reports):
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
