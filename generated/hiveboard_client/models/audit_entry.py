from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.audit_resource_type import AuditResourceType

if TYPE_CHECKING:
    from ..models.audit_entry_changes import AuditEntryChanges


T = TypeVar("T", bound="AuditEntry")


@_attrs_define
class AuditEntry:
    """One change to the workspace configuration.

    Attributes:
        entry_id (str):
        occurred_at (datetime.datetime):
        actor_key_prefix (str): First 12 characters of the API key that made the change, e.g. `hb_live_a1b2`.
        action (str): `<resource>.<verb>`: `project.created`, `project.updated`, `project.archived`,
            `project.unarchived`, `project.deleted`, `project_agent.added`,
            `project_agent.removed`, `alert_rule.created`, `alert_rule.updated`,
            `alert_rule.deleted`, `key.created`, `key.revoked`, …
        resource_type (AuditResourceType):
        resource_id (str):
        changes (AuditEntryChanges): Changed fields, each with its old and new value (old is null on creation, new on
            deletion). Secrets are never recorded.
    """

    entry_id: str
    occurred_at: datetime.datetime
    actor_key_prefix: str
    action: str
    resource_type: AuditResourceType
    resource_id: str
    changes: AuditEntryChanges
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        entry_id = self.entry_id

        occurred_at = self.occurred_at.isoformat()

        actor_key_prefix = self.actor_key_prefix

        action = self.action

        resource_type = self.resource_type.value

        resource_id = self.resource_id

        changes = self.changes.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "entry_id": entry_id,
                "occurred_at": occurred_at,
                "actor_key_prefix": actor_key_prefix,
                "action": action,
                "resource_type": resource_type,
                "resource_id": resource_id,
                "changes": changes,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.audit_entry_changes import AuditEntryChanges

        d = dict(src_dict)
        entry_id = d.pop("entry_id")

        occurred_at = datetime.datetime.fromisoformat(d.pop("occurred_at"))

        actor_key_prefix = d.pop("actor_key_prefix")

        action = d.pop("action")

        resource_type = AuditResourceType(d.pop("resource_type"))

        resource_id = d.pop("resource_id")

        changes = AuditEntryChanges.from_dict(d.pop("changes"))

        audit_entry = cls(
            entry_id=entry_id,
            occurred_at=occurred_at,
            actor_key_prefix=actor_key_prefix,
            action=action,
            resource_type=resource_type,
            resource_id=resource_id,
            changes=changes,
        )

        audit_entry.additional_properties = d
        return audit_entry

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
