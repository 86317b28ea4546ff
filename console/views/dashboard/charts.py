"""pyqtgraph charts for the dashboard: categorical bars (stacked), hover values, clicks.

One widget, `BarChart`, serves every dashboard chart: vertical or horizontal bars over
named categories, any number of stacked series, optional overlay line (the backlog)
and vertical marker lines (targets such as 15 s or 30 min). Hovering a bar shows its
values in a tooltip; clicking one emits `bar_clicked`. Labels are plain strings
drawn by Qt, so Chinese renders with the system's CJK font like any other text.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QCursor, QFont, QFontMetrics, QPalette, QResizeEvent
from PySide6.QtWidgets import QToolTip, QWidget

from console.views.theme import series_colour


def _label_value(label: str, value: str) -> str:
    """One tooltip line, escaped; the colon follows the language (full-width in Chinese)."""
    line = QCoreApplication.translate("BarChart", "{label}：{value}")
    return line.format(label=html.escape(label), value=html.escape(value))


@dataclass(frozen=True)
class Series:
    """One stacked layer of bars: a value per category."""

    key: str
    label: str
    values: Sequence[float]
    color: str


def whole_ticks(top: float, want: int = 5) -> list[float]:
    """Tick values 0 … top for a count axis: whole numbers 1, 2 or 5 × 10^k apart."""
    raw = max(1.0, top / want)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    return [float(i * step) for i in range(int(top // step) + 1)]


class BarChart(pg.PlotWidget):
    """Bars over named categories, stacked series, hover tooltips, click signal.

    Signals:
        bar_clicked(int, str): category index and series key of the clicked segment.
    """

    bar_clicked = Signal(int, str)

    def __init__(
        self,
        title: str = "",
        *,
        horizontal: bool = False,
        value_text: Callable[[float], str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent=parent)
        self.horizontal = horizontal
        self.value_text = value_text or (lambda v: f"{v:g}")
        self.categories: list[str] = []
        self.titles: list[str] = []
        self.series: list[Series] = []
        self.line: Series | None = None
        self.title = title
        self._large = False
        item = self.getPlotItem()
        item.hideButtons()
        item.setMenuEnabled(False)
        item.setMouseEnabled(x=False, y=False)
        item.showGrid(x=horizontal, y=not horizontal, alpha=0.15)
        self._apply_palette()
        self.scene().sigMouseMoved.connect(self._hover)
        self.scene().sigMouseClicked.connect(self._click)
        self.setMinimumHeight(160)

    # ------------------------------------------------------------------ data
    def set_data(
        self,
        categories: Sequence[str],
        series: Sequence[Series],
        line: Series | None = None,
        markers: Sequence[tuple[float, str]] = (),
        titles: Sequence[str] | None = None,
    ) -> None:
        """Replace everything shown: bars, the optional line, marker lines at positions.

        `titles` name the categories in tooltips when the axis labels are abbreviated.
        """
        self.categories = list(categories)
        self.titles = list(titles) if titles is not None else list(categories)
        self.series = list(series)
        self.line = line
        item = self.getPlotItem()
        item.clear()
        n = len(self.categories)
        base = [0.0] * n
        for s in self.series:
            values = [float(v) for v in s.values]
            brush = pg.mkBrush(series_colour(s.color))
            pen = pg.mkPen(self._background, width=1)
            if self.horizontal:
                bars = pg.BarGraphItem(
                    x0=base, y=list(range(n)), width=values, height=0.7, brush=brush, pen=pen
                )
            else:
                bars = pg.BarGraphItem(
                    x=list(range(n)), y0=base, height=values, width=0.7, brush=brush, pen=pen
                )
            item.addItem(bars)
            base = [b + v for b, v in zip(base, values, strict=True)]
        if line is not None and n:
            curve = item.plot(
                list(range(n)),
                [float(v) for v in line.values],
                pen=pg.mkPen(series_colour(line.color), width=2.5),
                symbol="o",
                symbolSize=6,
                symbolBrush=series_colour(line.color),
                name=line.label,
            )
            curve.setZValue(10)
        for pos, label in markers:
            self._marker(pos, label)
        self._ticks()
        top = max([*base, *(line.values if line is not None else []), 1.0])
        # Every figure is a count: whole-number ticks only (never 0.5 of a post).
        value_axis = item.getAxis("bottom" if self.horizontal else "left")
        value_axis.setTicks([[(v, self.value_text(v)) for v in whole_ticks(top)], []])
        if self.horizontal:
            item.setYRange(-0.6, max(n, 1) - 0.4, padding=0)
            item.setXRange(0, top * 1.08, padding=0)
            item.getViewBox().invertY(True)  # first category on top, as people read
        else:
            item.setXRange(-0.6, max(n, 1) - 0.4, padding=0)
            item.setYRange(0, top * 1.12, padding=0)

    def _marker(self, pos: float, label: str) -> None:
        angle = 0 if self.horizontal else 90
        pen = pg.mkPen(series_colour("red"), width=2, style=Qt.PenStyle.DashLine)
        line = pg.InfiniteLine(
            pos=pos,
            angle=angle,
            pen=pen,
            label=label,
            labelOpts={"position": 0.92, "color": series_colour("red"), "fill": self._background},
        )
        line.setZValue(20)
        self.getPlotItem().addItem(line)

    def _ticks(self) -> None:
        """Category labels; on the bottom axis every k-th one when they would overlap."""
        item = self.getPlotItem()
        metrics = QFontMetrics(self._tick_font)
        widest = max((metrics.horizontalAdvance(c) for c in self.categories), default=0)
        if self.horizontal:
            item.getAxis("left").setWidth(widest + 14)
            item.getAxis("left").setTicks([list(enumerate(self.categories))])
            return
        slot = item.getViewBox().width() / max(len(self.categories), 1)
        step = max(1, math.ceil((widest + 10) / slot)) if slot > 0 else 1
        major = [(i, c) for i, c in enumerate(self.categories) if i % step == 0]
        item.getAxis("bottom").setTicks([major, []])

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if getattr(self, "categories", None):  # not yet set while the base class builds
            self._ticks()

    # ------------------------------------------------------------------ look
    def set_large(self, large: bool) -> None:
        """Large type for the wall display."""
        self._large = large
        self._apply_palette()

    def _apply_palette(self) -> None:
        pal = self.palette()
        self._background = pal.color(QPalette.ColorRole.Base)
        fg = pal.color(QPalette.ColorRole.Text)
        self.setBackground(self._background)
        font = QFont(self.font())
        font.setPointSizeF(15 if self._large else 9.5)
        self._tick_font = font
        item = self.getPlotItem()
        for name in ("left", "bottom"):
            axis = item.getAxis(name)
            axis.setTextPen(fg)
            axis.setPen(pg.mkPen(QColor(fg).lighter(250) if fg.lightness() < 128 else fg))
            axis.setStyle(tickFont=font, tickTextOffset=6)
        # Room for the (possibly large) tick labels under the plot.
        item.getAxis("bottom").setHeight(QFontMetrics(font).height() + 16)
        if self.categories:
            self._ticks()

    # ------------------------------------------------------------------ interaction
    def legend_entries(self) -> list[tuple[str, str]]:
        """(label, colour) of each series and the line, for a legend drawn beside the plot."""
        out = [(s.label, series_colour(s.color)) for s in self.series]
        if self.line is not None:
            out.append((self.line.label, series_colour(self.line.color)))
        return out

    def legend_html(self) -> str:
        """A one-line legend: coloured squares and escaped labels."""
        return "&nbsp;&nbsp;".join(
            f'<span style="color:{c}">■</span>&nbsp;{html.escape(label)}'
            for label, c in self.legend_entries()
        )

    def segment_at(self, view: QPointF) -> tuple[int, str] | None:
        """The (category, series key) drawn at a point in data coordinates."""
        along, across = (view.y(), view.x()) if self.horizontal else (view.x(), view.y())
        index = round(along)
        if not 0 <= index < len(self.categories) or abs(along - index) > 0.35 or across < 0:
            return None
        top = 0.0
        for s in self.series:
            top += float(s.values[index])
            if across <= top:
                return index, s.key
        return None

    def segment_center(self, index: int, key: str) -> QPointF:
        """Data coordinates of the middle of a segment (tests click there)."""
        bottom = 0.0
        for s in self.series:
            value = float(s.values[index])
            if s.key == key:
                mid = bottom + value / 2
                return QPointF(mid, index) if self.horizontal else QPointF(index, mid)
            bottom += value
        raise KeyError(key)

    def tooltip_for(self, index: int) -> str:
        """Rich text listing every value of one category (labels escaped)."""
        rows = [f"<b>{html.escape(self.titles[index])}</b>"]
        for s in self.series:
            rows.append(_label_value(s.label, self.value_text(s.values[index])))
        if self.line is not None:
            text = self.value_text(self.line.values[index])
            rows.append(_label_value(self.line.label, text))
        return "<br>".join(rows)

    def _hover(self, scene_pos: QPointF) -> None:
        vb = self.getPlotItem().getViewBox()
        if not self.categories or not vb.sceneBoundingRect().contains(scene_pos):
            QToolTip.hideText()
            return
        view = vb.mapSceneToView(scene_pos)
        along = view.y() if self.horizontal else view.x()
        index = round(along)
        if 0 <= index < len(self.categories) and abs(along - index) <= 0.45:
            QToolTip.showText(QCursor.pos(), self.tooltip_for(index), self)
        else:
            QToolTip.hideText()

    def _click(self, event: object) -> None:
        scene_pos = event.scenePos()  # type: ignore[attr-defined]
        if event.button() != Qt.MouseButton.LeftButton:  # type: ignore[attr-defined]
            return
        vb = self.getPlotItem().getViewBox()
        hit = self.segment_at(vb.mapSceneToView(scene_pos))
        if hit is not None:
            self.bar_clicked.emit(*hit)

    def widget_point(self, view: QPointF) -> QPointF:
        """Widget coordinates of a point in data coordinates."""
        scene = self.getPlotItem().getViewBox().mapViewToScene(view)
        return QPointF(self.mapFromScene(scene))
