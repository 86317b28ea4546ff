"""How a queue row looks: the row delegate (silent reports, deadlines, new posts) and the
table that opens a case on Enter and says why it is empty."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from console.api.models import OPEN_STATUSES, PostSummary
from console.views.queue.model import DEADLINE, KIND, POST_ROLE, STATUS, URGENCY_ROLE, Index
from console.views.theme import Colours, colours


class QueueDelegate(QStyledItemDelegate):
    """Paints what must be seen at a glance: silent reports, deadlines, new posts."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        post: PostSummary | None = index.data(POST_ROLE)
        if post is None:
            super().paint(painter, option, index)
            return
        c = colours(option.palette)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        silent_open = post.is_silent and post.status in OPEN_STATUSES
        if silent_open and not selected:
            painter.fillRect(option.rect, QColor(c.silent_row))
        col = index.column()
        if col == KIND:
            self._paint_kind(painter, option, index, post, c=c, selected=selected)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        if silent_open and not selected:
            opt.backgroundBrush = QBrush(Qt.GlobalColor.transparent)
        if col == DEADLINE:
            urgency = index.data(URGENCY_ROLE)
            colour = {"over": c.alarm_text, "near": c.near_text}.get(urgency)
            if colour is not None:
                # The same colour when selected: a deadline must read the same everywhere.
                opt.palette.setColor(QPalette.ColorRole.Text, QColor(colour))
                opt.palette.setColor(QPalette.ColorRole.HighlightedText, QColor(colour))
                opt.font.setBold(True)
            else:
                opt.palette.setColor(
                    QPalette.ColorRole.Text,
                    option.palette.color(QPalette.ColorRole.PlaceholderText),
                )
        elif col == STATUS and post.status == "new":
            opt.font.setBold(True)
            opt.palette.setColor(QPalette.ColorRole.Text, QColor(c.new_status_text))
        elif post.status not in OPEN_STATUSES:
            opt.palette.setColor(
                QPalette.ColorRole.Text, option.palette.color(QPalette.ColorRole.PlaceholderText)
            )
        style = opt.widget.style() if opt.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        else:
            super().paint(painter, opt, index)

    def _paint_kind(self, painter, option, index, post: PostSummary, *, c: Colours, selected: bool):
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text = opt.text
        opt.text = ""
        if post.is_silent and post.status in OPEN_STATUSES and not selected:
            opt.backgroundBrush = QBrush(Qt.GlobalColor.transparent)
        style = opt.widget.style() if opt.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        r = option.rect
        if post.is_silent:
            # A red stripe down the row's edge and a solid red badge until acknowledged.
            painter.fillRect(QRect(r.left(), r.top(), 5, r.height()), QColor(c.silent_badge))
            font = QFont(opt.font)
            font.setBold(True)
            painter.setFont(font)
            fm = painter.fontMetrics()
            w = fm.horizontalAdvance(text) + 16
            h = fm.height() + 6
            badge = QRect(r.left() + 12, r.center().y() - h // 2, w, h)
            if post.acknowledged_at is None and post.status in OPEN_STATUSES:
                painter.setBrush(QColor(c.silent_badge))
                painter.setPen(Qt.PenStyle.NoPen)
                painter.drawRoundedRect(badge, 5, 5)
                painter.setPen(QColor(c.on_alarm))
            else:
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.setPen(QColor(c.alarm_text))
                painter.drawRoundedRect(badge.adjusted(0, 0, -1, -1), 5, 5)
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, text)
        else:
            color = opt.palette.color(QPalette.ColorRole.PlaceholderText)
            painter.setPen(color)
            painter.setFont(opt.font)
            painter.drawText(r.adjusted(12, 0, -4, 0), Qt.AlignmentFlag.AlignVCenter, text)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width() + 12, max(size.height(), option.fontMetrics.height() + 14))


class QueueTable(QTableView):
    """The table: Enter opens, and an empty queue says why it is empty.

    Signals:
        open_requested(int): Enter or double-click on a row (the post id).
    """

    open_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("QueueTable")
        self.placeholder = ""
        self.doubleClicked.connect(self._open_index)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._open_index(self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            post = index.data(POST_ROLE)
            if post is not None:
                self.open_requested.emit(post.id)

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        model = self.model()
        if model is not None and model.rowCount() == 0 and self.placeholder:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(
                self.viewport().rect().adjusted(24, 24, -24, -24),
                Qt.AlignmentFlag.AlignHCenter
                | Qt.AlignmentFlag.AlignTop
                | Qt.TextFlag.TextWordWrap,
                self.placeholder,
            )
            painter.end()
