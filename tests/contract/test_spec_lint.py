"""The contract itself: valid OpenAPI 3.0 and JSON Schema, linted, in sync with generated/,
and complete in the ways the server and its clients rely on."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator
from openapi_spec_validator import OpenAPIV30SpecValidator, validate
from referencing import Registry, Resource

ROOT = Path(__file__).resolve().parents[2]
OPENAPI = ROOT / "spec" / "openapi.yaml"
WS_SCHEMA = ROOT / "spec" / "ws.schema.json"
HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
REDOCLY_TIMEOUT_S = 300


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(OPENAPI.read_text())
    return loaded


def operations(spec: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for path, item in spec["paths"].items():
        for method, op in item.items():
            if method in HTTP_METHODS:
                yield f"{method.upper()} {path}", op


def resolve(spec: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        target: Any = spec
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def test_openapi_spec_validator_accepts_the_contract(spec: dict[str, Any]) -> None:
    assert spec["openapi"].startswith("3.0.")
    validate(spec, base_uri=OPENAPI.as_uri(), cls=OpenAPIV30SpecValidator)


def test_redocly_lint_passes() -> None:
    npx = shutil.which("npx")
    if npx is None:
        pytest.fail("npx (Node 20) is required to lint the contract: install Node.js, then run "
                    "`npx --yes @redocly/cli@2 lint spec/openapi.yaml --config spec/redocly.yaml`")
    result = subprocess.run(
        [npx, "--yes", "@redocly/cli@2", "lint", "spec/openapi.yaml",
         "--config", "spec/redocly.yaml", "--format", "stylish"],
        cwd=ROOT, capture_output=True, text=True, timeout=REDOCLY_TIMEOUT_S, check=False)
    assert result.returncode == 0, f"redocly lint failed:\n{result.stdout}\n{result.stderr}"


def test_ws_schema_is_valid_draft_2020_12() -> None:
    Draft202012Validator.check_schema(json.loads(WS_SCHEMA.read_text()))


def ws_examples() -> Iterator[Any]:
    schema = json.loads(WS_SCHEMA.read_text())
    for name, definition in schema["$defs"].items():
        for i, example in enumerate(definition.get("examples", [])):
            yield pytest.param(name, example, id=f"{name}[{i}]")


@pytest.mark.parametrize(("definition", "example"), list(ws_examples()))
def test_each_ws_example_matches_its_definition(definition: str, example: Any) -> None:
    schema = json.loads(WS_SCHEMA.read_text())
    registry: Registry[Any] = Registry().with_resource(schema["$id"],
                                                       Resource.from_contents(schema))
    validator = Draft202012Validator({"$ref": f"{schema['$id']}#/$defs/{definition}"},
                                     registry=registry,
                                     format_checker=Draft202012Validator.FORMAT_CHECKER)
    problems = [f"{'.'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}"
                for e in validator.iter_errors(example)]
    assert not problems, problems


def test_ws_schema_has_examples_to_check() -> None:
    assert len(list(ws_examples())) >= 10


def test_generated_code_matches_the_spec() -> None:
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "codegen.py"), "--check"],
                            cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, f"generated/ drifted from spec/:\n{result.stdout[-4000:]}"


def test_every_operation_is_documented_for_clients(spec: dict[str, Any]) -> None:
    codes = set(spec["components"]["schemas"]["ErrorCode"]["enum"])
    problems = []
    for label, op in operations(spec):
        responses = op.get("responses", {})
        missing = [key for key in ("summary", "tags", "x-error-codes", "operationId")
                   if not op.get(key)]
        missing += ["a 4xx response"] * (not any(str(s).startswith("4") for s in responses))
        missing += ["a default response"] * ("default" not in responses)
        problems += [f"{label}: no {m}" for m in missing]
        problems += [f"{label}: x-error-codes names unknown code {c!r}"
                     for c in op.get("x-error-codes", []) if c not in codes]
    assert not problems, "\n".join(problems)


def error_examples(spec: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    """Every example body of a response whose schema is the standard error shape."""
    for label, op in operations(spec):
        for status, response in op.get("responses", {}).items():
            for media in resolve(spec, response).get("content", {}).values():
                if media.get("schema", {}).get("$ref") != "#/components/schemas/Error":
                    continue
                examples = [media["example"]] if "example" in media else []
                examples += [resolve(spec, e).get("value") for e in
                             media.get("examples", {}).values()]
                for example in examples:
                    yield f"{label} {status}", example


def test_every_error_example_uses_a_known_code(spec: dict[str, Any]) -> None:
    codes = set(spec["components"]["schemas"]["ErrorCode"]["enum"])
    examples = list(error_examples(spec))
    assert len(examples) > len(spec["paths"])  # the walk found the shared error responses
    problems = [f"{where}: {example}" for where, example in examples
                if not isinstance(example, dict) or example.get("error") not in codes
                or set(example) != {"error", "message", "status", "details"}]
    assert not problems, "\n".join(problems)


def test_error_example_status_matches_its_response(spec: dict[str, Any]) -> None:
    problems = [f"{where}: status {example['status']}"
                for where, example in error_examples(spec)
                if where.split()[-1].isdigit() and example["status"] != int(where.split()[-1])]
    assert not problems, "\n".join(problems)
