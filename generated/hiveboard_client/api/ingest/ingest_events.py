from http import HTTPStatus
from typing import Any

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.ingest_batch import IngestBatch
from ...models.ingest_result import IngestResult
from ...types import Response


def _get_kwargs(
    *,
    body: IngestBatch,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/ingest",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | IngestResult:
    if response.status_code == 200:
        response_200 = IngestResult.from_dict(response.json())

        return response_200

    if response.status_code == 207:
        response_207 = IngestResult.from_dict(response.json())

        return response_207

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Error.from_dict(response.json())

        return response_403

    if response.status_code == 413:
        response_413 = Error.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = Error.from_dict(response.json())

        return response_415

    if response.status_code == 429:
        response_429 = Error.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = Error.from_dict(response.json())

        return response_500

    if response.status_code == 501:
        response_501 = Error.from_dict(response.json())

        return response_501

    if response.status_code == 503:
        response_503 = Error.from_dict(response.json())

        return response_503

    response_default = Error.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Error | IngestResult]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: IngestBatch,
) -> Response[Error | IngestResult]:
    """Ingest a batch of agent events

     Accepts one envelope (the agent's identity, expanded into every event) and up to 500
    events. Validation is per event: a bad event is rejected alone and the rest are
    stored, so the answer is 200 when nothing was rejected and 207 otherwise — even when
    every event was rejected. Only a broken envelope fails the whole request: 400
    `invalid_batch` (body not a JSON object, `envelope.agent_id` missing or invalid, more
    than 500 events) or 413 `payload_too_large` (body over 1 MB). This operation never
    answers 422, because the hiveloop client drops the whole batch on any 4xx.

    Per event, in order:
    1. `event_id`, `timestamp` and `event_type` are required (`missing_required_field`).
    2. `event_type` must be one of the 13 types (`invalid_event_type`).
    3. `severity`, when given, must be debug/info/warn/error; `timestamp` must be RFC 3339
       with a year in 1970–2200 (an offset is normalised to UTC; no offset is taken as UTC
       with the warning `timestamp_assumed_utc`); `duration_ms` must be an integer in
       0…9007199254740991; fields must have their declared types; identifiers may not
       contain NUL (`invalid_field`).
    4. Size limits: `event_id` 128, `task_id` and other identifiers 256, `status` 64,
       `payload.summary` 512 characters, serialized `payload` 32 KB (`field_size_exceeded`).
    5. `project_id` (id or slug) must name a project; unknown slugs are auto-created unless
       the tenant turned auto-creation off (`invalid_project`).
    6. NUL characters inside the payload are replaced by U+FFFD (warning `payload_sanitized`).
    7. Well-known payload kinds are checked advisorily: a missing recommended field gives
       the warning `payload_convention`, never a rejection.

    Then the envelope is expanded into each event, `received_at` is set, severity defaults
    apply when `severity` is absent (see `Severity`), and events are deduplicated on
    (workspace, `event_id`): a duplicate — within the batch or already stored — counts as
    accepted and is also counted in `duplicates`, so retries are always safe. Agent
    profiles and project memberships are updated, the events are published to the stream
    and alert rules are evaluated after the batch is committed.

    Events ingested with an `hb_test_` key go to the test namespace only.

    Args:
        body (IngestBatch): One batch: the sending agent's envelope and up to 500 events; the
            whole body is at
            most 1 MB. Unknown top-level members are ignored (the shared sample batch carries a
            `_comment`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | IngestResult]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: IngestBatch,
) -> Error | IngestResult | None:
    """Ingest a batch of agent events

     Accepts one envelope (the agent's identity, expanded into every event) and up to 500
    events. Validation is per event: a bad event is rejected alone and the rest are
    stored, so the answer is 200 when nothing was rejected and 207 otherwise — even when
    every event was rejected. Only a broken envelope fails the whole request: 400
    `invalid_batch` (body not a JSON object, `envelope.agent_id` missing or invalid, more
    than 500 events) or 413 `payload_too_large` (body over 1 MB). This operation never
    answers 422, because the hiveloop client drops the whole batch on any 4xx.

    Per event, in order:
    1. `event_id`, `timestamp` and `event_type` are required (`missing_required_field`).
    2. `event_type` must be one of the 13 types (`invalid_event_type`).
    3. `severity`, when given, must be debug/info/warn/error; `timestamp` must be RFC 3339
       with a year in 1970–2200 (an offset is normalised to UTC; no offset is taken as UTC
       with the warning `timestamp_assumed_utc`); `duration_ms` must be an integer in
       0…9007199254740991; fields must have their declared types; identifiers may not
       contain NUL (`invalid_field`).
    4. Size limits: `event_id` 128, `task_id` and other identifiers 256, `status` 64,
       `payload.summary` 512 characters, serialized `payload` 32 KB (`field_size_exceeded`).
    5. `project_id` (id or slug) must name a project; unknown slugs are auto-created unless
       the tenant turned auto-creation off (`invalid_project`).
    6. NUL characters inside the payload are replaced by U+FFFD (warning `payload_sanitized`).
    7. Well-known payload kinds are checked advisorily: a missing recommended field gives
       the warning `payload_convention`, never a rejection.

    Then the envelope is expanded into each event, `received_at` is set, severity defaults
    apply when `severity` is absent (see `Severity`), and events are deduplicated on
    (workspace, `event_id`): a duplicate — within the batch or already stored — counts as
    accepted and is also counted in `duplicates`, so retries are always safe. Agent
    profiles and project memberships are updated, the events are published to the stream
    and alert rules are evaluated after the batch is committed.

    Events ingested with an `hb_test_` key go to the test namespace only.

    Args:
        body (IngestBatch): One batch: the sending agent's envelope and up to 500 events; the
            whole body is at
            most 1 MB. Unknown top-level members are ignored (the shared sample batch carries a
            `_comment`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | IngestResult
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: IngestBatch,
) -> Response[Error | IngestResult]:
    """Ingest a batch of agent events

     Accepts one envelope (the agent's identity, expanded into every event) and up to 500
    events. Validation is per event: a bad event is rejected alone and the rest are
    stored, so the answer is 200 when nothing was rejected and 207 otherwise — even when
    every event was rejected. Only a broken envelope fails the whole request: 400
    `invalid_batch` (body not a JSON object, `envelope.agent_id` missing or invalid, more
    than 500 events) or 413 `payload_too_large` (body over 1 MB). This operation never
    answers 422, because the hiveloop client drops the whole batch on any 4xx.

    Per event, in order:
    1. `event_id`, `timestamp` and `event_type` are required (`missing_required_field`).
    2. `event_type` must be one of the 13 types (`invalid_event_type`).
    3. `severity`, when given, must be debug/info/warn/error; `timestamp` must be RFC 3339
       with a year in 1970–2200 (an offset is normalised to UTC; no offset is taken as UTC
       with the warning `timestamp_assumed_utc`); `duration_ms` must be an integer in
       0…9007199254740991; fields must have their declared types; identifiers may not
       contain NUL (`invalid_field`).
    4. Size limits: `event_id` 128, `task_id` and other identifiers 256, `status` 64,
       `payload.summary` 512 characters, serialized `payload` 32 KB (`field_size_exceeded`).
    5. `project_id` (id or slug) must name a project; unknown slugs are auto-created unless
       the tenant turned auto-creation off (`invalid_project`).
    6. NUL characters inside the payload are replaced by U+FFFD (warning `payload_sanitized`).
    7. Well-known payload kinds are checked advisorily: a missing recommended field gives
       the warning `payload_convention`, never a rejection.

    Then the envelope is expanded into each event, `received_at` is set, severity defaults
    apply when `severity` is absent (see `Severity`), and events are deduplicated on
    (workspace, `event_id`): a duplicate — within the batch or already stored — counts as
    accepted and is also counted in `duplicates`, so retries are always safe. Agent
    profiles and project memberships are updated, the events are published to the stream
    and alert rules are evaluated after the batch is committed.

    Events ingested with an `hb_test_` key go to the test namespace only.

    Args:
        body (IngestBatch): One batch: the sending agent's envelope and up to 500 events; the
            whole body is at
            most 1 MB. Unknown top-level members are ignored (the shared sample batch carries a
            `_comment`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | IngestResult]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: IngestBatch,
) -> Error | IngestResult | None:
    """Ingest a batch of agent events

     Accepts one envelope (the agent's identity, expanded into every event) and up to 500
    events. Validation is per event: a bad event is rejected alone and the rest are
    stored, so the answer is 200 when nothing was rejected and 207 otherwise — even when
    every event was rejected. Only a broken envelope fails the whole request: 400
    `invalid_batch` (body not a JSON object, `envelope.agent_id` missing or invalid, more
    than 500 events) or 413 `payload_too_large` (body over 1 MB). This operation never
    answers 422, because the hiveloop client drops the whole batch on any 4xx.

    Per event, in order:
    1. `event_id`, `timestamp` and `event_type` are required (`missing_required_field`).
    2. `event_type` must be one of the 13 types (`invalid_event_type`).
    3. `severity`, when given, must be debug/info/warn/error; `timestamp` must be RFC 3339
       with a year in 1970–2200 (an offset is normalised to UTC; no offset is taken as UTC
       with the warning `timestamp_assumed_utc`); `duration_ms` must be an integer in
       0…9007199254740991; fields must have their declared types; identifiers may not
       contain NUL (`invalid_field`).
    4. Size limits: `event_id` 128, `task_id` and other identifiers 256, `status` 64,
       `payload.summary` 512 characters, serialized `payload` 32 KB (`field_size_exceeded`).
    5. `project_id` (id or slug) must name a project; unknown slugs are auto-created unless
       the tenant turned auto-creation off (`invalid_project`).
    6. NUL characters inside the payload are replaced by U+FFFD (warning `payload_sanitized`).
    7. Well-known payload kinds are checked advisorily: a missing recommended field gives
       the warning `payload_convention`, never a rejection.

    Then the envelope is expanded into each event, `received_at` is set, severity defaults
    apply when `severity` is absent (see `Severity`), and events are deduplicated on
    (workspace, `event_id`): a duplicate — within the batch or already stored — counts as
    accepted and is also counted in `duplicates`, so retries are always safe. Agent
    profiles and project memberships are updated, the events are published to the stream
    and alert rules are evaluated after the batch is committed.

    Events ingested with an `hb_test_` key go to the test namespace only.

    Args:
        body (IngestBatch): One batch: the sending agent's envelope and up to 500 events; the
            whole body is at
            most 1 MB. Unknown top-level members are ignored (the shared sample batch carries a
            `_comment`).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | IngestResult
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
