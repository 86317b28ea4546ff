"""Console test fixtures: isolated user files and settings, an in-memory keyring,
and a `client` signed in to the real platform on loopback."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import keyring.backend
import keyring.errors
import pytest
from keyring.backends import fail
from PySide6.QtCore import QSettings

from console.api.client import PlatformClient
from console.i18n import install_translators, remove_translators
from platform_server.config import ServerSettings
from platform_server.db import open_database
from platform_server.embedded import EmbeddedServer
from platform_server.reference_data import (
    DEMO_OFFICER_BADGE,
    DEMO_PASSWORD,
    install_reference_data,
)
from tests.helpers.fakes import MemoryKeyring
from tests.helpers.platform import RunningPlatform


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


def start_on_port(db_path: Path, port: int) -> EmbeddedServer:
    """A platform (demo reference data) on a port chosen in advance, e.g. to come back
    after a simulated outage at the address the console already knows."""
    url = f"sqlite:///{db_path}"
    db = open_database(url)
    with db.writing() as session:
        install_reference_data(session)
    db.dispose()
    return EmbeddedServer(ServerSettings(db_url=url, escalation_seconds=2.0), port=port).start()


@pytest.fixture
def client(platform: RunningPlatform) -> PlatformClient:
    """A PlatformClient signed in as the demo duty officer 010001."""
    c = PlatformClient(platform.url, workstation="test-ws")
    c.login(DEMO_OFFICER_BADGE, DEMO_PASSWORD, "test-ws")
    return c


@pytest.fixture
def chinese(qapp: Any) -> Iterator[None]:
    """The console's zh_CN catalogue installed, as officers run it."""
    translators = install_translators(qapp, "zh_CN")
    yield
    remove_translators(qapp, translators)
