"""Group commit: queued batches share a transaction; a failure costs only its own batch."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

import pytest

from hiveboard.services.group_commit import GroupCommit


class Writer:
    """Records how items were written; an item starting with "bad" breaks its transaction."""

    def __init__(self) -> None:
        self.transactions: list[list[str]] = []
        self.gate = asyncio.Event()
        self.gate.set()

    async def many(self, items: Sequence[str]) -> list[str]:
        await self.gate.wait()
        if any(i.startswith("bad") for i in items):
            raise RuntimeError("transaction failed")
        self.transactions.append(list(items))
        return [i.upper() for i in items]

    async def one(self, item: str) -> str:
        await self.gate.wait()
        if item.startswith("bad"):
            raise ValueError(f"{item} is broken")
        self.transactions.append([item])
        return item.upper()


async def test_batches_queued_behind_a_write_share_the_next_transaction() -> None:
    writer = Writer()
    group: GroupCommit[str, str] = GroupCommit(writer.many, writer.one)
    writer.gate.clear()
    first = asyncio.create_task(group.write("a"))
    await asyncio.sleep(0)
    queued = [asyncio.create_task(group.write(x)) for x in ("b", "c", "d")]
    await asyncio.sleep(0)
    writer.gate.set()
    assert await first == "A"
    assert [await t for t in queued] == ["B", "C", "D"]
    assert writer.transactions == [["a"], ["b", "c", "d"]]


async def test_a_broken_batch_fails_alone_and_the_others_are_written() -> None:
    writer = Writer()
    group: GroupCommit[str, str] = GroupCommit(writer.many, writer.one)
    writer.gate.clear()
    first = asyncio.create_task(group.write("a"))
    await asyncio.sleep(0)
    queued = [asyncio.create_task(group.write(x)) for x in ("b", "bad-c", "d")]
    await asyncio.sleep(0)
    writer.gate.set()
    await first
    results = await asyncio.gather(*queued, return_exceptions=True)
    assert results[0] == "B" and results[2] == "D"
    assert isinstance(results[1], ValueError) and "bad-c is broken" in str(results[1])
    assert writer.transactions == [["a"], ["b"], ["d"]]


async def test_groups_are_bounded() -> None:
    writer = Writer()
    group: GroupCommit[str, str] = GroupCommit(writer.many, writer.one, max_group=2)
    writer.gate.clear()
    tasks = [asyncio.create_task(group.write(str(i))) for i in range(5)]
    await asyncio.sleep(0)
    writer.gate.set()
    assert [await t for t in tasks] == ["0", "1", "2", "3", "4"]
    assert writer.transactions == [["0", "1"], ["2", "3"], ["4"]]


async def test_a_request_that_goes_away_still_has_its_batch_written() -> None:
    writer = Writer()
    group: GroupCommit[str, str] = GroupCommit(writer.many, writer.one)
    writer.gate.clear()
    first = asyncio.create_task(group.write("a"))
    await asyncio.sleep(0)
    gone, kept = asyncio.create_task(group.write("b")), asyncio.create_task(group.write("c"))
    await asyncio.sleep(0)
    gone.cancel()
    writer.gate.set()
    await first
    assert await kept == "C"
    assert writer.transactions == [["a"], ["b", "c"]]
    with pytest.raises(asyncio.CancelledError):
        await gone


async def test_a_stopped_writer_fails_what_is_queued_instead_of_hanging() -> None:
    writer = Writer()
    group: GroupCommit[str, str] = GroupCommit(writer.many, writer.one)
    writer.gate.clear()
    first = asyncio.create_task(group.write("a"))
    await asyncio.sleep(0)
    queued = asyncio.create_task(group.write("b"))
    await asyncio.sleep(0)
    assert group._drainer is not None
    group._drainer.cancel()
    with pytest.raises(RuntimeError, match="writer stopped"):
        await queued
    first.cancel()


async def test_sqlite_ingest_writes_concurrent_batches_in_shared_transactions(
        database, settings, monkeypatch) -> None:
    # Wiring: on SQLite the ingest service queues its writes through a GroupCommit; on
    # PostgreSQL (concurrent writers) each batch keeps its own transaction.
    from hiveboard.services import ingest as ingest_module
    from hiveboard.services.clock import utc_now

    service = ingest_module.IngestService(database, settings, utc_now)
    calls: list[int] = []

    async def many(batches: Sequence[object]) -> list[object]:
        calls.append(len(batches))
        return [object() for _ in batches]

    async def one(batch: object) -> object:
        calls.append(1)
        await asyncio.sleep(0.01)
        return object()

    monkeypatch.setattr(service, "_write_together", many)
    monkeypatch.setattr(service, "_write_alone", one)
    service.__init__(database, settings, utc_now)  # rewire with the fakes in place
    first = asyncio.create_task(service._write(object()))  # type: ignore[arg-type]
    await asyncio.sleep(0.001)
    await asyncio.gather(*(service._write(object()) for _ in range(3)))  # type: ignore[arg-type]
    await first
    expected = [1, 3] if database.is_sqlite else [1, 1, 1, 1]
    assert calls == expected
