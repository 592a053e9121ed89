from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.error_code import ErrorCode

T = TypeVar("T", bound="IngestError")


@_attrs_define
class IngestError:
    """Why one event was rejected.

    Attributes:
        index (int): Position of the event in `events`.
        event_id (None | str): The event's id, when it was present and readable.
        error (ErrorCode): Stable machine-readable error code. Codes used per event inside an ingest 207
            (`missing_required_field`, `invalid_event_type`, `invalid_field`,
            `field_size_exceeded`, `invalid_project`) appear in `IngestError.error`.
        message (str):
        field (None | str): The offending field (dotted path inside the event), when one is to blame.
    """

    index: int
    event_id: None | str
    error: ErrorCode
    message: str
    field: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        index = self.index

        event_id: None | str
        event_id = self.event_id

        error = self.error.value

        message = self.message

        field: None | str
        field = self.field

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "index": index,
                "event_id": event_id,
                "error": error,
                "message": message,
                "field": field,
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

        error = ErrorCode(d.pop("error"))

        message = d.pop("message")

        def _parse_field(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        field = _parse_field(d.pop("field"))

        ingest_error = cls(
            index=index,
            event_id=event_id,
            error=error,
            message=message,
            field=field,
        )

        ingest_error.additional_properties = d
        return ingest_error

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
