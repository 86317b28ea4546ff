"""Exporting the dashboard: what is on screen as PNG, the figures behind it as CSV.

`csv_rows` turns the `/stats/*` answers into a spreadsheet, one section per figure;
`DashboardExport` is mixed into `Dashboard` and writes the files on the task runner.
Citizen text in a cell is defused so a spreadsheet program never runs it as a formula.
"""

from __future__ import annotations

import csv
import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, SignalInstance
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog, QLabel, QWidget

from console.api import stats
from console.api.models import format_time
from console.tasks import Runner
from console.views.dashboard.callbacks import csv_section as callback_csv
from console.views.dashboard.parts import KpiTile
from console.views.dashboard.ranking import csv_section

log = logging.getLogger(__name__)

Figures = dict[str, stats.Figure]
Rows = list[list[Any]]


def _t(text: str) -> str:
    return QCoreApplication.translate("Dashboard", text)


def _num(v: Any) -> Any:
    return "" if v is None else v


def _time(dt: datetime) -> str:
    """A time as the platform wrote it (ISO 8601 UTC), so exports read as before."""
    return format_time(dt)


def unsafe_cell(value: Any) -> Any:
    """Spreadsheet programs run cells that start with = + - @ as formulas: defuse them."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


class _Sheet:
    """Rows of a spreadsheet, in titled sections separated by an empty row."""

    def __init__(self) -> None:
        self.rows: Rows = []

    def section(self, title: str, header: list[str]) -> None:
        if self.rows:
            self.rows.append([])
        self.rows.append([f"# {title}"])
        self.rows.append(header)

    def add(self, *row: Any) -> None:
        self.rows.append(list(row))


def _summary(sheet: _Sheet, summary: stats.Summary, names: dict[str, str]) -> None:
    w = summary.window
    sheet.add(_t("Scope"), w.unit_name, _t("Period"), _time(w.since), _time(w.until))
    sheet.section(_t("Figure"), [_t("Figure"), _t("This period"), _t("Previous period")])
    for key, label in names.items():
        kpi = summary.kpi(key)
        if kpi:
            sheet.add(label, _num(kpi.value), _num(kpi.previous))


def _workload(sheet: _Sheet, workload: stats.Workload) -> None:
    head = [
        _t("Open"),
        _t("Overdue"),
        _t("Accepted"),
        _t("Replies"),
        _t("Transferred"),
        _t("Resolved"),
    ]
    keys = ("open", "overdue", "accepted", "replied", "transferred", "resolved")
    sheet.section(_t("Officer workload"), [_t("Badge"), _t("Name"), *head])
    for o in workload.officers:
        sheet.add(o.badge, o.name, *(getattr(o, k) for k in keys))
    if workload.units:
        sheet.section(_t("Unit workload"), [_t("Unit"), *head])
        for u in workload.units:
            sheet.add(u.name, *(getattr(u, k) for k in keys))


def _volume(sheet: _Sheet, volume: stats.Volume) -> None:
    boards = [b.board for b in volume.by_board]
    sheet.section(
        _t("Daily volume and backlog"),
        [_t("Date"), _t("Total"), *boards, _t("Backlog at day end")],
    )
    backlog = {p.day: p.open for p in volume.backlog}
    for d in volume.by_day:
        per = [d.by_board.get(b, 0) for b in boards]
        sheet.add(d.day, d.total, *per, backlog.get(d.day, ""))
    sheet.section(_t("By hour (Beijing time)"), [_t("Hour"), _t("Posts")])
    for hour, n in enumerate(volume.by_hour):
        sheet.add(hour, n)


def _times(sheet: _Sheet, times: stats.Times) -> None:
    for key, title in (
        ("first_response", _t("First response time")),
        ("resolution", _t("Resolution time")),
    ):
        block = getattr(times, key)
        sheet.section(title, [_t("Group"), _t("Count"), _t("Median (s)"), _t("P90 (s)")])
        o = block.overall
        sheet.add(_t("All"), o.count, _num(o.median_s), _num(o.p90_s))
        for g in (*block.by_board, *block.by_unit):
            sheet.add(g.name, g.count, _num(g.median_s), _num(g.p90_s))


def _deadlines(sheet: _Sheet, deadlines: stats.Deadlines) -> None:
    sheet.section(
        _t("Overdue and due soon"), [_t("No."), _t("Title"), _t("Deadline (UTC)"), _t("Status")]
    )
    for item in deadlines.overdue:
        sheet.add(item.id, item.title, _time(item.deadline_at), _t("Overdue"))
    for item in deadlines.due_soon:
        sheet.add(item.id, item.title, _time(item.deadline_at), _t("Due within 2 h"))


def _satisfaction(sheet: _Sheet, sat: stats.Satisfaction) -> None:
    sheet.section(_t("Satisfaction distribution"), [_t("Score"), _t("Count")])
    for score, n in enumerate(sat.distribution, start=1):
        sheet.add(score, n)
    sheet.section(
        _t("Unsatisfied ratings"), [_t("No."), _t("Score"), _t("Comment"), _t("Time (UTC)")]
    )
    for u in sat.unhappy:
        sheet.add(u.post_id, u.score, u.comment, _time(u.rated_at))


def _silent(sheet: _Sheet, silent: stats.Silent) -> None:
    sheet.section(_t("Silent report acknowledgement"), [_t("Item"), _t("Value")])
    sheet.add(_t("Reports"), silent.count)
    sheet.add(_t("Acknowledged"), silent.acknowledged)
    sheet.add(_t("Unacknowledged now"), silent.unacknowledged_now)
    sheet.add(_t("Acknowledgement median (s)"), _num(silent.ack.median_s))
    sheet.add(_t("Acknowledgement P90 (s)"), _num(silent.ack.p90_s))
    sheet.add(_t("Acknowledged within 15 s"), _num(silent.within_15s_share))
    sheet.add(_t("Acknowledged within 20 s"), _num(silent.within_20s_share))
    sheet.add(_t("Escalations"), silent.escalations)


_SECTIONS: tuple[tuple[str, Callable[[_Sheet, Any], None]], ...] = (
    ("workload", _workload),
    ("volume", _volume),
    ("times", _times),
    ("deadlines", _deadlines),
    ("satisfaction", _satisfaction),
    ("silent", _silent),
    ("units", csv_section),
    ("callbacks", callback_csv),
)


def csv_rows(figures: Figures, names: dict[str, str]) -> Rows:
    """Every figure on screen as rows of a spreadsheet, section by section.

    ``names`` are the KPI tiles' titles by figure key, in the order they are shown.
    """
    sheet = _Sheet()
    summary = figures.get("summary")
    if isinstance(summary, stats.Summary):
        _summary(sheet, summary, names)
    for key, write in _SECTIONS:
        data = figures.get(key)
        if data is not None:
            write(sheet, data)
    return sheet.rows


class DashboardExport:
    """The export half of `Dashboard` (which provides these attributes)."""

    figures: Figures
    tiles: dict[str, KpiTile]
    runner: Runner
    error_label: QLabel
    exported: SignalInstance
    failed: SignalInstance

    if TYPE_CHECKING:

        def tr(self, text: str) -> str: ...  # QWidget.tr, in the real class
        def grab(self) -> Any: ...  # QWidget.grab

    def _ask_png(self) -> None:
        self._ask_path(
            self.tr("Export image"), "dashboard.png", self.tr("PNG image (*.png)"), self.export_png
        )

    def _ask_csv(self) -> None:
        self._ask_path(
            self.tr("Export data"), "dashboard.csv", self.tr("CSV table (*.csv)"), self.export_csv
        )

    def _ask_path(
        self, title: str, name: str, kinds: str, then: Callable[[str], None]
    ) -> QFileDialog:
        """A non-modal save dialog (the static one is modal and would block the alarm)."""
        dlg = QFileDialog(self._widget(), title, name, kinds)
        dlg.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.fileSelected.connect(lambda path: then(path) if path else None)
        dlg.show()
        return dlg

    def _widget(self) -> QWidget | None:
        return self if isinstance(self, QWidget) else None

    def export_png(self, path: str | Path) -> None:
        """Save what is on screen; the grab is here, the disk write on the runner."""
        image: QImage = self.grab().toImage()

        def write() -> str:
            if not image.save(str(path), "PNG"):  # type: ignore[call-overload]
                raise OSError(f"could not write {path}")
            return str(path)

        self.runner.run(write, self.exported.emit, self._export_failed)

    def export_csv(self, path: str | Path) -> None:
        """The figures behind the view, UTF-8 with BOM so spreadsheet programs read Chinese."""
        names = {key: tile.title.text() for key, tile in self.tiles.items()}
        rows = csv_rows(dict(self.figures), names)

        def write() -> str:
            with open(path, "w", encoding="utf-8-sig", newline="") as f:
                writer = csv.writer(f)
                for row in rows:
                    writer.writerow([unsafe_cell(v) for v in row])
            return str(path)

        self.runner.run(write, self.exported.emit, self._export_failed)

    def _export_failed(self, exc: Exception) -> None:
        log.warning("dashboard export failed", exc_info=exc)
        text = self.tr("The export failed; try another location.")
        self.error_label.setText(text)
        self.error_label.show()
        self.failed.emit(text)
