from __future__ import annotations

from typing import Any

import pytest

from hiveboard.domain.records import EventRecord
from hiveboard.domain.timeline import (
    ActionNode,
    ErrorChain,
    build_action_tree,
    build_error_chains,
)
from tests.domain.factories import at, make_event


def start(action_id: str, t: float, parent: str | None = None, **payload: Any) -> EventRecord:
    return make_event(
        event_type="action_started",
        action_id=action_id,
        parent_action_id=parent,
        timestamp=at(t),
        payload=payload or {"action_name": f"fn_{action_id}"},
    )


def end(
    action_id: str,
    t: float,
    *,
    failed: bool = False,
    parent: str | None = None,
    **fields: Any,
) -> EventRecord:
    return make_event(
        event_type="action_failed" if failed else "action_completed",
        action_id=action_id,
        parent_action_id=parent,
        timestamp=at(t),
        **fields,
    )


def shape(nodes: list[ActionNode]) -> list[object]:
    """Tree as nested (action_id, [children]) for compact assertions."""
    return [(node.action_id, shape(node.children)) for node in nodes]


class TestActionTree:
    def test_sample_batch_shape(self) -> None:
        # evt-004..evt-008 of the shared sample batch: act-002 nested in act-001.
        events = [
            start("act-001-score", 1, action_name="score_lead", function="agents.sales.score"),
            make_event(
                event_type="custom",
                action_id="act-001-score",
                timestamp=at(2),
                payload={"kind": "llm_call", "summary": "llm", "data": {}},
            ),
            end(
                "act-001-score",
                5,
                status="success",
                duration_ms=4000,
                payload={"action_name": "score_lead"},
            ),
            start("act-002-enrich", 6, parent="act-001-score", action_name="enrich_lead"),
            end(
                "act-002-enrich",
                8,
                failed=True,
                parent="act-001-score",
                status="failure",
                duration_ms=2000,
            ),
        ]
        assert build_action_tree(events) == [
            ActionNode(
                action_id="act-001-score",
                name="score_lead",
                parent_action_id=None,
                status="success",
                started_at=at(1),
                completed_at=at(5),
                duration_ms=4000,
                children=[
                    ActionNode(
                        action_id="act-002-enrich",
                        name="enrich_lead",
                        parent_action_id="act-001-score",
                        status="failure",
                        started_at=at(6),
                        completed_at=at(8),
                        duration_ms=2000,
                        children=[],
                    )
                ],
            )
        ]

    @pytest.mark.parametrize(
        ("payload", "expected"),
        [
            (
                {"data": {"action_name": "from_data"}, "action_name": "top", "summary": "s"},
                "from_data",
            ),
            ({"action_name": "top", "summary": "s"}, "top"),
            ({"summary": "from summary"}, "from summary"),
            ({"action_name": "  ", "summary": "blank name skipped"}, "blank name skipped"),
            ({"data": "not a dict", "action_name": 5, "summary": ["x"]}, "act"),
            ({}, "act"),
        ],
    )
    def test_name_sources(self, payload: dict[str, Any], expected: str) -> None:
        event = make_event(event_type="action_started", action_id="act", payload=payload)
        [node] = build_action_tree([event])
        assert node.name == expected

    def test_name_of_payloadless_start_falls_back_to_completion_then_id(self) -> None:
        events = [
            make_event(event_type="action_started", action_id="a", timestamp=at(0)),
            end("a", 1, payload={"action_name": "late_name"}),
            make_event(event_type="action_started", action_id="b", timestamp=at(0), payload=None),
        ]
        assert [n.name for n in build_action_tree(events)] == ["late_name", "b"]

    @pytest.mark.parametrize(
        ("events", "status", "completed_at", "duration_ms"),
        [
            ([start("a", 0)], "running", None, None),
            ([start("a", 0), end("a", 2.5)], "success", at(2.5), 2500),
            ([start("a", 0), end("a", 2, failed=True)], "failure", at(2), 2000),
            (
                [start("a", 0), end("a", 2, status="timeout", duration_ms=1999)],
                "timeout",
                at(2),
                1999,
            ),
            (
                [start("a", 0), end("a", 2, failed=True, status="cancelled")],
                "cancelled",
                at(2),
                2000,
            ),
            # input order does not matter, timestamps do
            ([end("a", 2), start("a", 0)], "success", at(2), 2000),
            # restarted after finishing: running again
            ([start("a", 0), end("a", 1), start("a", 2)], "running", None, None),
        ],
    )
    def test_status_and_duration(
        self, events: list[EventRecord], status: str, completed_at: object, duration_ms: int | None
    ) -> None:
        [node] = build_action_tree(events)
        assert (node.status, node.completed_at, node.duration_ms) == (
            status,
            completed_at,
            duration_ms,
        )
        assert node.started_at == at(0)

    def test_completion_without_start(self) -> None:
        [node] = build_action_tree([end("a", 3, parent=None, payload={"action_name": "n"})])
        assert (node.name, node.status, node.started_at, node.completed_at, node.duration_ms) == (
            "n",
            "success",
            None,
            at(3),
            None,
        )

    def test_completion_without_start_keeps_its_parent(self) -> None:
        tree = build_action_tree([start("p", 0), end("c", 3, parent="p")])
        assert shape(tree) == [("p", [("c", [])])]

    def test_only_action_events_create_nodes(self) -> None:
        events = [
            make_event(event_type="custom", action_id="x", payload={"kind": "llm_call"}),
            make_event(event_type="task_started", action_id="y"),
            make_event(event_type="action_started", action_id=None),
            make_event(event_type="action_started", action_id=""),
        ]
        assert build_action_tree(events) == []

    def test_children_and_roots_ordered_by_start_time_not_input_order(self) -> None:
        events = [
            start("root-late", 10),
            start("c3", 7, parent="root-early"),
            start("c1", 2, parent="root-early"),
            start("root-early", 1),
            start("c2", 4, parent="root-early"),
            start("gc", 5, parent="c1"),
        ]
        assert shape(build_action_tree(events)) == [
            ("root-early", [("c1", [("gc", [])]), ("c2", []), ("c3", [])]),
            ("root-late", []),
        ]

    def test_orphan_parent_and_self_parent_become_roots(self) -> None:
        events = [start("orphan", 1, parent="never-seen"), start("selfish", 2, parent="selfish")]
        tree = build_action_tree(events)
        assert shape(tree) == [("orphan", []), ("selfish", [])]
        assert [n.parent_action_id for n in tree] == ["never-seen", "selfish"]

    @pytest.mark.parametrize(
        ("links", "expected"),
        [
            # two-cycle: entered at the earliest member
            ({"a": ("b", 1), "b": ("a", 2)}, [("a", [("b", [])])]),
            # three-cycle with a tail hanging below it
            (
                {"a": ("c", 3), "b": ("a", 1), "c": ("b", 2), "tail": ("a", 4)},
                [("b", [("c", [("a", [("tail", [])])])])],
            ),
            # a cycle next to a healthy tree
            (
                {"r": (None, 0), "k": ("r", 1), "x": ("y", 5), "y": ("x", 6)},
                [("r", [("k", [])]), ("x", [("y", [])])],
            ),
        ],
    )
    def test_cycles_terminate_and_keep_every_action_once(
        self, links: dict[str, tuple[str | None, float]], expected: list[object]
    ) -> None:
        events = [start(a, t, parent=p) for a, (p, t) in links.items()]
        assert shape(build_action_tree(events)) == expected

    def test_deep_nesting_does_not_recurse(self) -> None:
        depth = 5_000
        events = [start(f"a{i}", i, parent=f"a{i - 1}" if i else None) for i in range(depth)]
        node = build_action_tree(events)[0]
        seen = 1
        while node.children:
            [node] = node.children
            seen += 1
        assert seen == depth

    def test_duplicate_start_keeps_the_first(self) -> None:
        events = [start("a", 0, action_name="first"), start("a", 1, action_name="second")]
        [node] = build_action_tree(events)
        assert (node.name, node.started_at) == ("first", at(0))

    def test_clock_skew_never_yields_negative_duration(self) -> None:
        [node] = build_action_tree([start("a", 5), end("a", 5)])
        assert node.duration_ms == 0


def linked(event_id: str, t: float, parent: str | None = None) -> EventRecord:
    return make_event(event_id=event_id, timestamp=at(t), parent_event_id=parent)


class TestErrorChains:
    def test_sample_batch_retry_and_escalation_share_one_chain(self) -> None:
        events = [
            linked("evt-007-action-started", 6),
            linked("evt-008-action-failed", 8),
            linked("evt-009-retry", 9, "evt-008-action-failed"),
            linked("evt-010-escalated", 15, "evt-008-action-failed"),
        ]
        assert build_error_chains(events) == [
            ErrorChain(
                original_event_id="evt-008-action-failed",
                chain=["evt-008-action-failed", "evt-009-retry", "evt-010-escalated"],
            )
        ]

    def test_spec_example_linear_and_branching_links_flatten_in_time_order(self) -> None:
        events = [
            linked("evt_retry_002", 4, "evt_retry_fail_001"),
            linked("evt_retry_fail_001", 3, "evt_retry_001"),
            linked("evt_err_001", 1),
            linked("evt_retry_001", 2, "evt_err_001"),
        ]
        assert build_error_chains(events) == [
            ErrorChain(
                "evt_err_001",
                ["evt_err_001", "evt_retry_001", "evt_retry_fail_001", "evt_retry_002"],
            )
        ]

    @pytest.mark.parametrize(
        ("events", "expected"),
        [
            ([], []),
            ([linked("a", 1), linked("b", 2)], []),
            # the parent is outside the set: no chain of two
            ([linked("retry", 2, "elsewhere")], []),
            # self-links are ignored
            ([linked("a", 1, "a")], []),
            # two independent chains, ordered by their original's time
            (
                [linked("y2", 6, "y"), linked("x", 3), linked("y", 5), linked("x2", 4, "x")],
                [ErrorChain("x", ["x", "x2"]), ErrorChain("y", ["y", "y2"])],
            ),
            # a link into the middle of a chain from outside the set starts no new chain
            (
                [linked("b", 2, "missing"), linked("c", 3, "b")],
                [ErrorChain("b", ["b", "c"])],
            ),
        ],
    )
    def test_chain_rules(self, events: list[EventRecord], expected: list[ErrorChain]) -> None:
        assert build_error_chains(events) == expected

    def test_cycles_are_entered_at_their_earliest_event(self) -> None:
        events = [
            linked("a", 2, "c"),
            linked("b", 1, "a"),
            linked("c", 3, "b"),
            linked("d", 4, "a"),
        ]
        assert build_error_chains(events) == [ErrorChain("b", ["b", "a", "c", "d"])]

    def test_duplicate_event_ids_count_once(self) -> None:
        events = [linked("a", 1), linked("a", 1), linked("b", 2, "a"), linked("b", 2, "a")]
        assert build_error_chains(events) == [ErrorChain("a", ["a", "b"])]

    def test_long_chain_does_not_recurse(self) -> None:
        n = 5_000
        events = [linked(f"e{i}", i, f"e{i - 1}" if i else None) for i in range(n)]
        [chain] = build_error_chains(events)
        assert chain.chain == [f"e{i}" for i in range(n)]
