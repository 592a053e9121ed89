"""The simulate command, Ctrl-C and ``serve --demo`` wiring, run inside the test process (the
child-process tests prove the same from outside; these also show what a one-agent fleet does)."""

from __future__ import annotations

import socket
import time
from typing import Any

import pytest

from hiveboard.cli import main
from hiveboard.simulate import command
from hiveboard.simulate.demo import serve_with_fleet
from hiveboard.simulate.fleet import Fleet, FleetConfig
from tests.api.helpers import stored_events
from tests.conftest import Keys, LiveServer, free_port

pytestmark = pytest.mark.slow


def test_one_agent_still_runs_every_scenario(live_server: LiveServer, api_keys: Keys, database,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["simulate", "--endpoint", live_server.url, "--api-key", api_keys.live,
                 "--agents", "1", "--duration", "0.3", "--speed", "200", "--seed", "5",
                 "--no-progress"])
    assert code == 0
    assert "simulated" in capsys.readouterr().err
    types = {e["event_type"] for e in stored_events(database) if e["agent_id"] == "lead-qualifier"}
    assert {"task_completed", "task_failed", "retry_started", "escalated",
            "approval_received"} <= types


def test_simulate_needs_a_key(monkeypatch: pytest.MonkeyPatch,
                              capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("HIVEBOARD_API_KEY", raising=False)
    assert main(["simulate", "--duration", "1"]) == 2
    assert "API key" in capsys.readouterr().err


def test_a_fleet_needs_an_agent() -> None:
    with pytest.raises(ValueError, match="at least one agent"):
        Fleet(FleetConfig(endpoint="http://127.0.0.1:9", api_key="hb_live_x", agents=0))


def interrupt_after_first_task(monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C as soon as the fleet has finished a task (what a user does, in-process)."""
    def watch(fleet: Fleet, duration: float | None, progress: bool) -> None:
        deadline = time.monotonic() + 60
        while fleet.stats.tasks == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        raise KeyboardInterrupt

    monkeypatch.setattr(command, "_watch", watch)


def test_demo_serves_the_fleet_then_stops(app: Any, database, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    from tests.conftest import make_keys

    interrupt_after_first_task(monkeypatch)
    port = free_port()
    key = make_keys(database, tenant="demo").live
    fleet = FleetConfig(endpoint=f"http://127.0.0.1:{port}", api_key=key, agents=2, speed=100,
                        flush_interval=0.2)
    assert serve_with_fleet(app, {"host": "127.0.0.1", "port": port, "log_level": "warning"},
                            fleet) == 0
    assert "interrupted" in capsys.readouterr().err
    events = stored_events(database)
    assert any(e["event_type"] == "task_completed" for e in events)
    started = {e["task_id"] for e in events if e["event_type"] == "task_started"
               and e["agent_id"] != "nightly-sync"}
    ended = {e["task_id"] for e in events if e["event_type"] in ("task_completed", "task_failed")}
    assert started == ended


def test_demo_launches_no_fleet_when_the_server_cannot_start(
        app: Any, capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        fleet = FleetConfig(endpoint=f"http://127.0.0.1:{port}", api_key="hb_live_unused")
        assert serve_with_fleet(app, {"host": "127.0.0.1", "port": port,
                                      "log_level": "critical"}, fleet) == 1
    assert "no fleet was launched" in capsys.readouterr().err


@pytest.mark.parametrize("option", ["--speed", "--agents", "--stuck-after"])
def test_sizes_must_be_positive(option: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["simulate", "--api-key", "hb_live_x", option, "0"])
    assert exited.value.code == 2 and "must be positive" in capsys.readouterr().err


def test_a_rejected_key_or_a_dead_endpoint_stops_before_the_fleet(
        live_server: LiveServer, database, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["simulate", "--endpoint", live_server.url, "--api-key", "hb_live_" + "x" * 32,
                 "--duration", "1", "--no-progress"])
    assert code == 1 and "refused the key: 401" in capsys.readouterr().err
    code = main(["simulate", "--endpoint", f"http://127.0.0.1:{free_port()}",
                 "--api-key", "hb_live_" + "x" * 32, "--duration", "1", "--no-progress"])
    assert code == 1 and "cannot reach" in capsys.readouterr().err
    code = main(["simulate", "--endpoint", "ftp://example", "--api-key", "hb_live_x"])
    assert code == 1 and "http(s) URL" in capsys.readouterr().err
    assert stored_events(database) == []
