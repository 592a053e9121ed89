from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="AgentStats24H")


@_attrs_define
class AgentStats24H:
    """The agent's stats over `metrics_range` (24 hours by default).

    Attributes:
        tasks_completed (int):
        tasks_failed (int):
        success_rate (float | None): completed / (completed + failed); null when no task finished.
        avg_duration_ms (float | None):
        total_cost (float | None):
        llm_call_count (int):
        escalation_rate (float | None): Share of the tasks that started or finished in the range with an `escalated`
            event; null when there is no such task.
        error_rate (float | None): Share of the tasks finished in the range that failed (failed / (completed + failed));
            null when no task finished.
        recovery_rate (float | None): Share of the tasks finished in the range that hit an error (a failed action or a
            failed attempt) and still completed; null when no finished task had one.
        avg_actions_per_task (float | None): Actions started per task, over the tasks that started or finished in the
            range; null when there is no such task.
    """

    tasks_completed: int
    tasks_failed: int
    success_rate: float | None
    avg_duration_ms: float | None
    total_cost: float | None
    llm_call_count: int
    escalation_rate: float | None
    error_rate: float | None
    recovery_rate: float | None
    avg_actions_per_task: float | None
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

        escalation_rate: float | None
        escalation_rate = self.escalation_rate

        error_rate: float | None
        error_rate = self.error_rate

        recovery_rate: float | None
        recovery_rate = self.recovery_rate

        avg_actions_per_task: float | None
        avg_actions_per_task = self.avg_actions_per_task

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
                "escalation_rate": escalation_rate,
                "error_rate": error_rate,
                "recovery_rate": recovery_rate,
                "avg_actions_per_task": avg_actions_per_task,
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

        def _parse_escalation_rate(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        escalation_rate = _parse_escalation_rate(d.pop("escalation_rate"))

        def _parse_error_rate(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        error_rate = _parse_error_rate(d.pop("error_rate"))

        def _parse_recovery_rate(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        recovery_rate = _parse_recovery_rate(d.pop("recovery_rate"))

        def _parse_avg_actions_per_task(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        avg_actions_per_task = _parse_avg_actions_per_task(
            d.pop("avg_actions_per_task")
        )

        agent_stats_24h = cls(
            tasks_completed=tasks_completed,
            tasks_failed=tasks_failed,
            success_rate=success_rate,
            avg_duration_ms=avg_duration_ms,
            total_cost=total_cost,
            llm_call_count=llm_call_count,
            escalation_rate=escalation_rate,
            error_rate=error_rate,
            recovery_rate=recovery_rate,
            avg_actions_per_task=avg_actions_per_task,
        )

        agent_stats_24h.additional_properties = d
        return agent_stats_24h

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
