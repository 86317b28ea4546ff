"""A public reply with personal data in the officer's own text asks before it goes out
(real platform): Cancel keeps the text and sends nothing, "Send anyway" sends it; an
internal note and a clean reply go straight through."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from console.views.case.reply_editor import NOTE, PUBLIC
from tests.helpers.console import CaseConsole
from tests.helpers.platform import RunningPlatform, citizen_post

pytestmark = pytest.mark.integration

RISKY = "已联系车主，电话13912345678，住滨河路123号。"


def test_personal_data_asks_first_and_cancel_keeps_the_text(
    qtbot, platform: RunningPlatform, console: CaseConsole
) -> None:
    citizen = platform.citizen()
    post_id = citizen_post(citizen, "车被刮了找不到车主", board="public-order")
    view = console.view
    view.show()
    view.load(post_id)
    qtbot.waitUntil(view.editor.isEnabled)
    view.editor.focus_editor(PUBLIC)
    view.editor.edit.setPlainText(RISKY)
    view.editor.request_send()
    box = view.reply_gate.box
    assert box is not None and box.isVisible()
    assert "13912345678" in box.text() and "滨河路123号" in box.text()
    assert console.outbox.items(post_id) == []  # nothing sent while it asks
    box.button(QMessageBox.StandardButton.Cancel).click()
    qtbot.waitUntil(lambda: view.reply_gate.box is None)
    assert view.editor.text() == RISKY
    assert citizen.get(f"/public/posts/{post_id}").json()["replies"] == []

    view.editor.request_send()
    box = view.reply_gate.box
    assert box is not None
    view.reply_gate.send_anyway.click()
    qtbot.waitUntil(lambda: view.detail is not None and len(view.detail.replies) == 1, timeout=5000)
    replies = citizen.get(f"/public/posts/{post_id}").json()["replies"]
    assert [r["body"] for r in replies] == [RISKY]


def test_notes_and_clean_replies_go_straight_through(
    qtbot, platform: RunningPlatform, console: CaseConsole
) -> None:
    post_id = citizen_post(platform, "小区门口乱停车", board="public-order")
    view = console.view
    view.show()
    view.load(post_id)
    qtbot.waitUntil(view.editor.isEnabled)
    view.editor.focus_editor(NOTE)
    view.editor.edit.setPlainText(RISKY)  # internal: officers only, no question
    view.editor.request_send()
    assert view.reply_gate.box is None
    qtbot.waitUntil(lambda: view.detail is not None and len(view.detail.notes) == 1, timeout=5000)
    view.editor.focus_editor(PUBLIC)
    view.editor.edit.setPlainText("已通知交警到场处理，如遇紧急情况请拨打110。")
    view.editor.request_send()
    assert view.reply_gate.box is None
    qtbot.waitUntil(lambda: view.detail is not None and len(view.detail.replies) == 1, timeout=5000)
