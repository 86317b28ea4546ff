"""The queue pane: filter bar, saved views, and the table with its row delegate."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from console.api.models import OPEN_STATUSES, PostSummary
from console.views.queue.filters import STATUS_CHOICES
from console.views.queue.model import (
    AGE,
    COLUMNS,
    DEADLINE,
    KIND,
    POST_ROLE,
    STATUS,
    URGENCY_ROLE,
    Index,
    QueueFilters,
    channel_name,
    column_title,
    deadline_sample,
    format_duration,
    silent_label,
    status_name,
)

SEARCH_DEBOUNCE_MS = 300
DEFAULT_WIDTHS = {
    "kind": 84, "deadline": 120, "status": 76, "board": 84, "title": 340,
    "citizen": 170, "unit": 140, "assignee": 80, "age": 100,
}  # fmt: skip


def _is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


class QueueDelegate(QStyledItemDelegate):
    """Paints what must be seen at a glance: silent reports, deadlines, new posts."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        post: PostSummary | None = index.data(POST_ROLE)
        if post is None:
            super().paint(painter, option, index)
            return
        dark = _is_dark(option.palette)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        silent_open = post.is_silent and post.status in OPEN_STATUSES
        if silent_open and not selected:
            painter.fillRect(option.rect, QColor("#3a2226") if dark else QColor("#fdeaea"))
        col = index.column()
        if col == KIND:
            self._paint_kind(painter, option, index, post, dark=dark, selected=selected)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        if silent_open and not selected:
            opt.backgroundBrush = QBrush(Qt.GlobalColor.transparent)
        if col == DEADLINE:
            urgency = index.data(URGENCY_ROLE)
            colour = {
                "over": "#ff7b72" if dark else "#c62828",
                "near": "#f0b429" if dark else "#a35c00",
            }.get(urgency)
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
            opt.palette.setColor(QPalette.ColorRole.Text, QColor("#7fb3ff" if dark else "#1f5fa8"))
        elif post.status not in OPEN_STATUSES:
            opt.palette.setColor(
                QPalette.ColorRole.Text, option.palette.color(QPalette.ColorRole.PlaceholderText)
            )
        style = opt.widget.style() if opt.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        else:
            super().paint(painter, opt, index)

    def _paint_kind(self, painter, option, index, post: PostSummary, *, dark: bool, selected: bool):
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
            painter.fillRect(QRect(r.left(), r.top(), 5, r.height()), QColor("#d32f2f"))
            font = QFont(opt.font)
            font.setBold(True)
            painter.setFont(font)
            fm = painter.fontMetrics()
            w = fm.horizontalAdvance(text) + 16
            h = fm.height() + 6
            badge = QRect(r.left() + 12, r.center().y() - h // 2, w, h)
            if post.acknowledged_at is None and post.status in OPEN_STATUSES:
                painter.setBrush(QColor("#d32f2f"))
                painter.setPen(Qt.PenStyle.NoPen)
                painter.drawRoundedRect(badge, 5, 5)
                painter.setPen(QColor("#ffffff"))
            else:
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.setPen(QColor("#ff7b72" if dark else "#c62828"))
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


class FilterBar(QWidget):
    """Scope, board, status, overdue, sort, search and saved views.

    Signals:
        filters_changed(QueueFilters): the officer changed any filter (search debounced).
    """

    filters_changed = Signal(object)

    def __init__(self, settings: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("FilterBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.settings = settings
        self.directory: Any = None  # names for the drill-down chip (the CaseStore)
        self._quiet = False
        self._drill: tuple[int | None, int | None] = (None, None)

        scope_box = QWidget()
        scope_box.setObjectName("ScopeButtons")
        scope_layout = QHBoxLayout(scope_box)
        scope_layout.setContentsMargins(0, 0, 0, 0)
        scope_layout.setSpacing(0)
        self.scope_group = QButtonGroup(self)
        self.scope_buttons: dict[str, QToolButton] = {}
        for scope, text in (
            ("mine", self.tr("Mine")),
            ("unit", self.tr("My unit")),
            ("all", self.tr("All visible")),
        ):
            b = QToolButton()
            b.setText(text)
            b.setCheckable(True)
            b.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            self.scope_group.addButton(b)
            self.scope_buttons[scope] = b
            scope_layout.addWidget(b)
        self.scope_buttons["all"].setChecked(True)

        self.board_combo = QComboBox()
        self.board_combo.addItem(self.tr("All boards"), "")
        self.status_combo = QComboBox()
        for status in STATUS_CHOICES:
            self.status_combo.addItem(status_name(status), status)
        self.overdue_box = QCheckBox(self.tr("Overdue only"))
        self.sort_combo = QComboBox()
        for sort, text in (
            ("priority", self.tr("Priority")),
            ("deadline", self.tr("Deadline first")),
            ("created_desc", self.tr("Newest first")),
            ("created_asc", self.tr("Oldest first")),
            ("updated_desc", self.tr("Recently updated")),
        ):
            self.sort_combo.addItem(text, sort)
        self.sort_combo.setToolTip(self.tr("Sort order (done by the platform)"))

        self.search_edit = QLineEdit()
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(180)
        self.search_edit.setMaxLength(200)
        self.views_button = QToolButton()
        self.views_button.setText(self.tr("Views"))
        self.views_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.views_menu = QMenu(self.views_button)
        self.views_button.setMenu(self.views_menu)
        self.views_menu.aboutToShow.connect(self._fill_views_menu)
        self.count_label = QLabel()
        self.drill_button = QToolButton()
        self.drill_button.setObjectName("DrillChip")
        self.drill_button.setToolTip(self.tr("Dashboard filter: click to remove it"))
        self.drill_button.clicked.connect(self.clear_drill)
        self.drill_button.hide()

        row1 = QHBoxLayout()
        row1.setSpacing(10)
        row1.addWidget(scope_box)
        row1.addWidget(self.search_edit, 1)
        row1.addWidget(self.views_button)
        row2 = QHBoxLayout()
        row2.setSpacing(10)
        for label, widget in (
            (self.tr("Board"), self.board_combo),
            (self.tr("Status"), self.status_combo),
            (self.tr("Sort"), self.sort_combo),
        ):
            lab = QLabel(label)
            lab.setBuddy(widget)
            row2.addWidget(lab)
            row2.addWidget(widget)
        row2.addWidget(self.overdue_box)
        row2.addWidget(self.drill_button)
        row2.addStretch(1)
        row2.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(8)
        layout.addLayout(row1)
        layout.addLayout(row2)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self._emit)
        self.search_edit.textChanged.connect(lambda _t: self._debounce.start())
        self.search_edit.returnPressed.connect(self._emit_now)
        self.scope_group.buttonClicked.connect(lambda _b: self.clear_drill())
        self.board_combo.currentIndexChanged.connect(lambda _i: self._emit())
        self.status_combo.currentIndexChanged.connect(lambda _i: self._emit())
        self.sort_combo.currentIndexChanged.connect(lambda _i: self._emit())
        self.overdue_box.toggled.connect(lambda _c: self._emit())

    def set_search_shortcut_hint(self, key: str) -> None:
        self.search_edit.setPlaceholderText(
            self.tr("Search title, text, citizen ({key})").format(key=key)
        )

    def set_boards(self, boards: list[Any]) -> None:
        current = self.board_combo.currentData()
        self._quiet = True
        try:
            self.board_combo.clear()
            self.board_combo.addItem(self.tr("All boards"), "")
            for b in boards:
                self.board_combo.addItem(b.name, b.code)
            i = self.board_combo.findData(current)
            self.board_combo.setCurrentIndex(max(i, 0))
        finally:
            self._quiet = False

    def filters(self) -> QueueFilters:
        scope = next((s for s, b in self.scope_buttons.items() if b.isChecked()), "all")
        return QueueFilters(
            scope=scope,
            board=self.board_combo.currentData() or "",
            status=self.status_combo.currentData() or "open",
            overdue=self.overdue_box.isChecked(),
            q=self.search_edit.text().strip(),
            sort=self.sort_combo.currentData() or "priority",
            assignee=self._drill[0],
            unit=self._drill[1],
        )

    def set_filters(self, f: QueueFilters, emit: bool = True) -> None:
        self._quiet = True
        try:
            self.scope_buttons.get(f.scope, self.scope_buttons["all"]).setChecked(True)
            self.board_combo.setCurrentIndex(max(self.board_combo.findData(f.board), 0))
            self.status_combo.setCurrentIndex(max(self.status_combo.findData(f.status), 0))
            self.sort_combo.setCurrentIndex(max(self.sort_combo.findData(f.sort), 0))
            self.overdue_box.setChecked(f.overdue)
            self.search_edit.setText(f.q)
            self._debounce.stop()
            self._drill = (f.assignee, f.unit)
            self._show_drill()
        finally:
            self._quiet = False
        if emit:
            self._emit()

    def clear_drill(self) -> None:
        self._drill = (None, None)
        self._show_drill()
        self._emit()

    def _show_drill(self) -> None:
        assignee, unit = self._drill
        d = self.directory
        parts = []
        if assignee is not None:
            name = d.officer_name(assignee) if d is not None else ""
            parts.append(self.tr("Officer: {name}").format(name=name or f"#{assignee}"))
        if unit is not None:
            name = d.unit_name(unit) if d is not None else ""
            parts.append(self.tr("Unit: {name}").format(name=name or f"#{unit}"))
        self.drill_button.setText("  ".join(parts) + "  ✕")
        self.drill_button.setVisible(bool(parts))

    def _emit_now(self) -> None:
        self._debounce.stop()
        self._emit()

    def _emit(self) -> None:
        if not self._quiet:
            self.filters_changed.emit(self.filters())

    # ------------------------------------------------------------ saved views
    def saved_views(self) -> list[dict[str, Any]]:
        views = self.settings.get("saved_views")
        return [v for v in views if isinstance(v, dict) and isinstance(v.get("name"), str)]

    def save_view(self, name: str) -> None:
        name = name.strip()[:60]
        if not name:
            return
        views = [v for v in self.saved_views() if v["name"] != name]
        views.append({"name": name, "filters": self.filters().to_json()})
        self.settings.set("saved_views", views)

    def delete_view(self, name: str) -> None:
        self.settings.set("saved_views", [v for v in self.saved_views() if v["name"] != name])

    def apply_view(self, name: str) -> bool:
        for v in self.saved_views():
            if v["name"] == name:
                self.set_filters(QueueFilters.from_json(v.get("filters")))
                return True
        return False

    def _fill_views_menu(self) -> None:
        menu = self.views_menu
        menu.clear()
        views = self.saved_views()
        for v in views:
            act = menu.addAction(v["name"])
            act.triggered.connect(lambda _c=False, n=v["name"]: self.apply_view(n))
        if views:
            menu.addSeparator()
        menu.addAction(self.tr("Save current filters as a view…"), self._ask_save_view)
        if views:
            delete = menu.addMenu(self.tr("Delete view"))
            for v in views:
                act = delete.addAction(v["name"])
                act.triggered.connect(lambda _c=False, n=v["name"]: self.delete_view(n))

    def _ask_save_view(self) -> None:
        name, ok = QInputDialog.getText(
            self, self.tr("Save view"), self.tr("Name of this view (e.g. Night shift, overdue):")
        )
        if ok:
            self.save_view(name)


class QueueView(QWidget):
    """Filter bar over the queue table.

    Signals:
        open_requested(int): open this post in the detail pane.
        filters_changed(QueueFilters): re-query the platform.
    """

    open_requested = Signal(int)
    filters_changed = Signal(object)

    def __init__(self, model: Any, settings: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.settings = settings
        self.filter_bar = FilterBar(settings)
        self.filter_bar.directory = getattr(model, "directory", None)
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
            self.filter_bar.count_label.setText(self.tr("Loading…"))
        else:
            self.table.placeholder = self.tr("No posts match these filters.")
            self._update_count()
        self.table.viewport().update()

    def show_error(self, message: str) -> None:
        self.table.placeholder = message
        self.filter_bar.count_label.setText(self.tr("Not loaded"))
        self.table.viewport().update()

    def _update_count(self, *_args: Any) -> None:
        n = self.model.rowCount()
        if getattr(self.model, "has_more", False):
            text = self.tr("%n+ post(s), more load as you scroll", "", n)
        else:
            text = self.tr("%n post(s)", "", n)
        self.filter_bar.count_label.setText(text)

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
        widths["age"] = fit([format_duration(99 * 86400 + 23 * 3600), column_title(AGE)])
        return widths

    def set_column_widths(self, widths: dict[str, Any]) -> None:
        header = self.table.horizontalHeader()
        defaults = self.default_widths()
        for i, key in enumerate(COLUMNS):
            w = widths.get(key) if isinstance(widths, dict) else None
            w = w if isinstance(w, int) and 30 <= w <= 2000 else defaults[key]
            header.resizeSection(i, w)
