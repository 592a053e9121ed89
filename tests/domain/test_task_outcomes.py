"""Task outcome contributions and window splits (the hourly task-outcome rollup's rules)."""

from __future__ import annotations

from hiveboard.domain.llm_usage import HOUR_MS
from hiveboard.domain.task_outcomes import TaskOutcome, add_change, contributions, split_window

H = HOUR_MS


def _task(**changes: object) -> TaskOutcome:
    values: dict[object, object] = dict(
        agent_id="a", project_id=None, environment="e", group="g", started_ms=H + 5,
        completed_ms=3 * H + 7, has_completed=True, has_failed=True, has_escalated=True,
        duration_ms=40)
    values.update(changes)
    return TaskOutcome(**values)  # type: ignore[arg-type]


def test_a_task_counts_at_its_start_hour_and_its_terminal_hour() -> None:
    found = contributions(_task())
    assert found[(H, "a", "", "e", "g")] == {
        "started": 1, "escalated": 1, "ended": 0, "completed": 0, "failed": 0,
        "duration_sum": 0, "duration_n": 0}
    # completed after a failed attempt: completed only (the status cascade)
    assert found[(3 * H, "a", "", "e", "g")] == {
        "started": 0, "escalated": 0, "ended": 1, "completed": 1, "failed": 0,
        "duration_sum": 40, "duration_n": 1}


def test_a_change_moves_the_contribution_and_widens_the_bounds() -> None:
    acc: dict[tuple[int, str, str, str, str], dict[str, int]] = {}
    add_change(acc, _task(completed_ms=None, has_completed=False, has_failed=False),
               _task(completed_ms=H + 9, project_id="p"))
    assert acc[(H, "a", "", "e", "g")]["started"] == -1
    moved = acc[(H, "a", "p", "e", "g")]
    assert (moved["started"], moved["ended"], moved["first_ms"], moved["last_ms"]) == (
        1, 1, H + 5, H + 9)


def test_a_window_splits_into_whole_hours_and_cut_hours() -> None:
    inside = split_window(H + 10, H + 20, None)
    assert inside is not None and inside.whole is None
    assert inside.edges == ((H, H + 10, H + 20),)
    across = split_window(H + 10, 2 * H + 20, None)
    assert across is not None and across.whole is None
    assert across.edges == ((H, H + 10, 2 * H), (2 * H, 2 * H, 2 * H + 20))
    assert across.rollup_hours({H}) == (2 * H, 3 * H)
    assert across.raw_spans({H}) == [(H + 10, 2 * H)]
    wide = split_window(H + 10, 5 * H + 1, None)
    assert wide is not None and wide.whole == (2 * H, 5 * H)
    assert wide.rollup_hours(()) == (H, 6 * H)
    assert wide.rollup_hours({H, 5 * H}) == (2 * H, 5 * H)
    aligned = split_window(2 * H, 4 * H, 24 * H)
    assert aligned is not None and aligned.edges == () and aligned.whole == (2 * H, 4 * H)
    assert split_window(-1, H, None) is None  # before 1970
    assert split_window(0, H, 300_000) is None  # buckets finer than the hour
