"""The sign-in dialog: server, badge, password, workstation, "remember me".

The dialog only collects and shows; the controller (console/app.py) does the network
call on a worker and answers with `fail()` or `succeed()`. Used both at start-up and
when a token expires mid-shift (`set_reauth`), where server and badge are fixed so
the open case and draft stay with the same officer.

Enter always means "sign in": while a sign-in runs the fields turn read-only instead of
disabled, so the focus never falls to another button that the same key press could
click, and 退出 is never a default button. Only a click on 退出 leaves at once; Esc and
the window's close button ask first, because without a signed-in console no
silent-report alarm sounds at this workstation.
"""

from __future__ import annotations

import math

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QIcon
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.signin import LoginForm


class LoginDialog(QDialog):
    """Sign-in form.

    Signals:
        sign_in_requested(LoginForm): the officer pressed 登录 with every field filled.

    Attributes:
        server_edit, badge_edit, password_edit, workstation_edit, remember_box,
        sign_in_button, error_label, keyring_label: the parts tests and the controller use.
        quit_box: the "really quit?" question while it is open (Esc or the close button).
    """

    sign_in_requested = Signal(object)

    def __init__(
        self,
        *,
        server: str = "",
        badge: str = "",
        workstation: str = "",
        keyring_available: bool = True,
        demo: bool = False,
        icon: QIcon | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("LoginDialog")
        self.setWindowTitle(self.tr("Duty Console — sign in"))
        if icon is not None:
            self.setWindowIcon(icon)
        self.setMinimumWidth(520)
        self._busy = False
        self._wait_left = 0
        self._countdown = QTimer(self, interval=1000)
        # Precise: a coarse timer may fire up to 5 % early, and 登录 would come back a
        # moment before the platform listens again (one more refusal).
        self._countdown.setTimerType(Qt.TimerType.PreciseTimer)
        self._countdown.timeout.connect(self._count_down)
        self._leaving = False
        self.quit_box: QMessageBox | None = None

        header = QWidget()
        header.setObjectName("LoginHeader")
        title = QLabel(self.tr("Duty Console"))
        title.setObjectName("LoginTitle")
        self.subtitle = QLabel(self.tr("Online police platform · duty officer workstation"))
        self.subtitle.setObjectName("LoginSubtitle")
        hl = QVBoxLayout(header)
        hl.setContentsMargins(24, 18, 24, 16)
        hl.addWidget(title)
        hl.addWidget(self.subtitle)

        self.server_edit = QLineEdit(server)
        self.server_edit.setPlaceholderText("https://platform.example.gov.cn")
        self.badge_edit = QLineEdit(badge)
        self.badge_edit.setPlaceholderText(self.tr("e.g. 010001"))
        self.badge_edit.setMaxLength(20)
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.workstation_edit = QLineEdit(workstation)
        self.workstation_edit.setMaxLength(100)
        self.remember_box = QCheckBox(self.tr("Remember me on this workstation"))

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setHorizontalSpacing(14)
        form.setVerticalSpacing(10)
        form.addRow(self.tr("Platform"), self.server_edit)
        form.addRow(self.tr("Badge number"), self.badge_edit)
        form.addRow(self.tr("Password"), self.password_edit)
        form.addRow(self.tr("Workstation"), self.workstation_edit)
        form.addRow("", self.remember_box)

        self.demo_label = QLabel(
            self.tr(
                "Local demo platform: invented data on this computer only. "
                "The demo officer is filled in; press Sign in."
            )
        )
        self.demo_label.setObjectName("DemoNotice")
        self.demo_label.setWordWrap(True)
        self.demo_label.setVisible(demo)

        self.keyring_label = QLabel(
            self.tr(
                "This computer has no usable system keyring, so the console cannot remember "
                "your sign-in: you will be asked for your password each time."
            )
        )
        self.keyring_label.setObjectName("KeyringWarning")
        self.keyring_label.setWordWrap(True)
        self.set_keyring_available(keyring_available)

        self.notice_label = QLabel()
        self.notice_label.setObjectName("LoginNotice")
        self.notice_label.setWordWrap(True)
        self.notice_label.hide()

        self.error_label = QLabel()
        self.error_label.setObjectName("LoginError")
        self.error_label.setWordWrap(True)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.hide()

        self.sign_in_button = QPushButton(self.tr("Sign in"))
        self.sign_in_button.setObjectName("PrimaryButton")
        self.sign_in_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Quit"))
        # Never a default button: a Return press that reaches the dialog signs in.
        self.cancel_button.setAutoDefault(False)
        self.sign_in_button.clicked.connect(self._submit)
        self.cancel_button.clicked.connect(self.leave)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.sign_in_button)

        body = QVBoxLayout()
        body.setContentsMargins(24, 18, 24, 20)
        body.setSpacing(12)
        body.addWidget(self.demo_label)
        body.addWidget(self.notice_label)
        body.addLayout(form)
        body.addWidget(self.keyring_label)
        body.addWidget(self.error_label)
        body.addLayout(buttons)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(header)
        outer.addLayout(body)

        for edit in (self.server_edit, self.badge_edit, self.password_edit, self.workstation_edit):
            edit.returnPressed.connect(self._submit)
            edit.textChanged.connect(self._clear_error)
        self._focus_first_empty()

    # ------------------------------------------------------------ set-up by the controller
    def set_keyring_available(self, available: bool) -> None:
        self.keyring_label.setVisible(not available)
        self.remember_box.setEnabled(available)
        if not available:
            self.remember_box.setChecked(False)

    def set_demo(self, url: str | None) -> None:
        """Demo mode: the server is the embedded one; `None` while it is still starting."""
        self.demo_label.show()
        self.server_edit.setReadOnly(True)
        if url is None:
            self.server_edit.setText(
                self.tr("Local demo platform: starting (about a minute the first time)…")
            )
            self.sign_in_button.setEnabled(False)
        else:
            self.server_edit.setText(url)
            self.sign_in_button.setEnabled(not self._busy)
        self._focus_first_empty()

    def prefill(self, badge: str, password: str = "") -> None:
        self.badge_edit.setText(badge)
        self.password_edit.setText(password)
        self._focus_first_empty()

    def set_reauth(self, message: str) -> None:
        """Sign in again as the same officer; nothing open is lost."""
        self.setWindowTitle(self.tr("Duty Console — sign in again"))
        self.notice_label.setText(message)
        self.notice_label.show()
        self.server_edit.setReadOnly(True)
        self.badge_edit.setReadOnly(True)
        self.cancel_button.setText(self.tr("Sign out"))
        self.password_edit.clear()
        self.password_edit.setFocus()

    # ------------------------------------------------------------ answers to a submission
    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.sign_in_button.setEnabled(not busy)
        self.sign_in_button.setText(self.tr("Signing in…") if busy else self.tr("Sign in"))
        for edit in (self.password_edit, self.workstation_edit):
            # Read-only, not disabled: a disabled field would hand the focus on to a
            # button, and the Return that submitted could press it.
            edit.setReadOnly(busy)

    def fail(self, message: str, retry_after: float | None = None) -> None:
        """Say why signing in failed; with ``retry_after`` (too many attempts) count the
        seconds down and keep 登录 disabled until the platform will listen again."""
        self.set_busy(False)
        self.error_label.setText(message)
        self.error_label.show()
        self.password_edit.selectAll()
        self.password_edit.setFocus()
        if retry_after:
            self._wait_left = max(1, math.ceil(retry_after))
            self._countdown.start()
            self._count_down(tick=False)

    def _count_down(self, tick: bool = True) -> None:
        if tick:
            self._wait_left -= 1
        if self._wait_left > 0:
            self.sign_in_button.setEnabled(False)
            self.error_label.setText(
                self.tr("Too many failed sign-ins. You can try again in {n} s.").format(
                    n=self._wait_left
                )
            )
            return
        self._countdown.stop()
        self.sign_in_button.setEnabled(not self._busy)
        self.error_label.setText(self.tr("You can try to sign in again now."))

    def succeed(self) -> None:
        self.set_busy(False)
        self.accept()

    # ------------------------------------------------------------ internals
    def form(self) -> LoginForm:
        return LoginForm(
            server=self.server_edit.text().strip(),
            badge=self.badge_edit.text().strip(),
            password=self.password_edit.text(),
            workstation=self.workstation_edit.text().strip(),
            remember=self.remember_box.isChecked(),
        )

    def _submit(self) -> None:
        if self._busy or not self.sign_in_button.isEnabled():
            return
        f = self.form()
        missing = [
            (f.server, self.server_edit, self.tr("Enter the platform address.")),
            (f.badge, self.badge_edit, self.tr("Enter your badge number.")),
            (f.password, self.password_edit, self.tr("Enter your password.")),
        ]
        for value, edit, message in missing:
            if not value:
                self.error_label.setText(message)
                self.error_label.show()
                edit.setFocus()
                return
        self.set_busy(True)
        self.sign_in_requested.emit(f)

    # ------------------------------------------------------------ leaving
    def leave(self) -> None:
        """The officer clicked 退出 / 注销: leave now, no question."""
        self._leaving = True
        super().reject()

    def reject(self) -> None:
        """Esc (and the close button): ask first; the dialog stays unless they confirm."""
        if self._leaving:
            super().reject()
            return
        if self.quit_box is not None:
            self.quit_box.raise_()
            return
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.windowTitle())
        box.setText(
            self.tr(
                "Quit the Duty Console? Until someone signs in again, no silent-report "
                "alarm sounds at this workstation."
            )
        )
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.button(QMessageBox.StandardButton.Yes).setText(self.cancel_button.text())
        box.button(QMessageBox.StandardButton.No).setText(self.tr("Stay"))
        box.finished.connect(lambda result: self._quit_answered(box, result))
        self.quit_box = box
        box.setWindowModality(Qt.WindowModality.NonModal)  # over a running shift: never modal
        box.show()

    def _quit_answered(self, box: QMessageBox, result: int) -> None:
        self.quit_box = None
        box.deleteLater()
        if result == QMessageBox.StandardButton.Yes:
            self.leave()
        else:
            self.password_edit.setFocus()

    def closeEvent(self, event: QCloseEvent) -> None:
        # The window manager's close button asks like Esc; the console closing it does not.
        if not event.spontaneous() or self._leaving:
            super().closeEvent(event)
            return
        event.ignore()
        self.reject()

    def _clear_error(self) -> None:
        if not self._countdown.isActive():  # the countdown stays while the officer types
            self.error_label.hide()

    def _focus_first_empty(self) -> None:
        for edit in (self.server_edit, self.badge_edit, self.password_edit):
            if not edit.text():
                edit.setFocus()
                return
        self.sign_in_button.setFocus()
