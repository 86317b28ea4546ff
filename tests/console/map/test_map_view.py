"""The map widget on its own, offscreen: drawn from the demo city's geography, panned and
zoomed with keys, wheel and drag, coordinates copied, and tiles fetched only from the
configured tile server (a real HTTP server on loopback here)."""

from __future__ import annotations

import http.server
import json
import re
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage
from PySide6.QtTest import QTest

from console.settings import Settings
from console.views.map.geometry import to_lonlat, to_scene
from console.views.map.scene import CityScene, Fix
from console.views.map.tiles import TileFetcher, TileLayer, tile_url, valid_template
from console.views.map.view import MapView
from console.views.theme import colours
from platform_server.geo.districts import demo_geo_file
from tests.helpers.fakes import SyncTaskRunner

pytestmark = pytest.mark.unit

POINT = (30.598, 114.338)  # lat, lon: 河滨派出所


def demo_city() -> tuple[dict[str, Any], dict[str, Any]]:
    data = json.loads(Path(demo_geo_file()).read_text(encoding="utf-8"))
    layer = lambda name: [f for f in data["features"] if f["properties"]["layer"] == name]  # noqa: E731
    for i, f in enumerate(layer("district")):
        f["properties"]["unit_id"] = 100 + i
    districts = {"type": "FeatureCollection", "features": layer("district")}
    rest = [f for n in ("boundary", "river", "road", "station") for f in layer(n)]
    return districts, {"type": "FeatureCollection", "features": rest}


@pytest.fixture
def map_view(qtbot: Any) -> MapView:
    scene = CityScene()
    scene.set_city(*demo_city())
    now = datetime.now(UTC)
    scene.set_case([Fix(POINT[0], POINT[1], 50.0, now - timedelta(minutes=3), first=True)], now)
    view = MapView(scene)
    scene.setParent(view)  # deleted with the view, on the GUI thread (never by a late GC)
    qtbot.addWidget(view)
    view.resize(500, 400)
    view.show()
    qtbot.waitExposed(view)
    view.home()
    return view


def centre(view: MapView) -> QPointF:
    return view.visible_area().center()


def test_the_city_is_drawn_offline_with_the_report_on_top(map_view: MapView) -> None:
    image = map_view.grab().toImage()
    seen = {image.pixelColor(x, y).name() for x in range(0, 500, 3) for y in range(0, 400, 3)}
    c = colours()
    assert QColor(c.map_report).name() in seen  # the report's dot
    assert QColor(c.map_land).name() in seen  # the ground of the city
    assert len(map_view.city.district_items) == 8
    assert "3" in CityScene.fix_words(
        Fix(POINT[0], POINT[1], 50, datetime.now(UTC) - timedelta(minutes=3), True), 0
    )


def test_keys_pan_and_zoom_and_0_goes_back(qtbot: Any, map_view: MapView) -> None:
    start = centre(map_view)
    QTest.keyClick(map_view, Qt.Key.Key_Right)
    assert centre(map_view).x() > start.x()
    QTest.keyClick(map_view, Qt.Key.Key_Up)
    assert centre(map_view).y() < start.y()  # north is up
    scale = map_view.scale_factor()
    # The pointer in a corner: a zoom from the keyboard still keeps the middle in place.
    QTest.mouseMove(map_view.viewport(), QPoint(2, 2))
    before = centre(map_view)
    QTest.keyClick(map_view, Qt.Key.Key_Plus)
    assert map_view.scale_factor() == pytest.approx(scale * 1.25)
    moved = centre(map_view) - before
    assert abs(moved.x()) + abs(moved.y()) < 2 / map_view.scale_factor()  # under 2 px
    QTest.keyClick(map_view, Qt.Key.Key_Minus)
    QTest.keyClick(map_view, Qt.Key.Key_Minus)
    assert map_view.scale_factor() == pytest.approx(scale / 1.25)
    QTest.keyClick(map_view, Qt.Key.Key_0)
    assert map_view.visible_area().contains(map_view.city.fix_items[0].pos())


def test_dragging_pans_and_a_click_names_the_district(qtbot: Any, map_view: MapView) -> None:
    start = centre(map_view)
    vp = map_view.viewport()
    QTest.mousePress(vp, Qt.MouseButton.LeftButton, pos=QPoint(250, 200))
    QTest.mouseMove(vp, QPoint(150, 200))
    QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, pos=QPoint(150, 200))
    assert centre(map_view).x() > start.x()  # dragged left: looking further east

    map_view.home()
    clicked: list[int] = []
    map_view.district_clicked.connect(clicked.append)
    beside_report = map_view.mapFromScene(map_view.city.fix_items[0].pos()) + QPoint(60, 0)
    QTest.mouseClick(vp, Qt.MouseButton.LeftButton, pos=beside_report)
    assert len(clicked) == 1 and clicked[0] in map_view.city.district_items


def test_the_pointers_coordinates_are_copied_with_ctrl_c(qtbot: Any, map_view: MapView) -> None:
    at = map_view.mapFromScene(map_view.city.fix_items[0].pos())
    QTest.mouseMove(map_view.viewport(), at)
    lon, lat = to_lonlat(map_view.mapToScene(at))
    QTest.keyClick(map_view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == f"{lat:.6f}, {lon:.6f}"
    assert abs(lat - POINT[0]) < 0.001 and abs(lon - POINT[1]) < 0.001


def test_projection_round_trips() -> None:
    lon, lat = to_lonlat(to_scene(114.338, 30.598))
    assert (lat, lon) == (pytest.approx(30.598), pytest.approx(114.338))


# ---------------------------------------------------------------- tiles
def _png() -> bytes:
    image = QImage(256, 256, QImage.Format.Format_RGB32)
    image.fill(QColor(10, 200, 10))
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buf, "PNG")
    return bytes(data.data())


@pytest.fixture
def tile_server() -> Iterator[tuple[str, list[str]]]:
    seen: list[str] = []
    png = _png()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(png)))
            self.end_headers()
            self.wfile.write(png)

        def log_message(self, *_args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", seen
    server.shutdown()
    server.server_close()


def test_tiles_come_from_the_configured_server_only(
    qtbot: Any, map_view: MapView, tile_server: tuple[str, list[str]]
) -> None:
    base, seen = tile_server
    layer = TileLayer(map_view, TileFetcher(base + "/tiles/{z}/{x}/{y}.png"), SyncTaskRunner())
    shown: list[tuple[int, int, int]] = []
    layer.tile_shown.connect(lambda z, x, y: shown.append((z, x, y)))
    layer.update_tiles()
    assert shown and len(seen) == len(shown)
    assert all(re.fullmatch(r"/tiles/\d+/\d+/\d+\.png", p) for p in seen)
    z = shown[0][0]
    assert 12 <= z <= 17  # a city district on a 500-pixel view
    QTest.keyClick(map_view, Qt.Key.Key_Plus)
    QTest.keyClick(map_view, Qt.Key.Key_Plus)
    QTest.keyClick(map_view, Qt.Key.Key_Plus)
    assert max(k[0] for k in shown) > z  # closer zoom, finer tiles
    map_view.hide()


def test_a_url_to_another_server_is_refused_before_it_is_sent() -> None:
    fetcher = TileFetcher("https://tiles.city.example/{z}/{x}/{y}.png")
    with pytest.raises(ValueError, match="another server"):
        fetcher("https://elsewhere.example/1/2/3.png")
    assert tile_url("https://t.example/wmts/{TileMatrix}/{TileRow}/{TileCol}.png", 5, 7, 9) == (
        "https://t.example/wmts/5/9/7.png"
    )
    assert not valid_template("file:///etc/{z}/{x}/{y}")
    assert not valid_template("https://t.example/tiles.png")


def test_with_no_template_the_panel_makes_no_tile_layer(qtbot: Any, tmp_path: Path) -> None:
    from console.views.map.panel import CaseMapPanel

    settings = Settings(tmp_path / "console.ini")
    panel = CaseMapPanel(None, SyncTaskRunner(), settings)
    qtbot.addWidget(panel)
    assert panel.tiles is None
    settings.map_tile_url = "http://127.0.0.1:1/{z}/{x}/{y}.png"
    other = CaseMapPanel(None, SyncTaskRunner(), settings)
    qtbot.addWidget(other)
    assert other.tiles is not None
