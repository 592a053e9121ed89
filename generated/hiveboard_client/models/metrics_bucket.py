from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="MetricsBucket")


@_attrs_define
class MetricsBucket:
    """One time bucket. Which members besides `timestamp` appear depends on `metric`.

    Attributes:
        timestamp (datetime.datetime): Start of the bucket.
        tasks_completed (int | Unset):
        tasks_failed (int | Unset):
        avg_duration_ms (float | None | Unset):
        cost (float | Unset):
        llm_call_count (int | Unset):
        error_count (int | Unset): `action_failed` and `task_failed` events.
        throughput (int | Unset): Tasks completed in the bucket.
        total_tokens_in (int | Unset):
        total_tokens_out (int | Unset):
    """

    timestamp: datetime.datetime
    tasks_completed: int | Unset = UNSET
    tasks_failed: int | Unset = UNSET
    avg_duration_ms: float | None | Unset = UNSET
    cost: float | Unset = UNSET
    llm_call_count: int | Unset = UNSET
    error_count: int | Unset = UNSET
    throughput: int | Unset = UNSET
    total_tokens_in: int | Unset = UNSET
    total_tokens_out: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        timestamp = self.timestamp.isoformat()

        tasks_completed = self.tasks_completed

        tasks_failed = self.tasks_failed

        avg_duration_ms: float | None | Unset
        if isinstance(self.avg_duration_ms, Unset):
            avg_duration_ms = UNSET
        else:
            avg_duration_ms = self.avg_duration_ms

        cost = self.cost

        llm_call_count = self.llm_call_count

        error_count = self.error_count

        throughput = self.throughput

        total_tokens_in = self.total_tokens_in

        total_tokens_out = self.total_tokens_out

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "timestamp": timestamp,
            }
        )
        if tasks_completed is not UNSET:
            field_dict["tasks_completed"] = tasks_completed
        if tasks_failed is not UNSET:
            field_dict["tasks_failed"] = tasks_failed
        if avg_duration_ms is not UNSET:
            field_dict["avg_duration_ms"] = avg_duration_ms
        if cost is not UNSET:
            field_dict["cost"] = cost
        if llm_call_count is not UNSET:
            field_dict["llm_call_count"] = llm_call_count
        if error_count is not UNSET:
            field_dict["error_count"] = error_count
        if throughput is not UNSET:
            field_dict["throughput"] = throughput
        if total_tokens_in is not UNSET:
            field_dict["total_tokens_in"] = total_tokens_in
        if total_tokens_out is not UNSET:
            field_dict["total_tokens_out"] = total_tokens_out

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        timestamp = datetime.datetime.fromisoformat(d.pop("timestamp"))

        tasks_completed = d.pop("tasks_completed", UNSET)

        tasks_failed = d.pop("tasks_failed", UNSET)

        def _parse_avg_duration_ms(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        avg_duration_ms = _parse_avg_duration_ms(d.pop("avg_duration_ms", UNSET))

        cost = d.pop("cost", UNSET)

        llm_call_count = d.pop("llm_call_count", UNSET)

        error_count = d.pop("error_count", UNSET)

        throughput = d.pop("throughput", UNSET)

        total_tokens_in = d.pop("total_tokens_in", UNSET)

        total_tokens_out = d.pop("total_tokens_out", UNSET)

        metrics_bucket = cls(
            timestamp=timestamp,
            tasks_completed=tasks_completed,
            tasks_failed=tasks_failed,
            avg_duration_ms=avg_duration_ms,
            cost=cost,
            llm_call_count=llm_call_count,
            error_count=error_count,
            throughput=throughput,
            total_tokens_in=total_tokens_in,
            total_tokens_out=total_tokens_out,
        )

        metrics_bucket.additional_properties = d
        return metrics_bucket

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
