from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="LlmCall")


@_attrs_define
class LlmCall:
    """One `llm_call` event with its `payload.data` fields extracted; a field missing or of the wrong type is null.

    Attributes:
        event_id (str):
        agent_id (str):
        task_id (None | str):
        project_id (None | str):
        timestamp (datetime.datetime):
        call_name (None | str): `data.name`.
        model (None | str):
        tokens_in (int | None):
        tokens_out (int | None):
        cost (float | None): USD.
        duration_ms (int | None): Latency of the call (`data.duration_ms`).
        prompt_preview (None | str):
        response_preview (None | str):
    """

    event_id: str
    agent_id: str
    task_id: None | str
    project_id: None | str
    timestamp: datetime.datetime
    call_name: None | str
    model: None | str
    tokens_in: int | None
    tokens_out: int | None
    cost: float | None
    duration_ms: int | None
    prompt_preview: None | str
    response_preview: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        event_id = self.event_id

        agent_id = self.agent_id

        task_id: None | str
        task_id = self.task_id

        project_id: None | str
        project_id = self.project_id

        timestamp = self.timestamp.isoformat()

        call_name: None | str
        call_name = self.call_name

        model: None | str
        model = self.model

        tokens_in: int | None
        tokens_in = self.tokens_in

        tokens_out: int | None
        tokens_out = self.tokens_out

        cost: float | None
        cost = self.cost

        duration_ms: int | None
        duration_ms = self.duration_ms

        prompt_preview: None | str
        prompt_preview = self.prompt_preview

        response_preview: None | str
        response_preview = self.response_preview

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "event_id": event_id,
                "agent_id": agent_id,
                "task_id": task_id,
                "project_id": project_id,
                "timestamp": timestamp,
                "call_name": call_name,
                "model": model,
                "tokens_in": tokens_in,
                "tokens_out": tokens_out,
                "cost": cost,
                "duration_ms": duration_ms,
                "prompt_preview": prompt_preview,
                "response_preview": response_preview,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        event_id = d.pop("event_id")

        agent_id = d.pop("agent_id")

        def _parse_task_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        task_id = _parse_task_id(d.pop("task_id"))

        def _parse_project_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        project_id = _parse_project_id(d.pop("project_id"))

        timestamp = datetime.datetime.fromisoformat(d.pop("timestamp"))

        def _parse_call_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        call_name = _parse_call_name(d.pop("call_name"))

        def _parse_model(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        model = _parse_model(d.pop("model"))

        def _parse_tokens_in(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        tokens_in = _parse_tokens_in(d.pop("tokens_in"))

        def _parse_tokens_out(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        tokens_out = _parse_tokens_out(d.pop("tokens_out"))

        def _parse_cost(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        cost = _parse_cost(d.pop("cost"))

        def _parse_duration_ms(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        duration_ms = _parse_duration_ms(d.pop("duration_ms"))

        def _parse_prompt_preview(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        prompt_preview = _parse_prompt_preview(d.pop("prompt_preview"))

        def _parse_response_preview(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        response_preview = _parse_response_preview(d.pop("response_preview"))

        llm_call = cls(
            event_id=event_id,
            agent_id=agent_id,
            task_id=task_id,
            project_id=project_id,
            timestamp=timestamp,
            call_name=call_name,
            model=model,
            tokens_in=tokens_in,
            tokens_out=tokens_out,
            cost=cost,
            duration_ms=duration_ms,
            prompt_preview=prompt_preview,
            response_preview=response_preview,
        )

        llm_call.additional_properties = d
        return llm_call

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
