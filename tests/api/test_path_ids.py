"""Ids with ``/`` or ``%`` are reachable through path parameters when percent-encoded.

Agent and task ids are the client's strings (hiveloop users write ``sales/qualifier``), and
generated SDKs encode a path parameter with ``quote(value, safe="")``.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import httpx
import pytest

from hiveboard.http.paths import escaped_route_path
from tests.api.test_agents import ev, get, ingest, registered
from tests.api.test_projects import assert_error, call
from tests.conftest import FakeClock, Keys

IDS = ["sales/qualifier", "50%off", "a%2Fb", "x/y/z", "équipe/ω", "/leading", "trailing/"]


@pytest.mark.parametrize(("raw", "routed"), [
    (b"/v1/agents/plain", None),
    (b"/v1/agents/caf%C3%A9", None),  # nothing to keep escaped: the server's own decoding
    (b"/v1/agents/sales%2Fqualifier", "/v1/agents/sales%2Fqualifier"),
    (b"/v1/agents/sales%2fqualifier/pipeline", "/v1/agents/sales%2Fqualifier/pipeline"),
    (b"/v1/agents/50%25off", "/v1/agents/50%25off"),
    (b"/v1/agents/a%252Fb", "/v1/agents/a%252Fb"),
    (b"/v1/agents/%C3%A9quipe%2F%CF%89", "/v1/agents/équipe%2Fω"),
])
def test_routing_keeps_only_slash_and_percent_escaped(raw: bytes, routed: str | None) -> None:
    assert escaped_route_path(raw) == routed


@pytest.mark.parametrize("agent_id", IDS)
async def test_agent_and_task_with_slash_or_percent_are_addressable(
        client: httpx.AsyncClient, api_keys: Keys, clock: FakeClock, agent_id: str) -> None:
    task_id = f"task:{agent_id}"
    await ingest(client, api_keys, registered(clock),
                 ev(clock, "task_started", task_id=task_id, project_id="crew"),
                 agent_id=agent_id)
    encoded = quote(agent_id, safe="")
    detail: dict[str, Any] = await get(client, api_keys, f"/v1/agents/{encoded}")
    assert detail["agent_id"] == agent_id
    pipeline = await get(client, api_keys, f"/v1/agents/{encoded}/pipeline")
    assert pipeline["agent_id"] == agent_id
    timeline = await get(client, api_keys, f"/v1/tasks/{quote(task_id, safe='')}/timeline")
    assert (timeline["task_id"], timeline["agent_id"]) == (task_id, agent_id)
    members = await get(client, api_keys, "/v1/projects/crew/agents")
    assert [m["agent_id"] for m in members["data"]] == [agent_id]
    resp = await call(client, api_keys, "DELETE", f"/v1/projects/crew/agents/{encoded}")
    assert resp.status_code == 204, resp.text


async def test_an_unknown_encoded_id_is_the_resource_404_not_a_missing_route(
        client: httpx.AsyncClient, api_keys: Keys) -> None:
    resp = await client.get("/v1/agents/nobody%2Fhere", headers=api_keys.auth("live"))
    assert_error(resp, 404, "agent_not_found")
    resp = await client.get("/v1/tasks/no%2Fsuch/timeline", headers=api_keys.auth("live"))
    assert_error(resp, 404, "task_not_found")
