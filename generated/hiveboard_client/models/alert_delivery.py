from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.alert_delivery_action_type import AlertDeliveryActionType
from ..models.alert_delivery_status import AlertDeliveryStatus

T = TypeVar("T", bound="AlertDelivery")


@_attrs_define
class AlertDelivery:
    """The delivery of one action of a fired alert.

    Attributes:
        action_type (AlertDeliveryActionType):
        target (str): The webhook URL, or the email addresses joined with `, `.
        status (AlertDeliveryStatus):
        attempts (int):
        last_error (None | str):
        delivered_at (datetime.datetime | None):
    """

    action_type: AlertDeliveryActionType
    target: str
    status: AlertDeliveryStatus
    attempts: int
    last_error: None | str
    delivered_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        action_type = self.action_type.value

        target = self.target

        status = self.status.value

        attempts = self.attempts

        last_error: None | str
        last_error = self.last_error

        delivered_at: None | str
        if isinstance(self.delivered_at, datetime.datetime):
            delivered_at = self.delivered_at.isoformat()
        else:
            delivered_at = self.delivered_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "action_type": action_type,
                "target": target,
                "status": status,
                "attempts": attempts,
                "last_error": last_error,
                "delivered_at": delivered_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        action_type = AlertDeliveryActionType(d.pop("action_type"))

        target = d.pop("target")

        status = AlertDeliveryStatus(d.pop("status"))

        attempts = d.pop("attempts")

        def _parse_last_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        last_error = _parse_last_error(d.pop("last_error"))

        def _parse_delivered_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                delivered_at_type_0 = datetime.datetime.fromisoformat(data)

                return delivered_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        delivered_at = _parse_delivered_at(d.pop("delivered_at"))

        alert_delivery = cls(
            action_type=action_type,
            target=target,
            status=status,
            attempts=attempts,
            last_error=last_error,
            delivered_at=delivered_at,
        )

        alert_delivery.additional_properties = d
        return alert_delivery

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
