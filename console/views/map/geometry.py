"""From longitude/latitude to the map's scene, and GeoJSON geometries to Qt paths.

The scene is in Web Mercator metres (EPSG:3857) with y pointing down (south), so the
vector layers and the tiles of an XYZ/WMTS server (which use the same projection) line up
exactly. A real distance of d metres at latitude φ is d / cos φ scene units.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import QPointF
from PySide6.QtGui import QPainterPath, QPolygonF

EARTH_RADIUS_M = 6_378_137.0
HALF_WORLD = math.pi * EARTH_RADIUS_M  # scene x and y run from -HALF_WORLD to HALF_WORLD
MAX_LAT = 85.05112878


def to_scene(lon: float, lat: float) -> QPointF:
    """A longitude/latitude as a scene point (Web Mercator metres, y down)."""
    lat = max(-MAX_LAT, min(MAX_LAT, lat))
    x = EARTH_RADIUS_M * math.radians(lon)
    y = EARTH_RADIUS_M * math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))
    return QPointF(x, -y)


def to_lonlat(p: QPointF) -> tuple[float, float]:
    """The inverse of `to_scene`: (lon, lat) in degrees."""
    lon = math.degrees(p.x() / EARTH_RADIUS_M)
    lat = math.degrees(2 * math.atan(math.exp(-p.y() / EARTH_RADIUS_M)) - math.pi / 2)
    return lon, lat


def metres_to_scene(metres: float, lat: float) -> float:
    """A ground distance at this latitude in scene units (Mercator stretches with 1/cos φ)."""
    return metres / max(0.01, math.cos(math.radians(lat)))


def _ring(coords: Iterable[Sequence[float]]) -> QPolygonF:
    return QPolygonF([to_scene(float(c[0]), float(c[1])) for c in coords])


def path_of(geometry: dict[str, Any]) -> QPainterPath:
    """A Polygon, MultiPolygon, LineString or MultiLineString as a path (holes kept)."""
    path = QPainterPath()
    path.setFillRule(path.fillRule().OddEvenFill)
    kind = geometry.get("type")
    coords = geometry.get("coordinates") or []
    if kind == "Polygon":
        polygons = [coords]
    elif kind == "MultiPolygon":
        polygons = coords
    elif kind == "LineString":
        polygons, lines = [], [coords]
    elif kind == "MultiLineString":
        polygons, lines = [], coords
    else:
        return path
    for rings in polygons:
        for ring in rings:
            path.addPolygon(_ring(ring))
            path.closeSubpath()
    if kind in ("LineString", "MultiLineString"):
        for line in lines:
            pts = _ring(line)
            if pts.size():
                path.moveTo(pts.at(0))
                for i in range(1, pts.size()):
                    path.lineTo(pts.at(i))
    return path


def point_of(geometry: dict[str, Any]) -> QPointF | None:
    if geometry.get("type") != "Point":
        return None
    lon, lat = geometry["coordinates"][:2]
    return to_scene(float(lon), float(lat))


def format_coordinates(lat: float, lon: float) -> str:
    """How coordinates are shown and copied: latitude first, six decimals (≈ 0.1 m)."""
    return f"{lat:.6f}, {lon:.6f}"
