from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CostTotals")


@_attrs_define
class CostTotals:
    """Totals of LLM calls; missing costs and token counts count as 0.

    Attributes:
        cost (float): USD.
        call_count (int):
        tokens_in (int):
        tokens_out (int):
    """

    cost: float
    call_count: int
    tokens_in: int
    tokens_out: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        cost = self.cost

        call_count = self.call_count

        tokens_in = self.tokens_in

        tokens_out = self.tokens_out

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "cost": cost,
                "call_count": call_count,
                "tokens_in": tokens_in,
                "tokens_out": tokens_out,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        cost = d.pop("cost")

        call_count = d.pop("call_count")

        tokens_in = d.pop("tokens_in")

        tokens_out = d.pop("tokens_out")

        cost_totals = cls(
            cost=cost,
            call_count=call_count,
            tokens_in=tokens_in,
            tokens_out=tokens_out,
        )

        cost_totals.additional_properties = d
        return cost_totals

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
