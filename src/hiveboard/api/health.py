"""Liveness and readiness probes and Prometheus metrics (public: probes and scrapers carry no
key)."""

from __future__ import annotations

from hiveboard_contract import operations as op
from starlette.responses import Response

from hiveboard.api.context import services
from hiveboard.api.render import json_response
from hiveboard.services import telemetry

NOT_READY_RETRY_SECONDS = 5


@op.get_health
async def get_health() -> object:
    return json_response({"status": "ok"})


@op.get_readiness
async def get_readiness() -> object:
    checks = await services().readiness()
    ready = all(v in ("ok", "not_configured") for v in checks.values())
    response = json_response({"status": "ready" if ready else "not_ready", "checks": checks},
                             200 if ready else 503)
    if not ready:
        response.headers["Retry-After"] = str(NOT_READY_RETRY_SECONDS)
    return response


@op.get_prometheus_metrics
async def get_prometheus_metrics() -> object:
    return Response(telemetry.exposition(services().stream), media_type=telemetry.CONTENT_TYPE)
