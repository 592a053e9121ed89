from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.pipeline_issues_type_0 import PipelineIssuesType0
    from ..models.pipeline_queue_type_0 import PipelineQueueType0
    from ..models.pipeline_scheduled_type_0 import PipelineScheduledType0
    from ..models.pipeline_todos_type_0 import PipelineTodosType0


T = TypeVar("T", bound="AgentPipeline")


@_attrs_define
class AgentPipeline:
    """The agent's work pipeline; each section is null when the agent never reported that kind.

    Attributes:
        agent_id (str):
        queue (None | PipelineQueueType0): The latest queue snapshot.
        todos (None | PipelineTodosType0): Active TODOs and counts by state.
        scheduled (None | PipelineScheduledType0): The latest report of scheduled work.
        issues (None | PipelineIssuesType0): Active self-reported issues.
    """

    agent_id: str
    queue: None | PipelineQueueType0
    todos: None | PipelineTodosType0
    scheduled: None | PipelineScheduledType0
    issues: None | PipelineIssuesType0
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.pipeline_issues_type_0 import PipelineIssuesType0
        from ..models.pipeline_queue_type_0 import PipelineQueueType0
        from ..models.pipeline_scheduled_type_0 import PipelineScheduledType0
        from ..models.pipeline_todos_type_0 import PipelineTodosType0

        agent_id = self.agent_id

        queue: dict[str, Any] | None
        if isinstance(self.queue, PipelineQueueType0):
            queue = self.queue.to_dict()
        else:
            queue = self.queue

        todos: dict[str, Any] | None
        if isinstance(self.todos, PipelineTodosType0):
            todos = self.todos.to_dict()
        else:
            todos = self.todos

        scheduled: dict[str, Any] | None
        if isinstance(self.scheduled, PipelineScheduledType0):
            scheduled = self.scheduled.to_dict()
        else:
            scheduled = self.scheduled

        issues: dict[str, Any] | None
        if isinstance(self.issues, PipelineIssuesType0):
            issues = self.issues.to_dict()
        else:
            issues = self.issues

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agent_id": agent_id,
                "queue": queue,
                "todos": todos,
                "scheduled": scheduled,
                "issues": issues,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.pipeline_issues_type_0 import PipelineIssuesType0
        from ..models.pipeline_queue_type_0 import PipelineQueueType0
        from ..models.pipeline_scheduled_type_0 import PipelineScheduledType0
        from ..models.pipeline_todos_type_0 import PipelineTodosType0

        d = dict(src_dict)
        agent_id = d.pop("agent_id")

        def _parse_queue(data: object) -> None | PipelineQueueType0:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_pipeline_queue_type_0 = PipelineQueueType0.from_dict(
                    data
                )

                return componentsschemas_pipeline_queue_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PipelineQueueType0, data)

        queue = _parse_queue(d.pop("queue"))

        def _parse_todos(data: object) -> None | PipelineTodosType0:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_pipeline_todos_type_0 = PipelineTodosType0.from_dict(
                    data
                )

                return componentsschemas_pipeline_todos_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PipelineTodosType0, data)

        todos = _parse_todos(d.pop("todos"))

        def _parse_scheduled(data: object) -> None | PipelineScheduledType0:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_pipeline_scheduled_type_0 = (
                    PipelineScheduledType0.from_dict(data)
                )

                return componentsschemas_pipeline_scheduled_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PipelineScheduledType0, data)

        scheduled = _parse_scheduled(d.pop("scheduled"))

        def _parse_issues(data: object) -> None | PipelineIssuesType0:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_pipeline_issues_type_0 = (
                    PipelineIssuesType0.from_dict(data)
                )

                return componentsschemas_pipeline_issues_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PipelineIssuesType0, data)

        issues = _parse_issues(d.pop("issues"))

        agent_pipeline = cls(
            agent_id=agent_id,
            queue=queue,
            todos=todos,
            scheduled=scheduled,
            issues=issues,
        )

        agent_pipeline.additional_properties = d
        return agent_pipeline

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
