"""The citizen's side of a case: the text, hidden-character warning, and the evidence.

All of it comes from citizens: the text is shown plain in a read-only editor that draws
invisible and direction-changing characters, and file names go through `safe_text`.
The pane scrolls as one in its part of the case splitter, so on a small screen it gives
up room before the reply editor and its send button do.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextOption
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from console import safe_text
from console.api.models import PostDetail
from console.tasks import Runner
from console.views.case.attachments import AttachmentsView, Fetch
from console.views.case.clips import ClipPlayer

MIN_PART_HEIGHT = 72  # body and history shrink to this before anything leaves the screen


class BodyView(QPlainTextEdit):
    """The citizen's text: plain, read-only, selectable; invisible characters drawn."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CaseBody")
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setTabChangesFocus(True)
        option = self.document().defaultTextOption()
        option.setFlags(option.flags() | QTextOption.Flag.ShowDefaultIgnorables)
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.document().setDefaultTextOption(option)


class CaseBody(QScrollArea):
    """Text, warning and attachments of the open case, scrolling as one.

    Attributes:
        body, hidden_warning, hidden_text, reveal_button, attachments: the parts.
    """

    def __init__(
        self, fetch: Fetch, tasks: Runner, player: ClipPlayer, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("CaseBodyScroll")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setMinimumHeight(MIN_PART_HEIGHT)
        pane = QWidget()
        col = QVBoxLayout(pane)
        col.setContentsMargins(12, 8, 12, 8)
        col.setSpacing(6)
        self.hidden_warning = QFrame()
        self.hidden_warning.setObjectName("HiddenCharsWarning")
        self.hidden_text = QLabel()
        self.hidden_text.setObjectName("HiddenCharsText")
        self.hidden_text.setTextFormat(Qt.TextFormat.PlainText)
        self.hidden_text.setWordWrap(True)
        self.reveal_button = QPushButton(self.tr("Show them"))
        self.reveal_button.setObjectName("RevealButton")
        self.reveal_button.setCheckable(True)
        self.reveal_button.toggled.connect(self._show_text)
        row = QHBoxLayout(self.hidden_warning)
        row.setContentsMargins(6, 2, 6, 2)
        row.addWidget(self.hidden_text, 1)
        row.addWidget(self.reveal_button)
        self.hidden_warning.hide()
        col.addWidget(self.hidden_warning)
        self.body = BodyView()
        col.addWidget(self.body, 1)
        self._col = col
        self.attachments = AttachmentsView(fetch, tasks, player, pane)
        self.attachments.hide()
        col.addWidget(self.attachments)
        self.setWidget(pane)

    def put_beside_body(self, wrap: Callable[[QWidget], QWidget]) -> None:
        """Put the text inside `wrap(text)` (e.g. beside the case's map)."""
        index = self._col.indexOf(self.body)
        self._col.removeWidget(self.body)
        self._col.insertWidget(index, wrap(self.body), 1)

    def set_post(self, detail: PostDetail, first: bool) -> None:
        """Show this post's text and attachments (``first``: another post than before)."""
        if first or self.body.property("source") != detail.body:
            self.reveal_button.setChecked(False)
            self.body.setProperty("source", detail.body)
            self._show_text(False)
        hidden = safe_text.count_hidden(detail.body) + safe_text.count_hidden(detail.title)
        self.hidden_warning.setVisible(hidden > 0)
        self.hidden_text.setText(
            self.tr(
                "This post contains {n} invisible or direction-changing characters; "
                "they can make the text read differently from what was sent."
            ).format(n=hidden)
        )
        self.attachments.set_attachments(detail.attachments)

    def _show_text(self, revealed: bool) -> None:
        source = self.body.property("source") or ""
        self.body.setPlainText(safe_text.reveal(source) if revealed else source)
        self.reveal_button.setText(self.tr("Show as sent") if revealed else self.tr("Show them"))
