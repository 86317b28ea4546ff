"""Private messages (私信) from the case pane to the real platform: only the author reads
them; on a silent report the conversation sits beside the report with the call-taker's
questions; a no-receipt report says so beside the composer; the author's answer marks
the case unread until the officer has it in view."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from console.api.models import PostDetail
from console.views.case.private_messages import PrivateMessages
from tests.helpers.console import CaseConsole, post_json, type_text
from tests.helpers.platform import Api, RunningPlatform, citizen_post, new_key

pytestmark = pytest.mark.integration


def _open(qtbot, console: CaseConsole, post_id: int) -> None:
    view = console.view
    view.show()
    view.activateWindow()
    qtbot.waitActive(view)
    view.load(post_id)
    qtbot.waitUntil(lambda: view.detail is not None and view.detail.id == post_id)


def _tab(view) -> str:
    """The private-messages tab's title (found by its widget, not its place)."""
    return view.tabs.tabText(view.tabs.indexOf(view.private))


def _author() -> tuple[str, str]:
    return "夜归人", "13912345678"


def test_a_private_message_reaches_the_author_and_never_the_public_page(
    qtbot, platform: RunningPlatform, console: CaseConsole
) -> None:
    name, phone = _author()
    author = platform.citizen(name, phone)
    post_id = citizen_post(author, "楼下有人砸车窗", board="110")
    view = console.view
    _open(qtbot, console, post_id)
    view.tabs.setCurrentWidget(view.private)
    assert "0" in _tab(view)
    assert not view.private.questions.isVisible()  # an ordinary post: no call-taker row
    view.private.edit.setFocus()
    view.private.edit.setPlainText("您好，请问车牌号看清了吗？")
    QTest.keyClick(view.private.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert view.private.text() == ""  # handed to the outbox
    assert view.editor.text() == ""  # the public editor never saw it
    qtbot.waitUntil(
        lambda: view.detail is not None and len(view.detail.messages) == 1, timeout=5000
    )
    (card,) = view.private.cards()
    assert card.body.text() == "您好，请问车牌号看清了吗？"
    assert card.body.textFormat() == Qt.TextFormat.PlainText
    assert "未读" in card.state.text() or "Not read" in card.state.text()

    mine = author.get(f"/public/posts/{post_id}/messages")
    assert [m["body"] for m in mine.json()] == ["您好，请问车牌号看清了吗？"]
    stranger = platform.citizen("路人", "13700000000")
    assert stranger.get(f"/public/posts/{post_id}/messages").status_code == 404
    assert "车牌号" not in stranger.get(f"/public/posts/{post_id}").text
    assert view.detail is not None and view.detail.replies == ()


def test_a_silent_report_puts_the_conversation_beside_it_with_call_taker_questions(
    qtbot, platform: RunningPlatform, console: CaseConsole
) -> None:
    reporter = platform.citizen("匿名", None)
    r = reporter.post(
        "/public/silent-reports",
        {
            "body": "有人撬我家门，我躲在卧室",
            "location": {"lat": 31.2, "lon": 121.5, "accuracy_m": 15},
            "suppress_receipt": True,
        },
        headers={"Idempotency-Key": new_key()},
    )
    post_id = int(r.json()["id"])
    view = console.view
    _open(qtbot, console, post_id)
    assert view.tabs.currentWidget() is view.private  # beside the report, at once
    assert view.private.questions.isVisible()
    assert view.private.receipt_note.isVisible()
    assert (
        "推送" in view.private.receipt_note.text() or "pushed" in view.private.receipt_note.text()
    )

    safe = view.private.question_buttons[0]
    qtbot.mouseClick(safe, Qt.MouseButton.LeftButton)  # one click: the question, editable
    question = view.private.text()
    assert question == view.private.question_buttons[0].toolTip()
    type_text(view.private.edit, "（回复1表示安全）")
    view.private.send_button.click()
    qtbot.waitUntil(
        lambda: view.detail is not None and len(view.detail.messages) == 1, timeout=5000
    )
    assert view.detail is not None
    assert view.detail.messages[0].body == question + "（回复1表示安全）"
    assert view.detail.acknowledged_at is not None  # a named officer is talking to them

    answered = reporter.post(
        f"/public/posts/{post_id}/messages",
        {"body": "安全，在衣柜里，两个人"},
        headers={"Idempotency-Key": new_key()},
    )
    assert answered.status_code == 201
    view.refresh()  # (the stream would do this on a running console)
    qtbot.waitUntil(
        lambda: view.detail is not None and len(view.detail.messages) == 2, timeout=5000
    )
    assert [c.body.text() for c in view.private.cards()][-1] == "安全，在衣柜里，两个人"


def test_the_answer_marks_the_case_unread_until_the_conversation_is_in_view(
    qtbot, platform: RunningPlatform, console: CaseConsole
) -> None:
    author = platform.citizen("王女士", "13611112222")
    post_id = citizen_post(author, "电动车被偷了", board="110")
    zhang = platform.officer("010001")
    r = zhang.post(
        f"/posts/{post_id}/messages",
        {"body": "请问车是什么颜色？"},
        headers={"Idempotency-Key": new_key()},
    )
    assert r.status_code == 201, r.text
    assert _answer(author, post_id, "白色的雅迪").status_code == 201
    view = console.view
    view.show()
    view.tabs.setCurrentWidget(view.conversation)  # the answer is not in view yet
    view.load(post_id)
    qtbot.waitUntil(lambda: view.detail is not None and view.detail.id == post_id)
    assert view.detail is not None and view.detail.unread_messages == 1
    assert "1" in _tab(view) and ("未读" in _tab(view) or "unread" in _tab(view))
    row = console.store.get(post_id)
    assert row is not None and row.unread_messages == 1

    view.tabs.setCurrentWidget(view.private)  # the officer looks: read
    qtbot.waitUntil(
        lambda: view.detail is not None and view.detail.unread_messages == 0, timeout=5000
    )
    qtbot.waitUntil(lambda: (console.store.get(post_id) or row).unread_messages == 0, timeout=5000)
    assert "未读" not in _tab(view) and "unread" not in _tab(view)
    assert zhang.get(f"/posts/{post_id}").json()["unread_messages"] == 0


def test_a_post_recorded_from_the_hotline_cannot_be_messaged(
    qtbot, platform: RunningPlatform, console: CaseConsole
) -> None:
    r = platform.officer("010001").post(
        "/posts",
        {
            "channel": "hotline",
            "board": "public-order",
            "title": "夜间施工噪音",
            "body": "来电反映工地夜间施工。",
            "citizen": {"name": "王建国", "phone": "13600001111"},
        },
        headers={"Idempotency-Key": new_key()},
    )
    post_id = int(r.json()["id"])
    view = console.view
    _open(qtbot, console, post_id)
    view.tabs.setCurrentWidget(view.private)
    assert view.private.unreachable_note.isVisible()
    assert not view.private.send_button.isEnabled()
    assert view.private.edit.isReadOnly()


def _answer(author: Api, post_id: int, body: str):
    return author.post(
        f"/public/posts/{post_id}/messages",
        {"body": body},
        headers={"Idempotency-Key": new_key()},
    )


def test_a_hidden_conversation_does_not_leave_its_words_on_the_next_case(qtbot) -> None:
    panel = PrivateMessages()
    qtbot.addWidget(panel)
    hidden = PostDetail.from_json({**post_json(1), "body": "甲", "messages_visible": False})
    shown = PostDetail.from_json({**post_json(2), "body": "乙", "messages_visible": True})
    panel.set_content(hidden, [])
    assert "not visible" in panel.empty.text()
    panel.set_content(shown, [])
    assert "not visible" not in panel.empty.text() and not panel.empty.isHidden()
