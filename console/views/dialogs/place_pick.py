"""Where a caller is, placed on the city map by the officer who records the call.

A hotline caller says "the crossing of 解放路 and 人民路"; the officer finds it on the map
and marks it. Mouse: click marks the point (drag pans, the wheel zooms). Keyboard: the
arrows pan, + and - zoom, Space marks the point under the cross in the middle, Enter
takes the point (marking it first if none is marked), Esc leaves without one. The
district the point lies in is named at once, so the officer can check it against what
the caller said.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QPen
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from console.api.city import CityGeo
from console.views.map.geometry import format_coordinates, to_lonlat, to_scene
from console.views.map.scene import UNIT_ROLE, Z_REPORT, CityScene, Marker
from console.views.map.source import CityGeoSource
from console.views.map.view import MapView
from console.views.theme import colours

CROSS_PX = 14  # half the width of the cross in the middle of the map
CROSS_GAP = 3  # the middle stays clear: the point under it shows


class PickView(MapView):
    """The city map with a cross in the middle; a click or Space marks a point.

    Signals: picked(float, float) — latitude and longitude of the marked point.
    """

    picked = Signal(float, float)

    def click_at(self, pos: QPoint) -> None:
        lon, lat = to_lonlat(self.mapToScene(pos))
        self.picked.emit(lat, lon)

    def mark_centre(self) -> None:
        self.click_at(self.viewport().rect().center())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space:
            self.mark_centre()
            event.accept()
            return
        super().keyPressEvent(event)

    def drawForeground(self, painter: QPainter, rect: object) -> None:
        # The cross is drawn in viewport pixels, whatever the zoom.
        painter.save()
        painter.resetTransform()
        c = self.viewport().rect().center()
        x, y = c.x(), c.y()
        arms = (
            (x - CROSS_PX, y, x - CROSS_GAP, y),
            (x + CROSS_GAP, y, x + CROSS_PX, y),
            (x, y - CROSS_PX, x, y - CROSS_GAP),
            (x, y + CROSS_GAP, x, y + CROSS_PX),
        )
        theme = colours()
        # A light halo under a strong line: visible on roads, water and labels alike.
        for colour, width in ((theme.map_land, 5.0), (theme.map_report, 2.0)):
            painter.setPen(QPen(QColor(colour), width))
            for x1, y1, x2, y2 in arms:
                painter.drawLine(x1, y1, x2, y2)
        painter.restore()


class PlacePicker(QDialog):
    """Mark one point on the city map. After `accept()`, `point` is (lat, lon)."""

    def __init__(
        self,
        source: CityGeoSource | None,
        start: tuple[float, float] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("PlacePicker")
        self.setWindowTitle(self.tr("Place on the map"))
        self.point: tuple[float, float] | None = None
        self.district = ""
        self._start = start
        self.scene = CityScene(self)
        self.view = PickView(self.scene)
        self.view.setMinimumSize(560, 420)
        self.view.picked.connect(self.mark)
        self._marker: Marker | None = None
        hint = QLabel(
            self.tr(
                "Click the place, or move the cross with the arrow keys (+/- zoom) and press "
                "Space. Enter takes the point, Esc leaves without one."
            )
        )
        hint.setWordWrap(True)
        self.where = QLabel(self.tr("No point marked yet."))
        self.where.setObjectName("PickedWhere")
        self.where.setTextFormat(Qt.TextFormat.PlainText)
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Take this point (Enter)"))
        ok.setAutoDefault(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        col = QVBoxLayout(self)
        col.addWidget(hint)
        col.addWidget(self.view, 1)
        col.addWidget(self.where)
        col.addWidget(self.buttons)
        if start is not None:
            self.mark(*start)
        if source is not None:
            source.when_loaded(self._city_loaded)
        self.view.setFocus()

    def _city_loaded(self, geo: CityGeo) -> None:
        self.scene.set_city(geo.districts, geo.basemap)
        if self.point is not None:
            self.mark(*self.point)  # name the district now that it is known
            self.view.show_area(QRectF(self._marker_pos(), self._marker_pos()), 600.0)
        else:
            self.view.home()

    def _marker_pos(self) -> QPointF:
        assert self.point is not None
        return to_scene(self.point[1], self.point[0])

    def mark(self, lat: float, lon: float) -> None:
        """The point is here: drawn, and named with its district."""
        self.point = (lat, lon)
        at = self._marker_pos()
        if self._marker is None:
            c = colours()
            self._marker = Marker(at, 14, QColor(c.map_report), QPen(QColor(c.map_land), 2))
            self._marker.setZValue(Z_REPORT)
            self.scene.addItem(self._marker)
        self._marker.setPos(at)
        self.district = self._district_at(at)
        words = format_coordinates(lat, lon)
        if self.district:
            words = self.tr("{coordinates} · in the district of {station}").format(
                coordinates=words, station=self.district
            )
        self.where.setText(words)

    def _district_at(self, at: QPointF) -> str:
        for item in self.scene.items(at):
            unit_id = item.data(UNIT_ROLE)
            if unit_id is not None:
                return self.scene.district_name(int(unit_id))
        return ""

    def accept(self) -> None:
        """Take the marked point; with none marked, the one under the cross."""
        if self.point is None:
            self.view.mark_centre()
        super().accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.accept()
            return
        super().keyPressEvent(event)
