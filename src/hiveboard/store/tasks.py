"""Task rollups: one row per task, folded from newly inserted events in the ingest transaction."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import fields
from typing import Any

from sqlalchemy import and_, bindparam, update
from sqlalchemy.engine import Connection

from hiveboard.domain.task_outcomes import OutcomeKey, add_change
from hiveboard.domain.task_rollup import (
    TaskRollup,
    effective_duration_ms,
    facts_from_row,
    fold,
    rollup_fields,
)
from hiveboard.store import task_outcomes
from hiveboard.store.dialect import built_once, current_rows, insert_for
from hiveboard.store.tables import TASKS

_FIELDS = [f.name for f in fields(TaskRollup)]


def stored_values(rollup: TaskRollup) -> dict[str, Any]:
    """The row form of a rollup (ingest folds into it; retention rebuilds it)."""
    values = rollup_fields(rollup)
    values["started_at"] = rollup.started_at or rollup.first_event_at
    values["duration_ms"] = effective_duration_ms(rollup)
    return values


def _insert_new(dialect: str) -> Any:
    return (insert_for(dialect)(TASKS)
            .on_conflict_do_nothing(index_elements=["workspace_id", "task_id"])
            .returning(TASKS.c.task_id))


_select_current = current_rows(TASKS, "task_id", _FIELDS)


def _update(dialect: str) -> Any:
    return update(TASKS).where(and_(TASKS.c.workspace_id == bindparam("b_ws"),
                                    TASKS.c.task_id == bindparam("b_task")))


def apply_batch(conn: Connection, workspace_id: int, rows: Sequence[dict[str, Any]]) -> None:
    """Fold inserted event rows into their tasks (rows without a task_id are ignored), and
    move each task's contribution to the hourly outcome rollup from its old row to its new."""
    per_task: dict[str, list[Any]] = defaultdict(list)
    for row in rows:
        if row["task_id"] is not None:
            per_task[row["task_id"]].append(facts_from_row(row))
    if not per_task:
        return
    task_ids = sorted(per_task)
    seeds = {tid: fold(None, per_task[tid]) for tid in task_ids}
    created = {r[0] for r in conn.execute(
        built_once(conn, _insert_new),
        [{"workspace_id": workspace_id, "task_id": tid, **stored_values(seeds[tid])}
         for tid in task_ids],
    )}
    changes: dict[OutcomeKey, dict[str, int]] = {}
    for tid in created:
        add_change(changes, None, task_outcomes.outcome(stored_values(seeds[tid])))
    existing = [tid for tid in task_ids if tid not in created]
    if not existing:
        task_outcomes.apply_changes(conn, workspace_id, changes)
        return
    updates = []
    found_rows = conn.execute(built_once(conn, _select_current),
                              {"b_ws": workspace_id, "b_keys": existing})
    for found in found_rows.mappings():
        current = TaskRollup(**{name: found[name] for name in _FIELDS})
        merged = stored_values(fold(current, per_task[found["task_id"]]))
        add_change(changes, task_outcomes.outcome(found), task_outcomes.outcome(merged))
        updates.append({"b_ws": workspace_id, "b_task": found["task_id"], **merged})
    if updates:
        conn.execute(built_once(conn, _update), updates)
    task_outcomes.apply_changes(conn, workspace_id, changes)
