from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ErrorChain")


@_attrs_define
class ErrorChain:
    """A failed event and the events that follow from it, in order.

    Attributes:
        original_event_id (str):
        chain (list[str]): Event ids, starting with `original_event_id`.
    """

    original_event_id: str
    chain: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        original_event_id = self.original_event_id

        chain = self.chain

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "original_event_id": original_event_id,
                "chain": chain,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        original_event_id = d.pop("original_event_id")

        chain = cast(list[str], d.pop("chain"))

        error_chain = cls(
            original_event_id=original_event_id,
            chain=chain,
        )

        error_chain.additional_properties = d
        return error_chain

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
