from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.plan_step import PlanStep


T = TypeVar("T", bound="PlanType0")


@_attrs_define
class PlanType0:
    """The plan overlay of a task run; null when it has no `plan_created` or `plan_step` event.

    Attributes:
        goal (None | str): `data.goal` of `plan_created`, else its summary; null without `plan_created`.
        revision (int):
        total_steps (int):
        completed_steps (int):
        steps (list[PlanStep]):
    """

    goal: None | str
    revision: int
    total_steps: int
    completed_steps: int
    steps: list[PlanStep]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        goal: None | str
        goal = self.goal

        revision = self.revision

        total_steps = self.total_steps

        completed_steps = self.completed_steps

        steps = []
        for steps_item_data in self.steps:
            steps_item = steps_item_data.to_dict()
            steps.append(steps_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "goal": goal,
                "revision": revision,
                "total_steps": total_steps,
                "completed_steps": completed_steps,
                "steps": steps,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.plan_step import PlanStep

        d = dict(src_dict)

        def _parse_goal(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        goal = _parse_goal(d.pop("goal"))

        revision = d.pop("revision")

        total_steps = d.pop("total_steps")

        completed_steps = d.pop("completed_steps")

        steps = []
        _steps = d.pop("steps")
        for steps_item_data in _steps:
            steps_item = PlanStep.from_dict(steps_item_data)

            steps.append(steps_item)

        plan_type_0 = cls(
            goal=goal,
            revision=revision,
            total_steps=total_steps,
            completed_steps=completed_steps,
            steps=steps,
        )

        plan_type_0.additional_properties = d
        return plan_type_0

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
