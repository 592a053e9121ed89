from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.payload_data_type_0 import PayloadDataType0


T = TypeVar("T", bound="PayloadType0")


@_attrs_define
class PayloadType0:
    """Free-form JSON of at most 32 KB (serialized), stored and returned as sent except
    that NUL characters are replaced by U+FFFD. By convention `{kind, summary, data,
    tags}`; other members (e.g. `action_name`, `exception_type` on action events) are
    kept. Well-known kinds are checked advisorily (missing recommended fields give the
    warning `payload_convention`, never a rejection):

    | kind | event_type | recommended `data` fields |
    |---|---|---|
    | `llm_call` | custom | `name`, `model`; optional `tokens_in`, `tokens_out`, `cost` (USD), `duration_ms`,
    `prompt_preview`, `response_preview`, `metadata` |
    | `queue_snapshot` | custom, agent-level | `depth`; optional `oldest_age_seconds`, `items[] {id, priority, source,
    summary, queued_at}`, `processing {id, summary, started_at, elapsed_ms}` |
    | `todo` | custom, agent-level | `todo_id`, `action` (created/completed/failed/dismissed/deferred); optional
    `priority`, `source`, `context`, `due_by` |
    | `scheduled` | custom, agent-level | `items[] {id, name, next_run, interval, enabled, last_status}` |
    | `plan_created` | custom, task | `steps[] {index, description}`; optional `goal`, `revision` |
    | `plan_step` | custom, task | `step_index`, `total_steps`, `action` (started/completed/failed/skipped); optional
    `turns`, `tokens`, `plan_revision` |
    | `issue` | custom, agent-level | `severity` (critical/high/medium/low); optional `issue_id`, `category`, `context`,
    `action` (reported/resolved/dismissed), `occurrence_count` |
    | `reflection` | custom, task | `decision`, `reasoning`; optional `confidence`, `next_action`, `trigger` |
    | `heartbeat_status` | heartbeat | optional `queue_depth`, `current_state`, … |

        Attributes:
            kind (None | str | Unset): The payload convention, e.g. `llm_call`.
            summary (None | str | Unset): One-line human summary shown in the activity stream.
            data (None | PayloadDataType0 | Unset): Kind-specific structured data of a payload (`Payload.data`).
            tags (list[str] | None | Unset): Free tags.
    """

    kind: None | str | Unset = UNSET
    summary: None | str | Unset = UNSET
    data: None | PayloadDataType0 | Unset = UNSET
    tags: list[str] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.payload_data_type_0 import PayloadDataType0

        kind: None | str | Unset
        if isinstance(self.kind, Unset):
            kind = UNSET
        else:
            kind = self.kind

        summary: None | str | Unset
        if isinstance(self.summary, Unset):
            summary = UNSET
        else:
            summary = self.summary

        data: dict[str, Any] | None | Unset
        if isinstance(self.data, Unset):
            data = UNSET
        elif isinstance(self.data, PayloadDataType0):
            data = self.data.to_dict()
        else:
            data = self.data

        tags: list[str] | None | Unset
        if isinstance(self.tags, Unset):
            tags = UNSET
        elif isinstance(self.tags, list):
            tags = self.tags

        else:
            tags = self.tags

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if kind is not UNSET:
            field_dict["kind"] = kind
        if summary is not UNSET:
            field_dict["summary"] = summary
        if data is not UNSET:
            field_dict["data"] = data
        if tags is not UNSET:
            field_dict["tags"] = tags

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.payload_data_type_0 import PayloadDataType0

        d = dict(src_dict)

        def _parse_kind(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        kind = _parse_kind(d.pop("kind", UNSET))

        def _parse_summary(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        summary = _parse_summary(d.pop("summary", UNSET))

        def _parse_data(data: object) -> None | PayloadDataType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_payload_data_type_0 = PayloadDataType0.from_dict(data)

                return componentsschemas_payload_data_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PayloadDataType0 | Unset, data)

        data = _parse_data(d.pop("data", UNSET))

        def _parse_tags(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                tags_type_0 = cast(list[str], data)

                return tags_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        tags = _parse_tags(d.pop("tags", UNSET))

        payload_type_0 = cls(
            kind=kind,
            summary=summary,
            data=data,
            tags=tags,
        )

        payload_type_0.additional_properties = d
        return payload_type_0

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
