from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.alert_webhook_payload_event import AlertWebhookPayloadEvent

if TYPE_CHECKING:
    from ..models.alert_scope import AlertScope
    from ..models.alert_webhook_payload_rule import AlertWebhookPayloadRule


T = TypeVar("T", bound="AlertWebhookPayload")


@_attrs_define
class AlertWebhookPayload:
    """The body POSTed to a webhook action when a rule fires. It names no tenant or key:
    the receiver identifies the rule by `rule.id` and authenticates the request with the
    `X-HiveBoard-Signature` header.

        Attributes:
            event (AlertWebhookPayloadEvent):
            alert_id (str): Same as `alert_id` in the alert history; deliveries may repeat, deduplicate on it.
            rule (AlertWebhookPayloadRule):
            fired_at (datetime.datetime):
            measured_value (float):
            threshold (float):
            scope (AlertScope): What the alert is about; members that do not apply are null.
            message (str):
    """

    event: AlertWebhookPayloadEvent
    alert_id: str
    rule: AlertWebhookPayloadRule
    fired_at: datetime.datetime
    measured_value: float
    threshold: float
    scope: AlertScope
    message: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        event = self.event.value

        alert_id = self.alert_id

        rule = self.rule.to_dict()

        fired_at = self.fired_at.isoformat()

        measured_value = self.measured_value

        threshold = self.threshold

        scope = self.scope.to_dict()

        message = self.message

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "event": event,
                "alert_id": alert_id,
                "rule": rule,
                "fired_at": fired_at,
                "measured_value": measured_value,
                "threshold": threshold,
                "scope": scope,
                "message": message,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.alert_scope import AlertScope
        from ..models.alert_webhook_payload_rule import AlertWebhookPayloadRule

        d = dict(src_dict)
        event = AlertWebhookPayloadEvent(d.pop("event"))

        alert_id = d.pop("alert_id")

        rule = AlertWebhookPayloadRule.from_dict(d.pop("rule"))

        fired_at = datetime.datetime.fromisoformat(d.pop("fired_at"))

        measured_value = d.pop("measured_value")

        threshold = d.pop("threshold")

        scope = AlertScope.from_dict(d.pop("scope"))

        message = d.pop("message")

        alert_webhook_payload = cls(
            event=event,
            alert_id=alert_id,
            rule=rule,
            fired_at=fired_at,
            measured_value=measured_value,
            threshold=threshold,
            scope=scope,
            message=message,
        )

        alert_webhook_payload.additional_properties = d
        return alert_webhook_payload

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
