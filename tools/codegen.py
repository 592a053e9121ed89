#!/usr/bin/env python3
"""Regenerate ``generated/`` from ``spec/``; ``--check`` fails with a diff on any drift.

Outputs (package ``hiveboard_contract``):
- ``openapi.yaml``, ``ws.schema.json``: copies of the contract the server loads at runtime
- ``rest.py``: pydantic v2 models of every REST schema (datamodel-code-generator)
- ``ws.py``: pydantic v2 models of every WebSocket frame (datamodel-code-generator)
- ``operations.py``: the operation table and one typed handler ``Protocol`` per operationId
- ``ws-frames.d.ts``: TypeScript types of every WebSocket frame (json-schema-to-typescript via
  npx, pinned; needs Node and the npm registry)
- ``rest-api.d.ts``: TypeScript types of every REST path, operation and schema (openapi-typescript
  via npx, pinned)

Package ``hiveboard_client``: a typed Python client of the REST API (openapi-python-client,
pinned in the ``dev`` extra; one module per operation under ``api/<tag>/``).
"""

from __future__ import annotations

import argparse
import difflib
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from contract_stubs import render_operations

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "spec"
GENERATED = ROOT / "generated"
PACKAGE = "hiveboard_contract"
CLIENT_PACKAGE = "hiveboard_client"
PACKAGES = (PACKAGE, CLIENT_PACKAGE)

# Flags measured to give deterministic, strict models (see ../shared/TOOLCHAIN.md).
CODEGEN_FLAGS = [
    "--output-model-type", "pydantic_v2.BaseModel",
    "--disable-timestamp",
    "--formatters", "builtin",
    "--strict-nullable",
    "--use-missing-sentinel",
    "--strict-types", "str", "bool", "int", "float",
    "--output-datetime-class", "AwareDatetime",
    "--field-constraints",
    "--use-annotated",
    "--use-standard-collections",
    "--use-union-operator",
    "--use-schema-description",
    "--target-python-version", "3.11",
    "--target-pydantic-version", "2.14",
    "--enum-field-as-literal", "all",
]

# Pinned so two runs (and CI) emit the same text; ``--maxItems -1`` avoids tuple explosions.
TS_GENERATOR = ["npx", "--yes", "json-schema-to-typescript@15.0.4"]
TS_FLAGS = ["--maxItems", "-1", "--unknownAny", "--unreachableDefinitions",
            "--additionalProperties", "false"]

REST_TS_GENERATOR = ["npx", "--yes", "openapi-typescript@7.13.0"]
# Without it every optional-with-default field would be typed as always present.
REST_TS_FLAGS = ["--default-non-nullable", "false"]

# ruff runs ``--isolated`` so the client's formatting does not depend on any pyproject.toml
# found above the output directory.
CLIENT_CONFIG = f"""\
project_name_override: hiveboard-client
package_name_override: {CLIENT_PACKAGE}
post_hooks:
  - ruff check . --isolated --no-cache --fix-only --extend-select=I --quiet
  - ruff format . --isolated --no-cache --quiet
"""

INIT = '''"""The HiveBoard contract as Python: written by tools/codegen.py from spec/.

Do not edit: regenerate instead.
"""

from importlib.resources import files

OPENAPI_PATH = files(__name__) / "openapi.yaml"
WS_SCHEMA_PATH = files(__name__) / "ws.schema.json"
'''


def _datamodel_codegen(source: Path, kind: str, output: Path) -> None:
    exe = Path(sys.executable).with_name("datamodel-codegen")
    cmd = [str(exe), "--input", str(source), "--input-file-type", kind,
           "--output", str(output), *CODEGEN_FLAGS]
    result = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"datamodel-codegen failed on {source.name}")


def _typescript(source: Path, output: Path) -> None:
    cmd = [*TS_GENERATOR, "--input", str(source), "--output", str(output), *TS_FLAGS]
    try:
        result = subprocess.run(cmd, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise SystemExit("npx not found: TypeScript frame types need Node.js") from None
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"json-schema-to-typescript failed on {source.name}")


def _rest_typescript(source: Path, output: Path) -> None:
    cmd = [*REST_TS_GENERATOR, str(source), "--output", str(output), *REST_TS_FLAGS]
    try:
        result = subprocess.run(cmd, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise SystemExit("npx not found: TypeScript REST types need Node.js") from None
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"openapi-typescript failed on {source.name}")


def _python_client(source: Path, output: Path) -> None:
    bin_dir = Path(sys.executable).parent
    config = output.parent / "openapi-python-client.yaml"
    config.write_text(CLIENT_CONFIG)
    # The post hooks call ``ruff`` by name: the one installed beside this interpreter.
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    cmd = [str(bin_dir / "openapi-python-client"), "generate", "--path", str(source),
           "--config", str(config), "--meta", "none", "--output-path", str(output),
           "--fail-on-warning"]
    result = subprocess.run(cmd, capture_output=True, text=True, check=False, env=env)
    config.unlink()
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"openapi-python-client failed on {source.name}")
    (output / "py.typed").write_text("")


def generate(out_root: Path) -> None:
    pkg = out_root / PACKAGE
    pkg.mkdir(parents=True, exist_ok=True)
    (pkg / "__init__.py").write_text(INIT)
    (pkg / "py.typed").write_text("")
    shutil.copyfile(SPEC / "openapi.yaml", pkg / "openapi.yaml")
    shutil.copyfile(SPEC / "ws.schema.json", pkg / "ws.schema.json")
    _datamodel_codegen(SPEC / "openapi.yaml", "openapi", pkg / "rest.py")
    _datamodel_codegen(SPEC / "ws.schema.json", "jsonschema", pkg / "ws.py")
    _typescript(SPEC / "ws.schema.json", pkg / "ws-frames.d.ts")
    _rest_typescript(SPEC / "openapi.yaml", pkg / "rest-api.d.ts")
    (pkg / "operations.py").write_text(render_operations(SPEC / "openapi.yaml"))
    _python_client(SPEC / "openapi.yaml", out_root / CLIENT_PACKAGE)


def _diff(expected: Path, actual: Path, base: Path) -> list[str]:
    lines: list[str] = []
    cmp = filecmp.dircmp(expected, actual, ignore=["__pycache__"])

    def walk(c: filecmp.dircmp[str], rel: Path) -> None:
        for name in c.left_only:
            lines.append(f"only in regenerated output: {rel / name}\n")
        for name in c.right_only:
            lines.append(f"only in generated/ (stale or hand-added): {rel / name}\n")
        for name in c.diff_files:
            a = (Path(c.left) / name).read_text().splitlines(keepends=True)
            b = (Path(c.right) / name).read_text().splitlines(keepends=True)
            lines.extend(difflib.unified_diff(b, a, f"generated/{rel / name}",
                                              f"regenerated/{rel / name}"))
        for name, sub in c.subdirs.items():
            walk(sub, rel / name)

    walk(cmp, base)
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="regenerate into a temporary directory and fail on any difference")
    args = parser.parse_args(argv)
    if args.check:
        # Both modes generate under the system temp dir: datamodel-codegen formats by the
        # pyproject.toml it finds above its output, so the location must be the same.
        with tempfile.TemporaryDirectory() as tmp:
            generate(Path(tmp))
            diff = []
            for name in PACKAGES:
                if (GENERATED / name).exists():
                    diff += _diff(Path(tmp) / name, GENERATED / name, Path(name))
                else:
                    diff.append(f"generated/{name} is missing\n")
        if diff:
            sys.stdout.writelines(diff[:400])
            print("\ngenerated/ drifted from spec/: run `python tools/codegen.py` and commit.")
            return 1
        print("generated/ matches spec/.")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        generate(Path(tmp))
        for name in PACKAGES:
            shutil.rmtree(GENERATED / name, ignore_errors=True)
            shutil.copytree(Path(tmp) / name, GENERATED / name)
            print(f"wrote {GENERATED / name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
