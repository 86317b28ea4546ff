"""The map widget: pan and zoom with the mouse and the keyboard, click what is on it.

Mouse: drag to pan, wheel to zoom (around the pointer), click a district or a post.
Keyboard (when the map has focus): arrows pan, + and - zoom, 0 goes back to the case
(or the whole city), Ctrl+C copies the coordinates under the pointer.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QWheelEvent,
)
from PySide6.QtWidgets import QFrame, QGraphicsView, QWidget

from console.views.map.geometry import format_coordinates, to_lonlat
from console.views.map.scene import POST_ROLE, UNIT_ROLE, CityScene

ZOOM_STEP = 1.25
MIN_SCALE = 1e-4  # pixels per scene metre: a whole region
MAX_SCALE = 4.0  # a few houses
CLICK_SLOP = 4  # pixels a press may move and still be a click


class MapView(QGraphicsView):
    """A `CityScene` on screen.

    Signals:
        district_clicked(int): a district (its unit id) was clicked.
        post_clicked(int): another post's marker was clicked.
        pointer_moved(float, float): latitude and longitude under the pointer.
        viewport_changed(): the visible area changed (pan, zoom, resize) — tiles follow it.
    """

    district_clicked = Signal(int)
    post_clicked = Signal(int)
    pointer_moved = Signal(float, float)
    viewport_changed = Signal()

    def __init__(self, scene: CityScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.city = scene
        self.setObjectName("MapView")
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self._press: QPoint | None = None
        self._pointer: tuple[float, float] | None = None
        self.horizontalScrollBar().valueChanged.connect(self.viewport_changed)
        self.verticalScrollBar().valueChanged.connect(self.viewport_changed)

    # ------------------------------------------------------------ where we look
    def scale_factor(self) -> float:
        """Pixels per scene metre."""
        return float(self.transform().m11())

    def zoom_by(self, factor: float) -> None:
        target = max(MIN_SCALE, min(MAX_SCALE, self.scale_factor() * factor))
        if self.scale_factor() > 0:
            factor = target / self.scale_factor()
            self.scale(factor, factor)
        self.viewport_changed.emit()

    def show_area(self, area: QRectF, min_half_width_m: float = 400.0) -> None:
        """Fit `area` (scene units), never closer than ±`min_half_width_m` around it."""
        if area.isNull() or area.isEmpty():
            centre = area.center()
            area = QRectF(centre.x(), centre.y(), 0, 0)
        pad = max(min_half_width_m, 0.3 * max(area.width(), area.height()))
        self.fitInView(area.adjusted(-pad, -pad, pad, pad), Qt.AspectRatioMode.KeepAspectRatio)
        self.viewport_changed.emit()

    def home(self) -> None:
        """The case if there is one, else the whole city."""
        if not self.city.case_bounds.isNull():
            self.show_area(self.city.case_bounds)
        elif not self.city.city_bounds.isEmpty():
            self.show_area(self.city.city_bounds, 0.0)

    def visible_area(self) -> QRectF:
        return self.mapToScene(self.viewport().rect()).boundingRect()

    def pan_by(self, dx: float, dy: float) -> None:
        """Pan by a share of the view (0.2 = a fifth of its width)."""
        area = self.visible_area()
        self.centerOn(area.center() + QPointF(dx * area.width(), dy * area.height()))
        self.viewport_changed.emit()

    def pointer_coordinates(self) -> str:
        if self._pointer is None:
            return ""
        return format_coordinates(*self._pointer)

    # ------------------------------------------------------------ input
    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120.0
        if steps:
            self.zoom_by(math.pow(ZOOM_STEP, steps))
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        pans = {
            Qt.Key.Key_Left: (-0.2, 0.0),
            Qt.Key.Key_Right: (0.2, 0.0),
            Qt.Key.Key_Up: (0.0, -0.2),
            Qt.Key.Key_Down: (0.0, 0.2),
        }
        if key in pans:
            self.pan_by(*pans[key])
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal, Qt.Key.Key_Minus):
            # From the keyboard, around the middle of the view: the pointer may be anywhere.
            self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
            self.zoom_by(ZOOM_STEP if key != Qt.Key.Key_Minus else 1 / ZOOM_STEP)
            self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        elif key in (Qt.Key.Key_0, Qt.Key.Key_Home):
            self.home()
        elif event.matches(QKeySequence.StandardKey.Copy) and self._pointer is not None:
            QGuiApplication.clipboard().setText(self.pointer_coordinates())
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        lon, lat = to_lonlat(self.mapToScene(event.position().toPoint()))
        self._pointer = (lat, lon)
        self.pointer_moved.emit(lat, lon)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        event.accept()  # a click on the map is the map's, whatever item is under it
        start, self._press = self._press, None
        here = event.position().toPoint()
        if start is None or (here - start).manhattanLength() > CLICK_SLOP:
            self.viewport_changed.emit()
            return
        self.click_at(here)

    def click_at(self, pos: QPoint) -> None:
        """What a click at this viewport position means: a post first, then a district."""
        for item in self.items(pos):
            post_id = item.data(POST_ROLE)
            if post_id is not None:
                self.post_clicked.emit(int(post_id))
                return
        for item in self.items(pos):
            unit_id = item.data(UNIT_ROLE)
            if unit_id is not None:
                self.district_clicked.emit(int(unit_id))
                return

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        self.viewport_changed.emit()
