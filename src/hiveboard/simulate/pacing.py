"""Simulated time and the fleet's running totals.

Agents "work" by sleeping simulated seconds; ``speed`` compresses them into wall time. Once a
stop is requested every sleep returns at once, so agents finish the task in hand within
milliseconds and nothing is left half-reported when the SDK flushes.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field


class Pacer:
    def __init__(self, speed: float, stop: threading.Event) -> None:
        if speed <= 0:
            raise ValueError("speed must be positive")
        self.speed = speed
        self.stop = stop

    def sleep(self, simulated_seconds: float) -> None:
        if not self.stop.is_set():
            self.stop.wait(simulated_seconds / self.speed)


@dataclass
class Stats:
    """Totals the progress bar shows; updated from every agent thread."""

    tasks_completed: int = 0
    tasks_failed: int = 0
    llm_calls: int = 0
    cost_usd: float = 0.0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def task_done(self, *, failed: bool) -> None:
        with self._lock:
            if failed:
                self.tasks_failed += 1
            else:
                self.tasks_completed += 1

    def llm_call(self, cost: float) -> None:
        with self._lock:
            self.llm_calls += 1
            self.cost_usd += cost

    @property
    def tasks(self) -> int:
        return self.tasks_completed + self.tasks_failed

    def postfix(self) -> dict[str, str]:
        return {"tasks": f"{self.tasks_completed} ok/{self.tasks_failed} failed",
                "llm": str(self.llm_calls), "cost": f"${self.cost_usd:.4f}"}
