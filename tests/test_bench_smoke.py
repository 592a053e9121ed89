"""Smoke test of tools/bench_ingest.py: its core functions against a live server, tiny load."""

from __future__ import annotations

import importlib.util
import sys
import time
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import Keys, LiveServer

pytestmark = pytest.mark.slow

TOOL = Path(__file__).resolve().parents[1] / "tools" / "bench_ingest.py"


def _load_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_ingest", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_ingest", module)  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


bench = _load_tool()


def test_generated_batches_look_like_hiveloop() -> None:
    gen = bench.LoadGenerator(agents=10, seed=7)
    batches = list(gen.batches(2_000, 500))
    assert [b.events for b in batches] == [500] * 4
    assert all(len(b.body) < 1_048_576 for b in batches)
    mix = gen.mix
    total = sum(mix.values())
    assert total == 2_000
    assert 0.05 < mix["heartbeat"] / total < 0.15
    assert 0.12 < mix["llm_call"] / total < 0.28
    assert mix["task_started"] and mix["action_started"] and mix["plan_step"]


def test_bench_phase_reports_rate_and_loses_nothing(live_server: LiveServer, api_keys: Keys,
                                                    db_url: str) -> None:
    started = time.monotonic()
    gen = bench.LoadGenerator(agents=5, seed=3)
    cfg = bench.RunConfig(events_at_scale=1_200, measure_events=400, concurrency=2,
                          batch_size=100, warmup_batches=1, progress=False)
    lines: list[str] = []
    empty, at_scale, sent, _ = bench.run_phases(live_server.url, api_keys.live, cfg, gen,
                                                log=lines.append)
    assert empty.events == at_scale.events == 400
    assert empty.events_per_s > 0 and at_scale.events_per_s > 0
    assert empty.percentile(99) >= empty.percentile(50) > 0
    assert empty.warnings == 0, "the generator follows the payload conventions"
    assert sent == 1_200 + 400
    assert bench.stored_event_count(db_url) == sent
    assert bench.database_size_mb(db_url) > 0
    assert len(lines) == 3
    assert time.monotonic() - started < 10


def test_a_rejected_batch_fails_the_benchmark(live_server: LiveServer, api_keys: Keys) -> None:
    bad = bench.Batch(body=b'{"envelope": {"agent_id": "a"}, "events": [{"event_id": "x"}]}',
                      events=1)
    with pytest.raises(bench.BenchFailure, match="HTTP 207"):
        bench.send_batches(live_server.url, api_keys.live, [bad], name="bad")
    with pytest.raises(bench.BenchFailure, match="HTTP 401"):
        bench.send_batches(live_server.url, "hb_live_nope", [bad], name="unauthorised")
