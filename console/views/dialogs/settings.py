"""值班台 → 设置… (Ctrl+,): the settings an officer or IT may change on a workstation.

Every value goes through `console.settings.Settings`; the controller (console/app.py)
listens to its ``changed`` signal and applies theme, volume and chime choices at once.
Language and server apply at the next start, the alert journal at the next sign-in,
and the dialog says so next to each of them.

Two things are deliberately not settings: certificate verification (a custom CA
bundle can be named, verification cannot be turned off) and silencing silent-report
alarms (the chime for ordinary posts can be muted; alarms always sound).

Checking the entered paths touches the disk (a CA bundle on a network share may be
slow), so it runs on a worker; the dialog waits for the answer before saving.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from console.alerts.player import ALARM, SoundPlayer
from console.alerts.policy import MIN_ALARM_VOLUME
from console.settings import Settings
from console.tasks import Runner, TaskRunner
from console.views.dialogs.checks import Problem, check_values
from console.views.dialogs.common import fit_wrapped_text
from console.views.theme import colours

# The settings this dialog edits, in the order they are saved.
FIELDS = (
    "server_url",
    "ca_bundle",
    "language",
    "theme",
    "volume",
    "chime_muted",
    "chime_scope",
    "alert_journal_path",
)


def _path_row(edit: QLineEdit, button: QPushButton) -> QWidget:
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(edit, 1)
    layout.addWidget(button)
    return row


def _note(text: str = "", name: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    label.setWordWrap(True)
    if name:
        label.setObjectName(name)
    return label


class SettingsDialog(QDialog):
    """The settings dialog.

    Args:
        settings: where every value is read from and written to.
        player: the session's sound player, for the test button (None: no session yet).
        overrides: setting name -> value given on the command line for this run (shown
            as taking precedence; the saved value is still what the dialog edits).
        runner: where the path checks run (default: a task runner of its own).

    Attributes:
        last_problems: sentences shown for the last refused save (empty when it worked).
    """

    def __init__(
        self,
        settings: Settings,
        *,
        player: SoundPlayer | None = None,
        overrides: dict[str, str] | None = None,
        runner: Runner | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("SettingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.settings = settings
        self.player = player
        self.overrides = {k: v for k, v in (overrides or {}).items() if v}
        self._runner: Runner = runner or TaskRunner(max_threads=1, parent=self)
        self._close_after_save = False
        self._saving = False
        self.last_problems: list[str] = []
        self._started_language = settings.language

        layout = QVBoxLayout(self)
        layout.addWidget(self._build_connection())
        layout.addWidget(self._build_sound())
        layout.addWidget(self._build_journal())
        layout.addWidget(self._build_appearance())
        self.error_label = _note(name="SettingsError")
        self.error_label.setStyleSheet(f"color: {colours().problem_text}; font-weight: 600;")
        self.error_label.hide()
        layout.addWidget(self.error_label)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.Apply
        )
        self.buttons.clicked.connect(self._button_clicked)
        layout.addWidget(self.buttons)
        self.load()
        self.setMinimumWidth(600)

    # ------------------------------------------------------------ building
    def _build_connection(self) -> QGroupBox:
        box = QGroupBox(self.tr("Platform connection"))
        form = QFormLayout(box)
        self.server_edit = QLineEdit()
        self.server_edit.setObjectName("ServerUrl")
        self.server_edit.setPlaceholderText(self.tr("Empty: the local demo platform"))
        form.addRow(self.tr("Server URL"), self.server_edit)
        self.server_note = _note(self.tr("Applies the next time the console starts."))
        form.addRow("", self.server_note)
        self.http_note = _note(
            self.tr(
                "Plain http:// sends passwords and reports unencrypted; "
                "use https:// for anything but this computer."
            ),
            "HttpWarning",
        )
        self.http_note.setStyleSheet(f"color: {colours().caution_text};")
        form.addRow("", self.http_note)
        self.server_edit.textChanged.connect(self._server_changed)

        self.ca_edit = QLineEdit()
        self.ca_edit.setObjectName("CaBundle")
        self.ca_edit.setPlaceholderText(self.tr("Empty: the built-in list of authorities"))
        self.ca_browse = QPushButton(self.tr("Browse…"))
        self.ca_browse.clicked.connect(self._browse_ca)
        form.addRow(self.tr("Trusted certificates"), _path_row(self.ca_edit, self.ca_browse))
        form.addRow(
            "",
            _note(
                self.tr(
                    "A PEM file with your organisation's certificate authorities, when the "
                    "platform's certificate is issued by them. Certificate verification is "
                    "always on and cannot be turned off."
                ),
                "TlsNote",
            ),
        )
        self._add_override_note(form, "server_url")
        self._add_override_note(form, "ca_bundle")
        return box

    def _build_sound(self) -> QGroupBox:
        box = QGroupBox(self.tr("Sound"))
        form = QFormLayout(box)
        self.volume_slider = QSlider(Qt.Orientation.Horizontal)
        self.volume_slider.setObjectName("Volume")
        self.volume_slider.setRange(MIN_ALARM_VOLUME, 100)
        self.volume_slider.setPageStep(10)
        self.volume_value = QLabel()
        self.volume_value.setMinimumWidth(self.fontMetrics().horizontalAdvance("100 %") + 8)
        self.volume_slider.valueChanged.connect(
            lambda v: self.volume_value.setText(self.tr("{n} %").format(n=v))
        )
        self.test_button = QPushButton(self.tr("Test sound"))
        self.test_button.setObjectName("TestSound")
        self.test_button.setToolTip(self.tr("Plays the alarm once at this volume"))
        self.test_button.clicked.connect(self.test_sound)
        row = QWidget()
        row_layout = QHBoxLayout(row)
        row_layout.setContentsMargins(0, 0, 0, 0)
        row_layout.addWidget(self.volume_slider, 1)
        row_layout.addWidget(self.volume_value)
        row_layout.addWidget(self.test_button)
        form.addRow(self.tr("Volume"), row)
        self.audio_state = _note(name="AudioState")
        self.audio_state.setStyleSheet(f"color: {colours().problem_text}; font-weight: 600;")
        form.addRow("", self.audio_state)
        self._show_audio_state()

        self.chime_muted_box = QCheckBox(self.tr("Mute the chime for new ordinary posts"))
        self.chime_muted_box.setObjectName("ChimeMuted")
        form.addRow("", self.chime_muted_box)
        self.chime_scope_box = QComboBox()
        self.chime_scope_box.setObjectName("ChimeScope")
        self.chime_scope_box.addItem(self.tr("Every new post"), "all")
        self.chime_scope_box.addItem(self.tr("Only posts of my unit"), "unit")
        self.chime_muted_box.toggled.connect(lambda on: self.chime_scope_box.setEnabled(not on))
        form.addRow(self.tr("Chime for"), self.chime_scope_box)
        self.alarm_note = _note(
            self.tr(
                "Silent-report alarms can never be muted: they sound until someone "
                "acknowledges them, never quieter than {n} %."
            ).format(n=MIN_ALARM_VOLUME),
            "AlarmNote",
        )
        self.alarm_note.setStyleSheet("font-weight: 600;")
        form.addRow("", self.alarm_note)
        return box

    def _build_journal(self) -> QGroupBox:
        box = QGroupBox(self.tr("Alert journal"))
        form = QFormLayout(box)
        self.journal_edit = QLineEdit()
        self.journal_edit.setObjectName("JournalPath")
        self.journal_browse = QPushButton(self.tr("Browse…"))
        self.journal_browse.clicked.connect(self._browse_journal)
        form.addRow(self.tr("File"), _path_row(self.journal_edit, self.journal_browse))
        form.addRow(
            "",
            _note(
                self.tr(
                    "Every alarm start, stop, acknowledgement and escalation is written "
                    "here. Applies at the next sign-in."
                )
            ),
        )
        self._add_override_note(form, "alert_journal_path")
        return box

    def _build_appearance(self) -> QGroupBox:
        box = QGroupBox(self.tr("Appearance"))
        form = QFormLayout(box)
        self.language_box = QComboBox()
        self.language_box.setObjectName("Language")
        # Each language in its own name: whoever cannot read the current one finds theirs.
        self.language_box.addItem("简体中文", "zh_CN")
        self.language_box.addItem("English", "en")
        form.addRow(self.tr("Language"), self.language_box)
        self.language_note = _note(
            self.tr("The new language applies the next time the console starts."),
            "LanguageNote",
        )
        form.addRow("", self.language_note)
        self.language_box.currentIndexChanged.connect(self._language_changed)
        self.theme_box = QComboBox()
        self.theme_box.setObjectName("Theme")
        self.theme_box.addItem(self.tr("Follow the system"), "system")
        self.theme_box.addItem(self.tr("Light"), "light")
        self.theme_box.addItem(self.tr("Dark (night shift)"), "dark")
        form.addRow(self.tr("Theme"), self.theme_box)
        return box

    def _add_override_note(self, form: QFormLayout, name: str) -> None:
        value = self.overrides.get(name)
        if value:
            note = _note(
                self.tr("This run was started with {value} on the command line; it wins.").format(
                    value=value
                ),
                f"Override_{name}",
            )
            form.addRow("", note)

    def event(self, e: QEvent) -> bool:
        handled = super().event(e)
        fit_wrapped_text(self, e)
        return handled

    # ------------------------------------------------------------ values
    def load(self) -> None:
        """Show the saved values."""
        s = self.settings
        self.server_edit.setText(s.server_url)
        self.ca_edit.setText(s.ca_bundle)
        self._select(self.language_box, s.language)
        self._select(self.theme_box, s.theme)
        self.volume_slider.setValue(max(MIN_ALARM_VOLUME, s.volume))
        self.volume_value.setText(self.tr("{n} %").format(n=self.volume_slider.value()))
        self.chime_muted_box.setChecked(s.chime_muted)
        self.chime_scope_box.setEnabled(not self.chime_muted_box.isChecked())
        self._select(self.chime_scope_box, s.chime_scope)
        self.journal_edit.setText(s.alert_journal_path)
        self._server_changed(self.server_edit.text())
        self._language_changed()

    def values(self) -> dict[str, Any]:
        """What the dialog shows now, as setting values."""
        return {
            "server_url": self.server_edit.text().strip().rstrip("/"),
            "ca_bundle": self.ca_edit.text().strip(),
            "language": str(self.language_box.currentData()),
            "theme": str(self.theme_box.currentData()),
            "volume": int(self.volume_slider.value()),
            "chime_muted": self.chime_muted_box.isChecked(),
            "chime_scope": str(self.chime_scope_box.currentData()),
            "alert_journal_path": self.journal_edit.text().strip(),
        }

    @staticmethod
    def _select(box: QComboBox, data: str) -> None:
        index = box.findData(data)
        box.setCurrentIndex(max(0, index))

    # ------------------------------------------------------------ saving
    def save(self, close: bool = False) -> None:
        """Check the values on a worker, then write them (and close, for OK)."""
        if self._saving:
            return
        self._saving = True
        self._close_after_save = close
        self.buttons.setEnabled(False)
        values = self.values()
        self._runner.run(
            lambda: check_values(values),
            lambda problems: self._checked(values, problems),
            self._check_failed,
        )

    def _checked(self, values: dict[str, Any], problems: list[Problem]) -> None:
        self._saving = False
        self.buttons.setEnabled(True)
        if problems:
            self._show_problems([self._sentence(p) for p in problems])
            return
        self.error_label.hide()
        self.last_problems = []
        for name in FIELDS:
            self.settings.set(name, values[name])
        if self._close_after_save:
            self.accept()

    def _check_failed(self, exc: Exception) -> None:
        self._saving = False
        self.buttons.setEnabled(True)
        self._show_problems([self.tr("The settings could not be checked: {e}").format(e=exc)])

    def _show_problems(self, sentences: list[str]) -> None:
        self.last_problems = sentences
        self.error_label.setText("\n".join(sentences))
        self.error_label.show()

    def _sentence(self, p: Problem) -> str:
        if p.field == "server_url":
            return self.tr("The server URL must start with https:// (or http://) and name a host.")
        if p.field == "ca_bundle":
            if p.kind == "missing":
                return self.tr("The certificate file does not exist.")
            if p.kind == "not_pem":
                return self.tr("The certificate file is not a PEM file of certificates.")
            return self.tr("The certificate file cannot be used: {e}").format(e=p.detail)
        if p.kind == "empty":
            return self.tr("The alert journal needs a file.")
        return self.tr("The alert journal file cannot be written: {e}").format(e=p.detail)

    def _button_clicked(self, button: QAbstractButton) -> None:
        role = self.buttons.standardButton(button)
        if role == QDialogButtonBox.StandardButton.Ok:
            self.save(close=True)
        elif role == QDialogButtonBox.StandardButton.Apply:
            self.save(close=False)
        else:
            self.reject()

    def done(self, result: int) -> None:
        # The test button may have left the player at the slider's volume: back to the saved one.
        if self.player is not None:
            self.player.set_volume(max(MIN_ALARM_VOLUME, self.settings.volume))
        if isinstance(self._runner, TaskRunner) and self._runner.parent() is self:
            self._runner.shutdown(2000)
        super().done(result)

    # ------------------------------------------------------------ sound
    def test_sound(self) -> None:
        """Play the alarm once through the session's player at the slider's volume."""
        if self.player is None:
            return
        self.player.set_volume(self.volume_slider.value())
        self.player.play_once(ALARM)
        self._show_audio_state()

    def _show_audio_state(self) -> None:
        player = self.player
        if player is None:
            self.test_button.setEnabled(False)
            self.audio_state.setText(self.tr("The sound can be tested once you are signed in."))
            self.audio_state.setStyleSheet("")
            self.audio_state.show()
        elif not player.output_ok:
            self.audio_state.setText(
                self.tr("Alarms cannot sound: {reason}").format(
                    reason=player.failure_reason or self.tr("no audio output device found")
                )
            )
            self.audio_state.show()
        else:
            self.audio_state.hide()

    # ------------------------------------------------------------ small reactions
    def _server_changed(self, text: str) -> None:
        host = urlsplit(text.strip()).hostname or ""
        local = host in ("localhost", "::1") or host.startswith("127.")
        self.http_note.setVisible(text.strip().lower().startswith("http://") and not local)

    def _language_changed(self, *_args: Any) -> None:
        self.language_note.setVisible(self.language_box.currentData() != self._started_language)

    def _browse_ca(self) -> None:
        dlg = QFileDialog(
            self,
            self.tr("Trusted certificates"),
            str(Path(self.ca_edit.text()).parent) if self.ca_edit.text() else "",
            self.tr("Certificates (*.pem *.crt *.cer);;All files (*)"),
        )
        dlg.setFileMode(QFileDialog.FileMode.ExistingFile)
        dlg.fileSelected.connect(self.ca_edit.setText)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.show()  # not modal: the alarm banner stays clickable

    def _browse_journal(self) -> None:
        dlg = QFileDialog(
            self,
            self.tr("Alert journal"),
            self.journal_edit.text(),
            self.tr("JSON lines (*.jsonl);;All files (*)"),
        )
        dlg.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dlg.setOption(QFileDialog.Option.DontConfirmOverwrite)  # the journal appends
        dlg.fileSelected.connect(self.journal_edit.setText)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.show()  # not modal: the alarm banner stays clickable
