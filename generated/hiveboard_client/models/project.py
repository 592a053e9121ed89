from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.project_settings import ProjectSettings
    from ..models.project_stats import ProjectStats


T = TypeVar("T", bound="Project")


@_attrs_define
class Project:
    """A project and its last-24-hour stats.

    Attributes:
        project_id (str): Server-generated id, stable for the project's life.
        slug (str): URL-safe name, unique in the workspace; accepted wherever a project id is.
        name (str):
        description (None | str):
        environment (str): Default environment of the project's tasks.
        settings (ProjectSettings): Project-level overrides, e.g. `stuck_threshold_seconds`.
        is_archived (bool):
        is_default (bool): The workspace's default project (slug `default`), which cannot be deleted.
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        stats (ProjectStats):
    """

    project_id: str
    slug: str
    name: str
    description: None | str
    environment: str
    settings: ProjectSettings
    is_archived: bool
    is_default: bool
    created_at: datetime.datetime
    updated_at: datetime.datetime
    stats: ProjectStats
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        project_id = self.project_id

        slug = self.slug

        name = self.name

        description: None | str
        description = self.description

        environment = self.environment

        settings = self.settings.to_dict()

        is_archived = self.is_archived

        is_default = self.is_default

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        stats = self.stats.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "project_id": project_id,
                "slug": slug,
                "name": name,
                "description": description,
                "environment": environment,
                "settings": settings,
                "is_archived": is_archived,
                "is_default": is_default,
                "created_at": created_at,
                "updated_at": updated_at,
                "stats": stats,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.project_settings import ProjectSettings
        from ..models.project_stats import ProjectStats

        d = dict(src_dict)
        project_id = d.pop("project_id")

        slug = d.pop("slug")

        name = d.pop("name")

        def _parse_description(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        description = _parse_description(d.pop("description"))

        environment = d.pop("environment")

        settings = ProjectSettings.from_dict(d.pop("settings"))

        is_archived = d.pop("is_archived")

        is_default = d.pop("is_default")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        stats = ProjectStats.from_dict(d.pop("stats"))

        project = cls(
            project_id=project_id,
            slug=slug,
            name=name,
            description=description,
            environment=environment,
            settings=settings,
            is_archived=is_archived,
            is_default=is_default,
            created_at=created_at,
            updated_at=updated_at,
            stats=stats,
        )

        project.additional_properties = d
        return project

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
