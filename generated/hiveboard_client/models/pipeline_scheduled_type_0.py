from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.scheduled_item import ScheduledItem


T = TypeVar("T", bound="PipelineScheduledType0")


@_attrs_define
class PipelineScheduledType0:
    """The latest report of scheduled work.

    Attributes:
        last_updated (datetime.datetime):
        items (list[ScheduledItem]): By `next_run`, soonest first.
    """

    last_updated: datetime.datetime
    items: list[ScheduledItem]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        last_updated = self.last_updated.isoformat()

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "last_updated": last_updated,
                "items": items,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.scheduled_item import ScheduledItem

        d = dict(src_dict)
        last_updated = datetime.datetime.fromisoformat(d.pop("last_updated"))

        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = ScheduledItem.from_dict(items_item_data)

            items.append(items_item)

        pipeline_scheduled_type_0 = cls(
            last_updated=last_updated,
            items=items,
        )

        pipeline_scheduled_type_0.additional_properties = d
        return pipeline_scheduled_type_0

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
