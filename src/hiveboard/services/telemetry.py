"""Prometheus metrics of the service layer, and the exposition served at ``GET /metrics``.

Metrics live in ``prometheus_client``'s process-wide default registry, as that library
intends; counters only grow, so tests compare before and after. With several worker processes
set ``PROMETHEUS_MULTIPROC_DIR`` (an empty directory, wiped before the workers start) in the
environment of every worker: each then writes its samples there and any worker's ``/metrics``
answers for all of them. The stream's own counters (``StreamPort.prometheus_text``) are those
of the worker that answers.
"""

from __future__ import annotations

import os

from prometheus_client import (
    REGISTRY,
    CollectorRegistry,
    Counter,
    generate_latest,
    multiprocess,
)

from hiveboard.services.stream import StreamPort

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"
CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
"""The format the spec promises; ``generate_latest`` writes it for names like ours (legacy
Prometheus names, nothing to escape) whatever its library version calls "latest"."""

INGESTED = Counter("hiveboard_ingested_events",
                   "Events accepted by ingest (newly stored plus duplicates).")
REJECTED = Counter("hiveboard_ingest_rejected_events",
                   "Events rejected one by one in a 207 (a 400 batch counts no events).")
DUPLICATES = Counter("hiveboard_ingest_duplicate_events",
                     "Accepted events that were already stored (retries), so not stored again.")


def count_ingest(accepted: int, rejected: int, duplicates: int) -> None:
    INGESTED.inc(accepted)
    REJECTED.inc(rejected)
    DUPLICATES.inc(duplicates)


def exposition(stream: StreamPort | None) -> bytes:
    """Every metric in the text format 0.0.4: this process's, or all workers' in
    multiprocess mode, followed by the stream's."""
    registry = REGISTRY
    if os.environ.get(MULTIPROC_ENV):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
    text = generate_latest(registry)
    if stream is not None:
        text += stream.prometheus_text().encode()
    return text
