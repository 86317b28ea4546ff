"""How the dashboard draws each figure: the panels and the `_show_<endpoint>` methods.

`FigureDrawing` is mixed into `Dashboard`; each method takes one `/stats/<endpoint>`
answer and puts it on the tiles, charts and lists the dashboard built.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from console.api import stats
from console.views.dashboard.charts import BarChart, Series
from console.views.dashboard.formats import (
    bucket_labels,
    fmt_count,
    fmt_duration,
    fmt_score,
    fmt_share,
    short_bucket_labels,
)
from console.views.dashboard.parts import DeadlineModel, KpiTile

TOP_OFFICERS = 12
TOP_BOARDS = 5


class Panel(QFrame):
    """A titled card holding one chart or list, with a one-line summary under the title."""

    def __init__(self, title: str, body: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Panel")
        self.title = QLabel(title)
        self.title.setObjectName("PanelTitle")
        self.note = QLabel(" ")
        self.note.setObjectName("PanelNote")
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setWordWrap(True)
        self.legend = QLabel()
        self.legend.setObjectName("PanelLegend")
        self.legend.setTextFormat(Qt.TextFormat.RichText)  # our own labels, escaped
        self.body = body
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addStretch(1)
        head.addWidget(self.legend)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(4)
        layout.addLayout(head)
        layout.addWidget(self.note)
        layout.addWidget(body, 1)

    def showing(self) -> None:
        """Refresh the legend after the chart's data changed."""
        if isinstance(self.body, BarChart):
            entries = self.body.legend_entries()
            self.legend.setText(self.body.legend_html() if len(entries) > 1 else "")


class FigureDrawing:
    """The drawing half of `Dashboard` (it provides these attributes)."""

    tiles: dict[str, KpiTile]
    panels: dict[str, Panel]
    workload_chart: BarChart
    volume_chart: BarChart
    first_chart: BarChart
    resolution_chart: BarChart
    silent_chart: BarChart
    satisfaction_chart: BarChart
    deadline_model: DeadlineModel
    unhappy_model: QStandardItemModel
    _officers: list[stats.OfficerLoad]

    if TYPE_CHECKING:

        def tr(self, text: str) -> str: ...  # QWidget.tr, in the real class

    def _show_summary(self, data: stats.Summary) -> None:
        for key, tile in self.tiles.items():
            kpi = data.kpi(key)
            tile.set_kpi(kpi.value if kpi else None, kpi.previous if kpi else None)

    def _show_workload(self, data: stats.Workload) -> None:
        officers = sorted(data.officers, key=lambda o: (-o.overdue, -o.open, -o.resolved))
        officers = [o for o in officers if o.open or o.resolved][:TOP_OFFICERS]
        self._officers = officers
        names = [o.name for o in officers]
        self.workload_chart.set_data(
            names,
            [
                Series("overdue", self.tr("Overdue"), [o.overdue for o in officers], "red"),
                Series(
                    "open",
                    self.tr("Open, on time"),
                    [o.open - o.overdue for o in officers],
                    "blue",
                ),
                Series(
                    "resolved",
                    self.tr("Resolved this period"),
                    [o.resolved for o in officers],
                    "green",
                ),
            ],
        )
        shown = len(data.officers)
        self.panels["workload"].note.setText(
            self.tr("Most overdue first, top {n} of {m}; click a bar to open those posts").format(
                n=len(officers), m=shown
            )
        )

    def _show_volume(self, data: stats.Volume) -> None:
        days = data.by_day
        if len(days) <= 1:
            self.volume_chart.set_data(
                [f"{h}" for h in range(24)],
                [Series("posts", self.tr("Posts"), list(data.by_hour), "blue")],
            )
            note = self.tr("Today by hour (Beijing time), {n} in total").format(
                n=fmt_count(data.total)
            )
        else:
            ranked = sorted(data.by_board, key=lambda b: -b.count)
            top = [b for b in ranked[:TOP_BOARDS] if b.count]
            series = [
                Series(
                    b.board,
                    b.name,
                    [d.by_board.get(b.board, 0) for d in days],
                    ["blue", "orange", "teal", "purple", "sky"][i],
                )
                for i, b in enumerate(top)
            ]
            keys = {b.board for b in top}
            rest = [sum(n for k, n in d.by_board.items() if k not in keys) for d in days]
            if any(rest):
                series.append(Series("other", self.tr("Other"), rest, "grey"))
            # No backlog figures (e.g. no day has ended yet): no empty "积压" line either.
            backlog = (
                Series(
                    "backlog", self.tr("Backlog at day end"), [p.open for p in data.backlog], "red"
                )
                if len(data.backlog) == len(days) and days
                else None
            )
            self.volume_chart.set_data([d.day[5:] for d in days], series, line=backlog)
            note = self.tr(
                "{n} in total; the line is the posts still open at each day's end"
            ).format(n=fmt_count(data.total))
        self.panels["volume"].note.setText(note)

    def _show_times(self, data: stats.Times) -> None:
        for key, chart, panel in (
            ("first_response", self.first_chart, "first"),
            ("resolution", self.resolution_chart, "resolution"),
        ):
            block = getattr(data, key)
            edges, counts, target = (
                list(block.histogram.edges_s),
                list(block.histogram.counts),
                block.target_s,
            )
            cut = edges.index(target) + 1 if target in edges else len(counts)
            within = [c if i < cut else 0 for i, c in enumerate(counts)]
            beyond = [0 if i < cut else c for i, c in enumerate(counts)]
            chart.set_data(
                short_bucket_labels(edges),
                [
                    Series("within", self.tr("Within target"), within, "green"),
                    Series("beyond", self.tr("Over target"), beyond, "orange"),
                ],
                markers=[(cut - 0.5, self.tr("Target {t}").format(t=fmt_duration(target)))],
                titles=bucket_labels(edges),
            )
            o = block.overall
            self.panels[panel].note.setText(
                self.tr("Median {m} · P90 {p} · {n} posts").format(
                    m=fmt_duration(o.median_s),
                    p=fmt_duration(o.p90_s),
                    n=fmt_count(o.count),
                )
            )

    def _show_deadlines(self, data: stats.Deadlines) -> None:
        self.deadline_model.set_items(data.overdue, data.due_soon)
        self.panels["deadlines"].note.setText(
            self.tr("{o} overdue · {s} due within 2 h · resolved on time {c}").format(
                o=fmt_count(data.overdue_count),
                s=fmt_count(data.due_soon_count),
                c=fmt_share(data.compliance),
            )
        )

    def _show_satisfaction(self, data: stats.Satisfaction) -> None:
        dist = data.distribution
        colors = ["red", "orange", "yellow", "teal", "green"]
        self.satisfaction_chart.set_data(
            [self.tr("{n}★").format(n=i) for i in range(1, 6)],
            [
                Series(
                    f"s{i + 1}",
                    self.tr("{n}★").format(n=i + 1),
                    [n if j == i else 0 for j, n in enumerate(dist)],
                    colors[i],
                )
                for i in range(5)
            ],
        )
        self.panels["satisfaction"].note.setText(
            self.tr("Average {a} · {n} ratings · unsatisfied {u}").format(
                a=fmt_score(data.average),
                n=fmt_count(data.count),
                u=fmt_share(data.unhappy_share),
            )
        )
        self.unhappy_model.clear()
        for u in data.unhappy:
            comment = u.comment or self.tr("(no comment)")
            item = QStandardItem(f"{'★' * u.score}  #{u.post_id}  {comment}")
            item.setToolTip(u.title)
            item.setData(u.post_id, Qt.ItemDataRole.UserRole)
            self.unhappy_model.appendRow(item)
        self.panels["unhappy"].note.setText(
            self.tr("{n} ratings of 1–2 stars (newest first)").format(
                n=fmt_count(data.unhappy_count)
            )
        )

    def _show_silent(self, data: stats.Silent) -> None:
        edges, counts = list(data.histogram.edges_s), list(data.histogram.counts)
        cut = edges.index(15.0) + 1
        self.silent_chart.set_data(
            short_bucket_labels(edges),
            [
                Series(
                    "within",
                    self.tr("Within 15 s"),
                    [c if i < cut else 0 for i, c in enumerate(counts)],
                    "green",
                ),
                Series(
                    "late",
                    self.tr("Over 15 s"),
                    [0 if i < cut else c for i, c in enumerate(counts)],
                    "red",
                ),
            ],
            markers=[(cut - 0.5, self.tr("15 s"))],
            titles=bucket_labels(edges),
        )
        self.panels["silent"].note.setText(
            self.tr(
                "{n} reports · within 15 s {a} (standard 90%) · "
                "within 20 s {b} (standard 95%) · {e} escalations"
            ).format(
                n=fmt_count(data.count),
                a=fmt_share(data.within_15s_share),
                b=fmt_share(data.within_20s_share),
                e=fmt_count(data.escalations),
            )
        )
