"""The workload dashboard: KPI tiles and charts of the platform's `/stats/*` figures.

`fetch(path, params)` is a blocking call (the API client's `get_json`) that the
dashboard only runs through `runner` (TaskRunner): the GUI thread never waits on the
network; `store` (the live CaseStore, optional) schedules a debounced refresh.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QMenu,
    QPushButton,
    QStackedLayout,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from console.api import stats
from console.api.city import CityApi
from console.api.models import Unit
from console.store import CaseStore
from console.tasks import Runner
from console.views.dashboard.callbacks import CallbackParts
from console.views.dashboard.charts import BarChart
from console.views.dashboard.city import CityParts
from console.views.dashboard.draw import FigureDrawing, Panel
from console.views.dashboard.export import DashboardExport
from console.views.dashboard.formats import (
    fmt_count,
    fmt_duration,
    fmt_points,
    fmt_score,
    fmt_share,
    iso_utc,
)
from console.views.dashboard.hotspots import HotspotParts
from console.views.dashboard.parts import DeadlineModel, KpiTile, fill_unit_box, vertical_scroll
from console.views.dashboard.ranking import RankingParts
from console.views.dashboard.style import dashboard_style
from console.views.dashboard.wall_alarms import WallAlarms
from console.views.text import BEIJING, clock_time

log = logging.getLogger(__name__)

Fetch = Callable[[str, dict[str, Any]], Any]
ENDPOINTS = ("summary", "workload", "volume", "times", "deadlines", "satisfaction", "silent")
WALL_CYCLE_MS = 15_000
OPEN = ["new", "accepted", "in_progress"]
STORE_SIGNALS = (
    *("post_added", "post_changed", "post_removed", "silent_created"),
    *("silent_acknowledged", "silent_escalated", "posts_loaded", "reset"),
)


class Dashboard(
    QWidget, FigureDrawing, DashboardExport, CityParts, RankingParts, CallbackParts, HotspotParts
):
    """Figures for a leader (their units) or a duty officer (their own work).

    Signals:
        filter_requested(dict): open the queue filtered to what was clicked. Keys are
            `GET /api/v1/posts` filters as `PlatformClient.list_posts` takes them
            (`status` as a list of statuses, `overdue`, `assignee`, `unit`), or
            `{"post_id": id}` when one post in the deadline list was clicked.
        refreshed(): every figure of a refresh has arrived and is on screen.
        exported(str): a PNG or CSV export was written to this path.
        failed(str): a refresh or export failed; the sentence is also shown on screen.
    """

    filter_requested = Signal(dict)
    refreshed = Signal()
    hotspot_reply_requested = Signal(object)  # a Hotspot to answer together
    exported = Signal(str)
    failed = Signal(str)

    def __init__(
        self,
        fetch: Fetch,
        runner: Runner,
        *,
        role: str = "leader",
        units: Sequence[Unit] = (),
        home_unit_id: int | None = None,
        store: CaseStore | None = None,
        debounce_ms: int = 1500,
        city: CityApi | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("Dashboard")
        self.fetch = fetch
        self.runner = runner
        self.role = role
        self.figures: dict[str, stats.Figure] = {}
        self.updated_at: datetime | None = None
        self.wall_mode = False
        self._generation = 0
        self._pending: set[str] = set()
        self._errors: list[str] = []
        self._again = False
        self._dirty = True
        self._officers: list[stats.OfficerLoad] = []
        self._debounce = QTimer(self, singleShot=True, interval=debounce_ms)
        self._debounce.timeout.connect(self.refresh_now)
        self._cycle = QTimer(self, interval=WALL_CYCLE_MS)
        self._cycle.timeout.connect(self._next_wall_panel)
        self.city_store = store  # open located posts on the district map
        self._build(units, home_unit_id, city)
        self.setStyleSheet(dashboard_style(self.palette(), large=False))
        if store is not None:
            for name in STORE_SIGNALS:
                getattr(store, name).connect(self._store_changed)

    # ------------------------------------------------------------------ building
    def _build(self, units: Sequence[Unit], home_unit_id: int | None, city: CityApi | None) -> None:
        self.heading = QLabel(self.tr("Workload dashboard"))
        self.heading.setObjectName("DashboardHeading")
        self.period_box = QComboBox()
        for label, key in (
            (self.tr("Today"), "today"),
            (self.tr("This shift"), "shift"),
            (self.tr("Last 7 days"), "7d"),
            (self.tr("Last 30 days"), "30d"),
            (self.tr("Custom"), "custom"),
        ):
            self.period_box.addItem(label, key)
        self.since_edit = QDateEdit(QDate.currentDate().addDays(-6))
        self.until_edit = QDateEdit(QDate.currentDate())
        for edit in (self.since_edit, self.until_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setVisible(False)
            edit.dateChanged.connect(self._selection_changed)
        self.unit_box = QComboBox()
        self.unit_box.setMinimumContentsLength(10)
        fill_unit_box(self.unit_box, self.role, units, home_unit_id)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.refresh_now)
        self.export_button = QToolButton()
        self.export_button.setText(self.tr("Export ▾"))
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.export_button)
        menu.addAction(self.tr("Export image (PNG)…"), self._ask_png)
        menu.addAction(self.tr("Export data (CSV)…"), self._ask_csv)
        self.export_button.setMenu(menu)
        self.wall_button = QPushButton(self.tr("Wall display"))
        self.wall_button.clicked.connect(lambda: self.set_wall_mode(not self.wall_mode))
        self.updated_label = QLabel(self.tr("Not loaded yet"))
        self.updated_label.setObjectName("UpdatedLabel")
        self.updated_label.setMinimumWidth(
            self.updated_label.fontMetrics().horizontalAdvance(
                self.tr("Updated {t}").format(t="00:00:00")
            )
            + 24
        )
        self.error_label = QLabel()
        self.error_label.setObjectName("DashboardError")
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setWordWrap(True)
        self.error_label.hide()

        self.controls = QWidget()
        bar = QHBoxLayout(self.controls)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.heading)
        bar.addSpacing(16)
        bar.addWidget(self.unit_box)
        bar.addWidget(self.period_box)
        bar.addWidget(self.since_edit)
        bar.addWidget(self.until_edit)
        bar.addStretch(1)
        bar.addWidget(self.updated_label)
        bar.addWidget(self.refresh_button)
        bar.addWidget(self.export_button)
        bar.addWidget(self.wall_button)
        self.period_box.currentIndexChanged.connect(self._selection_changed)
        self.unit_box.currentIndexChanged.connect(self._selection_changed)

        self.tiles = {
            "open": KpiTile(self.tr("Open"), fmt_count, lower_is_better=True),
            "overdue": KpiTile(self.tr("Overdue"), fmt_count, lower_is_better=True, clickable=True),
            "silent_unacknowledged": KpiTile(
                self.tr("Silent reports unacknowledged"), fmt_count, lower_is_better=True
            ),
            "first_response_median_s": KpiTile(
                self.tr("Median first response"), fmt_duration, lower_is_better=True
            ),
            "satisfaction_avg": KpiTile(self.tr("Satisfaction"), fmt_score, lower_is_better=False),
            "clearance_24h": KpiTile(
                self.tr("Resolved within 24 h"),
                fmt_share,
                lower_is_better=False,
                delta_fmt=fmt_points,
            ),
            "deadline_compliance": KpiTile(
                self.tr("Resolved on time"),
                fmt_share,
                lower_is_better=False,
                delta_fmt=fmt_points,
            ),
        }
        self.tiles["overdue"].clicked.connect(self._overdue_clicked)
        self.tiles["silent_unacknowledged"].setObjectName("KpiTileAlarm")
        self.tile_row = QWidget()
        tiles = QHBoxLayout(self.tile_row)
        tiles.setContentsMargins(0, 0, 0, 0)
        tiles.setSpacing(10)
        for tile in self.tiles.values():
            tiles.addWidget(tile, 1)

        self.workload_chart = BarChart(horizontal=True, value_text=fmt_count)
        self.workload_chart.bar_clicked.connect(self._officer_clicked)
        self.volume_chart = BarChart(value_text=fmt_count)
        self.first_chart = BarChart(value_text=fmt_count)
        self.resolution_chart = BarChart(value_text=fmt_count)
        self.silent_chart = BarChart(value_text=fmt_count)
        self.satisfaction_chart = BarChart(value_text=fmt_count)
        self.deadline_model = DeadlineModel(self)
        self.deadline_view = QTableView()
        self.deadline_view.setModel(self.deadline_model)
        self.deadline_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.deadline_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.deadline_view.verticalHeader().hide()
        self.deadline_view.setShowGrid(False)
        self.deadline_view.setWordWrap(False)
        header = self.deadline_view.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.deadline_view.clicked.connect(self._deadline_clicked)
        self.unhappy_model = QStandardItemModel(self)
        self.unhappy_view = QListView()
        self.unhappy_view.setModel(self.unhappy_model)
        self.unhappy_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.unhappy_view.setWordWrap(True)

        self.panels = {
            "workload": Panel(self.tr("Officer workload"), self.workload_chart),
            "volume": Panel(self.tr("Volume and backlog"), self.volume_chart),
            "deadlines": Panel(self.tr("Overdue and due soon"), self.deadline_view),
            "first": Panel(self.tr("First response times"), self.first_chart),
            "resolution": Panel(self.tr("Resolution times"), self.resolution_chart),
            "silent": Panel(self.tr("Silent report acknowledgement times"), self.silent_chart),
            "satisfaction": Panel(self.tr("Citizen satisfaction"), self.satisfaction_chart),
            "unhappy": Panel(self.tr("Unsatisfied ratings"), self.unhappy_view),
            **self._build_city(city),
            **self._build_ranking(),
            **self._build_callbacks(),
            **self._build_hotspots(city, units),
        }
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(10)
        # On the wall: the open silent reports full-width above the cycling charts.
        self.wall_host = QWidget()
        wall_column = QVBoxLayout(self.wall_host)
        wall_column.setContentsMargins(0, 0, 0, 0)
        self.wall_alarms = WallAlarms()
        wall_column.addWidget(self.wall_alarms)
        self.wall_stack = QStackedLayout()
        wall_column.addLayout(self.wall_stack, 1)
        self._arrange_grid()
        self.figures_scroll = vertical_scroll(self.grid_host, "DashboardScroll")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.setSpacing(10)
        layout.addWidget(self.controls)
        layout.addWidget(self.error_label)
        layout.addWidget(self.tile_row)
        layout.addWidget(self.figures_scroll, 1)
        layout.addWidget(self.wall_host, 1)
        self.wall_host.hide()
        self._exit_wall = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        self._exit_wall.activated.connect(lambda: self.set_wall_mode(False))

    def _arrange_grid(self) -> None:
        p = self.panels
        placement = {
            "workload": (0, 0, 1, 2), "volume": (0, 2, 1, 2), "deadlines": (0, 4, 1, 1),
            "first": (1, 0, 1, 1), "resolution": (1, 1, 1, 1), "silent": (1, 2, 1, 1),
            "satisfaction": (1, 3, 1, 1), "unhappy": (1, 4, 1, 1), "districts": (2, 0, 1, 3),
            "hotspots": (2, 3, 1, 2), "ranking": (3, 0, 1, 3), "callbacks": (3, 3, 1, 2),
        }  # fmt: skip
        for name, (r, c, rs, cs) in placement.items():
            if name not in p:
                continue
            self.grid.addWidget(p[name], r, c, rs, cs)
            p[name].show()
        for c in range(5):
            self.grid.setColumnStretch(c, 1)
        self.grid.setRowStretch(0, 5)
        self.grid.setRowStretch(1, 4)
        self.grid.setRowStretch(2, 5 if "districts" in p else 0)
        self.grid.setRowStretch(3, 4)  # the callbacks, and a leader's unit ranking

    # ------------------------------------------------------------------ selection
    def params(self) -> dict[str, Any]:
        """The query every stats request of the current selection carries."""
        period = self.period_box.currentData()
        params: dict[str, Any] = {"period": period}
        if period == "custom":
            a, b = self.since_edit.date(), self.until_edit.date()
            if b < a:
                a, b = b, a
            since = datetime(a.year(), a.month(), a.day(), tzinfo=BEIJING)
            until = datetime(b.year(), b.month(), b.day(), tzinfo=BEIJING)
            params["since"] = iso_utc(since)
            params["until"] = iso_utc(until + timedelta(days=1))  # the last day inclusive
        unit = self.unit_box.currentData()
        if unit is not None:
            params["unit"] = unit
        return params

    def _selection_changed(self) -> None:
        custom = self.period_box.currentData() == "custom"
        self.since_edit.setVisible(custom)
        self.until_edit.setVisible(custom)
        self.refresh_now()

    # ------------------------------------------------------------------ refreshing
    def refresh(self) -> None:
        """Ask for fresh figures soon; calls within the debounce interval coalesce."""
        if not self.isVisible():
            self._dirty = True  # refreshed when shown, not while nobody looks
            return
        if not self._debounce.isActive():
            self._debounce.start()

    def refresh_now(self) -> None:
        """Fetch every figure for the current selection (on the runner's threads)."""
        self._debounce.stop()
        self._dirty = False
        if self._pending:
            self._again = True  # one more round once this one is in
            return
        self._generation += 1
        gen = self._generation
        params = self.params()
        names = (*ENDPOINTS, *self.callback_endpoints(), *self.ranking_endpoints())
        self._pending = set(names)
        self._errors = []
        self._refresh_city()
        self._refresh_hotspots()
        for name in names:
            self.runner.run(
                partial(self._fetch_figure, name, dict(params)),
                partial(self._arrived, gen, name),
                partial(self._fetch_failed, gen, name),
            )

    def _fetch_figure(self, name: str, params: dict[str, Any]) -> stats.Figure:
        """On a worker: one `/stats/<name>` answer, parsed into its model."""
        return stats.parse_figure(name, self.fetch(f"/stats/{name}", params))

    def _arrived(self, gen: int, name: str, data: stats.Figure) -> None:
        if gen != self._generation:
            return
        self.figures[name] = data
        self._draw(name, data)
        self._done(name)

    def _fetch_failed(self, gen: int, name: str, exc: Exception) -> None:
        if gen != self._generation:
            return
        user_message = getattr(exc, "user_message", None)
        message = user_message() if callable(user_message) else ""
        self._errors.append(message or self.tr("Check the network and try again."))
        self._done(name)

    def _done(self, name: str) -> None:
        self._pending.discard(name)
        if self._pending:
            return
        if self._errors:
            text = self.tr("Not all figures could be loaded: {m}").format(m=self._errors[0])
            self.error_label.setText(text)
            self.error_label.show()
            self.failed.emit(text)
        else:
            self.error_label.hide()
            self.updated_at = datetime.now(UTC)
            self.updated_label.setText(
                self.tr("Updated {t}").format(t=clock_time(self.updated_at, seconds=True))
            )
            self.refreshed.emit()
        if self._again:
            self._again = False
            self.refresh()

    def _store_changed(self, *_args: Any) -> None:
        self.refresh()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._dirty:
            self.refresh()

    # ------------------------------------------------------------------ clicks
    def _officer_clicked(self, index: int, key: str) -> None:
        if not 0 <= index < len(self._officers):
            return
        officer = self._officers[index].officer_id
        if key == "resolved":
            # resolved in the period, possibly archived since
            self.filter_requested.emit({"assignee": officer, "status": ["resolved", "archived"]})
        elif key == "overdue":
            self.filter_requested.emit({"assignee": officer, "status": OPEN, "overdue": True})
        else:
            self.filter_requested.emit({"assignee": officer, "status": OPEN, "overdue": False})

    def _overdue_clicked(self) -> None:
        f: dict[str, Any] = {"status": OPEN, "overdue": True}
        unit = self.unit_box.currentData()
        if unit is not None:
            f["unit"] = unit
        self.filter_requested.emit(f)

    def _deadline_clicked(self, index: Any) -> None:
        post_id = self.deadline_model.data(index, Qt.ItemDataRole.UserRole)
        if post_id is not None:
            self.filter_requested.emit({"post_id": post_id})

    # ------------------------------------------------------------------ wall display
    def set_wall_mode(self, on: bool) -> None:
        """Full screen, large type, one chart at a time, cycling (Esc leaves)."""
        if on == self.wall_mode:
            return
        self.wall_mode = on
        width = self.screen().geometry().width() if on else 1920
        self.setStyleSheet(dashboard_style(self.palette(), large=on, scale=min(1.0, width / 1920)))
        for panel in self.panels.values():
            if isinstance(panel.body, BarChart):
                panel.body.set_large(on)
        if on:
            for panel in self.panels.values():
                self.grid.removeWidget(panel)
                self.wall_stack.addWidget(panel)
            self.figures_scroll.hide()
            self.wall_host.show()
            self.wall_button.setText(self.tr("Leave wall display"))
            self.setWindowFlag(Qt.WindowType.Window, True)
            self.showFullScreen()
            self._cycle.start()
        else:
            self._cycle.stop()
            for panel in self.panels.values():
                self.wall_stack.removeWidget(panel)
            self._arrange_grid()
            self.wall_host.hide()
            self.figures_scroll.show()
            self.wall_button.setText(self.tr("Wall display"))
            self.setWindowFlag(Qt.WindowType.Window, False)
            self.showNormal()
            self.show()
        self._redraw()

    def _next_wall_panel(self) -> None:
        count = self.wall_stack.count()
        if count:
            self.wall_stack.setCurrentIndex((self.wall_stack.currentIndex() + 1) % count)

    def _redraw(self) -> None:
        for name, data in self.figures.items():
            self._draw(name, data)

    def _draw(self, name: str, data: stats.Figure) -> None:
        try:
            getattr(self, f"_show_{name}")(data)
        except Exception:
            log.exception("could not draw the %s figures", name)
        for panel in self.panels.values():
            panel.showing()
