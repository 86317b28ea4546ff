"""The dashboard's unit ranking (leaders): how each unit keeps the handling loop's promises.

One row per unit in the leader's scope with 签收及时率 (signed in time), 回退率 (returned),
按期办结率 (closed by the deadline), 延期率 (extension asked) and 满意率 (satisfied
ratings) over the period, from `GET /api/v1/stats/units` (the platform's
`platform_server/stats/ranking.py` defines each). A click on a column header sorts by
it (by the number, never by the text; units with nothing to count sort last); a
double click on a row opens the queue of that unit's open posts. `csv_section` writes
the same table into the dashboard's CSV export.

`RankingParts` is mixed into `Dashboard`; a duty officer's dashboard has no ranking.
"""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from console.api import stats
from console.views.dashboard.draw import Panel
from console.views.dashboard.formats import fmt_count, fmt_share

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
UNIT_ROLE = Qt.ItemDataRole.UserRole + 2
OPEN = ["new", "accepted", "in_progress"]
NOTHING = -1.0  # sorts a unit with nothing to count below every real rate


def _t(text: str) -> str:
    return QCoreApplication.translate("Dashboard", text)


# (rate attribute, part, whole): the rate and what it was counted from, in column order.
RATES: tuple[tuple[str, str, str], ...] = (
    ("sign_on_time_rate", "signed_on_time", "sign_decided"),
    ("return_rate", "returned", "dispatched"),
    ("closed_on_time_rate", "closed_on_time", "decided"),
    ("extension_rate", "extended", "posts"),
    ("satisfaction_rate", "satisfied", "rated"),
)


def rate_titles() -> list[str]:
    """The column titles of RATES, in its order."""
    return [
        _t("Signed in time"),
        _t("Returned"),
        _t("Closed by the deadline"),
        _t("Extension asked"),
        _t("Satisfied"),
    ]


def headers() -> list[str]:
    return [_t("Unit"), _t("Dispatched to it"), *rate_titles()]


def _number(value: float | None) -> float:
    return NOTHING if value is None else float(value)


class RankingModel(QStandardItemModel):
    """The ranking rows; each cell keeps its number for sorting (SORT_ROLE)."""

    def set_units(self, units: tuple[stats.UnitRank, ...]) -> None:
        self.clear()
        self.setHorizontalHeaderLabels(headers())
        for u in units:
            name = QStandardItem(u.name)
            name.setData(u.name, SORT_ROLE)
            dispatched = QStandardItem(fmt_count(u.dispatched))
            dispatched.setData(float(u.dispatched), SORT_ROLE)
            dispatched.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            row = [name, dispatched]
            for rate, part, whole in RATES:
                value = getattr(u, rate)
                item = QStandardItem(fmt_share(value))
                item.setData(_number(value), SORT_ROLE)
                item.setToolTip(f"{getattr(u, part)} / {getattr(u, whole)}")
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                row.append(item)
            for item in row:
                item.setData(u.unit_id, UNIT_ROLE)
                item.setEditable(False)
            self.appendRow(row)


class RankingView(QTableView):
    """The sortable ranking table."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("UnitRanking")
        self.source = RankingModel(self)
        self.source.setHorizontalHeaderLabels(headers())
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.source)
        self.proxy.setSortRole(SORT_ROLE)
        self.setModel(self.proxy)
        self.setSortingEnabled(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().hide()
        self.setShowGrid(False)
        self.setWordWrap(False)
        head = self.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)  # the table fills the panel
        self.sortByColumn(4, Qt.SortOrder.DescendingOrder)  # 按期办结率, best first

    def column_of(self, rate: str) -> int:
        return 2 + [r[0] for r in RATES].index(rate)

    def unit_names(self) -> list[str]:
        """The units top to bottom as shown (after sorting)."""
        return [str(self.proxy.index(r, 0).data()) for r in range(self.proxy.rowCount())]


class _SheetLike(Protocol):
    def section(self, title: str, header: list[str]) -> None: ...
    def add(self, *row: Any) -> None: ...


def csv_section(sheet: _SheetLike, data: stats.UnitRanking) -> None:
    """The ranking as a spreadsheet section: each rate with what it was counted from."""
    head = [_t("Unit"), _t("Dispatched to it")]
    for title in rate_titles():
        head += [title, _t("of")]
    sheet.section(_t("Unit ranking"), head)
    for u in data.units:
        row: list[Any] = [u.name, u.dispatched]
        for rate, _part, whole in RATES:
            value = getattr(u, rate)
            row += ["" if value is None else value, getattr(u, whole)]
        sheet.add(*row)


class RankingParts:
    """The unit ranking panel of the dashboard (mixed into `Dashboard`)."""

    role: str
    filter_requested: Any

    def _build_ranking(self) -> dict[str, Panel]:
        if self.role not in ("leader", "admin"):
            return {}
        self.ranking_view = RankingView()
        self.ranking_view.doubleClicked.connect(self._ranking_clicked)
        self.ranking_panel = Panel(_t("Units: promises kept"), self.ranking_view)
        return {"ranking": self.ranking_panel}

    def ranking_endpoints(self) -> tuple[str, ...]:
        return ("units",) if self.role in ("leader", "admin") else ()

    def _show_units(self, data: stats.UnitRanking) -> None:
        view = self.ranking_view
        column = view.horizontalHeader().sortIndicatorSection()
        order = view.horizontalHeader().sortIndicatorOrder()
        view.source.set_units(data.units)
        view.sortByColumn(column, order)
        dispatched = sum(u.dispatched for u in data.units)
        self.ranking_panel.note.setText(
            _t("{u} units, {d} dispatches in the period; double-click a unit for its queue").format(
                u=len(data.units), d=dispatched
            )
        )

    def _ranking_clicked(self, index: QModelIndex) -> None:
        unit_id = index.data(UNIT_ROLE)
        if unit_id is not None:
            self.filter_requested.emit({"status": OPEN, "unit": int(unit_id)})
