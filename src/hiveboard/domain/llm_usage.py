"""Hourly LLM usage: folding calls into hour buckets and planning exact reads over them.

The ``llm_usage_hourly`` rollup holds, per (hour, agent, model, project, in-task, environment,
group), the count, cost and token sums of a workspace's LLM calls plus the earliest and latest call
timestamp in the row. Raw events stay the source of truth; this module decides when a
window can be answered from whole rollup rows without changing a single number:

- an hour wholly inside ``[since, until)`` is exact from the rollup;
- an hour cut by the window's edge is exact from the rollup when every matching row's calls
  lie inside the window (``min_ts >= since`` and ``max_ts < until``) -- the usual case for
  the current hour, since calls are rarely stamped in the future; otherwise that hour's part
  of the window is read from raw events;
- series buckets must be whole multiples of an hour (epoch-aligned) and the window must not
  reach before 1970, where SQL integer division truncates instead of flooring.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Final

HOUR_MS: Final = 3_600_000
LLM_CALL_KIND: Final = "llm_call"
MEASURES: Final = ("call_count", "costed_count", "cost", "tokens_in", "tokens_out")

UsageKey = tuple[int, str, str | None, str | None, bool, str, str]
"""(hour start in epoch ms, agent_id, model, project_id, in a task, environment, group)."""


def hour_of(ts_ms: int) -> int:
    """Start of the epoch-aligned hour holding ``ts_ms`` (floors, also before 1970)."""
    return ts_ms - ts_ms % HOUR_MS


def is_llm_call(row: Mapping[str, Any]) -> bool:
    """The rows /v1/cost counts: ``custom`` events of payload kind ``llm_call``."""
    return bool(row["event_type"] == "custom" and row["payload_kind"] == LLM_CALL_KIND)


@dataclass(slots=True)
class Usage:
    call_count: int = 0
    costed_count: int = 0
    cost: float = 0.0
    tokens_in: int = 0
    tokens_out: int = 0
    min_ts: int | None = None
    max_ts: int | None = None

    def add_call(self, ts_ms: int, cost: float | None, tokens_in: int | None,
                 tokens_out: int | None) -> None:
        """Missing cost and token counts count as 0, as in the raw SUMs."""
        self.call_count += 1
        self.costed_count += cost is not None
        self.cost += cost or 0.0
        self.tokens_in += tokens_in or 0
        self.tokens_out += tokens_out or 0
        self.min_ts = ts_ms if self.min_ts is None else min(self.min_ts, ts_ms)
        self.max_ts = ts_ms if self.max_ts is None else max(self.max_ts, ts_ms)


def fold_calls(rows: Iterable[Mapping[str, Any]], ts_ms: Any) -> dict[UsageKey, Usage]:
    """Usage per key of the LLM calls among event ``rows`` (other rows are ignored);
    ``ts_ms(row)`` gives a row's timestamp in epoch ms."""
    out: dict[UsageKey, Usage] = {}
    for row in rows:
        if not is_llm_call(row):
            continue
        ts = ts_ms(row)
        key: UsageKey = (hour_of(ts), row["agent_id"], row["llm_model"], row["project_id"],
                         row["task_id"] is not None, row["environment"], row["group"])
        usage = out.get(key)
        if usage is None:
            usage = out[key] = Usage()
        usage.add_call(ts, row["llm_cost"], row["llm_tokens_in"], row["llm_tokens_out"])
    return out


# ---------------------------------------------------------------- read plans

@dataclass(frozen=True, slots=True)
class WindowPlan:
    """How to read ``[since, until)``: ``edges`` are the hours the window cuts (each is read
    from the rollup when clean, else from raw events over ``edge ∩ window``)."""

    since: int
    until: int
    edges: tuple[int, ...]

    def raw_span(self, hour: int) -> tuple[int, int]:
        """The part of the window inside ``hour``."""
        return max(self.since, hour), min(self.until, hour + HOUR_MS)


def plan_window(since_ms: int, until_ms: int, width_ms: int | None) -> WindowPlan | None:
    """A plan when the rollup can answer the window exactly (buckets of ``width_ms``, or
    totals when None); None when only raw events can."""
    if since_ms < 0 or until_ms <= since_ms:
        return None
    if width_ms is not None and width_ms % HOUR_MS != 0:
        return None
    first, last = hour_of(since_ms), hour_of(until_ms - 1)
    edges = []
    if first < since_ms:
        edges.append(first)
    if last + HOUR_MS > until_ms and last not in edges:
        edges.append(last)
    return WindowPlan(since=since_ms, until=until_ms, edges=tuple(edges))


def clean_hours(plan: WindowPlan, dirty: Iterable[int]) -> tuple[int, int] | None:
    """The contiguous hour range ``[first, last]`` read from the rollup: every hour the window
    touches except the dirty edges (which can only sit at either end). None when empty."""
    dirty = set(dirty)
    first, last = hour_of(plan.since), hour_of(plan.until - 1)
    if first in dirty:
        first += HOUR_MS
    if last in dirty:
        last -= HOUR_MS
    return (first, last) if first <= last else None


def merge(parts: Iterable[Iterable[Mapping[str, Any]]],
          keys: tuple[str, ...]) -> list[dict[str, Any]]:
    """Sum LLM measure rows sharing the same ``keys`` values (rollup part + raw edge part)."""
    return [r for r in sum_by_key(parts, keys, MEASURES) if r["call_count"] > 0]


def sum_by_key(parts: Iterable[Iterable[Mapping[str, Any]]], keys: tuple[str, ...],
               measures: tuple[str, ...]) -> list[dict[str, Any]]:
    """Sum rows of ``measures`` that share the same ``keys`` values (rollup part + edges)."""
    out: dict[tuple[Any, ...], dict[str, Any]] = {}
    for part in parts:
        for row in part:
            k = tuple(row[name] for name in keys)
            found = out.get(k)
            if found is None:
                out[k] = {**{name: row[name] for name in keys},
                          **{m: row[m] for m in measures}}
            else:
                for m in measures:
                    found[m] += row[m]
    return list(out.values())
