"""The simulator is a client: tools/check_layers.py refuses server imports in it, and export
may use services and the API renderer but not the store."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.contract.test_layers import check_layers, make_tree


@pytest.mark.parametrize(("rel", "text", "ok"), [
    ("src/hiveboard/simulate/fleet.py", "import hiveloop\nfrom hiveboard.simulate import w\n",
     True),
    ("src/hiveboard/simulate/fleet.py", "from hiveboard.store import keys\n", False),
    ("src/hiveboard/simulate/fleet.py", "from hiveboard.services import clock\n", False),
    ("src/hiveboard/export/ndjson.py", "from hiveboard.api.render import dumps\n"
     "from hiveboard.services import export\n", True),
    ("src/hiveboard/export/ndjson.py", "from hiveboard.store import export_queries\n", False),
    ("src/hiveboard/cli.py", "from hiveboard.simulate import fleet\n"
     "from hiveboard.export import ndjson\n", True),
])
def test_simulate_and_export_rows(tmp_path: Path, rel: str, text: str, ok: bool) -> None:
    root = make_tree(tmp_path, {rel: text, "src/hiveboard/simulate/__init__.py": "",
                                "src/hiveboard/export/__init__.py": ""})
    _, violations = check_layers.check(root)
    assert (violations == []) is ok, violations
