from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CostTimeseriesBucket")


@_attrs_define
class CostTimeseriesBucket:
    """
    Attributes:
        timestamp (datetime.datetime): Start of the bucket.
        model (None | str): The model when `split_by_model=true` (null for calls without one); always null otherwise.
        call_count (int):
        tokens_in (int):
        tokens_out (int):
        cost (float):
    """

    timestamp: datetime.datetime
    model: None | str
    call_count: int
    tokens_in: int
    tokens_out: int
    cost: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        timestamp = self.timestamp.isoformat()

        model: None | str
        model = self.model

        call_count = self.call_count

        tokens_in = self.tokens_in

        tokens_out = self.tokens_out

        cost = self.cost

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "timestamp": timestamp,
                "model": model,
                "call_count": call_count,
                "tokens_in": tokens_in,
                "tokens_out": tokens_out,
                "cost": cost,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        timestamp = datetime.datetime.fromisoformat(d.pop("timestamp"))

        def _parse_model(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        model = _parse_model(d.pop("model"))

        call_count = d.pop("call_count")

        tokens_in = d.pop("tokens_in")

        tokens_out = d.pop("tokens_out")

        cost = d.pop("cost")

        cost_timeseries_bucket = cls(
            timestamp=timestamp,
            model=model,
            call_count=call_count,
            tokens_in=tokens_in,
            tokens_out=tokens_out,
            cost=cost,
        )

        cost_timeseries_bucket.additional_properties = d
        return cost_timeseries_bucket

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
