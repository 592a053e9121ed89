"""Alert tests drive the runtime by hand: the app gets an AlertRuntime the test holds, on the
FakeClock, and a test calls ``evaluate`` / ``sweep`` / ``deliver`` where the background tasks
would. Local receivers stand in for webhook endpoints and an SMTP relay."""

from __future__ import annotations

import json
import shutil
import ssl
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from hiveboard.alerts.runtime import AlertRuntime
from hiveboard.app import create_app
from hiveboard.settings import Settings
from hiveboard.store.database import Database
from tests.conftest import FakeClock, free_port


@pytest.fixture
def settings(db_url: str) -> Settings:
    return Settings(database_url=db_url, validate_responses=True, auto_migrate=False,
                    alert_retry_base_seconds=10, alert_max_attempts=3,
                    alert_webhook_timeout_seconds=5)


@pytest.fixture
def runtime(settings: Settings, database: Database, clock: FakeClock) -> AlertRuntime:
    return AlertRuntime(settings, database, clock, worker_id="worker-a")


@pytest.fixture
def app(settings: Settings, database: Database, clock: FakeClock, runtime: AlertRuntime) -> Any:
    return create_app(settings, database=database, clock=clock, alerts=runtime)


# ------------------------------------------------------------------------------ webhook receiver

@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Receiver:
    """A local HTTP endpoint: answers the queued statuses in order, then 200."""

    url: str
    requests: list[Received] = field(default_factory=list)
    statuses: list[int] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def next_status(self) -> int:
        with self.lock:
            return self.statuses.pop(0) if self.statuses else 200


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    port = free_port()
    box = Receiver(url=f"http://127.0.0.1:{port}/hook")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            with box.lock:
                box.requests.append(Received(self.path, dict(self.headers.items()), body))
            status = box.next_status()
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            return

    class Server(ThreadingHTTPServer):
        request_queue_size = 128  # several workers post at once

    server = Server(("127.0.0.1", port), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield box
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


# ------------------------------------------------------------------------------ SMTP relay

@dataclass
class Mailbox:
    host: str
    port: int
    ca_file: str
    messages: list[Any] = field(default_factory=list)
    logins: list[tuple[str, str]] = field(default_factory=list)


def _self_signed(directory: Path) -> tuple[Path, Path]:
    cert, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    return cert, key


@pytest.fixture
def mailbox(tmp_path: Path) -> Iterator[Mailbox]:
    """aiosmtpd on 127.0.0.1 that requires STARTTLS before AUTH (user ``alerts``/``s3cret``)."""
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult, LoginPassword

    if shutil.which("openssl") is None:
        pytest.fail("openssl is needed to make the SMTP test certificate")
    cert, key = _self_signed(tmp_path)
    tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    tls.load_cert_chain(cert, key)
    box = Mailbox(host="127.0.0.1", port=free_port(), ca_file=str(cert))

    class Handler:
        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
            box.messages.append(envelope)
            return "250 OK"

    def authenticate(server: Any, session: Any, envelope: Any, mechanism: str,
                     data: Any) -> AuthResult:
        ok = isinstance(data, LoginPassword) and (data.login, data.password) == (
            b"alerts", b"s3cret")
        if ok:
            box.logins.append((data.login.decode(), mechanism))
        return AuthResult(success=ok)

    controller = Controller(Handler(), hostname=box.host, port=box.port, tls_context=tls,
                            require_starttls=True, authenticator=authenticate,
                            auth_require_tls=True)
    controller.start()
    yield box
    controller.stop()
