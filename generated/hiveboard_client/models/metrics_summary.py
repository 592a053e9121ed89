from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="MetricsSummary")


@_attrs_define
class MetricsSummary:
    """Totals over the range. Which members appear depends on `metric` (see the operation).

    Attributes:
        total_tasks (int | Unset): Tasks started in the range.
        completed (int | Unset): Tasks whose terminal event falls in the range and that completed.
        failed (int | Unset): Tasks whose terminal event falls in the range and that failed without completing.
        escalated (int | Unset): Tasks started in the range that were escalated.
        stuck (int | Unset): Open tasks whose agent is stuck now (not bounded by the range).
        success_rate (float | None | Unset): completed / (completed + failed), 3 decimals; null when both are 0.
        avg_duration_ms (float | None | Unset): Mean duration of the completed tasks, whole milliseconds; null when
            none.
        total_cost (float | Unset):
        avg_cost_per_task (float | None | Unset): total_cost / total_tasks; null when no task started in the range.
        llm_call_count (int | Unset):
        total_tokens_in (int | Unset):
        total_tokens_out (int | Unset):
    """

    total_tasks: int | Unset = UNSET
    completed: int | Unset = UNSET
    failed: int | Unset = UNSET
    escalated: int | Unset = UNSET
    stuck: int | Unset = UNSET
    success_rate: float | None | Unset = UNSET
    avg_duration_ms: float | None | Unset = UNSET
    total_cost: float | Unset = UNSET
    avg_cost_per_task: float | None | Unset = UNSET
    llm_call_count: int | Unset = UNSET
    total_tokens_in: int | Unset = UNSET
    total_tokens_out: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        total_tasks = self.total_tasks

        completed = self.completed

        failed = self.failed

        escalated = self.escalated

        stuck = self.stuck

        success_rate: float | None | Unset
        if isinstance(self.success_rate, Unset):
            success_rate = UNSET
        else:
            success_rate = self.success_rate

        avg_duration_ms: float | None | Unset
        if isinstance(self.avg_duration_ms, Unset):
            avg_duration_ms = UNSET
        else:
            avg_duration_ms = self.avg_duration_ms

        total_cost = self.total_cost

        avg_cost_per_task: float | None | Unset
        if isinstance(self.avg_cost_per_task, Unset):
            avg_cost_per_task = UNSET
        else:
            avg_cost_per_task = self.avg_cost_per_task

        llm_call_count = self.llm_call_count

        total_tokens_in = self.total_tokens_in

        total_tokens_out = self.total_tokens_out

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if total_tasks is not UNSET:
            field_dict["total_tasks"] = total_tasks
        if completed is not UNSET:
            field_dict["completed"] = completed
        if failed is not UNSET:
            field_dict["failed"] = failed
        if escalated is not UNSET:
            field_dict["escalated"] = escalated
        if stuck is not UNSET:
            field_dict["stuck"] = stuck
        if success_rate is not UNSET:
            field_dict["success_rate"] = success_rate
        if avg_duration_ms is not UNSET:
            field_dict["avg_duration_ms"] = avg_duration_ms
        if total_cost is not UNSET:
            field_dict["total_cost"] = total_cost
        if avg_cost_per_task is not UNSET:
            field_dict["avg_cost_per_task"] = avg_cost_per_task
        if llm_call_count is not UNSET:
            field_dict["llm_call_count"] = llm_call_count
        if total_tokens_in is not UNSET:
            field_dict["total_tokens_in"] = total_tokens_in
        if total_tokens_out is not UNSET:
            field_dict["total_tokens_out"] = total_tokens_out

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        total_tasks = d.pop("total_tasks", UNSET)

        completed = d.pop("completed", UNSET)

        failed = d.pop("failed", UNSET)

        escalated = d.pop("escalated", UNSET)

        stuck = d.pop("stuck", UNSET)

        def _parse_success_rate(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        success_rate = _parse_success_rate(d.pop("success_rate", UNSET))

        def _parse_avg_duration_ms(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        avg_duration_ms = _parse_avg_duration_ms(d.pop("avg_duration_ms", UNSET))

        total_cost = d.pop("total_cost", UNSET)

        def _parse_avg_cost_per_task(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        avg_cost_per_task = _parse_avg_cost_per_task(d.pop("avg_cost_per_task", UNSET))

        llm_call_count = d.pop("llm_call_count", UNSET)

        total_tokens_in = d.pop("total_tokens_in", UNSET)

        total_tokens_out = d.pop("total_tokens_out", UNSET)

        metrics_summary = cls(
            total_tasks=total_tasks,
            completed=completed,
            failed=failed,
            escalated=escalated,
            stuck=stuck,
            success_rate=success_rate,
            avg_duration_ms=avg_duration_ms,
            total_cost=total_cost,
            avg_cost_per_task=avg_cost_per_task,
            llm_call_count=llm_call_count,
            total_tokens_in=total_tokens_in,
            total_tokens_out=total_tokens_out,
        )

        metrics_summary.additional_properties = d
        return metrics_summary

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
