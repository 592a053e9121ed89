from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.email_action_type import EmailActionType

T = TypeVar("T", bound="EmailAction")


@_attrs_define
class EmailAction:
    """Send an email to each address.

    Attributes:
        type_ (EmailActionType):
        to (list[str]):
    """

    type_: EmailActionType
    to: list[str]

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        to = self.to

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "to": to,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = EmailActionType(d.pop("type"))

        to = cast(list[str], d.pop("to"))

        email_action = cls(
            type_=type_,
            to=to,
        )

        return email_action
