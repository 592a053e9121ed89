from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.agent_stuck_condition import AgentStuckCondition
    from ..models.alert_filters import AlertFilters
    from ..models.cost_threshold_condition import CostThresholdCondition
    from ..models.duration_exceeded_condition import DurationExceededCondition
    from ..models.email_action import EmailAction
    from ..models.error_rate_condition import ErrorRateCondition
    from ..models.heartbeat_lost_condition import HeartbeatLostCondition
    from ..models.task_failed_condition import TaskFailedCondition
    from ..models.webhook_action import WebhookAction


T = TypeVar("T", bound="AlertRuleCreate")


@_attrs_define
class AlertRuleCreate:
    """A rule as written by a client (creation, and full replacement on update).

    Attributes:
        name (str):
        condition (AgentStuckCondition | CostThresholdCondition | DurationExceededCondition | ErrorRateCondition |
            HeartbeatLostCondition | TaskFailedCondition): What makes the rule fire; `type` selects the shape.
        actions (list[EmailAction | WebhookAction]):
        project_id (None | str | Unset): The project (id or slug) the rule is limited to; null or absent for every
            project.
        filters (AlertFilters | Unset): Narrow the events a rule watches; null members do not filter.
        cooldown_seconds (int | Unset): Minimum time between two firings of the rule (per scope). Default: 300.
        enabled (bool | Unset):  Default: True.
    """

    name: str
    condition: (
        AgentStuckCondition
        | CostThresholdCondition
        | DurationExceededCondition
        | ErrorRateCondition
        | HeartbeatLostCondition
        | TaskFailedCondition
    )
    actions: list[EmailAction | WebhookAction]
    project_id: None | str | Unset = UNSET
    filters: AlertFilters | Unset = UNSET
    cooldown_seconds: int | Unset = 300
    enabled: bool | Unset = True

    def to_dict(self) -> dict[str, Any]:
        from ..models.agent_stuck_condition import AgentStuckCondition
        from ..models.duration_exceeded_condition import DurationExceededCondition
        from ..models.error_rate_condition import ErrorRateCondition
        from ..models.heartbeat_lost_condition import HeartbeatLostCondition
        from ..models.task_failed_condition import TaskFailedCondition
        from ..models.webhook_action import WebhookAction

        name = self.name

        condition: dict[str, Any]
        if (
            isinstance(self.condition, AgentStuckCondition)
            or isinstance(self.condition, TaskFailedCondition)
            or isinstance(self.condition, ErrorRateCondition)
            or isinstance(self.condition, DurationExceededCondition)
            or isinstance(self.condition, HeartbeatLostCondition)
        ):
            condition = self.condition.to_dict()
        else:
            condition = self.condition.to_dict()

        actions = []
        for actions_item_data in self.actions:
            actions_item: dict[str, Any]
            if isinstance(actions_item_data, WebhookAction):
                actions_item = actions_item_data.to_dict()
            else:
                actions_item = actions_item_data.to_dict()

            actions.append(actions_item)

        project_id: None | str | Unset
        if isinstance(self.project_id, Unset):
            project_id = UNSET
        else:
            project_id = self.project_id

        filters: dict[str, Any] | Unset = UNSET
        if not isinstance(self.filters, Unset):
            filters = self.filters.to_dict()

        cooldown_seconds = self.cooldown_seconds

        enabled = self.enabled

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "condition": condition,
                "actions": actions,
            }
        )
        if project_id is not UNSET:
            field_dict["project_id"] = project_id
        if filters is not UNSET:
            field_dict["filters"] = filters
        if cooldown_seconds is not UNSET:
            field_dict["cooldown_seconds"] = cooldown_seconds
        if enabled is not UNSET:
            field_dict["enabled"] = enabled

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.agent_stuck_condition import AgentStuckCondition
        from ..models.alert_filters import AlertFilters
        from ..models.cost_threshold_condition import CostThresholdCondition
        from ..models.duration_exceeded_condition import DurationExceededCondition
        from ..models.email_action import EmailAction
        from ..models.error_rate_condition import ErrorRateCondition
        from ..models.heartbeat_lost_condition import HeartbeatLostCondition
        from ..models.task_failed_condition import TaskFailedCondition
        from ..models.webhook_action import WebhookAction

        d = dict(src_dict)
        name = d.pop("name")

        def _parse_condition(
            data: object,
        ) -> (
            AgentStuckCondition
            | CostThresholdCondition
            | DurationExceededCondition
            | ErrorRateCondition
            | HeartbeatLostCondition
            | TaskFailedCondition
        ):
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_alert_condition_type_0 = (
                    AgentStuckCondition.from_dict(data)
                )

                return componentsschemas_alert_condition_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_alert_condition_type_1 = (
                    TaskFailedCondition.from_dict(data)
                )

                return componentsschemas_alert_condition_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_alert_condition_type_2 = ErrorRateCondition.from_dict(
                    data
                )

                return componentsschemas_alert_condition_type_2
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_alert_condition_type_3 = (
                    DurationExceededCondition.from_dict(data)
                )

                return componentsschemas_alert_condition_type_3
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_alert_condition_type_4 = (
                    HeartbeatLostCondition.from_dict(data)
                )

                return componentsschemas_alert_condition_type_4
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_alert_condition_type_5 = CostThresholdCondition.from_dict(
                data
            )

            return componentsschemas_alert_condition_type_5

        condition = _parse_condition(d.pop("condition"))

        actions = []
        _actions = d.pop("actions")
        for actions_item_data in _actions:

            def _parse_actions_item(data: object) -> EmailAction | WebhookAction:
                try:
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_alert_action_type_0 = WebhookAction.from_dict(
                        data
                    )

                    return componentsschemas_alert_action_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_alert_action_type_1 = EmailAction.from_dict(data)

                return componentsschemas_alert_action_type_1

            actions_item = _parse_actions_item(actions_item_data)

            actions.append(actions_item)

        def _parse_project_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        project_id = _parse_project_id(d.pop("project_id", UNSET))

        _filters = d.pop("filters", UNSET)
        filters: AlertFilters | Unset
        if isinstance(_filters, Unset):
            filters = UNSET
        else:
            filters = AlertFilters.from_dict(_filters)

        cooldown_seconds = d.pop("cooldown_seconds", UNSET)

        enabled = d.pop("enabled", UNSET)

        alert_rule_create = cls(
            name=name,
            condition=condition,
            actions=actions,
            project_id=project_id,
            filters=filters,
            cooldown_seconds=cooldown_seconds,
            enabled=enabled,
        )

        return alert_rule_create
