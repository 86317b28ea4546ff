"""The console's shape, checked: no import cycle, no module over 500 lines, every colour
in the theme module, every source string English, controllers without widgets.

Each test reads the source with `ast` (nothing is imported) and names what breaks the
rule, so the failure says where to look.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[2]
CONSOLE = ROOT / "console"
MAX_LINES = 500
THEME = CONSOLE / "views" / "theme.py"
# Widget-free controllers: tested without a window, so they must never need one.
CONTROLLERS = (
    CONSOLE / "views" / "case" / "controller.py",
    CONSOLE / "views" / "case" / "handling.py",
    CONSOLE / "views" / "queue" / "feed.py",
    CONSOLE / "views" / "queue" / "filters.py",
    CONSOLE / "rules.py",
    CONSOLE / "operations.py",
    CONSOLE / "store.py",
)
CJK = re.compile(r"[\u3400-\u9fff]")
HEX_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{8}|[0-9a-fA-F]{6}|[0-9a-fA-F]{3})(?![0-9A-Za-z_])")
FUNCTIONAL_COLOUR = re.compile(r"\b(?:rgba?|hsla?)\s*\(")
TRANSLATE_CALLS = {"tr", "translate", "_t", "_tr"}


@cache
def _parsed() -> tuple[tuple[str, Path, ast.Module], ...]:
    out = []
    for path in sorted(CONSOLE.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out.append((".".join(parts), path, ast.parse(path.read_text("utf-8"), str(path))))
    return tuple(out)


def modules() -> Iterator[tuple[str, Path, ast.Module]]:
    """(dotted name, file, syntax tree) of every console module."""
    yield from _parsed()


def imports_widgets(tree: ast.Module) -> bool:
    return any(
        isinstance(n, ast.ImportFrom | ast.Import)
        and any(
            (getattr(n, "module", None) or a.name).startswith("PySide6.QtWidgets") for a in n.names
        )
        for n in ast.walk(tree)
    )


def imported_modules(name: str, path: Path, tree: ast.Module) -> set[str]:
    """Console modules this one imports (at any level, TYPE_CHECKING blocks included)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found.update(f"{base}.{a.name}" for a in node.names)
    return {m for m in found if m == "console" or m.startswith("console.")}


def import_graph() -> dict[str, set[str]]:
    parsed = list(modules())
    names = {name for name, _, _ in parsed}
    graph: dict[str, set[str]] = {}
    for name, path, tree in parsed:
        # "from console.views import theme" names a module; "from console.x import y"
        # may name a function: keep what is a module of the console.
        graph[name] = {m for m in imported_modules(name, path, tree) if m in names} - {name}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle, as the chain of modules that closes it (None: there is none)."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        stack.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (cycle := visit(start)):
            return cycle
    return None


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set(), "c": {"a"}}) is None


def test_no_import_cycle_in_the_console() -> None:
    graph = import_graph()
    assert "console.views.case.view" in graph  # the graph really is the console's
    assert find_cycle(graph) is None, " → ".join(find_cycle(graph) or [])


def test_no_module_over_500_lines() -> None:
    long = {
        str(path.relative_to(ROOT)): n
        for _, path, _ in modules()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}, f"split these modules (at most {MAX_LINES} lines): {long}"


def _strings(tree: ast.Module) -> Iterator[ast.Constant]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node


def _docstrings(tree: ast.Module) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
    return ids


def colour_literals(tree: ast.Module) -> Iterator[tuple[int, str]]:
    """Colours written in a module's code: #rgb, #rrggbb, #aarrggbb, rgb()/hsl(), named
    QColor("red") and Qt.GlobalColor.red (transparent is no colour)."""
    docs = _docstrings(tree)
    for node in _strings(tree):
        if id(node) in docs:
            continue
        for pattern in (HEX_COLOUR, FUNCTIONAL_COLOUR):
            for m in pattern.finditer(node.value):
                yield node.lineno, m.group(0)
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Attribute)
            and node.value.attr == "GlobalColor"
            and node.attr != "transparent"
        ):
            yield node.lineno, f"GlobalColor.{node.attr}"
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "QColor"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            yield node.lineno, f'QColor("{node.args[0].value}")'


def test_the_colour_finder_finds_colours() -> None:
    code = 'a = "#fff; color: #12abEF"\nb = QColor("red")\nc = Qt.GlobalColor.darkGray\n'
    code += (
        'd = "rgba(0, 0, 0, 0.5)"\ne = "#AlertRow #CaseId #{id}"\nf = Qt.GlobalColor.transparent\n'
    )
    found = [text for _, text in colour_literals(ast.parse(code))]
    assert found == ["#fff", "#12abEF", "rgba(", 'QColor("red")', "GlobalColor.darkGray"]


def test_no_colour_outside_the_theme_module() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{line}: {text}"
        for _, path, tree in modules()
        if path != THEME
        for line, text in colour_literals(tree)
    ]
    assert found == [], "name these colours in console/views/theme.py:\n" + "\n".join(found)


def test_the_style_sheets_take_every_colour_from_the_theme() -> None:
    sheets = sorted((ROOT / "resources" / "styles").glob("*.qss"))
    assert sheets
    for sheet in sheets:
        text = re.sub(r"/\*.*?\*/", "", sheet.read_text(encoding="utf-8"), flags=re.S)
        assert not HEX_COLOUR.findall(text), sheet.name
        assert "@" in text, sheet.name  # colours are @tokens the theme fills in


def translated_strings(tree: ast.Module) -> Iterator[tuple[int, str]]:
    """Source strings handed to tr()/translate() and the modules' _t/_tr helpers."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        f = node.func
        name = f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""
        if name not in TRANSLATE_CALLS:
            continue
        for arg in node.args:
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                yield arg.lineno, arg.value


def test_the_source_string_finder_finds_chinese() -> None:
    code = 'self.tr("工作量看板")\nQCoreApplication.translate("Ctx", "刷新")\n_t("English")\n'
    found = [text for _, text in translated_strings(ast.parse(code)) if CJK.search(text)]
    assert found == ["工作量看板", "刷新"]


def test_every_translated_source_string_is_english() -> None:
    chinese = [
        f"{path.relative_to(ROOT)}:{line}: {text!r}"
        for _, path, tree in modules()
        for line, text in translated_strings(tree)
        if CJK.search(text)
    ]
    assert chinese == [], (
        "write the source string in English and its Chinese in "
        "resources/i18n/duty_console_zh_CN.ts:\n" + "\n".join(chinese)
    )


@pytest.mark.parametrize("path", CONTROLLERS, ids=lambda p: str(p.relative_to(CONSOLE)))
def test_controllers_hold_no_widgets(path: Path) -> None:
    """A controller, and everything it imports, works without QtWidgets (and a window)."""
    name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
    trees = {n: tree for n, _, tree in modules()}
    graph = import_graph()
    reachable, todo = set(), [name]
    while todo:  # everything the controller imports, directly or not, within the console
        mod = todo.pop()
        if mod not in reachable:
            reachable.add(mod)
            todo.extend(graph.get(mod, ()))
    with_widgets = sorted(m for m in reachable if imports_widgets(trees[m]))
    assert with_widgets == [], f"{name} needs QtWidgets through: {with_widgets}"


# Calls that make a window modal and so block the alarm banner (and the main window)
# until answered: QDialog.open()/exec(), the static QMessageBox/QInputDialog/QFileDialog
# helpers, and an explicit modality other than NonModal.
MODAL_METHODS = {"open", "exec", "exec_"}
MODAL_STATICS = {
    "QMessageBox": {"question", "warning", "information", "critical", "about"},
    "QInputDialog": {"getText", "getInt", "getDouble", "getItem", "getMultiLineText"},
    "QFileDialog": {"getOpenFileName", "getSaveFileName", "getExistingDirectory"},
}
# Where modality is meant: before the console runs (the event loop), and the crash box.
MODAL_ALLOWED = {CONSOLE / "__main__.py", CONSOLE / "crash.py"}


def modal_calls(tree: ast.Module) -> Iterator[tuple[int, str]]:
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        name, owner = node.func.attr, node.func.value
        if name in MODAL_METHODS and not node.args and not node.keywords:
            yield node.lineno, f".{name}()"
        elif isinstance(owner, ast.Name) and name in MODAL_STATICS.get(owner.id, ()):
            yield node.lineno, f"{owner.id}.{name}"
        elif name in ("setModal", "setWindowModality") and node.args:
            arg = node.args[0]
            if not (isinstance(arg, ast.Attribute) and arg.attr == "NonModal") and not (
                isinstance(arg, ast.Constant) and arg.value is False
            ):
                yield node.lineno, f"{name}({ast.unparse(arg)})"


def test_the_modal_finder_finds_modal_calls() -> None:
    code = (
        "box.open()\ndlg.exec()\nQMessageBox.question(w, 'a', 'b')\n"
        "d.setWindowModality(Qt.WindowModality.WindowModal)\n"
        "d.setWindowModality(Qt.WindowModality.NonModal)\nd.setModal(False)\n"
        "open(path)\nf.open('r')\nQInputDialog.getText(w, 'a', 'b')\n"
    )
    found = [text for _, text in modal_calls(ast.parse(code))]
    assert found == [
        ".open()",
        ".exec()",
        "QMessageBox.question",
        "setWindowModality(Qt.WindowModality.WindowModal)",
        "QInputDialog.getText",
    ]


def test_no_dialog_blocks_the_alarm_banner() -> None:
    """The alarm path is sacred: no window of the console may be modal (issue 10)."""
    found = [
        f"{path.relative_to(ROOT)}:{line}: {text}"
        for _, path, tree in modules()
        if path not in MODAL_ALLOWED
        for line, text in modal_calls(tree)
    ]
    assert found == [], (
        "modal: the alarm banner could not be clicked while these are open; use "
        "setWindowModality(Qt.WindowModality.NonModal) and show():\n" + "\n".join(found)
    )
