"""Real processes for the resilience tests: ``hiveboard serve`` as a subprocess, and a private
PostgreSQL cluster that a test may stop and start without touching the shared one."""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import signal
import socket
import struct
import subprocess
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx

from hiveboard.store import keys, migrate
from hiveboard.store.database import Database
from tests.conftest import free_port

ROOT = Path(__file__).resolve().parents[2]
HIVEBOARD = ROOT / ".venv" / "bin" / "hiveboard"
START_TIMEOUT_S = 60


def prepared_key(db_url: str, tenant: str = "acme") -> str:
    """Migrate ``db_url`` and make a live key on it, as an operator would before serving."""
    db = Database.from_url(db_url)
    try:
        migrate.upgrade(db.engine)
        return db.write_sync(keys.operator_create_key, tenant, "live", None, datetime.now(UTC))
    finally:
        db.dispose()


class HiveboardServer:
    """``hiveboard serve`` on a free port; the same port across restarts."""

    def __init__(self, db_url: str, workdir: Path) -> None:
        self.db_url = db_url
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = workdir / "server.log"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        env = dict(os.environ)
        # Sustained ingest from one key must not meet the 100 req/s default.
        env.update(HIVEBOARD_RATE_LIMIT_INGEST_PER_SECOND="1000000",
                   HIVEBOARD_RATE_LIMIT_QUERY_PER_SECOND="1000000",
                   HIVEBOARD_MODE="development")
        with self.log_path.open("ab") as log:
            self.proc = subprocess.Popen(
                [str(HIVEBOARD), "serve", "--port", str(self.port), "--database-url",
                 self.db_url, "--log-level", "warning"],
                stdout=log, stderr=subprocess.STDOUT, cwd=self.log_path.parent, env=env)
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, f"hiveboard exited:\n{self.log()}"
            try:
                if httpx.get(f"{self.url}/health", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        self.stop()
        raise AssertionError(f"hiveboard never answered /health:\n{self.log()}")

    def kill(self) -> None:
        """SIGKILL: no shutdown hook, no flush, no rollback; the crash under test."""
        assert self.proc is not None
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=10)

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)

    def log(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-4000:]
        except OSError:
            return "(no log)"


def postgres_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    return Path(found[-1]).parent if found else None


class PrivateCluster:
    """A throw-away PostgreSQL cluster on a free port, owned by this test alone.

    PostgreSQL refuses to run as root, so when the tests run as root (CI does) the cluster is
    initialised and run as the ``postgres`` OS user through ``runuser``.
    """

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.port = free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="hb-pg-"))
        self.data = self.dir / "data"
        self.run_as: list[str] = []
        if os.geteuid() == 0:
            shutil.chown(self.dir, user="postgres")
            self.run_as = ["runuser", "-u", "postgres", "--"]
        self._pg(["initdb", "-D", str(self.data), "--auth=trust", "-U", "postgres", "-E",
                  "UTF8", "--no-sync"])

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def _pg(self, args: list[str]) -> None:
        cmd = [*self.run_as, str(self.bindir / args[0]), *args[1:]]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
        assert done.returncode == 0, f"{' '.join(cmd)} failed:\n{done.stdout}\n{done.stderr}"

    def start(self) -> None:
        options = (f"-c listen_addresses=127.0.0.1 -p {self.port} "
                   f"-c unix_socket_directories={self.dir} -c fsync=off")
        self._pg(["pg_ctl", "-D", str(self.data), "-o", options, "-l",
                  str(self.dir / "postgres.log"), "-w", "-t", "60", "start"])

    def stop(self, mode: str = "immediate") -> None:
        """``immediate`` is a crash: every connection dropped, recovery on the next start."""
        self._pg(["pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", "60", "stop"])

    def destroy(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


class TcpProxy:
    """A TCP relay in front of a database that a test can cut like a network partition: open
    connections are reset, and new ones are accepted but never answered (no refusal, no data),
    as when the database host stops responding."""

    def __init__(self, upstream_port: int) -> None:
        self.upstream_port = upstream_port
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self.listener.getsockname()[1])
        self.cut_off = False
        self.open: list[socket.socket] = []
        self.lock = threading.Lock()
        self.closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self.closed:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            with self.lock:
                self.open.append(client)
                if self.cut_off:
                    continue  # held open, never answered
            try:
                upstream = socket.create_connection(("127.0.0.1", self.upstream_port), timeout=5)
            except OSError:
                client.close()
                continue
            with self.lock:
                self.open.append(upstream)
            for src, dst in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(src, dst), daemon=True).start()

    @staticmethod
    def _pump(src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        for s in (src, dst):
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)

    def _drop_all(self) -> None:
        with self.lock:
            sockets, self.open = self.open, []
        for s in sockets:
            with contextlib.suppress(OSError):
                s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            with contextlib.suppress(OSError):
                s.close()  # with SO_LINGER 0: a reset, as a failed network path gives

    def cut(self) -> None:
        with self.lock:
            self.cut_off = True
        self._drop_all()

    def restore(self) -> None:
        with self.lock:
            self.cut_off = False
        self._drop_all()  # the silent connections end; clients reconnect

    def close(self) -> None:
        self.closed = True
        self.listener.close()
        self._drop_all()
