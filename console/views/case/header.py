"""The top of the case pane: what the post is, who has it, how long is left, where it is.

Every value that a citizen wrote (title, nickname, address, rating comment) goes
through `safe_text` into plain-text labels. Times are shown in Beijing time
(UTC+8, no daylight saving), which is what every officer's wall clock says —
a fixed offset, so the console needs no time-zone database on the workstation.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QGuiApplication, QPalette
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

BEIJING = timezone(timedelta(hours=8), "CST")
# Under this share of the board's handling time left, the deadline turns amber.
NEAR_SHARE = 0.25
NEAR_MIN = timedelta(minutes=30)


def _t(text: str) -> str:
    return QCoreApplication.translate("CaseHeader", text)


def local_time(dt: datetime | None, now: datetime | None = None) -> str:
    """`dt` as a Beijing wall-clock time; the year only when it is not this year."""
    if dt is None:
        return ""
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    local = dt.astimezone(BEIJING)
    this_year = (now or datetime.now(UTC)).astimezone(BEIJING).year
    return local.strftime("%m-%d %H:%M" if local.year == this_year else "%Y-%m-%d %H:%M")


def duration_text(delta: timedelta) -> str:
    """A short human duration: 3天4小时, 5小时12分, 12分."""
    minutes = int(abs(delta.total_seconds()) // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return _t("{d}d {h}h").format(d=days, h=hours)
    if hours:
        return _t("{h}h {m}m").format(h=hours, m=mins)
    return _t("{m}m").format(m=mins)


def deadline_state(
    deadline: datetime | None, board_minutes: int | None, now: datetime
) -> tuple[str, str]:
    """(text, level) for a deadline; level is "none", "ok", "near" or "over"."""
    if deadline is None:
        return _t("no deadline"), "none"
    left = deadline - now
    if left.total_seconds() < 0:
        return _t("overdue by {t}").format(t=duration_text(left)), "over"
    near = NEAR_MIN
    if board_minutes:
        near = max(near, timedelta(minutes=board_minutes * NEAR_SHARE))
    level = "near" if left <= near else "ok"
    return _t("{t} left").format(t=duration_text(left)), level


def status_name(status: str) -> str:
    return {
        "new": _t("New"),
        "accepted": _t("Accepted"),
        "in_progress": _t("In progress"),
        "resolved": _t("Resolved"),
        "archived": _t("Archived"),
    }.get(status, status)


@dataclass(frozen=True)
class CaseColours:
    """The case pane's colours for one theme (the app's light or dark style sheet)."""

    surface: str  # cards, the body, the header
    panel: str  # bars around them
    border: str
    text: str
    muted: str
    title: str
    accent: str  # public replies, primary buttons
    accent_text: str
    reply_tag: str
    note_bg: str  # internal notes: amber, in both themes
    note_edge: str
    note_tag: str
    note_paper: str  # the editor in note mode
    note_button: str
    note_button_text: str
    action_bg: str
    warn_bg: str
    warn_text: str
    danger_bg: str
    danger_text: str
    alarm: str
    ok_text: str
    ok_bg: str


LIGHT = CaseColours(
    surface="#ffffff", panel="#f6f8fb", border="#d5dce5", text="#1d2733", muted="#6b7888",
    title="#10243d", accent="#2f6db5", accent_text="#ffffff", reply_tag="#1f3a5f",
    note_bg="#fff4d6", note_edge="#e0a100", note_tag="#6b4800", note_paper="#fff6dc",
    note_button="#8a5300", note_button_text="#ffffff", action_bg="#f3f5f8",
    warn_bg="#fff1c2", warn_text="#3d2a00",
    danger_bg="#fde7e7", danger_text="#8e1b1b", alarm="#c62828", ok_text="#0d5c2e",
    ok_bg="#d7f0df",
)  # fmt: skip
DARK = CaseColours(
    surface="#1b2129", panel="#161b22", border="#2d3642", text="#dfe6ee", muted="#9aa8b8",
    title="#ffffff", accent="#4a86cf", accent_text="#0e1319", reply_tag="#9cc3f0",
    note_bg="#3a2f12", note_edge="#e0a100", note_tag="#ffd479", note_paper="#2e2614",
    note_button="#e0a100", note_button_text="#1d1200", action_bg="#1f2630",
    warn_bg="#4a3a10", warn_text="#ffe8a8",
    danger_bg="#4a1d1d", danger_text="#ffc4c4", alarm="#e53935", ok_text="#9be7a8",
    ok_bg="#1e3a27",
)  # fmt: skip


def colours() -> CaseColours:
    """The colours matching the application's current palette (light or dark theme)."""
    window = QGuiApplication.palette().color(QPalette.ColorRole.Window)
    return DARK if window.lightness() < 128 else LIGHT


def status_colours(status: str, c: CaseColours) -> tuple[str, str]:
    """(text, background) of the status chip."""
    if status == "new":
        return c.accent_text, c.accent
    if status in ("accepted", "in_progress"):
        return c.ok_text, c.ok_bg
    return c.muted, c.action_bg


def level_style(level: str, c: CaseColours) -> str:
    """The deadline label's style: plain, amber when near, red when past."""
    if level == "near":
        return (
            "color: #3d2a00; background: #ffd479; border-radius: 4px; padding: 1px 6px;"
            " font-weight: bold;"
        )
    if level == "over":
        return (
            f"color: #ffffff; background: {c.alarm}; border-radius: 4px; padding: 1px 6px;"
            " font-weight: bold;"
        )
    return f"color: {c.muted};" if level == "none" else ""


def officer_label(name: str, badge: str) -> str:
    return _t("{name} ({badge})").format(name=name, badge=badge) if badge else name


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
        self.receipt_warning = self._label("ReceiptWarning")
        self.receipt_warning.setWordWrap(True)

        top = QHBoxLayout()
        top.setSpacing(10)
        top.addWidget(self.kind_badge, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.title, 1)
        top.addWidget(self.id_label, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.status, 0, Qt.AlignmentFlag.AlignTop)

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
        grid.setVerticalSpacing(6)
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
            ("acknowledged", self.tr("Acknowledged"), self.acknowledged, 5, 0, 3),
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
        layout.setContentsMargins(16, 12, 16, 10)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(self.receipt_warning)
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
        badge_fg, badge_bg = ("#ffffff", c.alarm) if silent else (c.reply_tag, c.action_bg)
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
        self.receipt_warning.setText(
            self.tr(
                "The reporter asked for no receipt: a public reply may put them in danger. "
                "Use internal notes unless you are sure."
            )
        )

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
            text, level = deadline_state(
                post.deadline_at,
                board.deadline_minutes if board else None,
                now or datetime.now(UTC),
            )
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
