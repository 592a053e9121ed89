"""Who receives a published frame: subscriptions indexed so a message is matched against the
few filter groups that can want it, not against every connection.

Connections with identical (workspace, channels, filters) share one group, and groups are
indexed by workspace and by their ``agent_id`` filter. Delivery never blocks: it offers the
frame to each member's bounded queue, and a full queue makes that member a slow consumer.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

SEVERITY_RANK = {"debug": 0, "info": 1, "warn": 2, "error": 3}


@dataclass(frozen=True, slots=True)
class Filters:
    """Filters in force for one connection (a ``subscribe`` replaces them whole)."""

    project_id: str | None = None
    environment: str | None = None
    group: str | None = None
    agent_id: str | None = None
    event_types: tuple[str, ...] | None = None
    min_severity: str = "info"

    def applied(self) -> dict[str, Any]:
        """As echoed in ``subscribed``: every field present, defaults filled in."""
        return {"project_id": self.project_id, "environment": self.environment,
                "group": self.group, "agent_id": self.agent_id,
                "event_types": None if self.event_types is None else list(self.event_types),
                "min_severity": self.min_severity}


@dataclass(slots=True)
class Outbound:
    """One encoded frame and the facts filters are matched against (not frozen: built for
    every event, and a frozen dataclass's ``__init__`` costs several times more)."""

    workspace_id: int
    channel: str
    frame: str
    agent_id: str
    environment: str | None
    group: str | None
    projects: frozenset[str]
    """Project ids and slugs a ``project_id`` filter may name to receive this frame."""
    event_type: str | None = None
    severity: int = 0


class Subscriber(Protocol):
    def offer_many(self, frames: list[str]) -> None:
        """Take frames in order; must not block and must not unsubscribe synchronously."""


class _Group:
    __slots__ = ("channels", "event_types", "filters", "members", "min_rank")

    def __init__(self, channels: frozenset[str], filters: Filters) -> None:
        self.channels = channels
        self.filters = filters
        self.event_types = None if filters.event_types is None else frozenset(filters.event_types)
        self.min_rank = SEVERITY_RANK[filters.min_severity]
        self.members: dict[Subscriber, None] = {}

    def matches(self, m: Outbound) -> bool:
        f = self.filters
        if m.channel not in self.channels:
            return False
        if f.environment is not None and m.environment != f.environment:
            return False
        if f.group is not None and m.group != f.group:
            return False
        if f.project_id is not None and f.project_id not in m.projects:
            return False
        if m.channel == "events":
            if m.severity < self.min_rank:
                return False
            if self.event_types is not None and m.event_type not in self.event_types:
                return False
        return True


_Key = tuple[int, frozenset[str], Filters]


class Fanout:
    def __init__(self) -> None:
        self._groups: dict[_Key, _Group] = {}
        self._index: dict[int, dict[str | None, list[_Group]]] = {}
        self._member_of: dict[Subscriber, _Key] = {}

    def __len__(self) -> int:
        return len(self._member_of)

    def watches(self, workspace_id: int) -> bool:
        """Whether any subscriber of this worker listens to the workspace."""
        return workspace_id in self._index

    def subscribe(self, sub: Subscriber, workspace_id: int, channels: frozenset[str],
                  filters: Filters) -> None:
        self.remove(sub)
        if not channels:
            return
        key = (workspace_id, channels, filters)
        group = self._groups.get(key)
        if group is None:
            group = self._groups[key] = _Group(channels, filters)
            by_agent = self._index.setdefault(workspace_id, {})
            by_agent.setdefault(filters.agent_id, []).append(group)
        group.members[sub] = None
        self._member_of[sub] = key

    def remove(self, sub: Subscriber) -> None:
        key = self._member_of.pop(sub, None)
        if key is None:
            return
        group = self._groups[key]
        del group.members[sub]
        if group.members:
            return
        del self._groups[key]
        by_agent = self._index[key[0]]
        siblings = by_agent[key[2].agent_id]
        siblings.remove(group)
        if not siblings:
            del by_agent[key[2].agent_id]
        if not by_agent:
            del self._index[key[0]]

    def wants(self, m: Outbound) -> bool:
        """Whether any subscriber of this worker would receive ``m`` (its frame unused)."""
        by_agent = self._index.get(m.workspace_id)
        if by_agent is None:
            return False
        return any(group.matches(m) for key in (m.agent_id, None)
                   for group in by_agent.get(key, ()))

    def deliver(self, messages: Iterable[Outbound]) -> int:
        """Offer each message to every matching subscriber; returns the number of offers.

        Each subscriber gets its frames of the whole call at once, in order, so a run of
        frames costs one hand-over (and usually one socket write) per connection.
        """
        runs: dict[Subscriber, list[str]] = {}
        offers = 0
        for m in messages:
            by_agent = self._index.get(m.workspace_id)
            if by_agent is None:
                continue
            for groups in (by_agent.get(m.agent_id), by_agent.get(None)):
                if not groups:
                    continue
                for group in groups:
                    if group.matches(m):
                        for sub in group.members:
                            runs.setdefault(sub, []).append(m.frame)
                            offers += 1
        for sub, frames in runs.items():
            sub.offer_many(frames)
        return offers
