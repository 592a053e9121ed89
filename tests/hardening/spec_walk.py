"""The operations and parameters of spec/openapi.yaml, resolved, so the hostile-input and
tenant-isolation suites cover every operation the contract has, including future ones."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from hiveboard.app import HTTP_METHODS, load_spec

SPEC = load_spec()


def resolve(node: Any) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        target: Any = SPEC
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


@dataclass(frozen=True)
class Param:
    name: str
    location: str  # "path" or "query"
    schema: dict[str, Any]

    @property
    def kind(self) -> str:
        """string / integer / boolean / date-time / enum / array / cursor."""
        schema = self.schema
        if schema.get("type") == "array":
            return "array"
        if "enum" in schema:
            return "enum"
        if schema.get("format") == "date-time":
            return "date-time"
        if self.name == "cursor":
            return "cursor"
        return str(schema.get("type", "string"))


@dataclass(frozen=True)
class Operation:
    op_id: str
    method: str
    path: str
    params: tuple[Param, ...]
    body_example: Any
    public: bool

    def url(self, path_values: dict[str, str], query: str = "") -> str:
        """The path with values percent-encoded whole (a ``/`` in a value stays in the value)."""
        path = self.path
        for name, value in path_values.items():
            path = path.replace("{" + name + "}", quote(value, safe=""))
        return path + (f"?{query}" if query else "")

    @property
    def path_params(self) -> tuple[Param, ...]:
        return tuple(p for p in self.params if p.location == "path")


def _param(raw: Any) -> Param:
    param = resolve(raw)
    schema = dict(resolve(param.get("schema", {})))
    if "items" in schema:
        schema["items"] = resolve(schema["items"])
    return Param(param["name"], param["in"], schema)


def operations() -> list[Operation]:
    found = []
    for path, item in SPEC["paths"].items():
        shared = item.get("parameters", [])
        for method, op in item.items():
            if method not in HTTP_METHODS:
                continue
            body = op.get("requestBody", {}).get("content", {}).get("application/json", {})
            found.append(Operation(
                op_id=op["operationId"], method=method.upper(), path=path,
                params=tuple(_param(p) for p in [*shared, *op.get("parameters", [])]),
                body_example=body.get("example"), public=op.get("security") == []))
    return found


OPERATIONS = operations()
