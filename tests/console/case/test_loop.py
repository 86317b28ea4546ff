"""The handling loop in the case pane against the real platform: a dispatch with assisting
units from the transfer dialog, the dispatch strip (lead, assisting, signed or not, the sign
deadline counting down), sign-for on the first key press, and closing with a closure code."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from console.api.models import format_time
from console.views.dialogs.actions import CloseDialog, TransferDialog
from console.views.dialogs.loop_dialogs import (
    ExtensionDialog,
    ReturnDialog,
    SuperviseDialog,
    UrgeDialog,
)
from tests.helpers.console import CaseConsole, make_case_console, type_text
from tests.helpers.console_expected_logs import OUTBOX_REFUSED, REFUSED
from tests.helpers.platform import RunningPlatform, citizen_post
from tests.helpers.posts import ids

pytestmark = pytest.mark.integration


def badge_of(platform: RunningPlatform, unit_code: str, role: str = "officer") -> str:
    """The badge of an officer (or leader) of the unit, as the platform lists them."""
    unit = ids(platform)["unit"][unit_code]
    officers = platform.officer("010001").get("/officers").json()
    return str(next(o["badge"] for o in officers if o["unit_id"] == unit and o["role"] == role))


@pytest.fixture
def station(qtbot: Any, platform: RunningPlatform, tmp_path: Path) -> Iterator[CaseConsole]:
    """The case pane of an officer of 城关派出所 (the lead unit in these tests)."""
    c = make_case_console(qtbot, platform, tmp_path / "st", badge_of(platform, "st-chengguan"))
    yield c
    c.close()


def _activate(qtbot: Any, c: CaseConsole) -> None:
    """Single-key shortcuts work in the active window only, as on a real desktop."""
    c.view.show()
    c.view.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is c.view)


def _dispatch_from_dialog(qtbot: Any, platform: RunningPlatform, c: CaseConsole, pid: int) -> str:
    """张伟 presses T, picks 城关派出所 to lead and ticks 河滨派出所 to assist; what the
    dialog summed up before he sent it."""
    view = c.view
    _activate(qtbot, c)
    view.load(pid)
    qtbot.waitUntil(view.transfer_action.isEnabled)
    QTest.keyClick(view, Qt.Key.Key_T)
    dlg = view.active_dialog
    assert isinstance(dlg, TransferDialog)
    unit = ids(platform)["unit"]
    dlg.search.setText("城关")
    dlg.search.returnPressed.emit()  # the branch above it comes first: one row down
    QTest.keyClick(dlg.tree, Qt.Key.Key_Down)
    assert dlg.unit_id() == unit["st-chengguan"]
    dlg.check_unit(unit["st-hebin"])
    assert dlg.assist_unit_ids() == [unit["st-hebin"]]
    summary = dlg.dispatch_summary.text()
    assert "城关派出所" in summary and "河滨派出所" in summary
    dlg.reason.setPlainText("属地管辖，请城关派出所主办、河滨派出所协办。")
    dlg.ok_button.click()
    qtbot.waitUntil(
        lambda: view.detail is not None and view.detail.dispatch is not None, timeout=5000
    )
    return summary


def test_a_dispatch_with_an_assisting_unit_is_signed_for_on_the_first_key_press(
    qtbot: Any, platform: RunningPlatform, console: CaseConsole, station: CaseConsole
) -> None:
    pid = citizen_post(platform, "小区门口井盖丢失", board="12345")
    assert platform.officer("010001").act(pid, "priority", {"priority": 2}).status_code == 200
    summary = _dispatch_from_dialog(qtbot, platform, console, pid)
    assert summary.endswith("2 Pressing")  # the priority is kept, and the dialog says so
    unit = ids(platform)["unit"]
    d = console.view.detail
    assert d is not None and d.dispatch is not None
    assert d.dispatch.unit_id == unit["st-chengguan"]
    assert d.dispatch.assist_unit_ids == (unit["st-hebin"],)
    assert d.priority == 2  # the dispatch keeps the priority

    # The station opens it: the strip names both units and counts down to the deadline.
    view = station.view
    _activate(qtbot, station)
    view.load(pid)
    strip = view.loop
    qtbot.waitUntil(strip.actions_["sign"].isEnabled, timeout=5000)
    assert strip.isVisible() and strip.buttons["sign"].isVisible()
    text = strip.dispatch_label.text()
    assert "城关派出所" in text and "河滨派出所" in text and "✓" not in text
    first = strip.countdown.text()
    assert first and ":" in first  # e.g. 29:58 left to sign
    qtbot.waitUntil(lambda: strip.countdown.text() != first, timeout=3000)  # it ticks

    # The first key press after opening signs for it: no dialog, nothing else to do.
    QTest.keyClick(view, Qt.Key.Key_S)
    qtbot.waitUntil(
        lambda: (
            view.detail is not None
            and view.detail.dispatch is not None
            and view.detail.dispatch.signed_at is not None
        ),
        timeout=5000,
    )
    assert view.active_dialog is None and strip.dialog is None
    assert view.detail is not None and view.detail.dispatch is not None
    assert view.detail.dispatch.signed_by is not None
    assert view.detail.dispatch.signed_by.id == station.me.id
    qtbot.waitUntil(lambda: not strip.buttons["sign"].isVisible())
    assert strip.countdown.text() == ""
    assert station.me.name in strip.dispatch_label.text()
    actions = [
        view.timeline.timeline_model.entry(r).action
        for r in range(view.timeline.timeline_model.rowCount())
    ]
    assert "signed" in actions


def test_the_dispatching_unit_cannot_sign_for_it(
    qtbot: Any, platform: RunningPlatform, console: CaseConsole
) -> None:
    pid = citizen_post(platform, "路边有废弃车辆", board="12345")
    _dispatch_from_dialog(qtbot, platform, console, pid)
    strip = console.view.loop
    qtbot.waitUntil(lambda: "城关派出所" in strip.dispatch_label.text())
    assert not strip.actions_["sign"].isEnabled() and not strip.buttons["sign"].isVisible()
    QTest.keyClick(console.view, Qt.Key.Key_S)  # nothing happens
    assert console.view.controller.pending_action() is None


def test_closing_takes_a_closure_code(
    qtbot: Any, platform: RunningPlatform, console: CaseConsole
) -> None:
    pid = citizen_post(platform, "咨询居住证办理材料", board="advice")
    view = console.view
    view.load(pid)
    qtbot.waitUntil(view.close_action.isEnabled)
    view.start_close()
    dlg = view.active_dialog
    assert isinstance(dlg, CloseDialog)
    assert dlg.closure_code() == "resolved"  # the usual one is preselected
    dlg.code.setCurrentIndex(dlg.code.findData("answered"))
    dlg.resolution.setPlainText("已电话告知所需材料：身份证、租房合同、社保证明。")
    dlg.ok_button.click()
    qtbot.waitUntil(lambda: view.detail is not None and view.detail.status == "resolved")
    got = platform.officer("010001").get(f"/posts/{pid}").json()
    assert got["closure_code"] == "answered"


# ---------------------------------------------------------------- return, extension, urge …
@pytest.fixture
def station_leader(qtbot: Any, platform: RunningPlatform, tmp_path: Path) -> Iterator[CaseConsole]:
    """The case pane of 城关派出所's leader."""
    badge = badge_of(platform, "st-chengguan", "leader")
    c = make_case_console(qtbot, platform, tmp_path / "lead", badge)
    yield c
    c.close()


def _dispatched(platform: RunningPlatform, title: str) -> int:
    pid = citizen_post(platform, title, board="12345")
    body = {"unit_id": ids(platform)["unit"]["st-chengguan"], "reason": "属地管辖，请签收办理"}
    assert platform.officer("010001").act(pid, "transfer", body).status_code == 200
    return pid


def _actions(c: CaseConsole) -> list[str]:
    model = c.view.timeline.timeline_model
    return [model.entry(r).action for r in range(model.rowCount())]


def test_return_with_a_reason_code_from_the_keyboard(
    qtbot: Any, platform: RunningPlatform, station: CaseConsole
) -> None:
    pid = _dispatched(platform, "不属于本辖区的噪音投诉")
    view = station.view
    _activate(qtbot, station)
    view.load(pid)
    qtbot.waitUntil(view.loop.actions_["return"].isEnabled, timeout=5000)
    QTest.keyClick(view, Qt.Key.Key_B)
    dlg = view.loop.dialog
    assert isinstance(dlg, ReturnDialog)
    assert not dlg.ok_button.isEnabled()  # a reason is required
    dlg.code.setCurrentIndex(dlg.code.findData("not_our_jurisdiction"))
    type_text(dlg.reason, "地址在河滨派出所辖区")
    QTest.keyClick(dlg.reason, Qt.Key.Key_Return)  # Enter sends
    cmd = ids(platform)["unit"]["cmd"]
    qtbot.waitUntil(lambda: view.detail is not None and view.detail.unit_id == cmd, timeout=5000)
    qtbot.waitUntil(lambda: view.loop.dialog is None, timeout=5000)
    assert "returned" in _actions(station)
    assert view.detail is not None and view.detail.status == "new"


@pytest.mark.expected_log(REFUSED + r"POST .*/extension: 409")
@pytest.mark.expected_log(OUTBOX_REFUSED)
def test_a_refused_extension_comes_back_with_the_platforms_sentence_and_the_input(
    qtbot: Any, platform: RunningPlatform, station: CaseConsole
) -> None:
    pid = _dispatched(platform, "楼道堆放杂物需要多部门处理")
    later = format_time(datetime.now(UTC) + timedelta(days=10))
    first = {"until": later, "reason": "等待消防部门现场勘验"}
    assert (
        platform.officer(badge_of(platform, "st-chengguan"))
        .act(pid, "extension", first)
        .status_code
        == 200
    )
    view = station.view
    _activate(qtbot, station)
    view.load(pid)
    qtbot.waitUntil(view.loop.actions_["extension"].isEnabled, timeout=5000)
    QTest.keyClick(view, Qt.Key.Key_E)
    dlg = view.loop.dialog
    assert isinstance(dlg, ExtensionDialog)
    type_text(dlg.reason, "还需协调物业清理")
    QTest.keyClick(dlg.reason, Qt.Key.Key_Return)
    # One request already waits: the platform says so, the dialog is back with the text.
    qtbot.waitUntil(lambda: dlg.isVisible() and "延期申请" in dlg.problem.text(), timeout=5000)
    assert dlg.reason.text() == "还需协调物业清理"
    assert view.loop.dialog is dlg
    QTest.keyClick(dlg.reason, Qt.Key.Key_Escape)  # Esc gives up
    qtbot.waitUntil(lambda: view.loop.dialog is None)


def test_a_leader_urges_and_supervises_and_esc_sends_nothing(
    qtbot: Any, platform: RunningPlatform, station_leader: CaseConsole
) -> None:
    pid = _dispatched(platform, "群众多次反映的违章搭建")
    view = station_leader.view
    _activate(qtbot, station_leader)
    view.load(pid)
    qtbot.waitUntil(view.loop.actions_["urge"].isEnabled, timeout=5000)

    QTest.keyClick(view, Qt.Key.Key_U)
    dlg = view.loop.dialog
    assert isinstance(dlg, UrgeDialog)
    type_text(dlg.message, "请今天下班前反馈进展")
    QTest.keyClick(dlg.message, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: view.loop.dialog is None)
    assert "urged" not in _actions(station_leader)

    QTest.keyClick(view, Qt.Key.Key_U)
    dlg = view.loop.dialog
    assert isinstance(dlg, UrgeDialog) and dlg.message.text() == ""
    type_text(dlg.message, "请今天下班前反馈进展")
    QTest.keyClick(dlg.message, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "urged" in _actions(station_leader), timeout=5000)

    qtbot.waitUntil(view.loop.actions_["supervise"].isEnabled, timeout=5000)
    _activate(qtbot, station_leader)  # the window the dialog came from, active again
    QTest.keyClick(view, Qt.Key.Key_D)
    sup = view.loop.dialog
    assert isinstance(sup, SuperviseDialog)
    type_text(sup.instruction, "实地核查并书面报告")
    QTest.keyClick(sup.instruction, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "supervised" in _actions(station_leader), timeout=5000)
    orders = station_leader.client.supervision()
    assert [o.instruction for o in orders if o.post_id == pid] == ["实地核查并书面报告"]


def test_officers_see_no_urge_or_supervise(
    qtbot: Any, platform: RunningPlatform, station: CaseConsole
) -> None:
    pid = _dispatched(platform, "占道经营")
    station.view.load(pid)
    qtbot.waitUntil(station.view.loop.actions_["sign"].isEnabled, timeout=5000)
    assert not station.view.loop.buttons["urge"].isVisible()
    assert not station.view.loop.actions_["supervise"].isEnabled()


def test_an_assisting_unit_signs_its_part(
    qtbot: Any, platform: RunningPlatform, tmp_path: Path
) -> None:
    unit = ids(platform)["unit"]
    pid = citizen_post(platform, "跨辖区的噪音扰民", board="12345")
    body = {
        "unit_id": unit["st-chengguan"],
        "reason": "城关主办，河滨协办",
        "assist_unit_ids": [unit["st-hebin"]],
    }
    assert platform.officer("010001").act(pid, "transfer", body).status_code == 200
    hebin = make_case_console(qtbot, platform, tmp_path / "hb", badge_of(platform, "st-hebin"))
    try:
        view = hebin.view
        _activate(qtbot, hebin)
        view.load(pid)
        qtbot.waitUntil(view.loop.actions_["sign"].isEnabled, timeout=5000)
        assert not view.loop.buttons["return"].isEnabled()  # only the lead unit returns it
        QTest.keyClick(view, Qt.Key.Key_S)
        qtbot.waitUntil(lambda: "河滨派出所 ✓" in view.loop.dispatch_label.text(), timeout=5000)
        d = view.detail
        assert d is not None and d.dispatch is not None
        assert d.dispatch.assist_signed_unit_ids == (unit["st-hebin"],)
        assert d.dispatch.signed_at is None  # the lead unit's own signature still waits
        assert not view.loop.buttons["sign"].isVisible()
    finally:
        hebin.close()
