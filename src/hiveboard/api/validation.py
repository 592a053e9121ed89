"""Connexion validators that speak the standard error shape with structured details."""

from __future__ import annotations

import json
from typing import Any

from connexion.datastructures import MediaTypeDict
from connexion.json_schema import Draft4RequestValidator
from connexion.validators import VALIDATOR_MAP, JSONRequestBodyValidator, ParameterValidator
from jsonschema import Draft4Validator
from jsonschema.exceptions import ValidationError
from starlette.types import Receive, Scope

from hiveboard.errors import BadRequest, truncate

HANDLER_VALIDATED = "x-hiveboard-body-validation"


def _path(error: ValidationError) -> str:
    return ".".join(str(p) for p in error.absolute_path) or "(body)"


class ContractBodyValidator(JSONRequestBodyValidator):  # type: ignore[misc]
    """JSON bodies: parse errors and schema errors become 400 ``invalid_body`` with fields.

    A schema marked ``x-hiveboard-body-validation: handler`` (the ingest batch) is left to
    its handler, which validates per event and answers 207 instead of failing the batch.
    """

    async def wrap_receive(self, receive: Receive, *, scope: Scope) -> tuple[Receive, Scope]:
        if self._schema.get(HANDLER_VALIDATED) == "handler":
            return receive, scope
        result: tuple[Receive, Scope] = await super().wrap_receive(receive, scope=scope)
        return result

    async def _parse(self, stream: Any, scope: Scope) -> Any:
        raw = b"".join([chunk async for chunk in stream])
        if not raw:
            return None
        try:
            return json.loads(raw.decode(self._encoding))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise BadRequest(f"body is not valid JSON: {exc}", code="invalid_body") from None

    def _validate(self, body: Any) -> dict[str, Any] | None:
        if body is None:
            raise BadRequest("a JSON body is required", code="invalid_body")
        validator = Draft4RequestValidator(self._schema,
                                           format_checker=Draft4Validator.FORMAT_CHECKER)
        errors = sorted(validator.iter_errors(body), key=lambda e: list(e.absolute_path))
        if not errors:
            return None
        details = [{"field": _path(e), "reason": truncate(e.message, 200)} for e in errors[:20]]
        first = details[0]
        raise BadRequest(f"{first['field']}: {first['reason']}", code="invalid_body",
                         details={"errors": details})


class ContractParameterValidator(ParameterValidator):  # type: ignore[misc]
    """Parameters: name the field, its location and the reason in ``details``."""

    def validate_request(self, request: Any) -> None:
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


def validator_map() -> dict[str, Any]:
    body = MediaTypeDict(dict(VALIDATOR_MAP["body"]))
    body["*/*json"] = ContractBodyValidator
    return {**VALIDATOR_MAP, "parameter": ContractParameterValidator, "body": body}
