"""tools/check_layers.py: ARCHITECTURE.md's import rules, on the real tree and on small fakes."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
TOOL = ROOT / "tools" / "check_layers.py"


def load_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_layers", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it executes
    spec.loader.exec_module(module)
    return module


check_layers = load_tool()


def run_tool(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(TOOL), "--root", str(root)],
                          capture_output=True, text=True, timeout=60, check=False)


def test_the_real_tree_follows_the_layer_rules() -> None:
    result = run_tool(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "layers OK" in result.stdout


def make_tree(tmp_path: Path, files: dict[str, str]) -> Path:
    base = {"src/hiveboard/__init__.py": "", "src/hiveboard/errors.py": "",
            "src/hiveboard/domain/__init__.py": "", "src/hiveboard/store/__init__.py": "",
            "src/hiveboard/services/__init__.py": "", "src/hiveboard/api/__init__.py": "",
            "generated/hiveboard_contract/__init__.py": ""}
    for rel, text in {**base, **files}.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
    return tmp_path


def test_a_clean_synthetic_tree_passes(tmp_path: Path) -> None:
    root = make_tree(tmp_path, {
        "src/hiveboard/domain/status.py": "import datetime\nfrom . import other\n",
        "src/hiveboard/domain/other.py": "from hiveboard.domain.status import x\n",
        "src/hiveboard/store/rows.py": "import sqlalchemy\nfrom hiveboard.domain import status\n",
        "src/hiveboard/services/use.py": ("from hiveboard.store import rows\n"
                                          "from hiveboard import errors\n"
                                          "from hiveboard_contract import rest\n"),
        "src/hiveboard/api/things.py": ("from hiveboard.services import use\n"
                                        "from ..errors import ApiError\n"),
        "generated/hiveboard_contract/rest.py": "from pydantic import BaseModel\nimport typing\n",
    })
    result = run_tool(root)
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize(("rel", "text", "expected"), [
    ("src/hiveboard/domain/bad.py", "import pydantic\n",
     "hiveboard.domain imports pydantic: the domain imports the standard library only"),
    ("src/hiveboard/domain/bad.py", "from hiveboard.store import rows\n",
     "hiveboard.domain imports hiveboard.store: hiveboard.store is not among"),
    ("src/hiveboard/domain/bad.py", "from ..errors import ApiError\n",
     "hiveboard.domain imports hiveboard.errors"),
    ("src/hiveboard/services/bad.py", "from sqlalchemy.engine import Connection\n",
     "hiveboard.services imports sqlalchemy.engine: sqlalchemy and sqlmodel belong inside"),
    ("src/hiveboard/api/bad.py", "if True:\n    import sqlmodel\n",
     "hiveboard.api imports sqlmodel"),
    ("src/hiveboard/api/bad.py", "from hiveboard.store.tables import EventRow\n",
     "hiveboard.api imports hiveboard.store.tables: hiveboard.store is not among"),
    ("src/hiveboard/api/bad.py", "from hiveboard import store\n",
     "hiveboard.api imports hiveboard.store"),
    ("src/hiveboard/api/bad.py", "from ..store import tables\n",
     "hiveboard.api imports hiveboard.store"),
    ("src/hiveboard/store/bad.py", "from hiveboard.services import use\n",
     "hiveboard.store imports hiveboard.services"),
    ("src/hiveboard/errors.py", "from hiveboard.domain import status\n",
     "hiveboard.errors imports hiveboard.domain"),
    ("generated/hiveboard_contract/bad.py", "from hiveboard.errors import ApiError\n",
     "generated code imports hiveboard.errors"),
    ("generated/hiveboard_contract/bad.py", "import sqlalchemy\n",
     "generated code imports sqlalchemy"),
    ("src/hiveboard/gadgets/bad.py", "from hiveboard.domain import status\n",
     "hiveboard.gadgets is not in ARCHITECTURE.md's table"),
])
def test_a_violation_fails_with_file_line_and_rule(tmp_path: Path, rel: str, text: str,
                                                   expected: str) -> None:
    root = make_tree(tmp_path, {rel: "from __future__ import annotations\n\n" + text})
    result = run_tool(root)
    assert result.returncode == 1, result.stdout
    assert expected in result.stdout
    assert f"{rel}:3:" in result.stdout or f"{rel}:4:" in result.stdout


def test_every_violation_is_listed_not_only_the_first(tmp_path: Path) -> None:
    root = make_tree(tmp_path, {"src/hiveboard/domain/a.py": "import orjson\n",
                                "src/hiveboard/api/b.py": "import sqlalchemy\n"})
    result = run_tool(root)
    assert result.stdout.startswith("2 import(s) break the layer rules")


def test_an_empty_root_is_an_error_not_a_pass(tmp_path: Path) -> None:
    assert run_tool(tmp_path).returncode == 2


def test_relative_imports_are_resolved_against_their_package() -> None:
    import ast

    tree = ast.parse("from . import a\nfrom ..store import b\nfrom .. import errors\n")
    found = [name for _, name in check_layers.imported_modules(
        tree, "hiveboard.api.things", is_package=False)]
    assert found == ["hiveboard.api", "hiveboard.store", "hiveboard.errors"]
