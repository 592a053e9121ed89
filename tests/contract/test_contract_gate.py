"""The breaking-change gate (tools/contract_gate.py) on deliberately changed copies of the contract.

Each case edits a copy of the working spec in a temporary directory and runs the gate's command
line against the released contract, exactly as CI does.
"""

from __future__ import annotations

import functools
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

import contract_gate  # noqa: E402

Docs = tuple[dict[str, Any], dict[str, Any]]  # (openapi, ws schema)


def _param(doc: dict[str, Any], path: str, name: str) -> list[Any]:
    return [p for p in doc["paths"][path]["get"]["parameters"] if p.get("name") != name]


def removed_operation(api: dict[str, Any], ws: dict[str, Any]) -> None:
    del api["paths"]["/v1/stream/info"]["get"]


def removed_parameter(api: dict[str, Any], ws: dict[str, Any]) -> None:
    api["paths"]["/v1/agents"]["get"]["parameters"] = _param(api, "/v1/agents", "agent_type")


def removed_response_field(api: dict[str, Any], ws: dict[str, Any]) -> None:
    summary = api["components"]["schemas"]["AgentSummary"]
    del summary["properties"]["queue_depth"]
    summary["required"].remove("queue_depth")


def response_field_became_optional(api: dict[str, Any], ws: dict[str, Any]) -> None:
    api["components"]["schemas"]["AgentSummary"]["required"].remove("status")


def narrowed_type(api: dict[str, Any], ws: dict[str, Any]) -> None:
    cost = api["components"]["schemas"]["CostThresholdCondition"]["properties"]
    cost["threshold_usd"]["type"] = "integer"


def narrowed_constraint(api: dict[str, Any], ws: dict[str, Any]) -> None:
    api["components"]["parameters"]["Limit"]["schema"]["maximum"] = 100


def new_required_request_field(api: dict[str, Any], ws: dict[str, Any]) -> None:
    api["components"]["schemas"]["ProjectCreate"]["required"].append("description")


def new_required_parameter(api: dict[str, Any], ws: dict[str, Any]) -> None:
    api["paths"]["/v1/agents"]["get"]["parameters"].append(
        {"name": "fleet", "in": "query", "required": True, "schema": {"type": "string"}})


def removed_enum_value(api: dict[str, Any], ws: dict[str, Any]) -> None:
    api["components"]["schemas"]["AgentStatus"]["enum"].remove("waiting_approval")


def ws_removed_client_frame(api: dict[str, Any], ws: dict[str, Any]) -> None:
    client = ws["$defs"]["ClientFrame"]
    client["oneOf"] = [f for f in client["oneOf"] if not f["$ref"].endswith("/PingFrame")]


def ws_removed_server_field(api: dict[str, Any], ws: dict[str, Any]) -> None:
    connected = ws["$defs"]["ConnectedFrame"]
    del connected["properties"]["connection_id"]
    connected["required"].remove("connection_id")


def ws_removed_enum_value(api: dict[str, Any], ws: dict[str, Any]) -> None:
    ws["$defs"]["Channel"]["enum"].remove("agents")


BREAKS: dict[str, tuple[Callable[[dict[str, Any], dict[str, Any]], None], str]] = {
    "removed operation": (removed_operation, "GET /v1/stream/info (getStreamInfo): removed "
                                             "operation"),
    "removed parameter": (removed_parameter, "query parameter agent_type: removed parameter"),
    "removed response field": (removed_response_field, ".queue_depth: removed response field"),
    "response field became optional": (response_field_became_optional,
                                       ".status: response field became optional"),
    "narrowed type": (narrowed_type, "threshold_usd: narrowed type: ['number'] → ['integer']"),
    "narrowed constraint": (narrowed_constraint, "parameter limit: narrowed type: maximum"),
    "new required request field": (new_required_request_field,
                                   "request.description: new required request field"),
    "new required parameter": (new_required_parameter,
                               "query parameter fleet: new required parameter"),
    "removed enum value": (removed_enum_value, "removed enum value ['\"waiting_approval\"']"),
    "ws removed client frame": (ws_removed_client_frame,
                                "ws ClientFrame.oneOf: narrowed type: alternative PingFrame"),
    "ws removed server field": (ws_removed_server_field,
                                ".connection_id: removed response field"),
    "ws removed enum value": (ws_removed_enum_value, "removed enum value ['\"agents\"']"),
}


@functools.cache
def _working_text() -> tuple[str, str]:
    return ((ROOT / "spec" / "openapi.yaml").read_text(),
            (ROOT / "spec" / "ws.schema.json").read_text())


def _working() -> Docs:
    """A fresh copy of the working contract (JSON keeps it small and quick to load again)."""
    api, ws = _working_text()
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(api, Loader=loader), json.loads(ws)


def _run_gate(tmp: Path, docs: Docs, changelog: str | None = None) -> subprocess.CompletedProcess[
        str]:
    api, ws = docs
    (tmp / "openapi.yaml").write_text(json.dumps(api))  # JSON is YAML
    (tmp / "ws.schema.json").write_text(json.dumps(ws))
    log = tmp / "CHANGELOG.md"
    if changelog is not None:
        log.write_text(changelog)
    cmd = [sys.executable, str(ROOT / "tools" / "contract_gate.py"),
           "--openapi", str(tmp / "openapi.yaml"), "--ws", str(tmp / "ws.schema.json"),
           "--changelog", str(log)]
    return subprocess.run(cmd, capture_output=True, text=True, check=False)


def _bump(docs: Docs, api_version: str = "2.0.0", ws_version: str = "2.0.0") -> Docs:
    api, ws = docs
    api["info"]["version"] = api_version
    ws["x-contract-version"] = ws_version
    return api, ws


def test_the_working_contract_passes() -> None:
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "contract_gate.py")],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("kind", list(BREAKS))
def test_each_kind_of_break_fails(kind: str, tmp_path: Path) -> None:
    change, expected = BREAKS[kind]
    api, ws = _working()
    change(api, ws)
    result = _run_gate(tmp_path, (api, ws))
    assert result.returncode == 1, result.stdout + result.stderr
    assert expected in result.stdout, result.stdout
    assert "bump info.version" in result.stdout


def test_additive_changes_pass(tmp_path: Path) -> None:
    api, ws = _working()
    schemas = api["components"]["schemas"]
    api["paths"]["/v1/fleets"] = {"get": {
        "operationId": "listFleets", "summary": "Fleets",
        "responses": {"200": {"description": "ok"}}}}
    api["paths"]["/v1/agents"]["get"]["parameters"].append(
        {"name": "fleet", "in": "query", "schema": {"type": "string"}})
    schemas["AgentSummary"]["properties"]["fleet"] = {"type": "string"}
    schemas["AgentSummary"]["required"].append("fleet")  # always present in answers
    schemas["ProjectCreate"]["properties"]["colour"] = {"type": "string"}
    schemas["AgentStatus"]["enum"].append("sleeping")
    schemas["ProjectCreate"]["properties"]["name"].pop("maxLength", None)  # looser
    ws["$defs"]["ConnectedFrame"]["properties"]["region"] = {"type": "string"}
    result = _run_gate(tmp_path, (api, ws))
    assert result.returncode == 0, result.stdout
    assert "no breaking change" in result.stdout


def test_a_break_passes_with_both_versions_bumped_and_a_changelog_entry(tmp_path: Path) -> None:
    api, ws = _working()
    removed_operation(api, ws)
    entry = "# Changelog\n\n## 2.0.0\n\n`GET /v1/stream/info` is gone: read the limits from " \
            "the `connected` frame.\n\n## 1.0.0\n\nFirst release.\n"
    result = _run_gate(tmp_path, _bump((api, ws)), changelog=entry)
    assert result.returncode == 0, result.stdout
    assert "breaking: GET /v1/stream/info" in result.stdout
    assert "allowed: API 1.0.0 → 2.0.0, WS 1.0.0 → 2.0.0" in result.stdout


@pytest.mark.parametrize(("api_version", "ws_version", "changelog", "missing"), [
    ("2.0.0", "2.0.0", None, "add a '## 2.0.0' section"),
    ("2.0.0", "2.0.0", "## 1.0.0\n\nFirst release.\n", "add a '## 2.0.0' section"),
    ("2.0.0", "2.0.0", "## 2.0.0\n\n## 1.0.0\n\nFirst.\n", "add a '## 2.0.0' section"),
    ("2.0.0", "1.0.0", "## 2.0.0\n\nStream info removed.\n", "bump info.version"),
    ("1.0.0", "2.0.0", "## 1.0.0\n\nStream info removed.\n", "bump info.version"),
], ids=["no changelog", "no entry for the version", "empty entry", "ws not bumped",
        "api not bumped"])
def test_the_escape_hatch_needs_both_bumps_and_an_entry(
        tmp_path: Path, api_version: str, ws_version: str, changelog: str | None,
        missing: str) -> None:
    api, ws = _working()
    removed_operation(api, ws)
    result = _run_gate(tmp_path, _bump((api, ws), api_version, ws_version), changelog)
    assert result.returncode == 1, result.stdout
    assert missing in result.stdout


def test_a_version_below_the_released_one_fails(tmp_path: Path) -> None:
    result = _run_gate(tmp_path, _bump(_working(), "0.9.0", "1.0.0"))
    assert result.returncode == 1
    assert "lower than the released 1.0.0" in result.stdout


def test_the_released_contract_has_its_changelog_entry() -> None:
    released = contract_gate.Contract.load(ROOT / "spec" / "released" / "openapi.yaml",
                                           ROOT / "spec" / "released" / "ws.schema.json")
    assert contract_gate.changelog_entry(ROOT / "spec" / "CHANGELOG.md", released.api_version)
