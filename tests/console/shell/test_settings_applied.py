"""What the settings do to the running console, signed in to a real platform on loopback:
theme, volume and chime at once, the trusted certificates at sign-in; and the About
dialog from the Help menu."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import certifi
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QDialogButtonBox, QLabel

from console import __version__
from console.app import ConsoleApp
from console.views.dialogs.about import AboutDialog
from console.views.dialogs.settings import SettingsDialog
from console.views.theme import style_sheet
from tests.helpers.console import PASSWORD, click_button, dispose, make_app, signed_in
from tests.helpers.console_expected_logs import TASK_FAILED
from tests.helpers.fakes import FakeSoundPlayer
from tests.helpers.platform import RunningPlatform, citizen_post

pytestmark = pytest.mark.e2e


@pytest.fixture
def keep_app_look(qapp: Any) -> Iterator[None]:
    """Themes change the whole application; put it back for the tests after this one."""
    style, sheet, palette = qapp.style().name(), qapp.styleSheet(), QPalette(qapp.palette())
    yield
    qapp.setStyle(style)
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)


# ---------------------------------------------------------------- in the running console
def settings_dialog_from_menu(qtbot: Any, app: Any) -> SettingsDialog:
    window = app.session.window
    assert window.settings_action.shortcut().toString() == "Ctrl+,"
    window.settings_action.trigger()
    dlg = app.settings_dialog
    assert isinstance(dlg, SettingsDialog)
    qtbot.waitExposed(dlg)
    return dlg


def test_settings_from_the_menu_act_on_the_running_console(
    qtbot: Any,
    qapp: Any,
    signed_in_console: ConsoleApp,
    platform: RunningPlatform,
    keep_app_look: None,
) -> None:
    session = signed_in_console.session
    player: FakeSoundPlayer = session.player
    dlg = settings_dialog_from_menu(qtbot, signed_in_console)
    dlg.theme_box.setCurrentIndex(dlg.theme_box.findData("dark"))
    dlg.volume_slider.setValue(55)
    dlg.chime_muted_box.setChecked(True)
    with qtbot.waitSignal(dlg.accepted, timeout=5000):
        click_button(qtbot, dlg.buttons, QDialogButtonBox.StandardButton.Ok)
    qtbot.waitUntil(lambda: signed_in_console.settings_dialog is None)

    assert qapp.styleSheet() == style_sheet("dark")  # the theme applied at once
    checked = [a.data() for a in session.window.theme_group.actions() if a.isChecked()]
    assert checked == ["dark"]
    assert session.policy.volume == 55 and player.volume == 55

    # The policy hears of a new post before anything connected later (this test) does.
    title = "楼道里的灯一直不亮"
    with qtbot.waitSignal(
        session.store.post_added, timeout=10_000, check_params_cb=lambda p: p.title == title
    ):
        citizen_post(platform, title)
    assert "chime" not in player.played_once()

    dlg = settings_dialog_from_menu(qtbot, signed_in_console)
    dlg.chime_muted_box.setChecked(False)
    with qtbot.waitSignal(dlg.accepted, timeout=5000):
        click_button(qtbot, dlg.buttons, QDialogButtonBox.StandardButton.Ok)
    title = "公交站牌被撞歪了"
    with qtbot.waitSignal(
        session.store.post_added, timeout=10_000, check_params_cb=lambda p: p.title == title
    ):
        citizen_post(platform, title)
    assert player.played_once() == ["chime"]


def test_custom_ca_bundle_is_used_for_every_request(qtbot: Any, platform: RunningPlatform) -> None:
    app = make_app(platform, badge="010001", password=PASSWORD)
    app.settings.set("ca_bundle", certifi.where())
    try:
        session = signed_in(qtbot, app)
        assert session.client.verify == certifi.where()
        assert session.client.new_session().verify == certifi.where()  # the live stream too
    finally:
        dispose(app)


@pytest.mark.expected_log(TASK_FAILED)
def test_unreadable_ca_bundle_stops_sign_in_with_a_sentence(
    qtbot: Any, platform: RunningPlatform, tmp_path: Path
) -> None:
    app = make_app(platform, badge="010001", password=PASSWORD)
    missing = tmp_path / "city-ca.pem"
    app.settings.set("ca_bundle", str(missing))
    try:
        with qtbot.waitSignal(app.sign_in_failed, timeout=10_000) as failed:
            app.start()
        message = failed.args[0]
        assert str(missing) in message and "cannot be read" in message
        assert app.session is None  # never a quiet fall-back to another trust list
    finally:
        dispose(app)


def test_about_from_the_help_menu_names_version_platform_and_folders(
    qtbot: Any, signed_in_console: ConsoleApp, console_home: Path
) -> None:
    window = signed_in_console.session.window
    window.about_action.trigger()
    dlg = signed_in_console.about_dialog
    assert isinstance(dlg, AboutDialog)
    qtbot.waitExposed(dlg)
    shown = dict(dlg.rows)
    assert dlg.findChild(QLabel, "AboutVersion").text() == f"Version {__version__}"
    assert shown["Platform"] == signed_in_console.session.info.server
    assert shown["Demo"] == "No"
    assert shown["Data folder"] == str(console_home / "data")
    assert shown["Log file"] == str(console_home / "logs" / "duty-console.log")
    assert shown["Alert journal"] == signed_in_console.settings.get("alert_journal_path")
    assert "Qt " in shown["Components"]
    qtbot.mouseClick(dlg.copy_button, Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text()
    assert f"Duty Console {__version__}" in copied and shown["Log file"] in copied
    dlg.reject()
    qtbot.waitUntil(lambda: signed_in_console.about_dialog is None)
