"""A silent report whose reporter asked for no receipt: the editor starts as an internal
note, and a public reply goes out only after a confirmation that names the danger."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from console.views.case.controller import NOTE, PUBLIC
from tests.helpers.console import CaseConsole, type_text
from tests.helpers.platform import RunningPlatform, silent_report

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("chinese")]


def open_report(qtbot: Any, console: CaseConsole, platform: RunningPlatform) -> int:
    sid = silent_report(platform, "他就在旁边，别回我消息", suppress_receipt=True)
    console.view.load(sid)
    qtbot.waitUntil(lambda: console.view.detail is not None and console.view.detail.id == sid)
    qtbot.waitUntil(console.view.editor.isEnabled)
    return sid


def items(console: CaseConsole, sid: int) -> list[str]:
    return [i.kind for i in console.outbox.items(sid)]


def test_editor_starts_as_internal_note(
    qtbot: Any, platform: RunningPlatform, console: CaseConsole
) -> None:
    open_report(qtbot, console, platform)
    assert console.view.editor.mode() == NOTE
    assert console.view.editor.strip.text() == "群众不可见"


def test_public_reply_with_ctrl_enter_asks_first_and_keeps_the_text(
    qtbot: Any, platform: RunningPlatform, console: CaseConsole
) -> None:
    sid = open_report(qtbot, console, platform)
    editor = console.view.editor
    editor.set_mode(PUBLIC)
    editor.edit.setFocus()
    type_text(editor.edit, "已收到，民警马上到")
    qtbot.keyClick(editor.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    box = console.view.receipt_warning
    assert box is not None and box.isVisible()
    assert "不要回执" in box.text() or "不回执" in box.text()
    assert "危险" in box.text()
    assert box.defaultButton() is box.keep_button
    assert items(console, sid) == []  # nothing left for the platform yet
    qtbot.mouseClick(box.keep_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: console.view.receipt_warning is None)
    assert items(console, sid) == [] and editor.text() == "已收到，民警马上到"
    # asked again and confirmed: now it goes
    qtbot.keyClick(editor.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    box = console.view.receipt_warning
    assert box is not None
    qtbot.mouseClick(box.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: items(console, sid) == ["reply"])
    assert editor.text() == ""


def test_internal_note_needs_no_question(
    qtbot: Any, platform: RunningPlatform, console: CaseConsole
) -> None:
    sid = open_report(qtbot, console, platform)
    editor = console.view.editor
    editor.edit.setFocus()
    type_text(editor.edit, "报警人不便接收回执，已电话联系辖区派出所")
    qtbot.keyClick(editor.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert console.view.receipt_warning is None
    qtbot.waitUntil(lambda: items(console, sid) == ["note"])
