from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.agent_stuck_condition import AgentStuckCondition
    from ..models.alert_rule_filters import AlertRuleFilters
    from ..models.cost_threshold_condition import CostThresholdCondition
    from ..models.duration_exceeded_condition import DurationExceededCondition
    from ..models.email_action import EmailAction
    from ..models.error_rate_condition import ErrorRateCondition
    from ..models.heartbeat_lost_condition import HeartbeatLostCondition
    from ..models.task_failed_condition import TaskFailedCondition
    from ..models.webhook_action import WebhookAction


T = TypeVar("T", bound="AlertRule")


@_attrs_define
class AlertRule:
    """A stored alert rule.

    Attributes:
        rule_id (str):
        name (str):
        project_id (None | str): The project's id, or null for a workspace-wide rule.
        condition (AgentStuckCondition | CostThresholdCondition | DurationExceededCondition | ErrorRateCondition |
            HeartbeatLostCondition | TaskFailedCondition): What makes the rule fire; `type` selects the shape.
        filters (AlertRuleFilters): The rule's filters; all three members are present, null when not filtering.
        actions (list[EmailAction | WebhookAction]):
        cooldown_seconds (int):
        enabled (bool):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
    """

    rule_id: str
    name: str
    project_id: None | str
    condition: (
        AgentStuckCondition
        | CostThresholdCondition
        | DurationExceededCondition
        | ErrorRateCondition
        | HeartbeatLostCondition
        | TaskFailedCondition
    )
    filters: AlertRuleFilters
    actions: list[EmailAction | WebhookAction]
    cooldown_seconds: int
    enabled: bool
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.agent_stuck_condition import AgentStuckCondition
        from ..models.duration_exceeded_condition import DurationExceededCondition
        from ..models.error_rate_condition import ErrorRateCondition
        from ..models.heartbeat_lost_condition import HeartbeatLostCondition
        from ..models.task_failed_condition import TaskFailedCondition
        from ..models.webhook_action import WebhookAction

        rule_id = self.rule_id

        name = self.name

        project_id: None | str
        project_id = self.project_id

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

        filters = self.filters.to_dict()

        actions = []
        for actions_item_data in self.actions:
            actions_item: dict[str, Any]
            if isinstance(actions_item_data, WebhookAction):
                actions_item = actions_item_data.to_dict()
            else:
                actions_item = actions_item_data.to_dict()

            actions.append(actions_item)

        cooldown_seconds = self.cooldown_seconds

        enabled = self.enabled

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "rule_id": rule_id,
                "name": name,
                "project_id": project_id,
                "condition": condition,
                "filters": filters,
                "actions": actions,
                "cooldown_seconds": cooldown_seconds,
                "enabled": enabled,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.agent_stuck_condition import AgentStuckCondition
        from ..models.alert_rule_filters import AlertRuleFilters
        from ..models.cost_threshold_condition import CostThresholdCondition
        from ..models.duration_exceeded_condition import DurationExceededCondition
        from ..models.email_action import EmailAction
        from ..models.error_rate_condition import ErrorRateCondition
        from ..models.heartbeat_lost_condition import HeartbeatLostCondition
        from ..models.task_failed_condition import TaskFailedCondition
        from ..models.webhook_action import WebhookAction

        d = dict(src_dict)
        rule_id = d.pop("rule_id")

        name = d.pop("name")

        def _parse_project_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        project_id = _parse_project_id(d.pop("project_id"))

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

        filters = AlertRuleFilters.from_dict(d.pop("filters"))

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

        cooldown_seconds = d.pop("cooldown_seconds")

        enabled = d.pop("enabled")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        alert_rule = cls(
            rule_id=rule_id,
            name=name,
            project_id=project_id,
            condition=condition,
            filters=filters,
            actions=actions,
            cooldown_seconds=cooldown_seconds,
            enabled=enabled,
            created_at=created_at,
            updated_at=updated_at,
        )

        alert_rule.additional_properties = d
        return alert_rule

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
