#!/usr/bin/env python3
"""Check the import rules of ARCHITECTURE.md ("Layers and import rules") on the source tree.

Every ``import`` of every module under ``src/hiveboard`` and ``generated/hiveboard_contract``
is read with ``ast`` (nothing is imported or run), including imports made only for type
checking. Exit status 1 and one line per violation when a rule is broken:

- ``hiveboard.domain`` imports the standard library only (and itself);
- each other package imports only the hiveboard packages its row of the table allows;
- ``sqlalchemy`` and ``sqlmodel`` are imported inside ``hiveboard.store`` only;
- the generated contract imports the standard library and pydantic only, never hiveboard.

Usage: ``python tools/check_layers.py [--root DIR]`` (DIR holds ``src/`` and ``generated/``).
"""

from __future__ import annotations

import argparse
import ast
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONTRACT = "contract"  # how the table names the generated package, hiveboard_contract
DB_LIBRARIES = frozenset({"sqlalchemy", "sqlmodel"})

# Modules that are not layers but leaves every layer above the domain may use: the error tree
# every layer raises from, and the settings object passed down by the composition root. They
# must import no other hiveboard module, which this check enforces too.
KERNEL = frozenset({"errors", "settings"})
EVERYTHING = frozenset({"domain", "store", "services", "api", "stream", "alerts", "http",
                        "app", "cli", "simulate", "export", CONTRACT}) | KERNEL

# ARCHITECTURE.md's table: package -> the hiveboard packages it may import besides itself.
ALLOWED: dict[str, frozenset[str]] = {
    "domain": frozenset(),
    "store": frozenset({"domain"}) | KERNEL,
    "services": frozenset({"domain", "store", CONTRACT}) | KERNEL,
    # The table lists services, contract and errors; handlers also name the domain's
    # Principal (the authenticated key), so domain is allowed, store is not.
    "api": frozenset({"services", CONTRACT, "domain"}) | KERNEL,
    "stream": frozenset({"services", "domain", "store", CONTRACT}) | KERNEL,
    "alerts": frozenset({"services", "domain", "store", CONTRACT}) | KERNEL,
    # The HTTP edge (error rendering, ASGI middlewares) is wired by the app factory only and
    # maps store failures to 503, so it sits with the composition root.
    "http": EVERYTHING,
    "app": EVERYTHING,
    "cli": EVERYTHING,
    # The simulator is an SDK client like any instrumented agent: no server code at all.
    "simulate": frozenset(),
    # Export renders events exactly as the API does (api.render) from a service's iterator.
    "export": frozenset({"services", "api"}) | KERNEL,
    "errors": frozenset(),
    "settings": frozenset(),
    "__init__": frozenset(),
}
# typing_extensions is the standard library's typing, backported (and a pydantic dependency).
CONTRACT_THIRD_PARTY = frozenset({"pydantic", "typing_extensions"})


@dataclass(frozen=True)
class Violation:
    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def imported_modules(tree: ast.Module, module: str, is_package: bool) -> Iterator[tuple[int, str]]:
    """Absolute names of what each import statement brings in, with its line."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")
                base = base[: len(base) - node.level + (1 if is_package else 0)]
                parent = ".".join([*base, node.module] if node.module else base)
            else:
                parent = node.module or ""
            # `from hiveboard import errors` imports the module hiveboard.errors.
            for alias in node.names:
                yield node.lineno, f"{parent}.{alias.name}" if parent in (
                    "hiveboard", "hiveboard_contract") else parent


def layer_of(name: str) -> str | None:
    """The table row an absolute module name belongs to, or None outside HiveBoard."""
    parts = name.split(".")
    if parts[0] == "hiveboard_contract":
        return CONTRACT
    if parts[0] != "hiveboard":
        return None
    return parts[1] if len(parts) > 1 else "__init__"


def check_module(path: Path, module: str, display: Path) -> Iterator[Violation]:
    is_package = path.name == "__init__.py"
    layer = layer_of(module) or "__init__"
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for line, name in imported_modules(tree, module, is_package):
        top = name.split(".")[0]
        target = layer_of(name)
        if layer == CONTRACT:
            if target not in (None, CONTRACT) or (
                    target is None and top not in sys.stdlib_module_names
                    and top not in CONTRACT_THIRD_PARTY):
                yield Violation(display, line, f"generated code imports {name}: the contract "
                                "may import the standard library and pydantic only")
            continue
        if top in DB_LIBRARIES and layer != "store":
            yield Violation(display, line, f"hiveboard.{layer} imports {name}: sqlalchemy and "
                            "sqlmodel belong inside hiveboard.store only")
        elif target is None:
            if layer == "domain" and top not in sys.stdlib_module_names:
                yield Violation(display, line, f"hiveboard.domain imports {name}: the domain "
                                "imports the standard library only")
        elif target != layer:
            allowed = ALLOWED.get(layer)
            if allowed is None:
                yield Violation(display, line, f"hiveboard.{layer} is not in ARCHITECTURE.md's "
                                "table of layers; add a row for it")
                return
            if target not in allowed:
                shown = "hiveboard_contract" if target == CONTRACT else f"hiveboard.{target}"
                may = ", ".join(sorted(allowed)) or "no other hiveboard package"
                yield Violation(display, line, f"hiveboard.{layer} imports {name}: {shown} is "
                                f"not among what it may import ({may})")


def modules(root: Path) -> Iterator[tuple[Path, str]]:
    for base, package in ((root / "src", "hiveboard"), (root / "generated", "hiveboard_contract")):
        for path in sorted((base / package).rglob("*.py")):
            parts = path.relative_to(base).with_suffix("").parts
            yield path, ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def check(root: Path) -> tuple[int, list[Violation]]:
    found = list(modules(root))
    violations = [v for path, module in found
                  for v in check_module(path, module, path.relative_to(root))]
    return len(found), violations


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT,
                        help="repository root holding src/ and generated/ (default: this repo)")
    args = parser.parse_args(argv)
    count, violations = check(args.root)
    if count == 0:
        print(f"no modules found under {args.root}/src/hiveboard", file=sys.stderr)
        return 2
    if violations:
        print(f"{len(violations)} import(s) break the layer rules of ARCHITECTURE.md:")
        for violation in violations:
            print(f"  {violation}")
        return 1
    print(f"layers OK: {count} modules follow ARCHITECTURE.md's import rules")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
