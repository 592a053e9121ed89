from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.envelope import Envelope
    from ..models.ingest_event import IngestEvent


T = TypeVar("T", bound="IngestBatch")


@_attrs_define
class IngestBatch:
    """One batch: the sending agent's envelope and up to 500 events; the whole body is at
    most 1 MB. Unknown top-level members are ignored (the shared sample batch carries a
    `_comment`).

        Attributes:
            envelope (Envelope): Who sent the batch. Its fields are copied into every stored event and into the
                agent's profile. Unknown members are ignored. Absent optional fields take defaults
                (`agent_type` general, `environment` production, `group` default).
            events (list[IngestEvent]): The events; an empty list is accepted (nothing is stored).
    """

    envelope: Envelope
    events: list[IngestEvent]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        envelope = self.envelope.to_dict()

        events = []
        for events_item_data in self.events:
            events_item = events_item_data.to_dict()
            events.append(events_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "envelope": envelope,
                "events": events,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.envelope import Envelope
        from ..models.ingest_event import IngestEvent

        d = dict(src_dict)
        envelope = Envelope.from_dict(d.pop("envelope"))

        events = []
        _events = d.pop("events")
        for events_item_data in _events:
            events_item = IngestEvent.from_dict(events_item_data)

            events.append(events_item)

        ingest_batch = cls(
            envelope=envelope,
            events=events,
        )

        ingest_batch.additional_properties = d
        return ingest_batch

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
