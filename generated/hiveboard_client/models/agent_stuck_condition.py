from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.agent_stuck_condition_type import AgentStuckConditionType

T = TypeVar("T", bound="AgentStuckCondition")


@_attrs_define
class AgentStuckCondition:
    """An agent in scope has given no sign of life (heartbeat, or registration before its first
    heartbeat) for strictly more than `threshold_seconds`. Evaluated by the periodic pass;
    one alert per stuck episode and agent.

        Attributes:
            type_ (AgentStuckConditionType):
            threshold_seconds (int):
    """

    type_: AgentStuckConditionType
    threshold_seconds: int

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        threshold_seconds = self.threshold_seconds

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "threshold_seconds": threshold_seconds,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = AgentStuckConditionType(d.pop("type"))

        threshold_seconds = d.pop("threshold_seconds")

        agent_stuck_condition = cls(
            type_=type_,
            threshold_seconds=threshold_seconds,
        )

        return agent_stuck_condition
