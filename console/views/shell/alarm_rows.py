"""The parts of the silent-report banner: its style, one report's row, and the chooser
that Ctrl+Shift+A shows when several reports are open and none is on screen.

Report text comes from citizens: every label here is plain text (`ElidedLabel`), and
tooltips are escaped (`console.safe_text.tooltip`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.alerts.policy import OpenAlarm, SummaryLike
from console.safe_text import single_line, tooltip
from console.views.elided import ElidedLabel
from console.views.text import duration
from console.views.theme import Colours

ACK_SHORTCUT = "Ctrl+Shift+A"
RETRY_ACK_SECONDS = 10  # a pressed button comes back if the report is still open then


def banner_style(c: Colours) -> str:
    """The banner's style sheet in the current theme's colours."""
    return f"""
#AlertBanner {{ background: {c.banner_bg}; }}
#AlertRow {{ background: {c.banner_row}; border-bottom: 1px solid {c.banner_row_edge};
            border-left: 8px solid {c.banner_row_edge}; }}
#AlertRow[escalated="true"] {{ background: {c.banner_escalated};
            border-left: 8px solid {c.banner_escalated_edge}; }}
#AlertRow QLabel {{ color: {c.on_alarm}; }}
#AlertRow QLabel#AlertTag {{ background: {c.banner_tag_bg}; color: {c.banner_tag_text};
            font-weight: bold; padding: 2px 8px; border-radius: 3px; }}
#AlertRow[escalated="true"] QLabel#AlertTag {{ background: {c.banner_escalated_edge};
            color: {c.banner_escalated_tag_text}; }}
#AlertRow QLabel#AlertText {{ font-size: 15px; font-weight: bold; }}
#AlertRow QLabel#AlertMeta {{ color: {c.banner_meta}; }}
#AlertRow QLabel#AlertAge {{ font-size: 17px; font-weight: bold; }}
#AlertAck {{ background: {c.banner_ack_bg}; color: {c.banner_ack_text}; font-weight: bold;
            padding: 6px 14px; border: 2px solid {c.banner_ack_bg}; border-radius: 4px; }}
#AlertAck:hover {{ background: {c.banner_ack_hover}; }}
#AlertAck:disabled {{ background: {c.banner_ack_disabled_bg};
            color: {c.banner_ack_disabled_text}; }}
#AlertAudioWarning {{ background: {c.banner_audio}; border-bottom: 2px solid {c.on_alarm}; }}
#AlertAudioWarning QLabel {{ color: {c.on_alarm}; font-weight: bold; font-size: 14px; }}
#AlertNotice {{ background: {c.banner_notice}; color: {c.on_alarm}; padding: 6px 12px;
            font-weight: bold; }}
#AlertMore {{ background: {c.banner_row_edge}; color: {c.on_alarm}; font-weight: bold;
            border: none; padding: 4px 12px; text-align: left; }}
#AlertMore:hover {{ background: {c.banner_escalated_edge}; }}
"""


class ReportRow(QFrame):
    """One open report: tag, first lines, location, age and the acknowledge button.

    A click anywhere on the row but the button opens the report (`open_clicked`).
    """

    acknowledge_clicked = Signal(int)
    open_clicked = Signal(int)

    def __init__(self, post_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.post_id = post_id
        self.created_at: datetime = datetime.now(UTC)
        self.first = False  # the oldest row carries the shortcut hint
        self.setObjectName("AlertRow")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

        self.tag = QLabel(self)
        self.tag.setObjectName("AlertTag")
        self.tag.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text = ElidedLabel(self)
        self.text.setObjectName("AlertText")
        self.meta = ElidedLabel(self)
        self.meta.setObjectName("AlertMeta")
        self.age = QLabel(self)
        self.age.setObjectName("AlertAge")
        self.age.setTextFormat(Qt.TextFormat.PlainText)
        self.age.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.ack = QPushButton(self)
        self.ack.setObjectName("AlertAck")
        self.ack.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.ack.setCursor(Qt.CursorShape.PointingHandCursor)
        self.ack.clicked.connect(lambda: self.acknowledge_clicked.emit(self.post_id))

        # Same widths on every row, whatever its state, so the columns line up.
        bold = QFont(self.font())
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        tags = (self.tr("ESCALATED"), self.tr("SILENT REPORT"))
        self.tag.setFixedWidth(max(metrics.horizontalAdvance(t) for t in tags) + 24)
        buttons = (self._ack_text(first=True), self._ack_text(first=False))
        self.ack.setMinimumWidth(max(metrics.horizontalAdvance(t) for t in buttons) + 36)
        self.age.setMinimumWidth(metrics.horizontalAdvance(self._age_text("0:00:00")) + 12)

        middle = QVBoxLayout()
        middle.setSpacing(2)
        middle.addWidget(self.text)
        middle.addWidget(self.meta)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 8, 12, 8)
        row.setSpacing(14)
        row.addWidget(self.tag, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addLayout(middle, 1)
        row.addWidget(self.age)
        row.addWidget(self.ack)
        self.retry_timer = QTimer(self)
        self.retry_timer.setSingleShot(True)
        self.retry_timer.timeout.connect(self.set_pending_off)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
            event.position().toPoint()
        ):
            self.open_clicked.emit(self.post_id)
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def update_from(self, alarm: OpenAlarm, first: bool) -> None:
        s = alarm.summary
        self.created_at = s.created_at
        escalated = alarm.escalated
        if self.property("escalated") != escalated:
            self.setProperty("escalated", escalated)
            self.style().unpolish(self)
            self.style().polish(self)
            for child in self.findChildren(QWidget):
                child.style().unpolish(child)
                child.style().polish(child)
        self.tag.setText(self.tr("ESCALATED") if escalated else self.tr("SILENT REPORT"))
        raw = s.excerpt or s.title or ""
        self.text.set_full_text(single_line(raw, 300))
        self.text.setToolTip(tooltip(raw))
        self.meta.set_full_text(self._location_text(s))
        self.meta.setToolTip(tooltip(self.meta.full_text()))
        self.first = first
        self._label_button()
        self.setAccessibleName(self.tr("Silent report #{id}").format(id=s.id))
        self.setToolTip(self.tr("Click to open the report"))

    def _location_text(self, s: SummaryLike) -> str:
        loc = s.location
        parts = [f"#{s.id}"]
        if loc is None:
            parts.append(self.tr("no location sent"))
        else:
            if loc.address:
                parts.append(single_line(loc.address, 120))
            coords = f"{loc.lat:.5f}, {loc.lon:.5f}"
            if loc.accuracy_m is not None:
                coords += self.tr(" (±{m} m)").format(m=round(loc.accuracy_m))
            parts.append(coords)
        return "  ·  ".join(parts)

    def tick(self, now: datetime) -> None:
        # A report from a clock slightly ahead of ours waits 00:00, not a negative time.
        waited = max(0.0, (now - self.created_at).total_seconds())
        self.age.setText(self._age_text(duration(waited, "clock")))

    def _age_text(self, age: str) -> str:
        return self.tr("Waiting {age}").format(age=age)

    def _ack_text(self, first: bool) -> str:
        if first:
            return self.tr("Acknowledge ({keys})").format(keys=ACK_SHORTCUT)
        return self.tr("Acknowledge")

    def set_pending(self) -> None:
        """After a click: no double acknowledgements while the request is on its way."""
        self.ack.setEnabled(False)
        self.ack.setText(self.tr("Acknowledging…"))
        self.retry_timer.start(RETRY_ACK_SECONDS * 1000)

    def set_pending_off(self) -> None:
        self.retry_timer.stop()
        self.ack.setEnabled(True)
        self._label_button()

    @property
    def pending(self) -> bool:
        return not self.ack.isEnabled()

    def _label_button(self) -> None:
        if self.pending:
            return
        self.ack.setText(self._ack_text(self.first))


class AckChooser(QDialog):
    """Which report to acknowledge (Ctrl+Shift+A with several open and none on screen).

    Non-modal, so the banner stays usable behind it. Keys 1–9 pick a report; Enter
    takes the highlighted one, which is none until the officer picks: never the oldest
    blind.

    Signals:
        chosen(int): the officer picked this report.
    """

    chosen = Signal(int)

    def __init__(
        self, alarms: Sequence[OpenAlarm], now: datetime, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("AckChooser")
        self.setWindowTitle(self.tr("Which silent report?"))
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        heading = QLabel(
            self.tr("Several silent reports are waiting. Which one do you acknowledge?")
        )
        heading.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("AckChoices")
        for n, alarm in enumerate(alarms, start=1):
            s = alarm.summary
            waited = duration(max(0.0, (now - s.created_at).total_seconds()), "clock")
            text = single_line(s.excerpt or s.title or "", 60)
            item = QListWidgetItem(
                self.tr("{n}.  #{id}  waiting {age}  {text}").format(
                    n=n, id=s.id, age=waited, text=text
                )
            )
            item.setData(Qt.ItemDataRole.UserRole, alarm.post_id)
            item.setToolTip(tooltip(s.excerpt or s.title or ""))
            self.list.addItem(item)
        self.list.setCurrentRow(-1)
        self.list.itemActivated.connect(self._choose)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.addButton(
            self.tr("Acknowledge"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.ok_button.setEnabled(False)
        self.list.currentRowChanged.connect(lambda row: self.ok_button.setEnabled(row >= 0))
        self.buttons.accepted.connect(lambda: self._choose(self.list.currentItem()))
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.buttons)
        self.resize(560, 120 + 28 * min(len(alarms), 8))

    def post_ids(self) -> list[int]:
        role = Qt.ItemDataRole.UserRole
        return [int(self.list.item(i).data(role)) for i in range(self.list.count())]

    def keyPressEvent(self, event: QKeyEvent) -> None:
        digit = event.key() - Qt.Key.Key_1
        if 0 <= digit < min(9, self.list.count()) and not event.modifiers():
            self._choose(self.list.item(digit))
            return
        super().keyPressEvent(event)

    def _choose(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        self.chosen.emit(int(item.data(Qt.ItemDataRole.UserRole)))
        self.accept()
