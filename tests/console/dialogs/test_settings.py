"""The settings dialog on its own (real widgets offscreen): what it shows, what it saves
through Settings, and what it refuses with a sentence."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import certifi
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel

from console.alerts.policy import MIN_ALARM_VOLUME
from console.settings import Settings
from console.views.dialogs.settings import SettingsDialog
from tests.helpers.console import click_button
from tests.helpers.console import type_text as type_chars
from tests.helpers.fakes import FakeSoundPlayer

pytestmark = pytest.mark.unit
SETTING_NAMES = (
    "server_url",
    "ca_bundle",
    "language",
    "theme",
    "volume",
    "chime_muted",
    "chime_scope",
    "alert_journal_path",
)


@pytest.fixture
def settings() -> Settings:
    return Settings()


def open_dialog(qtbot: Any, settings: Settings, **kw: Any) -> SettingsDialog:
    dlg = SettingsDialog(settings, **kw)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    return dlg


def click(qtbot: Any, dlg: SettingsDialog, which: QDialogButtonBox.StandardButton) -> None:
    click_button(qtbot, dlg.buttons, which)


def replace_text(qtbot: Any, edit: Any, text: str) -> None:
    edit.selectAll()
    edit.del_()
    type_chars(edit, text)  # one key event per character: Chinese paths as typed
    assert edit.text() == text


def saved(settings: Settings) -> dict[str, Any]:
    return {name: settings.get(name) for name in SETTING_NAMES}


# ---------------------------------------------------------------- the dialog alone
def test_the_dialog_shows_what_is_saved(qtbot: Any, settings: Settings) -> None:
    settings.set("server_url", "https://platform.example.gov.cn")
    settings.set("volume", 65)
    settings.set("chime_muted", True)
    settings.set("chime_scope", "unit")
    settings.set("theme", "dark")
    dlg = open_dialog(qtbot, settings)
    assert dlg.server_edit.text() == "https://platform.example.gov.cn"
    assert dlg.volume_slider.value() == 65 and dlg.volume_value.text() == "65 %"
    assert dlg.chime_muted_box.isChecked() and not dlg.chime_scope_box.isEnabled()
    assert dlg.chime_scope_box.currentData() == "unit"
    assert dlg.theme_box.currentData() == "dark"
    assert dlg.language_box.currentData() == "zh_CN"
    assert dlg.journal_edit.text() == settings.get("alert_journal_path")
    assert dlg.values() == saved(settings)


def test_ok_saves_every_field_through_settings(
    qtbot: Any, settings: Settings, tmp_path: Path
) -> None:
    changed: list[str] = []
    settings.changed.connect(changed.append)
    dlg = open_dialog(qtbot, settings)
    journal = tmp_path / "值班日志" / "alerts.jsonl"
    replace_text(qtbot, dlg.server_edit, "https://platform.example.gov.cn/")
    replace_text(qtbot, dlg.ca_edit, certifi.where())
    replace_text(qtbot, dlg.journal_edit, str(journal))
    dlg.language_box.setCurrentIndex(dlg.language_box.findData("en"))
    assert dlg.findChild(QLabel, "LanguageNote").isVisible()  # restart notice
    dlg.theme_box.setCurrentIndex(dlg.theme_box.findData("light"))
    dlg.volume_slider.setValue(55)
    qtbot.mouseClick(dlg.chime_muted_box, Qt.MouseButton.LeftButton)
    dlg.chime_scope_box.setCurrentIndex(dlg.chime_scope_box.findData("unit"))

    with qtbot.waitSignal(dlg.accepted, timeout=5000):
        click(qtbot, dlg, QDialogButtonBox.StandardButton.Ok)
    assert saved(settings) == {
        "server_url": "https://platform.example.gov.cn",
        "ca_bundle": certifi.where(),
        "language": "en",
        "theme": "light",
        "volume": 55,
        "chime_muted": True,
        "chime_scope": "unit",
        "alert_journal_path": str(journal),
    }
    assert set(changed) == set(SETTING_NAMES)
    assert journal.parent.is_dir()  # the journal's folder is made when it is chosen
    again = Settings(settings.file_name)  # and it is on disk, not just in memory
    assert again.get("volume") == 55 and again.get("ca_bundle") == certifi.where()


def test_wrong_values_are_refused_with_a_sentence_and_nothing_is_saved(
    qtbot: Any, settings: Settings, tmp_path: Path
) -> None:
    before = saved(settings)
    not_pem = tmp_path / "ca.txt"
    not_pem.write_text("this is not a certificate\n", encoding="utf-8")
    dlg = open_dialog(qtbot, settings)
    replace_text(qtbot, dlg.server_edit, "ftp://platform")
    replace_text(qtbot, dlg.ca_edit, str(not_pem))
    click(qtbot, dlg, QDialogButtonBox.StandardButton.Apply)
    qtbot.waitUntil(dlg.error_label.isVisible, timeout=5000)
    assert len(dlg.last_problems) == 2
    assert "https://" in dlg.last_problems[0]
    assert "not a PEM file" in dlg.last_problems[1]
    assert saved(settings) == before and dlg.isVisible()

    broken = tmp_path / "broken.pem"
    broken.write_text("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")
    replace_text(qtbot, dlg.server_edit, "https://platform.example.gov.cn")
    replace_text(qtbot, dlg.ca_edit, str(broken))
    click(qtbot, dlg, QDialogButtonBox.StandardButton.Ok)
    qtbot.waitUntil(lambda: dlg.last_problems != [] and "cannot be used" in dlg.last_problems[0])
    replace_text(qtbot, dlg.ca_edit, str(tmp_path / "missing.pem"))
    click(qtbot, dlg, QDialogButtonBox.StandardButton.Ok)
    qtbot.waitUntil(lambda: dlg.last_problems == ["The certificate file does not exist."])
    assert saved(settings) == before and dlg.isVisible()

    replace_text(qtbot, dlg.ca_edit, "")  # empty: the built-in list
    with qtbot.waitSignal(dlg.accepted, timeout=5000):
        click(qtbot, dlg, QDialogButtonBox.StandardButton.Ok)
    assert settings.get("server_url") == "https://platform.example.gov.cn"
    assert settings.get("ca_bundle") == ""


def test_test_button_plays_the_alarm_once_at_the_slider_volume(
    qtbot: Any, settings: Settings
) -> None:
    player = FakeSoundPlayer()
    dlg = open_dialog(qtbot, settings, player=player)
    assert dlg.test_button.isEnabled() and not dlg.audio_state.isVisible()
    dlg.volume_slider.setValue(40)
    qtbot.mouseClick(dlg.test_button, Qt.MouseButton.LeftButton)
    assert player.calls == [("set_volume", 40), ("play_once", "alarm")]
    assert player.loops == set()  # once, not a loop

    click(qtbot, dlg, QDialogButtonBox.StandardButton.Cancel)
    assert player.volume == 80  # cancelled: back to the saved volume
    assert settings.get("volume") == 80


def test_alarms_cannot_be_muted_and_a_dead_output_is_said(qtbot: Any, settings: Settings) -> None:
    player = FakeSoundPlayer(output_ok=False)
    dlg = open_dialog(qtbot, settings, player=player)
    assert dlg.audio_state.isVisible()
    assert dlg.audio_state.text().startswith("Alarms cannot sound:")
    note = dlg.findChild(QLabel, "AlarmNote")
    assert note.isVisible() and "can never be muted" in note.text()
    assert str(MIN_ALARM_VOLUME) in note.text()
    assert dlg.volume_slider.minimum() == MIN_ALARM_VOLUME  # no way to turn alarms down to 0
    qtbot.mouseClick(dlg.chime_muted_box, Qt.MouseButton.LeftButton)
    assert not dlg.chime_scope_box.isEnabled()  # muting is about the chime only
    tls = dlg.findChild(QLabel, "TlsNote")
    assert "cannot be turned off" in tls.text()


def test_no_session_means_no_test_button(qtbot: Any, settings: Settings) -> None:
    dlg = open_dialog(qtbot, settings)
    assert not dlg.test_button.isEnabled()
    assert "signed in" in dlg.audio_state.text()


def test_plain_http_to_another_computer_is_warned_about(qtbot: Any, settings: Settings) -> None:
    dlg = open_dialog(qtbot, settings)
    warning = dlg.findChild(QLabel, "HttpWarning")
    for url, warned in (
        ("http://10.1.2.3:8460", True),
        ("https://platform.example.gov.cn", False),
        ("http://127.0.0.1:8460", False),
        ("http://localhost:8460", False),
    ):
        replace_text(qtbot, dlg.server_edit, url)
        assert warning.isVisible() is warned, url


def test_command_line_values_are_shown_as_winning(qtbot: Any, settings: Settings) -> None:
    dlg = open_dialog(qtbot, settings, overrides={"server_url": "https://cli.example", "x": ""})
    note = dlg.findChild(QLabel, "Override_server_url")
    assert note is not None and "https://cli.example" in note.text()
    assert dlg.findChild(QLabel, "Override_ca_bundle") is None
