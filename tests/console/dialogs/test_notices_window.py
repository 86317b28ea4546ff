"""Notices from the console against the real platform: a template filled in and
published to the station's area, what citizens read (pinned first) and the read count
coming back; a scheduled notice waits; personal data in a notice asks first."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import QMessageBox

from console.api.client import PlatformClient
from console.views.dialogs.notices import NoticesWindow
from tests.helpers.console import DEMO_PASSWORD
from tests.helpers.fakes import SyncTaskRunner
from tests.helpers.platform import RunningPlatform

pytestmark = pytest.mark.integration

STATION_LEADER = "020023"  # 城关派出所's leader


@pytest.fixture
def window(qtbot: Any, platform: RunningPlatform) -> Iterator[NoticesWindow]:
    client = PlatformClient(platform.url)
    client.login(STATION_LEADER, DEMO_PASSWORD, "ws-notices")
    me = client.me()
    scope = set(me.scope_unit_ids) or {me.unit_id}
    units = [u for u in client.units() if u.id in scope]
    w = NoticesWindow(client, SyncTaskRunner(), units)
    qtbot.addWidget(w)
    w.show()
    w.reload()
    yield w


def test_a_template_is_published_and_its_read_count_comes_back(
    qtbot: Any, platform: RunningPlatform, window: NoticesWindow
) -> None:
    assert window.template.count() > 1  # the usual kinds
    window.template.setCurrentIndex(1)
    window.template.activated.emit(1)
    assert window.title_edit.text() and window.body.toPlainText()
    window.title_edit.setText("城关辖区：谨防冒充客服退款诈骗")
    window.pinned.setChecked(True)
    with qtbot.waitSignal(window.published, timeout=5000) as got:
        window.request_publish()
    notice = got.args[0]
    assert notice.unit_id == window.unit.currentData() and notice.pinned
    citizen = platform.citizen()
    public = citizen.get("/public/notices", params={"unit": notice.unit_id}).json()
    assert public[0]["title"] == "城关辖区：谨防冒充客服退款诈骗"  # pinned first
    assert citizen.get(f"/public/notices/{notice.id}").status_code == 200  # read once
    window.reload()
    row = next(n for n in window.rows() if n.id == notice.id)
    assert row.read_count == 1 and row.published


def test_a_scheduled_notice_waits_and_personal_data_asks_first(
    qtbot: Any, platform: RunningPlatform, window: NoticesWindow
) -> None:
    window.category.setCurrentIndex(window.category.findData("contact"))
    window.title_edit.setText("所长接待日")
    window.body.setPlainText("所长接待日有变，咨询请联系王警官13912345678。")
    window.schedule.setChecked(True)
    window.publish_at.setDateTime(QDateTime.currentDateTime().addDays(2))
    window.request_publish()
    box = window.confirm_box
    assert box is not None and "13912345678" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    qtbot.waitUntil(lambda: window.confirm_box is None)
    assert window.body.toPlainText().endswith("13912345678。")  # kept to fix
    window.body.setPlainText("所长接待日改为每周三上午，地点在派出所一楼接待室。")
    with qtbot.waitSignal(window.published, timeout=5000) as got:
        window.request_publish()
    notice = got.args[0]
    assert not notice.published  # not before its time
    public = platform.citizen().get("/public/notices", params={"unit": notice.unit_id}).json()
    assert notice.id not in [n["id"] for n in public]
