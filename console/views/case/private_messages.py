"""Private messages (私信) with the post's author, beside the case.

Only the author reads them, they never appear on the public page — which is what makes
them the safe way to reach a silent reporter. The panel shows the conversation (the
officers' messages, the author's answers, this console's messages still on their way),
and a composer of its own, green and labelled "only the author reads it", so that it is
never mistaken for the public reply editor.

- On a silent report it offers the questions a call-taker asks first, as one-click
  texts the officer can edit before sending.
- On a report that asked for no receipt it says, next to the composer, that nothing is
  pushed to the reporter's phone: the messages wait until the reporter opens the report.
- A post an officer recorded from the hotline, an SMS, a letter or a visit has no
  author account to write to: the composer is off and says to phone the citizen.

Keys: Ctrl+Enter sends. The panel only shows and edits; `send_requested`,
`retry_requested`, `discard_requested` and `read_requested` go to the case view.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from console.api.models import Message, PostDetail
from console.api.outbox import OutboxItem
from console.operations import PRIVATE_KINDS
from console.views.case.controller import CaseController
from console.views.case.private_sender import PrivateSender
from console.views.text import local_time, officer_label
from console.views.theme import colours

APP_CHANNEL = "board"  # only posts of the messaging app have an author to write to


def _t(text: str) -> str:
    return QCoreApplication.translate("PrivateMessages", text)


def call_taker_questions() -> list[tuple[str, str]]:
    """(button label, message text) — what a call-taker asks a silent reporter first."""
    return [
        (_t("Safe?"), _t("Are you safe now? Can you reply by text?")),
        (_t("Where?"), _t("Where exactly are you: which building, which floor, what vehicle?")),
        (_t("How many?"), _t("How many of them are there? Do they have weapons?")),
        (_t("Stay quiet"), _t("Police are on the way. Keep your phone silent and stay hidden.")),
    ]


class Composer(QPlainTextEdit):
    """The private message's text box: Ctrl+Enter sends."""

    send_pressed = Signal()

    def sizeHint(self) -> QSize:
        """Two lines and a half (it scrolls past that): where the tab is short, the room
        goes to the messages above it, not to an empty box."""
        return self._lines(2.5, super().sizeHint().width())

    def minimumSizeHint(self) -> QSize:
        return self._lines(1.25, super().minimumSizeHint().width())

    def _lines(self, n: float, width: int) -> QSize:
        lines = round(self.fontMetrics().lineSpacing() * n)
        margins = 2 * (self.frameWidth() + round(self.document().documentMargin()))
        return QSize(width, lines + margins)

    def keyPressEvent(self, e: QKeyEvent) -> None:
        ctrl = e.modifiers() & Qt.KeyboardModifier.ControlModifier
        if ctrl and e.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.send_pressed.emit()
            return
        super().keyPressEvent(e)


class PrivateCard(QFrame):
    """One private message (or one of this console's still on its way)."""

    retry_clicked = Signal(int)
    discard_clicked = Signal(int)

    def __init__(
        self, who: str, at: datetime, body: str, state: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("PrivateCard")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 8)
        layout.setSpacing(3)
        head = QHBoxLayout()
        self.meta = QLabel(f"{who}  ·  {local_time(at)}")
        self.meta.setTextFormat(Qt.TextFormat.PlainText)
        self.meta.setObjectName("PrivateMeta")
        head.addWidget(self.meta)
        head.addStretch(1)
        self.state = QLabel(state)
        self.state.setTextFormat(Qt.TextFormat.PlainText)
        self.state.setObjectName("PrivateState")
        head.addWidget(self.state)
        self.retry = QPushButton(_t("Retry"))
        self.discard = QPushButton(_t("Discard"))
        for b in (self.retry, self.discard):
            b.hide()
            head.addWidget(b)
        layout.addLayout(head)
        self.body = QLabel(body)  # citizen text: plain, never markup
        self.body.setObjectName("PrivateBody")
        self.body.setTextFormat(Qt.TextFormat.PlainText)
        self.body.setWordWrap(True)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.body)


def _aware(dt: datetime) -> datetime:
    return dt if dt.tzinfo is not None else dt.replace(tzinfo=UTC)


class PrivateMessages(QWidget):
    """The private conversation and its composer.

    Signals:
        send_requested(str): the officer sends this text as a private message.
        retry_requested(int), discard_requested(int): a failed outbox item (its id).
        read_requested(): the panel is in view with the author's unread answers in it.
    """

    send_requested = Signal(str)
    retry_requested = Signal(int)
    discard_requested = Signal(int)
    read_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PrivateMessages")
        self._detail: PostDetail | None = None
        self._can_write = False
        self._cards: list[PrivateCard] = []

        self.scroller = QScrollArea()
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        inner = QWidget()
        self._list = QVBoxLayout(inner)
        self._list.setContentsMargins(4, 4, 8, 4)
        self._list.setSpacing(6)
        self.empty = QLabel(_t("No private messages yet. Only the author would read them."))
        self.empty.setWordWrap(True)
        self._list.addWidget(self.empty)
        self._list.addStretch(1)
        self.scroller.setWidget(inner)

        self.receipt_note = QLabel(
            _t(
                "No receipt: nothing is pushed; the reporter sees your messages on opening "
                "the report."
            )
        )
        self.receipt_note.setObjectName("NoReceiptNote")
        self.unreachable_note = QLabel()
        self.unreachable_note.setObjectName("UnreachableNote")
        for note in (self.receipt_note, self.unreachable_note):
            note.setTextFormat(Qt.TextFormat.PlainText)
            note.setWordWrap(True)
            note.hide()

        self.questions = QWidget()
        qrow = QHBoxLayout(self.questions)
        qrow.setContentsMargins(0, 0, 0, 0)
        qrow.addWidget(QLabel(_t("Ask:")))
        self.question_buttons: list[QToolButton] = []
        for short, text in call_taker_questions():
            b = QToolButton()
            b.setObjectName("QuestionChip")
            b.setText(short)
            b.setToolTip(text)
            b.clicked.connect(lambda _=False, t=text: self.insert_question(t))
            qrow.addWidget(b)
            self.question_buttons.append(b)
        qrow.addStretch(1)
        self.questions.hide()

        self.edit = Composer()
        self.edit.setObjectName("PrivateComposer")
        self.edit.setTabChangesFocus(True)
        # Who reads it, in the box itself (and on the button, in its green frame): a line
        # of its own above the box left the messages 34 px at 1366×768 under an alarm.
        who = _t("Private message · only the author reads it, never the public")
        self.edit.setPlaceholderText(who)
        self.edit.setToolTip(who)
        self.edit.setMaximumHeight(90)
        self.edit.send_pressed.connect(self.request_send)
        self.edit.textChanged.connect(self._update_send)
        self.send_button = QPushButton(_t("Send private message (Ctrl+Enter)"))
        self.send_button.setObjectName("PrivateSendButton")
        self.send_button.clicked.connect(self.request_send)
        row = QHBoxLayout()
        row.addWidget(self.edit, 1)
        row.addWidget(self.send_button, 0, Qt.AlignmentFlag.AlignBottom)

        col = QVBoxLayout(self)
        col.setContentsMargins(8, 4, 8, 4)
        col.setSpacing(6)
        col.addWidget(self.scroller, 1)
        col.addWidget(self.receipt_note)
        col.addWidget(self.unreachable_note)
        col.addWidget(self.questions)
        col.addLayout(row)
        self.restyle()
        self._update_send()

    # ------------------------------------------------------------ content
    def set_content(self, detail: PostDetail | None, items: Sequence[OutboxItem]) -> None:
        """The post's conversation plus this console's private messages on their way."""
        self._detail = detail
        for card in self._cards:
            self._list.removeWidget(card)
            card.hide()
            card.deleteLater()
        self._cards = []
        if detail is None:
            self._update_send()
            return
        for m in detail.messages:
            self._add(self._server_card(m))
        for item in items:
            if item.kind not in PRIVATE_KINDS or item.state in ("sent", "cancelled"):
                continue
            self._add(self._item_card(item))
        self.empty.setVisible(not self._cards)
        if not detail.messages_visible:
            self.empty.setText(_t("The private messages of this case are not visible to you."))
            self.empty.show()
        else:
            self.empty.setText(_t("No private messages yet. Only the author would read them."))
        reachable = self.reachable()
        self.receipt_note.setVisible(detail.suppress_receipt)
        self.questions.setVisible(detail.is_silent)
        self.unreachable_note.setVisible(not reachable)
        self.unreachable_note.setText(
            _t(
                "This post was recorded by an officer; the citizen has no account and cannot "
                "receive private messages. Phone them on the recorded number."
            )
        )
        self._update_send()
        if self.isVisible() and detail.unread_messages:
            self.read_requested.emit()

    def _server_card(self, m: Message) -> PrivateCard:
        if m.sender == "citizen":
            who, state = _t("Citizen"), ""
        else:
            who = officer_label(m.officer.name, m.officer.badge) if m.officer else _t("Officer")
            state = _t("Read by the citizen") if m.read_at else _t("Not read yet")
        card = PrivateCard(who, _aware(m.created_at), m.body, state)
        card.setProperty("sender", m.sender)
        return card

    def _item_card(self, item: OutboxItem) -> PrivateCard:
        if item.state == "failed":
            state = _t("Failed ({reason})").format(reason=item.last_error)
        else:
            state = _t("Sending…")
        card = PrivateCard(
            _t("This console"), _aware(item.created_at), str(item.payload.get("body", "")), state
        )
        card.setProperty("sender", "pending")
        if item.state == "failed":
            card.retry.show()
            card.discard.show()
            card.retry.clicked.connect(lambda: self.retry_requested.emit(item.id))
            card.discard.clicked.connect(lambda: self.discard_requested.emit(item.id))
        return card

    def _add(self, card: PrivateCard) -> None:
        self._list.insertWidget(self._list.count() - 1, card)
        self._cards.append(card)
        c = colours()
        edge = {"citizen": c.accent, "officer": c.ok_text}.get(card.property("sender"), c.muted)
        card.setStyleSheet(
            f"#PrivateCard {{ background: {c.surface}; border: 1px solid {c.border};"
            f" border-left: 5px solid {edge}; border-radius: 6px; }}"
            f" #PrivateMeta, #PrivateState {{ color: {c.muted}; }}"
            f" #PrivateBody {{ color: {c.text}; }}"
        )

    def cards(self) -> list[PrivateCard]:
        return list(self._cards)

    # ------------------------------------------------------------ writing
    def set_can_write(self, can: bool) -> None:
        """Whether this officer may write on the case now (the holder, a leader …)."""
        self._can_write = can
        self._update_send()

    def reachable(self) -> bool:
        d = self._detail
        return d is not None and d.channel == APP_CHANNEL

    def insert_question(self, text: str) -> None:
        """One click puts the question in the composer, to send as it is or edited."""
        self.edit.setPlainText(text)
        self.edit.setFocus()
        self.edit.moveCursor(self.edit.textCursor().MoveOperation.End)

    def text(self) -> str:
        return self.edit.toPlainText()

    def clear(self) -> None:
        self.edit.clear()

    def can_send(self) -> bool:
        return self._can_write and self.reachable() and bool(self.text().strip())

    def request_send(self) -> None:
        if self.can_send():
            self.send_requested.emit(self.text().strip())

    def _update_send(self) -> None:
        enabled = self._can_write and self.reachable()
        self.edit.setReadOnly(not enabled)
        for b in self.question_buttons:
            b.setEnabled(enabled)
        self.send_button.setEnabled(self.can_send())

    def showEvent(self, e: QShowEvent) -> None:
        super().showEvent(e)
        if self._detail is not None and self._detail.unread_messages:
            self.read_requested.emit()

    def restyle(self) -> None:
        c = colours()
        self.edit.setStyleSheet(
            f"QPlainTextEdit {{ background: {c.surface}; color: {c.text};"
            f" border: 2px solid {c.ok_text}; border-radius: 6px; padding: 4px; }}"
        )
        warn = f"background: {c.warn_bg}; color: {c.warn_text}; padding: 4px 6px;"
        self.receipt_note.setStyleSheet(warn + " font-weight: bold;")
        self.unreachable_note.setStyleSheet(warn)
        self.empty.setStyleSheet(f"color: {c.muted};")


def connect_panel(
    panel: PrivateMessages,
    sender: PrivateSender,
    controller: CaseController,
    show_problem: Callable[[str], None],
) -> None:
    """Wire the panel to the open case: sending, retrying, giving up, reading."""

    def send(text: str) -> None:
        if controller.post_id is not None and sender.send(controller.post_id, text):
            panel.clear()

    def discard(item_id: int) -> None:
        text = sender.discard(item_id)
        if text and not panel.text().strip():
            panel.edit.setPlainText(text)  # back to work on

    def read() -> None:
        if controller.post_id is not None:
            sender.mark_read(controller.post_id, controller.refresh)

    panel.send_requested.connect(send)
    panel.retry_requested.connect(controller.retry)
    panel.discard_requested.connect(discard)
    panel.read_requested.connect(read)
    sender.problem.connect(show_problem)
