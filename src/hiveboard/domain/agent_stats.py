"""Arithmetic behind an agent's card and detail stats (API spec §4.1, §4.2; data model §5.7).

The store returns partial sums per agent and time bucket; these functions place them on a
grid and turn them into rates. Keeping the rules here gives the card, the detail page and
their tests one definition of "success rate" or "which bucket".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Final, TypeVar

from hiveboard.domain.agent_status import attention_rank

T = TypeVar("T")

MAX_SERIES_BUCKETS: Final = 1_440
"""Most buckets of one agent metrics series (the contract's cap)."""

AGENT_SORTS: Final[tuple[str, ...]] = ("attention", "name", "last_seen")


def ratio(part: float, whole: float) -> float | None:
    """``part / whole``; None when ``whole`` is zero (no denominator, no rate)."""
    return part / whole if whole else None


@dataclass(frozen=True, slots=True)
class FinishedTasks:
    """Tasks that reached a terminal event, summed over any set of buckets.

    ``failed`` counts tasks that failed and never completed: a task that failed, was retried
    and completed is a success (task status cascade, audit 4.2.7).
    """

    completed: int = 0
    failed: int = 0
    duration_sum_ms: int = 0
    duration_count: int = 0

    def __add__(self, other: FinishedTasks) -> FinishedTasks:
        return FinishedTasks(
            completed=self.completed + other.completed,
            failed=self.failed + other.failed,
            duration_sum_ms=self.duration_sum_ms + other.duration_sum_ms,
            duration_count=self.duration_count + other.duration_count,
        )

    @property
    def finished(self) -> int:
        return self.completed + self.failed

    @property
    def success_rate(self) -> float | None:
        return ratio(self.completed, self.finished)

    @property
    def error_rate(self) -> float | None:
        return ratio(self.failed, self.finished)

    @property
    def avg_duration_ms(self) -> float | None:
        """Mean duration of the completed tasks (failed ones are not representative)."""
        return ratio(self.duration_sum_ms, self.duration_count)


@dataclass(frozen=True, slots=True)
class LlmUsage:
    """LLM calls and the sum of the costs that were reported."""

    calls: int = 0
    cost_sum: float = 0.0
    costed: int = 0
    """How many calls reported a cost: with none, the total is unknown, not zero."""

    def __add__(self, other: LlmUsage) -> LlmUsage:
        return LlmUsage(calls=self.calls + other.calls, cost_sum=self.cost_sum + other.cost_sum,
                        costed=self.costed + other.costed)

    @property
    def total_cost(self) -> float | None:
        return self.cost_sum if self.costed else None


def clamp_bucket(bucket: int, count: int) -> int:
    """Position of bucket number ``bucket`` in a grid of ``count``: a timestamp slightly in
    the future (a fast agent clock) lands in the newest bucket instead of vanishing, and one
    before the grid (which a bounded query does not return) in the oldest."""
    if count <= 0:
        raise ValueError("a bucket grid needs at least one bucket")
    return min(max(bucket, 0), count - 1)


def series_grid(now_ms: int, range_s: int, interval_s: int) -> list[int]:
    """Epoch-aligned bucket starts (ms) covering ``[now - range, now]``, oldest first.

    Aligned buckets keep a chart still between refreshes; the oldest is therefore usually
    partial. ValueError when the range holds more than :data:`MAX_SERIES_BUCKETS` whole
    intervals; when only the alignment adds the 1441st bucket, the oldest (partial) one is
    dropped rather than refusing a request the contract allows (24h at 1m).
    """
    width = interval_s * 1000
    if interval_s <= 0 or range_s <= 0:
        raise ValueError("range and interval must be positive")
    if -(-range_s // interval_s) > MAX_SERIES_BUCKETS:
        raise ValueError(f"{range_s}s at {interval_s}s intervals is more than "
                         f"{MAX_SERIES_BUCKETS} buckets")
    first = (now_ms - range_s * 1000) // width * width
    starts = list(range(first, now_ms + 1, width))
    return starts[-MAX_SERIES_BUCKETS:]


def one_per_bucket(items: Iterable[tuple[datetime, T]], width_s: int, limit: int) -> list[T]:
    """The newest item of each epoch-aligned bucket of ``width_s`` seconds, newest first, at
    most ``limit``. Ties on the exact timestamp keep the item that came last in ``items``."""
    newest: dict[int, tuple[datetime, int, T]] = {}
    for position, (moment, item) in enumerate(items):
        bucket = int(moment.timestamp()) // width_s
        current = newest.get(bucket)
        if current is None or (moment, position) >= current[:2]:
            newest[bucket] = (moment, position, item)
    ranked = sorted(newest.values(), key=lambda entry: entry[:2], reverse=True)
    return [item for _, _, item in ranked[:limit]]


def agent_sort_key(sort: str, *, status: str, last_seen_ms: int,
                   agent_id: str) -> tuple[int | str, ...]:
    """Ascending sort key of an agent in the list; the agent id breaks every tie so the
    order is total (keyset pagination needs that).

    ``attention``: most urgent status first, then most recently seen; ``name``: agent id;
    ``last_seen``: most recently seen first.
    """
    if sort == "attention":
        return (attention_rank(status), -last_seen_ms, agent_id)
    if sort == "name":
        return (agent_id,)
    if sort == "last_seen":
        return (-last_seen_ms, agent_id)
    raise ValueError(f"unknown agent sort {sort!r}; expected one of {', '.join(AGENT_SORTS)}")
