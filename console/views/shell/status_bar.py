"""The status bar: connection state, unsent outbox items, demo badge, who is signed in."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from console.views.text import clock_time

# Connection states as the event stream reports them (console/api/stream.py); "polling"
# is the fallback while no stream is wired, "connecting" the moment before the first link.
LIVE = "live"
RECONNECTING = "reconnecting"
OFFLINE = "offline"
POLLING = "polling"
CONNECTING = "connecting"


class ConsoleStatusBar(QStatusBar):
    """Always-visible facts an officer must never have to look for.

    Signals:
        outbox_clicked(): the officer clicked the outbox counter (opens the outbox panel).

    Attributes:
        connection_label / outbox_label / demo_label / officer_label: the four parts,
            each with an object name the style sheet colours.
    """

    outbox_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeGripEnabled(False)
        self.connection_label = self._label("ConnectionLive")
        self.outbox_label = self._label("OutboxPending")
        self.demo_label = self._label("DemoBadge")
        self.officer_label = self._label("OfficerLabel")
        self.addWidget(self.connection_label)
        self.addWidget(self.outbox_label)
        self.addPermanentWidget(self.demo_label)
        self.addPermanentWidget(self.officer_label)
        self.demo_label.hide()
        self.outbox_label.setCursor(Qt.CursorShape.PointingHandCursor)
        self.outbox_label.installEventFilter(self)
        self.set_connection(CONNECTING)
        self.set_outbox_pending(0)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        # (Qt calls this while the bar is still being built: look the label up safely.)
        label = getattr(self, "outbox_label", None)
        if obj is label and event.type() == QEvent.Type.MouseButtonRelease:
            self.outbox_clicked.emit()
            return True
        return super().eventFilter(obj, event)

    def _label(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)
        return label

    def _restyle(self, label: QLabel, name: str) -> None:
        if label.objectName() != name:
            label.setObjectName(name)
            # Object-name selectors are matched at polish time; re-polish to apply them.
            label.style().unpolish(label)
            label.style().polish(label)

    def set_connection(self, state: str, attempt: int = 0, since: datetime | None = None) -> None:
        """Shows 实时 / 重连中（第 n 次）/ 离线（自 hh:mm）, coloured by urgency."""
        if state == LIVE:
            text, name = self.tr("● Live"), "ConnectionLive"
            tip = self.tr("Connected to the platform; the queue updates as events arrive.")
        elif state == RECONNECTING:
            text = self.tr("Reconnecting (attempt %n)", "", max(attempt, 1))
            name = "ConnectionReconnecting"
            tip = self.tr("The live link dropped; the console keeps retrying.")
        elif state == OFFLINE:
            when = clock_time(since or datetime.now(UTC))
            text = self.tr("Offline (since {time})").format(time=when)
            name = "ConnectionOffline"
            tip = self.tr(
                "The platform cannot be reached. Replies and actions are kept in the outbox "
                "and sent when the link is back."
            )
        elif state == POLLING:
            text, name = self.tr("● Connected (refreshing)"), "ConnectionLive"
            tip = self.tr("Connected; the queue is refreshed in the background.")
        else:
            text, name = self.tr("Connecting…"), "ConnectionReconnecting"
            tip = ""
        self.connection_label.setText(text)
        self.connection_label.setToolTip(tip)
        self.connection_label.setProperty("state", state)
        self._restyle(self.connection_label, name)

    def set_outbox_pending(self, count: int) -> None:
        if count <= 0:
            self.outbox_label.setText(self.tr("Outbox empty"))
            self.outbox_label.setToolTip(self.tr("Every reply and action has been delivered."))
            self._restyle(self.outbox_label, "OutboxEmpty")
        else:
            self.outbox_label.setText(self.tr("%n unsent", "", count))
            self.outbox_label.setToolTip(
                self.tr(
                    "Replies and actions waiting in the local outbox to be delivered "
                    "(click to see them)."
                )
            )
            self._restyle(self.outbox_label, "OutboxPending")
        self.outbox_label.setProperty("count", count)

    def set_demo(self, demo: bool) -> None:
        self.demo_label.setText(self.tr(" Local demo platform "))
        self.demo_label.setToolTip(
            self.tr("Running against the embedded demo platform with invented data.")
        )
        self.demo_label.setVisible(demo)

    def set_officer(self, name: str, badge: str, unit: str) -> None:
        self.officer_label.setText(
            self.tr("{name} ({badge}) · {unit}").format(name=name, badge=badge, unit=unit)
        )
