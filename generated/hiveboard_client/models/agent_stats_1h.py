from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="AgentStats1H")


@_attrs_define
class AgentStats1H:
    """The agent's last hour (only the filtered project's work when `project_id` is given).

    Attributes:
        tasks_completed (int):
        tasks_failed (int):
        success_rate (float | None): completed / (completed + failed); null when no task finished.
        avg_duration_ms (float | None): Mean duration of completed tasks; null when none.
        total_cost (float | None): Sum of LLM call costs in USD; null when no call reported a cost.
        llm_call_count (int):
        throughput (int): Tasks completed in the hour.
    """

    tasks_completed: int
    tasks_failed: int
    success_rate: float | None
    avg_duration_ms: float | None
    total_cost: float | None
    llm_call_count: int
    throughput: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        tasks_completed = self.tasks_completed

        tasks_failed = self.tasks_failed

        success_rate: float | None
        success_rate = self.success_rate

        avg_duration_ms: float | None
        avg_duration_ms = self.avg_duration_ms

        total_cost: float | None
        total_cost = self.total_cost

        llm_call_count = self.llm_call_count

        throughput = self.throughput

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "tasks_completed": tasks_completed,
                "tasks_failed": tasks_failed,
                "success_rate": success_rate,
                "avg_duration_ms": avg_duration_ms,
                "total_cost": total_cost,
                "llm_call_count": llm_call_count,
                "throughput": throughput,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        tasks_completed = d.pop("tasks_completed")

        tasks_failed = d.pop("tasks_failed")

        def _parse_success_rate(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        success_rate = _parse_success_rate(d.pop("success_rate"))

        def _parse_avg_duration_ms(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        avg_duration_ms = _parse_avg_duration_ms(d.pop("avg_duration_ms"))

        def _parse_total_cost(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        total_cost = _parse_total_cost(d.pop("total_cost"))

        llm_call_count = d.pop("llm_call_count")

        throughput = d.pop("throughput")

        agent_stats_1h = cls(
            tasks_completed=tasks_completed,
            tasks_failed=tasks_failed,
            success_rate=success_rate,
            avg_duration_ms=avg_duration_ms,
            total_cost=total_cost,
            llm_call_count=llm_call_count,
            throughput=throughput,
        )

        agent_stats_1h.additional_properties = d
        return agent_stats_1h

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
