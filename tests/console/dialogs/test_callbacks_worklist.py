"""The callback (回访) worklist against the real platform: due callbacks of the officer's
units with the phone, outcomes by key, dissatisfied needs a note and reopens the post
under supervision, the third unreachable attempt takes the callback off the list."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from console.api.client import PlatformClient
from console.views.dialogs.callbacks import CallbackWorklist
from tests.helpers.console import DEMO_PASSWORD
from tests.helpers.fakes import SyncTaskRunner
from tests.helpers.platform import RunningPlatform, citizen_post

pytestmark = pytest.mark.integration

INSPECT = "020018"  # an officer of 督察支队, who handles complaints (all called back)


@pytest.fixture
def worklist(qtbot: Any, platform: RunningPlatform) -> Iterator[CallbackWorklist]:
    client = PlatformClient(platform.url)
    client.login(INSPECT, DEMO_PASSWORD, "ws-callbacks")
    dlg = CallbackWorklist(client, SyncTaskRunner())
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.activateWindow()
    qtbot.waitActive(dlg)
    yield dlg


def _resolved_complaint(platform: RunningPlatform, title: str) -> int:
    pid = citizen_post(platform, title, board="complaint", nickname="投诉人", phone="13800138000")
    r = platform.officer(INSPECT).act(pid, "close", {"resolution": "已核实并答复"})
    assert r.status_code == 200, r.text
    return pid


def _select(qtbot: Any, dlg: CallbackWorklist, post_id: int) -> None:
    dlg.reload()
    ids = [cb.post_id for cb in dlg.rows()]
    assert post_id in ids
    dlg.table.selectRow(ids.index(post_id))
    dlg.table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dlg.table)


def test_three_unreachable_attempts_by_key_end_the_callback(
    qtbot: Any, platform: RunningPlatform, worklist: CallbackWorklist
) -> None:
    pid = _resolved_complaint(platform, "接警后迟迟不出警")
    _select(qtbot, worklist, pid)
    row = worklist.selected()
    assert row is not None and row.post_id == pid
    shown_phone = worklist.table.item(worklist.table.currentRow(), 3).text()
    api_phone = platform.officer(INSPECT).get("/callbacks").json()
    assert (
        shown_phone == next(c for c in api_phone if c["post_id"] == pid)["post"]["author"]["phone"]
    )
    for n in (1, 2):
        QTest.keyClick(worklist.table, Qt.Key.Key_4)
        assert f"#{pid}" in worklist.status.text() and str(n) in worklist.status.text()
        _select(qtbot, worklist, pid)
    QTest.keyClick(worklist.table, Qt.Key.Key_4)
    assert pid not in [cb.post_id for cb in worklist.rows()]  # ended: off the due list
    ended = platform.officer(INSPECT).get("/callbacks", params={"status": "unreachable"}).json()
    assert pid in [c["post_id"] for c in ended]


def test_dissatisfied_needs_a_note_and_reopens_the_case_under_supervision(
    qtbot: Any, platform: RunningPlatform, worklist: CallbackWorklist
) -> None:
    pid = _resolved_complaint(platform, "民警态度生硬")
    _select(qtbot, worklist, pid)
    QTest.keyClick(worklist.table, Qt.Key.Key_3)
    assert worklist.note.hasFocus() or QApplication.focusWidget() is worklist.note
    assert platform.officer(INSPECT).get(f"/posts/{pid}").json()["status"] == "resolved"
    worklist.note.setText("认为没有调查清楚")
    _select(qtbot, worklist, pid)
    QTest.keyClick(worklist.table, Qt.Key.Key_3)
    post = platform.officer(INSPECT).get(f"/posts/{pid}").json()
    assert post["status"] == "in_progress" and post["supervised_at"] is not None
    assert pid not in [cb.post_id for cb in worklist.rows()]


def test_enter_opens_the_case(
    qtbot: Any, platform: RunningPlatform, worklist: CallbackWorklist
) -> None:
    pid = _resolved_complaint(platform, "窗口排队太久")
    _select(qtbot, worklist, pid)
    with qtbot.waitSignal(worklist.open_case) as got:
        QTest.keyClick(worklist.table, Qt.Key.Key_Return)
    assert got.args == [pid]
