from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.heartbeat_lost_condition_type import HeartbeatLostConditionType

T = TypeVar("T", bound="HeartbeatLostCondition")


@_attrs_define
class HeartbeatLostCondition:
    """This agent has given no sign of life for strictly more than its own stuck threshold (registered `stuck_threshold`,
    else the server default).

        Attributes:
            type_ (HeartbeatLostConditionType):
            agent_id (str):
    """

    type_: HeartbeatLostConditionType
    agent_id: str

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        agent_id = self.agent_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "agent_id": agent_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = HeartbeatLostConditionType(d.pop("type"))

        agent_id = d.pop("agent_id")

        heartbeat_lost_condition = cls(
            type_=type_,
            agent_id=agent_id,
        )

        return heartbeat_lost_condition
