from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ProjectAgent")


@_attrs_define
class ProjectAgent:
    """An agent's membership of a project.

    Attributes:
        project_id (str): The project's id.
        agent_id (str):
        added_at (datetime.datetime):
        role (str): Reserved; always `member` for now.
    """

    project_id: str
    agent_id: str
    added_at: datetime.datetime
    role: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        project_id = self.project_id

        agent_id = self.agent_id

        added_at = self.added_at.isoformat()

        role = self.role

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "project_id": project_id,
                "agent_id": agent_id,
                "added_at": added_at,
                "role": role,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        project_id = d.pop("project_id")

        agent_id = d.pop("agent_id")

        added_at = datetime.datetime.fromisoformat(d.pop("added_at"))

        role = d.pop("role")

        project_agent = cls(
            project_id=project_id,
            agent_id=agent_id,
            added_at=added_at,
            role=role,
        )

        project_agent.additional_properties = d
        return project_agent

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
