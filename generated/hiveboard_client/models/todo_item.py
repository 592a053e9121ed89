from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="TodoItem")


@_attrs_define
class TodoItem:
    """
    Attributes:
        todo_id (str):
        action (str): Latest lifecycle action (`created`, `failed`, `deferred`, …).
        summary (None | str):
        priority (None | str):
        source (None | str):
        context (None | str):
        due_by (datetime.datetime | None):
        created_at (datetime.datetime): Timestamp of the first event of this TODO.
        updated_at (datetime.datetime): Timestamp of its latest event.
    """

    todo_id: str
    action: str
    summary: None | str
    priority: None | str
    source: None | str
    context: None | str
    due_by: datetime.datetime | None
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        todo_id = self.todo_id

        action = self.action

        summary: None | str
        summary = self.summary

        priority: None | str
        priority = self.priority

        source: None | str
        source = self.source

        context: None | str
        context = self.context

        due_by: None | str
        if isinstance(self.due_by, datetime.datetime):
            due_by = self.due_by.isoformat()
        else:
            due_by = self.due_by

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "todo_id": todo_id,
                "action": action,
                "summary": summary,
                "priority": priority,
                "source": source,
                "context": context,
                "due_by": due_by,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        todo_id = d.pop("todo_id")

        action = d.pop("action")

        def _parse_summary(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        summary = _parse_summary(d.pop("summary"))

        def _parse_priority(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        priority = _parse_priority(d.pop("priority"))

        def _parse_source(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        source = _parse_source(d.pop("source"))

        def _parse_context(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        context = _parse_context(d.pop("context"))

        def _parse_due_by(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                due_by_type_0 = datetime.datetime.fromisoformat(data)

                return due_by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        due_by = _parse_due_by(d.pop("due_by"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        todo_item = cls(
            todo_id=todo_id,
            action=action,
            summary=summary,
            priority=priority,
            source=source,
            context=context,
            due_by=due_by,
            created_at=created_at,
            updated_at=updated_at,
        )

        todo_item.additional_properties = d
        return todo_item

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
