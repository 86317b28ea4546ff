"""Helpers for the console-shell tests: a controller against the real test platform,
waiting for what an officer would wait for, and typing Chinese without keyClicks
(which aborts pytest on non-ASCII text, see PITFALLS.md)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from console.app import ConsoleApp, Options
from console.embedded import EmbeddedPlatform
from console.i18n import install_translators, remove_translators
from console.session import Session
from console.settings import Settings
from tests.helpers.fakes import FakeClipPlayer, FakeSoundPlayer
from tests.helpers.platform import Api, RunningPlatform

PASSWORD = "demo-pass"


@contextmanager
def chinese(app: QApplication) -> Iterator[None]:
    translators = install_translators(app, "zh_CN")
    try:
        yield
    finally:
        remove_translators(app, translators)


def type_text(widget: QWidget, text: str) -> None:
    """One key event per character: what a person's typing produces, CJK included."""
    for ch in text:
        QTest.sendKeyEvent(
            QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier
        )


class ExistingPlatform(EmbeddedPlatform):
    """Stands in for the embedded demo platform: the test's own server is "started"."""

    def __init__(self, platform: RunningPlatform) -> None:
        self._url = platform.url
        self.url = ""

    @property
    def running(self) -> bool:
        return bool(self.url)

    def start(self) -> str:
        self.url = self._url
        return self.url

    def stop(self) -> None:
        self.url = ""


def make_app(
    platform: RunningPlatform,
    *,
    demo: bool = False,
    badge: str = "",
    password: str = "",
) -> ConsoleApp:
    options = Options(
        server="" if demo else platform.url,
        badge=badge,
        password=password,
        workstation="测试工作站",
        simulate=False,
    )
    return ConsoleApp(
        options,
        Settings(),
        player_factory=FakeSoundPlayer,
        clip_player_factory=FakeClipPlayer,
        embedded_factory=(lambda: ExistingPlatform(platform)) if demo else None,
    )


def signed_in(qtbot: Any, app: ConsoleApp) -> Session:
    """Start with --badge + password and wait until the queue is on screen."""
    with qtbot.waitSignal(app.session_started, timeout=15_000) as started:
        app.start()
    session: Session = started.args[0]
    qtbot.waitUntil(lambda: session.queue_loaded, timeout=10_000)
    qtbot.waitUntil(lambda: session.stream.state == "live", timeout=10_000)
    return session


def dispose(app: ConsoleApp) -> None:
    """End a console the way the process would, then delete its Qt objects here, on the
    GUI thread (a garbage collection on a worker thread must not be the one to do it)."""
    app.shutdown()
    if app.session is not None:
        app.session.window.close()
    if app.dialog is not None:
        app.dialog.close()
    app.dispose()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()


def revoke(platform: RunningPlatform, token: str) -> None:
    """Another process kills the token (an administrator, or the shift's token expiry)."""
    api = Api(platform.url, token=token)
    assert api.post("/auth/logout").status_code == 204
