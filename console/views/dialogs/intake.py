"""Recording a post from the hotline, an SMS, a letter or a visit — keyboard first.

A hotline officer types while listening, so the form never needs the mouse: the fields
come in the order a caller gives them (channel, name, phone, board, title, what
happened, where); Tab moves on, Enter in any one-line field records the post, Ctrl+Enter
does it from the text, Esc cancels — after asking, if anything has been typed.

Where: the address as the caller says it, and its point — typed or pasted as "latitude,
longitude" (a caller reading them off a phone, an SMS that carries them), or marked on the
city map (F4, `console/views/dialogs/place_pick.py`). The platform stores a location
only with its point, so an address without one is not sent: the form says so and
keeps it.

The post goes to the platform (`POST /posts`) on a worker with one Idempotency-Key per
form, so pressing Enter again after a lost answer records it once. A refusal keeps
everything typed and says why, in the platform's own sentence.
"""

from __future__ import annotations

import itertools
import re
import uuid
from collections.abc import Sequence
from typing import Any, Protocol

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from console.api.errors import ApiError
from console.api.models import Board, PostSummary
from console.tasks import Runner
from console.views.dialogs.common import fit_wrapped_text
from console.views.dialogs.place_pick import PlacePicker
from console.views.map.geometry import format_coordinates
from console.views.map.source import CityGeoSource
from console.views.queue.model import channel_name

CHANNELS = ("hotline", "sms", "letter", "visit")
PHONE = re.compile(r"^\+?[0-9]{5,15}$")
# "36.0712, 118.3521", "36.0712，118.3521" or "36.0712 118.3521": latitude first.
COORDINATES = re.compile(r"^\s*(-?\d{1,2}(?:\.\d+)?)\s*[,，\s]\s*(-?\d{1,3}(?:\.\d+)?)\s*$")


def parse_point(text: str) -> tuple[float, float] | None:
    """(lat, lon) from what was typed, or None if it is not a pair in range."""
    m = COORDINATES.match(text)
    if m is None:
        return None
    lat, lon = float(m.group(1)), float(m.group(2))
    return (lat, lon) if -90 <= lat <= 90 and -180 <= lon <= 180 else None


class RecordClient(Protocol):
    def record_post(self, body: dict[str, Any], idem_key: str) -> PostSummary: ...


class _BodyEdit(QPlainTextEdit):
    """The caller's account: Tab leaves it, Ctrl+Enter records the post."""

    submit = Signal()

    def keyPressEvent(self, e: QKeyEvent) -> None:
        ctrl = e.modifiers() & Qt.KeyboardModifier.ControlModifier
        if ctrl and e.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submit.emit()
            return
        super().keyPressEvent(e)


class IntakeDialog(QDialog):
    """The form. Signals: recorded(PostSummary) — the platform has the post."""

    recorded = Signal(object)

    def __init__(
        self,
        boards: Sequence[Board],
        client: RecordClient,
        tasks: Runner,
        parent: QWidget | None = None,
        city: CityGeoSource | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("IntakeDialog")
        self.setWindowTitle(self.tr("Record a call, SMS, letter or visit"))
        self._client = client
        self._tasks = tasks
        self.confirm_box: QMessageBox | None = None
        self._key = uuid.uuid4().hex  # one per form: a repeated Enter records it once
        self._busy = False
        self._city = city
        self.picker: PlacePicker | None = None

        self.channel = QComboBox()
        for code in CHANNELS:
            self.channel.addItem(channel_name(code), code)
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("The caller's name"))
        self.phone = QLineEdit()
        self.phone.setPlaceholderText(self.tr("Digits only, e.g. 13812345678"))
        self.board = QComboBox()
        for b in boards:
            if not b.restricted:
                self.board.addItem(b.name, b.code)
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText(
            self.tr("In a few words, e.g. neighbour's dog barks all night")
        )
        self.body = _BodyEdit()
        self.body.setTabChangesFocus(True)
        self.body.setPlaceholderText(self.tr("What the citizen says (Ctrl+Enter records)."))
        self.body.submit.connect(self.submit)
        self.address = QLineEdit()
        self.address.setMaxLength(300)
        self.address.setPlaceholderText(
            self.tr("As the caller says it, e.g. the crossing of Jiefang Road and Renmin Road")
        )
        self.point = QLineEdit()
        self.point.setPlaceholderText(self.tr("Latitude, longitude — or F4 to mark it on the map"))
        self.map_button = QToolButton()
        self.map_button.setObjectName("IntakeMap")
        self.map_button.setText(self.tr("Map… (F4)"))
        self.map_button.clicked.connect(self.pick_on_map)
        QShortcut(QKeySequence(Qt.Key.Key_F4), self, self.pick_on_map)
        point_row = QHBoxLayout()
        point_row.setContentsMargins(0, 0, 0, 0)
        point_row.addWidget(self.point, 1)
        point_row.addWidget(self.map_button)
        self.error = QLabel()
        self.error.setObjectName("IntakeError")
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.hide()

        form = QFormLayout()
        form.addRow(self.tr("Channel"), self.channel)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Phone"), self.phone)
        form.addRow(self.tr("Board"), self.board)
        form.addRow(self.tr("Title"), self.title_edit)
        form.addRow(self.tr("Account"), self.body)
        form.addRow(self.tr("Address"), self.address)
        form.addRow(self.tr("Point"), point_row)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Record (Enter)"))
        ok.setDefault(True)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        hint = QLabel(self.tr("Tab: next field · Enter: record · Esc: cancel"))
        hint.setObjectName("IntakeHint")
        col = QVBoxLayout(self)
        col.addLayout(form)
        col.addWidget(self.error)
        col.addWidget(hint)
        col.addWidget(self.buttons)
        for field in (self.name, self.phone, self.title_edit, self.address, self.point):
            field.returnPressed.connect(self.submit)
        order: list[QWidget] = [
            self.channel,
            self.name,
            self.phone,
            self.board,
            self.title_edit,
            self.body,
            self.address,
            self.point,
            self.map_button,
            ok,
        ]
        for first, then in itertools.pairwise(order):
            QWidget.setTabOrder(first, then)
        self.setMinimumWidth(520)
        self.name.setFocus()

    # ------------------------------------------------------------ values
    def payload(self) -> dict[str, Any]:
        phone = self.phone.text().strip()
        return {
            "channel": self.channel.currentData(),
            "board": self.board.currentData(),
            "title": self.title_edit.text().strip(),
            "body": self.body.toPlainText().strip(),
            "citizen": {"name": self.name.text().strip(), "phone": phone or None},
            **self._location(),
        }

    def _location(self) -> dict[str, Any]:
        point = parse_point(self.point.text())
        if point is None:
            return {}
        address = self.address.text().strip()
        return {"location": {"lat": point[0], "lon": point[1], "address": address or None}}

    def typed_anything(self) -> bool:
        texts = (
            self.name.text(),
            self.phone.text(),
            self.title_edit.text(),
            self.address.text(),
            self.point.text(),
        )
        return any(t.strip() for t in texts) or bool(self.body.toPlainText().strip())

    def problem(self) -> tuple[str, QWidget] | None:
        """What is missing or wrong, and the field to fix, before anything is sent."""
        p = self.payload()
        if not p["citizen"]["name"]:
            return self.tr("Enter the citizen's name."), self.name
        phone = p["citizen"]["phone"]
        if phone is not None and not PHONE.match(phone):
            return self.tr("The phone number should be 5 to 15 digits."), self.phone
        if not p["board"]:
            return self.tr("Choose a board."), self.board
        if not p["title"]:
            return self.tr("Enter a title."), self.title_edit
        if not p["body"]:
            return self.tr("Write down what the citizen says."), self.body
        if self.point.text().strip() and "location" not in p:
            return (
                self.tr("The point should be latitude, longitude, e.g. 36.0712, 118.3521."),
                self.point,
            )
        if self.address.text().strip() and "location" not in p:
            return (
                self.tr(
                    "Mark the address on the map (F4) or type its coordinates; the platform "
                    "keeps a place only with its point. Or clear the address."
                ),
                self.point,
            )
        return None

    # ------------------------------------------------------------ where
    def pick_on_map(self) -> None:
        """The city map, to mark where the caller is (F4)."""
        if self.picker is not None:
            self.picker.activateWindow()
            return
        start = parse_point(self.point.text())
        picker = PlacePicker(self._city, start, self)
        picker.accepted.connect(lambda: self._picked(picker))
        picker.finished.connect(lambda _r: self._picker_closed(picker))
        self.picker = picker
        picker.setWindowModality(Qt.WindowModality.NonModal)  # the alarm banner stays usable
        picker.show()
        picker.raise_()
        picker.activateWindow()  # the keys go to the map at once

    def _picked(self, picker: PlacePicker) -> None:
        if picker.point is not None:
            self.point.setText(format_coordinates(*picker.point))
        self.point.setFocus()

    def _picker_closed(self, picker: PlacePicker) -> None:
        self.picker = None
        picker.deleteLater()

    # ------------------------------------------------------------ sending
    def submit(self) -> None:
        if self._busy:
            return
        found = self.problem()
        if found is not None:
            self.show_error(found[0])
            found[1].setFocus()
            return
        self._busy = True
        self.error.hide()
        self.buttons.setEnabled(False)
        body, key, client = self.payload(), self._key, self._client
        self._tasks.run(lambda: client.record_post(body, key), self._done, self._failed)

    def _done(self, post: PostSummary) -> None:
        self._busy = False
        self.recorded.emit(post)
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self._busy = False
        self.buttons.setEnabled(True)
        self.show_error(exc.user_message() if isinstance(exc, ApiError) else str(exc))

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    # ------------------------------------------------------------ leaving
    def reject(self) -> None:
        """Esc / Cancel: ask first when something has been typed (it would be lost)."""
        if not self.typed_anything():
            super().reject()
            return
        if self.confirm_box is not None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Discard this record?"),
            self.tr("Discard what you have typed for this record?"),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)  # Enter keeps the form
        box.finished.connect(lambda _r: self._answered(box))
        self.confirm_box = box
        box.setWindowModality(Qt.WindowModality.NonModal)  # the alarm banner stays usable
        box.show()

    def _answered(self, box: QMessageBox) -> None:
        self.confirm_box = None
        if box.clickedButton() is box.button(QMessageBox.StandardButton.Discard):
            super().reject()
        box.deleteLater()

    def event(self, e: QEvent) -> bool:
        fit_wrapped_text(self, e)
        return super().event(e)
