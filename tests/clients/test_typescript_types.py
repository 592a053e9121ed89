"""The generated TypeScript types compile under ``tsc --strict`` as a dashboard would use them.

``tests/clients/usage.ts`` uses the REST types (``rest-api.d.ts``, openapi-typescript) and the
WebSocket frame types (``ws-frames.d.ts``). Node is required, as for ``tools/codegen.py``: a
missing ``npx`` fails the test rather than skipping it.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
USAGE = Path("tests") / "clients" / "usage.ts"
CONTRACT = Path("generated") / "hiveboard_contract"
TSC = ["npx", "--yes", "-p", "typescript@5.9.3", "tsc", "--noEmit", "--strict",
       "--target", "es2022", "--module", "esnext", "--moduleResolution", "bundler"]


def _tsc(root: Path) -> subprocess.CompletedProcess[str]:
    assert shutil.which("npx"), "npx not found: the TypeScript types need Node.js"
    return subprocess.run([*TSC, str(USAGE)], cwd=root, capture_output=True, text=True,
                          timeout=300, check=False)


def test_usage_compiles_against_the_generated_types() -> None:
    result = _tsc(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_field_missing_from_the_types_breaks_the_build(tmp_path: Path) -> None:
    (tmp_path / USAGE).parent.mkdir(parents=True)
    shutil.copyfile(ROOT / USAGE, tmp_path / USAGE)
    shutil.copytree(ROOT / CONTRACT, tmp_path / CONTRACT,
                    ignore=shutil.ignore_patterns("*.py", "*.yaml", "*.json", "__pycache__"))
    rest = tmp_path / CONTRACT / "rest-api.d.ts"
    text = rest.read_text()
    assert text.count("has_more: boolean;") == 1
    rest.write_text(text.replace("has_more: boolean;", ""))
    result = _tsc(tmp_path)
    assert result.returncode != 0
    assert "has_more" in result.stdout
