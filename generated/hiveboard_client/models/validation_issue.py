from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.validation_issue_location import ValidationIssueLocation
from ..types import UNSET, Unset

T = TypeVar("T", bound="ValidationIssue")


@_attrs_define
class ValidationIssue:
    """One validation problem in a request body.

    Attributes:
        field (str): Dotted path to the field, with indexes in brackets, e.g. `events[3].timestamp`.
        reason (str):
        location (ValidationIssueLocation | Unset):
    """

    field: str
    reason: str
    location: ValidationIssueLocation | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field = self.field

        reason = self.reason

        location: str | Unset = UNSET
        if not isinstance(self.location, Unset):
            location = self.location.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "field": field,
                "reason": reason,
            }
        )
        if location is not UNSET:
            field_dict["location"] = location

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        field = d.pop("field")

        reason = d.pop("reason")

        _location = d.pop("location", UNSET)
        location: ValidationIssueLocation | Unset
        if isinstance(_location, Unset):
            location = UNSET
        else:
            location = ValidationIssueLocation(_location)

        validation_issue = cls(
            field=field,
            reason=reason,
            location=location,
        )

        validation_issue.additional_properties = d
        return validation_issue

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
