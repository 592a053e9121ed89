from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="AgentMetricsBucket")


@_attrs_define
class AgentMetricsBucket:
    """
    Attributes:
        timestamp (datetime.datetime): Start of the bucket.
        tasks_completed (int):
        tasks_failed (int):
        avg_duration_ms (float | None):
        cost (float):
        llm_call_count (int):
    """

    timestamp: datetime.datetime
    tasks_completed: int
    tasks_failed: int
    avg_duration_ms: float | None
    cost: float
    llm_call_count: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        timestamp = self.timestamp.isoformat()

        tasks_completed = self.tasks_completed

        tasks_failed = self.tasks_failed

        avg_duration_ms: float | None
        avg_duration_ms = self.avg_duration_ms

        cost = self.cost

        llm_call_count = self.llm_call_count

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "timestamp": timestamp,
                "tasks_completed": tasks_completed,
                "tasks_failed": tasks_failed,
                "avg_duration_ms": avg_duration_ms,
                "cost": cost,
                "llm_call_count": llm_call_count,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        timestamp = datetime.datetime.fromisoformat(d.pop("timestamp"))

        tasks_completed = d.pop("tasks_completed")

        tasks_failed = d.pop("tasks_failed")

        def _parse_avg_duration_ms(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        avg_duration_ms = _parse_avg_duration_ms(d.pop("avg_duration_ms"))

        cost = d.pop("cost")

        llm_call_count = d.pop("llm_call_count")

        agent_metrics_bucket = cls(
            timestamp=timestamp,
            tasks_completed=tasks_completed,
            tasks_failed=tasks_failed,
            avg_duration_ms=avg_duration_ms,
            cost=cost,
            llm_call_count=llm_call_count,
        )

        agent_metrics_bucket.additional_properties = d
        return agent_metrics_bucket

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
