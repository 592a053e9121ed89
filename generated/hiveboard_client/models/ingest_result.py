from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.ingest_error import IngestError
    from ..models.ingest_warning import IngestWarning


T = TypeVar("T", bound="IngestResult")


@_attrs_define
class IngestResult:
    """What became of each event of a batch.

    Attributes:
        accepted (int): Events accepted, duplicates included.
        rejected (int): Events rejected; each has an entry in `errors`.
        duplicates (int): Accepted events that were already stored or repeated within the batch (not stored again).
        warnings (list[IngestWarning]):
        errors (list[IngestError]):
    """

    accepted: int
    rejected: int
    duplicates: int
    warnings: list[IngestWarning]
    errors: list[IngestError]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        accepted = self.accepted

        rejected = self.rejected

        duplicates = self.duplicates

        warnings = []
        for warnings_item_data in self.warnings:
            warnings_item = warnings_item_data.to_dict()
            warnings.append(warnings_item)

        errors = []
        for errors_item_data in self.errors:
            errors_item = errors_item_data.to_dict()
            errors.append(errors_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "accepted": accepted,
                "rejected": rejected,
                "duplicates": duplicates,
                "warnings": warnings,
                "errors": errors,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.ingest_error import IngestError
        from ..models.ingest_warning import IngestWarning

        d = dict(src_dict)
        accepted = d.pop("accepted")

        rejected = d.pop("rejected")

        duplicates = d.pop("duplicates")

        warnings = []
        _warnings = d.pop("warnings")
        for warnings_item_data in _warnings:
            warnings_item = IngestWarning.from_dict(warnings_item_data)

            warnings.append(warnings_item)

        errors = []
        _errors = d.pop("errors")
        for errors_item_data in _errors:
            errors_item = IngestError.from_dict(errors_item_data)

            errors.append(errors_item)

        ingest_result = cls(
            accepted=accepted,
            rejected=rejected,
            duplicates=duplicates,
            warnings=warnings,
            errors=errors,
        )

        ingest_result.additional_properties = d
        return ingest_result

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
