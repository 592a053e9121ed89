"""The operator kit: the Grafana dashboard reads metrics the server exports; the README tells
how to deploy."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import httpx
from prometheus_client.parser import text_string_to_metric_families

from tests.api.factories import batch, event
from tests.conftest import Keys

ROOT = Path(__file__).resolve().parents[2]
DASHBOARD = ROOT / "tools" / "grafana" / "hiveboard-dashboard.json"
METRIC = re.compile(r"\b(hiveboard_[a-z0-9_]+)")


def panels(dashboard: dict[str, Any]) -> list[dict[str, Any]]:
    return [p for p in dashboard["panels"] if p["type"] != "row"]


def test_the_dashboard_is_a_grafana_dashboard() -> None:
    dashboard = json.loads(DASHBOARD.read_text())
    assert dashboard["uid"] and dashboard["title"] and dashboard["schemaVersion"] >= 36
    ids = [p["id"] for p in dashboard["panels"]]
    assert len(ids) == len(set(ids))
    for panel in panels(dashboard):
        grid = panel["gridPos"]
        assert grid["x"] + grid["w"] <= 24 and grid["h"] > 0
        assert panel["targets"] and all(t["expr"] for t in panel["targets"])
        assert panel["datasource"]["uid"] == "${datasource}"


async def test_every_dashboard_metric_is_exported(client: httpx.AsyncClient,
                                                  api_keys: Keys) -> None:
    await client.post("/v1/ingest", headers=api_keys.auth(), json=batch(event()))
    await client.get("/v1/agents", headers=api_keys.auth())
    scraped = (await client.get("/metrics")).text
    families = list(text_string_to_metric_families(scraped))
    exported = {s.name for f in families for s in f.samples}
    # a labelled counter with no sample yet is still declared (HELP/TYPE)
    exported |= {f"{f.name}_total" for f in families if f.type == "counter"}
    wanted = {name for panel in panels(json.loads(DASHBOARD.read_text()))
              for target in panel["targets"] for name in METRIC.findall(target["expr"])}
    assert wanted and not wanted - exported, sorted(wanted - exported)


def test_the_readme_documents_the_deployment() -> None:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Deployment", 1)[1].split("\n## ", 1)[0]
    for needle in ("uvicorn --factory hiveboard.app:create_app", "--workers",
                   "PROMETHEUS_MULTIPROC_DIR", "HIVEBOARD_REDIS_URL", "HIVEBOARD_MODE=production",
                   "/health/ready", "/metrics", "hiveboard-dashboard.json",
                   "HIVEBOARD_CORS_ALLOWED_ORIGINS"):
        assert needle in section, needle
