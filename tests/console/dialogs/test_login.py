"""The sign-in dialog as officers use it: type the password, press Enter.

Enter signs in, with a right or a wrong password, and never leaves the dialog; only an
explicit click on 退出 or Esc with a confirmation does.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from console.app import ConsoleApp
from console.views.dialogs.login import LoginDialog
from tests.helpers.console import PASSWORD, dispose, make_app
from tests.helpers.console_expected_logs import REFUSED, TASK_FAILED
from tests.helpers.platform import RunningPlatform

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("chinese")]


@pytest.fixture
def app(qtbot: Any, platform: RunningPlatform, no_keyring: None) -> Iterator[ConsoleApp]:
    """The dialog as on a workstation without a keyring ("remember me" greyed out): the
    focus chain after the password field then runs straight to the buttons."""
    console = make_app(platform)
    console.start()
    dlg = console.dialog
    assert dlg is not None
    qtbot.waitUntil(lambda: not dlg.remember_box.isEnabled())
    dlg.badge_edit.setText("010001")
    dlg.activateWindow()
    qtbot.waitUntil(dlg.isActiveWindow)
    yield console
    dispose(console)


def type_password_and_press_enter(qtbot: Any, dlg: LoginDialog, password: str) -> None:
    dlg.password_edit.setFocus()
    qtbot.waitUntil(dlg.password_edit.hasFocus)
    qtbot.keyClicks(dlg.password_edit, password)
    qtbot.keyClick(dlg.password_edit, Qt.Key.Key_Return)


def test_enter_in_the_password_field_signs_in(qtbot: Any, app: ConsoleApp) -> None:
    dlg = app.dialog
    assert dlg is not None
    with (
        qtbot.assertNotEmitted(app.exit_requested),
        qtbot.waitSignal(app.session_started, timeout=15_000),
    ):
        type_password_and_press_enter(qtbot, dlg, PASSWORD)
    assert app.session is not None and app.session.window.isVisible()


@pytest.mark.expected_log(REFUSED + r"POST .*/auth/login: 401 ")
@pytest.mark.expected_log(TASK_FAILED)
def test_enter_with_a_wrong_password_stays_in_the_dialog(qtbot: Any, app: ConsoleApp) -> None:
    dlg = app.dialog
    assert dlg is not None
    with qtbot.assertNotEmitted(app.exit_requested, wait=300):
        type_password_and_press_enter(qtbot, dlg, "wrong-password")
        qtbot.waitUntil(dlg.error_label.isVisible, timeout=10_000)
    assert dlg.isVisible() and "密码不正确" in dlg.error_label.text()
    assert dlg.password_edit.hasFocus()  # ready for the next try
    # and Enter again tries again, still without leaving
    with qtbot.assertNotEmitted(app.exit_requested, wait=300):
        dlg.password_edit.clear()
        type_password_and_press_enter(qtbot, dlg, "wrong-again")
        qtbot.waitUntil(lambda: not dlg.sign_in_button.isEnabled(), timeout=2000)
        qtbot.waitUntil(dlg.sign_in_button.isEnabled, timeout=10_000)
    assert dlg.isVisible()


def test_escape_asks_before_quitting(qtbot: Any, app: ConsoleApp) -> None:
    dlg = app.dialog
    assert dlg is not None
    with qtbot.assertNotEmitted(app.exit_requested, wait=200):
        qtbot.keyClick(dlg.password_edit, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: dlg.quit_box is not None and dlg.quit_box.isVisible())
        box = dlg.quit_box
        assert box is not None
        assert "静默报警" in box.text()  # says what quitting means for alarms
        qtbot.mouseClick(box.button(QMessageBox.StandardButton.No), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not box.isVisible())
    assert dlg.isVisible()
    with qtbot.waitSignal(app.exit_requested):
        qtbot.keyClick(dlg.password_edit, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: dlg.quit_box is not None and dlg.quit_box.isVisible())
        box = dlg.quit_box
        assert box is not None
        qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)


def test_quit_button_click_leaves_at_once(qtbot: Any, app: ConsoleApp) -> None:
    dlg = app.dialog
    assert dlg is not None
    assert not dlg.cancel_button.autoDefault()  # Enter can never reach it
    with qtbot.waitSignal(app.exit_requested):
        qtbot.mouseClick(dlg.cancel_button, Qt.MouseButton.LeftButton)
    assert QApplication.activeModalWidget() is None
