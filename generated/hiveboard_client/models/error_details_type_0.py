from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.error_details_type_0_location import ErrorDetailsType0Location
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.validation_issue import ValidationIssue


T = TypeVar("T", bound="ErrorDetailsType0")


@_attrs_define
class ErrorDetailsType0:
    """Extra context, or null. Known members:
    a bad parameter gives `field`, `location` and `reason`;
    a bad body gives `errors`, one `ValidationIssue` per problem;
    429 and 503 give `retry_after_seconds`; 500 gives `request_id`.

        Attributes:
            field (str | Unset): The offending parameter, or dotted path into the body.
            location (ErrorDetailsType0Location | Unset):
            reason (str | Unset):
            errors (list[ValidationIssue] | Unset):
            retry_after_seconds (int | Unset):
            request_id (str | Unset):
    """

    field: str | Unset = UNSET
    location: ErrorDetailsType0Location | Unset = UNSET
    reason: str | Unset = UNSET
    errors: list[ValidationIssue] | Unset = UNSET
    retry_after_seconds: int | Unset = UNSET
    request_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field = self.field

        location: str | Unset = UNSET
        if not isinstance(self.location, Unset):
            location = self.location.value

        reason = self.reason

        errors: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.errors, Unset):
            errors = []
            for errors_item_data in self.errors:
                errors_item = errors_item_data.to_dict()
                errors.append(errors_item)

        retry_after_seconds = self.retry_after_seconds

        request_id = self.request_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if field is not UNSET:
            field_dict["field"] = field
        if location is not UNSET:
            field_dict["location"] = location
        if reason is not UNSET:
            field_dict["reason"] = reason
        if errors is not UNSET:
            field_dict["errors"] = errors
        if retry_after_seconds is not UNSET:
            field_dict["retry_after_seconds"] = retry_after_seconds
        if request_id is not UNSET:
            field_dict["request_id"] = request_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.validation_issue import ValidationIssue

        d = dict(src_dict)
        field = d.pop("field", UNSET)

        _location = d.pop("location", UNSET)
        location: ErrorDetailsType0Location | Unset
        if isinstance(_location, Unset):
            location = UNSET
        else:
            location = ErrorDetailsType0Location(_location)

        reason = d.pop("reason", UNSET)

        _errors = d.pop("errors", UNSET)
        errors: list[ValidationIssue] | Unset = UNSET
        if _errors is not UNSET:
            errors = []
            for errors_item_data in _errors:
                errors_item = ValidationIssue.from_dict(errors_item_data)

                errors.append(errors_item)

        retry_after_seconds = d.pop("retry_after_seconds", UNSET)

        request_id = d.pop("request_id", UNSET)

        error_details_type_0 = cls(
            field=field,
            location=location,
            reason=reason,
            errors=errors,
            retry_after_seconds=retry_after_seconds,
            request_id=request_id,
        )

        error_details_type_0.additional_properties = d
        return error_details_type_0

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
