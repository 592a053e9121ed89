"""Run a fleet for a while with a progress bar; Ctrl-C stops it cleanly.

Exit status: 0 when the run lasted its ``duration``; 130 (128 + SIGINT, the shell's convention)
when interrupted, after the agents ended their tasks and the SDK flushed. A second Ctrl-C
during that flush gives up at once (events still queued are lost).
"""

from __future__ import annotations

import sys
import time

from tqdm import tqdm

from hiveboard.simulate.fleet import Fleet, FleetConfig

INTERRUPTED = 130
TICK_S = 0.25


def _watch(fleet: Fleet, duration: float | None, progress: bool) -> None:
    """Block until ``duration`` has passed (forever if None) with the bar updating."""
    started = time.monotonic()
    with tqdm(total=duration, unit="s", disable=not progress, desc="simulate",
              bar_format=None if duration else "{desc}: {elapsed} {postfix}",
              file=sys.stderr) as bar:
        while True:
            elapsed = time.monotonic() - started
            if duration is not None:
                bar.n = round(min(elapsed, duration), 1)
            bar.set_postfix(fleet.stats.postfix(), refresh=True)
            if duration is not None and elapsed >= duration:
                return
            time.sleep(TICK_S)


def run(config: FleetConfig, *, duration: float | None, progress: bool = True) -> int:
    fleet = Fleet(config)
    fleet.start()
    try:
        _watch(fleet, duration, progress)
    except KeyboardInterrupt:
        print("\ninterrupted: ending the tasks in hand and flushing the SDK "
              "(Ctrl-C again to quit at once)", file=sys.stderr)
        try:
            fleet.close()
        except KeyboardInterrupt:
            return INTERRUPTED
        _summary(fleet)
        return INTERRUPTED
    fleet.close()
    _summary(fleet)
    return 0


def _summary(fleet: Fleet) -> None:
    stats = fleet.stats
    print(f"simulated {stats.tasks} tasks ({stats.tasks_failed} failed), {stats.llm_calls} LLM "
          f"calls, ${stats.cost_usd:.4f}", file=sys.stderr)
