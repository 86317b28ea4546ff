"""A row of buttons that stays one row while it can, and wraps when its pane is narrow.

Qt has no flow layout of its own (its documentation has one as an example). This one
adds a rule for the case pane's action bar: its minimum width is the whole row's, up to
`cap`. Five buttons in Chinese (≈ 600 px) keep one row and hold the case pane that wide,
as a rigid row would; the same five in English (≈ 900 px) would have made the window
wider than a 1366 px screen, and wrap onto a second row instead. The height for a width
(`heightForWidth`) is the rows that width needs, so the pane's layout gives the bar the
room of its second row when it has one.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget


class FlowRow(QLayout):
    """Items left to right in their own sizes, wrapping to more rows when narrow."""

    def __init__(self, parent: QWidget | None = None, *, spacing: int = 8, cap: int = 640):
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._cap = cap
        self.setSpacing(spacing)

    # ------------------------------------------------------------ QLayout's interface
    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def insert_widget(self, index: int, widget: QWidget) -> None:
        """`widget` at `index` (QLayout has no insert of its own)."""
        self.addWidget(widget)  # adopts it and appends its item
        self._items.insert(index, self._items.pop())
        self.invalidate()

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), place=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, place=True)

    def sizeHint(self) -> QSize:
        """One row of everything shown."""
        shown = self._shown()
        m = self.contentsMargins()
        width = sum(i.sizeHint().width() for i in shown) + self.spacing() * max(0, len(shown) - 1)
        height = max((i.sizeHint().height() for i in shown), default=0)
        return QSize(width + m.left() + m.right(), height + m.top() + m.bottom())

    def minimumSize(self) -> QSize:
        """The whole row up to `cap` wide (never narrower than its widest item), as tall as
        the rows that width needs."""
        widest = max((i.minimumSize().width() for i in self._shown()), default=0)
        m = self.contentsMargins()
        width = max(min(self.sizeHint().width(), self._cap), widest + m.left() + m.right())
        return QSize(width, self.heightForWidth(width))

    # ------------------------------------------------------------ placing
    def _shown(self) -> list[QLayoutItem]:
        return [i for i in self._items if not i.isEmpty()]

    def _arrange(self, rect: QRect, *, place: bool) -> int:
        """Lay the shown items out in `rect` (or only measure); the height they take."""
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        x, y, row_height = area.x(), area.y(), 0
        for item in self._shown():
            hint = item.sizeHint()
            if x > area.x() and x + hint.width() > area.right() + 1:
                x, y = area.x(), y + row_height + self.spacing()
                row_height = 0
            if place:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self.spacing()
            row_height = max(row_height, hint.height())
        return y + row_height - rect.y() + m.bottom()
