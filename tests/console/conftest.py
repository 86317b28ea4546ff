"""Console test fixtures: isolated user files and settings, an in-memory keyring,
platforms with settings of a test's own (``platform`` and ``fresh_platform`` come from
tests/conftest.py), the Chinese catalogue, a real audio sink, and a whole console
signed in.

Markers: every module says whether it is a ``unit`` test (no server), an
``integration`` test (a real platform over loopback) or an ``e2e`` test (a whole
console, as an officer uses it).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtCore import QSettings

from console.api.client import PlatformClient
from console.app import ConsoleApp
from platform_server.demo.reference_data import DEMO_OFFICER_BADGE
from tests.helpers.audio import NullSink, null_sink_daemon
from tests.helpers.console import (
    PASSWORD,
    dispose,
    make_app,
    signed_in,
    start_on_port,
)
from tests.helpers.console import (
    chinese as chinese_catalogue,
)
from tests.helpers.fakes import MemoryKeyring
from tests.helpers.platform import RunningPlatform

ESCALATION_SECONDS = 2.0  # silent reports escalate fast enough for a test to see it


# ---------------------------------------------------------------- the officer's machine
@pytest.fixture(autouse=True)
def console_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every user file (data, logs, settings) of this test lives under tmp_path."""
    home = tmp_path / "console-home"
    monkeypatch.setenv("DUTY_CONSOLE_HOME", str(home))
    qsettings_dir = str(tmp_path / "qsettings")
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, qsettings_dir)
        QSettings.setPath(fmt, QSettings.Scope.SystemScope, qsettings_dir)
    return home


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    """The OS keyring is never touched by tests; this one forgets everything after."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def no_keyring() -> Iterator[None]:
    """A machine without a usable keyring (what a headless box resolves to)."""
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


@pytest.fixture
def chinese(qapp: Any) -> Iterator[None]:
    """The console's zh_CN catalogue installed, as officers run it."""
    with chinese_catalogue(qapp):
        yield


@pytest.fixture(scope="module")
def null_sink(tmp_path_factory: pytest.TempPathFactory) -> Iterator[NullSink]:
    """A private PulseAudio daemon with a null sink (the test skips without PulseAudio)."""
    with null_sink_daemon(tmp_path_factory.mktemp("pulse")) as sink:
        yield sink


# ---------------------------------------------------------------- the platform
@pytest.fixture
def start_platform(tmp_path: Path) -> Iterator[Any]:
    """Start platforms with settings of a test's own; they stop after the test."""
    started: list[RunningPlatform] = []

    def start(name: str = "own", **settings: Any) -> RunningPlatform:
        path = tmp_path / f"{name}.sqlite3"
        p = RunningPlatform.start(path, **{"escalation_seconds": ESCALATION_SECONDS, **settings})
        started.append(p)
        return p

    yield start
    for p in started:
        p.stop()


@pytest.fixture
def platform_on_port() -> Any:
    """Start a platform at a port chosen in advance (to come back at the same address)."""
    return start_on_port


@pytest.fixture
def client(platform: RunningPlatform) -> PlatformClient:
    """A PlatformClient signed in as the demo duty officer 010001."""
    c = PlatformClient(platform.url, workstation="test-ws")
    c.login(DEMO_OFFICER_BADGE, PASSWORD, "test-ws")
    return c


# ---------------------------------------------------------------- the whole console
@pytest.fixture
def signed_in_console(qtbot: Any, platform: RunningPlatform) -> Iterator[ConsoleApp]:
    """The console, signed in as duty officer 010001, its queue on screen."""
    app = make_app(platform, badge="010001", password=PASSWORD)
    session = signed_in(qtbot, app)
    session.window.resize(1600, 900)
    yield app
    dispose(app)
