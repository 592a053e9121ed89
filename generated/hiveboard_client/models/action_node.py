from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.action_node_status import ActionNodeStatus

T = TypeVar("T", bound="ActionNode")


@_attrs_define
class ActionNode:
    """One tracked action and the actions nested in it.

    Attributes:
        action_id (str):
        name (None | str): `payload.action_name` of the action's start event (else of its other events, else the
            summary, else the action id).
        parent_action_id (None | str):
        status (ActionNodeStatus): `completed` after `action_completed`, `failed` after `action_failed`, else `running`.
        started_at (datetime.datetime | None):
        completed_at (datetime.datetime | None):
        duration_ms (int | None):
        children (list[ActionNode]):
    """

    action_id: str
    name: None | str
    parent_action_id: None | str
    status: ActionNodeStatus
    started_at: datetime.datetime | None
    completed_at: datetime.datetime | None
    duration_ms: int | None
    children: list[ActionNode]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        action_id = self.action_id

        name: None | str
        name = self.name

        parent_action_id: None | str
        parent_action_id = self.parent_action_id

        status = self.status.value

        started_at: None | str
        if isinstance(self.started_at, datetime.datetime):
            started_at = self.started_at.isoformat()
        else:
            started_at = self.started_at

        completed_at: None | str
        if isinstance(self.completed_at, datetime.datetime):
            completed_at = self.completed_at.isoformat()
        else:
            completed_at = self.completed_at

        duration_ms: int | None
        duration_ms = self.duration_ms

        children = []
        for children_item_data in self.children:
            children_item = children_item_data.to_dict()
            children.append(children_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "action_id": action_id,
                "name": name,
                "parent_action_id": parent_action_id,
                "status": status,
                "started_at": started_at,
                "completed_at": completed_at,
                "duration_ms": duration_ms,
                "children": children,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        action_id = d.pop("action_id")

        def _parse_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        name = _parse_name(d.pop("name"))

        def _parse_parent_action_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        parent_action_id = _parse_parent_action_id(d.pop("parent_action_id"))

        status = ActionNodeStatus(d.pop("status"))

        def _parse_started_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                started_at_type_0 = datetime.datetime.fromisoformat(data)

                return started_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        started_at = _parse_started_at(d.pop("started_at"))

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

        children = []
        _children = d.pop("children")
        for children_item_data in _children:
            children_item = ActionNode.from_dict(children_item_data)

            children.append(children_item)

        action_node = cls(
            action_id=action_id,
            name=name,
            parent_action_id=parent_action_id,
            status=status,
            started_at=started_at,
            completed_at=completed_at,
            duration_ms=duration_ms,
            children=children,
        )

        action_node.additional_properties = d
        return action_node

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
