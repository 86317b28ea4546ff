"""Ctrl+N on a running console: the other-channel form, and the recorded post opens as a
case and stands in the queue with its channel."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from console.views.queue.model import KIND, POST_ID_ROLE
from tests.console.alerts.test_alarm_e2e import Consoles
from tests.helpers.platform import RunningPlatform

pytestmark = pytest.mark.e2e


@pytest.fixture
def duty(qtbot: QtBot, tmp_path: Path) -> Iterator[Consoles]:
    made = Consoles(qtbot, tmp_path)
    yield made
    made.close_all()


def test_ctrl_n_records_a_letter_that_opens_as_a_case_with_its_channel(
    qtbot: QtBot, fresh_platform: RunningPlatform, duty: Consoles
) -> None:
    console = duty.open(fresh_platform, "010001")
    session = console.session
    session.window.show()
    session.window.record_action.trigger()
    form = session.intake
    assert form is not None and form.isVisible()
    form.activateWindow()
    qtbot.waitActive(form)
    form.channel.setCurrentIndex(form.channel.findData("letter"))
    form.name.setText("陈阿姨")
    form.board.setCurrentIndex(form.board.findData("public-order"))
    form.title_edit.setText("来信反映菜市场占道经营")
    form.body.setPlainText("菜市场门口每天早上占道，救护车进不来。")
    form.title_edit.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.title_edit)
    QTest.keyClick(form.title_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: session.intake is None or not form.error.isHidden(), timeout=5000)
    assert session.intake is None, form.error.text()
    qtbot.waitUntil(lambda: session.case_view.detail is not None, timeout=5000)
    detail = session.case_view.detail
    assert detail is not None and detail.channel == "letter"
    assert session.intake is None
    model = session.model

    def kind_text() -> str:
        for row in range(model.rowCount()):
            if model.data(model.index(row, 0), POST_ID_ROLE) == detail.id:
                return str(model.data(model.index(row, KIND)))
        return ""

    qtbot.waitUntil(lambda: kind_text() in ("Letter", "来信"), timeout=5000)
