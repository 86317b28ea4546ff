"""The question before a public reply to a silent report whose reporter asked for no receipt.

A receipt can reach the reporter's phone while the person they are hiding from is next
to them. The case editor starts such a report in internal-note mode; a public reply
needs this explicit confirmation, which names the danger and defaults to not sending.
The safe ways to go on are a private message (私信: on such a report the platform pushes
nothing; it waits until the reporter opens the report themselves) to reach the
reporter, and an internal note to record what was done.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from console.views.case.controller import PUBLIC


class ReceiptWarning(QMessageBox):
    """Window-modal "send a public reply anyway?" box; calls ``on_send`` only on yes.

    Attributes:
        send_button: "send the public reply anyway".
        keep_button: "do not send" (the default, and what Esc does).
    """

    def __init__(self, parent: QWidget, on_send: Callable[[], None]) -> None:
        super().__init__(parent)
        self.setObjectName("ReceiptWarning")
        self.setIcon(QMessageBox.Icon.Warning)
        # Not modal: the alarm banner must stay clickable while the officer thinks.
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.setWindowTitle(self.tr("The reporter asked for no receipt"))
        self.setText(
            self.tr(
                "The reporter of this silent report asked for NO receipt. A public reply "
                "can reach their phone and be seen by the person they are hiding from: "
                "it may put them in danger."
            )
        )
        self.setInformativeText(
            self.tr(
                "Write an internal note instead (Ctrl+2). Send the public reply only if "
                "you are sure the reporter is safe."
            )
        )
        self.send_button: QPushButton = self.addButton(
            self.tr("Send public reply anyway"), QMessageBox.ButtonRole.DestructiveRole
        )
        self.keep_button: QPushButton = self.addButton(
            self.tr("Do not send"), QMessageBox.ButtonRole.RejectRole
        )
        self.setDefaultButton(self.keep_button)
        self.setEscapeButton(self.keep_button)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.buttonClicked.connect(lambda b: on_send() if b is self.send_button else None)
        self.show()


def send_reply(view: Any, mode: str, text: str) -> None:
    """A `CaseView` editor's text to the outbox; a public reply to a no-receipt report
    asks first (the question is `view.receipt_warning` while it is open)."""
    controller = view.controller
    d = controller.detail
    if mode == PUBLIC and d is not None and d.suppress_receipt:
        post_id = d.id

        def send_anyway() -> None:
            if controller.post_id == post_id:
                controller.send(mode, text)

        view.receipt_warning = ReceiptWarning(view, send_anyway)
        view.receipt_warning.destroyed.connect(lambda: setattr(view, "receipt_warning", None))
        return
    controller.send(mode, text)
