from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.cost_threshold_condition_scope import CostThresholdConditionScope
from ..models.cost_threshold_condition_type import CostThresholdConditionType
from ..types import UNSET, Unset

T = TypeVar("T", bound="CostThresholdCondition")


@_attrs_define
class CostThresholdCondition:
    """LLM cost (sum of `llm_call` `data.cost`) over the last `window_hours` exceeded
    `threshold_usd`, summed per agent (`scope: agent` — then `agent_id` is required and
    names the agent), over the rule's project (`scope: project` — then the rule's
    `project_id` is required), or over the whole workspace (`scope: tenant`). A missing
    `agent_id` with `scope: agent`, or a missing rule project with `scope: project`, is
    400 `invalid_body`.

        Attributes:
            type_ (CostThresholdConditionType):
            threshold_usd (float):
            window_hours (float):
            scope (CostThresholdConditionScope):
            agent_id (None | str | Unset): Required when `scope` is `agent`; ignored otherwise.
    """

    type_: CostThresholdConditionType
    threshold_usd: float
    window_hours: float
    scope: CostThresholdConditionScope
    agent_id: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        threshold_usd = self.threshold_usd

        window_hours = self.window_hours

        scope = self.scope.value

        agent_id: None | str | Unset
        if isinstance(self.agent_id, Unset):
            agent_id = UNSET
        else:
            agent_id = self.agent_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "threshold_usd": threshold_usd,
                "window_hours": window_hours,
                "scope": scope,
            }
        )
        if agent_id is not UNSET:
            field_dict["agent_id"] = agent_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = CostThresholdConditionType(d.pop("type"))

        threshold_usd = d.pop("threshold_usd")

        window_hours = d.pop("window_hours")

        scope = CostThresholdConditionScope(d.pop("scope"))

        def _parse_agent_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        agent_id = _parse_agent_id(d.pop("agent_id", UNSET))

        cost_threshold_condition = cls(
            type_=type_,
            threshold_usd=threshold_usd,
            window_hours=window_hours,
            scope=scope,
            agent_id=agent_id,
        )

        return cost_threshold_condition
