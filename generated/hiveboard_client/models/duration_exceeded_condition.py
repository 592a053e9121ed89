from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.duration_exceeded_condition_type import DurationExceededConditionType

T = TypeVar("T", bound="DurationExceededCondition")


@_attrs_define
class DurationExceededCondition:
    """A task in scope ran (or, still open, has been running) strictly longer than `threshold_ms`; one alert per task. Open
    tasks are watched for 24 hours after they cross the threshold.

        Attributes:
            type_ (DurationExceededConditionType):
            threshold_ms (int):
    """

    type_: DurationExceededConditionType
    threshold_ms: int

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        threshold_ms = self.threshold_ms

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "threshold_ms": threshold_ms,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = DurationExceededConditionType(d.pop("type"))

        threshold_ms = d.pop("threshold_ms")

        duration_exceeded_condition = cls(
            type_=type_,
            threshold_ms=threshold_ms,
        )

        return duration_exceeded_condition
