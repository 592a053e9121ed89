"""``hiveboard serve --demo``: the server and a fleet in one process.

uvicorn runs in a thread (it installs no signal handlers off the main thread), so Ctrl-C
reaches the fleet first: the agents end their tasks and the SDK flushes *while the server is
still up*, and only then does the server stop. The other order would leave the SDK retrying
against a closed port for a minute.
"""

from __future__ import annotations

import sys
import threading
import time
from typing import Any

import uvicorn

from hiveboard.simulate import command
from hiveboard.simulate.fleet import FleetConfig

START_TIMEOUT_S = 60.0


def _serve(server: uvicorn.Server) -> None:
    try:
        server.run()
    except SystemExit:  # uvicorn exits when it cannot bind; the caller sees the thread end
        return


def serve_with_fleet(app: Any, options: dict[str, Any], fleet: FleetConfig) -> int:
    server = uvicorn.Server(uvicorn.Config(app, **options))
    thread = threading.Thread(target=_serve, args=(server,), name="uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + START_TIMEOUT_S
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            print("the server did not start; no fleet was launched", file=sys.stderr)
            return 1
        time.sleep(0.05)
    print(f"Demo fleet: {fleet.agents} agents (+1 that goes silent) at speed {fleet.speed}; "
          "Ctrl-C stops the fleet, then the server", file=sys.stderr)
    try:
        command.run(fleet, duration=None, progress=False)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    return 0
