"""The API reference: interactive at /docs/ on every server, static HTML from tools/build_docs."""

from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path

import httpx
import yaml

ROOT = Path(__file__).resolve().parents[2]
SPEC = yaml.safe_load((ROOT / "spec" / "openapi.yaml").read_text())
METHODS = {"get", "put", "post", "delete", "patch"}


def _summaries() -> list[str]:
    return [op["summary"] for item in SPEC["paths"].values()
            for method, op in item.items() if method in METHODS]


async def test_swagger_ui_is_served_at_docs_without_a_key(client: httpx.AsyncClient) -> None:
    page = await client.get("/docs/")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "swagger-ui" in page.text
    assert "/openapi.json" in page.text  # the page loads the contract the server runs
    scripts = re.findall(r'src="([^"]+\.js)"', page.text)
    assert scripts, page.text[:500]
    for src in scripts:  # the UI's own assets are served too, not fetched from a CDN
        asset = await client.get(src if src.startswith("/") else f"/docs/{src}")
        assert asset.status_code == 200, src


async def test_the_served_contract_is_the_spec(client: httpx.AsyncClient) -> None:
    served = await client.get("/openapi.json")
    assert served.status_code == 200
    body = served.json()
    assert body["info"] == SPEC["info"]
    assert {op["operationId"] for item in body["paths"].values() for m, op in item.items()
            if m in METHODS} == {op["operationId"] for item in SPEC["paths"].values()
                                 for m, op in item.items() if m in METHODS}


def test_the_static_reference_builds_with_every_operation(tmp_path: Path) -> None:
    out = tmp_path / "api-reference.html"
    result = subprocess.run([str(ROOT / "tools" / "build_docs"), str(out)], capture_output=True,
                            text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    text = out.read_text()
    assert "<title>HiveBoard API</title>" in text
    missing = [s for s in _summaries() if s not in text and html.escape(s) not in text]
    assert not missing, f"operations missing from the static reference: {missing}"
