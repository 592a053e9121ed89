from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.task_status import TaskStatus

T = TypeVar("T", bound="TaskSummary")


@_attrs_define
class TaskSummary:
    """One task, over all its runs. `status` is canonical; `derived_status` carries the same
    value for reference compatibility.

        Attributes:
            task_id (str):
            task_type (None | str):
            task_run_id (None | str):
            agent_id (str):
            project_id (None | str): The project's id.
            environment (str):
            group (str):
            status (TaskStatus): Derived task status, first match wins: `completed`, `failed`, `escalated`, `waiting`
                (an approval requested and not received), `stuck` (open while its agent is stuck),
                `processing`.
            derived_status (TaskStatus): Derived task status, first match wins: `completed`, `failed`, `escalated`,
                `waiting`
                (an approval requested and not received), `stuck` (open while its agent is stuck),
                `processing`.
            started_at (datetime.datetime):
            completed_at (datetime.datetime | None): Timestamp of `task_completed` or `task_failed`; null while open.
            duration_ms (int | None): The ending event's `duration_ms`, else `completed_at − started_at`; null while open.
            total_cost (float | None): Sum of `data.cost` of the task's `llm_call` payloads (USD); null when none reported a
                cost.
            total_tokens_in (int | None):
            total_tokens_out (int | None):
            llm_call_count (int):
            action_count (int): `action_started` events of the task.
            error_count (int): `action_failed` and `task_failed` events of the task.
            has_escalation (bool):
            has_human_intervention (bool): An approval was requested or received.
    """

    task_id: str
    task_type: None | str
    task_run_id: None | str
    agent_id: str
    project_id: None | str
    environment: str
    group: str
    status: TaskStatus
    derived_status: TaskStatus
    started_at: datetime.datetime
    completed_at: datetime.datetime | None
    duration_ms: int | None
    total_cost: float | None
    total_tokens_in: int | None
    total_tokens_out: int | None
    llm_call_count: int
    action_count: int
    error_count: int
    has_escalation: bool
    has_human_intervention: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        task_id = self.task_id

        task_type: None | str
        task_type = self.task_type

        task_run_id: None | str
        task_run_id = self.task_run_id

        agent_id = self.agent_id

        project_id: None | str
        project_id = self.project_id

        environment = self.environment

        group = self.group

        status = self.status.value

        derived_status = self.derived_status.value

        started_at = self.started_at.isoformat()

        completed_at: None | str
        if isinstance(self.completed_at, datetime.datetime):
            completed_at = self.completed_at.isoformat()
        else:
            completed_at = self.completed_at

        duration_ms: int | None
        duration_ms = self.duration_ms

        total_cost: float | None
        total_cost = self.total_cost

        total_tokens_in: int | None
        total_tokens_in = self.total_tokens_in

        total_tokens_out: int | None
        total_tokens_out = self.total_tokens_out

        llm_call_count = self.llm_call_count

        action_count = self.action_count

        error_count = self.error_count

        has_escalation = self.has_escalation

        has_human_intervention = self.has_human_intervention

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "task_id": task_id,
                "task_type": task_type,
                "task_run_id": task_run_id,
                "agent_id": agent_id,
                "project_id": project_id,
                "environment": environment,
                "group": group,
                "status": status,
                "derived_status": derived_status,
                "started_at": started_at,
                "completed_at": completed_at,
                "duration_ms": duration_ms,
                "total_cost": total_cost,
                "total_tokens_in": total_tokens_in,
                "total_tokens_out": total_tokens_out,
                "llm_call_count": llm_call_count,
                "action_count": action_count,
                "error_count": error_count,
                "has_escalation": has_escalation,
                "has_human_intervention": has_human_intervention,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        task_id = d.pop("task_id")

        def _parse_task_type(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        task_type = _parse_task_type(d.pop("task_type"))

        def _parse_task_run_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        task_run_id = _parse_task_run_id(d.pop("task_run_id"))

        agent_id = d.pop("agent_id")

        def _parse_project_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        project_id = _parse_project_id(d.pop("project_id"))

        environment = d.pop("environment")

        group = d.pop("group")

        status = TaskStatus(d.pop("status"))

        derived_status = TaskStatus(d.pop("derived_status"))

        started_at = datetime.datetime.fromisoformat(d.pop("started_at"))

        def _parse_completed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                completed_at_type_0 = datetime.datetime.fromisoformat(data)

                return completed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        completed_at = _parse_completed_at(d.pop("completed_at"))

        def _parse_duration_ms(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        duration_ms = _parse_duration_ms(d.pop("duration_ms"))

        def _parse_total_cost(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        total_cost = _parse_total_cost(d.pop("total_cost"))

        def _parse_total_tokens_in(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        total_tokens_in = _parse_total_tokens_in(d.pop("total_tokens_in"))

        def _parse_total_tokens_out(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        total_tokens_out = _parse_total_tokens_out(d.pop("total_tokens_out"))

        llm_call_count = d.pop("llm_call_count")

        action_count = d.pop("action_count")

        error_count = d.pop("error_count")

        has_escalation = d.pop("has_escalation")

        has_human_intervention = d.pop("has_human_intervention")

        task_summary = cls(
            task_id=task_id,
            task_type=task_type,
            task_run_id=task_run_id,
            agent_id=agent_id,
            project_id=project_id,
            environment=environment,
            group=group,
            status=status,
            derived_status=derived_status,
            started_at=started_at,
            completed_at=completed_at,
            duration_ms=duration_ms,
            total_cost=total_cost,
            total_tokens_in=total_tokens_in,
            total_tokens_out=total_tokens_out,
            llm_call_count=llm_call_count,
            action_count=action_count,
            error_count=error_count,
            has_escalation=has_escalation,
            has_human_intervention=has_human_intervention,
        )

        task_summary.additional_properties = d
        return task_summary

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
