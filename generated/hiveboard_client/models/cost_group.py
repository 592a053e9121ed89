from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CostGroup")


@_attrs_define
class CostGroup:
    """One group. `agent_id` is set when grouping by agent or agent_model, `model` when
    grouping by model or agent_model (null for calls without a model); the other is null.

        Attributes:
            agent_id (None | str):
            model (None | str):
            call_count (int):
            tokens_in (int):
            tokens_out (int):
            cost (float):
            avg_cost_per_call (float):
    """

    agent_id: None | str
    model: None | str
    call_count: int
    tokens_in: int
    tokens_out: int
    cost: float
    avg_cost_per_call: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agent_id: None | str
        agent_id = self.agent_id

        model: None | str
        model = self.model

        call_count = self.call_count

        tokens_in = self.tokens_in

        tokens_out = self.tokens_out

        cost = self.cost

        avg_cost_per_call = self.avg_cost_per_call

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agent_id": agent_id,
                "model": model,
                "call_count": call_count,
                "tokens_in": tokens_in,
                "tokens_out": tokens_out,
                "cost": cost,
                "avg_cost_per_call": avg_cost_per_call,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_agent_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        agent_id = _parse_agent_id(d.pop("agent_id"))

        def _parse_model(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        model = _parse_model(d.pop("model"))

        call_count = d.pop("call_count")

        tokens_in = d.pop("tokens_in")

        tokens_out = d.pop("tokens_out")

        cost = d.pop("cost")

        avg_cost_per_call = d.pop("avg_cost_per_call")

        cost_group = cls(
            agent_id=agent_id,
            model=model,
            call_count=call_count,
            tokens_in=tokens_in,
            tokens_out=tokens_out,
            cost=cost,
            avg_cost_per_call=avg_cost_per_call,
        )

        cost_group.additional_properties = d
        return cost_group

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
