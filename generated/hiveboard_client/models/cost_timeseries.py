from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.cost_timeseries_interval import CostTimeseriesInterval

if TYPE_CHECKING:
    from ..models.cost_timeseries_bucket import CostTimeseriesBucket
    from ..models.time_range import TimeRange


T = TypeVar("T", bound="CostTimeseries")


@_attrs_define
class CostTimeseries:
    """
    Attributes:
        range_ (TimeRange): The resolved window, `since` inclusive, `until` exclusive.
        interval (CostTimeseriesInterval):
        buckets (list[CostTimeseriesBucket]): Oldest first; split rows of one bucket most expensive first.
    """

    range_: TimeRange
    interval: CostTimeseriesInterval
    buckets: list[CostTimeseriesBucket]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        range_ = self.range_.to_dict()

        interval = self.interval.value

        buckets = []
        for buckets_item_data in self.buckets:
            buckets_item = buckets_item_data.to_dict()
            buckets.append(buckets_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "range": range_,
                "interval": interval,
                "buckets": buckets,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.cost_timeseries_bucket import CostTimeseriesBucket
        from ..models.time_range import TimeRange

        d = dict(src_dict)
        range_ = TimeRange.from_dict(d.pop("range"))

        interval = CostTimeseriesInterval(d.pop("interval"))

        buckets = []
        _buckets = d.pop("buckets")
        for buckets_item_data in _buckets:
            buckets_item = CostTimeseriesBucket.from_dict(buckets_item_data)

            buckets.append(buckets_item)

        cost_timeseries = cls(
            range_=range_,
            interval=interval,
            buckets=buckets,
        )

        cost_timeseries.additional_properties = d
        return cost_timeseries

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
