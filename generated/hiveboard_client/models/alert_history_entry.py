from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.alert_condition_type import AlertConditionType

if TYPE_CHECKING:
    from ..models.alert_delivery import AlertDelivery
    from ..models.alert_scope import AlertScope


T = TypeVar("T", bound="AlertHistoryEntry")


@_attrs_define
class AlertHistoryEntry:
    """One firing of a rule.

    Attributes:
        alert_id (str):
        rule_id (str): The rule that fired (it may have been deleted since).
        rule_name (str): The rule's name when it fired.
        project_id (None | str): The rule's project id, null for a workspace-wide rule.
        fired_at (datetime.datetime):
        condition_type (AlertConditionType):
        measured_value (float): What was measured (seconds, count, percent, milliseconds or USD, by condition type).
        threshold (float): The rule's threshold in the same unit.
        scope (AlertScope): What the alert is about; members that do not apply are null.
        message (str):
        deliveries (list[AlertDelivery]):
    """

    alert_id: str
    rule_id: str
    rule_name: str
    project_id: None | str
    fired_at: datetime.datetime
    condition_type: AlertConditionType
    measured_value: float
    threshold: float
    scope: AlertScope
    message: str
    deliveries: list[AlertDelivery]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        alert_id = self.alert_id

        rule_id = self.rule_id

        rule_name = self.rule_name

        project_id: None | str
        project_id = self.project_id

        fired_at = self.fired_at.isoformat()

        condition_type = self.condition_type.value

        measured_value = self.measured_value

        threshold = self.threshold

        scope = self.scope.to_dict()

        message = self.message

        deliveries = []
        for deliveries_item_data in self.deliveries:
            deliveries_item = deliveries_item_data.to_dict()
            deliveries.append(deliveries_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "alert_id": alert_id,
                "rule_id": rule_id,
                "rule_name": rule_name,
                "project_id": project_id,
                "fired_at": fired_at,
                "condition_type": condition_type,
                "measured_value": measured_value,
                "threshold": threshold,
                "scope": scope,
                "message": message,
                "deliveries": deliveries,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.alert_delivery import AlertDelivery
        from ..models.alert_scope import AlertScope

        d = dict(src_dict)
        alert_id = d.pop("alert_id")

        rule_id = d.pop("rule_id")

        rule_name = d.pop("rule_name")

        def _parse_project_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        project_id = _parse_project_id(d.pop("project_id"))

        fired_at = datetime.datetime.fromisoformat(d.pop("fired_at"))

        condition_type = AlertConditionType(d.pop("condition_type"))

        measured_value = d.pop("measured_value")

        threshold = d.pop("threshold")

        scope = AlertScope.from_dict(d.pop("scope"))

        message = d.pop("message")

        deliveries = []
        _deliveries = d.pop("deliveries")
        for deliveries_item_data in _deliveries:
            deliveries_item = AlertDelivery.from_dict(deliveries_item_data)

            deliveries.append(deliveries_item)

        alert_history_entry = cls(
            alert_id=alert_id,
            rule_id=rule_id,
            rule_name=rule_name,
            project_id=project_id,
            fired_at=fired_at,
            condition_type=condition_type,
            measured_value=measured_value,
            threshold=threshold,
            scope=scope,
            message=message,
            deliveries=deliveries,
        )

        alert_history_entry.additional_properties = d
        return alert_history_entry

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
