"""Packaging: the bundle layout build.spec declares holds every resource the code uses, the
frozen-path helper finds them there, the spec keeps what the app needs, the built bundle
(when dist/ exists) has its resources and Qt plugins. (The installed console checking
itself is tests/console/test_self_test.py.)"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QPalette

from console import __version__, paths
from console.alerts.player import SOUND_NAMES
from console.i18n import CATALOG_NAME, LANGUAGES, install_translators, remove_translators
from console.views.shell.icon import app_icon
from console.views.theme import DARK, STYLE_SHEETS, apply_theme, fill_tokens

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "build.spec"
BUNDLE = ROOT / "dist" / "duty-console"
# Calls whose arguments are not all literals name a folder; the code's own constants say
# which files it will open there. A new kind of call fails the test until it is listed.
DYNAMIC: dict[tuple[str, ...], list[str]] = {
    ("sounds",): [f"{name}.wav" for name in SOUND_NAMES],
    ("i18n",): [f"{CATALOG_NAME}_{lang}.qm" for lang in LANGUAGES],
    ("styles", "*"): sorted(STYLE_SHEETS.values()),
}
# What the spec itself needs at build time (the Windows executable's icon).
SPEC_NEEDS = [("icons", "app.ico")]


# ---------------------------------------------------------------- reading the spec and code
def spec_value(name: str) -> Any:
    """A module-level literal of build.spec (DATAS, excludes, _DROP)."""
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in node.targets
        ):
            return ast.literal_eval(node.value)
    raise AssertionError(f"build.spec has no literal {name}")


def lay_out_bundle(meipass: Path) -> None:
    """Copy resources where PyInstaller puts DATAS: each match of a source glob into its folder."""
    for source, folder in spec_value("DATAS"):
        matches = sorted(ROOT.glob(source))
        assert matches, f"build.spec DATAS entry {source!r} matches nothing"
        for match in matches:
            target = meipass / folder
            if match.is_dir():
                shutil.copytree(match, target, dirs_exist_ok=True)
            else:
                target.mkdir(parents=True, exist_ok=True)
                shutil.copy2(match, target / match.name)


def resource_calls() -> Iterator[tuple[str, tuple[str, ...]]]:
    """(module, args with "*" for non-literals) of every resource_path(...) call in console/."""
    for file in sorted((ROOT / "console").rglob("*.py")):
        tree = ast.parse(file.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name != "resource_path":
                continue
            args = tuple(
                a.value if isinstance(a, ast.Constant) and isinstance(a.value, str) else "*"
                for a in node.args
            )
            yield str(file.relative_to(ROOT)), args


def referenced_files() -> list[tuple[str, ...]]:
    files: set[tuple[str, ...]] = set(SPEC_NEEDS)
    for _module, args in resource_calls():
        if args in DYNAMIC:
            folder = tuple(a for a in args if a != "*")
            files.update((*folder, name) for name in DYNAMIC[args])
        elif "*" not in args:
            files.add(args)
    return sorted(files)


# ---------------------------------------------------------------- the layout and the helper
def test_the_code_names_no_resource_this_test_cannot_see() -> None:
    calls = list(resource_calls())
    assert len(calls) >= 4  # styles, two icons, sounds, translations
    unknown = [(m, a) for m, a in calls if "*" in a and a not in DYNAMIC]
    assert not unknown, f"resource_path calls with computed names; add them to DYNAMIC: {unknown}"
    kinds = {f[0] for f in referenced_files()}
    assert kinds == {"sounds", "icons", "i18n", "styles"}


def test_frozen_helper_finds_every_resource_in_the_spec_layout(
    qapp: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    meipass = tmp_path / "duty-console" / "_internal"
    lay_out_bundle(meipass)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(meipass), raising=False)

    assert paths.resources_dir() == meipass / "resources"
    missing = [f for f in referenced_files() if not paths.resource_path(*f).is_file()]
    assert not missing, f"named by the code but not laid out by build.spec: {missing}"

    # And they load from there, as the console loads them.
    translators = install_translators(qapp, "zh_CN")
    try:
        ours = [t for t in translators if t.filePath().startswith(str(meipass))]
        assert len(ours) == 1 and ours[0].filePath().endswith("duty_console_zh_CN.qm")
    finally:
        remove_translators(qapp, translators)
    assert not app_icon().isNull()
    style, sheet, palette = qapp.style().name(), qapp.styleSheet(), QPalette(qapp.palette())
    try:
        apply_theme(qapp, "dark")
        dark = (meipass / "resources" / "styles" / STYLE_SHEETS["dark"]).read_text("utf-8")
        styles = (meipass / "resources" / "styles").as_posix()  # the check mark's folder
        assert qapp.styleSheet() == fill_tokens(dark, DARK).replace("%STYLES%", styles)
    finally:
        qapp.setStyle(style)
        qapp.setStyleSheet(sheet)
        qapp.setPalette(palette)


def test_source_checkout_still_finds_resources_when_not_frozen() -> None:
    assert paths.resources_dir() == ROOT / "resources"
    for f in referenced_files():
        assert paths.resource_path(*f).is_file(), f


# ---------------------------------------------------------------- the spec's promises
def _multimedia_plugin_qt_libs() -> list[str]:
    import PySide6

    plugin = Path(PySide6.__file__).parent / "Qt" / "plugins" / "multimedia"
    found = sorted(plugin.glob("libffmpegmediaplugin*.so"))
    if not found or shutil.which("ldd") is None:
        pytest.skip("needs Linux PySide6 wheels and ldd")
    out = subprocess.run(
        ["ldd", str(found[0])], capture_output=True, text=True, check=True, timeout=30
    ).stdout
    return [line.split()[0] for line in out.splitlines() if "libQt6" in line]


def test_spec_keeps_what_the_app_needs() -> None:
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    strips = [
        kw.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        for kw in node.keywords
        if kw.arg == "strip"
    ]
    assert strips and all(isinstance(v, ast.Constant) and v.value is False for v in strips)
    excludes = set(spec_value("excludes"))
    for needed in ("PySide6.QtOpenGL", "PySide6.QtOpenGLWidgets", "pydoc", "PySide6.QtMultimedia"):
        assert needed not in excludes, needed
    # The FFmpeg multimedia plugin (QMediaPlayer) links Qt6Quick/Qt6Qml: none may be dropped.
    drop = spec_value("_DROP")
    needed_libs = _multimedia_plugin_qt_libs()
    assert "libQt6Quick.so.6" in needed_libs  # what this test guards against
    dropped = [lib for lib in needed_libs if any(lib.startswith(p) for p in drop)]
    assert not dropped, f"build.spec drops libraries the multimedia plugin needs: {dropped}"


# ---------------------------------------------------------------- the built bundle, if any
@pytest.mark.skipif(not BUNDLE.is_dir(), reason="no dist/duty-console (scripts/build-bundle.sh)")
def test_built_bundle_has_every_resource_and_the_qt_plugins() -> None:
    internal = BUNDLE / "_internal"
    missing = [f for f in referenced_files() if not (internal / "resources").joinpath(*f).is_file()]
    assert not missing, f"not in the built bundle (rebuild?): {missing}"
    plugins = internal / "PySide6" / "Qt" / "plugins"
    for plugin in (
        "platforms/libqoffscreen.so",
        "platforms/libqxcb.so",
        "multimedia/libffmpegmediaplugin.so",
        "imageformats/libqsvg.so",
    ):
        assert (plugins / plugin).is_file(), plugin
    assert (internal / "PySide6" / "Qt" / "lib" / "libQt6Quick.so.6").is_file()
    done = subprocess.run(
        [str(BUNDLE / "duty-console"), "--version"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"duty-console {__version__}"
