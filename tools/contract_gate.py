#!/usr/bin/env python3
"""Fail on a breaking change of the contract against the last released one.

Compares ``spec/openapi.yaml`` and ``spec/ws.schema.json`` with the copies in ``spec/released/``
and exits 1 when a client built against the released contract would break:

- a removed operation, a removed success response, a removed parameter;
- a new required parameter, a parameter or request field that became required, a new required
  request body or request field;
- a narrowed type: a request type, nullability, enum or constraint (length, range, items,
  pattern, format) that accepts less than before;
- a removed enum value (or const) in anything a client sends;
- a removed response field, a response field that became optional or nullable, a response
  field whose type changed (webhook payloads count as responses: the client receives them);
- a WebSocket frame type the server no longer sends.

A breaking change passes only when ``info.version`` and the WebSocket ``x-contract-version``
are both above the released ones and ``spec/CHANGELOG.md`` has a ``## <new info.version>``
section that explains it. Additive changes (new operations, optional parameters and fields,
new response fields and enum values, looser constraints) always pass.

Why not an existing tool: oasdiff (the maintained OpenAPI diff) is published only as a Go module
and release binaries, none of which a registry this project uses (PyPI, npm, Debian) serves;
the npm wrappers of other differs download binaries at install time. The rules above are the
small subset this contract needs, and the WebSocket schema needs them too.
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "spec"
METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
# Constraints whose larger value accepts less (and the reverse).
LOWER_BOUNDS = ("minLength", "minItems", "minProperties", "minimum", "exclusiveMinimum")
UPPER_BOUNDS = ("maxLength", "maxItems", "maxProperties", "maximum", "exclusiveMaximum")

Schema = Mapping[str, Any]


@dataclass(frozen=True)
class Contract:
    openapi: dict[str, Any]
    ws: dict[str, Any]

    @classmethod
    def load(cls, openapi: Path, ws: Path) -> Contract:
        # The C safe loader (libyaml) reads the 6000-line spec ten times faster.
        loader = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader
        api = yaml.load(openapi.read_text(), Loader=loader)  # noqa: S506 (a safe loader)
        return cls(api, json.loads(ws.read_text()))

    @property
    def api_version(self) -> str:
        return str(self.openapi["info"]["version"])

    @property
    def ws_version(self) -> str:
        return str(self.ws["x-contract-version"])


class _Differ:
    """Walks two versions of one document; ``breaks`` collects what old clients trip on."""

    def __init__(self, old_doc: Mapping[str, Any], new_doc: Mapping[str, Any]) -> None:
        self.old_doc, self.new_doc = old_doc, new_doc
        self.breaks: list[str] = []
        self._seen: set[tuple[int, int, str]] = set()

    def resolve(self, doc: Mapping[str, Any], node: Any) -> Any:
        hops = 0
        while isinstance(node, Mapping) and "$ref" in node:
            ref = str(node["$ref"])
            if not ref.startswith("#/"):
                raise SystemExit(f"only local $ref is supported, found {ref}")
            node = doc
            for part in ref[2:].split("/"):
                node = node[part.replace("~1", "/").replace("~0", "~")]
            hops += 1
            if hops > 50:
                raise SystemExit(f"$ref loop at {ref}")
        return node

    def flatten(self, doc: Mapping[str, Any], schema: Any) -> dict[str, Any]:
        """The schema with refs resolved and ``allOf`` members merged into one object."""
        schema = self.resolve(doc, schema)
        if not isinstance(schema, Mapping):
            return {}
        out = {k: v for k, v in schema.items() if k != "allOf"}
        for part in schema.get("allOf", []):
            merged = self.flatten(doc, part)
            for key, value in merged.items():
                if key == "properties":
                    out["properties"] = {**merged["properties"], **out.get("properties", {})}
                elif key == "required":
                    out["required"] = sorted({*out.get("required", []), *value})
                else:
                    out.setdefault(key, value)
        return out

    def report(self, where: str, what: str) -> None:
        self.breaks.append(f"{where}: {what}")

    # -- schemas ---------------------------------------------------------------------------

    def schema(self, old: Any, new: Any, where: str, sends: bool) -> None:
        """``sends``: the client sends this (request); otherwise the client receives it."""
        key = (id(self.resolve(self.old_doc, old)), id(self.resolve(self.new_doc, new)),
               "send" if sends else "recv")
        if key in self._seen:
            return
        self._seen.add(key)
        o, n = self.flatten(self.old_doc, old), self.flatten(self.new_doc, new)
        self._types(o, n, where, sends)
        self._values(o, n, where, sends)
        if sends:
            self._constraints(o, n, where)
        self._properties(o, n, where, sends)
        if "items" in o and "items" in n:
            self.schema(o["items"], n["items"], f"{where}[]", sends)
        for word in ("oneOf", "anyOf"):
            if word in o and word in n:
                self._variants(o[word], n[word], f"{where}.{word}", sends)

    @staticmethod
    def _type_set(schema: Schema) -> set[str] | None:
        kind = schema.get("type")
        if kind is None:
            return None
        kinds = {kind} if isinstance(kind, str) else set(kind)
        if schema.get("nullable") is True:
            kinds.add("null")
        return kinds

    @staticmethod
    def _accepts(wide: set[str], narrow: set[str]) -> bool:
        widened = wide | ({"integer"} if "number" in wide else set())
        return narrow <= widened

    def _types(self, o: Schema, n: Schema, where: str, sends: bool) -> None:
        old, new = self._type_set(o), self._type_set(n)
        if old == new or new is None:
            return
        if old is None:
            if sends:
                self.report(where, f"narrowed type: any → {sorted(new)}")
            return
        if sends and not self._accepts(new, old):
            self.report(where, f"narrowed type: {sorted(old)} → {sorted(new)}")
        if not sends and not self._accepts(old, new):
            change = "became nullable" if new - old == {"null"} else "changed type"
            self.report(where, f"response field {change}: {sorted(old)} → {sorted(new)}")

    @staticmethod
    def _value_set(schema: Schema) -> set[Any] | None:
        if "const" in schema:
            return {json.dumps(schema["const"])}
        if "enum" in schema:
            return {json.dumps(v) for v in schema["enum"]}
        return None

    def _values(self, o: Schema, n: Schema, where: str, sends: bool) -> None:
        if not sends:
            return  # a new value a client receives is additive; a removed one cannot break it
        old, new = self._value_set(o), self._value_set(n)
        if new is None:
            return
        if old is None:
            self.report(where, f"narrowed type: now limited to {sorted(new)}")
        elif old - new:
            self.report(where, f"removed enum value {sorted(old - new)}")

    def _constraints(self, o: Schema, n: Schema, where: str) -> None:
        for word in LOWER_BOUNDS:
            if word in n and (word not in o or _number(n[word]) > _number(o[word])):
                self.report(where, f"narrowed type: {word} {o.get(word)} → {n[word]}")
        for word in UPPER_BOUNDS:
            if word in n and (word not in o or _number(n[word]) < _number(o[word])):
                self.report(where, f"narrowed type: {word} {o.get(word)} → {n[word]}")
        for word in ("pattern", "format", "multipleOf"):
            if word in n and n[word] != o.get(word):
                self.report(where, f"narrowed type: {word} {o.get(word)!r} → {n[word]!r}")
        if o.get("additionalProperties", True) is not False and (
                n.get("additionalProperties") is False):
            self.report(where, "narrowed type: additional properties no longer accepted")

    def _properties(self, o: Schema, n: Schema, where: str, sends: bool) -> None:
        old_props: Mapping[str, Any] = o.get("properties", {})
        new_props: Mapping[str, Any] = n.get("properties", {})
        old_req, new_req = set(o.get("required", [])), set(n.get("required", []))
        if sends:
            for name in sorted(new_req - old_req):
                self.report(f"{where}.{name}", "new required request field")
        else:
            for name in sorted(set(old_props) - set(new_props)):
                self.report(f"{where}.{name}", "removed response field")
            for name in sorted((old_req - new_req) & set(new_props)):
                self.report(f"{where}.{name}", "response field became optional")
        for name in sorted(set(old_props) & set(new_props)):
            self.schema(old_props[name], new_props[name], f"{where}.{name}", sends)

    def variant_key(self, doc: Mapping[str, Any], index: int, variant: Any) -> str:
        if isinstance(variant, Mapping) and "$ref" in variant:
            return str(variant["$ref"]).rsplit("/", 1)[-1]
        for name, prop in self.flatten(doc, variant).get("properties", {}).items():
            values = self._value_set(self.flatten(doc, prop))
            if values is not None and len(values) == 1:  # a discriminator such as `type`
                return f"{name}={next(iter(values))}"
        return f"#{index}"

    def _variants(self, old: list[Any], new: list[Any], where: str, sends: bool) -> None:
        olds = {self.variant_key(self.old_doc, i, v): v for i, v in enumerate(old)}
        news = {self.variant_key(self.new_doc, i, v): v for i, v in enumerate(new)}
        for key in sorted(set(olds) - set(news)):
            if sends:
                self.report(where, f"narrowed type: alternative {key} removed")
        for key in sorted(set(olds) & set(news)):
            self.schema(olds[key], news[key], f"{where}<{key}>", sends)


def _number(value: Any) -> float:
    return float(value)


# -- REST -----------------------------------------------------------------------------------

def _operations(doc: Mapping[str, Any]) -> Iterator[tuple[str, str, Mapping[str, Any],
                                                          list[Any]]]:
    for path, item in doc.get("paths", {}).items():
        for method in METHODS:
            if method in item:
                yield path, method, item[method], list(item.get("parameters", []))


def _parameters(differ: _Differ, doc: Mapping[str, Any], shared: list[Any],
                op: Mapping[str, Any]) -> dict[tuple[str, str], Mapping[str, Any]]:
    params: dict[tuple[str, str], Mapping[str, Any]] = {}
    for raw in [*shared, *op.get("parameters", [])]:
        param = differ.resolve(doc, raw)
        params[(str(param["in"]), str(param["name"]))] = param
    return params


def _json_schema(differ: _Differ, doc: Mapping[str, Any], holder: Any) -> Any:
    content = differ.resolve(doc, holder).get("content", {})
    for media, body in content.items():
        if "json" in media or media.startswith("text/"):
            return body.get("schema", {})
    return None


def rest_breaks(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    differ = _Differ(old, new)
    new_ops = {(path, method): (op, shared) for path, method, op, shared in _operations(new)}
    for path, method, op, shared in _operations(old):
        where = f"{method.upper()} {path} ({op.get('operationId', '?')})"
        if (path, method) not in new_ops:
            differ.report(where, "removed operation")
            continue
        new_op, new_shared = new_ops[(path, method)]
        old_params = _parameters(differ, old, shared, op)
        new_params = _parameters(differ, new, new_shared, new_op)
        for key in sorted(set(old_params) - set(new_params)):
            differ.report(f"{where} {key[0]} parameter {key[1]}", "removed parameter")
        for key in sorted(set(new_params)):
            name = f"{where} {key[0]} parameter {key[1]}"
            required = bool(new_params[key].get("required"))
            if key not in old_params:
                if required:
                    differ.report(name, "new required parameter")
                continue
            if required and not old_params[key].get("required"):
                differ.report(name, "parameter became required")
            differ.schema(old_params[key].get("schema", {}), new_params[key].get("schema", {}),
                          name, sends=True)
        _request_body(differ, old, new, op, new_op, where)
        _responses(differ, old, new, op, new_op, where)
    _webhooks(differ, old, new)
    return differ.breaks


def _webhooks(differ: _Differ, old: Mapping[str, Any], new: Mapping[str, Any]) -> None:
    new_hooks: Mapping[str, Any] = new.get("x-webhooks", {})
    for name, item in old.get("x-webhooks", {}).items():
        for method in METHODS:
            if method not in item:
                continue
            where = f"webhook {name} {method.upper()}"
            new_op = new_hooks.get(name, {}).get(method)
            if new_op is None:
                differ.report(where, "removed webhook")
                continue
            old_schema = _json_schema(differ, old, item[method].get("requestBody", {}))
            new_schema = _json_schema(differ, new, new_op.get("requestBody", {}))
            if old_schema is not None and new_schema is not None:
                differ.schema(old_schema, new_schema, f"{where} payload", sends=False)


def _request_body(differ: _Differ, old: Mapping[str, Any], new: Mapping[str, Any],
                  op: Mapping[str, Any], new_op: Mapping[str, Any], where: str) -> None:
    if "requestBody" not in new_op:
        return
    new_body = differ.resolve(new, new_op["requestBody"])
    if "requestBody" not in op:
        if new_body.get("required"):
            differ.report(where, "new required request body")
        return
    old_body = differ.resolve(old, op["requestBody"])
    if new_body.get("required") and not old_body.get("required"):
        differ.report(where, "request body became required")
    old_schema, new_schema = _json_schema(differ, old, old_body), _json_schema(differ, new,
                                                                             new_body)
    if old_schema is not None and new_schema is not None:
        differ.schema(old_schema, new_schema, f"{where} request", sends=True)


def _responses(differ: _Differ, old: Mapping[str, Any], new: Mapping[str, Any],
               op: Mapping[str, Any], new_op: Mapping[str, Any], where: str) -> None:
    new_responses: Mapping[str, Any] = new_op.get("responses", {})
    for status, response in op.get("responses", {}).items():
        if not str(status).startswith("2"):
            continue  # error bodies share one shape; its own schema is compared where used
        if status not in new_responses:
            differ.report(where, f"removed response {status}")
            continue
        old_schema = _json_schema(differ, old, response)
        new_schema = _json_schema(differ, new, new_responses[status])
        if old_schema is not None and new_schema is None:
            differ.report(where, f"response {status} lost its body")
        elif old_schema is not None:
            differ.schema(old_schema, new_schema, f"{where} response {status}", sends=False)


# -- WebSocket --------------------------------------------------------------------------------

def ws_breaks(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    """Client frames are what a client sends; server frames what it receives."""
    differ = _Differ(old, new)
    for name, sends in (("ClientFrame", True), ("ServerFrame", False)):
        old_defs, new_defs = old.get("$defs", {}), new.get("$defs", {})
        if name not in old_defs:
            continue
        if name not in new_defs:
            differ.report(f"ws {name}", "removed")
            continue
        differ.schema(old_defs[name], new_defs[name], f"ws {name}", sends)
        if not sends:
            _removed_server_frames(differ, old_defs[name], new_defs[name])
    return differ.breaks


def _removed_server_frames(differ: _Differ, old: Any, new: Any) -> None:
    """A frame type the server stops sending breaks clients that wait for it."""
    def keys(doc: Mapping[str, Any], schema: Any) -> set[str]:
        variants = differ.flatten(doc, schema).get("oneOf", [])
        return {differ.variant_key(doc, i, v) for i, v in enumerate(variants)}

    for key in sorted(keys(differ.old_doc, old) - keys(differ.new_doc, new)):
        differ.report("ws ServerFrame", f"removed frame {key}")


# -- versions and changelog -------------------------------------------------------------------

def _version(text: str) -> tuple[int, ...]:
    if not re.fullmatch(r"\d+\.\d+\.\d+", text):
        raise SystemExit(f"not a MAJOR.MINOR.PATCH version: {text!r}")
    return tuple(int(part) for part in text.split("."))


def changelog_entry(changelog: Path, version: str) -> str:
    """The text of the ``## <version>`` section, or "" when there is none."""
    if not changelog.exists():
        return ""
    section: list[str] | None = None
    for line in changelog.read_text().splitlines():
        if line.startswith("## "):
            if section is not None:
                break
            if re.match(rf"## \[?v?{re.escape(version)}\]?(\s|$)", line):
                section = []
        elif section is not None:
            section.append(line)
    return "\n".join(section or []).strip()


def gate(released: Contract, working: Contract, changelog: Path) -> tuple[bool, list[str]]:
    """(passes, report lines)."""
    lines: list[str] = []
    for label, old_v, new_v in (("info.version", released.api_version, working.api_version),
                                ("ws x-contract-version", released.ws_version,
                                 working.ws_version)):
        if _version(new_v) < _version(old_v):
            return False, [f"{label} {new_v} is lower than the released {old_v}"]
    breaks = [*rest_breaks(released.openapi, working.openapi),
              *ws_breaks(released.ws, working.ws)]
    if not breaks:
        return True, [f"no breaking change against the released contract "
                      f"(API {released.api_version}, WS {released.ws_version})"]
    lines += [f"breaking: {b}" for b in breaks]
    bumped = (_version(working.api_version) > _version(released.api_version)
              and _version(working.ws_version) > _version(released.ws_version))
    entry = changelog_entry(changelog, working.api_version)
    if bumped and entry:
        lines.append(f"{len(breaks)} breaking change(s) allowed: API {released.api_version} → "
                     f"{working.api_version}, WS {released.ws_version} → "
                     f"{working.ws_version}, explained in {changelog.name}")
        return True, lines
    missing = []
    if not bumped:
        missing.append("bump info.version in spec/openapi.yaml and x-contract-version in "
                       "spec/ws.schema.json above the released "
                       f"{released.api_version} / {released.ws_version}")
    if not entry:
        heading = working.api_version if bumped else "<new info.version>"
        missing.append(f"add a '## {heading}' section to {changelog.name} that explains "
                       "the break")
    lines.append(f"{len(breaks)} breaking change(s): " + "; and ".join(missing)
                 + ". Additive changes need neither.")
    return False, lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--released", type=Path, default=SPEC / "released",
                        help="directory with the released openapi.yaml and ws.schema.json")
    parser.add_argument("--openapi", type=Path, default=SPEC / "openapi.yaml")
    parser.add_argument("--ws", type=Path, default=SPEC / "ws.schema.json")
    parser.add_argument("--changelog", type=Path, default=SPEC / "CHANGELOG.md")
    args = parser.parse_args(argv)
    released = Contract.load(args.released / "openapi.yaml", args.released / "ws.schema.json")
    working = Contract.load(args.openapi, args.ws)
    passes, lines = gate(released, working, args.changelog)
    print("\n".join(lines))
    return 0 if passes else 1


if __name__ == "__main__":
    raise SystemExit(main())
