from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ProjectStats")


@_attrs_define
class ProjectStats:
    """
    Attributes:
        agent_count (int):
        tasks_completed_24h (int):
        tasks_failed_24h (int):
        cost_24h (float): LLM cost of the last 24 hours, USD.
    """

    agent_count: int
    tasks_completed_24h: int
    tasks_failed_24h: int
    cost_24h: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agent_count = self.agent_count

        tasks_completed_24h = self.tasks_completed_24h

        tasks_failed_24h = self.tasks_failed_24h

        cost_24h = self.cost_24h

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agent_count": agent_count,
                "tasks_completed_24h": tasks_completed_24h,
                "tasks_failed_24h": tasks_failed_24h,
                "cost_24h": cost_24h,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        agent_count = d.pop("agent_count")

        tasks_completed_24h = d.pop("tasks_completed_24h")

        tasks_failed_24h = d.pop("tasks_failed_24h")

        cost_24h = d.pop("cost_24h")

        project_stats = cls(
            agent_count=agent_count,
            tasks_completed_24h=tasks_completed_24h,
            tasks_failed_24h=tasks_failed_24h,
            cost_24h=cost_24h,
        )

        project_stats.additional_properties = d
        return project_stats

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
