from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.error_code import ErrorCode

if TYPE_CHECKING:
    from ..models.error_details_type_0 import ErrorDetailsType0


T = TypeVar("T", bound="Error")


@_attrs_define
class Error:
    """The one error shape of the API.

    Attributes:
        error (ErrorCode): Stable machine-readable error code. Codes used per event inside an ingest 207
            (`missing_required_field`, `invalid_event_type`, `invalid_field`,
            `field_size_exceeded`, `invalid_project`) appear in `IngestError.error`.
        message (str): Human-readable explanation; wording may change, match on `error`.
        status (int): The HTTP status, repeated for convenience.
        details (ErrorDetailsType0 | None): Extra context, or null. Known members:
            a bad parameter gives `field`, `location` and `reason`;
            a bad body gives `errors`, one `ValidationIssue` per problem;
            429 and 503 give `retry_after_seconds`; 500 gives `request_id`.
    """

    error: ErrorCode
    message: str
    status: int
    details: ErrorDetailsType0 | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.error_details_type_0 import ErrorDetailsType0

        error = self.error.value

        message = self.message

        status = self.status

        details: dict[str, Any] | None
        if isinstance(self.details, ErrorDetailsType0):
            details = self.details.to_dict()
        else:
            details = self.details

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "error": error,
                "message": message,
                "status": status,
                "details": details,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.error_details_type_0 import ErrorDetailsType0

        d = dict(src_dict)
        error = ErrorCode(d.pop("error"))

        message = d.pop("message")

        status = d.pop("status")

        def _parse_details(data: object) -> ErrorDetailsType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                details_type_0 = ErrorDetailsType0.from_dict(data)

                return details_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ErrorDetailsType0 | None, data)

        details = _parse_details(d.pop("details"))

        error = cls(
            error=error,
            message=message,
            status=status,
            details=details,
        )

        error.additional_properties = d
        return error

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
