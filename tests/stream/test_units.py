"""Pure parts of the stream: filter matching and indexing, the token bucket, frame builders."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from hiveboard.stream.fanout import Fanout, Filters, Outbound
from hiveboard.stream.frames import FrameError, Frames
from hiveboard.stream.limits import TokenBucket, Verdict
from tests.stream.conftest import check_frame


class Sink:
    def __init__(self) -> None:
        self.frames: list[str] = []

    def offer_many(self, frames: list[str]) -> None:
        self.frames.extend(frames)


def msg(channel: str = "events", **fields: Any) -> Outbound:
    base: dict[str, Any] = {"workspace_id": 1, "channel": channel, "frame": "f",
                            "agent_id": "a1", "environment": "production", "group": "default",
                            "projects": frozenset({"proj_1", "sales"}),
                            "event_type": "task_started", "severity": 1}
    base.update(fields)
    return Outbound(**base)


@pytest.mark.parametrize(("channels", "filters", "message", "delivered"), [
    ({"events"}, Filters(), msg(), True),
    ({"agents"}, Filters(), msg(), False),
    ({"events"}, Filters(), msg(workspace_id=2), False),
    ({"events"}, Filters(), msg(severity=0, event_type="heartbeat"), False),
    ({"events"}, Filters(min_severity="debug"), msg(severity=0), True),
    ({"events"}, Filters(min_severity="warn"), msg(severity=1), False),
    ({"events"}, Filters(project_id="sales"), msg(), True),
    ({"events"}, Filters(project_id="proj_1"), msg(), True),
    ({"events"}, Filters(project_id="support"), msg(), False),
    ({"events"}, Filters(agent_id="a1"), msg(), True),
    ({"events"}, Filters(agent_id="a2"), msg(), False),
    ({"events"}, Filters(environment="staging"), msg(), False),
    ({"events"}, Filters(group="default"), msg(), True),
    ({"events"}, Filters(event_types=("task_failed",)), msg(), False),
    ({"events"}, Filters(event_types=("task_started",)), msg(), True),
    # event_types and min_severity do not apply to the agents channel
    ({"agents"}, Filters(event_types=("task_failed",), min_severity="error"),
     msg("agents", event_type=None, severity=0), True),
])
def test_matching(channels: set[str], filters: Filters, message: Outbound, delivered: bool):
    fanout, sink = Fanout(), Sink()
    fanout.subscribe(sink, 1, frozenset(channels), filters)
    assert fanout.deliver([message]) == int(delivered)
    assert sink.frames == (["f"] if delivered else [])


def test_groups_share_matching_and_unsubscribing_cleans_the_index():
    fanout = Fanout()
    sinks = [Sink() for _ in range(3)]
    for sink in sinks:
        fanout.subscribe(sink, 1, frozenset({"events"}), Filters(agent_id="a1"))
    assert len(fanout) == 3 and fanout.watches(1)
    assert fanout.deliver([msg()]) == 3
    fanout.subscribe(sinks[0], 1, frozenset(), Filters())  # no channels: out of the index
    for sink in sinks[1:]:
        fanout.remove(sink)
    assert len(fanout) == 0 and not fanout.watches(1)
    assert fanout.deliver([msg()]) == 0


def test_token_bucket_burst_then_one_reject_then_silence():
    bucket = TokenBucket(rate=20, burst=40, cooldown=5, now=0.0)
    verdicts = [bucket.take(0.0) for _ in range(45)]
    assert verdicts[:40] == [Verdict.ACCEPT] * 40
    assert verdicts[40:] == [Verdict.REJECT] + [Verdict.DROP] * 4
    assert bucket.take(0.1) == Verdict.ACCEPT  # 0.1 s refills two tokens
    assert bucket.take(0.1) == Verdict.ACCEPT
    assert bucket.take(0.1) == Verdict.DROP  # still in the cooldown
    assert bucket.take(6.0) == Verdict.ACCEPT
    assert bucket.take(100.0) == Verdict.ACCEPT  # refill is capped at the burst


def test_frames_validate_against_the_contract():
    frames = Frames(validate=True)
    now = datetime(2026, 2, 10, 14, 0, 0, 123456, tzinfo=UTC)
    for text in (frames.pong(now, None), frames.error(now, "c", "invalid_json", "x" * 900),
                 frames.disconnect_notice(now, "idle_timeout", 4008)):
        assert check_frame(text)["timestamp"] == "2026-02-10T14:00:00.123456Z"
    with pytest.raises(FrameError):
        frames.error(now, None, "no_such_code", "x")
    assert Frames(validate=False).error(now, None, "no_such_code", "x")  # production: no check


async def test_publishing_skips_the_routing_read_when_nobody_on_this_worker_listens(
        hub: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """With the in-process bus, a batch for a workspace nobody here watches costs no read;
    its agents are still queued for status announcements (the sweeper's bookkeeping)."""
    from hiveboard.services import stream as stream_service

    reads: list[int] = []
    real = stream_service.batch_facts

    async def counting(db: Any, workspace_id: int, rows: list[dict[str, Any]]) -> Any:
        reads.append(workspace_id)
        return await real(db, workspace_id, rows)

    monkeypatch.setattr(stream_service, "batch_facts", counting)
    rows = [{"agent_id": "a1", "project_id": None, "environment": "production",
             "group": "default", "event_type": "custom", "severity": "info"}]
    await hub._publish_batch(7, rows)
    assert reads == [] and hub._touched == {7: {"a1"}}
    hub.fanout.subscribe(Sink(), 7, frozenset({"agents"}), Filters())
    await hub._publish_batch(7, rows)
    assert reads == [7]
