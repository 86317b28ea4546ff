"""The red banner pinned above everything while silent reports wait for acknowledgement.

It lists every open report oldest first (report text as plain text, location, age
counting up), offers one acknowledge button per report plus Ctrl+Shift+A for the
oldest, shows who acknowledged and how long it took, and carries a permanent warning
strip when the alarm cannot sound. Rows are widgets rather than a model/view list:
only a handful of reports are ever open at once, and each needs a real, clickable,
accessible button.

The banner never takes keyboard focus: an officer typing a reply keeps typing.
Chinese texts come from the zh_CN catalogue (source strings are English).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFont, QFontMetrics, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from console.alerts.player import SoundPlayer
from console.alerts.policy import AlarmPolicy, OpenAlarm, SummaryLike
from console.safe_text import single_line, tooltip
from console.views.text import duration
from console.views.theme import Colours, colours

ACK_SHORTCUT = "Ctrl+Shift+A"
NOTICE_SECONDS = 10  # long enough to read "acknowledged by ..." from across the desk
RETRY_ACK_SECONDS = 10  # a pressed button comes back if the report is still open then
VISIBLE_ROWS = 3  # more reports scroll inside the banner instead of pushing the queue away


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
"""


class ElidedLabel(QLabel):
    """A one-line plain-text label that elides to its width instead of growing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._full = ""

    def set_full_text(self, text: str) -> None:
        self._full = text
        self._elide()

    def full_text(self) -> str:
        return self._full

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._elide()

    def minimumSizeHint(self) -> QSize:
        return QSize(40, super().minimumSizeHint().height())

    def _elide(self) -> None:
        metrics = QFontMetrics(self.font())
        self.setText(metrics.elidedText(self._full, Qt.TextElideMode.ElideRight, self.width()))


class ReportRow(QFrame):
    """One open report: tag, first lines, location, age and the acknowledge button."""

    acknowledge_clicked = Signal(int)

    def __init__(self, post_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.post_id = post_id
        self.created_at: datetime = datetime.now(UTC)
        self.first = False  # the oldest row carries the shortcut hint
        self.setObjectName("AlertRow")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)

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


class AlertBanner(QWidget):
    """The silent-report banner; the main window places it at the top.

    Feed it with ``bind(policy, player)`` or the slots ``set_alarms``,
    ``show_acknowledged`` and ``set_audio_state``. It hides itself when there is
    nothing to show.

    Signals:
        acknowledge_requested(int): the officer pressed acknowledge (button or shortcut)
            for this post id. The main window sends it to the platform; the banner row
            leaves when the policy says the report is acknowledged.

    Attributes:
        acknowledge_action: the Ctrl+Shift+A action (acknowledge the oldest report);
            the main window may add it to a menu so it shows in the shortcut sheet.
    """

    acknowledge_requested = Signal(int)

    def __init__(
        self,
        parent: QWidget | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__(parent)
        self._clock = clock or (lambda: datetime.now(UTC))
        self._rows: dict[int, ReportRow] = {}
        self._order: list[int] = []
        self._notices: list[tuple[datetime, str]] = []
        self._audio_ok = True
        self.setObjectName("AlertBanner")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._theme: Colours | None = None
        self._restyle()
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

        self.audio_warning = QFrame(self)
        self.audio_warning.setObjectName("AlertAudioWarning")
        self.audio_warning.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        icon = QLabel(self.audio_warning)
        size = 20
        pixmap = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        icon.setPixmap(pixmap.pixmap(size, size))
        self.audio_warning_label = QLabel(self.audio_warning)
        self.audio_warning_label.setTextFormat(Qt.TextFormat.PlainText)
        self.audio_warning_label.setWordWrap(True)
        warn = QHBoxLayout(self.audio_warning)
        warn.setContentsMargins(12, 6, 12, 6)
        warn.addWidget(icon)
        warn.addWidget(self.audio_warning_label, 1)
        self.audio_warning.hide()

        self._rows_box = QWidget()
        self._rows_layout = QVBoxLayout(self._rows_box)
        self._rows_layout.setContentsMargins(0, 0, 0, 0)
        self._rows_layout.setSpacing(0)
        self.rows_area = QScrollArea(self)
        self.rows_area.setWidget(self._rows_box)
        self.rows_area.setWidgetResizable(True)
        self.rows_area.setFrameShape(QFrame.Shape.NoFrame)
        self.rows_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.rows_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.rows_area.hide()

        self.notice = QLabel(self)
        self.notice.setObjectName("AlertNotice")
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        self.notice.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.audio_warning)
        layout.addWidget(self.rows_area)
        layout.addWidget(self.notice)

        self.acknowledge_action = QAction(self.tr("Acknowledge the oldest silent report"), self)
        self.acknowledge_action.setShortcut(QKeySequence(ACK_SHORTCUT))
        # Window-wide, so it works while the reply editor has the focus.
        self.acknowledge_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.acknowledge_action.triggered.connect(self.acknowledge_oldest)
        self.addAction(self.acknowledge_action)

        self._notice_timer = QTimer(self)
        self._notice_timer.setSingleShot(True)
        self._notice_timer.timeout.connect(self._show_notices)
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self._tick)
        self._refresh_visibility()

    def _restyle(self) -> None:
        """The current theme's colours; again whenever the application switches theme."""
        c = colours()
        if c != self._theme:
            self._theme = c
            self.setStyleSheet(banner_style(c))

    def changeEvent(self, e: QEvent) -> None:
        super().changeEvent(e)
        if e.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._restyle()

    # ---------------------------------------------------------------- wiring
    def bind(self, policy: AlarmPolicy, player: SoundPlayer) -> None:
        """Follow an AlarmPolicy and a SoundPlayer (current state applied at once)."""
        policy.alarm_state_changed.connect(self.set_alarms)
        policy.acknowledged_elsewhere.connect(self.show_acknowledged)
        player.output_state_changed.connect(
            lambda ok: self.set_audio_state(ok, player.failure_reason)
        )
        player.output_failed.connect(lambda reason: self.set_audio_state(False, reason))
        self.set_audio_state(player.output_ok, player.failure_reason)
        self.set_alarms(policy.open_alarms)

    # ---------------------------------------------------------------- slots
    def set_alarms(self, alarms: Sequence[OpenAlarm]) -> None:
        """Show exactly these open reports, in this order (the policy sends oldest first)."""
        wanted = [a.post_id for a in alarms]
        for pid in [p for p in self._rows if p not in wanted]:
            gone = self._rows.pop(pid)
            self._rows_layout.removeWidget(gone)
            gone.deleteLater()
        for existing in self._rows.values():
            self._rows_layout.removeWidget(existing)  # re-added below in the new order
        for alarm in alarms:
            row = self._rows.get(alarm.post_id)
            if row is None:
                row = self._rows[alarm.post_id] = ReportRow(alarm.post_id, self._rows_box)
                row.acknowledge_clicked.connect(self._request)
            row.update_from(alarm, first=not self._rows_layout.count())
            self._rows_layout.addWidget(row)
        self._order = wanted
        self._tick()
        self._fit_height()
        self._refresh_visibility()

    def show_acknowledged(self, summary: SummaryLike, officer_name: str, seconds: float) -> None:
        """Show "acknowledged by NAME after N s" for a while."""
        name = single_line(officer_name, 40) or self.tr("another console")
        text = self.tr("Silent report #{id} acknowledged by {name} after {duration}").format(
            id=summary.id, name=name, duration=duration(seconds, "seconds")
        )
        self._notices.append((self._clock(), text))
        self._notices = self._notices[-3:]
        self._show_notices()

    def set_audio_state(self, ok: bool, reason: str = "") -> None:
        """A broken output shows a permanent red strip until the output works again."""
        self._audio_ok = ok
        if not ok:
            text = self.tr("Alarms cannot sound: {reason}").format(
                reason=reason or self.tr("no audio output device found")
            )
            self.audio_warning_label.setText(text)
        self.audio_warning.setVisible(not ok)
        self._refresh_visibility()

    def acknowledge_oldest(self) -> None:
        for pid in self._order:
            row = self._rows[pid]
            if not row.pending:
                self._request(pid)
                return

    def acknowledge_failed(self, post_id: int) -> None:
        """The platform refused or could not be reached: the button comes back at once."""
        row = self._rows.get(post_id)
        if row is not None:
            row.set_pending_off()

    # ---------------------------------------------------------------- inspection
    @property
    def shown_post_ids(self) -> list[int]:
        return list(self._order)

    def row(self, post_id: int) -> ReportRow:
        return self._rows[post_id]

    @property
    def audio_warning_visible(self) -> bool:
        return not self.audio_warning.isHidden()

    # ---------------------------------------------------------------- internals
    def _request(self, post_id: int) -> None:
        row = self._rows.get(post_id)
        if row is None or row.pending:
            return
        row.set_pending()
        self.acknowledge_requested.emit(post_id)

    def _show_notices(self) -> None:
        now = self._clock()
        self._notices = [
            (at, text) for at, text in self._notices if (now - at).total_seconds() < NOTICE_SECONDS
        ]
        self.notice.setText("\n".join(text for _, text in self._notices))
        self.notice.setVisible(bool(self._notices))
        if self._notices:
            left = NOTICE_SECONDS - (now - self._notices[0][0]).total_seconds()
            self._notice_timer.start(max(50, int(left * 1000) + 50))
        self._refresh_visibility()

    def _tick(self) -> None:
        now = self._clock()
        for row in self._rows.values():
            row.tick(now)
        if self._rows and not self._ticker.isActive():
            self._ticker.start()
        elif not self._rows:
            self._ticker.stop()

    def _fit_height(self) -> None:
        rows = [self._rows[p] for p in self._order]
        shown = rows[:VISIBLE_ROWS]
        height = sum(r.sizeHint().height() for r in shown)
        self.rows_area.setFixedHeight(height)
        self.rows_area.setVisible(bool(rows))
        self.rows_area.setVerticalScrollBarPolicy(
            Qt.ScrollBarPolicy.ScrollBarAsNeeded
            if len(rows) > VISIBLE_ROWS
            else Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        )

    def _refresh_visibility(self) -> None:
        self.setVisible(bool(self._rows) or not self._audio_ok or bool(self._notices))
