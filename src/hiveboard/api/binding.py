"""Map every operationId of the spec to exactly one handler, or refuse to start."""

from __future__ import annotations

import importlib
import types
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from hiveboard_contract.operations import OPERATION_ATTR, Operation

from hiveboard.errors import NotImplementedOperation

Handler = Callable[..., Any]


class ContractMismatch(RuntimeError):
    """The spec and the hand-written handlers disagree; the app must not start."""


def collect_handlers(modules: Iterable[str]) -> dict[str, Handler]:
    found: dict[str, Handler] = {}
    for name in modules:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue  # a tag whose operations are all unbuilt has no module yet
        for attr in vars(module).values():
            # type() rather than isinstance: module globals include request proxies whose
            # attribute access outside a request raises.
            if type(attr) is not types.FunctionType:
                continue
            op_id = getattr(attr, OPERATION_ATTR, None)
            if op_id is None or getattr(attr, "__module__", None) != module.__name__:
                continue
            if op_id in found:
                raise ContractMismatch(f"two handlers claim {op_id}")
            found[op_id] = attr
    return found


def _not_implemented(operation_id: str) -> Handler:
    async def handler(**_: Any) -> Any:
        raise NotImplementedOperation(
            f"{operation_id} is specified but not built yet", details={"operation": operation_id})

    handler.__name__ = f"unbuilt_{operation_id}"
    return handler


def bind(
    operations: Mapping[str, Operation],
    handlers: Mapping[str, Handler],
    unbuilt: frozenset[str],
) -> dict[str, Handler]:
    """One handler per operation: built ones from ``handlers``, listed unbuilt ones answer 501."""
    problems: list[str] = []
    table: dict[str, Handler] = {}
    for op_id in sorted(operations):
        if op_id in handlers and op_id in unbuilt:
            problems.append(f"{op_id} has a handler but is still listed as unbuilt")
        elif op_id in handlers:
            table[op_id] = handlers[op_id]
        elif op_id in unbuilt:
            table[op_id] = _not_implemented(op_id)
        else:
            problems.append(f"operation {op_id} has no handler")
    problems += [f"handler for {op_id} has no operation in the spec"
                 for op_id in sorted(set(handlers) - set(operations))]
    problems += [f"unbuilt list names {op_id}, which the spec does not have"
                 for op_id in sorted(unbuilt - set(operations))]
    if problems:
        raise ContractMismatch("; ".join(problems))
    return table


def handler_modules(operations: Mapping[str, Operation]) -> list[str]:
    return sorted({op.handler.split(":")[0] for op in operations.values()})
