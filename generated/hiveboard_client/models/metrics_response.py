from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.metrics_response_interval import MetricsResponseInterval
from ..models.metrics_response_metric_type_1 import MetricsResponseMetricType1
from ..models.metrics_response_metric_type_2_type_1 import (
    MetricsResponseMetricType2Type1,
)
from ..models.metrics_response_metric_type_3_type_1 import (
    MetricsResponseMetricType3Type1,
)
from ..models.metrics_response_range import MetricsResponseRange

if TYPE_CHECKING:
    from ..models.metrics_bucket import MetricsBucket
    from ..models.metrics_group import MetricsGroup
    from ..models.metrics_summary import MetricsSummary


T = TypeVar("T", bound="MetricsResponse")


@_attrs_define
class MetricsResponse:
    """Aggregated metrics over a range.

    Attributes:
        range_ (MetricsResponseRange):
        interval (MetricsResponseInterval):
        metric (MetricsResponseMetricType1 | MetricsResponseMetricType2Type1 | MetricsResponseMetricType3Type1 | None):
            The focused metric, or null for all.
        summary (MetricsSummary): Totals over the range. Which members appear depends on `metric` (see the operation).
        timeseries (list[MetricsBucket]): Buckets oldest first; every bucket of the range is present.
        groups (list[MetricsGroup] | None): Per-dimension breakdown when `group_by` is set, largest first; else null.
    """

    range_: MetricsResponseRange
    interval: MetricsResponseInterval
    metric: (
        MetricsResponseMetricType1
        | MetricsResponseMetricType2Type1
        | MetricsResponseMetricType3Type1
        | None
    )
    summary: MetricsSummary
    timeseries: list[MetricsBucket]
    groups: list[MetricsGroup] | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        range_ = self.range_.value

        interval = self.interval.value

        metric: None | str
        if (
            isinstance(self.metric, MetricsResponseMetricType1)
            or isinstance(self.metric, MetricsResponseMetricType2Type1)
            or isinstance(self.metric, MetricsResponseMetricType3Type1)
        ):
            metric = self.metric.value
        else:
            metric = self.metric

        summary = self.summary.to_dict()

        timeseries = []
        for timeseries_item_data in self.timeseries:
            timeseries_item = timeseries_item_data.to_dict()
            timeseries.append(timeseries_item)

        groups: list[dict[str, Any]] | None
        if isinstance(self.groups, list):
            groups = []
            for groups_type_0_item_data in self.groups:
                groups_type_0_item = groups_type_0_item_data.to_dict()
                groups.append(groups_type_0_item)

        else:
            groups = self.groups

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "range": range_,
                "interval": interval,
                "metric": metric,
                "summary": summary,
                "timeseries": timeseries,
                "groups": groups,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.metrics_bucket import MetricsBucket
        from ..models.metrics_group import MetricsGroup
        from ..models.metrics_summary import MetricsSummary

        d = dict(src_dict)
        range_ = MetricsResponseRange(d.pop("range"))

        interval = MetricsResponseInterval(d.pop("interval"))

        def _parse_metric(
            data: object,
        ) -> (
            MetricsResponseMetricType1
            | MetricsResponseMetricType2Type1
            | MetricsResponseMetricType3Type1
            | None
        ):
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                metric_type_1 = MetricsResponseMetricType1(data)

                return metric_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, str):
                    raise TypeError()
                metric_type_2_type_1 = MetricsResponseMetricType2Type1(data)

                return metric_type_2_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, str):
                    raise TypeError()
                metric_type_3_type_1 = MetricsResponseMetricType3Type1(data)

                return metric_type_3_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(
                MetricsResponseMetricType1
                | MetricsResponseMetricType2Type1
                | MetricsResponseMetricType3Type1
                | None,
                data,
            )

        metric = _parse_metric(d.pop("metric"))

        summary = MetricsSummary.from_dict(d.pop("summary"))

        timeseries = []
        _timeseries = d.pop("timeseries")
        for timeseries_item_data in _timeseries:
            timeseries_item = MetricsBucket.from_dict(timeseries_item_data)

            timeseries.append(timeseries_item)

        def _parse_groups(data: object) -> list[MetricsGroup] | None:
            if data is None:
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                groups_type_0 = []
                _groups_type_0 = data
                for groups_type_0_item_data in _groups_type_0:
                    groups_type_0_item = MetricsGroup.from_dict(groups_type_0_item_data)

                    groups_type_0.append(groups_type_0_item)

                return groups_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[MetricsGroup] | None, data)

        groups = _parse_groups(d.pop("groups"))

        metrics_response = cls(
            range_=range_,
            interval=interval,
            metric=metric,
            summary=summary,
            timeseries=timeseries,
            groups=groups,
        )

        metrics_response.additional_properties = d
        return metrics_response

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
