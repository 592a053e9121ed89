from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.queue_item import QueueItem
    from ..models.queue_processing_type_0 import QueueProcessingType0


T = TypeVar("T", bound="PipelineQueueType0")


@_attrs_define
class PipelineQueueType0:
    """The latest queue snapshot.

    Attributes:
        snapshot_at (datetime.datetime): The snapshot event's own timestamp.
        last_updated (datetime.datetime): Same as `snapshot_at` (the name the other sections use).
        depth (int | None):
        oldest_age_seconds (float | None):
        items (list[QueueItem]):
        processing (None | QueueProcessingType0): The item being processed when the snapshot was taken.
    """

    snapshot_at: datetime.datetime
    last_updated: datetime.datetime
    depth: int | None
    oldest_age_seconds: float | None
    items: list[QueueItem]
    processing: None | QueueProcessingType0
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.queue_processing_type_0 import QueueProcessingType0

        snapshot_at = self.snapshot_at.isoformat()

        last_updated = self.last_updated.isoformat()

        depth: int | None
        depth = self.depth

        oldest_age_seconds: float | None
        oldest_age_seconds = self.oldest_age_seconds

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        processing: dict[str, Any] | None
        if isinstance(self.processing, QueueProcessingType0):
            processing = self.processing.to_dict()
        else:
            processing = self.processing

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "snapshot_at": snapshot_at,
                "last_updated": last_updated,
                "depth": depth,
                "oldest_age_seconds": oldest_age_seconds,
                "items": items,
                "processing": processing,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.queue_item import QueueItem
        from ..models.queue_processing_type_0 import QueueProcessingType0

        d = dict(src_dict)
        snapshot_at = datetime.datetime.fromisoformat(d.pop("snapshot_at"))

        last_updated = datetime.datetime.fromisoformat(d.pop("last_updated"))

        def _parse_depth(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        depth = _parse_depth(d.pop("depth"))

        def _parse_oldest_age_seconds(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        oldest_age_seconds = _parse_oldest_age_seconds(d.pop("oldest_age_seconds"))

        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = QueueItem.from_dict(items_item_data)

            items.append(items_item)

        def _parse_processing(data: object) -> None | QueueProcessingType0:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_queue_processing_type_0 = (
                    QueueProcessingType0.from_dict(data)
                )

                return componentsschemas_queue_processing_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | QueueProcessingType0, data)

        processing = _parse_processing(d.pop("processing"))

        pipeline_queue_type_0 = cls(
            snapshot_at=snapshot_at,
            last_updated=last_updated,
            depth=depth,
            oldest_age_seconds=oldest_age_seconds,
            items=items,
            processing=processing,
        )

        pipeline_queue_type_0.additional_properties = d
        return pipeline_queue_type_0

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
