"""The reply-safety gate: a public reply holding personal data asks before it goes out.

Sits between the reply editor and sending. An internal note goes straight through; a
public reply is checked (console.reply_safety) for ID-card numbers, phone numbers and
street addresses in the officer's own text. When something is found, a question lists
it and says everyone will be able to read it: "Send anyway" sends, "Cancel" (the
default, also Esc) keeps the text in the editor to fix. Nothing is sent while the
question is open.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from console.reply_safety import ADDRESS, ID_CARD, PHONE, Finding, findings
from console.views.case.controller import PUBLIC
from console.views.case.reply_editor import ReplyEditor


def _t(text: str) -> str:
    return QCoreApplication.translate("ReplySafety", text)


def kind_name(kind: str) -> str:
    return {
        ID_CARD: _t("ID-card number"),
        PHONE: _t("Phone number"),
        ADDRESS: _t("Street address"),
    }.get(kind, kind)


def question(found: list[Finding]) -> str:
    """The question's text: what was found, and what sending means."""
    lines = "\n".join(f"• {kind_name(f.kind)}: {f.text}" for f in found)
    return _t(
        "This public reply contains personal data:\n\n{lines}\n\n"
        "Everyone will be able to read it. Send it anyway?"
    ).format(lines=lines)


class ReplySafetyGate(QObject):
    """Connects the editor's send request to `send(mode, text)`, asking first when needed.

    Attributes:
        box: the open question, None when none is open.
    """

    def __init__(
        self, editor: ReplyEditor, send: Callable[[str, str], object], parent: QWidget
    ) -> None:
        super().__init__(parent)
        self._editor = editor
        self._send = send
        self.box: QMessageBox | None = None
        editor.send_requested.connect(self.requested)

    def requested(self, mode: str, text: str) -> None:
        if self.box is not None:
            return
        found = findings(text) if mode == PUBLIC else []
        if not found:
            self._send(mode, text)
            return
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            _t("Personal data in a public reply"),
            question(found),
            QMessageBox.StandardButton.Cancel,
            self._window(),
        )
        box.setObjectName("ReplySafetyQuestion")
        self.send_anyway = box.addButton(_t("Send anyway"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.finished.connect(lambda _r: self._answered(box, mode, text))
        self.box = box
        box.setWindowModality(Qt.WindowModality.NonModal)  # the alarm banner stays usable
        box.show()

    def _window(self) -> QWidget | None:
        parent = self.parent()  # not kept in an attribute: no cycle keeping the view alive
        return parent if isinstance(parent, QWidget) else None

    def _answered(self, box: QMessageBox, mode: str, text: str) -> None:
        self.box = None
        if box.clickedButton() is self.send_anyway:
            self._send(mode, text)
        else:
            self._editor.focus_editor()
        box.deleteLater()
