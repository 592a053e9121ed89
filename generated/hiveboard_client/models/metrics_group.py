from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="MetricsGroup")


@_attrs_define
class MetricsGroup:
    """One group of a `group_by` breakdown: `agent_id` and/or `model` identify it, the
    other members are the focused metric's values.

        Attributes:
            agent_id (str | Unset):
            model (None | str | Unset): Null for calls that reported no model.
            cost (float | Unset):
            call_count (int | Unset):
            tokens_in (int | Unset):
            tokens_out (int | Unset):
            avg_cost_per_call (float | None | Unset):
            tasks_completed (int | Unset):
            tasks_failed (int | Unset):
            avg_duration_ms (float | None | Unset):
    """

    agent_id: str | Unset = UNSET
    model: None | str | Unset = UNSET
    cost: float | Unset = UNSET
    call_count: int | Unset = UNSET
    tokens_in: int | Unset = UNSET
    tokens_out: int | Unset = UNSET
    avg_cost_per_call: float | None | Unset = UNSET
    tasks_completed: int | Unset = UNSET
    tasks_failed: int | Unset = UNSET
    avg_duration_ms: float | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agent_id = self.agent_id

        model: None | str | Unset
        if isinstance(self.model, Unset):
            model = UNSET
        else:
            model = self.model

        cost = self.cost

        call_count = self.call_count

        tokens_in = self.tokens_in

        tokens_out = self.tokens_out

        avg_cost_per_call: float | None | Unset
        if isinstance(self.avg_cost_per_call, Unset):
            avg_cost_per_call = UNSET
        else:
            avg_cost_per_call = self.avg_cost_per_call

        tasks_completed = self.tasks_completed

        tasks_failed = self.tasks_failed

        avg_duration_ms: float | None | Unset
        if isinstance(self.avg_duration_ms, Unset):
            avg_duration_ms = UNSET
        else:
            avg_duration_ms = self.avg_duration_ms

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if agent_id is not UNSET:
            field_dict["agent_id"] = agent_id
        if model is not UNSET:
            field_dict["model"] = model
        if cost is not UNSET:
            field_dict["cost"] = cost
        if call_count is not UNSET:
            field_dict["call_count"] = call_count
        if tokens_in is not UNSET:
            field_dict["tokens_in"] = tokens_in
        if tokens_out is not UNSET:
            field_dict["tokens_out"] = tokens_out
        if avg_cost_per_call is not UNSET:
            field_dict["avg_cost_per_call"] = avg_cost_per_call
        if tasks_completed is not UNSET:
            field_dict["tasks_completed"] = tasks_completed
        if tasks_failed is not UNSET:
            field_dict["tasks_failed"] = tasks_failed
        if avg_duration_ms is not UNSET:
            field_dict["avg_duration_ms"] = avg_duration_ms

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        agent_id = d.pop("agent_id", UNSET)

        def _parse_model(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        model = _parse_model(d.pop("model", UNSET))

        cost = d.pop("cost", UNSET)

        call_count = d.pop("call_count", UNSET)

        tokens_in = d.pop("tokens_in", UNSET)

        tokens_out = d.pop("tokens_out", UNSET)

        def _parse_avg_cost_per_call(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        avg_cost_per_call = _parse_avg_cost_per_call(d.pop("avg_cost_per_call", UNSET))

        tasks_completed = d.pop("tasks_completed", UNSET)

        tasks_failed = d.pop("tasks_failed", UNSET)

        def _parse_avg_duration_ms(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        avg_duration_ms = _parse_avg_duration_ms(d.pop("avg_duration_ms", UNSET))

        metrics_group = cls(
            agent_id=agent_id,
            model=model,
            cost=cost,
            call_count=call_count,
            tokens_in=tokens_in,
            tokens_out=tokens_out,
            avg_cost_per_call=avg_cost_per_call,
            tasks_completed=tasks_completed,
            tasks_failed=tasks_failed,
            avg_duration_ms=avg_duration_ms,
        )

        metrics_group.additional_properties = d
        return metrics_group

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
