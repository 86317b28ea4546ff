"""The top of the case pane: what the post is, who has it, how long is left, where it is.

Every value that a citizen wrote (title, nickname, address, rating comment) goes
through `safe_text` into plain-text labels. Times are Beijing time (console.views.text).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from console import safe_text
from console.api.models import PostDetail
from console.store import CaseStore
from console.views.text import duration, local_time, officer_label, status_name
from console.views.theme import Colours, colours
from console.workdays import working_days_to

# Under this share of the board's handling time left, the deadline turns amber.
NEAR_SHARE = 0.25
NEAR_MIN = timedelta(minutes=30)


def _t(text: str) -> str:
    return QCoreApplication.translate("CaseHeader", text)


def deadline_state(
    deadline: datetime | None, board_minutes: int | None, now: datetime
) -> tuple[str, str]:
    """(text, level) for a deadline; level is "none", "ok", "near" or "over"."""
    if deadline is None:
        return _t("no deadline"), "none"
    left = deadline - now
    if left.total_seconds() < 0:
        return _t("overdue by {t}").format(t=duration(left.total_seconds())), "over"
    near = NEAR_MIN
    if board_minutes:
        near = max(near, timedelta(minutes=board_minutes * NEAR_SHARE))
    level = "near" if left <= near else "ok"
    return _t("{t} left").format(t=duration(left.total_seconds())), level


def status_colours(status: str, c: Colours) -> tuple[str, str]:
    """(text, background) of the status chip."""
    if status == "new":
        return c.accent_text, c.accent
    if status in ("accepted", "in_progress"):
        return c.ok_text, c.ok_bg
    return c.muted, c.action_bg


def level_style(level: str, c: Colours) -> str:
    """The deadline label's style: plain, amber when near, red when past."""
    if level == "near":
        return (
            f"color: {c.near_chip_text}; background: {c.near_chip}; border-radius: 4px;"
            " padding: 1px 6px; font-weight: bold;"
        )
    if level == "over":
        return (
            f"color: {c.on_alarm}; background: {c.alarm}; border-radius: 4px; padding: 1px 6px;"
            " font-weight: bold;"
        )
    return f"color: {c.muted};" if level == "none" else ""


class CaseHeader(QFrame):
    """Title, status, kind, and the case's facts in a two-column grid.

    Signals:
        location_copied(str): the location text was put on the clipboard.
    """

    location_copied = Signal(str)

    def __init__(self, store: CaseStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CaseHeader")
        self._store = store
        self._post: PostDetail | None = None

        self.kind_badge = self._label("KindBadge")
        self.id_label = self._label("CaseId")
        self.title = self._label("CaseTitle")
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.title.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.status = self._label("StatusChip")
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # The reporter asked for no receipt: a chip beside the status (its sentence on
        # hover); as a line of its own it cost 30 px of a 768 px screen.
        self.receipt_warning = self._label("ReceiptWarning")
        self.receipt_warning.hide()
        # Read-only sight of a post that left this officer's scope: where it went.
        self.moved_note = self._label("MovedNote")
        self.moved_note.setWordWrap(True)
        self.moved_note.hide()

        top = QHBoxLayout()
        top.setSpacing(10)
        top.addWidget(self.kind_badge, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.title, 1)
        top.addWidget(self.id_label, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.status, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.receipt_warning, 0, Qt.AlignmentFlag.AlignTop)

        self.author = self._value()
        self.board = self._value()
        self.unit = self._value()
        self.assignee = self._value()
        self.created = self._value()
        self.deadline = self._value("DeadlineValue")
        self.location = self._value("LocationValue")
        self.copy_location = QToolButton()
        self.copy_location.setObjectName("CopyLocation")
        self.copy_location.setText(self.tr("Copy"))
        self.copy_location.setToolTip(self.tr("Copy the address and coordinates"))
        self.copy_location.clicked.connect(self._copy_location)
        self.mentions = self._value()
        self.rating = self._value("RatingValue")
        self.acknowledged = self._value()

        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(4)
        self._rows: dict[str, tuple[QLabel, QWidget]] = {}
        cells: list[tuple[str, str, QWidget, int, int, int]] = [
            ("author", self.tr("Citizen"), self.author, 0, 0, 1),
            ("board", self.tr("Board"), self.board, 0, 2, 1),
            ("unit", self.tr("Unit"), self.unit, 1, 0, 1),
            ("assignee", self.tr("Officer"), self.assignee, 1, 2, 1),
            ("created", self.tr("Posted"), self.created, 2, 0, 1),
            ("deadline", self.tr("Deadline"), self.deadline, 2, 2, 1),
            ("location", self.tr("Location"), self._with_copy(), 3, 0, 3),
            ("mentions", self.tr("Mentions"), self.mentions, 4, 0, 3),
            # A silent report's board is its badge: who acknowledged it takes that place.
            ("acknowledged", self.tr("Acknowledged"), self.acknowledged, 0, 2, 1),
            ("rating", self.tr("Rating"), self.rating, 6, 0, 3),
        ]
        for key, caption, widget, row, col, span in cells:
            cap = QLabel(caption)
            cap.setObjectName("FieldCaption")
            grid.addWidget(cap, row, col, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(widget, row, col + 1, 1, span)
            self._rows[key] = (cap, widget)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self.moved_note)
        layout.addLayout(grid)
        self._location_text = ""
        self.restyle()

    def restyle(self) -> None:
        """Apply the current theme's colours (the app switched light/dark)."""
        c = colours()
        self.setStyleSheet(
            f"#CaseHeader {{ background: {c.surface}; border-bottom: 1px solid {c.border}; }}"
            f" #CaseTitle {{ font-size: 15pt; font-weight: bold; color: {c.title}; }}"
            f" #CaseId {{ color: {c.muted}; padding-top: 4px; }}"
            f" #FieldCaption {{ color: {c.muted}; }}"
            f" #FieldValue, #LocationValue, #RatingValue {{ color: {c.text}; }}"
            f" #ReceiptWarning {{ background: {c.danger_bg}; color: {c.danger_text};"
            " font-weight: bold; border-radius: 10px; padding: 3px 12px; }"
            f" #MovedNote {{ background: {c.warn_bg}; color: {c.warn_text};"
            " font-weight: bold; border-radius: 4px; padding: 4px 8px; }"
        )
        if self._post is not None:
            self.set_post(self._post)

    # ------------------------------------------------------------ building
    @staticmethod
    def _label(name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)
        return label

    def _value(self, name: str = "FieldValue") -> QLabel:
        label = self._label(name)
        label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        label.setWordWrap(True)
        return label

    def _with_copy(self) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.location, 1)
        row.addWidget(self.copy_location, 0, Qt.AlignmentFlag.AlignTop)
        return box

    def _show_row(self, key: str, visible: bool) -> None:
        cap, widget = self._rows[key]
        cap.setVisible(visible)
        widget.setVisible(visible)

    # ------------------------------------------------------------ filling
    def _show_moved(self, post: PostDetail) -> None:
        """Read-only sight of a post that left this officer's scope: say where it went."""
        self.moved_note.setVisible(post.handled_before)
        if post.handled_before:
            self.moved_note.setText(
                self.tr(
                    "Read only: this case now belongs to {unit}. You handled it before, so "
                    "you can still read it, but you can no longer act on it."
                ).format(unit=self._store.unit_name(post.unit_id) or self.tr("another unit"))
            )

    def set_post(self, post: PostDetail | None) -> None:
        self._post = post
        if post is None:
            return
        silent = post.kind == "silent_report"
        board = self._store.board(post.board)
        self.kind_badge.setText(
            self.tr("SILENT REPORT") if silent else (board.name if board else post.board)
        )
        self.kind_badge.setProperty("silent", silent)
        c = colours()
        badge_fg, badge_bg = (c.on_alarm, c.alarm) if silent else (c.reply_tag, c.action_bg)
        self.kind_badge.setStyleSheet(
            f"background: {badge_bg}; color: {badge_fg}; font-weight: bold;"
            " border-radius: 4px; padding: 3px 8px;"
        )
        safe_text.set_plain(self.title, post.title, limit=160)
        self.id_label.setText(f"#{post.id}")
        fg, bg = status_colours(post.status, c)
        self.status.setText(status_name(post.status))
        self.status.setStyleSheet(
            f"color: {fg}; background: {bg}; border-radius: 10px; padding: 3px 12px;"
            " font-weight: bold;"
        )
        self.receipt_warning.setVisible(post.suppress_receipt)
        self.receipt_warning.setText(self.tr("No receipt"))
        self.receipt_warning.setToolTip(
            self.tr(
                "The reporter asked for no receipt: a public reply may put them in danger. "
                "Use internal notes unless you are sure."
            )
        )

        self._show_moved(post)
        author = safe_text.single_line(post.author.nickname, 40)
        if post.author.phone:
            author += "  ·  " + safe_text.single_line(post.author.phone, 20)
        self.author.setText(author)
        self.author.setToolTip(safe_text.tooltip(post.author.nickname))
        self.board.setText(board.name if board else post.board)
        self.unit.setText(self._store.unit_name(post.unit_id) or self.tr("(none)"))
        officer = self._store.officer(post.assignee_id)
        if post.assignee_id is None:
            self.assignee.setText(self.tr("Nobody has accepted it yet"))
        elif officer is not None:
            self.assignee.setText(officer_label(officer.name, officer.badge))
        else:
            self.assignee.setText(self.tr("Officer #{id}").format(id=post.assignee_id))
        self.created.setText(local_time(post.created_at))
        self.refresh_deadline()

        self._show_row("location", post.location is not None)
        if post.location is not None:
            loc = post.location
            parts = []
            if loc.address:
                parts.append(safe_text.single_line(loc.address, 120))
            coords = f"{loc.lat:.6f}, {loc.lon:.6f}"
            if loc.accuracy_m is not None:
                coords += self.tr(" (±{m} m)").format(m=round(loc.accuracy_m))
            parts.append(coords)
            self._location_text = "  ".join(parts)
            self.location.setText(self._location_text)
        self._show_row("mentions", bool(post.mentions))
        self.mentions.setText(
            "  ".join("@" + safe_text.single_line(m.name, 30) for m in post.mentions)
        )
        ack = post.acknowledged_by
        self._show_row("board", not silent)
        self._show_row("acknowledged", silent)
        if silent:
            if ack is not None:
                self.acknowledged.setText(
                    self.tr("{who} at {time}").format(
                        who=officer_label(ack.name, ack.badge),
                        time=local_time(post.acknowledged_at),
                    )
                )
                self.acknowledged.setStyleSheet("")
            else:
                self.acknowledged.setText(self.tr("NOT YET ACKNOWLEDGED"))
                self.acknowledged.setStyleSheet(f"color: {c.alarm}; font-weight: bold;")
        rating = post.rating_detail
        self._show_row("rating", rating is not None)
        if rating is not None:
            stars = "★" * rating.score + "☆" * (5 - rating.score)
            text = f"{stars}  {rating.score}/5"
            if rating.comment:
                text += "  " + safe_text.single_line(rating.comment, 200)
            self.rating.setText(text)
            self.rating.setToolTip(safe_text.tooltip(rating.comment))

    def refresh_deadline(self, now: datetime | None = None) -> None:
        post = self._post
        if post is None:
            return
        if post.status in ("resolved", "archived"):
            when = local_time(post.resolved_at)
            text = self.tr("Resolved {time}").format(time=when) if when else self.tr("Resolved")
            level = "none"
        else:
            board = self._store.board(post.board)
            now = now or datetime.now(UTC)
            text, level = deadline_state(
                post.deadline_at, board.deadline_minutes if board else None, now
            )
            due = post.deadline_at
            days = working_days_to(board, self._store.workdays(), now, due) if due else None
            if days is not None and due is not None and due > now:
                # A working-day board counts as the platform does (and as the queue shows).
                level = "ok" if days else "near"
                if days:
                    text = QCoreApplication.translate("QueueModel", "%n working day(s)", "", days)
            if post.deadline_at is not None:
                text += "  (" + local_time(post.deadline_at) + ")"
        self.deadline.setText(text)
        self.deadline.setProperty("level", level)
        self.deadline.setStyleSheet(level_style(level, colours()))

    def _copy_location(self) -> None:
        if not self._location_text:
            return
        QGuiApplication.clipboard().setText(self._location_text)
        self.location_copied.emit(self._location_text)
