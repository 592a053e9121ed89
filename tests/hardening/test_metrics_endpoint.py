"""GET /metrics: Prometheus text with request, ingest and stream metrics; multiprocess mode."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from hiveboard.services import telemetry
from tests.api.factories import batch, event
from tests.conftest import Keys


def sample(text: str, name: str, **labels: str) -> float:
    for family in text_string_to_metric_families(text):
        for s in family.samples:
            if s.name == name and all(s.labels.get(k) == v for k, v in labels.items()):
                return float(s.value)
    return 0.0


async def scrape(client: httpx.AsyncClient) -> str:
    resp = await client.get("/metrics")
    assert resp.status_code == 200, resp.text
    return resp.text


async def test_metrics_are_public_prometheus_text(client: httpx.AsyncClient) -> None:
    resp = await client.get("/metrics")
    assert resp.status_code == 200
    assert resp.headers["content-type"].startswith("text/plain; version=0.0.4")
    assert "x-ratelimit-limit" not in resp.headers
    names = {f.name for f in text_string_to_metric_families(resp.text)}
    for name in ("hiveboard_http_requests", "hiveboard_http_request_duration_seconds",
                 "hiveboard_ingested_events", "hiveboard_ingest_rejected_events",
                 "hiveboard_ingest_duplicate_events", "hiveboard_stream_connections",
                 "hiveboard_stream_frames_sent"):
        assert name in names, f"{name} missing"


async def test_requests_are_counted_per_operation_and_status(
        client: httpx.AsyncClient, api_keys: Keys) -> None:
    before = await scrape(client)
    for _ in range(3):
        await client.get("/v1/agents", headers=api_keys.auth())
    await client.get("/v1/agents")
    await client.get("/v1/no/such/thing", headers=api_keys.auth())
    after = await scrape(client)

    def delta(name: str, **labels: str) -> float:
        return sample(after, name, **labels) - sample(before, name, **labels)

    assert delta("hiveboard_http_requests_total", operation="listAgents", status="200") == 3
    assert delta("hiveboard_http_requests_total", operation="listAgents", status="401") == 1
    assert delta("hiveboard_http_requests_total", operation="unrouted", status="404") == 1
    assert delta("hiveboard_http_request_duration_seconds_count", operation="listAgents",
                 status_class="2xx") == 3
    assert delta("hiveboard_http_request_duration_seconds_bucket", operation="listAgents",
                 status_class="2xx", le="+Inf") == 3


async def test_ingest_outcomes_are_counted(client: httpx.AsyncClient, api_keys: Keys) -> None:
    before = await scrape(client)
    good = [event(), event(), event()]
    bad = event(event_type="no_such_type")
    first = await client.post("/v1/ingest", headers=api_keys.auth(), json=batch(*good, bad))
    again = await client.post("/v1/ingest", headers=api_keys.auth(), json=batch(good[0]))
    assert first.status_code == 207 and again.status_code == 200
    after = await scrape(client)

    def delta(name: str) -> float:
        return sample(after, name) - sample(before, name)

    assert delta("hiveboard_ingested_events_total") == 4
    assert delta("hiveboard_ingest_rejected_events_total") == 1
    assert delta("hiveboard_ingest_duplicate_events_total") == 1
    assert sample(after, "hiveboard_http_requests_total", operation="ingestEvents",
                  status="207") >= 1


WORKERS = textwrap.dedent('''
    import asyncio, os, sys
    import httpx
    from hiveboard.app import create_app
    from hiveboard.settings import Settings
    from hiveboard.store import migrate
    from hiveboard.store.database import create_db_engine

    migrate.upgrade(create_db_engine(sys.argv[1]))  # once, as a deployment does before start

    async def serve(requests: int) -> None:
        app = create_app(Settings(database_url=sys.argv[1], auto_migrate=False))
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://w") as client:
            for _ in range(requests):
                assert (await client.get("/health")).status_code == 200

    children = []
    for requests in (2, 3):  # two workers, forked as uvicorn --workers does
        pid = os.fork()
        if pid == 0:
            asyncio.run(serve(requests))
            os._exit(0)
        children.append(pid)
    sys.exit(max(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) for pid in children))
''')


def test_multiprocess_mode_adds_up_every_worker(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Two worker processes count requests; the exposition answers for both."""
    metrics_dir = tmp_path / "prometheus"
    metrics_dir.mkdir()
    done = subprocess.run(
        [sys.executable, "-c", WORKERS, f"sqlite:///{tmp_path / 'hb.db'}"],
        env={**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(metrics_dir)},
        capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0, done.stderr
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(metrics_dir))
    text = telemetry.exposition(None).decode()
    assert sample(text, "hiveboard_http_requests_total", operation="getHealth",
                  status="200") == 5
