from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.project_create_settings import ProjectCreateSettings


T = TypeVar("T", bound="ProjectCreate")


@_attrs_define
class ProjectCreate:
    """
    Attributes:
        name (str):
        slug (str): Lower-case letters, digits, `-` and `_`, starting with a letter or digit; unique in the workspace.
        description (None | str | Unset):
        environment (str | Unset):  Default: 'production'.
        settings (ProjectCreateSettings | Unset): Project-level overrides, e.g. `{"stuck_threshold_seconds": 180}`.
            Default `{}`. Stored as given, so no member name or text may contain NUL (U+0000) and every integer must fit in
            64 bits (400 `invalid_body` otherwise).
    """

    name: str
    slug: str
    description: None | str | Unset = UNSET
    environment: str | Unset = "production"
    settings: ProjectCreateSettings | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        slug = self.slug

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        environment = self.environment

        settings: dict[str, Any] | Unset = UNSET
        if not isinstance(self.settings, Unset):
            settings = self.settings.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "slug": slug,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if environment is not UNSET:
            field_dict["environment"] = environment
        if settings is not UNSET:
            field_dict["settings"] = settings

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.project_create_settings import ProjectCreateSettings

        d = dict(src_dict)
        name = d.pop("name")

        slug = d.pop("slug")

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        environment = d.pop("environment", UNSET)

        _settings = d.pop("settings", UNSET)
        settings: ProjectCreateSettings | Unset
        if isinstance(_settings, Unset):
            settings = UNSET
        else:
            settings = ProjectCreateSettings.from_dict(_settings)

        project_create = cls(
            name=name,
            slug=slug,
            description=description,
            environment=environment,
            settings=settings,
        )

        return project_create
