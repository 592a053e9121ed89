"""Retention rules: how long a tenant's events live, and which old heartbeats compaction keeps.

Reference (data model §7): events older than the tenant's retention are deleted; heartbeats
older than 24 hours are compacted to one per agent and hour, keeping the most recent one that
carries a payload, else the most recent. Everything here is pure; ``now`` is a parameter.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

TENANT_SETTING = "retention_days"
MAX_RETENTION_DAYS = 36_500


@dataclass(frozen=True, slots=True)
class RetentionPolicy:
    retention_days: int
    compaction_hours: int

    def purge_before(self, now: datetime) -> datetime:
        """Events with a timestamp strictly before this instant are deleted."""
        return now - timedelta(days=self.retention_days)

    def compact_before(self, now: datetime) -> datetime:
        """Heartbeats before this instant are compacted: the start of the hour the compaction
        age falls in, so an hour is compacted once, when every heartbeat in it is old enough."""
        return hour_of(now - timedelta(hours=self.compaction_hours))


def retention_days(tenant_settings: Mapping[str, Any], default: int) -> int:
    """``{"retention_days": 7}`` in ``tenants.settings`` overrides the server default; anything
    that is not a whole number of days in 1…36500 is ignored (the default applies)."""
    value = tenant_settings.get(TENANT_SETTING)
    if type(value) is int and 1 <= value <= MAX_RETENTION_DAYS:
        return value
    return default


def hour_of(ts: datetime) -> datetime:
    return ts.replace(minute=0, second=0, microsecond=0)


def carries_payload(payload: Any) -> bool:
    """A payload counts when it is present and not empty (``{}`` and ``null`` do not)."""
    return payload is not None and payload != {} and payload != []


@dataclass(frozen=True, slots=True)
class Heartbeat:
    seq: int
    agent_id: str
    timestamp: datetime
    has_payload: bool


def _preference(hb: Heartbeat) -> tuple[bool, datetime, int]:
    # seq breaks timestamp ties so the choice is the same on every run and database.
    return hb.has_payload, hb.timestamp, hb.seq


def heartbeats_to_drop(heartbeats: Iterable[Heartbeat],
                       latest: Mapping[str, datetime] | None = None) -> list[int]:
    """The ``seq`` of every heartbeat compaction deletes from complete hours.

    Per (agent, hour) the kept heartbeat is the most recent one with a payload, else the most
    recent. An agent's latest heartbeat overall (``latest``, its profile's ``last_heartbeat``)
    is never dropped, so the profile never points at a deleted event.
    """
    groups: dict[tuple[str, datetime], list[Heartbeat]] = defaultdict(list)
    for hb in heartbeats:
        groups[(hb.agent_id, hour_of(hb.timestamp))].append(hb)
    protected = latest or {}
    drop: list[int] = []
    for (agent_id, _hour), members in groups.items():
        keep = max(members, key=_preference)
        drop.extend(hb.seq for hb in members
                    if hb is not keep and hb.timestamp != protected.get(agent_id))
    return sorted(drop)


def complete_hours(rows: Sequence[Heartbeat], exhausted: bool
                   ) -> tuple[list[Heartbeat], list[Heartbeat]]:
    """Split rows read in timestamp order into (hours known complete, the rest).

    While more rows may follow (``exhausted`` false), the hour of the last row read may
    continue on the next page, so it is held back; earlier hours cannot grow any more.
    """
    if exhausted or not rows:
        return list(rows), []
    open_hour = hour_of(rows[-1].timestamp)
    done = [hb for hb in rows if hour_of(hb.timestamp) < open_hour]
    return done, [hb for hb in rows if hour_of(hb.timestamp) >= open_hour]
