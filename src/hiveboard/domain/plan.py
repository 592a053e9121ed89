"""Plan progress of a task (API spec §4.4 "Plan construction logic", data model §4.3-4.4, §5.10).

The five construction rules, as implemented:

1. The current plan is seeded from a ``plan_created`` event: goal, revision, and one pending
   step per entry of ``data.steps``. With several, the highest ``data.revision`` wins and the
   latest among equals (data model §5.4: "the highest revision defines the current plan").
2. ``plan_step`` events are applied chronologically; per ``step_index`` the latest event with
   an ``action`` decides the step's action, ``completed_at`` (set for completed / failed /
   skipped), ``turns`` and ``tokens``. ``started_at`` is the first ``started`` event's time.
3. Steps without any ``plan_step`` event stay ``pending``.
4. Without ``plan_created``, the step count comes from the latest ``data.total_steps`` and
   descriptions from the step events (``data.step_description``, else the first summary, minus
   the SDK's ``"Step N <action>: "`` prefix).
5. A ``data.plan_revision`` on a step event overwrites the plan's revision.

A re-plan resets progress (data model §4.4): step events carrying an older ``plan_revision``
than the seed, or undated by revision but emitted under an earlier ``plan_created``, belong to a
superseded plan and are ignored.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final

from hiveboard.domain.payload_conventions import (
    as_int,
    int_field,
    payload_data,
    payload_summary,
    str_field,
)
from hiveboard.domain.records import EventRecord, chronological, custom_kind

MAX_PLAN_STEPS: Final = 1000
"""Cap on step indexes and step counts: ``total_steps`` comes from the client, and one bad
value must not make a timeline response allocate a billion pending steps."""

TERMINAL_STEP_ACTIONS: Final[frozenset[str]] = frozenset({"completed", "failed", "skipped"})

_SDK_SUMMARY_PREFIX: Final = re.compile(
    r"^\s*step\s+\d+\s+(?:started|completed|failed|skipped)\s*:\s*", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class PlanStep:
    """One step of the plan; ``action`` is ``pending`` until a step event names it."""

    step_index: int
    description: str | None
    action: str
    started_at: datetime | None
    completed_at: datetime | None
    turns: int | None
    tokens: int | None


@dataclass(frozen=True, slots=True)
class Plan:
    """The plan progress bar: ``steps`` is dense (``0 .. total_steps-1``), so
    ``total_steps == len(steps)``; ``completed_steps`` counts ``completed`` only (a skipped or
    failed step is settled but not done). ``goal`` is None when no ``plan_created`` exists."""

    goal: str | None
    revision: int
    total_steps: int
    completed_steps: int
    steps: list[PlanStep]


@dataclass(slots=True)
class _StepProgress:
    action: str | None = None
    started_at: datetime | None = None
    completed_at: datetime | None = None
    turns: int | None = None
    tokens: int | None = None
    step_description: str | None = None
    first_summary: str | None = None


def build_plan(events: Iterable[EventRecord]) -> Plan | None:
    """The plan of a task's events, or None when it has no ``plan_created``/``plan_step``."""
    ordered = chronological(events)
    created = [event for event in ordered if custom_kind(event) == "plan_created"]
    step_events = [event for event in ordered if custom_kind(event) == "plan_step"]
    if not created and not step_events:
        return None

    seed = _current_plan(created)
    seed_data = payload_data(seed.payload) if seed is not None else {}
    seeded = _seed_descriptions(seed_data)
    revision = int_field(seed_data, "revision") or 0
    if seed is not None:
        step_events = [e for e in step_events if _belongs_to(e, seed, revision, created)]

    progress: dict[int, _StepProgress] = {}
    declared_total: int | None = None
    for event in step_events:
        data = payload_data(event.payload)
        plan_revision = int_field(data, "plan_revision")
        if plan_revision is not None:
            revision = plan_revision
        total = int_field(data, "total_steps")
        if total is not None and total >= 0:
            declared_total = total
        index = int_field(data, "step_index")
        if index is not None and 0 <= index < MAX_PLAN_STEPS:
            _apply_step_event(progress.setdefault(index, _StepProgress()), event, data)

    if seeded:
        declared_total = max(seeded) + 1
    highest = max((*seeded, *progress), default=-1)
    total_steps = min(MAX_PLAN_STEPS, max(declared_total or 0, highest + 1))
    steps = [_make_step(i, seeded.get(i), progress.get(i)) for i in range(total_steps)]
    return Plan(
        goal=_goal(seed, seed_data),
        revision=revision,
        total_steps=total_steps,
        completed_steps=sum(1 for step in steps if step.action == "completed"),
        steps=steps,
    )


def _current_plan(created: list[EventRecord]) -> EventRecord | None:
    """Highest revision wins; among equal revisions the latest (``created`` is chronological)."""
    best: EventRecord | None = None
    best_revision = 0
    for event in created:
        revision = int_field(payload_data(event.payload), "revision") or 0
        if best is None or revision >= best_revision:
            best, best_revision = event, revision
    return best


def _belongs_to(
    step: EventRecord, seed: EventRecord, seed_revision: int, created: list[EventRecord]
) -> bool:
    plan_revision = int_field(payload_data(step.payload), "plan_revision")
    if plan_revision is not None:
        return plan_revision >= seed_revision
    if step.timestamp >= seed.timestamp:
        return True
    # Emitted before the current plan: it belongs to it only if no other plan existed yet.
    return not any(other is not seed and other.timestamp <= step.timestamp for other in created)


def _seed_descriptions(data: Mapping[str, Any]) -> dict[int, str | None]:
    """Step index -> description from ``data.steps``; entries may be ``{index, description}``
    objects (the convention) or bare strings (positional). Unusable entries are skipped."""
    raw_steps = data.get("steps")
    if not isinstance(raw_steps, list):
        return {}
    seeded: dict[int, str | None] = {}
    for position, entry in enumerate(raw_steps):
        description: str | None
        if isinstance(entry, str):
            index, description = position, entry
        elif isinstance(entry, Mapping):
            explicit = as_int(entry.get("index"))
            index = position if explicit is None else explicit
            description = str_field(entry, "description")
        else:
            continue
        if 0 <= index < MAX_PLAN_STEPS:
            seeded.setdefault(index, description)
    return seeded


def _apply_step_event(step: _StepProgress, event: EventRecord, data: Mapping[str, Any]) -> None:
    description = str_field(data, "step_description")
    if description is not None and description.strip():
        step.step_description = description
    if step.first_summary is None:
        step.first_summary = _strip_sdk_prefix(payload_summary(event.payload))
    action = str_field(data, "action")
    if action is None or not action.strip():
        return  # no action: this event cannot decide the step's state
    step.action = action
    if action == "started" and step.started_at is None:
        step.started_at = event.timestamp
    step.completed_at = event.timestamp if action in TERMINAL_STEP_ACTIONS else None
    step.turns = int_field(data, "turns")
    step.tokens = int_field(data, "tokens")


def _strip_sdk_prefix(summary: str | None) -> str | None:
    if summary is None:
        return None
    stripped = _SDK_SUMMARY_PREFIX.sub("", summary, count=1)
    return stripped if stripped.strip() else summary


def _make_step(index: int, seeded: str | None, progress: _StepProgress | None) -> PlanStep:
    if progress is None:
        return PlanStep(index, seeded, "pending", None, None, None, None)
    return PlanStep(
        step_index=index,
        description=seeded or progress.step_description or progress.first_summary,
        action=progress.action or "pending",
        started_at=progress.started_at,
        completed_at=progress.completed_at,
        turns=progress.turns,
        tokens=progress.tokens,
    )


def _goal(seed: EventRecord | None, data: Mapping[str, Any]) -> str | None:
    """``data.goal`` (data model §4.4) when present, else the summary -- which is the goal
    itself in what hiveloop sends (API spec §12.9)."""
    if seed is None:
        return None
    goal = str_field(data, "goal")
    if goal is not None and goal.strip():
        return goal
    return payload_summary(seed.payload)
