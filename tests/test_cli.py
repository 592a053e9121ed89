"""The ``hiveboard`` command: keys, migrate (in-process, every database) and serve (a real
process on SQLite, the development quick start)."""

from __future__ import annotations

import os
import queue
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from hiveboard.app import create_app
from hiveboard.cli import main
from hiveboard.settings import Settings
from hiveboard.store import migrate
from hiveboard.store.database import Database
from hiveboard.store.keys import PREFIX_CHARS, list_keys
from tests.conftest import FakeClock, free_port

KEY = re.compile(r"hb_(live|test|read)_[A-Za-z0-9]{32}")
HIVEBOARD = Path(sys.executable).with_name("hiveboard")
START_TIMEOUT_S = 60
STOP_TIMEOUT_S = 10


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def create_key(capsys: pytest.CaptureFixture[str], db_url: str, tenant: str = "acme",
               kind: str = "live") -> str:
    code, out, _ = run(capsys, "keys", "create", "--tenant", tenant, "--kind", kind,
                       "--database-url", db_url)
    assert code == 0
    return out.strip()


def status_with(db_url: str, key: str, path: str = "/v1/events") -> int:
    """Ask a fresh app on the same database, as a separate server process would."""
    import asyncio

    async def ask() -> int:
        app: Any = create_app(Settings(database_url=db_url, auto_migrate=False),
                              clock=FakeClock())
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                     base_url="http://hiveboard.test") as client:
            resp = await client.get(path, headers={"Authorization": f"Bearer {key}"})
            return resp.status_code

    return asyncio.run(ask())


@pytest.mark.parametrize("kind", ["live", "test", "read"])
def test_keys_create_prints_only_a_working_key(capsys: pytest.CaptureFixture[str], db_url: str,
                                               kind: str) -> None:
    code, out, _ = run(capsys, "keys", "create", "--tenant", "acme", "--kind", kind,
                       "--database-url", db_url)
    assert code == 0
    assert re.fullmatch(rf"hb_{kind}_[A-Za-z0-9]{{32}}\n", out), out
    assert status_with(db_url, out.strip()) == 200


def test_keys_create_makes_the_tenant_once(capsys: pytest.CaptureFixture[str], db_url: str,
                                           database: Database) -> None:
    create_key(capsys, db_url, tenant="new-co")
    create_key(capsys, db_url, tenant="new-co", kind="read")
    rows = database.read_sync(list_keys, "new-co")
    assert len(rows) == 2 and len({r.tenant_id for r in rows}) == 1


def test_keys_list_shows_prefixes_never_secrets(capsys: pytest.CaptureFixture[str],
                                                db_url: str) -> None:
    made = [create_key(capsys, db_url, kind=kind) for kind in ("live", "test", "read")]
    code, out, _ = run(capsys, "keys", "list", "--database-url", db_url)
    assert code == 0
    for key in made:
        assert key[:PREFIX_CHARS] in out
        assert key not in out and key[PREFIX_CHARS:] not in out
        assert key[PREFIX_CHARS:PREFIX_CHARS + 8] not in out
    assert out.count("active") == 3


def test_keys_list_filters_by_tenant(capsys: pytest.CaptureFixture[str], db_url: str) -> None:
    mine = create_key(capsys, db_url, tenant="mine")
    theirs = create_key(capsys, db_url, tenant="theirs")
    _, out, _ = run(capsys, "keys", "list", "--tenant", "mine", "--database-url", db_url)
    assert mine[:PREFIX_CHARS] in out and theirs[:PREFIX_CHARS] not in out


@pytest.mark.parametrize("by", ["prefix", "key_id"])
def test_keys_revoke_makes_the_next_request_401(capsys: pytest.CaptureFixture[str],
                                                db_url: str, database: Database,
                                                by: str) -> None:
    key = create_key(capsys, db_url)
    other = create_key(capsys, db_url)
    assert status_with(db_url, key) == 200
    ident = key[:PREFIX_CHARS] if by == "prefix" else next(
        r.key_id for r in database.read_sync(list_keys) if r.key_prefix == key[:PREFIX_CHARS])
    code, out, _ = run(capsys, "keys", "revoke", ident, "--database-url", db_url)
    assert code == 0 and "revoked 1" in out
    assert status_with(db_url, key) == 401
    assert status_with(db_url, other) == 200
    _, listing, _ = run(capsys, "keys", "list", "--database-url", db_url)
    assert "revoked" in listing


def test_keys_revoke_of_an_unknown_key_fails(capsys: pytest.CaptureFixture[str],
                                             db_url: str) -> None:
    code, out, err = run(capsys, "keys", "revoke", "hb_live_nothere", "--database-url", db_url)
    assert code == 1 and out == "" and "no active key" in err


def test_migrate_reports_the_head_revision(capsys: pytest.CaptureFixture[str], db_url: str,
                                           tmp_path: Path) -> None:
    for url in (db_url, f"sqlite:///{tmp_path / 'fresh.db'}"):
        code, out, _ = run(capsys, "migrate", "--database-url", url)
        assert code == 0
        assert out == f"database at revision {migrate.head_revision()}\n"


def test_a_command_is_required(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main([])
    assert exited.value.code == 2


# --- serve: a real process -----------------------------------------------------------------------


class Server:
    """``hiveboard serve`` in a child process; its stdout is read by a thread, never blocking."""

    def __init__(self, db_path: Path) -> None:
        self.port = free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith("HIVEBOARD_")}
        self.proc = subprocess.Popen(
            [str(HIVEBOARD), "serve", "--port", str(self.port), "--log-level", "warning",
             "--database-url", f"sqlite:///{db_path}"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
        self.lines: queue.Queue[str] = queue.Queue()
        self.output: list[str] = []
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line)

    def wait_for(self, pattern: str) -> re.Match[str]:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.2)
            except queue.Empty:
                if self.proc.poll() is not None:
                    break
                continue
            self.output.append(line)
            if found := re.search(pattern, line):
                return found
        raise AssertionError(f"no line matching {pattern!r}; output:\n{''.join(self.output)}")

    def wait_healthy(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, f"server exited: {''.join(self.output)}"
            try:
                if httpx.get(f"{self.url}/health", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        raise AssertionError("server never answered /health")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=STOP_TIMEOUT_S)
        if self.proc.stdout is not None:
            self.proc.stdout.close()


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Any]:
    started: list[Server] = []

    def start() -> Server:
        server = Server(tmp_path / "dev.db")
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.mark.slow
def test_serve_prints_url_and_the_same_working_key_on_every_start(serve: Any,
                                                                  tmp_path: Path) -> None:
    keys = []
    for _ in range(2):
        server = serve()
        assert server.wait_for(r"http://localhost:(\d+)").group(1) == str(server.port)
        key = server.wait_for(rf"API key:\s+({KEY.pattern})").group(1)
        server.wait_healthy()
        resp = httpx.get(f"{server.url}/v1/events", timeout=5,
                         headers={"Authorization": f"Bearer {key}"})
        assert resp.status_code == 200, resp.text
        keys.append(key)
        server.stop()
    assert keys[0] == keys[1]
    assert (tmp_path / "dev.devkey").stat().st_mode & 0o077 == 0
