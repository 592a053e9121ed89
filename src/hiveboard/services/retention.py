"""The retention pass: per workspace, purge events past the tenant's retention (with the alert
history and the hourly LLM usage), then compact heartbeats older than the compaction age.

It is synchronous and made of many short transactions (``Settings.retention_batch_rows`` rows
each), so the CLI drives it directly and the background job runs it in a worker thread;
``should_stop`` is checked between transactions so shutdown never waits for a whole pass.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields
from datetime import datetime

from hiveboard.domain.retention import (
    Heartbeat,
    RetentionPolicy,
    complete_hours,
    heartbeats_to_drop,
    retention_days,
)
from hiveboard.errors import NotFound
from hiveboard.settings import Settings
from hiveboard.store import retention as store
from hiveboard.store.database import Database

Progress = Callable[[int], object]


@dataclass(frozen=True, slots=True)
class Target:
    """One workspace and the rule that applies to it."""

    workspace: store.Workspace
    policy: RetentionPolicy

    @property
    def label(self) -> str:
        return f"{self.workspace.tenant_name}/{self.workspace.mode}"


@dataclass(slots=True)
class Report:
    events_deleted: int = 0
    heartbeats_compacted: int = 0
    tasks_removed: int = 0
    tasks_rebuilt: int = 0
    agents_removed: int = 0
    alerts_deleted: int = 0

    def add(self, other: Report) -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    def note(self, repairs: store.Repairs) -> None:
        self.tasks_removed += repairs.tasks_removed
        self.tasks_rebuilt += repairs.tasks_rebuilt
        self.agents_removed += repairs.agents_removed


class Retention:
    def __init__(self, db: Database, settings: Settings, *,
                 should_stop: Callable[[], bool] = lambda: False) -> None:
        self._db = db
        self._settings = settings
        self._chunk = settings.retention_batch_rows
        self._should_stop = should_stop

    def targets(self, tenant_name: str | None = None) -> list[Target]:
        """Every workspace, or the named tenant's two; an unknown name is :class:`NotFound`."""
        found = self._db.read_sync(store.workspaces, tenant_name)
        if tenant_name is not None and not found:
            raise NotFound(f"no tenant named {tenant_name!r}")
        s = self._settings
        return [Target(ws, RetentionPolicy(retention_days(ws.tenant_settings, s.retention_days),
                                           s.retention_compaction_hours)) for ws in found]

    def candidates(self, target: Target, now: datetime) -> int:
        """Rows the pass will look at (the progress total): events to purge, heartbeats to
        consider for compaction."""
        ws, purge = target.workspace.workspace_id, target.policy.purge_before(now)
        compact = target.policy.compact_before(now)
        total = self._db.read_sync(store.count_events_before, ws, purge)
        if compact > purge:
            total += self._db.read_sync(store.count_heartbeats, ws, purge, compact)
        return total

    def run(self, target: Target, now: datetime, *, dry_run: bool = False,
            progress: Progress | None = None) -> Report:
        tick: Progress = progress or (lambda _n: None)
        report = Report()
        purge = target.policy.purge_before(now)
        if dry_run:
            report.events_deleted = self._db.read_sync(
                store.count_events_before, target.workspace.workspace_id, purge)
            tick(report.events_deleted)
        else:
            self._purge(target, purge, report, tick)
        self._compact(target, purge, target.policy.compact_before(now), report, tick, dry_run)
        return report

    def _purge(self, target: Target, before: datetime, report: Report, tick: Progress) -> None:
        ws = target.workspace.workspace_id
        while not self._should_stop():
            repairs = self._db.write_sync(store.purge_events, ws, before, self._chunk)
            report.events_deleted += repairs.deleted
            report.note(repairs)
            tick(repairs.deleted)
            if repairs.deleted < self._chunk:  # a short chunk was the last one
                break
        self._db.write_sync(store.purge_llm_usage, ws, before)
        while not self._should_stop():
            deleted = self._db.write_sync(store.purge_alert_history, ws, before, self._chunk)
            report.alerts_deleted += deleted
            if deleted < self._chunk:
                break

    def _compact(self, target: Target, since: datetime, before: datetime, report: Report,
                 tick: Progress, dry_run: bool) -> None:
        ws = target.workspace.workspace_id
        for hours in self._complete_hours(ws, since, before, tick):
            latest = self._db.read_sync(store.latest_heartbeats, ws,
                                        {hb.agent_id for hb in hours})
            victims = heartbeats_to_drop(hours, latest)
            if dry_run:
                report.heartbeats_compacted += len(victims)
                continue
            for start in range(0, len(victims), self._chunk):
                if self._should_stop():
                    return
                repairs = self._db.write_sync(store.drop_heartbeats, ws,
                                              victims[start:start + self._chunk], since)
                report.heartbeats_compacted += repairs.deleted
                report.note(repairs)

    def _complete_hours(self, ws: int, since: datetime, before: datetime,
                        tick: Progress) -> Iterator[list[Heartbeat]]:
        """Heartbeats in [since, before), a page at a time, cut at hour boundaries so each
        (agent, hour) group is decided whole."""
        if before <= since:
            return
        pending: list[Heartbeat] = []
        after: tuple[datetime, int] | None = None
        while not self._should_stop():
            page = self._db.read_sync(store.heartbeat_page, ws, since, before, after,
                                      self._chunk)
            tick(len(page))
            exhausted = len(page) < self._chunk
            if page:
                after = (page[-1].timestamp, page[-1].seq)
            done, pending = complete_hours([*pending, *page], exhausted)
            if done:
                yield done
            if exhausted:
                return
