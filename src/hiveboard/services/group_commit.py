"""Group commit: batches that queue for SQLite's single writer share one transaction.

SQLite writes one transaction at a time, and each commit costs a fixed share (begin, WAL
append of the pages it dirtied, lock hand-over) whatever its size. While one batch is being
written, the batches of other requests wait anyway; writing all of them in the next
transaction pays that share once. A failure of the shared transaction never costs a
batch that would have succeeded alone: the group is then written one batch per transaction.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from typing import Generic, TypeVar

In = TypeVar("In")
Out = TypeVar("Out")

WriteMany = Callable[[Sequence[In]], Awaitable[list[Out]]]
WriteOne = Callable[[In], Awaitable[Out]]


class GroupCommit(Generic[In, Out]):
    def __init__(self, write_many: WriteMany[In, Out], write_one: WriteOne[In, Out], *,
                 max_group: int = 8) -> None:
        self._write_many = write_many
        self._write_one = write_one
        self._max_group = max_group
        self._queue: list[tuple[In, asyncio.Future[Out]]] = []
        self._drainer: asyncio.Task[None] | None = None

    async def write(self, item: In) -> Out:
        future: asyncio.Future[Out] = asyncio.get_running_loop().create_future()
        self._queue.append((item, future))
        if self._drainer is None or self._drainer.done():
            self._drainer = asyncio.create_task(self._drain())
        # The write goes ahead even if this request is cancelled (the client went away):
        # shield so the drainer can still settle the future.
        return await asyncio.shield(future)

    async def _drain(self) -> None:
        try:
            await self._drain_queue()
        except BaseException as exc:
            # Cancelled (shutdown): nobody will write what is queued; say so to its owners.
            for _, future in self._queue:
                if not future.done():
                    future.set_exception(RuntimeError("the ingest writer stopped"))
            self._queue.clear()
            raise exc

    async def _drain_queue(self) -> None:
        while self._queue:
            group = self._queue[:self._max_group]
            del self._queue[:self._max_group]
            if len(group) == 1:
                await self._settle_alone(*group[0])
                continue
            try:
                results = await self._write_many([item for item, _ in group])
            except Exception:
                for item, future in group:
                    await self._settle_alone(item, future)
                continue
            for (_, future), result in zip(group, results, strict=True):
                if not future.done():
                    future.set_result(result)

    async def _settle_alone(self, item: In, future: asyncio.Future[Out]) -> None:
        try:
            result = await self._write_one(item)
        except Exception as exc:
            if not future.done():
                future.set_exception(exc)
            return
        if not future.done():
            future.set_result(result)
