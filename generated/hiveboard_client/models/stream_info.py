from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.stream_info_channels_item import StreamInfoChannelsItem
from ..models.stream_info_path import StreamInfoPath

if TYPE_CHECKING:
    from ..models.stream_limits import StreamLimits


T = TypeVar("T", bound="StreamInfo")


@_attrs_define
class StreamInfo:
    """How to use the WebSocket stream.

    Attributes:
        contract_version (str): Version of `spec/ws.schema.json` the server speaks.
        path (StreamInfoPath): Path of the WebSocket; authenticate with `?token=<api key>`.
        channels (list[StreamInfoChannelsItem]):
        limits (StreamLimits):
    """

    contract_version: str
    path: StreamInfoPath
    channels: list[StreamInfoChannelsItem]
    limits: StreamLimits
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        contract_version = self.contract_version

        path = self.path.value

        channels = []
        for channels_item_data in self.channels:
            channels_item = channels_item_data.value
            channels.append(channels_item)

        limits = self.limits.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "contract_version": contract_version,
                "path": path,
                "channels": channels,
                "limits": limits,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.stream_limits import StreamLimits

        d = dict(src_dict)
        contract_version = d.pop("contract_version")

        path = StreamInfoPath(d.pop("path"))

        channels = []
        _channels = d.pop("channels")
        for channels_item_data in _channels:
            channels_item = StreamInfoChannelsItem(channels_item_data)

            channels.append(channels_item)

        limits = StreamLimits.from_dict(d.pop("limits"))

        stream_info = cls(
            contract_version=contract_version,
            path=path,
            channels=channels,
            limits=limits,
        )

        stream_info.additional_properties = d
        return stream_info

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
