"""Pieces of the dashboard: the KPI tile and the list of overdue and soon-due posts."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QMouseEvent
from PySide6.QtWidgets import QComboBox, QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from console.api import stats
from console.api.models import Unit
from console.views.dashboard.formats import fmt_duration
from console.views.theme import colours

Index = QModelIndex | QPersistentModelIndex


def _t(text: str) -> str:
    return QCoreApplication.translate("Dashboard", text)


# ---------------------------------------------------------------- KPI tile
class KpiTile(QFrame):
    """One headline figure with its change against the previous period.

    Signals:
        clicked(): the tile was clicked (only when `clickable`).
    """

    clicked = Signal()

    def __init__(
        self,
        title: str,
        fmt: Callable[[float | None], str],
        *,
        lower_is_better: bool,
        delta_fmt: Callable[[float], str] | None = None,
        clickable: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("KpiTile")
        self.fmt = fmt
        self.delta_fmt = delta_fmt or (lambda d: fmt(abs(d)))
        self.lower_is_better = lower_is_better
        self.clickable = clickable
        self.title = QLabel(title)
        self.title.setObjectName("KpiTitle")
        self.value = QLabel("—")
        self.value.setObjectName("KpiValue")
        self.delta = QLabel(" ")
        self.delta.setObjectName("KpiDelta")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(2)
        for w in (self.title, self.value, self.delta):
            w.setTextFormat(Qt.TextFormat.PlainText)
            layout.addWidget(w)
        if clickable:
            self.setCursor(Qt.CursorShape.PointingHandCursor)
            self.setToolTip(_t("Click to see these posts"))
        self.current: float | None = None
        self.previous: float | None = None

    def set_kpi(self, value: float | None, previous: float | None) -> None:
        self.current, self.previous = value, previous
        self.value.setText(self.fmt(value))
        if value is None or previous is None:
            self.delta.setText(_t("Previous {v}").format(v=self.fmt(previous)))
            self._tone("flat")
            return
        diff = value - previous
        if abs(diff) < 1e-9:
            self.delta.setText(_t("Same as the previous period"))
            self._tone("flat")
            return
        arrow = "▲" if diff > 0 else "▼"
        self.delta.setText(_t("{arrow}{d} vs previous").format(arrow=arrow, d=self.delta_fmt(diff)))
        better = (diff < 0) == self.lower_is_better
        self._tone("good" if better else "bad")

    def _tone(self, tone: str) -> None:
        self.delta.setProperty("tone", tone)
        self.delta.style().unpolish(self.delta)
        self.delta.style().polish(self.delta)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self.clickable and event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(event)


# ---------------------------------------------------------------- deadline list
class DeadlineModel(QAbstractTableModel):
    """Overdue posts, then posts due within two hours (ids, titles, deadlines)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[str, stats.DueItem]] = []  # ("overdue" | "soon", item)
        self.now = datetime.now(UTC)

    def set_items(self, overdue: Sequence[stats.DueItem], soon: Sequence[stats.DueItem]) -> None:
        self.beginResetModel()
        self.now = datetime.now(UTC)
        self.rows = [("overdue", i) for i in overdue] + [("soon", i) for i in soon]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return (_t("No."), _t("Title"), _t("Deadline"))[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        kind, item = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return f"#{item.id}"
            if col == 1:
                return item.title or _t("(untitled)")
            return self._deadline_text(kind, item)
        if role == Qt.ItemDataRole.ForegroundRole and col == 2:
            c = colours()
            return QColor(c.figure_bad if kind == "overdue" else c.figure_soon)
        if role == Qt.ItemDataRole.ToolTipRole and col == 1:
            return item.title  # plain text: a tooltip without tags is never rich text
        if role == Qt.ItemDataRole.UserRole:
            return item.id
        return None

    def _deadline_text(self, kind: str, item: stats.DueItem) -> str:
        delta = (item.deadline_at - self.now).total_seconds()
        if kind == "overdue":
            return _t("overdue {d}").format(d=fmt_duration(-delta))
        return _t("due in {d}").format(d=fmt_duration(max(delta, 0)))


def vertical_scroll(widget: QWidget, name: str) -> QScrollArea:
    """``widget`` in a frameless area that scrolls up and down (never sideways): on a
    small screen (1366×768) the charts scroll, and the page never makes the main window
    taller than the screen."""
    area = QScrollArea()
    area.setObjectName(name)
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return area


def unit_tree(units: Sequence[Unit]) -> list[tuple[Unit, int]]:
    """Units in tree order (each parent before its children, siblings by id), with depth.

    A unit whose parent is not among `units` starts a tree of its own.
    """
    by_parent: dict[int | None, list[Unit]] = {}
    known = {u.id for u in units}
    for u in units:
        by_parent.setdefault(u.parent_id if u.parent_id in known else None, []).append(u)
    out: list[tuple[Unit, int]] = []

    def add(parent: int | None, depth: int) -> None:
        for u in sorted(by_parent.get(parent, []), key=lambda x: x.id):
            out.append((u, depth))
            add(u.id, depth + 1)

    add(None, 0)
    return out


def fill_unit_box(box: QComboBox, role: str, units: Sequence[Unit], home: int | None) -> None:
    """The scope picker: "Myself" for a duty officer (fixed); a leader's units as a tree,
    their own chosen; for an admin "All units" first, and chosen."""
    if role not in ("leader", "admin"):
        box.addItem(_t("Myself"), None)
        box.setEnabled(False)
        return
    if role == "admin":
        box.addItem(_t("All units"), None)
    for u, depth in unit_tree(units):
        box.addItem("　" * depth + u.name, u.id)
    index = box.findData(home)
    if index >= 0 and role != "admin":
        box.setCurrentIndex(index)
