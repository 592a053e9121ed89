from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.issue_item_context_type_0 import IssueItemContextType0


T = TypeVar("T", bound="IssueItem")


@_attrs_define
class IssueItem:
    """
    Attributes:
        issue_id (str): `data.issue_id`, or when the agent gave none `sum_` followed by the first 16 hex digits of the
            SHA-256 of the normalised summary (stable across reports).
        summary (None | str):
        severity (None | str): Usually `critical`, `high`, `medium` or `low`.
        category (None | str):
        context (IssueItemContextType0 | None):
        occurrence_count (int): The agent's own count when it reports one, else the number of `reported` events.
        first_seen (datetime.datetime):
        last_seen (datetime.datetime):
    """

    issue_id: str
    summary: None | str
    severity: None | str
    category: None | str
    context: IssueItemContextType0 | None
    occurrence_count: int
    first_seen: datetime.datetime
    last_seen: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.issue_item_context_type_0 import IssueItemContextType0

        issue_id = self.issue_id

        summary: None | str
        summary = self.summary

        severity: None | str
        severity = self.severity

        category: None | str
        category = self.category

        context: dict[str, Any] | None
        if isinstance(self.context, IssueItemContextType0):
            context = self.context.to_dict()
        else:
            context = self.context

        occurrence_count = self.occurrence_count

        first_seen = self.first_seen.isoformat()

        last_seen = self.last_seen.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "issue_id": issue_id,
                "summary": summary,
                "severity": severity,
                "category": category,
                "context": context,
                "occurrence_count": occurrence_count,
                "first_seen": first_seen,
                "last_seen": last_seen,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.issue_item_context_type_0 import IssueItemContextType0

        d = dict(src_dict)
        issue_id = d.pop("issue_id")

        def _parse_summary(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        summary = _parse_summary(d.pop("summary"))

        def _parse_severity(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        severity = _parse_severity(d.pop("severity"))

        def _parse_category(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        category = _parse_category(d.pop("category"))

        def _parse_context(data: object) -> IssueItemContextType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                context_type_0 = IssueItemContextType0.from_dict(data)

                return context_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(IssueItemContextType0 | None, data)

        context = _parse_context(d.pop("context"))

        occurrence_count = d.pop("occurrence_count")

        first_seen = datetime.datetime.fromisoformat(d.pop("first_seen"))

        last_seen = datetime.datetime.fromisoformat(d.pop("last_seen"))

        issue_item = cls(
            issue_id=issue_id,
            summary=summary,
            severity=severity,
            category=category,
            context=context,
            occurrence_count=occurrence_count,
            first_seen=first_seen,
            last_seen=last_seen,
        )

        issue_item.additional_properties = d
        return issue_item

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
