"""Case actions through the outbox against a real platform; conflicts between two consoles."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from console.views.dialogs.actions import CloseDialog, ReopenDialog, TransferDialog
from tests.helpers.console import CaseConsole
from tests.helpers.console_expected_logs import OUTBOX_REFUSED, REFUSED
from tests.helpers.platform import RunningPlatform, citizen_post

pytestmark = pytest.mark.integration


def _status(c: CaseConsole) -> str | None:
    return c.view.detail.status if c.view.detail else None


def _activate(qtbot, c: CaseConsole) -> None:
    """Single-key shortcuts work in the active window only, as on a real desktop."""
    c.view.show()
    c.view.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is c.view)


def test_accept_transfer_close_reopen(
    qtbot, platform: RunningPlatform, console: CaseConsole
) -> None:
    post_id = citizen_post(platform, "供暖温度不达标", board="12345")
    view = console.view
    _activate(qtbot, console)
    view.load(post_id)
    assert _status(console) == "new"
    assert view.accept_action.isEnabled() and not view.reopen_action.isEnabled()

    # Accept with the keyboard: A
    QTest.keyClick(view, Qt.Key.Key_A)
    qtbot.waitUntil(lambda: _status(console) == "accepted", timeout=5000)
    assert view.detail is not None and view.detail.assignee_id == console.me.id
    assert "张伟" in view.header.assignee.text()
    assert not view.accept_action.isEnabled()

    # Transfer (T) to a municipal department, found by typing part of its name
    QTest.keyClick(view, Qt.Key.Key_T)
    dlg = view.active_dialog
    assert isinstance(dlg, TransferDialog)
    assert not dlg.ok_button.isEnabled()
    dlg.search.setText("热力")
    dlg.search.returnPressed.emit()
    assert dlg.unit_id() is not None
    heat = next(u for u in console.store.units() if u.code == "gov-heat")
    assert dlg.unit_id() == heat.id
    assert not dlg.ok_button.isEnabled()  # a reason is required
    dlg.reason.setPlainText("供热设施问题，请热力公司上门检修。")
    assert dlg.ok_button.isEnabled()
    dlg.ok_button.click()
    qtbot.waitUntil(
        lambda: view.detail is not None and view.detail.unit_id == heat.id, timeout=5000
    )
    assert view.header.unit.text() == "市热力公司"
    assert _status(console) == "new"
    actions = [
        view.timeline.timeline_model.entry(r).action
        for r in range(view.timeline.timeline_model.rowCount())
    ]
    assert actions[-1] == "transferred"
    # Out of our unit now: we may read it, not handle it
    assert not view.close_action.isEnabled()
    assert not view.editor.isEnabled()


def test_close_and_reopen(qtbot, platform: RunningPlatform, console: CaseConsole) -> None:
    post_id = citizen_post(platform, "路灯不亮", board="advice")

    def _notes() -> list[dict]:
        return platform.officer("010001").get(f"/posts/{post_id}").json().get("notes") or []

    view = console.view
    view.load(post_id)
    view.start_close()
    dlg = view.active_dialog
    assert isinstance(dlg, CloseDialog) and not dlg.ok_button.isEnabled()
    dlg.resolution.setPlainText("已转城管部门修复路灯。")
    dlg.ok_button.click()
    qtbot.waitUntil(lambda: _status(console) == "resolved", timeout=5000)
    assert view.reopen_action.isEnabled() and not view.close_action.isEnabled()
    bodies = [getattr(c, "body", None) for c in view.conversation.cards()]
    assert any(b is not None and b.text() == "已转城管部门修复路灯。" for b in bodies)
    # Resolved: the platform takes no public reply until reopened, so the editor does not
    # offer one (Ctrl+1 included); a note still goes in.
    editor = view.editor
    assert editor.mode() == "note" and not editor.public_button.isEnabled()
    assert "reopen" in editor.public_button.toolTip()
    editor.set_mode("reply")
    assert editor.mode() == "note"
    editor.edit.setPlainText("回访时群众表示满意。")
    editor.request_send()
    said = "回访时群众表示满意。"
    qtbot.waitUntil(lambda: any(n["body"] == said for n in _notes()), timeout=5000)
    qtbot.waitUntil(  # the case shows the platform's copy of the note
        lambda: (
            view.detail is not None
            and any(n.body == "回访时群众表示满意。" for n in view.detail.notes)
        ),
        timeout=5000,
    )

    view.start_reopen()
    dlg2 = view.active_dialog
    assert isinstance(dlg2, ReopenDialog)
    dlg2.reason.setPlainText("群众反映路灯仍不亮")
    dlg2.ok_button.click()
    qtbot.waitUntil(lambda: _status(console) == "in_progress", timeout=5000)
    assert view.close_action.isEnabled()
    # Open again: public replies are back, in the mode the officer had before.
    assert editor.public_button.isEnabled() and editor.mode() == "reply"


@pytest.mark.expected_log(REFUSED + r"POST .*/accept: 409")
@pytest.mark.expected_log(OUTBOX_REFUSED)
def test_claim_conflict_between_two_consoles_names_the_holder_and_keeps_the_draft(
    qtbot, platform: RunningPlatform, console: CaseConsole, second: CaseConsole, chinese: None
) -> None:
    post_id = citizen_post(platform, "有人在小区发传销传单", board="110")
    a, b = console.view, second.view
    a.load(post_id)
    b.load(post_id)
    qtbot.waitUntil(a.editor.isEnabled)
    a.editor.focus_editor()
    a.editor.set_text("您好，民警正在核实，请保留传单。")
    a.editor.text_edited.emit(a.editor.mode(), a.editor.text())  # as typing would

    # Li Jing (010002) is quicker
    b.accept_case()
    qtbot.waitUntil(lambda: _status(second) == "accepted", timeout=5000)

    # Zhang Wei still sees the old version and presses Accept
    assert _status(console) == "new" and a.accept_action.isEnabled()
    with qtbot.waitSignal(a.conflict_explained, timeout=5000) as sig:
        a.accept_case()
    sentence = sig.args[0]
    # One Chinese sentence: who (name and badge), what (accepted), fresh page, draft kept.
    assert sentence.startswith("李静（010002）") and "受理" in sentence
    assert "刷新" in sentence and "草稿" in sentence
    assert "\n" not in sentence and sentence.endswith("。")
    assert a.banner_message() == sentence
    # the page is fresh, the draft untouched, nothing left stuck in the outbox
    assert _status(console) == "accepted"
    assert "李静" in a.header.assignee.text()
    assert a.editor.text() == "您好，民警正在核实，请保留传单。"
    assert not a.accept_action.isEnabled()
    assert [i.state for i in console.outbox.items(post_id)] == ["cancelled"]
    console.drafts.wait_idle()
    draft = console.drafts.store.load(post_id)
    assert draft is not None and draft.body == "您好，民警正在核实，请保留传单。"


@pytest.mark.expected_log(REFUSED + r"POST .*/close: 412")
@pytest.mark.expected_log(OUTBOX_REFUSED)
def test_stale_action_says_who_changed_the_post(
    qtbot, platform: RunningPlatform, console: CaseConsole, second: CaseConsole
) -> None:
    post_id = citizen_post(platform, "车辆违停堵住消防通道", board="public-order")
    a, b = console.view, second.view
    a.load(post_id)
    b.load(post_id)
    qtbot.waitUntil(b.editor.isEnabled)
    # Li Jing adds an internal note: the post's version moves on
    b.editor.set_text("已联系物业挪车。", "note")
    b.editor.request_send()
    qtbot.waitUntil(lambda: b.detail is not None and len(b.detail.notes) == 1, timeout=5000)
    # Zhang Wei, on the old version, resolves it: refused as stale, explained
    with qtbot.waitSignal(a.conflict_explained, timeout=5000) as sig:
        a.start_close()
        dlg = a.active_dialog
        assert isinstance(dlg, CloseDialog)
        dlg.resolution.setPlainText("已处理。")
        dlg.ok_button.click()
    assert "李静" in sig.args[0] and "010002" in sig.args[0]
    assert a.detail is not None and len(a.detail.notes) == 1  # refreshed
    assert _status(console) == "new"
