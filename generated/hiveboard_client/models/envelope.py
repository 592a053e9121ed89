from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Envelope")


@_attrs_define
class Envelope:
    """Who sent the batch. Its fields are copied into every stored event and into the
    agent's profile. Unknown members are ignored. Absent optional fields take defaults
    (`agent_type` general, `environment` production, `group` default).

        Attributes:
            agent_id (str): The agent's identifier.
            agent_type (None | str | Unset): Agent classification, e.g. `sales`. Default `general`.
            agent_version (None | str | Unset): The agent's version, free-form.
            framework (None | str | Unset): Framework name, e.g. `langchain`, `crewai`, `autogen`, `custom`.
            runtime (None | str | Unset): Runtime identifier, e.g. `python-3.11.5`.
            sdk_version (None | str | Unset): SDK version, e.g. `hiveloop-0.2.0`.
            environment (None | str | Unset): Operational context, e.g. `production`, `staging`. Default `production`.
            group (None | str | Unset): Organisational label, e.g. `sales-team`. Default `default`.
    """

    agent_id: str
    agent_type: None | str | Unset = UNSET
    agent_version: None | str | Unset = UNSET
    framework: None | str | Unset = UNSET
    runtime: None | str | Unset = UNSET
    sdk_version: None | str | Unset = UNSET
    environment: None | str | Unset = UNSET
    group: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        agent_id = self.agent_id

        agent_type: None | str | Unset
        if isinstance(self.agent_type, Unset):
            agent_type = UNSET
        else:
            agent_type = self.agent_type

        agent_version: None | str | Unset
        if isinstance(self.agent_version, Unset):
            agent_version = UNSET
        else:
            agent_version = self.agent_version

        framework: None | str | Unset
        if isinstance(self.framework, Unset):
            framework = UNSET
        else:
            framework = self.framework

        runtime: None | str | Unset
        if isinstance(self.runtime, Unset):
            runtime = UNSET
        else:
            runtime = self.runtime

        sdk_version: None | str | Unset
        if isinstance(self.sdk_version, Unset):
            sdk_version = UNSET
        else:
            sdk_version = self.sdk_version

        environment: None | str | Unset
        if isinstance(self.environment, Unset):
            environment = UNSET
        else:
            environment = self.environment

        group: None | str | Unset
        if isinstance(self.group, Unset):
            group = UNSET
        else:
            group = self.group

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "agent_id": agent_id,
            }
        )
        if agent_type is not UNSET:
            field_dict["agent_type"] = agent_type
        if agent_version is not UNSET:
            field_dict["agent_version"] = agent_version
        if framework is not UNSET:
            field_dict["framework"] = framework
        if runtime is not UNSET:
            field_dict["runtime"] = runtime
        if sdk_version is not UNSET:
            field_dict["sdk_version"] = sdk_version
        if environment is not UNSET:
            field_dict["environment"] = environment
        if group is not UNSET:
            field_dict["group"] = group

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        agent_id = d.pop("agent_id")

        def _parse_agent_type(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        agent_type = _parse_agent_type(d.pop("agent_type", UNSET))

        def _parse_agent_version(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        agent_version = _parse_agent_version(d.pop("agent_version", UNSET))

        def _parse_framework(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        framework = _parse_framework(d.pop("framework", UNSET))

        def _parse_runtime(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        runtime = _parse_runtime(d.pop("runtime", UNSET))

        def _parse_sdk_version(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        sdk_version = _parse_sdk_version(d.pop("sdk_version", UNSET))

        def _parse_environment(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        environment = _parse_environment(d.pop("environment", UNSET))

        def _parse_group(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        group = _parse_group(d.pop("group", UNSET))

        envelope = cls(
            agent_id=agent_id,
            agent_type=agent_type,
            agent_version=agent_version,
            framework=framework,
            runtime=runtime,
            sdk_version=sdk_version,
            environment=environment,
            group=group,
        )

        envelope.additional_properties = d
        return envelope

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
