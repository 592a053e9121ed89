"""The app refuses to start when the spec's operations and the handlers disagree."""

from __future__ import annotations

import dataclasses
import sys
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hiveboard_contract import operations as op
from hiveboard_contract.operations import OPERATION_ATTR, OPERATIONS, Operation

from hiveboard.api.binding import ContractMismatch, collect_handlers, handler_modules
from hiveboard.api.unbuilt import UNBUILT_OPERATIONS
from hiveboard.app import create_app
from hiveboard.settings import Settings


def start(tmp_path: Path, operations: dict[str, Operation],
          unbuilt: frozenset[str] = UNBUILT_OPERATIONS) -> Any:
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'hb.db'}", auto_migrate=False)
    return create_app(settings, operations=operations, unbuilt=unbuilt)


def test_the_real_tree_starts(tmp_path: Path) -> None:
    assert start(tmp_path, dict(OPERATIONS)) is not None


def test_every_built_operation_has_exactly_its_handler() -> None:
    handlers = collect_handlers(handler_modules(OPERATIONS))
    assert set(handlers) == set(OPERATIONS) - UNBUILT_OPERATIONS
    for op_id, handler in handlers.items():
        module, name = OPERATIONS[op_id].handler.split(":")
        assert getattr(handler, OPERATION_ATTR) == op_id
        assert (handler.__module__, handler.__name__) == (module, name), op_id


def test_unbuilt_list_only_names_operations_of_the_spec() -> None:
    assert UNBUILT_OPERATIONS.issubset(OPERATIONS)


def test_an_operation_without_handler_stops_the_app(tmp_path: Path) -> None:
    ghost = dataclasses.replace(OPERATIONS["getHealth"], operation_id="ghostOperation",
                                path="/ghost", handler="hiveboard.api.health:ghost_operation")
    with pytest.raises(ContractMismatch, match="operation ghostOperation has no handler"):
        start(tmp_path, {**OPERATIONS, "ghostOperation": ghost})


def test_a_handler_without_operation_stops_the_app(tmp_path: Path) -> None:
    # getReadiness keeps hiveboard.api.health imported, so its get_health is still found.
    operations = {k: v for k, v in OPERATIONS.items() if k != "getHealth"}
    with pytest.raises(ContractMismatch, match="handler for getHealth has no operation"):
        start(tmp_path, operations)


def test_a_built_operation_still_listed_unbuilt_stops_the_app(tmp_path: Path) -> None:
    with pytest.raises(ContractMismatch,
                       match="getHealth has a handler but is still listed as unbuilt"):
        start(tmp_path, dict(OPERATIONS), UNBUILT_OPERATIONS | {"getHealth"})


def test_an_unknown_operation_in_the_unbuilt_list_stops_the_app(tmp_path: Path) -> None:
    with pytest.raises(ContractMismatch,
                       match="unbuilt list names noSuchOperation, which the spec does not have"):
        start(tmp_path, dict(OPERATIONS), UNBUILT_OPERATIONS | {"noSuchOperation"})


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    with pytest.raises(ContractMismatch) as caught:
        start(tmp_path, dict(OPERATIONS), UNBUILT_OPERATIONS | {"getHealth", "noSuchOperation"})
    assert "getHealth" in str(caught.value) and "noSuchOperation" in str(caught.value)


@pytest.fixture
def twin_module() -> Iterator[str]:
    """A handler module in which two functions claim the same operation."""
    module = types.ModuleType("hiveboard_test_twins")

    async def first() -> object:
        return None

    async def second() -> object:
        return None

    for fn in (first, second):
        fn.__module__ = module.__name__
        setattr(module, fn.__name__, op.get_health(fn))
    sys.modules[module.__name__] = module
    yield module.__name__
    del sys.modules[module.__name__]


def test_two_handlers_for_one_operation_stop_the_app(twin_module: str) -> None:
    with pytest.raises(ContractMismatch, match="two handlers claim getHealth"):
        collect_handlers([twin_module])


def test_a_missing_handler_module_counts_as_no_handlers() -> None:
    assert collect_handlers(["hiveboard.api.no_such_tag"]) == {}


def test_a_broken_handler_module_is_not_mistaken_for_a_missing_one(tmp_path: Path,
                                                                   monkeypatch: Any) -> None:
    (tmp_path / "hiveboard_test_broken.py").write_text("import hiveboard_test_not_there\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(ModuleNotFoundError, match="hiveboard_test_not_there"):
        collect_handlers(["hiveboard_test_broken"])
