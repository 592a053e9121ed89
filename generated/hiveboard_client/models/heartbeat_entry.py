from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.heartbeat_entry_data_type_0 import HeartbeatEntryDataType0


T = TypeVar("T", bound="HeartbeatEntry")


@_attrs_define
class HeartbeatEntry:
    """
    Attributes:
        timestamp (datetime.datetime):
        summary (None | str):
        data (HeartbeatEntryDataType0 | None):
    """

    timestamp: datetime.datetime
    summary: None | str
    data: HeartbeatEntryDataType0 | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.heartbeat_entry_data_type_0 import HeartbeatEntryDataType0

        timestamp = self.timestamp.isoformat()

        summary: None | str
        summary = self.summary

        data: dict[str, Any] | None
        if isinstance(self.data, HeartbeatEntryDataType0):
            data = self.data.to_dict()
        else:
            data = self.data

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "timestamp": timestamp,
                "summary": summary,
                "data": data,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.heartbeat_entry_data_type_0 import HeartbeatEntryDataType0

        d = dict(src_dict)
        timestamp = datetime.datetime.fromisoformat(d.pop("timestamp"))

        def _parse_summary(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        summary = _parse_summary(d.pop("summary"))

        def _parse_data(data: object) -> HeartbeatEntryDataType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                data_type_0 = HeartbeatEntryDataType0.from_dict(data)

                return data_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(HeartbeatEntryDataType0 | None, data)

        data = _parse_data(d.pop("data"))

        heartbeat_entry = cls(
            timestamp=timestamp,
            summary=summary,
            data=data,
        )

        heartbeat_entry.additional_properties = d
        return heartbeat_entry

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
