from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.webhook_action_type import WebhookActionType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.webhook_action_headers import WebhookActionHeaders


T = TypeVar("T", bound="WebhookAction")


@_attrs_define
class WebhookAction:
    """POST an `AlertWebhookPayload` to `url`, signed with the rule's secret (see the
    `alertFired` webhook). Extra headers are sent as given; prefer the signature to
    secrets in headers, since headers are returned when the rule is read.

        Attributes:
            type_ (WebhookActionType):
            url (str):
            headers (WebhookActionHeaders | Unset): Extra request headers. Default `{}`; always present in responses.
    """

    type_: WebhookActionType
    url: str
    headers: WebhookActionHeaders | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        url = self.url

        headers: dict[str, Any] | Unset = UNSET
        if not isinstance(self.headers, Unset):
            headers = self.headers.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "url": url,
            }
        )
        if headers is not UNSET:
            field_dict["headers"] = headers

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.webhook_action_headers import WebhookActionHeaders

        d = dict(src_dict)
        type_ = WebhookActionType(d.pop("type"))

        url = d.pop("url")

        _headers = d.pop("headers", UNSET)
        headers: WebhookActionHeaders | Unset
        if isinstance(_headers, Unset):
            headers = UNSET
        else:
            headers = WebhookActionHeaders.from_dict(_headers)

        webhook_action = cls(
            type_=type_,
            url=url,
            headers=headers,
        )

        return webhook_action
