"""Turn exported lines back into ingest bodies (``POST /v1/ingest``).

An exported ``Event`` is already a valid ingest event: ingest ignores members it does not know
(``received_at``, ``payload_kind``, …). Only the envelope is rebuilt, from the fields it was
expanded into. Lines are read ``size`` at a time and grouped by envelope, so a batch never
exceeds the ingest limit and memory stays bounded.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

import orjson

ENVELOPE_FIELDS = ("agent_id", "agent_type", "environment", "group")
MAX_BATCH = 500


def batches(lines: Iterable[bytes | str], *, size: int = MAX_BATCH) -> Iterator[dict[str, Any]]:
    """Ingest bodies, each for one envelope and at most ``size`` events, in export order."""
    rows = (orjson.loads(line) for line in lines if line.strip())
    while chunk := list(islice(rows, size)):
        groups: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
        for event in chunk:
            groups.setdefault(tuple(event.get(n) for n in ENVELOPE_FIELDS), []).append(event)
        for key, events in groups.items():
            envelope = {n: v for n, v in zip(ENVELOPE_FIELDS, key, strict=True) if v is not None}
            yield {"envelope": envelope, "events": events}
