"""GET /v1/metrics: the summary bar and sparklines."""

from __future__ import annotations

from hiveboard_contract import operations as op

from hiveboard.api.context import principal, services
from hiveboard.api.render import json_response
from hiveboard.services import metrics


@op.get_metrics
async def get_metrics(
    *, project_id: str | None = None, agent_id: str | None = None,
    environment: str | None = None, group: str | None = None, range_: str = "1h",
    interval: str | None = None, metric: str | None = None, group_by: str | None = None,
) -> object:
    return json_response(await metrics.get_metrics(
        services(), principal(), project_id=project_id, agent_id=agent_id,
        environment=environment, group=group, range_=range_, interval=interval, metric=metric,
        group_by=group_by))
