"""Smoke test of tools/bench_read.py: a tiny load through write_batch, every endpoint read."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import BACKENDS, POSTGRES_ENV

pytestmark = pytest.mark.slow

TOOL = Path(__file__).resolve().parents[1] / "tools" / "bench_read.py"


def _load_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_read", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_read", module)  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


bench = _load_tool()


@pytest.mark.parametrize("kind", BACKENDS)
def test_bench_loads_both_sizes_and_times_every_endpoint(kind: str) -> None:
    args = bench.parse_args(["--quick", "--samples", "2", "--warmup", "1", "--agents", "4",
                             "--no-progress", "--postgres-url",
                             os.environ.get(POSTGRES_ENV, "").rsplit("/", 1)[0] + "/"])
    result = bench.run_database(kind, args, (1_000, 2_000))
    small, large = result.sizes
    assert small.counts["events"] == 1_000 and large.counts["events"] == 2_000
    assert large.counts["tasks"] > 50 and large.counts["llm_usage_hourly"] > 0
    for timing in (*small.timings.values(), *large.timings.values()):
        assert len(timing.samples_ms) == 2 and min(timing.samples_ms) > 0
    table = bench.render([result])
    assert all(f"| {ep.name} |" in table for ep in bench.ENDPOINTS)
