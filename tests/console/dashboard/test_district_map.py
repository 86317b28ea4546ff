"""The dashboard's district map against a real platform: open posts per station district
as a choropleth, and a click on a district opens the queue of exactly its posts."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from console.api.city import CityApi
from console.tasks import TaskRunner
from console.views.dashboard.dashboard import Dashboard
from platform_server.demo.text import STATIONS
from tests.helpers import dbutil
from tests.helpers.client import signed_in_client
from tests.helpers.console import PASSWORD, dispose, make_app, signed_in
from tests.helpers.platform import RunningPlatform, citizen_post, silent_report

pytestmark = pytest.mark.integration


def at(code: str, north_m: float = 0.0) -> dict[str, Any]:
    lat, lon = STATIONS[code][2]
    return {"lat": lat + north_m / 111_320, "lon": lon, "accuracy_m": 20}


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[TaskRunner]:
    r = TaskRunner(max_threads=2)
    yield r
    r.shutdown(10_000)


def test_the_district_map_shows_open_posts_per_district_and_clicks_to_the_queue(
    qtbot: QtBot, fresh_platform: RunningPlatform, runner: TaskRunner
) -> None:
    p = fresh_platform
    hebin = [citizen_post(p, f"河边的事{i}", location=at("st-hebin", 100 * i)) for i in range(3)]
    silent_report(p, location=at("st-hebin", -150))
    citizen_post(p, "高新区的事", location=at("st-gaoxin"))
    citizen_post(p, "没有位置的事")

    client = signed_in_client(p, "010900")
    me = client.me()
    dash = Dashboard(
        client.get_json,
        runner,
        role=me.role,
        units=client.units(),
        home_unit_id=me.unit_id,
        city=CityApi(client.get_json),
    )
    qtbot.addWidget(dash)
    dash.resize(1600, 980)
    with qtbot.waitSignal(dash.refreshed, timeout=30_000):
        dash.show()
        dash.refresh_now()
    qtbot.waitUntil(lambda: len(dash.district_scene.district_items) == len(STATIONS))
    qtbot.waitUntil(lambda: dash.district_counts is not None)
    # The whole city fills the panel (fitted once the panel has its size).
    area, city = dash.district_view.visible_area(), dash.district_scene.city_bounds
    assert area.contains(city)
    assert city.width() > 0.5 * area.width() or city.height() > 0.5 * area.height()
    hebin_id = dbutil.unit_id(p, "st-hebin")
    gaoxin_id = dbutil.unit_id(p, "st-gaoxin")
    items = dash.district_scene.district_items
    assert items[hebin_id].brush().color().alpha() > items[gaoxin_id].brush().color().alpha()
    assert items[dbutil.unit_id(p, "st-xiguan")].brush().style() == Qt.BrushStyle.NoBrush
    assert "5" in dash.district_panel.note.text() and "1" in dash.district_panel.note.text()

    view = dash.district_view
    inside = items[hebin_id].path().boundingRect().center()
    view.centerOn(inside)
    with qtbot.waitSignal(dash.filter_requested) as sig:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.mapFromScene(inside))
    wanted = sig.args[0]
    assert wanted["district"] == hebin_id
    page = client.list_posts(wanted, limit=50)
    ids = {post.id for post in page.items}
    assert set(hebin) <= ids and len(ids) == 4  # the three posts and the silent report
    assert all(post.suggested_unit_id == hebin_id for post in page.items)


def test_the_wall_display_shows_the_map_at_once_when_a_silent_report_comes_in(
    qtbot: QtBot, fresh_platform: RunningPlatform
) -> None:
    p = fresh_platform
    citizen_post(p, "河边的事", location=at("st-hebin", 80))
    app = make_app(p, badge="010900", password=PASSWORD)
    try:
        session = signed_in(qtbot, app)
        dash = session.window.dashboard
        assert isinstance(dash, Dashboard)
        qtbot.waitUntil(lambda: len(dash.district_scene.district_items) == len(STATIONS))
        dash.set_wall_mode(True)
        qtbot.waitUntil(dash.isFullScreen)
        dash.wall_stack.setCurrentWidget(dash.panels["workload"])
        scene = dash.district_scene
        qtbot.waitUntil(lambda: len(scene.nearby_items) == 1)
        (plain,) = scene.nearby_items.values()

        silent = silent_report(p, location=at("st-hebin", -120))
        qtbot.waitUntil(lambda: silent in scene.nearby_items, timeout=10_000)
        assert dash.wall_stack.currentWidget() is dash.district_panel  # brought to the front
        mark = scene.nearby_items[silent]
        assert mark.rect().width() > plain.rect().width()  # the silent report stands out
        assert mark.brush().color() != plain.brush().color()
        view = dash.district_view
        view.centerOn(mark.pos())
        with qtbot.waitSignal(dash.filter_requested) as sig:
            view.click_at(view.mapFromScene(mark.pos()))
        assert sig.args[0] == {"post_id": silent}
        dash.set_wall_mode(False)
    finally:
        dispose(app)
