from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.error_rate_condition_type import ErrorRateConditionType

T = TypeVar("T", bound="ErrorRateCondition")


@_attrs_define
class ErrorRateCondition:
    """The share of failed tasks among finished ones is strictly above `threshold_percent` over the last `window_seconds`
    (no finished task, no alert).

        Attributes:
            type_ (ErrorRateConditionType):
            threshold_percent (float):
            window_seconds (int):
    """

    type_: ErrorRateConditionType
    threshold_percent: float
    window_seconds: int

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        threshold_percent = self.threshold_percent

        window_seconds = self.window_seconds

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "threshold_percent": threshold_percent,
                "window_seconds": window_seconds,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = ErrorRateConditionType(d.pop("type"))

        threshold_percent = d.pop("threshold_percent")

        window_seconds = d.pop("window_seconds")

        error_rate_condition = cls(
            type_=type_,
            threshold_percent=threshold_percent,
            window_seconds=window_seconds,
        )

        return error_rate_condition
