"""The package's stages import one way only: down the pipeline, never in a circle.

Every import counts: at the top of a module, inside a function, and under ``TYPE_CHECKING``
(an annotation is a dependency a reader has to follow too).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "lint"

# Lowest first. A module may import its own stage and the stages before it.
STAGES = ["reading", "domain", "figures", "checks", "engine", "reports", "cli"]
FOUNDATION = {"claimlint", "claimlint.atomic", "claimlint.cachefolder"}  # below every stage


def module_name(path: Path) -> str:
    parts = ["claimlint", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, modules: set[str], text: str | None = None) -> dict[str, int]:
    """The claimlint modules ``path`` imports (or ``text``, read as if it stood at ``path``), each with the
    line of its first import."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: dict[str, int] = {}
    for node in ast.walk(ast.parse(text if text is not None else path.read_text(encoding="utf-8"))):
        targets: list[str] = []
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([node.module] if node.module else [])])
            # "from . import cachefolder" imports a module; "from .x import name" imports x
            targets = [f"{base}.{alias.name}" for alias in node.names if f"{base}.{alias.name}" in modules]
            targets = targets or [base]
        elif isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        for target in targets:
            if target in modules and target != name:
                found.setdefault(target, node.lineno)
    return found


def stage_of(module: str) -> int:
    if module in FOUNDATION:
        return 0
    if module == "claimlint.__main__":
        return len(STAGES) + 1
    return STAGES.index(module.split(".")[1]) + 1


def import_graph() -> dict[str, dict[str, int]]:
    paths = sorted(PACKAGE.rglob("*.py"))
    modules = {module_name(path) for path in paths}
    return {module_name(path): imports_of(path, modules) for path in paths}


def cycles(graph: dict[str, dict[str, int]]) -> list[list[str]]:
    """The strongly connected parts of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for other in graph[module]:
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            part = []
            while True:
                other = stack.pop()
                part.append(other)
                if other == module:
                    break
            if len(part) > 1:
                found.append(sorted(part))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return found


def test_every_module_belongs_to_a_stage() -> None:
    for module in import_graph():
        assert module in FOUNDATION or module == "claimlint.__main__" or module.split(".")[1] in STAGES, module


def test_no_import_cycle() -> None:
    assert cycles(import_graph()) == []


def test_no_import_goes_up_the_stages() -> None:
    upward = [f"{module} imports {other} (line {line})"
              for module, imports in import_graph().items() for other, line in imports.items()
              if stage_of(other) > stage_of(module)]
    assert upward == []


@pytest.mark.parametrize(
    ("graph", "expected"),
    [
        ({"a": {"b": 1}, "b": {"a": 1}}, [["a", "b"]]),
        ({"a": {"b": 1}, "b": {"c": 1}, "c": {"a": 1}, "d": {"a": 1}}, [["a", "b", "c"]]),
        ({"a": {"b": 1}, "b": {}}, []),
    ],
)
def test_the_cycle_finder_finds_cycles(graph: dict[str, dict[str, int]], expected: list[list[str]]) -> None:
    assert cycles(graph) == expected


def test_an_upward_import_is_seen() -> None:
    """A figures module that imports the engine, even only for an annotation, is reported at its line."""
    path = PACKAGE / "figures" / "reader.py"
    modules = set(import_graph())
    assert not any(stage_of(other) > stage_of("claimlint.figures.reader") for other in imports_of(path, modules))
    text = path.read_text(encoding="utf-8") + "\nif TYPE_CHECKING:\n    from ..engine.cache import ResultStore\n"
    found = imports_of(path, modules, text)
    assert found["claimlint.engine.cache"] == text.count("\n")
    assert stage_of("claimlint.engine.cache") > stage_of("claimlint.figures.reader")
