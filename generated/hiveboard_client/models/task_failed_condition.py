from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.task_failed_condition_type import TaskFailedConditionType

T = TypeVar("T", bound="TaskFailedCondition")


@_attrs_define
class TaskFailedCondition:
    """At least `count` tasks in scope failed (derived status failed) within the last `window_seconds`.

    Attributes:
        type_ (TaskFailedConditionType):
        count (int):
        window_seconds (int):
    """

    type_: TaskFailedConditionType
    count: int
    window_seconds: int

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        count = self.count

        window_seconds = self.window_seconds

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "count": count,
                "window_seconds": window_seconds,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = TaskFailedConditionType(d.pop("type"))

        count = d.pop("count")

        window_seconds = d.pop("window_seconds")

        task_failed_condition = cls(
            type_=type_,
            count=count,
            window_seconds=window_seconds,
        )

        return task_failed_condition
