from __future__ import annotations

import hashlib
from typing import Any

import pytest

from hiveboard.domain.pipeline import (
    IssueItem,
    QueueState,
    TodoItem,
    aggregate_issues,
    aggregate_todos,
    issue_key,
    latest_queue,
    latest_scheduled,
)
from hiveboard.domain.records import EventRecord
from tests.domain.factories import at, kind_event, make_event

NOT_THIS_KIND = [
    make_event(event_type="custom", payload={"kind": "llm_call", "data": {}}),
    make_event(event_type="heartbeat", payload={"kind": "queue_snapshot", "data": {"depth": 1}}),
    make_event(event_type="task_started"),
]


@pytest.mark.parametrize(
    "fold", [latest_queue, aggregate_todos, latest_scheduled, aggregate_issues]
)
@pytest.mark.parametrize("events", [[], NOT_THIS_KIND])
def test_every_view_is_none_without_events_of_its_kind(
    fold: Any, events: list[EventRecord]
) -> None:
    assert fold(events) is None


class TestQueue:
    ITEMS: list[dict[str, Any]] = [
        {"id": "qi-001", "priority": "high", "source": "webhook", "summary": "New lead"},
        {"id": "qi-002", "priority": "normal", "source": "scheduled", "summary": "Re-score"},
    ]
    PROCESSING = {"id": "evt_003", "summary": "Sending email", "elapsed_ms": 4500}

    def test_latest_snapshot_by_time_not_input_order(self) -> None:
        newest = kind_event(
            "queue_snapshot",
            {
                "depth": 2,
                "oldest_age_seconds": 120,
                "items": self.ITEMS,
                "processing": self.PROCESSING,
            },
            t=50,
            event_id="new",
        )
        older = kind_event("queue_snapshot", {"depth": 9}, t=10, event_id="old")
        assert latest_queue([newest, older]) == QueueState(
            event_id="new",
            snapshot_at=at(50),
            depth=2,
            oldest_age_seconds=120,
            items=self.ITEMS,
            processing=self.PROCESSING,
        )

    def test_drained_queue_is_depth_zero_not_missing(self) -> None:
        state = latest_queue([kind_event("queue_snapshot", {"depth": 0})])
        assert state is not None
        assert (state.depth, state.items, state.processing) == (0, [], None)

    @pytest.mark.parametrize(
        "data",
        [
            {"depth": "4", "oldest_age_seconds": "old", "items": "x", "processing": ["p"]},
            {"depth": True, "oldest_age_seconds": True, "items": [1, "two", None]},
            "not an object",
            None,
        ],
    )
    def test_malformed_snapshot_degrades(self, data: Any) -> None:
        state = latest_queue([kind_event("queue_snapshot", data, t=3)])
        assert state is not None
        assert (state.snapshot_at, state.depth, state.oldest_age_seconds) == (at(3), None, None)
        assert (state.items, state.processing) == ([], None)

    def test_non_object_items_are_dropped(self) -> None:
        state = latest_queue(
            [kind_event("queue_snapshot", {"depth": 2, "items": [1, {"id": "a"}]})]
        )
        assert state is not None
        assert state.items == [{"id": "a"}]


def todo(
    t: float, todo_id: Any, action: Any, summary: str | None = None, **data: Any
) -> EventRecord:
    return kind_event("todo", {"todo_id": todo_id, "action": action, **data}, summary=summary, t=t)


class TestTodos:
    def test_lifecycle_and_counts(self) -> None:
        events = [
            todo(1, "t-done", "created", "Retry CRM write", priority="high"),
            todo(2, "t-done", "completed", "CRM write succeeded"),
            todo(
                3,
                "t-open",
                "created",
                "Follow up",
                priority="low",
                source="human",
                context="ctx",
                due_by="2026-02-11T16:00:00Z",
            ),
            todo(4, "t-gone", "created", "Obsolete"),
            todo(5, "t-gone", "dismissed"),
            todo(6, "t-failed", "created", "Enrich lead", priority="high"),
            todo(7, "t-failed", "failed"),
        ]
        state = aggregate_todos(events)
        assert state is not None
        assert (
            state.last_updated,
            state.active_count,
            state.completed_count,
            state.dismissed_count,
        ) == (at(7), 2, 1, 1)
        assert state.items == [
            TodoItem("t-failed", "failed", "Enrich lead", "high", None, None, None, at(6), at(7)),
            TodoItem(
                "t-open",
                "created",
                "Follow up",
                "low",
                "human",
                "ctx",
                "2026-02-11T16:00:00Z",
                at(3),
                at(3),
            ),
        ]

    @pytest.mark.parametrize(
        ("history", "active"),
        [
            (["created"], True),
            (["created", "completed"], False),
            (["created", "dismissed"], False),
            (["created", "deferred"], True),
            (["created", "deferred", "created"], True),
            (["created", "failed", "created", "completed"], False),
            (["created", "completed", "created"], True),  # re-opened
            (["created", None], True),  # an event without action never closes a TODO
        ],
    )
    def test_latest_action_decides(self, history: list[str | None], active: bool) -> None:
        state = aggregate_todos([todo(t, "x", a, "s") for t, a in enumerate(history)])
        assert state is not None
        assert state.active_count == int(active)

    def test_latest_by_time_not_input_order(self) -> None:
        state = aggregate_todos([todo(2, "x", "completed"), todo(1, "x", "created", "s")])
        assert state is not None
        assert (state.active_count, state.completed_count) == (0, 1)

    def test_created_at_is_first_event_and_fields_keep_latest_provided_value(self) -> None:
        events = [
            todo(1, "x", "created", "first summary", priority="high", source="human"),
            todo(2, "x", "deferred", "deferred: waiting on API", priority="low"),
            todo(3, "x", "created"),
        ]
        state = aggregate_todos(events)
        assert state is not None
        [item] = state.items
        assert (item.summary, item.priority, item.source) == (
            "deferred: waiting on API",
            "low",
            "human",
        )
        assert (item.created_at, item.updated_at, item.action) == (at(1), at(3), "created")

    def test_sorted_by_priority_then_most_recent(self) -> None:
        events = [
            todo(1, "low-old", "created", priority="low"),
            todo(2, "none", "created"),
            todo(3, "high-old", "created", priority="high"),
            todo(4, "normal", "created", priority="normal"),
            todo(5, "high-new", "created", priority="high"),
            todo(6, "weird", "created", priority="urgent"),
        ]
        state = aggregate_todos(events)
        assert state is not None
        assert [i.todo_id for i in state.items] == [
            "high-new",
            "high-old",
            "normal",
            "low-old",
            "weird",
            "none",
        ]

    @pytest.mark.parametrize("todo_id", [None, "", 7, ["x"]])
    def test_events_without_usable_todo_id_are_skipped(self, todo_id: Any) -> None:
        state = aggregate_todos([todo(1, todo_id, "created"), todo(2, "ok", "created")])
        assert state is not None
        assert [i.todo_id for i in state.items] == ["ok"]
        assert state.last_updated == at(2)

    def test_malformed_payloads_never_raise(self) -> None:
        events = [
            kind_event("todo", "junk", t=1),
            make_event(event_type="custom", payload_kind="todo", payload=None, timestamp=at(2)),
        ]
        state = aggregate_todos(events)
        assert state is not None
        assert (state.items, state.active_count, state.last_updated) == ([], 0, at(2))


class TestScheduled:
    ITEMS = [
        {
            "id": "s-3",
            "name": "CRM sync",
            "next_run": "2026-02-10T16:00:00Z",
            "interval": "1h",
            "enabled": False,
            "last_status": "failure",
        },
        {
            "id": "s-1",
            "name": "Re-score",
            "next_run": "2026-02-10T14:10:00.000Z",
            "interval": "1h",
            "enabled": True,
            "last_status": "success",
        },
        {
            "id": "s-2",
            "name": "Cleanup",
            "next_run": "2026-02-10T15:00:00+00:00",
            "interval": "daily",
            "enabled": True,
            "last_status": None,
        },
    ]

    def test_latest_report_items_sorted_by_next_run_with_status_alias(self) -> None:
        events = [
            kind_event("scheduled", {"items": self.ITEMS}, t=20, event_id="new"),
            kind_event("scheduled", {"items": [{"id": "stale"}]}, t=10),
        ]
        state = latest_scheduled(events)
        assert state is not None
        assert (state.event_id, state.last_updated) == ("new", at(20))
        assert [(i["id"], i["status"], i["last_status"]) for i in state.items] == [
            ("s-1", "success", "success"),
            ("s-2", None, None),
            ("s-3", "failure", "failure"),
        ]
        assert state.items[0]["name"] == "Re-score"

    def test_items_without_usable_next_run_go_last_in_report_order(self) -> None:
        items: list[Any] = [
            {"id": "a", "next_run": "garbage"},
            {"id": "b"},
            {"id": "c", "next_run": "2026-02-10T14:10:00Z"},
            {"id": "d", "next_run": "2026-02-10T14:00:00"},  # no zone: not comparable
            "not an item",
            7,
        ]
        state = latest_scheduled([kind_event("scheduled", {"items": items})])
        assert state is not None
        assert [i["id"] for i in state.items] == ["c", "a", "b", "d"]

    def test_input_items_are_not_mutated(self) -> None:
        item = {"id": "a", "last_status": "success"}
        latest_scheduled([kind_event("scheduled", {"items": [item]})])
        assert item == {"id": "a", "last_status": "success"}

    @pytest.mark.parametrize("data", [{"items": "x"}, {}, "junk", None])
    def test_malformed_report_has_no_items(self, data: Any) -> None:
        state = latest_scheduled([kind_event("scheduled", data)])
        assert state is not None
        assert state.items == []


def issue(t: float, summary: str | None = "CRM API returning 403", **data: Any) -> EventRecord:
    return kind_event("issue", data, summary=summary, t=t)


def summary_key(summary: str) -> str:
    return "sum_" + hashlib.sha256(summary.encode()).hexdigest()[:16]


class TestIssues:
    def test_sample_issue(self) -> None:
        event = issue(
            1,
            "Clearbit API rate limit exceeded",
            issue_id="issue-clearbit",
            severity="high",
            category="rate_limit",
            context={"status_code": 429},
            action="reported",
            occurrence_count=3,
        )
        state = aggregate_issues([event])
        assert state is not None
        assert state.items == [
            IssueItem(
                issue_key="issue-clearbit",
                issue_id="issue-clearbit",
                summary="Clearbit API rate limit exceeded",
                action="reported",
                severity="high",
                category="rate_limit",
                context={"status_code": 429},
                occurrence_count=3,
                first_seen=at(1),
                last_seen=at(1),
            )
        ]
        assert (state.active_count, state.resolved_count, state.dismissed_count) == (1, 0, 0)

    @pytest.mark.parametrize(
        ("payload", "expected"),
        [
            ({"summary": "s", "data": {"issue_id": "issue-1"}}, "issue-1"),
            ({"summary": "CRM 403", "data": {"issue_id": None}}, summary_key("crm 403")),
            ({"summary": "CRM 403", "data": {"issue_id": "  "}}, summary_key("crm 403")),
            ({"summary": "  CRM \t 403\n"}, summary_key("crm 403")),
            ({"summary": "CRM 403", "data": {"issue_id": 5}}, summary_key("crm 403")),
            ({"data": {"severity": "high"}}, None),
            (None, None),
        ],
    )
    def test_issue_key(self, payload: object, expected: str | None) -> None:
        assert issue_key(payload) == expected

    def test_grouped_by_summary_hash_when_no_issue_id(self) -> None:
        events = [
            issue(1, "CRM API returning 403", severity="high"),
            issue(2, "crm api  returning 403", severity="high"),
            issue(3, "Other problem", severity="low"),
        ]
        state = aggregate_issues(events)
        assert state is not None
        assert [(i.summary, i.occurrence_count) for i in state.items] == [
            ("crm api  returning 403", 2),
            ("Other problem", 1),
        ]

    @pytest.mark.parametrize(
        ("actions", "active"),
        [
            (["reported"], True),
            ([None], True),  # reported is the default action
            (["reported", "resolved"], False),
            (["reported", "dismissed"], False),
            (["reported", "resolved", "reported"], True),  # recurred
            (["reported", "acknowledged"], True),  # only resolved/dismissed close an issue
        ],
    )
    def test_latest_action_decides(self, actions: list[str | None], active: bool) -> None:
        events = [
            issue(t, issue_id="i", severity="high", **({} if a is None else {"action": a}))
            for t, a in enumerate(actions)
        ]
        state = aggregate_issues(list(reversed(events)))  # input order is irrelevant
        assert state is not None
        assert state.active_count == int(active)

    def test_resolved_and_dismissed_are_counted(self) -> None:
        events = [
            issue(1, issue_id="a", severity="high"),
            issue(2, issue_id="a", action="resolved"),
            issue(3, issue_id="b", severity="low"),
            issue(4, issue_id="b", action="dismissed"),
            issue(5, issue_id="c", severity="low"),
        ]
        state = aggregate_issues(events)
        assert state is not None
        assert (state.active_count, state.resolved_count, state.dismissed_count) == (1, 1, 1)
        assert state.last_updated == at(5)

    @pytest.mark.parametrize(
        ("reports", "expected"),
        [
            ([None, None, None], 3),  # server counts reports
            ([5, None], 5),  # the agent's own count is higher
            ([2, 1], 2),  # counts never go down
            (["7", True, 1.0], 3),  # unusable counts ignored, 1.0 is fine
        ],
    )
    def test_occurrence_count(self, reports: list[Any], expected: int) -> None:
        events = [
            issue(t, issue_id="i", **({} if c is None else {"occurrence_count": c}))
            for t, c in enumerate(reports)
        ]
        state = aggregate_issues(events)
        assert state is not None
        assert state.items[0].occurrence_count == expected

    def test_details_come_from_latest_report_and_survive_the_recurrence(self) -> None:
        events = [
            issue(1, issue_id="i", severity="low", category="other", context={"v": 1}),
            issue(2, issue_id="i", severity="critical", category="permissions"),
            issue(3, issue_id="i", action="resolved", severity="ignored"),
            issue(4, issue_id="i", action="reported"),
        ]
        state = aggregate_issues(events)
        assert state is not None
        [item] = state.items
        assert (item.severity, item.category, item.context) == ("critical", "permissions", {"v": 1})
        assert (item.first_seen, item.last_seen, item.occurrence_count) == (at(1), at(4), 3)

    def test_sorted_by_severity_then_most_recent(self) -> None:
        events = [
            issue(1, issue_id="low", severity="low"),
            issue(2, issue_id="high-old", severity="high"),
            issue(3, issue_id="crit", severity="critical"),
            issue(4, issue_id="odd", severity="apocalyptic"),
            issue(5, issue_id="high-new", severity="high"),
            issue(6, issue_id="med", severity="medium"),
        ]
        state = aggregate_issues(events)
        assert state is not None
        assert [i.issue_key for i in state.items] == [
            "crit",
            "high-new",
            "high-old",
            "med",
            "low",
            "odd",
        ]

    def test_unattributable_and_malformed_events_never_raise(self) -> None:
        events = [
            issue(1, None, severity="high"),
            kind_event("issue", "junk", summary=None, t=2),
            make_event(event_type="custom", payload_kind="issue", payload=None, timestamp=at(3)),
            issue(4, "Real one", severity=["high"], category=3, occurrence_count="x"),
        ]
        state = aggregate_issues(events)
        assert state is not None
        [item] = state.items
        assert (item.summary, item.severity, item.category, item.occurrence_count) == (
            "Real one",
            None,
            None,
            1,
        )
