from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.ingest_warning_warning import IngestWarningWarning

T = TypeVar("T", bound="IngestWarning")


@_attrs_define
class IngestWarning:
    """Something the server changed or found odd in an event it accepted.

    Attributes:
        index (int): Position of the event in `events`.
        event_id (None | str): The event's id, when readable.
        warning (IngestWarningWarning): `payload_convention`: a well-known payload kind misses a recommended field.
            `timestamp_assumed_utc`: the timestamp had no offset and was taken as UTC.
            `payload_sanitized`: NUL characters in the payload were replaced by U+FFFD.
        message (str):
    """

    index: int
    event_id: None | str
    warning: IngestWarningWarning
    message: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        index = self.index

        event_id: None | str
        event_id = self.event_id

        warning = self.warning.value

        message = self.message

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "index": index,
                "event_id": event_id,
                "warning": warning,
                "message": message,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        index = d.pop("index")

        def _parse_event_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        event_id = _parse_event_id(d.pop("event_id"))

        warning = IngestWarningWarning(d.pop("warning"))

        message = d.pop("message")

        ingest_warning = cls(
            index=index,
            event_id=event_id,
            warning=warning,
            message=message,
        )

        ingest_warning.additional_properties = d
        return ingest_warning

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
