"""Connexion validators that speak the standard error shape with structured details."""

from __future__ import annotations

import json
import math
from typing import Any
from urllib.parse import parse_qsl

from connexion.datastructures import MediaTypeDict
from connexion.json_schema import Draft4RequestValidator
from connexion.validators import VALIDATOR_MAP, JSONRequestBodyValidator, ParameterValidator
from jsonschema import Draft4Validator
from jsonschema.exceptions import ValidationError
from starlette.types import Receive, Scope

from hiveboard.errors import BadRequest, truncate

HANDLER_VALIDATED = "x-hiveboard-body-validation"
INT64 = 2**63
NUL_REASON = "must not contain NUL (U+0000)"
NUL_NAME_REASON = "member name must not contain NUL (U+0000)"
INT_RANGE_REASON = "integer outside the 64-bit range"
NUMBER_RANGE_REASON = "number outside the 64-bit range"
UNSTORABLE_REASONS = frozenset({NUL_REASON, NUL_NAME_REASON, INT_RANGE_REASON,
                                NUMBER_RANGE_REASON})


def _path(error: ValidationError) -> str:
    return ".".join(str(p) for p in error.absolute_path) or "(body)"


def _problems(error: ValidationError) -> list[dict[str, str]]:
    """Name the missing or unexpected member itself, not the object that lacks or has it."""
    base = list(error.absolute_path)
    if error.validator == "required" and isinstance(error.instance, dict):
        # jsonschema reports each missing member as its own error, named only in the message.
        missing = [n for n in error.validator_value if n not in error.instance
                   and error.message.startswith(repr(n))][:1] \
            if isinstance(error.validator_value, list) else []
        return [{"field": ".".join(map(str, [*base, n])), "reason": "is required"}
                for n in missing] or [{"field": _path(error), "reason": error.message}]
    if error.validator == "additionalProperties" and isinstance(error.instance, dict) \
            and isinstance(error.schema, dict):
        known = error.schema.get("properties", {})
        extra = [n for n in error.instance if n not in known]
        return [{"field": ".".join(map(str, [*base, n])), "reason": "is not allowed here"}
                for n in extra] or [{"field": _path(error), "reason": error.message}]
    return [{"field": _path(error), "reason": error.message}]


def _leaves(error: ValidationError) -> list[ValidationError]:
    """A ``oneOf`` with a discriminator reports the problems of the branch its tag selects
    (``condition.threshold_seconds: 0 is less than the minimum of 1``), not "is not valid
    under any of the given schemas"; an unknown or missing tag is reported on the tag."""
    tag = (error.schema.get("discriminator") or {}).get("propertyName") \
        if isinstance(error.schema, dict) else None
    if error.validator != "oneOf" or not tag or not error.context:
        return [error]
    branches: dict[Any, list[ValidationError]] = {}
    for sub in error.context:
        branches.setdefault(sub.relative_schema_path[0], []).append(sub)
    missing_tag = f"{tag!r} is a required property"
    chosen = [errs for errs in branches.values()
              if not any(list(e.relative_path)[:1] == [tag] or e.message == missing_tag
                         for e in errs)]
    if len(chosen) == 1:
        return [leaf for sub in chosen[0] for leaf in _leaves(sub)]
    options = error.validator_value if isinstance(error.validator_value, list) else []
    tags = [str(v) for branch in options if isinstance(branch, dict)
            for v in branch.get("properties", {}).get(tag, {}).get("enum", [])]
    if not tags:
        return [error]
    missing = not isinstance(error.instance, dict) or tag not in error.instance
    reason = ("is required, one of: " if missing else "must be one of: ") + ", ".join(tags)
    return [ValidationError(reason, validator="enum", path=[*error.absolute_path, tag])]


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _unstorable(body: Any, limit: int = 20) -> list[dict[str, str]]:
    """Values JSON allows but the store cannot keep, whatever the schema says: NUL in text
    (PostgreSQL rejects it) and numbers beyond 64 bits (the JSON encoder rejects them). A
    free-form object such as a project's ``settings`` would otherwise reach the database."""
    problems: list[dict[str, str]] = []
    stack: list[tuple[str, Any]] = [("", body)]
    while stack and len(problems) < limit:
        path, value = stack.pop()
        reason = None
        if isinstance(value, str) and "\x00" in value:
            reason = NUL_REASON
        elif isinstance(value, bool):
            pass
        elif isinstance(value, int) and not -INT64 <= value < INT64:
            reason = INT_RANGE_REASON
        elif isinstance(value, float) and not math.isfinite(value):
            reason = NUMBER_RANGE_REASON
        elif isinstance(value, dict):
            for key, item in value.items():
                field = f"{path}.{key}" if path else key
                if "\x00" in key:
                    problems.append({"field": field.replace("\x00", "\\u0000"),
                                     "location": "body",
                                     "reason": NUL_NAME_REASON})
                stack.append((field, item))
        elif isinstance(value, list):
            stack.extend((f"{path}.{i}" if path else str(i), item) for i, item in enumerate(value))
        if reason:
            problems.append({"field": path.replace("\x00", "\\u0000") or "(body)",
                             "location": "body", "reason": reason})
    return problems


class ContractBodyValidator(JSONRequestBodyValidator):  # type: ignore[misc]
    """JSON bodies: parse errors and schema errors become 400 ``invalid_body`` with fields.

    A schema marked ``x-hiveboard-body-validation: handler`` (the ingest batch) is left to
    its handler, which validates per event and answers 207 instead of failing the batch.
    """

    async def wrap_receive(self, receive: Receive, *, scope: Scope) -> tuple[Receive, Scope]:
        if self._schema.get(HANDLER_VALIDATED) == "handler":
            return receive, scope
        if b"content-length" not in dict(scope.get("headers", [])):
            # A chunked upload has no Content-Length, which connexion takes for "no body".
            receive, scope = await self._buffer(receive, scope)
        declared = dict(scope["headers"]).get(b"content-length", b"")
        if self._required and not (declared.isdigit() and int(declared)):
            raise BadRequest("a JSON body is required", code="invalid_body")
        result: tuple[Receive, Scope] = await super().wrap_receive(receive, scope=scope)
        return result

    async def _buffer(self, receive: Receive, scope: Scope) -> tuple[Receive, Scope]:
        """Read the whole body (BodyLimit bounds it) and declare its length."""
        chunks = []
        while True:
            message = await receive()
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        headers = [(k, v) for k, v in scope.get("headers", []) if k != b"transfer-encoding"]
        scope = {**scope, "headers": [*headers, (b"content-length", str(len(body)).encode())]}
        replay = self._insert_messages(
            receive, messages=[{"type": "http.request", "body": body, "more_body": False}])
        return replay, scope

    async def _parse(self, stream: Any, scope: Scope) -> Any:
        raw = b"".join([chunk async for chunk in stream])
        if not raw:
            return None
        try:
            body = json.loads(raw.decode(self._encoding), parse_constant=_no_constant)
        except (UnicodeDecodeError, ValueError, RecursionError) as exc:
            raise BadRequest(f"body is not valid JSON: {exc}", code="invalid_body") from None
        problems = _unstorable(body)
        if problems:
            first = problems[0]
            raise BadRequest(f"{first['field']}: {first['reason']}", code="invalid_body",
                             details={**first, "errors": problems})
        return body

    def _validate(self, body: Any) -> dict[str, Any] | None:
        if body is None:
            raise BadRequest("a JSON body is required", code="invalid_body")
        validator = Draft4RequestValidator(self._schema,
                                           format_checker=Draft4Validator.FORMAT_CHECKER)
        errors = [leaf for e in validator.iter_errors(body) for leaf in _leaves(e)]
        errors.sort(key=lambda e: [str(p) for p in e.absolute_path])
        if not errors:
            return None
        details = [{"field": p["field"], "location": "body", "reason": truncate(p["reason"], 200)}
                   for e in errors for p in _problems(e)][:20]
        first = details[0]
        # The first problem also sits at the top of `details`, as for a bad parameter.
        raise BadRequest(f"{first['field']}: {first['reason']}", code="invalid_body",
                         details={**first, "errors": details})


class ContractParameterValidator(ParameterValidator):  # type: ignore[misc]
    """Parameters: name the field, its location and the reason in ``details``."""

    def validate_request(self, request: Any) -> None:
        repeated = self._repeated_scalar(request.scope.get("query_string", b""))
        if repeated is not None:
            # The parser would silently keep one of the values; say which call is ambiguous.
            raise BadRequest(f"query parameter {repeated!r} takes one value but was given more "
                             "than once",
                             details={"field": repeated, "location": "query",
                                      "reason": "given more than once"})
        if self.strict_validation:
            extra = self.validate_query_parameter_list(
                request, security_params=self.security_query_params)
            if extra:
                names = sorted(extra)
                raise BadRequest(f"unknown query parameter(s): {', '.join(names)}",
                                 details={"field": names[0], "location": "query",
                                          "reason": "not defined for this operation"})
        checks = (("query", self.validate_query_parameter),
                  ("path", self.validate_path_parameter),
                  ("header", self.validate_header_parameter))
        for location, check in checks:
            for param in self.parameters.get(location, []):
                error = check(param, request)
                if error:
                    reason = truncate(str(error).split("\n")[0], 200)
                    raise BadRequest(f"{location} parameter {param['name']!r}: {reason}",
                                     details={"field": param["name"], "location": location,
                                              "reason": reason})


    def _repeated_scalar(self, query_string: bytes) -> str | None:
        if b"&" not in query_string:
            return None
        scalars = {p["name"] for p in self.parameters.get("query", [])
                   if p.get("schema", {}).get("type") != "array"}
        seen: set[str] = set()
        for name, _ in parse_qsl(query_string.decode("latin-1"), keep_blank_values=True):
            if name in seen and name in scalars:
                return name
            seen.add(name)
        return None


def validator_map() -> dict[str, Any]:
    body = MediaTypeDict(dict(VALIDATOR_MAP["body"]))
    body["*/*json"] = ContractBodyValidator
    return {**VALIDATOR_MAP, "parameter": ContractParameterValidator, "body": body}
