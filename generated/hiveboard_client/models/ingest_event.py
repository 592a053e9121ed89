from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.event_type import EventType
from ..models.ingest_event_severity_type_1 import IngestEventSeverityType1
from ..models.ingest_event_severity_type_2_type_1 import IngestEventSeverityType2Type1
from ..models.ingest_event_severity_type_3_type_1 import IngestEventSeverityType3Type1
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.payload_type_0 import PayloadType0


T = TypeVar("T", bound="IngestEvent")


@_attrs_define
class IngestEvent:
    """One event as sent. Only `event_id`, `timestamp` and `event_type` are required; absent
    and null optional fields mean the same. Never send `tenant_id` or `received_at`
    (ignored: the server sets them). Unknown members are ignored (the sample batch
    carries `_comment`). A problem with one event rejects that event only.

        Attributes:
            event_id (str): Client-generated unique id (any string, e.g. a UUID or `evt_err_001`). The
                deduplication key: re-sending an event with the same id is accepted and not
                stored twice.
            timestamp (datetime.datetime): When it happened, RFC 3339. An offset is normalised to UTC. A timestamp without
                offset is accepted as UTC with the warning `timestamp_assumed_utc`. Years outside
                1970–2200 are rejected (`invalid_field`).
            event_type (EventType): The 13 event types. Layer 0: `agent_registered`, `heartbeat`. Layer 1: task and
                action lifecycle. Layer 2: `retry_started`, `escalated`, `approval_requested`,
                `approval_received`, and `custom` (which carries every well-known payload kind).
            project_id (None | str | Unset): The project (id or slug); null for agent-level events. An unknown slug creates
                the project, unless the tenant turned auto-creation off (`invalid_project`).
            task_id (None | str | Unset): The task; required in practice for task and action events.
            task_type (None | str | Unset): Task classification, e.g. `lead_processing`.
            task_run_id (None | str | Unset): Distinguishes executions (retries, re-runs) of the same task id.
            correlation_id (None | str | Unset): Links work across agents.
            action_id (None | str | Unset): The action node this event belongs to.
            parent_action_id (None | str | Unset): The enclosing action (structural nesting).
            parent_event_id (None | str | Unset): The event this one follows from (retries, escalations; causal link).
            severity (IngestEventSeverityType1 | IngestEventSeverityType2Type1 | IngestEventSeverityType3Type1 | None |
                Unset): One of the `Severity` values; when absent or null the default of `Severity` applies. Any other value is
                `invalid_field`.
            status (None | str | Unset): Outcome, free-form. Known values `success`, `failure`, `timeout`, `escalated`,
                `cancelled`.
            duration_ms (int | None | Unset): Duration in milliseconds.
            payload (None | PayloadType0 | Unset): Free-form JSON of at most 32 KB (serialized), stored and returned as sent
                except
                that NUL characters are replaced by U+FFFD. By convention `{kind, summary, data,
                tags}`; other members (e.g. `action_name`, `exception_type` on action events) are
                kept. Well-known kinds are checked advisorily (missing recommended fields give the
                warning `payload_convention`, never a rejection):

                | kind | event_type | recommended `data` fields |
                |---|---|---|
                | `llm_call` | custom | `name`, `model`; optional `tokens_in`, `tokens_out`, `cost` (USD), `duration_ms`,
                `prompt_preview`, `response_preview`, `metadata` |
                | `queue_snapshot` | custom, agent-level | `depth`; optional `oldest_age_seconds`, `items[] {id, priority,
                source, summary, queued_at}`, `processing {id, summary, started_at, elapsed_ms}` |
                | `todo` | custom, agent-level | `todo_id`, `action` (created/completed/failed/dismissed/deferred); optional
                `priority`, `source`, `context`, `due_by` |
                | `scheduled` | custom, agent-level | `items[] {id, name, next_run, interval, enabled, last_status}` |
                | `plan_created` | custom, task | `steps[] {index, description}`; optional `goal`, `revision` |
                | `plan_step` | custom, task | `step_index`, `total_steps`, `action` (started/completed/failed/skipped);
                optional `turns`, `tokens`, `plan_revision` |
                | `issue` | custom, agent-level | `severity` (critical/high/medium/low); optional `issue_id`, `category`,
                `context`, `action` (reported/resolved/dismissed), `occurrence_count` |
                | `reflection` | custom, task | `decision`, `reasoning`; optional `confidence`, `next_action`, `trigger` |
                | `heartbeat_status` | heartbeat | optional `queue_depth`, `current_state`, … |
    """

    event_id: str
    timestamp: datetime.datetime
    event_type: EventType
    project_id: None | str | Unset = UNSET
    task_id: None | str | Unset = UNSET
    task_type: None | str | Unset = UNSET
    task_run_id: None | str | Unset = UNSET
    correlation_id: None | str | Unset = UNSET
    action_id: None | str | Unset = UNSET
    parent_action_id: None | str | Unset = UNSET
    parent_event_id: None | str | Unset = UNSET
    severity: (
        IngestEventSeverityType1
        | IngestEventSeverityType2Type1
        | IngestEventSeverityType3Type1
        | None
        | Unset
    ) = UNSET
    status: None | str | Unset = UNSET
    duration_ms: int | None | Unset = UNSET
    payload: None | PayloadType0 | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.payload_type_0 import PayloadType0

        event_id = self.event_id

        timestamp = self.timestamp.isoformat()

        event_type = self.event_type.value

        project_id: None | str | Unset
        if isinstance(self.project_id, Unset):
            project_id = UNSET
        else:
            project_id = self.project_id

        task_id: None | str | Unset
        if isinstance(self.task_id, Unset):
            task_id = UNSET
        else:
            task_id = self.task_id

        task_type: None | str | Unset
        if isinstance(self.task_type, Unset):
            task_type = UNSET
        else:
            task_type = self.task_type

        task_run_id: None | str | Unset
        if isinstance(self.task_run_id, Unset):
            task_run_id = UNSET
        else:
            task_run_id = self.task_run_id

        correlation_id: None | str | Unset
        if isinstance(self.correlation_id, Unset):
            correlation_id = UNSET
        else:
            correlation_id = self.correlation_id

        action_id: None | str | Unset
        if isinstance(self.action_id, Unset):
            action_id = UNSET
        else:
            action_id = self.action_id

        parent_action_id: None | str | Unset
        if isinstance(self.parent_action_id, Unset):
            parent_action_id = UNSET
        else:
            parent_action_id = self.parent_action_id

        parent_event_id: None | str | Unset
        if isinstance(self.parent_event_id, Unset):
            parent_event_id = UNSET
        else:
            parent_event_id = self.parent_event_id

        severity: None | str | Unset
        if isinstance(self.severity, Unset):
            severity = UNSET
        elif (
            isinstance(self.severity, IngestEventSeverityType1)
            or isinstance(self.severity, IngestEventSeverityType2Type1)
            or isinstance(self.severity, IngestEventSeverityType3Type1)
        ):
            severity = self.severity.value
        else:
            severity = self.severity

        status: None | str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        else:
            status = self.status

        duration_ms: int | None | Unset
        if isinstance(self.duration_ms, Unset):
            duration_ms = UNSET
        else:
            duration_ms = self.duration_ms

        payload: dict[str, Any] | None | Unset
        if isinstance(self.payload, Unset):
            payload = UNSET
        elif isinstance(self.payload, PayloadType0):
            payload = self.payload.to_dict()
        else:
            payload = self.payload

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "event_id": event_id,
                "timestamp": timestamp,
                "event_type": event_type,
            }
        )
        if project_id is not UNSET:
            field_dict["project_id"] = project_id
        if task_id is not UNSET:
            field_dict["task_id"] = task_id
        if task_type is not UNSET:
            field_dict["task_type"] = task_type
        if task_run_id is not UNSET:
            field_dict["task_run_id"] = task_run_id
        if correlation_id is not UNSET:
            field_dict["correlation_id"] = correlation_id
        if action_id is not UNSET:
            field_dict["action_id"] = action_id
        if parent_action_id is not UNSET:
            field_dict["parent_action_id"] = parent_action_id
        if parent_event_id is not UNSET:
            field_dict["parent_event_id"] = parent_event_id
        if severity is not UNSET:
            field_dict["severity"] = severity
        if status is not UNSET:
            field_dict["status"] = status
        if duration_ms is not UNSET:
            field_dict["duration_ms"] = duration_ms
        if payload is not UNSET:
            field_dict["payload"] = payload

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.payload_type_0 import PayloadType0

        d = dict(src_dict)
        event_id = d.pop("event_id")

        timestamp = datetime.datetime.fromisoformat(d.pop("timestamp"))

        event_type = EventType(d.pop("event_type"))

        def _parse_project_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        project_id = _parse_project_id(d.pop("project_id", UNSET))

        def _parse_task_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        task_id = _parse_task_id(d.pop("task_id", UNSET))

        def _parse_task_type(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        task_type = _parse_task_type(d.pop("task_type", UNSET))

        def _parse_task_run_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        task_run_id = _parse_task_run_id(d.pop("task_run_id", UNSET))

        def _parse_correlation_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        correlation_id = _parse_correlation_id(d.pop("correlation_id", UNSET))

        def _parse_action_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        action_id = _parse_action_id(d.pop("action_id", UNSET))

        def _parse_parent_action_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        parent_action_id = _parse_parent_action_id(d.pop("parent_action_id", UNSET))

        def _parse_parent_event_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        parent_event_id = _parse_parent_event_id(d.pop("parent_event_id", UNSET))

        def _parse_severity(
            data: object,
        ) -> (
            IngestEventSeverityType1
            | IngestEventSeverityType2Type1
            | IngestEventSeverityType3Type1
            | None
            | Unset
        ):
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                severity_type_1 = IngestEventSeverityType1(data)

                return severity_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, str):
                    raise TypeError()
                severity_type_2_type_1 = IngestEventSeverityType2Type1(data)

                return severity_type_2_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, str):
                    raise TypeError()
                severity_type_3_type_1 = IngestEventSeverityType3Type1(data)

                return severity_type_3_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(
                IngestEventSeverityType1
                | IngestEventSeverityType2Type1
                | IngestEventSeverityType3Type1
                | None
                | Unset,
                data,
            )

        severity = _parse_severity(d.pop("severity", UNSET))

        def _parse_status(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        status = _parse_status(d.pop("status", UNSET))

        def _parse_duration_ms(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        duration_ms = _parse_duration_ms(d.pop("duration_ms", UNSET))

        def _parse_payload(data: object) -> None | PayloadType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_payload_type_0 = PayloadType0.from_dict(data)

                return componentsschemas_payload_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PayloadType0 | Unset, data)

        payload = _parse_payload(d.pop("payload", UNSET))

        ingest_event = cls(
            event_id=event_id,
            timestamp=timestamp,
            event_type=event_type,
            project_id=project_id,
            task_id=task_id,
            task_type=task_type,
            task_run_id=task_run_id,
            correlation_id=correlation_id,
            action_id=action_id,
            parent_action_id=parent_action_id,
            parent_event_id=parent_event_id,
            severity=severity,
            status=status,
            duration_ms=duration_ms,
            payload=payload,
        )

        ingest_event.additional_properties = d
        return ingest_event

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
