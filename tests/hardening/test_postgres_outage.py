"""PostgreSQL goes away during sustained ingest and comes back: ingest answers 503 with
``Retry-After`` in the standard error shape while it is down, the same HiveBoard process
recovers by itself, and retrying the refused batches stores every event exactly once.

The shared PostgreSQL of the test run is never stopped (other suites use it at the same time):
the test runs its own throw-away cluster on a free port and crashes that one
(``pg_ctl stop -m immediate``).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text

from hiveboard.store.database import Database
from tests.hardening.processes import (
    HiveboardServer,
    PrivateCluster,
    TcpProxy,
    postgres_bin,
    prepared_key,
)
from tests.hardening.test_crash_safety import make_batch

pytestmark = [pytest.mark.slow, pytest.mark.postgres]

BATCH_EVENTS = 20
ERROR_KEYS = {"error", "message", "status", "details"}


@pytest.fixture
def cluster() -> Iterator[PrivateCluster]:
    bindir = postgres_bin()
    if bindir is None:
        pytest.fail("PostgreSQL server binaries (/usr/lib/postgresql/*/bin) are not installed")
    pg = PrivateCluster(bindir)
    pg.start()
    try:
        yield pg
    finally:
        pg.destroy()


class Ingester(threading.Thread):
    """Posts new batches back to back, remembering which were acknowledged and which refused."""

    def __init__(self, url: str, key: str) -> None:
        super().__init__(daemon=True)
        self.url, self.key = url, key
        self.acked: list[list[str]] = []
        self.refused: list[tuple[bytes, list[str]]] = []
        self.answers: list[httpx.Response] = []
        self.failure: BaseException | None = None
        self.halt = threading.Event()

    def run(self) -> None:
        headers = {"Authorization": f"Bearer {self.key}", "Content-Type": "application/json"}
        try:
            with httpx.Client(base_url=self.url, timeout=30) as client:
                while not self.halt.is_set():
                    body, ids = make_batch(BATCH_EVENTS)
                    resp = client.post("/v1/ingest", content=body, headers=headers)
                    self.answers.append(resp)
                    if resp.status_code == 200:
                        self.acked.append(ids)
                    else:
                        self.refused.append((body, ids))
                        time.sleep(0.1)
        except BaseException as exc:  # a hang, a dropped connection: reported by the test
            self.failure = exc

    def count(self, status: int) -> int:
        return sum(1 for r in list(self.answers) if r.status_code == status)

    def wait_for(self, status: int, n: int, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while self.count(status) < n:
            assert self.failure is None, repr(self.failure)
            assert time.monotonic() < deadline, (
                f"waited for {n}x {status}; saw {[r.status_code for r in self.answers][-20:]}")
            time.sleep(0.02)


def stored_counts(db_url: str) -> dict[str, int]:
    db = Database.from_url(db_url)
    try:
        rows = db.read_sync(lambda c: c.execute(text(
            "SELECT event_id, count(*) FROM events GROUP BY event_id")).all())
    finally:
        db.dispose()
    return {str(event_id): int(n) for event_id, n in rows}


@pytest.mark.parametrize("mode", ["immediate", "fast"], ids=["crash", "shutdown"])
def test_postgres_restart_during_ingest(cluster: PrivateCluster, tmp_path: Path,
                                        mode: str) -> None:
    """``immediate`` drops every connection as a crash does; ``fast`` ends each session with
    ``terminating connection due to administrator command``, as a restart does."""
    key = prepared_key(cluster.url)
    server = HiveboardServer(cluster.url, tmp_path)
    server.start()
    ingester = Ingester(server.url, key)
    try:
        ingester.start()
        ingester.wait_for(200, 10)

        cluster.stop(mode)
        ingester.wait_for(503, 5)
        ready = httpx.get(f"{server.url}/health/ready", timeout=10)
        assert ready.status_code == 503, ready.text
        query = httpx.get(f"{server.url}/v1/agents", timeout=10,
                          headers={"Authorization": f"Bearer {key}"})
        assert query.status_code == 503 and query.json()["error"] == "service_unavailable"
        assert int(query.headers["retry-after"]) > 0
        answered_503 = ingester.count(503)

        cluster.start()
        ingester.wait_for(200, ingester.count(200) + 5)  # the same process, no restart
        ingester.halt.set()
        ingester.join(timeout=60)
        assert ingester.failure is None, repr(ingester.failure)
        assert server.proc is not None and server.proc.poll() is None, server.log()

        statuses = {r.status_code for r in ingester.answers}
        assert statuses == {200, 503}, [r.text for r in ingester.answers
                                        if r.status_code not in (200, 503)][:3]
        assert answered_503 >= 5
        for resp in ingester.answers:
            if resp.status_code == 503:
                assert int(resp.headers["retry-after"]) > 0
                body = resp.json()
                assert set(body) == ERROR_KEYS and body["error"] == "service_unavailable"
                assert body["status"] == 503
                assert body["details"]["retry_after_seconds"] == int(resp.headers["retry-after"])

        stored = stored_counts(cluster.url)
        acked = [i for ids in ingester.acked for i in ids]
        assert all(stored.get(i) == 1 for i in acked), "an acknowledged event was lost"

        # hiveloop retries every refused batch; some may have been committed before the
        # connection died, so the retry must deduplicate rather than store them twice.
        with httpx.Client(base_url=server.url, timeout=30) as client:
            for body, ids in ingester.refused:
                resp = client.post("/v1/ingest", content=body,
                                   headers={"Authorization": f"Bearer {key}",
                                            "Content-Type": "application/json"})
                assert resp.status_code == 200, resp.text
                assert resp.json()["accepted"] == len(ids)
        final = stored_counts(cluster.url)
        every = {i for ids in ingester.acked for i in ids} | {
            i for _body, ids in ingester.refused for i in ids}
        assert set(final) == every and set(final.values()) == {1}
        assert httpx.get(f"{server.url}/health/ready", timeout=10).status_code == 200
    finally:
        ingester.halt.set()
        server.stop()


# Long enough for a connect timeout and a retry, far below psycopg's default of 130 s per
# connection attempt: a request that waits this long is hanging, not answering 503.
ANSWER_WITHIN_S = 60


def test_unresponsive_postgres_is_a_prompt_503_not_a_hang(cluster: PrivateCluster,
                                                         tmp_path: Path) -> None:
    """A network partition: the open connections die and new ones are never answered."""
    key = prepared_key(cluster.url)
    proxy = TcpProxy(cluster.port)
    server = HiveboardServer(cluster.url.replace(f":{cluster.port}/", f":{proxy.port}/"),
                             tmp_path)
    server.start()
    headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}
    try:
        with httpx.Client(base_url=server.url, timeout=ANSWER_WITHIN_S) as client:
            body, ids = make_batch(BATCH_EVENTS)
            assert client.post("/v1/ingest", content=body, headers=headers).status_code == 200

            proxy.cut()
            refused = [make_batch(BATCH_EVENTS) for _ in range(3)]
            for body, _ids in refused:
                resp = client.post("/v1/ingest", content=body, headers=headers)
                assert resp.status_code == 503, resp.text
                assert resp.json()["error"] == "service_unavailable"
                assert int(resp.headers["retry-after"]) > 0
            ready = client.get("/health/ready")
            assert ready.status_code == 503, ready.text

            proxy.restore()
            deadline = time.monotonic() + ANSWER_WITHIN_S
            for body, ids in refused:
                while (resp := client.post("/v1/ingest", content=body,
                                           headers=headers)).status_code == 503:
                    assert time.monotonic() < deadline, "never recovered"
                    time.sleep(0.5)
                assert resp.status_code == 200 and resp.json()["accepted"] == len(ids)
        stored = stored_counts(cluster.url)
        assert len(stored) == BATCH_EVENTS * 4 and set(stored.values()) == {1}
        assert server.proc is not None and server.proc.poll() is None, server.log()
    finally:
        server.stop()
        proxy.close()
