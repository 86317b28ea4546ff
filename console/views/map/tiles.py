"""Raster tiles under the vector map, from the city's own tile server (optional).

A deployment may point the console at its tile server with an XYZ template
(``https://tiles.city.example/{z}/{x}/{y}.png``) or a WMTS RESTful template in the
GoogleMapsCompatible tile matrix set (``…/{TileMatrix}/{TileRow}/{TileCol}.png``). With
no template set there is no tile layer at all: the map is the platform's own vector data
and no request is made anywhere. With one, the only requests are to that template's
server: every URL is the template with three numbers filled in, and a URL whose host
differs from the template's is refused before it is sent.

Tiles are fetched on the task runner's workers (never on the GUI thread), at most
`MAX_IN_FLIGHT` at a time, and the newest `MAX_CACHED` are kept.
"""

from __future__ import annotations

import logging
import math
from collections import OrderedDict
from collections.abc import Callable
from functools import partial
from urllib.parse import urlsplit

import requests
from PySide6.QtCore import QObject, QRectF, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QGraphicsPixmapItem

from console.tasks import Runner
from console.views.map.geometry import HALF_WORLD
from console.views.map.view import MapView

log = logging.getLogger(__name__)

TILE_PIXELS = 256
MAX_ZOOM = 19
MAX_IN_FLIGHT = 8
MAX_CACHED = 256
Z_TILES = 0
TileKey = tuple[int, int, int]
Fetch = Callable[[str], bytes]


def tile_url(template: str, z: int, x: int, y: int) -> str:
    """The template with the tile's numbers filled in (XYZ or WMTS RESTful names)."""
    return (
        template.replace("{z}", str(z))
        .replace("{x}", str(x))
        .replace("{y}", str(y))
        .replace("{TileMatrix}", str(z))
        .replace("{TileCol}", str(x))
        .replace("{TileRow}", str(y))
    )


def valid_template(template: str) -> bool:
    """An http(s) URL naming the three tile numbers in one of the two styles."""
    parts = urlsplit(template)
    xyz = all(k in template for k in ("{z}", "{x}", "{y}"))
    wmts = all(k in template for k in ("{TileMatrix}", "{TileCol}", "{TileRow}"))
    return parts.scheme in ("http", "https") and bool(parts.hostname) and (xyz or wmts)


def zoom_for(pixels_per_metre: float) -> int:
    """The tile zoom whose pixels are closest to the view's (tile z has 256·2^z pixels)."""
    if pixels_per_metre <= 0:
        return 0
    z = math.log2(pixels_per_metre * 2 * HALF_WORLD / TILE_PIXELS)
    return max(0, min(MAX_ZOOM, round(z)))


def tiles_for(area: QRectF, z: int) -> list[TileKey]:
    """The tiles of zoom `z` that cover `area` (scene units), centre first."""
    n = 2**z
    size = 2 * HALF_WORLD / n

    def index(v: float) -> int:
        return max(0, min(n - 1, int((v + HALF_WORLD) // size)))

    xs = range(index(area.left()), index(area.right()) + 1)
    ys = range(index(area.top()), index(area.bottom()) + 1)
    cx, cy = index(area.center().x()), index(area.center().y())
    keys = [(z, x, y) for x in xs for y in ys]
    keys.sort(key=lambda k: (k[1] - cx) ** 2 + (k[2] - cy) ** 2)
    return keys


def tile_rect(key: TileKey) -> QRectF:
    z, x, y = key
    size = 2 * HALF_WORLD / 2**z
    return QRectF(-HALF_WORLD + x * size, -HALF_WORLD + y * size, size, size)


class TileFetcher:
    """Blocking GETs of one template's tiles (call it on a worker)."""

    def __init__(self, template: str, verify: bool | str = True, timeout: float = 10.0) -> None:
        if not valid_template(template):
            raise ValueError(f"not a tile URL template: {template!r}")
        self.template = template
        self._host = urlsplit(template).netloc
        self._verify = verify
        self._timeout = timeout
        self._session = requests.Session()

    def url(self, key: TileKey) -> str:
        return tile_url(self.template, *key)

    def __call__(self, url: str) -> bytes:
        if urlsplit(url).netloc != self._host:
            raise ValueError(f"tile request to another server refused: {url!r}")
        r = self._session.get(url, timeout=self._timeout, verify=self._verify)
        r.raise_for_status()
        return r.content


class TileLayer(QObject):
    """Keeps the visible tiles of a `MapView` loaded, below the vector layers.

    Signals:
        tile_shown(int, int, int): a tile (z, x, y) is on the map.
        tile_failed(str): a tile could not be fetched (a sentence, once per failure run).
    """

    tile_shown = Signal(int, int, int)
    tile_failed = Signal(str)

    def __init__(
        self, view: MapView, fetcher: TileFetcher, runner: Runner, fetch: Fetch | None = None
    ) -> None:
        super().__init__(view)
        self._view = view
        self._fetcher = fetcher
        self._fetch = fetch or fetcher
        self._runner = runner
        self._items: OrderedDict[TileKey, QGraphicsPixmapItem] = OrderedDict()
        self._in_flight: set[TileKey] = set()
        self._failing = False
        view.viewport_changed.connect(self.update_tiles)

    def update_tiles(self) -> None:
        if not self._view.isVisible() or self._view.viewport().width() < 2:
            return  # nobody looks: ask for nothing
        z = zoom_for(self._view.scale_factor())
        wanted = tiles_for(self._view.visible_area(), z)
        for key in wanted:
            if key in self._items:
                self._items.move_to_end(key)
                continue
            if key in self._in_flight or len(self._in_flight) >= MAX_IN_FLIGHT:
                continue
            self._in_flight.add(key)
            self._runner.run(
                partial(self._fetch, self._fetcher.url(key)),
                partial(self._arrived, key),
                partial(self._failed, key),
            )

    def _arrived(self, key: TileKey, data: bytes) -> None:
        self._in_flight.discard(key)
        pixmap = QPixmap()
        if not pixmap.loadFromData(data):
            self._failed(key, ValueError("not an image"))
            return
        self._failing = False
        item = QGraphicsPixmapItem(pixmap)
        rect = tile_rect(key)
        item.setPos(rect.topLeft())
        item.setScale(rect.width() / max(1, pixmap.width()))
        item.setTransformationMode(item.transformationMode().SmoothTransformation)
        item.setZValue(Z_TILES)
        self._view.city.addItem(item)
        self._items[key] = item
        while len(self._items) > MAX_CACHED:
            _old, old_item = self._items.popitem(last=False)
            self._view.city.removeItem(old_item)
        self.tile_shown.emit(*key)

    def _failed(self, key: TileKey, exc: Exception) -> None:
        self._in_flight.discard(key)
        if not self._failing:
            self._failing = True
            log.info("map tile %s could not be fetched: %s", key, exc)
            self.tile_failed.emit(str(exc))
