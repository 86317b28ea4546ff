"""The reply editor: public vs note, templates, @mentions, the counter, sending for real."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtTest import QTest

from console.api.models import Officer, Template, Unit
from console.views.case.reply_editor import NOTE, PUBLIC, ReplyEditor
from console.views.case.timeline import MessageCard
from tests.console.case_support import Console, citizen_by_post, make_console, new_post
from tests.helpers.platform import RunningPlatform

TEMPLATES = [
    Template(id=1, title="已受理", body="您好，已收到并受理。", board_code=None, shortcut="/sl"),
    Template(id=2, title="户口迁移", body="请携带户口簿。", board_code="hukou", shortcut="/hk"),
]


def type_text(widget, text: str) -> None:
    """Type any text, Chinese included, one key event per character (keyClicks aborts)."""
    for ch in text:
        QTest.sendKeyEvent(
            QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier
        )


@pytest.fixture
def editor(qtbot) -> ReplyEditor:
    ed = ReplyEditor()
    qtbot.addWidget(ed)
    ed.set_templates(TEMPLATES)
    ed.set_case("110", False)
    ed.set_max_chars(20)
    ed.set_mention_targets(
        [Unit(id=19, code="gov-heat", name="市热力公司", kind="municipal")],
        [Officer(id=2, badge="010002", name="李静", unit_id=2, role="officer")],
    )
    ed.resize(800, 260)
    ed.show()
    qtbot.waitExposed(ed)
    return ed


def test_modes_look_and_read_differently(qtbot, editor: ReplyEditor) -> None:
    assert editor.mode() == PUBLIC
    public_strip, public_send = editor.strip.text(), editor.send_button.text()
    public_style = editor.edit.styleSheet()
    editor.edit.setFocus()
    QTest.keyClick(editor.edit, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert editor.mode() == NOTE
    assert editor.strip.text() != public_strip
    assert editor.send_button.text() != public_send
    assert editor.edit.styleSheet() != public_style
    assert "#fff6dc" in editor.edit.styleSheet()  # amber paper for notes
    assert editor.note_button.isChecked() and not editor.public_button.isChecked()
    QTest.keyClick(editor.edit, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert editor.mode() == PUBLIC and editor.send_button.text() == public_send


def test_template_shortcut_expands_on_tab_and_only_for_this_board(
    qtbot, editor: ReplyEditor
) -> None:
    editor.edit.setFocus()
    QTest.keyClicks(editor.edit, "/sl")
    QTest.keyClick(editor.edit, Qt.Key.Key_Tab)
    assert editor.text() == "您好，已收到并受理。"
    assert editor.edit.hasFocus()  # Tab expanded instead of moving focus
    # /hk belongs to the hukou board; on a 110 post Tab just moves on
    editor.edit.clear()
    QTest.keyClicks(editor.edit, "/hk")
    QTest.keyClick(editor.edit, Qt.Key.Key_Tab)
    assert editor.text() == "/hk"
    editor.set_case("hukou", False)
    editor.edit.setFocus()
    editor.edit.moveCursor(QTextCursor.MoveOperation.End)
    QTest.keyClick(editor.edit, Qt.Key.Key_Tab)
    assert editor.text() == "请携带户口簿。"


def test_template_picker_inserts_by_name(qtbot, editor: ReplyEditor) -> None:
    names = [editor.templates.itemText(i) for i in range(editor.templates.count())]
    assert any("已受理" in n and "/sl" in n for n in names)
    assert not any("户口迁移" in n for n in names)
    editor.templates.activated.emit(1)
    assert editor.text() == "您好，已收到并受理。"
    assert editor.templates.currentIndex() == 0


# The offscreen platform cannot raise the completion popup or let it grab the keyboard.
@pytest.mark.qt_log_ignore(
    "^This plugin does not support (raise|grabbing the keyboard)", extend=True
)
def test_mention_completion_of_units_and_officers(qtbot, editor: ReplyEditor) -> None:
    editor.edit.setFocus()
    type_text(editor.edit, "请@热")
    popup = editor.edit.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    assert popup.currentIndex().data() == "市热力公司"
    QTest.keyClick(popup, Qt.Key.Key_Return)
    assert editor.text() == "请@市热力公司 "
    type_text(editor.edit, "和@李")
    qtbot.waitUntil(popup.isVisible)
    QTest.keyClick(popup, Qt.Key.Key_Tab)
    assert editor.text() == "请@市热力公司 和@李静 "
    assert not popup.isVisible()


def test_counter_turns_red_over_the_limit_and_blocks_sending(qtbot, editor: ReplyEditor) -> None:
    editor.edit.setPlainText("一" * 20)
    assert editor.counter.text() == "20 / 20"
    assert editor.send_button.isEnabled() and not editor.counter.property("over")
    editor.edit.setPlainText("一" * 21)
    assert editor.counter.text() == "21 / 20" and editor.counter.property("over")
    assert "#c62828" in editor.counter.styleSheet()
    assert not editor.send_button.isEnabled()
    with qtbot.assertNotEmitted(editor.send_requested):
        QTest.keyClick(editor.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def test_ctrl_enter_sends_and_plain_enter_does_not(qtbot, editor: ReplyEditor) -> None:
    editor.set_text("您好")
    editor.edit.setFocus()
    with qtbot.assertNotEmitted(editor.send_requested):
        QTest.keyClick(editor.edit, Qt.Key.Key_Return)
    assert editor.text() == "您好\n"
    with qtbot.waitSignal(editor.send_requested) as sig:
        QTest.keyClick(editor.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert sig.args == [PUBLIC, "您好"]
    ev = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Enter, Qt.KeyboardModifier.ControlModifier)
    with qtbot.waitSignal(editor.send_requested):
        editor.edit.keyPressEvent(ev)


# ------------------------------------------------------------------ against the platform
@pytest.fixture
def console(qtbot, platform: RunningPlatform, tmp_path: Path) -> Iterator[Console]:
    c = make_console(qtbot, platform, tmp_path / "c1")
    yield c
    c.close()


def _card_states(view) -> list[str]:
    return [c.state.text() for c in view.conversation.cards()]


def test_public_reply_reaches_the_citizen_and_a_note_does_not(
    qtbot, platform: RunningPlatform, console: Console
) -> None:
    post_id = new_post(platform, title="楼下烧烤店油烟大", board="public-order")
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

    citizen = citizen_by_post[post_id]
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


def test_failed_reply_shows_reason_and_retry_then_delivers(
    qtbot, platform: RunningPlatform, console: Console
) -> None:
    post_id = new_post(platform, title="广场舞音响太吵", board="public-order")
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
