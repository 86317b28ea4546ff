"""The other-channel form against the real platform, driven from the keyboard the way a
hotline officer uses it while listening: Tab through, Enter records, Esc asks first."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from console.api.city import CityApi
from console.api.client import PlatformClient
from console.views.dialogs.intake import IntakeDialog
from console.views.map.source import CityGeoSource
from tests.helpers.console import DEMO_PASSWORD, type_text
from tests.helpers.console_expected_logs import REFUSED
from tests.helpers.fakes import SyncTaskRunner
from tests.helpers.platform import RunningPlatform

pytestmark = pytest.mark.integration


@pytest.fixture
def form(qtbot: Any, platform: RunningPlatform) -> Iterator[IntakeDialog]:
    client = PlatformClient(platform.url)
    client.login("010001", DEMO_PASSWORD, "ws-hotline")
    runner = SyncTaskRunner()
    city = CityGeoSource(CityApi(client.get_json), runner)
    dlg = IntakeDialog(client.boards(), client, runner, city=city)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.activateWindow()
    qtbot.waitActive(dlg)
    yield dlg


def _tab() -> None:
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)


def test_a_call_is_recorded_without_the_mouse(
    qtbot: Any, platform: RunningPlatform, form: IntakeDialog
) -> None:
    assert form.channel.currentData() == "hotline"  # the usual case comes first
    form.channel.setFocus()
    QTest.keyClick(form.channel, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is form.name
    type_text(form.name, "王秀英")
    _tab()
    assert QApplication.focusWidget() is form.phone
    type_text(form.phone, "13600001234")
    _tab()
    assert QApplication.focusWidget() is form.board
    form.board.setCurrentIndex(form.board.findData("public-order"))
    _tab()
    assert QApplication.focusWidget() is form.title_edit
    type_text(form.title_edit, "楼上装修噪音扰民")
    _tab()
    assert QApplication.focusWidget() is form.body
    type_text(form.body, "来电称楼上每天早上七点开始装修。")
    with qtbot.waitSignal(form.recorded, timeout=5000) as got:
        QTest.keyClick(form.body, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    post = got.args[0]
    assert post.channel == "hotline" and post.title == "楼上装修噪音扰民"
    assert not form.isVisible()
    detail = platform.officer("010001").get(f"/posts/{post.id}").json()
    assert detail["channel"] == "hotline" and detail["board"] == "public-order"
    assert detail["author"]["nickname"] == "王秀英"


def test_enter_in_a_line_records_and_a_missing_field_is_named_first(
    qtbot: Any, platform: RunningPlatform, form: IntakeDialog
) -> None:
    form.channel.setCurrentIndex(form.channel.findData("visit"))
    form.title_edit.setFocus()
    type_text(form.title_edit, "来访反映小区门禁损坏")
    QTest.keyClick(form.title_edit, Qt.Key.Key_Return)
    assert form.isVisible() and not form.error.isHidden()  # nothing sent: the name is missing
    assert QApplication.focusWidget() is form.name
    type_text(form.name, "李大爷")
    form.phone.setText("12ab")
    QTest.keyClick(form.name, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is form.phone and form.isVisible()
    form.phone.clear()  # no phone is allowed (a letter may have none)
    form.body.setPlainText("门禁坏了一周，物业不管。")
    with qtbot.waitSignal(form.recorded, timeout=5000) as got:
        QTest.keyClick(form.name, Qt.Key.Key_Return)
    assert got.args[0].channel == "visit"


@pytest.mark.expected_log(REFUSED + r"POST .*/posts: 422")
@pytest.mark.expected_log(r"tests\.helpers\.fakes: task .* failed")
def test_a_refusal_keeps_everything_typed_and_says_why(
    qtbot: Any, platform: RunningPlatform, form: IntakeDialog
) -> None:
    form.name.setText("张先生")
    form.title_edit.setText("标" * 400)  # longer than the platform takes
    form.body.setPlainText("内容")
    form.submit()
    qtbot.waitUntil(lambda: not form.error.isHidden())
    assert "标题" in form.error.text()  # the platform's own sentence
    assert form.isVisible() and form.title_edit.text() == "标" * 400
    assert form.buttons.isEnabled()


def test_esc_asks_before_throwing_away_what_was_typed(qtbot: Any, form: IntakeDialog) -> None:
    form.name.setFocus()
    type_text(form.name, "赵")
    QTest.keyClick(form, Qt.Key.Key_Escape)
    box = form.confirm_box
    assert box is not None and form.isVisible()
    box.button(QMessageBox.StandardButton.Cancel).click()
    qtbot.waitUntil(lambda: form.confirm_box is None)
    assert form.isVisible() and form.name.text() == "赵"
    QTest.keyClick(form, Qt.Key.Key_Escape)
    box = form.confirm_box
    assert box is not None
    box.button(QMessageBox.StandardButton.Discard).click()
    qtbot.waitUntil(lambda: not form.isVisible())


def test_esc_on_an_empty_form_just_closes(qtbot: Any, form: IntakeDialog) -> None:
    QTest.keyClick(form, Qt.Key.Key_Escape)
    assert form.confirm_box is None
    qtbot.waitUntil(lambda: not form.isVisible())


def _fill_the_call(form: IntakeDialog) -> None:
    form.name.setText("陈女士")
    form.board.setCurrentIndex(form.board.findData("public-order"))
    form.title_edit.setText("路口红绿灯不亮")
    form.body.setPlainText("来电称路口的红绿灯从早上起就不亮了。")


def test_the_place_is_recorded_with_its_typed_point(
    qtbot: Any, platform: RunningPlatform, form: IntakeDialog
) -> None:
    _fill_the_call(form)
    form.body.setFocus()
    _tab()
    assert QApplication.focusWidget() is form.address  # where comes after what happened
    type_text(form.address, "解放路与人民路路口")
    _tab()
    assert QApplication.focusWidget() is form.point
    type_text(form.point, "36.0712，118.3521")  # as pasted from an SMS, Chinese comma
    with qtbot.waitSignal(form.recorded, timeout=5000) as got:
        QTest.keyClick(form.point, Qt.Key.Key_Return)
    detail = platform.officer("010001").get(f"/posts/{got.args[0].id}").json()
    loc = detail["location"]
    assert (loc["lat"], loc["lon"], loc["address"]) == (36.0712, 118.3521, "解放路与人民路路口")


@pytest.mark.usefixtures("chinese")
def test_an_address_without_a_point_is_kept_and_asks_for_the_point(
    qtbot: Any, platform: RunningPlatform, form: IntakeDialog
) -> None:
    _fill_the_call(form)
    form.address.setText("滨江大道东段")
    officer = platform.officer("010001")

    def newest() -> int:
        return int(officer.get("/posts", params={"limit": 1}).json()["items"][0]["id"])

    before = newest()
    form.submit()
    assert form.isVisible() and not form.error.isHidden()
    assert "F4" in form.error.text() and "坐标" in form.error.text()
    assert QApplication.focusWidget() is form.point
    assert form.address.text() == "滨江大道东段"  # nothing lost
    assert newest() == before  # nothing was sent
    form.point.setText("36.07, 200")  # not a place on Earth
    form.submit()
    assert "纬度" in form.error.text() and form.isVisible()


@pytest.mark.usefixtures("chinese")
def test_f4_marks_the_point_on_the_city_map_from_the_keyboard(
    qtbot: Any, platform: RunningPlatform, form: IntakeDialog
) -> None:
    _fill_the_call(form)
    form.address.setFocus()
    type_text(form.address, "火车站广场")
    QTest.keyClick(form.address, Qt.Key.Key_F4)
    picker = form.picker
    assert picker is not None and picker.isVisible()
    qtbot.waitUntil(lambda: bool(picker.scene.district_items))  # the real city, offline
    assert picker.point is None
    QTest.keyClick(picker.view, Qt.Key.Key_Space)  # mark under the cross
    assert picker.point is not None and picker.district  # named at once
    assert f"位于{picker.district}辖区" in picker.where.text()
    lat, lon = picker.point
    QTest.keyClick(picker.view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: form.picker is None)
    assert form.isVisible() and QApplication.focusWidget() is form.point
    with qtbot.waitSignal(form.recorded, timeout=5000) as got:
        QTest.keyClick(form.point, Qt.Key.Key_Return)
    detail = platform.officer("010001").get(f"/posts/{got.args[0].id}").json()
    assert detail["location"]["lat"] == pytest.approx(lat, abs=1e-6)
    assert detail["location"]["lon"] == pytest.approx(lon, abs=1e-6)
    assert detail["location"]["address"] == "火车站广场"
    # The platform puts the point in the same station district the map named.
    units = {u["id"]: u["name"] for u in platform.officer("010001").get("/units").json()}
    assert units[detail["suggested_unit_id"]] == picker.district
