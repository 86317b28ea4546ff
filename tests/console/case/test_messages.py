"""Replies and internal notes sent from the case pane through the outbox to the real
platform: what the citizen sees, and a refused reply retried."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from console.views.case.reply_editor import NOTE, PUBLIC
from console.views.case.timeline import MessageCard
from tests.helpers.console import CaseConsole
from tests.helpers.console_expected_logs import OUTBOX_REFUSED, REFUSED
from tests.helpers.platform import RunningPlatform, citizen_post

pytestmark = pytest.mark.integration


def _card_states(view) -> list[str]:
    return [c.state.text() for c in view.conversation.cards()]


def test_public_reply_reaches_the_citizen_and_a_note_does_not(
    qtbot, platform: RunningPlatform, console: CaseConsole
) -> None:
    citizen = platform.citizen()
    post_id = citizen_post(citizen, "楼下烧烤店油烟大", board="public-order")
    view = console.view
    view.show()
    view.activateWindow()
    qtbot.waitActive(view)
    view.load(post_id)
    qtbot.waitUntil(view.editor.isEnabled)

    view.editor.focus_editor(PUBLIC)
    view.editor.edit.setPlainText("您好，已通知属地民警前往处置。")
    QTest.keyClick(view.editor.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert view.editor.text() == ""  # handed to the outbox
    qtbot.waitUntil(
        lambda: any("Sent" in s or "已发送" in s for s in _card_states(view)), timeout=5000
    )

    public = citizen.get(f"/public/posts/{post_id}").json()
    assert [r["body"] for r in public["replies"]] == ["您好，已通知属地民警前往处置。"]

    QTest.keyClick(view, Qt.Key.Key_N)  # keyboard: N opens the editor in note mode
    assert view.editor.mode() == NOTE
    view.editor.edit.setPlainText("已电话联系店主，明早复查。")
    view.editor.send_button.click()
    qtbot.waitUntil(lambda: view.detail is not None and len(view.detail.notes) == 1, timeout=5000)
    note_cards = [c for c in view.conversation.cards() if c.objectName() == "NoteCard"]
    assert len(note_cards) == 1
    assert note_cards[0].body.text() == "已电话联系店主，明早复查。"
    assert "不可见" in note_cards[0].tag.text() or "not visible" in note_cards[0].tag.text()

    public = citizen.get(f"/public/posts/{post_id}").json()
    assert "已电话联系店主" not in str(public)
    assert len(public["replies"]) == 1


@pytest.mark.expected_log(REFUSED + r"POST .*/replies: 409")
@pytest.mark.expected_log(OUTBOX_REFUSED)
def test_failed_reply_shows_reason_and_retry_then_delivers(
    qtbot, platform: RunningPlatform, console: CaseConsole
) -> None:
    post_id = citizen_post(platform, "广场舞音响太吵", board="public-order")
    view = console.view
    view.load(post_id)
    qtbot.waitUntil(view.editor.isEnabled)
    # Someone else takes the post first: this officer's reply is refused with who holds it.
    other = platform.officer("010002")
    assert other.act(post_id, "accept").status_code == 200
    view.editor.edit.setPlainText("您好，我们马上处理。")
    view.editor.request_send()
    qtbot.waitUntil(lambda: any(not c.retry.isHidden() for c in view.conversation.cards()))
    card = next(c for c in view.conversation.cards() if not c.retry.isHidden())
    assert isinstance(card, MessageCard)
    assert "李静" in card.state.text()
    # It goes to traffic and the city leader sends it back: unassigned in our unit again.
    assert other.act(post_id, "transfer", {"unit_id": 3, "reason": "交警处理"}).status_code == 200
    leader = platform.officer("010900")
    assert leader.act(post_id, "transfer", {"unit_id": 2, "reason": "退回"}).status_code == 200
    card.retry.click()
    qtbot.waitUntil(lambda: view.detail is not None and len(view.detail.replies) == 1, timeout=5000)
    assert view.detail.replies[0].body == "您好，我们马上处理。"
