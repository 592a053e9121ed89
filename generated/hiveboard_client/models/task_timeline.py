from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.task_status import TaskStatus

if TYPE_CHECKING:
    from ..models.action_node import ActionNode
    from ..models.error_chain import ErrorChain
    from ..models.event import Event
    from ..models.plan_type_0 import PlanType0


T = TypeVar("T", bound="TaskTimeline")


@_attrs_define
class TaskTimeline:
    """One run of a task, structured for timeline rendering.

    Attributes:
        task_id (str):
        task_run_id (None | str):
        agent_id (str):
        project_id (None | str):
        task_type (None | str):
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
        completed_at (datetime.datetime | None):
        duration_ms (int | None):
        total_cost (float | None):
        total_tokens_in (int | None):
        total_tokens_out (int | None):
        llm_call_count (int):
        events (list[Event]): The run's events, oldest first.
        action_tree (list[ActionNode]): Root actions (no parent, or a parent not in the run), by `started_at`.
        error_chains (list[ErrorChain]): Failures and what followed them through `parent_event_id`.
        plan (None | PlanType0): The plan overlay of a task run; null when it has no `plan_created` or `plan_step`
            event.
        truncated (bool): True when the run has more than 10000 events and only the first 10000 are returned.
    """

    task_id: str
    task_run_id: None | str
    agent_id: str
    project_id: None | str
    task_type: None | str
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
    events: list[Event]
    action_tree: list[ActionNode]
    error_chains: list[ErrorChain]
    plan: None | PlanType0
    truncated: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.plan_type_0 import PlanType0

        task_id = self.task_id

        task_run_id: None | str
        task_run_id = self.task_run_id

        agent_id = self.agent_id

        project_id: None | str
        project_id = self.project_id

        task_type: None | str
        task_type = self.task_type

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

        events = []
        for events_item_data in self.events:
            events_item = events_item_data.to_dict()
            events.append(events_item)

        action_tree = []
        for action_tree_item_data in self.action_tree:
            action_tree_item = action_tree_item_data.to_dict()
            action_tree.append(action_tree_item)

        error_chains = []
        for error_chains_item_data in self.error_chains:
            error_chains_item = error_chains_item_data.to_dict()
            error_chains.append(error_chains_item)

        plan: dict[str, Any] | None
        if isinstance(self.plan, PlanType0):
            plan = self.plan.to_dict()
        else:
            plan = self.plan

        truncated = self.truncated

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "task_id": task_id,
                "task_run_id": task_run_id,
                "agent_id": agent_id,
                "project_id": project_id,
                "task_type": task_type,
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
                "events": events,
                "action_tree": action_tree,
                "error_chains": error_chains,
                "plan": plan,
                "truncated": truncated,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.action_node import ActionNode
        from ..models.error_chain import ErrorChain
        from ..models.event import Event
        from ..models.plan_type_0 import PlanType0

        d = dict(src_dict)
        task_id = d.pop("task_id")

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

        def _parse_task_type(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        task_type = _parse_task_type(d.pop("task_type"))

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

        events = []
        _events = d.pop("events")
        for events_item_data in _events:
            events_item = Event.from_dict(events_item_data)

            events.append(events_item)

        action_tree = []
        _action_tree = d.pop("action_tree")
        for action_tree_item_data in _action_tree:
            action_tree_item = ActionNode.from_dict(action_tree_item_data)

            action_tree.append(action_tree_item)

        error_chains = []
        _error_chains = d.pop("error_chains")
        for error_chains_item_data in _error_chains:
            error_chains_item = ErrorChain.from_dict(error_chains_item_data)

            error_chains.append(error_chains_item)

        def _parse_plan(data: object) -> None | PlanType0:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_plan_type_0 = PlanType0.from_dict(data)

                return componentsschemas_plan_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PlanType0, data)

        plan = _parse_plan(d.pop("plan"))

        truncated = d.pop("truncated")

        task_timeline = cls(
            task_id=task_id,
            task_run_id=task_run_id,
            agent_id=agent_id,
            project_id=project_id,
            task_type=task_type,
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
            events=events,
            action_tree=action_tree,
            error_chains=error_chains,
            plan=plan,
            truncated=truncated,
        )

        task_timeline.additional_properties = d
        return task_timeline

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
