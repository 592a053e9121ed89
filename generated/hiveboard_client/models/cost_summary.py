from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.cost_summary_group_by import CostSummaryGroupBy

if TYPE_CHECKING:
    from ..models.cost_group import CostGroup
    from ..models.cost_totals import CostTotals
    from ..models.time_range import TimeRange


T = TypeVar("T", bound="CostSummary")


@_attrs_define
class CostSummary:
    """
    Attributes:
        range_ (TimeRange): The resolved window, `since` inclusive, `until` exclusive.
        group_by (CostSummaryGroupBy):
        totals (CostTotals): Totals of LLM calls; missing costs and token counts count as 0.
        groups (list[CostGroup]): Most expensive first.
    """

    range_: TimeRange
    group_by: CostSummaryGroupBy
    totals: CostTotals
    groups: list[CostGroup]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        range_ = self.range_.to_dict()

        group_by = self.group_by.value

        totals = self.totals.to_dict()

        groups = []
        for groups_item_data in self.groups:
            groups_item = groups_item_data.to_dict()
            groups.append(groups_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "range": range_,
                "group_by": group_by,
                "totals": totals,
                "groups": groups,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.cost_group import CostGroup
        from ..models.cost_totals import CostTotals
        from ..models.time_range import TimeRange

        d = dict(src_dict)
        range_ = TimeRange.from_dict(d.pop("range"))

        group_by = CostSummaryGroupBy(d.pop("group_by"))

        totals = CostTotals.from_dict(d.pop("totals"))

        groups = []
        _groups = d.pop("groups")
        for groups_item_data in _groups:
            groups_item = CostGroup.from_dict(groups_item_data)

            groups.append(groups_item)

        cost_summary = cls(
            range_=range_,
            group_by=group_by,
            totals=totals,
            groups=groups,
        )

        cost_summary.additional_properties = d
        return cost_summary

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
