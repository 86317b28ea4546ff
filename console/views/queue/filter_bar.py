"""The bar above the queue: scope, board, status, overdue, sort, search and saved views."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from console.api.models import Board
from console.settings import Settings
from console.views.elided import ElidedLabel
from console.views.queue.filters import STATUS_CHOICES, QueueFilters, case_number
from console.views.queue.model import Directory
from console.views.text import status_name

SEARCH_DEBOUNCE_MS = 300


class FilterBar(QWidget):
    """Scope, board, status, overdue, sort, search and saved views.

    Signals:
        filters_changed(QueueFilters): the officer changed any filter (search debounced).
        case_requested(int): Enter on a case number (19063, #19063) in the search box.
    """

    filters_changed = Signal(object)
    case_requested = Signal(int)

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("FilterBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.settings = settings
        self.directory: Directory | None = None  # names for the drill-down chip
        self._quiet = False
        # assignee, unit, district, ids: the dashboard's drill-down, shown as one chip
        self._drill: tuple[int | None, int | None, int | None, tuple[int, ...]] = (
            None,
            None,
            None,
            (),
        )

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
        # Elides rather than widening the queue (and the window) past a 1366 px screen.
        self.count_label = ElidedLabel()
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
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
        row2.addWidget(self.count_label, 1)
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
            self.tr("Search text, #case number or phone ({key})").format(key=key)
        )

    def set_boards(self, boards: Sequence[Board]) -> None:
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
            district=self._drill[2],
            ids=self._drill[3],
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
            self._drill = (f.assignee, f.unit, f.district, f.ids)
            self._show_drill()
        finally:
            self._quiet = False
        if emit:
            self._emit()

    def clear_drill(self) -> None:
        self._drill = (None, None, None, ())
        self._show_drill()
        self._emit()

    def _show_drill(self) -> None:
        assignee, unit, district, ids = self._drill
        d = self.directory
        parts = []
        if assignee is not None:
            name = d.officer_name(assignee) if d is not None else ""
            parts.append(self.tr("Officer: {name}").format(name=name or f"#{assignee}"))
        if unit is not None:
            name = d.unit_name(unit) if d is not None else ""
            parts.append(self.tr("Unit: {name}").format(name=name or f"#{unit}"))
        if district is not None:
            name = d.unit_name(district) if d is not None else ""
            parts.append(self.tr("District: {name}").format(name=name or f"#{district}"))
        if ids:
            parts.append(self.tr("{n} chosen posts").format(n=len(ids)))
        self.drill_button.setText("  ".join(parts) + "  ✕")
        self.drill_button.setVisible(bool(parts))

    def _emit_now(self) -> None:
        self._debounce.stop()
        self._emit()
        number = case_number(self.search_edit.text())
        if number is not None:
            self.case_requested.emit(number)

    def start_case_lookup(self) -> None:
        """Ctrl+G: the search box focused with "#", ready for a case number and Enter."""
        self.search_edit.setFocus()
        self.search_edit.setText("#")
        self.search_edit.setCursorPosition(1)

    def _emit(self) -> None:
        if not self._quiet:
            self.filters_changed.emit(self.filters())

    # ------------------------------------------------------------ saved views
    def saved_views(self) -> list[dict[str, Any]]:
        views = self.settings.saved_views
        return [v for v in views if isinstance(v, dict) and isinstance(v.get("name"), str)]

    def save_view(self, name: str) -> None:
        name = name.strip()[:60]
        if not name:
            return
        views = [v for v in self.saved_views() if v["name"] != name]
        views.append({"name": name, "filters": self.filters().to_json()})
        self.settings.saved_views = views

    def delete_view(self, name: str) -> None:
        self.settings.saved_views = [v for v in self.saved_views() if v["name"] != name]

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
        # Not QInputDialog.getText: that is modal, and the alarm banner must stay clickable.
        dlg = QInputDialog(self)
        dlg.setWindowTitle(self.tr("Save view"))
        dlg.setLabelText(self.tr("Name of this view (e.g. Night shift, overdue):"))
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.textValueSelected.connect(self.save_view)
        dlg.show()
