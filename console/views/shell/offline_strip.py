"""The strip across queue and case while the platform cannot be reached.

A small pill in the status bar was not enough: officers took a frozen queue for a quiet
one. Once the live link has been down for `SHOW_AFTER_MS` (a reset that heals at once
never flashes it), a strip above both panes says since when the data is stale and how
many of the officer's replies and actions wait in the outbox, with a button to see them.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from console.views.shell.status_bar import LIVE, POLLING
from console.views.text import clock_time
from console.views.theme import colours

SHOW_AFTER_MS = 2000


class OfflineStrip(QFrame):
    """ "Offline since 14:05 — the queue and the case may be out of date …".

    Signals:
        outbox_requested(): the officer wants to see the outbox.

    Attributes:
        text: the sentence; outbox_button: opens the outbox panel.
    """

    outbox_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("OfflineStrip")
        self.text = QLabel()
        self.text.setObjectName("OfflineStripText")
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        self.outbox_button = QPushButton()
        self.outbox_button.setObjectName("OfflineOutboxButton")
        self.outbox_button.clicked.connect(self.outbox_requested)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 4, 8, 4)
        row.addWidget(self.text, 1)
        row.addWidget(self.outbox_button)
        self._since: datetime | None = None
        self._pending = 0
        self._theme: object = None
        self._show_timer = QTimer(self, singleShot=True, interval=SHOW_AFTER_MS)
        self._show_timer.timeout.connect(self._appear)
        self._restyle()
        self.hide()

    def set_connection(self, state: str, _attempt: int = 0, since: datetime | None = None) -> None:
        """The live link's state (EventStream.state_changed)."""
        if state in (LIVE, POLLING):
            self._since = None
            self._show_timer.stop()
            self.hide()
            return
        if self._since is None:
            self._since = since or datetime.now(UTC)
        self._update()
        if self.isHidden() and not self._show_timer.isActive():
            self._show_timer.start()

    def set_outbox_pending(self, count: int) -> None:
        self._pending = max(0, count)
        self._update()

    @property
    def since(self) -> datetime | None:
        """When the link went down (None while live)."""
        return self._since

    def _appear(self) -> None:
        if self._since is not None:
            self.show()

    def _update(self) -> None:
        when = clock_time(self._since or datetime.now(UTC), seconds=True)
        sentence = self.tr(
            "No connection to the platform since {time}: the queue and the case show what "
            "was known then and may be out of date. The console reconnects by itself."
        ).format(time=when)
        if self._pending:
            sentence += " " + self.tr(
                "Waiting in your outbox, sent when the link is back: %n reply/action(s).",
                "",
                self._pending,
            )
        self.text.setText(sentence)
        self.outbox_button.setText(self.tr("Outbox ({n})…").format(n=self._pending))

    def _restyle(self) -> None:
        c = colours()
        if c == self._theme:
            return
        self._theme = c
        self.setStyleSheet(
            f"#OfflineStrip {{ background: {c.warn_bg}; border-bottom: 2px solid"
            f" {c.link_offline}; }} #OfflineStripText {{ color: {c.warn_text};"
            " font-weight: bold; }"
        )

    def changeEvent(self, e: QEvent) -> None:
        super().changeEvent(e)
        if e.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._restyle()
