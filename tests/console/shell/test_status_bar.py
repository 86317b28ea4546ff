"""The status bar: the live link, the outbox and who is signed in, as officers say them."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from console.views.shell.status_bar import ConsoleStatusBar

pytestmark = [pytest.mark.unit, pytest.mark.usefixtures("chinese")]


def test_status_bar_states_read_as_officers_say_them(qtbot: Any) -> None:
    bar = ConsoleStatusBar()
    qtbot.addWidget(bar)
    bar.set_connection("live")
    assert bar.connection_label.text() == "● 实时"
    bar.set_connection("reconnecting", 3)
    assert bar.connection_label.text() == "重连中（第 3 次）"
    since = datetime(2026, 11, 22, 6, 5, tzinfo=UTC)
    bar.set_connection("offline", 7, since)
    assert bar.connection_label.text() == "离线（自 14:05）"  # Beijing time, as the wall clock
    assert bar.connection_label.objectName() == "ConnectionOffline"  # the red style
    bar.set_outbox_pending(2)
    assert bar.outbox_label.text() == "2 条未发送"
    bar.set_outbox_pending(0)
    assert bar.outbox_label.text() == "发件箱已清空"
