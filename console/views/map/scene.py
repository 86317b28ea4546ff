"""The map's scene: the city's layers and the posts on it, drawn from the platform's data.

Layers, bottom to top: tiles (optional, console/views/map/tiles.py), the districts
(filled by open posts per district when the dashboard shows its choropleth), the river,
the roads, district borders and names, stations, other open posts, then the case: its
first location with the accuracy circle and age, and each newer location the reporter
sent beside it, joined by a dashed line (the first is never moved or replaced).

Items that mark a point keep their size on screen at every zoom
(`ItemIgnoresTransformations`); lines are cosmetic (one width at every zoom). Nothing a
citizen wrote is drawn as text on the map; titles appear in tooltips, escaped.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainterPath, QPen
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
)

from console import safe_text
from console.api.models import PostSummary
from console.views.map.geometry import metres_to_scene, path_of, point_of, to_scene
from console.views.text import duration
from console.views.theme import colours

Z_DISTRICT, Z_RIVER, Z_ROAD, Z_EDGE, Z_LABEL, Z_STATION = 2, 3, 4, 5, 6, 7
Z_NEARBY, Z_ACCURACY, Z_TRAIL, Z_REPORT = 8, 9, 10, 11
UNIT_ROLE = 0  # QGraphicsItem.data key: the district's unit id
POST_ROLE = 1  # the post id of a marker


def _t(text: str) -> str:
    return QCoreApplication.translate("CityScene", text)


def _pen(colour: str, width: float = 1.0, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
    pen = QPen(QColor(colour), width, style)
    pen.setCosmetic(True)
    return pen


def _alpha(colour: str, alpha: int) -> QColor:
    c = QColor(colour)
    c.setAlpha(alpha)
    return c


def age_text(at: datetime | None, now: datetime | None = None) -> str:
    if at is None:
        return ""
    seconds = ((now or datetime.now(UTC)) - at).total_seconds()
    if seconds < 60:
        return _t("just now")
    return _t("{t} ago").format(t=duration(seconds))


@dataclass(frozen=True)
class Fix:
    """One location of the case: where, how precise, since when, and which it is."""

    lat: float
    lon: float
    accuracy_m: float | None
    at: datetime | None
    first: bool


class Marker(QGraphicsEllipseItem):
    """A dot of a fixed size on screen."""

    def __init__(self, centre: QPointF, size: float, fill: QColor, edge: QPen) -> None:
        super().__init__(-size / 2, -size / 2, size, size)
        self.setPos(centre)
        self.setBrush(QBrush(fill))
        self.setPen(edge)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)


class Label(QGraphicsSimpleTextItem):
    """Words of a fixed size on screen, left of `anchor` offset by (dx, dy) pixels."""

    def __init__(self, text: str, anchor: QPointF, colour: str, *, bold: bool = False) -> None:
        super().__init__(text)
        font = QFont()
        font.setPointSizeF(9.0)
        font.setBold(bold)
        self.setFont(font)
        self.setBrush(QBrush(QColor(colour)))
        self.setPos(anchor)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)


class CityScene(QGraphicsScene):
    """The city's layers and the posts on it (scene units: Web Mercator metres).

    Attributes:
        district_items: the district shapes by unit id.
        fix_items: the case's location markers, first first.
        nearby_items: other open posts by id.
        case_bounds: the area of the case's locations (and accuracy), for "go to case".
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.district_items: dict[int, QGraphicsPathItem] = {}
        self._district_names: dict[int, str] = {}
        self.fix_items: list[Marker] = []
        self.nearby_items: dict[int, Marker] = {}
        self._case: list[QGraphicsItem] = []
        self._nearby: list[QGraphicsItem] = []
        self.case_bounds = QRectF()
        self.city_bounds = QRectF()

    # ------------------------------------------------------------ the city
    def set_city(self, districts: Mapping[str, Any], basemap: Mapping[str, Any]) -> None:
        """Draw the districts and the base map (GeoJSON FeatureCollections)."""
        c = colours()
        for item in list(self.district_items.values()):
            self.removeItem(item)
        self.district_items.clear()
        self.setBackgroundBrush(QBrush(QColor(c.map_land)))
        bounds = QRectF()
        for f in districts.get("features", ()):
            props = f.get("properties") or {}
            path = path_of(f.get("geometry") or {})
            item = QGraphicsPathItem(path)
            item.setBrush(QBrush(Qt.BrushStyle.NoBrush))
            item.setPen(_pen(c.map_district_edge, 1.5, Qt.PenStyle.DashLine))
            item.setZValue(Z_DISTRICT)
            unit_id = props.get("unit_id")
            if unit_id is not None:
                item.setData(UNIT_ROLE, int(unit_id))
                self.district_items[int(unit_id)] = item
                self._district_names[int(unit_id)] = str(props.get("name", ""))
            item.setToolTip(safe_text.tooltip(str(props.get("name", ""))))
            self.addItem(item)
            label = Label(str(props.get("name", "")), path.boundingRect().center(), c.map_label)
            label.setZValue(Z_LABEL)
            self.addItem(label)
            bounds = bounds.united(path.boundingRect())
        for f in basemap.get("features", ()):
            self._add_base(f, c)
        self.city_bounds = bounds
        self.setSceneRect(
            bounds.adjusted(-bounds.width(), -bounds.height(), bounds.width(), bounds.height())
        )

    def _add_base(self, feature: Mapping[str, Any], c: Any) -> None:
        props = feature.get("properties") or {}
        geometry = feature.get("geometry") or {}
        layer = props.get("layer")
        name = str(props.get("name", ""))
        if layer == "station":
            at = point_of(geometry)
            if at is None:
                return
            mark = QGraphicsRectItem(-4, -4, 8, 8)
            mark.setPos(at)
            mark.setBrush(QBrush(QColor(c.map_station)))
            mark.setPen(_pen(c.map_land))
            mark.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
            mark.setZValue(Z_STATION)
            mark.setToolTip(safe_text.tooltip(name))
            self.addItem(mark)
            label = Label(name, at, c.map_station, bold=True)
            label.setZValue(Z_STATION)
            self.addItem(label)
            return
        item = QGraphicsPathItem(path_of(geometry))
        if layer == "river":
            item.setBrush(QBrush(QColor(c.map_water)))
            item.setPen(_pen(c.map_water))
            item.setZValue(Z_RIVER)
        elif layer == "road":
            major = props.get("kind") in ("arterial", "bridge")
            item.setPen(_pen(c.map_road, 3.0 if major else 1.8))
            item.setZValue(Z_ROAD)
        elif layer == "boundary":
            item.setPen(_pen(c.map_boundary, 2.0, Qt.PenStyle.DashDotLine))
            item.setZValue(Z_EDGE)
        else:
            return
        item.setToolTip(safe_text.tooltip(name))
        self.addItem(item)

    def district_name(self, unit_id: int) -> str:
        return self._district_names.get(unit_id, "")

    def set_heat(self, counts: Mapping[int, int]) -> None:
        """Fill each district by its count (the choropleth); an empty mapping clears it."""
        c = colours()
        top = max(counts.values(), default=0)
        for unit_id, item in self.district_items.items():
            n = counts.get(unit_id, 0)
            if top and n:
                item.setBrush(QBrush(_alpha(c.map_heat, 40 + int(170 * n / top))))
            else:
                item.setBrush(QBrush(Qt.BrushStyle.NoBrush))
            name = self._district_names.get(unit_id, "")
            tip = _t("{name}: {n} open").format(name=name, n=n) if counts else name
            item.setToolTip(safe_text.tooltip(tip))

    # ------------------------------------------------------------ the case
    def set_case(self, fixes: Sequence[Fix], now: datetime | None = None) -> None:
        """The case's first location and each newer one, with accuracy and age."""
        for item in self._case:
            self.removeItem(item)
        self._case.clear()
        self.fix_items.clear()
        self.case_bounds = QRectF()
        if not fixes:
            return
        c = colours()
        trail = QPainterPath()
        for i, fix in enumerate(fixes):
            at = to_scene(fix.lon, fix.lat)
            if i == 0:
                trail.moveTo(at)
            else:
                trail.lineTo(at)
            colour = c.map_report if fix.first else c.map_later
            radius = metres_to_scene(fix.accuracy_m or 0.0, fix.lat)
            area = QRectF(at.x() - radius, at.y() - radius, 2 * radius, 2 * radius)
            if radius > 0:
                circle = QGraphicsEllipseItem(area)
                circle.setBrush(QBrush(_alpha(colour, 50)))
                circle.setPen(_pen(colour, 1.2))
                circle.setZValue(Z_ACCURACY)
                self._keep(circle)
            marker = Marker(at, 14 if fix.first else 11, QColor(colour), _pen(c.map_land, 2))
            marker.setZValue(Z_REPORT)
            self.fix_items.append(marker)
            self._keep(marker)
            words = self.fix_words(fix, i, now)
            label = Label(words, at, colour, bold=fix.first)
            label.setZValue(Z_REPORT)
            label.setX(at.x())
            self._keep(label)
            self.case_bounds = self.case_bounds.united(area if radius > 0 else QRectF(at, at))
        if len(fixes) > 1:
            line = QGraphicsPathItem(trail)
            line.setPen(_pen(c.map_later, 2.0, Qt.PenStyle.DashLine))
            line.setZValue(Z_TRAIL)
            self._keep(line)

    @staticmethod
    def fix_words(fix: Fix, index: int, now: datetime | None = None) -> str:
        """ "Reported · 3 minutes ago · ±15 m" (first) or "Newer 1 · …" (later ones)."""
        head = _t("Reported") if fix.first else _t("Newer {n}").format(n=index)
        parts = [head, age_text(fix.at, now)]
        if fix.accuracy_m is not None:
            parts.append(_t("±{m} m").format(m=f"{fix.accuracy_m:.0f}"))
        return " · ".join(p for p in parts if p)

    def _keep(self, item: QGraphicsItem) -> None:
        self.addItem(item)
        self._case.append(item)

    # ------------------------------------------------------------ other posts
    def set_nearby(self, posts: Iterable[PostSummary]) -> None:
        """Other open posts as dots; silent reports large and red so they stand out."""
        for item in self._nearby:
            self.removeItem(item)
        self._nearby.clear()
        self.nearby_items.clear()
        c = colours()
        for p in posts:
            if p.location is None:
                continue
            at = to_scene(p.location.lon, p.location.lat)
            silent = p.is_silent
            fill = QColor(c.map_report if silent else c.map_nearby)
            marker = Marker(at, 12 if silent else 8, fill, _pen(c.map_land, 1.5))
            marker.setZValue(Z_NEARBY + (0.5 if silent else 0))
            marker.setData(POST_ROLE, p.id)
            kind = _t("Silent report") if silent else _t("Open post")
            marker.setToolTip(safe_text.tooltip(f"#{p.id} {kind}: {p.title}"))
            self.addItem(marker)
            self._nearby.append(marker)
            self.nearby_items[p.id] = marker
