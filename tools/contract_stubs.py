"""Render ``operations.py``: the operation table and one typed handler Protocol per operationId.

A handler module decorates its function with the generated decorator of the same name
(``@op.list_agents``); mypy then checks the handler's keyword parameters against the spec's
parameters, and the decorator tags the function so the app can map operationId → handler.
"""

from __future__ import annotations

import builtins
import keyword
import re
from pathlib import Path
from typing import Any

import yaml

HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options")
PY_TYPES = {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}

HEADER = '''"""Operation table and typed handler stubs, written by tools/codegen.py from spec/.

Do not edit: regenerate instead.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

OPERATION_ATTR = "__hiveboard_operation_id__"


@dataclass(frozen=True, slots=True)
class Operation:
    operation_id: str
    method: str
    path: str
    tag: str
    handler: str
    public: bool
    body_validated_by_handler: bool


_F = TypeVar("_F", bound=Callable[..., Any])


def _tag(operation_id: str, fn: _F) -> _F:
    setattr(fn, OPERATION_ATTR, operation_id)
    return fn
'''


def snake(name: str) -> str:
    s = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name)
    return re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", s).lower()


def pythonic(name: str) -> str:
    """Mirror connexion's ``pythonic_params`` so stub names match what connexion passes."""
    s = snake(name)
    return f"{s}_" if s in builtins.__dict__ or keyword.iskeyword(s) else s


def _resolve(spec: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        target: Any = spec
        for part in node["$ref"].lstrip("#/").split("/"):
            target = target[part]
        node = target
    return node


def _schema_type(spec: dict[str, Any], schema: dict[str, Any]) -> str:
    schema = _resolve(spec, schema)
    if "allOf" in schema and len(schema["allOf"]) == 1:
        return _schema_type(spec, schema["allOf"][0])
    kind = schema.get("type", "string")
    if kind == "array":
        return f"list[{_schema_type(spec, schema.get('items', {}))}]"
    return PY_TYPES.get(kind, "Any")


def _param_line(spec: dict[str, Any], param: dict[str, Any]) -> tuple[bool, str]:
    schema = _resolve(spec, param.get("schema", {}))
    py_type = _schema_type(spec, schema)
    name = pythonic(param["name"])
    if param.get("in") == "path" or param.get("required"):
        return True, f"{name}: {py_type}"
    if "default" in schema:
        return False, f"{name}: {py_type} = {schema['default']!r}"
    return False, f"{name}: {py_type} | None = None"


def _operations(spec: dict[str, Any]) -> list[dict[str, Any]]:
    ops = []
    for path, item in spec["paths"].items():
        shared = item.get("parameters", [])
        for method in HTTP_METHODS:
            if method not in item:
                continue
            op = item[method]
            params = [_resolve(spec, p) for p in [*shared, *op.get("parameters", [])]]
            params = [p for p in params if p.get("in") in ("path", "query")]
            body = op.get("requestBody")
            body_by_handler = False
            if body is not None:
                body = _resolve(spec, body)
                schema = _resolve(spec, body["content"]["application/json"]["schema"])
                body_by_handler = schema.get("x-hiveboard-body-validation") == "handler"
            ops.append({
                "id": op["operationId"], "method": method.upper(), "path": path,
                "tag": op["tags"][0], "params": params, "has_body": body is not None,
                "body_by_handler": body_by_handler,
                "public": op.get("security", spec.get("security")) == [],
                "summary": op.get("summary", ""),
            })
    return sorted(ops, key=lambda o: o["id"])


def render_operations(spec_path: Path) -> str:
    spec = yaml.safe_load(spec_path.read_text())
    ops = _operations(spec)
    out = [HEADER]
    table = ["\n\nOPERATIONS: dict[str, Operation] = {"]
    for op in ops:
        fn = snake(op["id"])
        cls = op["id"][0].upper() + op["id"][1:] + "Handler"
        table.append(
            f"    {op['id']!r}: Operation({op['id']!r}, {op['method']!r}, {op['path']!r}, "
            f"{op['tag']!r}, 'hiveboard.api.{op['tag']}:{fn}', {op['public']!r}, "
            f"{op['body_by_handler']!r}),"
        )
        lines = [_param_line(spec, p) for p in op["params"]]
        args = [text for required, text in lines if required]
        args += [text for required, text in lines if not required]
        if op["has_body"] and not op["body_by_handler"]:
            args.insert(0, "body: dict[str, Any]")
        sig = ", ".join(["self", "*", *args]) if args else "self"
        out.append(
            f"\n\nclass {cls}(Protocol):\n"
            f'    """{op["method"]} {op["path"]}: {op["summary"]}"""\n\n'
            f"    async def __call__({sig}) -> object: ...\n\n\n"
            f"def {fn}(handler: {cls}) -> {cls}:\n"
            f"    return _tag({op['id']!r}, handler)\n"
        )
    table.append("}\n")
    out.append("\n".join(table))
    return "".join(out)
