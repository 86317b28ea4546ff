"""Open silent reports on the wall display: what the whole room must see.

On the wall an escalated report used to be one number in a tile. Here every report
sounding on this console is a full-width row in large type — 未受理 V报警 #id, its first
words, how long it has waited (counting up each second) — escalated ones in their own
colour with "已升级". Fed by `AlarmPolicy.alarm_state_changed`; citizen text is plain
text, cut to one line.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget

from console.alerts.policy import OpenAlarm
from console.safe_text import single_line
from console.views.text import duration
from console.views.theme import colours


class WallAlarms(QFrame):
    """One large row per open silent report, oldest first; hidden while none is open.

    Attributes:
        rows: the row labels, in order (their ``post_id`` and ``escalated`` properties
            say which report and how it is coloured).
    """

    def __init__(
        self, clock: Callable[[], datetime] | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("WallAlarms")
        self._clock = clock or (lambda: datetime.now(UTC))
        self._alarms: list[OpenAlarm] = []
        self.rows: list[QLabel] = []
        self._column = QVBoxLayout(self)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.setSpacing(6)
        self._tick = QTimer(self, interval=1000)
        self._tick.timeout.connect(self._refresh_ages)
        self.hide()

    def set_alarms(self, alarms: Sequence[OpenAlarm]) -> None:
        """The open reports (AlarmPolicy.alarm_state_changed)."""
        self._alarms = list(alarms)
        while len(self.rows) > len(self._alarms):
            self.rows.pop().deleteLater()
        while len(self.rows) < len(self._alarms):
            label = QLabel()
            label.setObjectName("WallAlarmRow")
            label.setTextFormat(Qt.TextFormat.PlainText)
            # Cut at the screen's edge; a long first line must not widen the wall window.
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            self._column.addWidget(label)
            self.rows.append(label)
        self._refresh_ages()
        self.setVisible(bool(self._alarms))
        if self._alarms:
            self._tick.start()
        else:
            self._tick.stop()

    def _refresh_ages(self) -> None:
        c = colours()
        now = self._clock()
        for label, alarm in zip(self.rows, self._alarms, strict=True):
            s = alarm.summary
            waited = duration(max(0.0, (now - s.created_at).total_seconds()), "clock")
            state = self.tr("ESCALATED") if alarm.escalated else self.tr("NOT ACKNOWLEDGED")
            words = single_line(getattr(s, "excerpt", "") or s.title or "", 40)
            label.setText(
                self.tr("Silent report #{id} · {state} · waiting {age} · {words}").format(
                    id=s.id, state=state, age=waited, words=words
                )
            )
            label.setProperty("post_id", int(s.id))
            label.setProperty("escalated", alarm.escalated)
            bg = c.banner_escalated if alarm.escalated else c.alarm
            edge = c.banner_escalated_edge if alarm.escalated else c.alarm
            label.setStyleSheet(
                f"background: {bg}; color: {c.on_alarm}; border-left: 14px solid {edge};"
                " font-size: 26pt; font-weight: bold; padding: 14px 18px;"
            )
