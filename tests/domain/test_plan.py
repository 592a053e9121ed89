from __future__ import annotations

from typing import Any

import pytest

from hiveboard.domain.plan import MAX_PLAN_STEPS, Plan, PlanStep, build_plan
from hiveboard.domain.records import EventRecord
from tests.domain.factories import at, kind_event, make_event

FOUR_STEPS: list[dict[str, Any]] = [
    {"index": 0, "description": "Search CRM for active deals"},
    {"index": 1, "description": "Qualify leads against ICP"},
    {"index": 2, "description": "Score and rank leads"},
    {"index": 3, "description": "Route to sales reps"},
]


def created(
    t: float, steps: Any = FOUR_STEPS, *, summary: str | None = "Process inbound lead", **data: Any
) -> EventRecord:
    return kind_event(
        "plan_created", {"steps": steps, **data}, summary=summary, t=t, task_id="task-1"
    )


def step(
    t: float, index: Any, action: Any = "started", *, summary: str | None = None, **data: Any
) -> EventRecord:
    return kind_event(
        "plan_step",
        {"step_index": index, "action": action, **data},
        summary=summary if summary is not None else f"Step {index} {action}: note",
        t=t,
        task_id="task-1",
    )


def pending(index: int, description: str | None) -> PlanStep:
    return PlanStep(index, description, "pending", None, None, None, None)


def test_spec_example() -> None:
    plan = build_plan(
        [
            created(0),
            step(1.5, 0, "started"),
            step(5.2, 0, "completed", turns=2, tokens=3200),
            step(5.3, 1, "started"),
        ]
    )
    assert plan == Plan(
        goal="Process inbound lead",
        revision=0,
        total_steps=4,
        completed_steps=1,
        steps=[
            PlanStep(0, "Search CRM for active deals", "completed", at(1.5), at(5.2), 2, 3200),
            PlanStep(1, "Qualify leads against ICP", "started", at(5.3), None, None, None),
            pending(2, "Score and rank leads"),
            pending(3, "Route to sales reps"),
        ],
    )


@pytest.mark.parametrize(
    "events",
    [
        [],
        [make_event(event_type="custom", payload={"kind": "llm_call"})],
        [make_event(event_type="task_started", payload={"kind": "plan_created"})],
        [make_event(event_type="heartbeat", payload={"kind": "plan_step", "data": {}})],
    ],
)
def test_no_plan_events_means_no_plan(events: list[EventRecord]) -> None:
    assert build_plan(events) is None


class TestRule1SeedFromPlanCreated:
    @pytest.mark.parametrize(
        ("event", "goal"),
        [
            (created(0, summary="SDK puts the goal here"), "SDK puts the goal here"),
            (created(0, summary="Plan: X (4 steps)", goal="X"), "X"),
            (created(0, summary="fallback", goal="  "), "fallback"),
            (created(0, summary=None), None),
        ],
    )
    def test_goal(self, event: EventRecord, goal: str | None) -> None:
        plan = build_plan([event])
        assert plan is not None
        assert plan.goal == goal

    @pytest.mark.parametrize(
        ("steps", "descriptions"),
        [
            (FOUR_STEPS[::-1], [s["description"] for s in FOUR_STEPS]),
            (["a", "b"], ["a", "b"]),  # bare strings are positional
            (
                [{"description": "no index"}, {"index": "1", "description": "bad index"}],
                ["no index", "bad index"],
            ),
            ([{"index": 0, "description": "first"}, {"index": 0, "description": "dup"}], ["first"]),
            ([{"index": 2, "description": "gap"}], [None, None, "gap"]),
            ([{"index": 0}, {"index": 1, "description": 7}], [None, None]),
            (
                [None, 3, ["x"], {"index": -1, "description": "negative"}, "ok"],
                [None, None, None, None, "ok"],
            ),  # junk skipped, "ok" keeps its position
            ("not a list", []),
            (None, []),
        ],
    )
    def test_steps_seeded_pending(self, steps: Any, descriptions: list[str | None]) -> None:
        plan = build_plan([created(0, steps)])
        assert plan is not None
        assert plan.steps == [pending(i, d) for i, d in enumerate(descriptions)]
        assert plan.total_steps == len(descriptions)
        assert plan.completed_steps == 0

    def test_huge_step_index_is_ignored(self) -> None:
        plan = build_plan([created(0, [{"index": 10**9, "description": "x"}, "a"])])
        assert plan is not None
        assert plan.steps == [pending(0, None), pending(1, "a")]

    @pytest.mark.parametrize(
        ("revisions", "expected_goal", "expected_revision"),
        [
            ([(0, "g0"), (1, "g1")], "g1", 1),
            ([(1, "g1"), (0, "g0-later")], "g1", 1),  # highest revision, not latest time
            ([(2, "first"), (2, "second")], "second", 2),  # equal: latest wins
            ([(None, "no rev"), (None, "no rev later")], "no rev later", 0),
            ([("3", "string rev"), (None, "plain")], "plain", 0),
        ],
    )
    def test_current_plan_is_highest_revision(
        self, revisions: list[tuple[Any, str]], expected_goal: str, expected_revision: int
    ) -> None:
        events = [
            created(t, ["s"], summary=goal, **({} if rev is None else {"revision": rev}))
            for t, (rev, goal) in enumerate(revisions)
        ]
        plan = build_plan(events)
        assert plan is not None
        assert (plan.goal, plan.revision) == (expected_goal, expected_revision)

    def test_malformed_data_never_raises(self) -> None:
        events = [
            make_event(event_type="custom", payload={"kind": "plan_created", "data": "x"}),
            make_event(
                event_type="custom", payload_kind="plan_created", payload=None, timestamp=at(1)
            ),
        ]
        assert build_plan(events) == Plan(None, 0, 0, 0, [])


class TestRule2StepEventsChronologically:
    def test_input_order_does_not_matter(self) -> None:
        events = [step(3, 0, "completed"), created(0), step(1, 0, "started")]
        plan = build_plan(events)
        assert plan is not None
        assert plan.steps[0] == PlanStep(
            0, FOUR_STEPS[0]["description"], "completed", at(1), at(3), None, None
        )

    @pytest.mark.parametrize(
        ("history", "action", "started_at", "completed_at"),
        [
            ([(1, "started")], "started", at(1), None),
            ([(1, "started"), (2, "completed")], "completed", at(1), at(2)),
            ([(1, "started"), (2, "failed")], "failed", at(1), at(2)),
            ([(1, "skipped")], "skipped", None, at(1)),
            ([(2, "completed")], "completed", None, at(2)),
            # retried: first start kept, completion cleared by the new start, then set again
            ([(1, "started"), (2, "failed"), (3, "started")], "started", at(1), None),
            (
                [(1, "started"), (2, "failed"), (3, "started"), (4, "completed")],
                "completed",
                at(1),
                at(4),
            ),
            # an event without a usable action cannot decide the state
            ([(1, "started"), (2, None), (3, 5)], "started", at(1), None),
            ([(1, None)], "pending", None, None),
            # unknown actions are shown as sent, and are not terminal
            ([(1, "started"), (2, "paused")], "paused", at(1), None),
        ],
    )
    def test_latest_event_decides(
        self,
        history: list[tuple[float, Any]],
        action: str,
        started_at: object,
        completed_at: object,
    ) -> None:
        events = [created(0)] + [step(t, 0, a) for t, a in history]
        plan = build_plan(events)
        assert plan is not None
        first = plan.steps[0]
        assert (first.action, first.started_at, first.completed_at) == (
            action,
            started_at,
            completed_at,
        )

    def test_turns_and_tokens_come_from_the_deciding_event(self) -> None:
        events = [
            created(0),
            step(1, 0, "started", turns=1, tokens=10),
            step(2, 0, "completed", turns=3, tokens="many"),
            step(3, 1, "completed", turns=2.0, tokens=True),
        ]
        plan = build_plan(events)
        assert plan is not None
        assert [(s.turns, s.tokens) for s in plan.steps[:2]] == [(3, None), (2, None)]

    def test_completed_steps_counts_completed_only(self) -> None:
        events = [
            created(0),
            step(1, 0, "completed"),
            step(2, 1, "skipped"),
            step(3, 2, "failed"),
            step(4, 3, "completed"),
        ]
        plan = build_plan(events)
        assert plan is not None
        assert plan.completed_steps == 2

    @pytest.mark.parametrize("bad_index", ["0", None, -1, True, 1.5, MAX_PLAN_STEPS, [0]])
    def test_unusable_step_index_is_skipped(self, bad_index: Any) -> None:
        plan = build_plan([created(0, ["only"]), step(1, bad_index, "completed")])
        assert plan is not None
        assert plan.steps == [pending(0, "only")]

    def test_step_beyond_the_seeded_plan_is_added(self) -> None:
        plan = build_plan([created(0, ["a"]), step(1, 2, "started", summary="extra step")])
        assert plan is not None
        assert [(s.step_index, s.description, s.action) for s in plan.steps] == [
            (0, "a", "pending"),
            (1, None, "pending"),
            (2, "extra step", "started"),
        ]
        assert plan.total_steps == 3


class TestRule3Pending:
    def test_steps_without_events_are_pending(self) -> None:
        plan = build_plan([created(0), step(1, 2, "started")])
        assert plan is not None
        assert [s.action for s in plan.steps] == ["pending", "pending", "started", "pending"]


class TestRule4WithoutPlanCreated:
    def test_total_and_descriptions_inferred_from_step_events(self) -> None:
        events = [
            step(1, 0, "started", summary="Step 0 started: Search CRM", total_steps=3),
            step(2, 0, "completed", summary="Step 0 completed: Found record", total_steps=3),
            step(3, 1, "started", summary="Score lead", total_steps=3),
        ]
        plan = build_plan(events)
        assert plan == Plan(
            goal=None,
            revision=0,
            total_steps=3,
            completed_steps=1,
            steps=[
                PlanStep(0, "Search CRM", "completed", at(1), at(2), None, None),
                PlanStep(1, "Score lead", "started", at(3), None, None, None),
                pending(2, None),
            ],
        )

    @pytest.mark.parametrize(
        ("summary", "step_description", "expected"),
        [
            ("Step 1 completed: Qualify lead", None, "Qualify lead"),
            ("step 4 SKIPPED : Odd casing", None, "Odd casing"),
            ("Step 0 completed: ", None, "Step 0 completed: "),  # nothing left: keep it whole
            ("Plain summary", None, "Plain summary"),
            ("Step 0 completed: x", "Explicit description", "Explicit description"),
        ],
    )
    def test_description_sources(
        self, summary: str, step_description: str | None, expected: str
    ) -> None:
        extra = {} if step_description is None else {"step_description": step_description}
        plan = build_plan([step(1, 0, "completed", summary=summary, **extra)])
        assert plan is not None
        assert plan.steps[0].description == expected

    def test_latest_total_steps_wins_and_is_capped(self) -> None:
        plan = build_plan([step(1, 0, total_steps=2), step(2, 0, total_steps=5)])
        assert plan is not None
        assert plan.total_steps == 5
        plan = build_plan([step(1, 0, total_steps=10**12)])
        assert plan is not None
        assert plan.total_steps == len(plan.steps) == MAX_PLAN_STEPS

    @pytest.mark.parametrize("total", [None, "3", -2, True])
    def test_unusable_total_falls_back_to_highest_index(self, total: Any) -> None:
        extra = {} if total is None else {"total_steps": total}
        plan = build_plan([step(1, 1, "started", **extra)])
        assert plan is not None
        assert plan.total_steps == 2

    def test_step_event_without_summary_or_data(self) -> None:
        events = [
            kind_event("plan_step", {"step_index": 0, "action": "started"}, summary=None, t=1),
            make_event(
                event_type="custom", payload={"kind": "plan_step", "data": ["x"]}, timestamp=at(2)
            ),
        ]
        plan = build_plan(events)
        assert plan is not None
        assert plan.steps == [PlanStep(0, None, "started", at(1), None, None, None)]


class TestRule5PlanRevision:
    def test_step_revision_updates_plan_revision(self) -> None:
        plan = build_plan([created(0), step(1, 0, plan_revision=0), step(2, 1, plan_revision=1)])
        assert plan is not None
        assert plan.revision == 1

    def test_without_plan_created(self) -> None:
        plan = build_plan([step(1, 0, plan_revision=2), step(2, 1, plan_revision="3")])
        assert plan is not None
        assert plan.revision == 2


class TestReplanResetsProgress:
    def test_steps_of_a_superseded_plan_are_ignored(self) -> None:
        events = [
            created(0, ["old a", "old b"], revision=0),
            step(1, 0, "completed", plan_revision=0),
            step(2, 1, "completed"),  # no revision, but emitted under the old plan
            created(3, ["new a", "new b", "new c"], revision=1),
            step(4, 0, "started", plan_revision=1),
            step(5, 1, "started"),
        ]
        plan = build_plan(events)
        assert plan is not None
        assert (plan.goal, plan.revision, plan.total_steps) == ("Process inbound lead", 1, 3)
        assert [(s.description, s.action) for s in plan.steps] == [
            ("new a", "started"),
            ("new b", "started"),
            ("new c", "pending"),
        ]

    def test_revision_tagged_step_counts_even_if_its_clock_ran_early(self) -> None:
        events = [
            created(0, ["a"], revision=0),
            created(5, ["b"], revision=1),
            step(4, 0, "completed", plan_revision=1),
        ]
        plan = build_plan(events)
        assert plan is not None
        assert plan.steps[0].action == "completed"

    def test_step_before_the_only_plan_still_counts(self) -> None:
        plan = build_plan([step(1, 0, "started"), created(2, ["a"])])
        assert plan is not None
        assert plan.steps == [PlanStep(0, "a", "started", at(1), None, None, None)]
