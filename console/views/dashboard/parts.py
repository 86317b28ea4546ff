"""Pieces of the dashboard: KPI tiles, number formats, the deadline list model, CSV rows."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
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
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

BEIJING = timezone(timedelta(hours=8))
Index = QModelIndex | QPersistentModelIndex


def _t(text: str) -> str:
    return QCoreApplication.translate("Dashboard", text)


# ---------------------------------------------------------------- formats
def fmt_count(v: float | None) -> str:
    return "—" if v is None else f"{round(v):,}"


def fmt_share(v: float | None) -> str:
    return "—" if v is None else f"{v * 100:.1f}%"


def fmt_points(d: float) -> str:
    """The change of a share between periods, in percentage points."""
    return _t("{n}个百分点").format(n=f"{abs(d) * 100:.1f}")


def fmt_score(v: float | None) -> str:
    return "—" if v is None else f"{v:.2f}"


def fmt_duration(seconds: float | None) -> str:
    """A duration as people say it: 45秒, 12分, 3.5小时, 2.1天."""
    if seconds is None:
        return "—"
    s = float(seconds)
    if s < 90:
        return _t("{n}秒").format(n=f"{s:.0f}")
    if s < 90 * 60:
        return _t("{n}分").format(n=f"{s / 60:.0f}")
    if s < 48 * 3600:
        return _t("{n}小时").format(n=f"{s / 3600:.1f}")
    return _t("{n}天").format(n=f"{s / 86400:.1f}")


def bucket_labels(edges: list[float]) -> list[str]:
    """Histogram bucket names by their upper bound: ≤5分, ≤15分, …, >1天."""
    labels = [_t("≤{a}").format(a=fmt_duration(e)) for e in edges]
    labels.append(_t(">{a}").format(a=fmt_duration(edges[-1])))
    return labels


def short_duration(seconds: float) -> str:
    """Axis-sized: 5秒, 15分, 2时, 3天."""
    if seconds < 60:
        return _t("{n}秒").format(n=f"{seconds:.0f}")
    if seconds < 3600:
        return _t("{n}分").format(n=f"{seconds / 60:.0f}")
    if seconds < 86400:
        return _t("{n}时").format(n=f"{seconds / 3600:.0f}")
    return _t("{n}天").format(n=f"{seconds / 86400:.0f}")


def short_bucket_labels(edges: list[float]) -> list[str]:
    """Axis labels: each bucket by its upper bound, the last as >bound."""
    return [short_duration(e) for e in edges] + [">" + short_duration(edges[-1])]


def parse_utc(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def beijing_text(text: str, fmt: str = "%m-%d %H:%M") -> str:
    return parse_utc(text).astimezone(BEIJING).strftime(fmt)


def iso_utc(dt: datetime) -> str:
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


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
            self.setToolTip(_t("点击查看这些帖子"))
        self.current: float | None = None
        self.previous: float | None = None

    def set_kpi(self, value: float | None, previous: float | None) -> None:
        self.current, self.previous = value, previous
        self.value.setText(self.fmt(value))
        if value is None or previous is None:
            self.delta.setText(_t("上期 {v}").format(v=self.fmt(previous)))
            self._tone("flat")
            return
        diff = value - previous
        if abs(diff) < 1e-9:
            self.delta.setText(_t("与上期持平"))
            self._tone("flat")
            return
        arrow = "▲" if diff > 0 else "▼"
        self.delta.setText(_t("较上期 {arrow}{d}").format(arrow=arrow, d=self.delta_fmt(diff)))
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
        self.rows: list[tuple[str, dict[str, Any]]] = []  # ("overdue" | "soon", item)
        self.now = datetime.now(UTC)

    def set_items(self, overdue: list[dict[str, Any]], soon: list[dict[str, Any]]) -> None:
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
            return (_t("编号"), _t("标题"), _t("期限"))[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        kind, item = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return f"#{item['id']}"
            if col == 1:
                return item["title"] or _t("（无标题）")
            return self._deadline_text(kind, item)
        if role == Qt.ItemDataRole.ForegroundRole and col == 2:
            return QColor("#d1453b" if kind == "overdue" else "#b86e00")
        if role == Qt.ItemDataRole.ToolTipRole and col == 1:
            return item["title"]  # plain text: a tooltip without tags is never rich text
        if role == Qt.ItemDataRole.UserRole:
            return item["id"]
        return None

    def _deadline_text(self, kind: str, item: dict[str, Any]) -> str:
        delta = (parse_utc(item["deadline_at"]) - self.now).total_seconds()
        if kind == "overdue":
            return _t("逾期 {d}").format(d=fmt_duration(-delta))
        return _t("{d}后到期").format(d=fmt_duration(max(delta, 0)))


# ---------------------------------------------------------------- CSV
def csv_rows(figures: dict[str, dict[str, Any]], names: dict[str, str]) -> list[list[Any]]:
    """Every figure on screen as rows of a spreadsheet, section by section."""
    rows: list[list[Any]] = []

    def section(title: str, header: list[str]) -> None:
        if rows:
            rows.append([])
        rows.append([f"# {title}"])
        rows.append(header)

    summary = figures.get("summary")
    if summary:
        w = summary["window"]
        rows.append([_t("范围"), w["unit_name"], _t("时段"), w["since"], w["until"]])
        section(_t("指标"), [_t("指标"), _t("本期"), _t("上期")])
        for key, label in names.items():
            kpi = summary.get(key)
            if kpi:
                rows.append([label, _num(kpi["value"]), _num(kpi["previous"])])
    workload = figures.get("workload")
    if workload:
        head = [_t("在办"), _t("逾期"), _t("受理"), _t("回复"), _t("转办"), _t("办结")]
        keys = ("open", "overdue", "accepted", "replied", "transferred", "resolved")
        section(_t("民警工作量"), [_t("警号"), _t("姓名"), *head])
        for o in workload["officers"]:
            rows.append([o["badge"], o["name"], *(o[k] for k in keys)])
        if workload["units"]:
            section(_t("单位工作量"), [_t("单位"), *head])
            for u in workload["units"]:
                rows.append([u["name"], *(u[k] for k in keys)])
    volume = figures.get("volume")
    if volume:
        boards = [b["board"] for b in volume["by_board"]]
        section(_t("每日帖子量与积压"), [_t("日期"), _t("合计"), *boards, _t("日终积压")])
        backlog = {p["day"]: p["open"] for p in volume["backlog"]}
        for d in volume["by_day"]:
            per = [d["by_board"].get(b, 0) for b in boards]
            rows.append([d["day"], d["total"], *per, backlog.get(d["day"], "")])
        section(_t("按小时（北京时间）"), [_t("小时"), _t("帖子数")])
        rows.extend([h, n] for h, n in enumerate(volume["by_hour"]))
    times = figures.get("times")
    if times:
        for key, title in (("first_response", _t("首次响应时间")), ("resolution", _t("办结时间"))):
            block = times[key]
            section(title, [_t("分组"), _t("数量"), _t("中位数(秒)"), _t("P90(秒)")])
            o = block["overall"]
            rows.append([_t("全部"), o["count"], _num(o["median_s"]), _num(o["p90_s"])])
            for g in block["by_board"] + block["by_unit"]:
                rows.append([g["name"], g["count"], _num(g["median_s"]), _num(g["p90_s"])])
    deadlines = figures.get("deadlines")
    if deadlines:
        section(_t("逾期与即将到期"), [_t("编号"), _t("标题"), _t("期限(UTC)"), _t("状态")])
        for item in deadlines["overdue"]:
            rows.append([item["id"], item["title"], item["deadline_at"], _t("逾期")])
        for item in deadlines["due_soon"]:
            rows.append([item["id"], item["title"], item["deadline_at"], _t("2小时内到期")])
    sat = figures.get("satisfaction")
    if sat:
        section(_t("满意度分布"), [_t("评分"), _t("数量")])
        rows.extend([score, n] for score, n in enumerate(sat["distribution"], start=1))
        section(_t("不满意评价"), [_t("编号"), _t("评分"), _t("评价"), _t("时间(UTC)")])
        for u in sat["unhappy"]:
            rows.append([u["post_id"], u["score"], u["comment"], u["rated_at"]])
    silent = figures.get("silent")
    if silent:
        section(_t("V报警确认"), [_t("项目"), _t("数值")])
        rows += [
            [_t("报警数"), silent["count"]],
            [_t("已确认"), silent["acknowledged"]],
            [_t("当前未确认"), silent["unacknowledged_now"]],
            [_t("确认时间中位数(秒)"), _num(silent["ack"]["median_s"])],
            [_t("确认时间P90(秒)"), _num(silent["ack"]["p90_s"])],
            [_t("15秒内确认占比"), _num(silent["within_15s_share"])],
            [_t("20秒内确认占比"), _num(silent["within_20s_share"])],
            [_t("升级次数"), silent["escalations"]],
        ]
    return rows


def _num(v: Any) -> Any:
    return "" if v is None else v
