"""Hourly task outcomes: what each task adds to its hour buckets, and how a window splits.

The ``task_outcomes_hourly`` rollup holds, per (hour, agent, project, environment, group), the
tasks that started in the hour (``started``, ``escalated``, by ``started_at``) and the tasks
whose terminal event falls in the hour (``ended``, ``completed``, ``failed``, and the sum and
count of completed durations, by ``completed_at``) -- exactly what metrics and project stats
count from the ``tasks`` table. A task's contribution depends on its whole rollup, so ingest
applies the difference between the task's contribution before and after each fold.

Each row also keeps bounds (``first_ms``, ``last_ms``) on the timestamps it ever counted; they
only widen (a removal cannot tell whether it held the extreme), which keeps them true bounds.
A window is answered from the rollup for its whole hours, and for an hour it cuts when every
matching row's bounds lie inside the window (the usual case for the current hour); the other
cut hours are read from the ``tasks`` table, so every number is the one the raw query gives.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from hiveboard.domain.llm_usage import HOUR_MS, hour_of

MEASURES: Final = ("started", "escalated", "ended", "completed", "failed", "duration_sum",
                   "duration_n")

OutcomeKey = tuple[int, str, str, str, str]
"""(hour start in epoch ms, agent_id, project_id or ``''``, environment, group)."""


@dataclass(frozen=True, slots=True)
class TaskOutcome:
    """The columns of a stored task row that the rollup counts (times in epoch ms)."""

    agent_id: str
    project_id: str | None
    environment: str
    group: str
    started_ms: int
    completed_ms: int | None
    has_completed: bool
    has_failed: bool
    has_escalated: bool
    duration_ms: int | None


def contributions(task: TaskOutcome) -> dict[OutcomeKey, dict[str, int]]:
    """The measures ``task`` adds to the buckets of its start hour and terminal hour."""
    dims = (task.agent_id, task.project_id or "", task.environment, task.group)
    out: dict[OutcomeKey, dict[str, int]] = {}
    start = out.setdefault((hour_of(task.started_ms), *dims), dict.fromkeys(MEASURES, 0))
    start["started"] += 1
    start["escalated"] += int(task.has_escalated)
    if task.completed_ms is not None:
        end = out.setdefault((hour_of(task.completed_ms), *dims), dict.fromkeys(MEASURES, 0))
        end["ended"] += 1
        # The status cascade: a task that completed after a failed attempt is completed only.
        end["completed"] += int(task.has_completed)
        end["failed"] += int(task.has_failed and not task.has_completed)
        if task.has_completed and task.duration_ms is not None:
            end["duration_sum"] += task.duration_ms
            end["duration_n"] += 1
    return out


def _timestamps(task: TaskOutcome) -> dict[int, list[int]]:
    """The timestamps ``task`` counts under, per hour."""
    out = {hour_of(task.started_ms): [task.started_ms]}
    if task.completed_ms is not None:
        out.setdefault(hour_of(task.completed_ms), []).append(task.completed_ms)
    return out


def add_change(acc: dict[OutcomeKey, dict[str, int]], before: TaskOutcome | None,
               after: TaskOutcome | None) -> None:
    """Add to ``acc`` what replacing ``before`` by ``after`` changes (None: no task), with
    ``first_ms``/``last_ms`` bounding every timestamp involved (bounds only widen). A key
    whose measures net to zero stays: its task's timestamp may still have moved."""
    for task, sign in ((before, -1), (after, 1)):
        if task is None:
            continue
        times = _timestamps(task)
        for key, measures in contributions(task).items():
            found = acc.setdefault(key, dict.fromkeys(MEASURES, 0))
            for name, value in measures.items():
                found[name] += sign * value
            for ts in times[key[0]]:
                found["first_ms"] = min(found.get("first_ms", ts), ts)
                found["last_ms"] = max(found.get("last_ms", ts), ts)


@dataclass(frozen=True, slots=True)
class WindowSplit:
    """``whole`` (``[first, end)``, hour-aligned, or None) lies wholly inside the window;
    ``edges`` are the hours the window cuts, each ``(hour, lo, hi)`` with ``[lo, hi)`` the
    part of the window inside it. A cut hour is read from the rollup when clean (every
    matching row's timestamps lie inside the window), else from ``tasks`` over ``[lo, hi)``."""

    since: int
    until: int
    whole: tuple[int, int] | None
    edges: tuple[tuple[int, int, int], ...]

    def rollup_hours(self, dirty: Iterable[int]) -> tuple[int, int] | None:
        """The contiguous hours ``[first, end)`` read from the rollup: the whole ones and the
        clean cut ones (cut hours only sit at either end). None when empty."""
        dirty = set(dirty)
        hours = [h for h, _, _ in self.edges if h not in dirty]
        if self.whole is not None:
            hours += [self.whole[0], self.whole[1] - HOUR_MS]
        if not hours:
            return None
        return min(hours), max(hours) + HOUR_MS

    def raw_spans(self, dirty: Iterable[int]) -> list[tuple[int, int]]:
        """The parts of the window read from ``tasks``: those of the dirty cut hours."""
        dirty = set(dirty)
        return [(lo, hi) for h, lo, hi in self.edges if h in dirty]


def split_window(since_ms: int, until_ms: int, width_ms: int | None) -> WindowSplit | None:
    """How to read ``[since, until)`` exactly (buckets of ``width_ms``, or None for totals);
    None when only the tasks table can: buckets that are not whole hours, or a window that
    reaches before 1970 (SQL integer division truncates there instead of flooring)."""
    if since_ms < 0 or until_ms <= since_ms:
        return None
    if width_ms is not None and width_ms % HOUR_MS != 0:
        return None
    first = -(-since_ms // HOUR_MS) * HOUR_MS
    end = hour_of(until_ms)
    edges = []
    if since_ms < first:
        edges.append((hour_of(since_ms), since_ms, min(first, until_ms)))
    if end < until_ms and end >= first:
        edges.append((end, max(end, since_ms), until_ms))
    whole = (first, end) if first < end else None
    return WindowSplit(since=since_ms, until=until_ms, whole=whole, edges=tuple(edges))

