"""Console test fixtures: isolated user files and settings, an in-memory keyring,
and a `client` signed in to the real platform on loopback."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backend
import keyring.errors
import pytest
from keyring.backends import fail
from PySide6.QtCore import QSettings

from console.api.client import PlatformClient
from platform_server.config import ServerSettings
from platform_server.demo.reference_data import (
    DEMO_OFFICER_BADGE,
    DEMO_PASSWORD,
    install_reference_data,
)
from platform_server.embedded import EmbeddedServer
from platform_server.storage.engines import open_database
from tests.helpers.platform import RunningPlatform


class MemoryKeyring(keyring.backend.KeyringBackend):
    """The OS keyring, faked: a dict (keyring itself ships no such backend)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if (service, username) not in self.store:
            raise keyring.errors.PasswordDeleteError("not stored")
        del self.store[(service, username)]


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
