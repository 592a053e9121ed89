"""POST /v1/ingest."""

from __future__ import annotations

from connexion import request
from hiveboard_contract import operations as op
from hiveboard_contract.rest import IngestResult

from hiveboard.api.context import principal, services
from hiveboard.api.render import json_response


@op.ingest_events
async def ingest_events() -> object:
    outcome = await services().ingest.ingest(principal(), await request.body())
    result = IngestResult(accepted=outcome.accepted, rejected=outcome.rejected,
                          duplicates=outcome.duplicates, warnings=outcome.warnings,
                          errors=outcome.errors)
    return json_response(result, outcome.status)
