"""The red banner pinned above everything while silent reports wait for acknowledgement.

It lists every open report oldest first (report text as plain text, location, age
counting up), with one acknowledge button per report, shows who acknowledged and how
long it took, and carries permanent warning strips when the alarm cannot sound or the
alert journal cannot be written. Rows are widgets rather than a model/view list: only a
handful of reports are ever open at once, and each needs a real, clickable, accessible
button.

With several reports open the banner collapses to the oldest one and a bar that says
how many more wait (click it to see them all), so it never pushes the case and its
send button off a 1366×768 screen. A click on a row opens that report. Ctrl+Shift+A
acknowledges the report on screen (the open case, or the only report); with several
open and none on screen it asks which (`AckChooser`), never the oldest blind.

The banner never takes keyboard focus: an officer typing a reply keeps typing.
Chinese texts come from the zh_CN catalogue (source strings are English).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
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
from console.safe_text import single_line
from console.views.shell.alarm_rows import (
    ACK_SHORTCUT,
    AckChooser,
    ElidedLabel,
    ReportRow,
    banner_style,
)
from console.views.text import duration
from console.views.theme import Colours, colours

__all__ = ["ACK_SHORTCUT", "AlertBanner", "ElidedLabel", "ReportRow"]

NOTICE_SECONDS = 10  # long enough to read "acknowledged by ..." from across the desk
EXPANDED_ROWS = 3  # expanded, more reports scroll inside the banner


class AlertBanner(QWidget):
    """The silent-report banner; the main window places it at the top.

    Feed it with ``bind(policy, player)`` or the slots ``set_alarms``,
    ``show_acknowledged``, ``set_audio_state`` and ``set_journal_state``. It hides
    itself when there is nothing to show.

    Signals:
        acknowledge_requested(int): the officer pressed acknowledge (button, shortcut or
            chooser) for this post id. The session sends it to the platform; the row
            leaves when the policy says the report is acknowledged.
        open_requested(int): the officer clicked a report: open it, whatever the queue's
            filters say.
        layout_changed(): rows were added, removed, collapsed or expanded.

    Attributes:
        acknowledge_action: the Ctrl+Shift+A action; the main window adds it to a menu so
            it shows in the shortcut sheet.
        on_screen: returns the post id shown in the case pane (None: none); the session
            sets it, Ctrl+Shift+A acknowledges that report when it is open.
        chooser: the "which report?" dialog while it is open.
        expanded: every open report is listed (else only the oldest and a count).
    """

    acknowledge_requested = Signal(int)
    open_requested = Signal(int)
    layout_changed = Signal()

    def __init__(
        self,
        parent: QWidget | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__(parent)
        self._clock = clock or (lambda: datetime.now(UTC))
        self._rows: dict[int, ReportRow] = {}
        self._order: list[int] = []
        self._alarms: dict[int, OpenAlarm] = {}
        self._notices: list[tuple[datetime, str]] = []
        self._audio_ok = True
        self._journal_ok = True
        self.expanded = False
        self.on_screen: Callable[[], int | None] = lambda: None
        self.chooser: AckChooser | None = None
        self.setObjectName("AlertBanner")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._theme: Colours | None = None
        self._restyle()
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

        self.audio_warning, self.audio_warning_label = self._warning_strip()
        self.journal_warning, self.journal_warning_label = self._warning_strip()

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

        self.more_button = QPushButton(self)
        self.more_button.setObjectName("AlertMore")
        self.more_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.more_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.more_button.clicked.connect(lambda: self.set_expanded(not self.expanded))
        self.more_button.hide()

        self.notice = QLabel(self)
        self.notice.setObjectName("AlertNotice")
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        self.notice.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.audio_warning)
        layout.addWidget(self.journal_warning)
        layout.addWidget(self.rows_area)
        layout.addWidget(self.more_button)
        layout.addWidget(self.notice)

        self.acknowledge_action = QAction(self.tr("Acknowledge the silent report on screen"), self)
        self.acknowledge_action.setShortcut(QKeySequence(ACK_SHORTCUT))
        # Window-wide, so it works while the reply editor has the focus; the main window
        # also lends it to its dialogs (MainWindow.lend_alarm_keys).
        self.acknowledge_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.acknowledge_action.triggered.connect(self.acknowledge_on_screen)
        self.addAction(self.acknowledge_action)

        self._notice_timer = QTimer(self)
        self._notice_timer.setSingleShot(True)
        self._notice_timer.timeout.connect(self._show_notices)
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self._tick)
        self._refresh_visibility()

    def _warning_strip(self) -> tuple[QFrame, QLabel]:
        """A permanent red strip with a warning icon (no sound, no journal)."""
        strip = QFrame(self)
        strip.setObjectName("AlertAudioWarning")
        strip.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        icon = QLabel(strip)
        pixmap = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        icon.setPixmap(pixmap.pixmap(20, 20))
        label = QLabel(strip)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        row = QHBoxLayout(strip)
        row.setContentsMargins(12, 6, 12, 6)
        row.addWidget(icon)
        row.addWidget(label, 1)
        strip.hide()
        return strip, label

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
                row.open_clicked.connect(self.open_requested)
            # The key hint on the button only when the key acknowledges that one report.
            row.update_from(alarm, first=len(alarms) == 1)
            self._rows_layout.addWidget(row)
        self._order = wanted
        self._alarms = {a.post_id: a for a in alarms}
        if len(wanted) <= 1:
            self.expanded = False
        if self.chooser is not None and set(self.chooser.post_ids()) - set(wanted):
            self.chooser.reject()  # it lists a report that is no longer open
        self._tick()
        self._fit_height()
        self._refresh_visibility()

    def set_expanded(self, expanded: bool) -> None:
        """List every open report (True) or only the oldest and a count (False)."""
        self.expanded = expanded and len(self._order) > 1
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

    def set_journal_state(self, ok: bool, reason: str = "") -> None:
        """An alert journal that cannot be written shows a permanent red strip too."""
        self._journal_ok = ok
        if not ok:
            self.journal_warning_label.setText(
                self.tr(
                    "The alert journal cannot be written: alarms still sound, but this "
                    "workstation keeps no record of them. Tell IT. ({reason})"
                ).format(reason=single_line(reason, 160))
            )
        self.journal_warning.setVisible(not ok)
        self._refresh_visibility()

    def acknowledge_on_screen(self) -> None:
        """Ctrl+Shift+A: the report in the case pane, the only report, or ask which."""
        waiting = [p for p in self._order if not self._rows[p].pending]
        shown = self.on_screen()
        if shown in waiting:
            self._request(shown)
        elif len(waiting) == 1:
            self._request(waiting[0])
        elif waiting:
            self._ask_which(waiting)

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

    def first_ack_button(self) -> QPushButton:
        """The oldest report's acknowledge button (always on screen while reports wait)."""
        return self._rows[self._order[0]].ack

    @property
    def audio_warning_visible(self) -> bool:
        return not self.audio_warning.isHidden()

    @property
    def journal_warning_visible(self) -> bool:
        return not self.journal_warning.isHidden()

    # ---------------------------------------------------------------- internals
    def _request(self, post_id: int) -> None:
        row = self._rows.get(post_id)
        if row is None or row.pending:
            return
        row.set_pending()
        self.acknowledge_requested.emit(post_id)

    def _ask_which(self, post_ids: list[int]) -> None:
        if self.chooser is not None:
            self.chooser.raise_()
            self.chooser.activateWindow()
            return
        chooser = AckChooser([self._alarms[p] for p in post_ids], self._clock(), self)
        chooser.chosen.connect(self._request)
        chooser.finished.connect(lambda _r: setattr(self, "chooser", None))
        self.chooser = chooser
        chooser.show()
        chooser.activateWindow()

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
        shown = rows[:EXPANDED_ROWS] if self.expanded else rows[:1]
        for i, row in enumerate(rows):
            row.setVisible(self.expanded or i == 0)
        self.rows_area.setFixedHeight(sum(r.sizeHint().height() for r in shown))
        self.rows_area.setVisible(bool(rows))
        self.rows_area.setVerticalScrollBarPolicy(
            Qt.ScrollBarPolicy.ScrollBarAsNeeded
            if self.expanded and len(rows) > EXPANDED_ROWS
            else Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        )
        more = len(rows) - 1
        if more > 0:
            key = ACK_SHORTCUT
            self.more_button.setText(
                self.tr("▴ Show only the oldest report · {key} asks which to acknowledge").format(
                    key=key
                )
                if self.expanded
                else self.tr("▾ %n more silent report(s) waiting · click to see them all", "", more)
            )
        self.more_button.setVisible(more > 0)
        self.layout_changed.emit()

    def _refresh_visibility(self) -> None:
        self.setVisible(
            bool(self._rows) or not self._audio_ok or not self._journal_ok or bool(self._notices)
        )
