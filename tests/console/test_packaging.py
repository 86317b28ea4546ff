"""Packaging: the bundle layout build.spec declares holds every resource the code uses, the
frozen-path helper finds them there, the spec keeps what the app needs, the built bundle
(when dist/ exists) has its resources and Qt plugins, and the installed console checks
itself with --self-test and reports crashes in Chinese."""

from __future__ import annotations

import ast
import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QPalette

from console import __version__, paths
from console.__main__ import PASSWORD_ENV
from console.alerts.player import SOUND_NAMES
from console.app import app_icon
from console.i18n import CATALOG_NAME, LANGUAGES, install_translators, remove_translators
from console.views.theme import DARK, STYLE_SHEETS, apply_theme, fill_tokens

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "build.spec"
BUNDLE = ROOT / "dist" / "duty-console"
STEPS = (
    "platform",
    "sign-in",
    "main window",
    "queue",
    "case",
    "dashboard",
    "media backend",
    "alarm sound",
)
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
        assert qapp.styleSheet() == fill_tokens(dark, DARK)
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


# ---------------------------------------------------------------- the installed console
def run_console(
    args: list[str], env: dict[str, str], timeout: float = 120, code: str = ""
) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", code] if code else [sys.executable, "-m", "console", *args]
    return subprocess.run(
        command,
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def clean_env(tmp_path: Path) -> dict[str, str]:
    """A user with an empty profile; no DUTY_CONSOLE_HOME; temp files under tmp_path."""
    home = tmp_path / "user"
    scratch = tmp_path / "tmp"
    for folder in (home, scratch):
        folder.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "DUTY_CONSOLE_HOME"}
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_STATE_HOME=str(home / ".local" / "state"),
        XDG_CACHE_HOME=str(home / ".cache"),
        TMPDIR=str(scratch),
        QT_QPA_PLATFORM="offscreen",
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
    )
    return env


def test_self_test_prints_every_step_and_leaves_the_profile_alone(tmp_path: Path) -> None:
    env = clean_env(tmp_path)
    done = run_console(["--self-test"], env)
    out = done.stdout
    assert done.returncode == 0, out + done.stderr
    for number, step in enumerate(STEPS, start=1):
        assert f"[{number}/{len(STEPS)}] {step}:" in out, step
    assert "audio output:" in out
    assert "self-test: ok (8 steps;" in out and "main window after" in out
    # Nothing of the run stays behind: not in the profile, not in the temp folder.
    assert not [p for p in Path(env["HOME"]).rglob("*") if "duty-console" in p.name.lower()]
    assert not [p for p in Path(env["TMPDIR"]).iterdir() if p.name.startswith("duty-console")]


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_self_test_names_the_failing_step_and_keeps_its_log(tmp_path: Path) -> None:
    env = clean_env(tmp_path)
    env[PASSWORD_ENV] = "demo-pass"
    server = f"http://127.0.0.1:{_closed_port()}"
    done = run_console(["--self-test", "--server", server, "--badge", "010001"], env)
    out = done.stdout
    assert done.returncode == 1, out + done.stderr
    assert "[1/8] platform:" in out
    assert "self-test: FAILED at step 'sign-in':" in out
    assert "无法连接到平台" in out  # the officer's Chinese sentence, not a traceback
    kept = Path(out.split("kept in ", 1)[1].split()[0])
    assert kept.is_relative_to(Path(env["TMPDIR"]))
    log = (kept / "logs" / "duty-console.log").read_text(encoding="utf-8")
    assert "FAILED at step 'sign-in'" in log
    assert "demo-pass" not in log


CRASH_CHILD = r"""
import sys
from PySide6.QtCore import QCoreApplication, QTimer
import console.app
import console.crash

def told(text):
    print("TOLD:" + text, flush=True)
    QCoreApplication.exit(3)

def start(self):
    def boom():
        raise RuntimeError("boom while showing 13812345678")
    QTimer.singleShot(0, boom)

console.crash._show_dialog = told          # the modal box would wait for a click
console.app.ConsoleApp.start = start       # an unhandled error in a Qt slot, at start-up
from console.__main__ import main
sys.exit(main(["--server", "http://127.0.0.1:9", "--lang", "zh_CN"]))
"""


def test_an_unhandled_error_is_logged_and_told_in_chinese(tmp_path: Path) -> None:
    env = clean_env(tmp_path)
    env["DUTY_CONSOLE_HOME"] = str(tmp_path / "home")
    done = run_console([], env, timeout=60, code=CRASH_CHILD)
    assert done.returncode == 3, done.stdout + done.stderr
    log_path = tmp_path / "home" / "logs" / "duty-console.log"
    told = done.stdout.split("TOLD:", 1)[1]
    assert "值班台发生意外错误" in told and "草稿" in told and str(log_path) in told
    log = log_path.read_text(encoding="utf-8")
    assert "RuntimeError: boom while showing" in log
    assert "13812345678" not in log  # a phone number in an error message is still redacted
