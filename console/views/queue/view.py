"""The queue pane: the filter bar over the table of posts."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QVBoxLayout, QWidget

from console.api.models import PostSummary
from console.settings import Settings
from console.views.queue.delegate import QueueDelegate, QueueTable
from console.views.queue.filter_bar import FilterBar
from console.views.queue.model import (
    AGE,
    COLUMNS,
    DEADLINE,
    KIND,
    POST_ROLE,
    PRIORITY,
    STATUS,
    QueueModel,
    channel_name,
    column_title,
    deadline_sample,
    silent_label,
)
from console.views.text import duration, priority_name, status_name

DEFAULT_WIDTHS = {
    "kind": 84, "priority": 70, "deadline": 120, "status": 76, "board": 84, "title": 340,
    "citizen": 170, "unit": 140, "assignee": 80, "age": 100,
}  # fmt: skip


class QueueView(QWidget):
    """Filter bar over the queue table.

    Signals:
        open_requested(int): open this post in the detail pane (Enter, double-click, a
            case number in the search box, or the highlight resting on a row).
        filters_changed(QueueFilters): re-query the platform.
    """

    open_requested = Signal(int)
    filters_changed = Signal(object)

    def __init__(
        self, model: QueueModel, settings: Settings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.settings = settings
        self.filter_bar = FilterBar(settings)
        self.filter_bar.directory = model.directory
        self.table = QueueTable()
        self.table.setModel(model)
        self.table.setItemDelegate(QueueDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.verticalHeader().hide()
        vh = self.table.verticalHeader()
        vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.ensurePolished()
        vh.setDefaultSectionSize(self.table.fontMetrics().height() + 18)
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        # What an officer scans for (kind, time left, status, board, title) sits on the
        # left; who and where scroll into view on narrow screens.
        header.setStretchLastSection(True)
        header.setMinimumSectionSize(48)
        self.set_column_widths({})

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.table, 1)

        self.filter_bar.filters_changed.connect(self.filters_changed)
        self.table.open_requested.connect(self.open_requested)
        self.filter_bar.case_requested.connect(self.open_requested)
        # The highlighted row and the open case never drift apart: the case follows the
        # highlight once it rests (arrow keys held down open nothing on the way), and
        # `show_open_case` moves the highlight to a case opened from elsewhere.
        self._open_id: int | None = None
        self._follow = QTimer(self, singleShot=True, interval=250)
        self._follow.timeout.connect(self._open_highlighted)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._follow.start())
        self.filter_bar.search_edit.installEventFilter(self)
        model.rowsInserted.connect(self._update_count)
        model.rowsRemoved.connect(self._update_count)
        model.modelReset.connect(self._update_count)

    # ------------------------------------------------------------ state
    def eventFilter(self, obj, event) -> bool:
        if (
            obj is self.filter_bar.search_edit
            and isinstance(event, QKeyEvent)
            and event.type() == QKeyEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_Down)
        ):
            self.table.setFocus()
            if not self.table.currentIndex().isValid() and self.model.rowCount() > 0:
                self.table.selectRow(0)
            return True
        return super().eventFilter(obj, event)

    def set_loading(self, loading: bool) -> None:
        if loading:
            self.table.placeholder = self.tr("Loading the queue…")
            self.filter_bar.count_label.set_full_text(self.tr("Loading…"))
        else:
            self.table.placeholder = self.tr("No posts match these filters.")
            self._update_count()
        self.table.viewport().update()

    def show_error(self, message: str) -> None:
        self.table.placeholder = message
        self.filter_bar.count_label.set_full_text(self.tr("Not loaded"))
        self.table.viewport().update()

    def _update_count(self, *_args: Any) -> None:
        n = self.model.rowCount()
        if getattr(self.model, "has_more", False):
            text = self.tr("%n+ post(s), more load as you scroll", "", n)
        else:
            text = self.tr("%n post(s)", "", n)
        self.filter_bar.count_label.set_full_text(text)

    def selected_post(self) -> PostSummary | None:
        index = self.table.currentIndex()
        return index.data(POST_ROLE) if index.isValid() else None

    def select_post(self, post_id: int) -> bool:
        row = self.model.row_of(post_id)
        if row is None:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def show_open_case(self, post_id: int | None) -> None:
        """The case pane shows ``post_id``: highlight its row, or none when it is not
        among the loaded rows (opened from the banner, a lookup …)."""
        if post_id == self._open_id and post_id is not None:
            return  # the same case refreshed: the officer may be moving the highlight
        self._open_id = post_id
        self._highlight_open()

    def rows_reloaded(self) -> None:
        """New rows (filters, F5): the open case's row is highlighted again, if loaded."""
        self._highlight_open()

    def _highlight_open(self) -> None:
        post_id = self._open_id
        selected = self.selected_post()
        if post_id is not None and selected is not None and selected.id == post_id:
            return
        if post_id is None or not self.select_post(post_id):
            self.table.selectionModel().clear()
        self._follow.stop()  # the highlight moved to the open case, not the officer

    def _open_highlighted(self) -> None:
        post = self.selected_post()
        if post is not None and post.id != self._open_id:
            self.open_requested.emit(post.id)

    def focus_search(self) -> None:
        self.filter_bar.search_edit.setFocus()
        self.filter_bar.search_edit.selectAll()

    def focus_table(self) -> None:
        self.table.setFocus()
        if not self.table.currentIndex().isValid() and self.model.rowCount() > 0:
            self.table.selectRow(0)

    def column_widths(self) -> dict[str, int]:
        header = self.table.horizontalHeader()
        return {key: header.sectionSize(i) for i, key in enumerate(COLUMNS)}

    def default_widths(self) -> dict[str, int]:
        """Widths that fit the longest usual text of each short column in this language."""
        self.table.ensurePolished()  # the style sheet's font, not the default one
        fm = self.table.fontMetrics()
        bold = QFont(self.table.font())
        bold.setBold(True)
        fmb = QFontMetrics(bold)
        pad = 28

        def fit(texts: list[str], metrics: QFontMetrics = fm) -> int:
            return max(metrics.horizontalAdvance(t) for t in texts) + pad

        widths = dict(DEFAULT_WIDTHS)
        widths["kind"] = max(
            fit([channel_name(c) for c in ("board", "group", "web", "hotline", "sms")]),
            fit([silent_label()], fmb) + 16,
            fit([column_title(KIND)], fmb),
        )
        widths["deadline"] = fit([deadline_sample(), column_title(DEADLINE)], fmb)
        widths["status"] = fit(
            [status_name(s) for s in ("new", "accepted", "in_progress", "resolved")]
            + [column_title(STATUS)],
            fmb,
        )
        widths["priority"] = fit([priority_name(n) for n in range(1, 5)], fmb)
        widths["priority"] = max(widths["priority"], fit([column_title(PRIORITY)], fmb))
        widths["age"] = fit([duration(99 * 86400 + 23 * 3600), column_title(AGE)])
        return widths

    def set_column_widths(self, widths: dict[str, Any]) -> None:
        header = self.table.horizontalHeader()
        defaults = self.default_widths()
        for i, key in enumerate(COLUMNS):
            w = widths.get(key) if isinstance(widths, dict) else None
            w = w if isinstance(w, int) and 30 <= w <= 2000 else defaults[key]
            header.resizeSection(i, w)
