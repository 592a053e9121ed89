from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.issue_item import IssueItem


T = TypeVar("T", bound="PipelineIssuesType0")


@_attrs_define
class PipelineIssuesType0:
    """Active self-reported issues.

    Attributes:
        last_updated (datetime.datetime): Timestamp of the latest `issue` event.
        active_count (int):
        items (list[IssueItem]): Active issues, by severity then most recent.
    """

    last_updated: datetime.datetime
    active_count: int
    items: list[IssueItem]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        last_updated = self.last_updated.isoformat()

        active_count = self.active_count

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "last_updated": last_updated,
                "active_count": active_count,
                "items": items,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.issue_item import IssueItem

        d = dict(src_dict)
        last_updated = datetime.datetime.fromisoformat(d.pop("last_updated"))

        active_count = d.pop("active_count")

        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = IssueItem.from_dict(items_item_data)

            items.append(items_item)

        pipeline_issues_type_0 = cls(
            last_updated=last_updated,
            active_count=active_count,
            items=items,
        )

        pipeline_issues_type_0.additional_properties = d
        return pipeline_issues_type_0

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
