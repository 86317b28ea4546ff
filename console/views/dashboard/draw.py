"""How the dashboard draws each figure: the panels and the `_show_<endpoint>` methods.

`FigureDrawing` is mixed into `Dashboard`; each method takes one `/stats/<endpoint>`
answer and puts it on the tiles, charts and lists the dashboard built.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from console.views.dashboard.charts import BarChart, Series
from console.views.dashboard.parts import (
    DeadlineModel,
    KpiTile,
    bucket_labels,
    fmt_count,
    fmt_duration,
    fmt_score,
    fmt_share,
    short_bucket_labels,
)

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
    _officers: list[dict[str, Any]]

    if TYPE_CHECKING:

        def tr(self, text: str) -> str: ...  # QWidget.tr, in the real class

    def _show_summary(self, data: dict[str, Any]) -> None:
        for key, tile in self.tiles.items():
            kpi = data.get(key) or {}
            tile.set_kpi(kpi.get("value"), kpi.get("previous"))

    def _show_workload(self, data: dict[str, Any]) -> None:
        officers = sorted(
            data["officers"], key=lambda o: (-o["overdue"], -o["open"], -o["resolved"])
        )
        officers = [o for o in officers if o["open"] or o["resolved"]][:TOP_OFFICERS]
        self._officers = officers
        names = [o["name"] for o in officers]
        self.workload_chart.set_data(
            names,
            [
                Series("overdue", self.tr("逾期"), [o["overdue"] for o in officers], "red"),
                Series(
                    "open",
                    self.tr("在办未逾期"),
                    [o["open"] - o["overdue"] for o in officers],
                    "blue",
                ),
                Series("resolved", self.tr("本期办结"), [o["resolved"] for o in officers], "green"),
            ],
        )
        shown = len(data["officers"])
        self.panels["workload"].note.setText(
            self.tr("逾期多者在前，显示前 {n} 名（共 {m} 名）；点击条形打开这些帖子").format(
                n=len(officers), m=shown
            )
        )

    def _show_volume(self, data: dict[str, Any]) -> None:
        days = data["by_day"]
        if len(days) <= 1:
            self.volume_chart.set_data(
                [f"{h}" for h in range(24)],
                [Series("posts", self.tr("帖子数"), data["by_hour"], "blue")],
            )
            note = self.tr("今日按小时（北京时间）共 {n} 条").format(n=fmt_count(data["total"]))
        else:
            ranked = sorted(data["by_board"], key=lambda b: -b["count"])
            top = [b for b in ranked[:TOP_BOARDS] if b["count"]]
            series = [
                Series(
                    b["board"],
                    b["name"],
                    [d["by_board"].get(b["board"], 0) for d in days],
                    ["blue", "orange", "teal", "purple", "sky"][i],
                )
                for i, b in enumerate(top)
            ]
            keys = {b["board"] for b in top}
            rest = [sum(n for k, n in d["by_board"].items() if k not in keys) for d in days]
            if any(rest):
                series.append(Series("other", self.tr("其他"), rest, "grey"))
            backlog = Series(
                "backlog", self.tr("日终积压"), [p["open"] for p in data["backlog"]], "red"
            )
            self.volume_chart.set_data([d["day"][5:] for d in days], series, line=backlog)
            note = self.tr("共 {n} 条；折线为每日日终仍未办结的帖子").format(
                n=fmt_count(data["total"])
            )
        self.panels["volume"].note.setText(note)

    def _show_times(self, data: dict[str, Any]) -> None:
        for key, chart, panel in (
            ("first_response", self.first_chart, "first"),
            ("resolution", self.resolution_chart, "resolution"),
        ):
            block = data[key]
            edges, counts, target = (
                block["histogram"]["edges_s"],
                block["histogram"]["counts"],
                block["target_s"],
            )
            cut = edges.index(target) + 1 if target in edges else len(counts)
            within = [c if i < cut else 0 for i, c in enumerate(counts)]
            beyond = [0 if i < cut else c for i, c in enumerate(counts)]
            chart.set_data(
                short_bucket_labels(edges),
                [
                    Series("within", self.tr("达标"), within, "green"),
                    Series("beyond", self.tr("超出目标"), beyond, "orange"),
                ],
                markers=[(cut - 0.5, self.tr("目标 {t}").format(t=fmt_duration(target)))],
                titles=bucket_labels(edges),
            )
            o = block["overall"]
            self.panels[panel].note.setText(
                self.tr("中位数 {m} · P90 {p} · {n} 条").format(
                    m=fmt_duration(o["median_s"]),
                    p=fmt_duration(o["p90_s"]),
                    n=fmt_count(o["count"]),
                )
            )

    def _show_deadlines(self, data: dict[str, Any]) -> None:
        self.deadline_model.set_items(data["overdue"], data["due_soon"])
        self.panels["deadlines"].note.setText(
            self.tr("逾期 {o} 条 · 2小时内到期 {s} 条 · 按期办结 {c}").format(
                o=fmt_count(data["overdue_count"]),
                s=fmt_count(data["due_soon_count"]),
                c=fmt_share(data["compliance"]),
            )
        )

    def _show_satisfaction(self, data: dict[str, Any]) -> None:
        dist = data["distribution"]
        colors = ["red", "orange", "yellow", "teal", "green"]
        self.satisfaction_chart.set_data(
            [self.tr("{n}星").format(n=i) for i in range(1, 6)],
            [
                Series(
                    f"s{i + 1}",
                    self.tr("{n}星").format(n=i + 1),
                    [n if j == i else 0 for j, n in enumerate(dist)],
                    colors[i],
                )
                for i in range(5)
            ],
        )
        self.panels["satisfaction"].note.setText(
            self.tr("平均 {a} 分 · {n} 条评价 · 不满意 {u}").format(
                a=fmt_score(data["average"]),
                n=fmt_count(data["count"]),
                u=fmt_share(data["unhappy_share"]),
            )
        )
        self.unhappy_model.clear()
        for u in data["unhappy"]:
            comment = u["comment"] or self.tr("（未填写评价）")
            item = QStandardItem(f"{'★' * u['score']}  #{u['post_id']}  {comment}")
            item.setToolTip(u["title"])
            item.setData(u["post_id"], Qt.ItemDataRole.UserRole)
            self.unhappy_model.appendRow(item)
        self.panels["unhappy"].note.setText(
            self.tr("1–2 星评价 {n} 条（最近在前）").format(n=fmt_count(data["unhappy_count"]))
        )

    def _show_silent(self, data: dict[str, Any]) -> None:
        edges, counts = data["histogram"]["edges_s"], data["histogram"]["counts"]
        cut = edges.index(15.0) + 1
        self.silent_chart.set_data(
            short_bucket_labels(edges),
            [
                Series(
                    "within",
                    self.tr("15秒内"),
                    [c if i < cut else 0 for i, c in enumerate(counts)],
                    "green",
                ),
                Series(
                    "late",
                    self.tr("超过15秒"),
                    [0 if i < cut else c for i, c in enumerate(counts)],
                    "red",
                ),
            ],
            markers=[(cut - 0.5, self.tr("15秒"))],
            titles=bucket_labels(edges),
        )
        self.panels["silent"].note.setText(
            self.tr("{n} 起 · 15秒内 {a}（标准 90%）· 20秒内 {b}（标准 95%）· 升级 {e} 次").format(
                n=fmt_count(data["count"]),
                a=fmt_share(data["within_15s_share"]),
                b=fmt_share(data["within_20s_share"]),
                e=fmt_count(data["escalations"]),
            )
        )
