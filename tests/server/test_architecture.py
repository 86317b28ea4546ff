"""The platform's shape: no import cycles, layers that only import downwards, small modules.

The import graph is built from the source with `ast`, counting every import: at
module level, inside functions (lazy imports) and under `TYPE_CHECKING`.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

import platform_server

pytestmark = pytest.mark.unit

ROOT = Path(platform_server.__file__).parent
REPO = ROOT.parent
MAX_LINES = 500


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(ROOT.rglob("*.py")):
        parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def _resolve(name: str, modules: dict[str, Path]) -> str | None:
    """The platform module an imported name lives in (None: not ours)."""
    while name:
        if name in modules:
            return name
        name = name.rpartition(".")[0]
    return None


def _imports(path: Path, modules: dict[str, Path]) -> Iterator[str]:
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [f"{node.module}.{a.name}" for a in node.names]
        else:
            continue
        for name in names:
            target = _resolve(name, modules)
            if target is not None:
                yield target


def import_graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: set(_imports(path, modules)) - {name} for name, path in modules.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_cycle_finder_finds_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_graph_sees_lazy_and_type_checking_imports() -> None:
    graph = import_graph()
    # Lazy imports inside functions (cli imports the server only when serving).
    assert "platform_server.workers" in graph["platform_server.cli"]
    assert "platform_server.api.app" in graph["platform_server.workers"]
    assert "platform_server.storage.models" in graph["platform_server.storage.engines"]


def test_no_import_cycles() -> None:
    assert cycles(import_graph()) == []


# Which packages a package may import (besides itself and the shared base modules
# config, errors, schemas, schemas_calendar, schemas_citizens). Everything may import
# storage; nothing but the top-level programs imports api.
# "": the package itself (__version__)
BASE = {"config", "errors", "schemas", "schemas_calendar", "schemas_citizens", ""}
ALLOWED = {
    "storage": set(),
    "domain": {"storage", "events", "geo"},
    "events": {"storage", "domain", "geo"},
    "stats": {"storage", "domain"},
    "demo": {"storage", "domain", "geo"},
    "geo": {"storage", "domain", "events"},
    "api": {"storage", "domain", "events", "stats", "geo"},
}


def _package(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 else ""


def test_layers_import_only_downwards() -> None:
    wrong = []
    for module, targets in import_graph().items():
        pkg = _package(module)
        if pkg not in ALLOWED:
            continue
        for target in targets:
            other = _package(target) or target.partition(".")[2]
            if other != pkg and other not in BASE and other not in ALLOWED[pkg]:
                wrong.append(f"{module} imports {target}")
    assert wrong == []


def test_domain_never_imports_the_web_framework() -> None:
    """Actions run in any transaction: a test, the CLI, a scheduled job, not only a request."""
    offenders = []
    for module, path in _modules().items():
        if _package(module) in ("domain", "storage", "events") and module != (
            "platform_server.events.hub"
        ):
            tree = ast.parse(path.read_text())
            for node in ast.walk(tree):
                if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in (
                    "fastapi",
                    "starlette",
                ):
                    offenders.append(f"{module}: from {node.module}")
    assert offenders == []


@pytest.mark.parametrize("folder", ["platform_server", "tests/server", "tests/helpers", "bench"])
def test_no_module_over_500_lines(folder: str) -> None:
    long = {
        str(p.relative_to(REPO)): n
        for p in sorted((REPO / folder).rglob("*.py"))
        # Migrations are schema written out as DDL calls (the baseline is every table).
        if "migrations/versions" not in p.as_posix()
        and (n := len(p.read_text().splitlines())) > MAX_LINES
    }
    assert long == {}


def test_every_server_test_module_says_what_kind_it_is() -> None:
    """unit / integration / e2e (pyproject.toml), so a run can pick one kind."""
    unmarked = []
    for path in sorted((REPO / "tests" / "server").rglob("test_*.py")):
        tree = ast.parse(path.read_text())
        marks = {
            mark.attr
            for node in tree.body
            if isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == "pytestmark" for t in node.targets)
            for mark in (node.value.elts if isinstance(node.value, ast.List) else [node.value])
            if isinstance(mark, ast.Attribute)
        }
        if not marks & {"unit", "integration", "e2e"}:
            unmarked.append(str(path.relative_to(REPO)))
    assert unmarked == []
