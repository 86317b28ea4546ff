"""Whatever dialog is open, a silent report can be acknowledged at once: no dialog of
the console is modal, the banner's button works, Ctrl+Shift+A works from inside the
dialog, and a dialog never covers the banner."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from console.app import ConsoleApp
from console.session import Session
from tests.helpers.console import PASSWORD, dispose, make_app, signed_in
from tests.helpers.platform import RunningPlatform, citizen_post, silent_report

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("chinese")]


@pytest.fixture
def app(qtbot: Any, platform: RunningPlatform) -> Iterator[ConsoleApp]:
    console = make_app(platform, badge="010001", password=PASSWORD)
    session = signed_in(qtbot, console)
    session.window.resize(1366, 728)
    yield console
    dispose(console)


def open_transfer(qtbot: Any, app: ConsoleApp, platform: RunningPlatform) -> None:
    session = app.session
    assert session is not None
    pid = citizen_post(platform, "楼下停车场有人砸车窗")
    session.open_case(pid)
    qtbot.waitUntil(lambda: session.case_view.detail is not None, timeout=10_000)
    session.case_view.start_transfer()


def window_of(session: Session) -> Callable[[], QWidget | None]:
    """The newest visible dialog of the session's window."""

    def find() -> QWidget | None:
        found = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QDialog) and w.isVisible() and w is not session.window
        ]
        return found[-1] if found else None

    return find


OPENERS: dict[str, Callable[[Any, ConsoleApp, RunningPlatform], None]] = {
    "transfer": open_transfer,
    "settings": lambda _q, app, _p: app.open_settings(),
    "about": lambda _q, app, _p: app.show_about(),
    "shortcut sheet": lambda _q, app, _p: app.session.window.show_shortcuts(),  # type: ignore[union-attr]
    "save view": lambda _q, app, _p: app.session.queue_view.filter_bar._ask_save_view(),  # type: ignore[union-attr]
    "sign-out question": lambda _q, app, _p: app.session.window.ask_sign_out(),  # type: ignore[union-attr]
    "export": lambda _q, app, _p: app.session.window.dashboard._ask_png(),  # type: ignore[union-attr]
}


@pytest.mark.parametrize("which", list(OPENERS))
def test_acknowledge_with_a_dialog_open(
    qtbot: Any, app: ConsoleApp, platform: RunningPlatform, which: str
) -> None:
    session = app.session
    assert session is not None
    OPENERS[which](qtbot, app, platform)
    find = window_of(session)
    qtbot.waitUntil(lambda: find() is not None, timeout=5000)
    dialog = find()
    assert dialog is not None
    assert QGuiApplication.modalWindow() is None  # nothing blocks the main window
    assert QApplication.activeModalWidget() is None

    # the banner's button
    first = silent_report(platform, "我被困在电梯里，手机快没电了")
    qtbot.waitUntil(lambda: session.banner.shown_post_ids == [first], timeout=10_000)
    banner_rect = QRect(session.banner.mapToGlobal(QPoint(0, 0)), session.banner.size())
    qtbot.waitUntil(lambda: not dialog.frameGeometry().intersects(banner_rect), timeout=3000)
    qtbot.mouseClick(session.banner.first_ack_button(), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: session.banner.shown_post_ids == [], timeout=10_000)

    # Ctrl+Shift+A with the dialog in front
    second = silent_report(platform, "有人在门外一直敲门，我一个人在家")
    qtbot.waitUntil(lambda: session.banner.shown_post_ids == [second], timeout=10_000)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=3000)
    target = QApplication.focusWidget() or dialog
    keys = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    QTest.keyClick(target, Qt.Key.Key_A, keys)
    qtbot.waitUntil(lambda: session.banner.shown_post_ids == [], timeout=10_000)
    assert dialog.isVisible()  # the officer's dialog is still there to finish
