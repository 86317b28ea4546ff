"""The map in the case pane against a real platform: the report's point with accuracy and
age, the districts, a newer location beside the first, other open posts nearby (silent
reports stand out), copyable coordinates, and no request to anything but the platform."""

from __future__ import annotations

from typing import Any

import pytest
import requests
from PySide6.QtGui import QGuiApplication

from console.views.map.geometry import metres_to_scene, to_scene
from platform_server.demo.text import STATIONS
from tests.helpers.console import CaseConsole
from tests.helpers.platform import RunningPlatform, citizen_post, new_key, silent_report

pytestmark = pytest.mark.integration

HEBIN = STATIONS["st-hebin"][2]


def here(north_m: float = 0.0, accuracy: float = 40.0) -> dict[str, Any]:
    return {"lat": round(HEBIN[0] + north_m / 111_320, 6), "lon": HEBIN[1], "accuracy_m": accuracy}


def open_case(qtbot: Any, console: CaseConsole, post_id: int) -> None:
    console.view.load(post_id)
    qtbot.waitUntil(lambda: console.view.detail is not None and console.view.detail.id == post_id)


def test_a_silent_reports_point_shows_with_its_accuracy_age_and_district(
    qtbot: Any, platform: RunningPlatform, console: CaseConsole
) -> None:
    where = here(accuracy=60)
    post_id = silent_report(platform, location=where)
    open_case(qtbot, console, post_id)
    panel = console.view.map_panel
    assert panel.isVisibleTo(console.view)
    assert len(panel.scene.district_items) == len(STATIONS)  # the city, from the platform
    (first,) = panel.scene.fix_items
    expected = to_scene(where["lon"], where["lat"])
    assert first.pos().x() == pytest.approx(expected.x())
    assert first.pos().y() == pytest.approx(expected.y())
    radius = metres_to_scene(60, where["lat"])
    assert panel.scene.case_bounds.width() == pytest.approx(2 * radius, rel=1e-6)
    assert panel.where.text().startswith(f"{where['lat']:.6f}, {where['lon']:.6f}")
    words = panel.scene.fix_words(panel_fix(panel), 0)
    assert "±60" in words
    # The view is centred on the report.
    assert panel.view.visible_area().contains(first.pos())

    panel.copy_button.click()
    assert QGuiApplication.clipboard().text() == f"{where['lat']:.6f}, {where['lon']:.6f}"


def panel_fix(panel: Any) -> Any:
    from console.views.map.panel import fixes_of

    return fixes_of(panel._post)[0]


def test_a_newer_location_shows_beside_the_first_never_replacing_it(
    qtbot: Any, platform: RunningPlatform, console: CaseConsole
) -> None:
    reporter = platform.citizen("匿名", None)
    first = here()
    post_id = silent_report(reporter, location=first)
    open_case(qtbot, console, post_id)
    panel = console.view.map_panel
    before = panel.scene.fix_items[0].pos()
    assert panel.moved.isHidden()

    later = here(north_m=500, accuracy=8)
    r = reporter.post(
        f"/public/posts/{post_id}/locations", later, headers={"Idempotency-Key": new_key()}
    )
    assert r.status_code == 201
    console.view.refresh()
    qtbot.waitUntil(lambda: len(panel.scene.fix_items) == 2)
    assert panel.scene.fix_items[0].pos() == before  # the first stays where it was
    newer = to_scene(later["lon"], later["lat"])
    assert panel.scene.fix_items[1].pos().y() == pytest.approx(newer.y())
    assert not panel.moved.isHidden()
    assert f"{later['lat']:.6f}" in panel.moved.text()
    assert panel.coordinates_text().splitlines() == [
        f"{first['lat']:.6f}, {first['lon']:.6f}",
        f"{later['lat']:.6f}, {later['lon']:.6f}",
    ]


def test_other_open_posts_nearby_silent_ones_stand_out_and_open_on_click(
    qtbot: Any, platform: RunningPlatform, console: CaseConsole
) -> None:
    centre = citizen_post(platform, "河边有人吵架", location=here())
    other = citizen_post(platform, "河边停车乱", location=here(north_m=200))
    alarm = silent_report(platform, location=here(north_m=-300))
    open_case(qtbot, console, centre)
    scene = console.view.map_panel.scene
    assert {other, alarm} <= set(scene.nearby_items)
    assert scene.nearby_items[alarm].rect().width() > scene.nearby_items[other].rect().width()
    assert "1" in console.view.map_panel.near.text()

    view = console.view.map_panel.view
    view.resize(400, 300)
    view.centerOn(scene.nearby_items[alarm].pos())
    view.click_at(view.mapFromScene(scene.nearby_items[alarm].pos()))
    qtbot.waitUntil(lambda: console.view.detail is not None and console.view.detail.id == alarm)


def test_a_case_without_a_location_has_no_map(
    qtbot: Any, platform: RunningPlatform, console: CaseConsole
) -> None:
    post_id = citizen_post(platform, "户口迁移要带什么材料")
    open_case(qtbot, console, post_id)
    assert console.view.map_panel.isHidden()


def test_without_a_tile_server_only_the_platform_is_asked(
    qtbot: Any,
    platform: RunningPlatform,
    console: CaseConsole,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[str] = []
    real_send = requests.Session.send

    def spy(self: requests.Session, request: requests.PreparedRequest, **kw: Any) -> Any:
        asked.append(str(request.url))
        return real_send(self, request, **kw)

    post_id = silent_report(platform, location=here())
    monkeypatch.setattr(requests.Session, "send", spy)
    assert console.settings.map_tile_url == ""
    open_case(qtbot, console, post_id)
    panel = console.view.map_panel
    panel.view.zoom_by(4)
    panel.view.pan_by(0.5, 0.5)
    assert panel.tiles is None
    assert asked and all(url.startswith(platform.url + "/") for url in asked)


def test_the_transfer_dialog_preselects_the_station_of_the_locations_district(
    qtbot: Any, platform: RunningPlatform, console: CaseConsole
) -> None:
    from tests.helpers import dbutil

    post_id = silent_report(platform, location=here())
    open_case(qtbot, console, post_id)
    assert console.view.detail is not None
    hebin = dbutil.unit_id(platform, "st-hebin")
    assert console.view.detail.suggested_unit_id == hebin
    console.view.start_transfer()
    dialog = console.view.active_dialog
    assert dialog is not None
    assert dialog.unit_id() == hebin  # pre-selected, not sent
    assert "河滨派出所" in dialog.tree.currentIndex().data()
    assert not dialog.ok_button.isEnabled()  # the officer still gives the reason
    assert console.outbox.items(post_id) == []  # nothing is sent by itself
    dialog.reject()
