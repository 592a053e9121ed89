from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.event_type import EventType
from ..models.render_hint_type_1 import RenderHintType1
from ..models.render_hint_type_2_type_1 import RenderHintType2Type1
from ..models.render_hint_type_3_type_1 import RenderHintType3Type1
from ..models.severity import Severity

if TYPE_CHECKING:
    from ..models.payload_type_0 import PayloadType0


T = TypeVar("T", bound="Event")


@_attrs_define
class Event:
    """A stored event: the event as sent, with the envelope expanded, defaults applied
    (severity, environment, group), `received_at` set by the server, and two derived
    fields, `payload_kind` and `render_hint`.

        Attributes:
            event_id (str):
            agent_id (str):
            agent_type (None | str):
            project_id (None | str): The project's id; null for agent-level events.
            environment (str):
            group (str):
            task_id (None | str):
            task_type (None | str):
            task_run_id (None | str):
            correlation_id (None | str):
            action_id (None | str):
            parent_action_id (None | str):
            parent_event_id (None | str):
            event_type (EventType): The 13 event types. Layer 0: `agent_registered`, `heartbeat`. Layer 1: task and
                action lifecycle. Layer 2: `retry_started`, `escalated`, `approval_requested`,
                `approval_received`, and `custom` (which carries every well-known payload kind).
            severity (Severity): Event severity. When an ingested event has none, it defaults by event type and
                payload kind: heartbeat → debug; `*_started`, `*_completed`, approvals, custom → info;
                `*_failed` → error; `retry_started`, `escalated` → warn; payload kind
                `queue_snapshot` → debug; `todo` with action `failed` → warn; `plan_step` with
                action `failed` → error; `issue` → from `data.severity` (critical/high → error,
                medium → warn, low → info).
            status (None | str): Free-form outcome (`success`, `failure`, `timeout`, `escalated`, `cancelled`, …).
            duration_ms (int | None):
            timestamp (datetime.datetime): When it happened (client clock), UTC.
            received_at (datetime.datetime): When the server accepted it, UTC.
            payload (None | PayloadType0): Free-form JSON of at most 32 KB (serialized), stored and returned as sent except
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
            payload_kind (None | str): `payload.kind` when it is a string, else null (any kind, well-known or not).
            render_hint (None | RenderHintType1 | RenderHintType2Type1 | RenderHintType3Type1): How a client should render
                the event: the event's `payload.kind` when the event is
                `custom` and the kind is well known, else null.
    """

    event_id: str
    agent_id: str
    agent_type: None | str
    project_id: None | str
    environment: str
    group: str
    task_id: None | str
    task_type: None | str
    task_run_id: None | str
    correlation_id: None | str
    action_id: None | str
    parent_action_id: None | str
    parent_event_id: None | str
    event_type: EventType
    severity: Severity
    status: None | str
    duration_ms: int | None
    timestamp: datetime.datetime
    received_at: datetime.datetime
    payload: None | PayloadType0
    payload_kind: None | str
    render_hint: None | RenderHintType1 | RenderHintType2Type1 | RenderHintType3Type1
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.payload_type_0 import PayloadType0

        event_id = self.event_id

        agent_id = self.agent_id

        agent_type: None | str
        agent_type = self.agent_type

        project_id: None | str
        project_id = self.project_id

        environment = self.environment

        group = self.group

        task_id: None | str
        task_id = self.task_id

        task_type: None | str
        task_type = self.task_type

        task_run_id: None | str
        task_run_id = self.task_run_id

        correlation_id: None | str
        correlation_id = self.correlation_id

        action_id: None | str
        action_id = self.action_id

        parent_action_id: None | str
        parent_action_id = self.parent_action_id

        parent_event_id: None | str
        parent_event_id = self.parent_event_id

        event_type = self.event_type.value

        severity = self.severity.value

        status: None | str
        status = self.status

        duration_ms: int | None
        duration_ms = self.duration_ms

        timestamp = self.timestamp.isoformat()

        received_at = self.received_at.isoformat()

        payload: dict[str, Any] | None
        if isinstance(self.payload, PayloadType0):
            payload = self.payload.to_dict()
        else:
            payload = self.payload

        payload_kind: None | str
        payload_kind = self.payload_kind

        render_hint: None | str
        if (
            isinstance(self.render_hint, RenderHintType1)
            or isinstance(self.render_hint, RenderHintType2Type1)
            or isinstance(self.render_hint, RenderHintType3Type1)
        ):
            render_hint = self.render_hint.value
        else:
            render_hint = self.render_hint

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "event_id": event_id,
                "agent_id": agent_id,
                "agent_type": agent_type,
                "project_id": project_id,
                "environment": environment,
                "group": group,
                "task_id": task_id,
                "task_type": task_type,
                "task_run_id": task_run_id,
                "correlation_id": correlation_id,
                "action_id": action_id,
                "parent_action_id": parent_action_id,
                "parent_event_id": parent_event_id,
                "event_type": event_type,
                "severity": severity,
                "status": status,
                "duration_ms": duration_ms,
                "timestamp": timestamp,
                "received_at": received_at,
                "payload": payload,
                "payload_kind": payload_kind,
                "render_hint": render_hint,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.payload_type_0 import PayloadType0

        d = dict(src_dict)
        event_id = d.pop("event_id")

        agent_id = d.pop("agent_id")

        def _parse_agent_type(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        agent_type = _parse_agent_type(d.pop("agent_type"))

        def _parse_project_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        project_id = _parse_project_id(d.pop("project_id"))

        environment = d.pop("environment")

        group = d.pop("group")

        def _parse_task_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        task_id = _parse_task_id(d.pop("task_id"))

        def _parse_task_type(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        task_type = _parse_task_type(d.pop("task_type"))

        def _parse_task_run_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        task_run_id = _parse_task_run_id(d.pop("task_run_id"))

        def _parse_correlation_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        correlation_id = _parse_correlation_id(d.pop("correlation_id"))

        def _parse_action_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        action_id = _parse_action_id(d.pop("action_id"))

        def _parse_parent_action_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        parent_action_id = _parse_parent_action_id(d.pop("parent_action_id"))

        def _parse_parent_event_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        parent_event_id = _parse_parent_event_id(d.pop("parent_event_id"))

        event_type = EventType(d.pop("event_type"))

        severity = Severity(d.pop("severity"))

        def _parse_status(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        status = _parse_status(d.pop("status"))

        def _parse_duration_ms(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        duration_ms = _parse_duration_ms(d.pop("duration_ms"))

        timestamp = datetime.datetime.fromisoformat(d.pop("timestamp"))

        received_at = datetime.datetime.fromisoformat(d.pop("received_at"))

        def _parse_payload(data: object) -> None | PayloadType0:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_payload_type_0 = PayloadType0.from_dict(data)

                return componentsschemas_payload_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PayloadType0, data)

        payload = _parse_payload(d.pop("payload"))

        def _parse_payload_kind(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        payload_kind = _parse_payload_kind(d.pop("payload_kind"))

        def _parse_render_hint(
            data: object,
        ) -> None | RenderHintType1 | RenderHintType2Type1 | RenderHintType3Type1:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_render_hint_type_1 = RenderHintType1(data)

                return componentsschemas_render_hint_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_render_hint_type_2_type_1 = RenderHintType2Type1(data)

                return componentsschemas_render_hint_type_2_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_render_hint_type_3_type_1 = RenderHintType3Type1(data)

                return componentsschemas_render_hint_type_3_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(
                None | RenderHintType1 | RenderHintType2Type1 | RenderHintType3Type1,
                data,
            )

        render_hint = _parse_render_hint(d.pop("render_hint"))

        event = cls(
            event_id=event_id,
            agent_id=agent_id,
            agent_type=agent_type,
            project_id=project_id,
            environment=environment,
            group=group,
            task_id=task_id,
            task_type=task_type,
            task_run_id=task_run_id,
            correlation_id=correlation_id,
            action_id=action_id,
            parent_action_id=parent_action_id,
            parent_event_id=parent_event_id,
            event_type=event_type,
            severity=severity,
            status=status,
            duration_ms=duration_ms,
            timestamp=timestamp,
            received_at=received_at,
            payload=payload,
            payload_kind=payload_kind,
            render_hint=render_hint,
        )

        event.additional_properties = d
        return event

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
