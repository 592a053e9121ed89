"""Agent-level reports between tasks: queue snapshots, TODOs, scheduled work, issues.

The SDK also takes a ``queue_provider`` and a ``heartbeat_payload`` callback; the fleet wires
both to :class:`Backlog`, so snapshots ride on heartbeats the way a real agent sends them.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from typing import Any

from hiveboard.simulate.work import Worker, call_llm


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


class Backlog:
    """An agent's pretend work queue, read by the SDK's heartbeat thread."""

    def __init__(self, depth: int) -> None:
        self._lock = threading.Lock()
        self.depth = depth
        self.state = "idle"

    def take(self, arrivals: int) -> None:
        with self._lock:
            self.depth = max(0, self.depth - 1 + arrivals)
            self.state = "working"

    def snapshot(self) -> dict[str, Any]:
        with self._lock:
            now = datetime.now(UTC)
            items = [{"id": f"item-{i}", "priority": ("high", "normal", "low")[i % 3],
                      "source": "inbox", "summary": f"Queued item {i}",
                      "queued_at": _iso(now - timedelta(seconds=30 * (i + 1)))}
                     for i in range(min(self.depth, 3))]
            return {"depth": self.depth, "oldest_age_seconds": 30 * self.depth,
                    "items": items}

    def heartbeat_status(self) -> dict[str, Any]:
        with self._lock:
            return {"kind": "heartbeat_status",
                    "data": {"queue_depth": self.depth, "current_state": self.state}}


def start_of_shift(worker: Worker, backlog: Backlog) -> None:
    """What an agent reports when it comes up: its queue, schedule and a first TODO."""
    agent = worker.agent
    snapshot = backlog.snapshot()
    agent.queue_snapshot(snapshot["depth"], oldest_age_seconds=snapshot["oldest_age_seconds"],
                         items=snapshot["items"])
    now = datetime.now(UTC)
    agent.scheduled([
        {"id": "sched-digest", "name": "Daily digest", "next_run": _iso(now + timedelta(hours=2)),
         "interval": "daily", "enabled": True, "last_status": "success"},
        {"id": "sched-cleanup", "name": "Weekly cleanup",
         "next_run": _iso(now + timedelta(days=3)), "interval": "weekly", "enabled": True,
         "last_status": None},
    ])
    agent.todo(f"todo-{worker.agent_id}-followup", "created", "Follow up on yesterday's items",
               priority="normal", source="agent", due_by=_iso(now + timedelta(hours=4)))
    call_llm(worker, agent, "plan_shift")


def report_issue(worker: Worker) -> str:
    issue_id = f"issue-{worker.run_tag}-{worker.agent_id}"
    worker.agent.report_issue(f"{worker.role.tools[0]} answers slowly", "medium",
                              issue_id=issue_id, category="latency",
                              context={"tool": worker.role.tools[0], "p95_ms": 4200},
                              occurrence_count=3)
    return issue_id


def between_tasks(worker: Worker, backlog: Backlog, number: int, issue_id: str | None) -> None:
    """After each task: the queue moved; the first TODO closes; an open issue is resolved."""
    backlog.take(arrivals=worker.rng.randint(0, 2))
    snapshot = backlog.snapshot()
    worker.agent.queue_snapshot(snapshot["depth"],
                                oldest_age_seconds=snapshot["oldest_age_seconds"])
    if number == 0:
        worker.agent.todo(f"todo-{worker.agent_id}-followup", "completed",
                          "Followed up on yesterday's items")
    if issue_id is not None:
        worker.agent.resolve_issue("Latency back to normal", issue_id=issue_id)
