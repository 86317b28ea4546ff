"""The reply editor on its own: public vs note, templates, @mentions, the counter, the keys."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtTest import QTest

from console.api.models import Officer, Template, Unit
from console.views.case.reply_editor import NOTE, PUBLIC, ReplyEditor
from tests.helpers.console import type_text

pytestmark = pytest.mark.unit

TEMPLATES = [
    Template(id=1, title="已受理", body="您好，已收到并受理。", board_code=None, shortcut="/sl"),
    Template(id=2, title="户口迁移", body="请携带户口簿。", board_code="hukou", shortcut="/hk"),
]


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
