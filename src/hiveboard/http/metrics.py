"""Request counts and latencies per operationId, for ``GET /metrics``.

The operation label is the spec's operationId, never the raw path, so the number of series
stays bounded whatever clients send; requests no operation matched (unknown paths, bodies
refused before routing, CORS preflights) count as ``unrouted``.
"""

from __future__ import annotations

import time

from prometheus_client import Counter, Histogram
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from hiveboard.http.exchange import operation_id, share_extensions

UNROUTED = "unrouted"

REQUESTS = Counter("hiveboard_http_requests", "HTTP requests by operation and status.",
                   ["operation", "status"])
LATENCY = Histogram(
    "hiveboard_http_request_duration_seconds",
    "Time from request to the start of the response, by operation and status class.",
    ["operation", "status_class"],
    # Around the targets: 50 ms for list reads, 150 ms for cost and metrics aggregates.
    buckets=(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)


class RequestMetrics:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        share_extensions(scope)
        started = time.perf_counter()

        async def observe(message: Message) -> None:
            if message["type"] == "http.response.start":
                status = int(message["status"])
                elapsed = time.perf_counter() - started
                operation = operation_id(scope) or UNROUTED
                REQUESTS.labels(operation, str(status)).inc()
                LATENCY.labels(operation, f"{status // 100}xx").observe(elapsed)
            await send(message)

        await self.app(scope, receive, observe)
