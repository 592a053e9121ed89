"""The commands as a user runs them, in child processes: Ctrl-C on ``hiveboard simulate`` ends
every task and flushes before exiting 130; ``hiveboard serve --demo`` shows a living API and
stops cleanly on Ctrl-C."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

import httpx
import pytest

from hiveboard.simulate.catalogue import SILENT_ROLE
from tests.api.helpers import stored_events
from tests.conftest import Keys, LiveServer, free_port

pytestmark = pytest.mark.slow
HIVEBOARD = Path(sys.executable).with_name("hiveboard")
DEADLINE_S = 90
KEY = re.compile(r"API key:\s+(hb_live_[A-Za-z0-9]{32})")


def wait_until(check: Callable[[], bool], what: str, proc: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + DEADLINE_S
    while not check():
        assert proc.poll() is None, f"exited early while waiting for {what}"
        assert time.monotonic() < deadline, f"never saw {what}"
        time.sleep(0.3)


@pytest.fixture
def spawn(tmp_path: Path) -> Iterator[Callable[..., subprocess.Popen[str]]]:
    started: list[subprocess.Popen[str]] = []
    logs: list[IO[str]] = []
    env = {k: v for k, v in os.environ.items() if not k.startswith("HIVEBOARD_TEST")}

    def start(*argv: str) -> subprocess.Popen[str]:
        logs.append((tmp_path / f"stderr-{len(started)}").open("w"))
        proc = subprocess.Popen([str(HIVEBOARD), *argv], stdout=subprocess.PIPE,
                                stderr=logs[-1], text=True, env=env, cwd=tmp_path)
        started.append(proc)
        return proc

    yield start
    for proc in started:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)
        if proc.stdout is not None:
            proc.stdout.close()
    for log in logs:
        log.close()


def test_ctrl_c_ends_the_tasks_in_hand_flushes_and_exits_130(
        live_server: LiveServer, api_keys: Keys, database, spawn, tmp_path: Path) -> None:
    proc = spawn("simulate", "--endpoint", live_server.url, "--api-key", api_keys.live,
                 "--agents", "2", "--speed", "15", "--no-progress")

    def some_tasks_done() -> bool:
        return sum(e["event_type"] == "task_completed" for e in stored_events(database)) >= 2

    wait_until(some_tasks_done, "completed tasks", proc)
    proc.send_signal(signal.SIGINT)
    assert proc.wait(timeout=DEADLINE_S) == 130
    assert "interrupted" in (tmp_path / "stderr-0").read_text()

    events = [e for e in stored_events(database) if e["agent_id"] != SILENT_ROLE.name]
    started = {e["task_id"] for e in events if e["event_type"] == "task_started"}
    ended = {e["task_id"] for e in events if e["event_type"] in ("task_completed", "task_failed")}
    assert started and started == ended, "every task in hand ended and was flushed"


def test_serve_demo_shows_a_living_api_and_stops_on_ctrl_c(db_url: str, spawn) -> None:
    port = free_port()
    proc = spawn("serve", "--demo", "--demo-speed", "30", "--port", str(port),
                 "--log-level", "warning", "--database-url", db_url)
    assert proc.stdout is not None
    key = None
    for line in proc.stdout:
        if found := KEY.search(line):
            key = found.group(1)
            break
    assert key, "serve printed no key"
    headers = {"Authorization": f"Bearer {key}"}
    url = f"http://127.0.0.1:{port}"

    def fleet_visible() -> bool:
        try:
            agents = httpx.get(f"{url}/v1/agents", headers=headers, timeout=5).json()["data"]
            tasks = httpx.get(f"{url}/v1/tasks", headers=headers, timeout=5).json()["data"]
        except (httpx.TransportError, KeyError):
            return False
        return len(agents) == 6 and any(t["status"] == "completed" for t in tasks)

    wait_until(fleet_visible, "the demo fleet in the API", proc)
    proc.send_signal(signal.SIGINT)
    assert proc.wait(timeout=DEADLINE_S) == 0
