"""The structured parts of a task timeline (API spec §4.4): action tree and error chains.

Both are built from links the *client* wrote (``parent_action_id``, ``parent_event_id``), so
both must survive links that point nowhere, point at themselves or form cycles: a broken SDK or
a hand-written event may never hang or crash a timeline request. Every traversal here walks an
explicit stack with a visited set -- no recursion, so deep nesting cannot overflow either.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Final

from hiveboard.domain.payload_conventions import payload_data, payload_summary, str_field
from hiveboard.domain.records import EventRecord, chronological

ACTION_EVENT_TYPES: Final[frozenset[str]] = frozenset(
    {"action_started", "action_completed", "action_failed"}
)


@dataclass(frozen=True, slots=True)
class ActionNode:
    """One tracked action and the actions nested inside it, children ordered by start time.

    ``status`` is ``running`` while the action's latest lifecycle event is its start; after a
    terminal event it is that event's own ``status`` field when set, else ``success`` /
    ``failure`` by event type. ``started_at`` is None when the start event was never received.
    ``parent_action_id`` is always the value the client reported, even for a node that had to
    be shown as a root because that parent is unknown or part of a cycle.
    """

    action_id: str
    name: str
    parent_action_id: str | None
    status: str
    started_at: datetime | None
    completed_at: datetime | None
    duration_ms: int | None
    children: list[ActionNode] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class ErrorChain:
    """An original event and every event linked to it through ``parent_event_id``: original
    first, the rest in timestamp order."""

    original_event_id: str
    chain: list[str]


@dataclass(slots=True)
class _ActionDraft:
    """Everything seen about one ``action_id`` while scanning its events in time order.

    Name and parent come from the (first) start event when it has them -- that is where the SDK
    puts them -- and from the earliest other event otherwise.
    """

    action_id: str
    start: EventRecord | None = None
    latest: EventRecord | None = None
    start_name: str | None = None
    other_name: str | None = None
    start_parent: str | None = None
    other_parent: str | None = None

    @property
    def anchor(self) -> EventRecord:
        """The event that places the action in time: its start, else its latest event."""
        anchor = self.start or self.latest
        assert anchor is not None, "a draft is created from one of its events"
        return anchor

    @property
    def name(self) -> str:
        return self.start_name or self.other_name or self.action_id

    @property
    def parent(self) -> str | None:
        return self.start_parent or self.other_parent


@dataclass(frozen=True, slots=True)
class _Forest:
    roots: list[str]
    preorder: list[str]
    children: dict[str, list[str]]


def build_action_tree(events: Iterable[EventRecord]) -> list[ActionNode]:
    """Nest a task's actions by ``parent_action_id``; roots and siblings ordered by start time.

    Only ``action_*`` events define actions (an LLM call tagged with an ``action_id`` belongs
    to an action but does not create one). An action is a root when it names no parent, names
    itself, or names an action absent from the events -- e.g. one outside the requested run. An
    action only received as completed/failed still appears, without ``started_at``. Actions whose
    parent links form a cycle hang under the cycle's earliest member, so each appears once.
    """
    drafts = _collect_actions(events)
    rank = {
        action_id: index
        for index, action_id in enumerate(
            sorted(drafts, key=lambda a: drafts[a].anchor.timestamp)  # stable: first seen first
        )
    }
    parent_of: dict[str, str] = {}
    for action_id, draft in drafts.items():
        parent = draft.parent
        if parent is not None and parent != action_id and parent in drafts:
            parent_of[action_id] = parent
    forest = _spanning_forest(sorted(drafts, key=rank.__getitem__), parent_of, rank)

    built: dict[str, ActionNode] = {}
    for action_id in reversed(forest.preorder):  # descendants before their ancestors
        kids = [built[child] for child in forest.children[action_id]]
        built[action_id] = _make_node(drafts[action_id], kids)
    return [built[root] for root in forest.roots]


def build_error_chains(events: Iterable[EventRecord]) -> list[ErrorChain]:
    """Group events linked by ``parent_event_id`` into one chain per original event.

    An original is an event that others point to and whose own parent is absent from the set.
    A retry and an escalation that both point at one failure share a chain (a tree flattened in
    time order, as in the spec's example). Events linked to nothing are not chains and are left
    out, as are links to events outside the set. Chains are ordered by their original's time.
    Duplicate event ids count once (the earliest).
    """
    rank: dict[str, int] = {}
    ordered: list[EventRecord] = []
    for event in chronological(events):
        if event.event_id not in rank:
            rank[event.event_id] = len(ordered)
            ordered.append(event)
    parent_of = {
        event.event_id: event.parent_event_id
        for event in ordered
        if event.parent_event_id is not None
        and event.parent_event_id != event.event_id
        and event.parent_event_id in rank
    }
    linked = {*parent_of, *parent_of.values()}
    forest = _spanning_forest(sorted(linked, key=rank.__getitem__), parent_of, rank)
    # Every node of ``linked`` is on a link, so every root has at least one descendant: no
    # chain can come out shorter than two events.
    return [
        ErrorChain(
            original_event_id=root,
            chain=[root, *sorted(_descendants(root, forest.children), key=rank.__getitem__)],
        )
        for root in forest.roots
    ]


def _collect_actions(events: Iterable[EventRecord]) -> dict[str, _ActionDraft]:
    drafts: dict[str, _ActionDraft] = {}
    for event in chronological(events):
        if event.event_type not in ACTION_EVENT_TYPES or not event.action_id:
            continue
        draft = drafts.setdefault(event.action_id, _ActionDraft(event.action_id))
        draft.latest = event
        if event.event_type == "action_started" and draft.start is None:
            draft.start = event
            draft.start_name = _action_name(event)
            draft.start_parent = event.parent_action_id or None
        else:
            draft.other_name = draft.other_name or _action_name(event)
            draft.other_parent = draft.other_parent or event.parent_action_id or None
    return drafts


def _action_name(event: EventRecord) -> str | None:
    for candidate in (
        str_field(payload_data(event.payload), "action_name"),
        str_field(event.payload, "action_name") if isinstance(event.payload, Mapping) else None,
        payload_summary(event.payload),
    ):
        if candidate is not None and candidate.strip():
            return candidate
    return None


def _make_node(draft: _ActionDraft, children: list[ActionNode]) -> ActionNode:
    started_at = draft.start.timestamp if draft.start is not None else None
    latest = draft.latest
    terminal = latest if latest is not None and latest.event_type != "action_started" else None
    if terminal is None:
        status, completed_at, duration_ms = "running", None, None
    else:
        default = "success" if terminal.event_type == "action_completed" else "failure"
        status = terminal.status or default
        completed_at = terminal.timestamp
        duration_ms = terminal.duration_ms
        if duration_ms is None and started_at is not None:
            duration_ms = max(0, round((completed_at - started_at).total_seconds() * 1000))
    return ActionNode(
        action_id=draft.action_id,
        name=draft.name,
        parent_action_id=draft.parent,
        status=status,
        started_at=started_at,
        completed_at=completed_at,
        duration_ms=duration_ms,
        children=children,
    )


def _spanning_forest(
    nodes: Sequence[str], parent_of: Mapping[str, str], rank: Mapping[str, int]
) -> _Forest:
    """A forest covering every node exactly once, following ``parent_of`` links.

    ``nodes`` must be in rank order. Natural roots (no parent) come first; any node left over
    can only lie on, or hang below, a parent cycle, which is entered at its lowest-ranked
    member. Roots and children come out in rank order.
    """
    children: defaultdict[str, list[str]] = defaultdict(list)
    for node in nodes:  # rank order, so every children list is already sorted
        if node in parent_of:
            children[parent_of[node]].append(node)
    visited: set[str] = set()
    roots: list[str] = []
    preorder: list[str] = []
    tree_children: dict[str, list[str]] = {}

    def walk(root: str) -> None:
        roots.append(root)
        visited.add(root)
        stack = [root]
        while stack:
            node = stack.pop()
            preorder.append(node)
            kids = [child for child in children.get(node, ()) if child not in visited]
            visited.update(kids)
            tree_children[node] = kids
            stack.extend(reversed(kids))

    for node in nodes:
        if node not in parent_of:
            walk(node)
    for node in nodes:
        if node not in visited:
            walk(_cycle_entry(node, parent_of, rank))
    roots.sort(key=rank.__getitem__)
    return _Forest(roots=roots, preorder=preorder, children=tree_children)


def _cycle_entry(start: str, parent_of: Mapping[str, str], rank: Mapping[str, int]) -> str:
    """The lowest-ranked member of the parent cycle above ``start``.

    Called only for nodes no root reaches, whose parent chain therefore cannot end: it must
    revisit a node, and the first revisited node lies on the cycle.
    """
    seen: set[str] = set()
    node = start
    while node not in seen:
        seen.add(node)
        node = parent_of[node]
    cycle = [node]
    member = parent_of[node]
    while member != node:
        cycle.append(member)
        member = parent_of[member]
    return min(cycle, key=rank.__getitem__)


def _descendants(root: str, children: Mapping[str, list[str]]) -> list[str]:
    found: list[str] = []
    stack = list(children.get(root, ()))
    while stack:
        node = stack.pop()
        found.append(node)
        stack.extend(children.get(node, ()))
    return found
