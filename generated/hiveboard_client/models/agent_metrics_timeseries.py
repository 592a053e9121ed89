from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.agent_metrics_timeseries_interval import AgentMetricsTimeseriesInterval

if TYPE_CHECKING:
    from ..models.agent_metrics_bucket import AgentMetricsBucket


T = TypeVar("T", bound="AgentMetricsTimeseries")


@_attrs_define
class AgentMetricsTimeseries:
    """
    Attributes:
        interval (AgentMetricsTimeseriesInterval):
        buckets (list[AgentMetricsBucket]): Oldest first; every bucket of the range is present.
    """

    interval: AgentMetricsTimeseriesInterval
    buckets: list[AgentMetricsBucket]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        interval = self.interval.value

        buckets = []
        for buckets_item_data in self.buckets:
            buckets_item = buckets_item_data.to_dict()
            buckets.append(buckets_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "interval": interval,
                "buckets": buckets,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.agent_metrics_bucket import AgentMetricsBucket

        d = dict(src_dict)
        interval = AgentMetricsTimeseriesInterval(d.pop("interval"))

        buckets = []
        _buckets = d.pop("buckets")
        for buckets_item_data in _buckets:
            buckets_item = AgentMetricsBucket.from_dict(buckets_item_data)

            buckets.append(buckets_item)

        agent_metrics_timeseries = cls(
            interval=interval,
            buckets=buckets,
        )

        agent_metrics_timeseries.additional_properties = d
        return agent_metrics_timeseries

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
