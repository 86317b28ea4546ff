"""Drafts in the case pane against a real platform: kept across a restart of the
console, cleared only when the platform confirms the message."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.console import make_case_console
from tests.helpers.platform import citizen_post

pytestmark = pytest.mark.integration


# ------------------------------------------------------------------ in the case pane
def test_draft_survives_recreating_the_view(qtbot, platform, tmp_path: Path) -> None:
    post_id = citizen_post(platform, "电动车被盗", board="110")
    other_id = citizen_post(platform, "另一条帖子", board="110")
    c = make_case_console(qtbot, platform, tmp_path / "c")
    c.view.load(post_id)
    qtbot.waitUntil(c.view.editor.isEnabled)
    c.view.editor.focus_editor()
    c.view.editor.set_mode("note")
    c.view.editor.edit.setPlainText("已调取小区监控，待比对。")
    # Switching cases keeps each case's draft apart.
    c.view.load(other_id)
    qtbot.waitUntil(c.view.editor.isEnabled)
    assert c.view.editor.text() == ""
    c.close()  # the console goes away (a restart)

    again = make_case_console(qtbot, platform, tmp_path / "c")
    try:
        again.view.load(post_id)
        qtbot.waitUntil(lambda: again.view.editor.text() != "")
        assert again.view.editor.text() == "已调取小区监控，待比对。"
        assert again.view.editor.mode() == "note"
    finally:
        again.close()


def test_sent_draft_is_cleared_only_when_the_platform_confirms(
    qtbot, platform, tmp_path: Path
) -> None:
    post_id = citizen_post(platform, "小区门禁坏了", board="advice")
    c = make_case_console(qtbot, platform, tmp_path / "c", start_sender=False)  # link "down"
    c.view.load(post_id)
    qtbot.waitUntil(c.view.editor.isEnabled)
    c.view.editor.set_text("感谢反映，已转物业维修。")
    c.view.editor.request_send()
    assert c.view.editor.text() == ""
    c.drafts.wait_idle()
    kept = c.drafts.store.load(post_id)
    assert kept is not None and kept.sending_key is not None  # not delivered yet: kept
    states = [card.state.text() for card in c.view.conversation.cards()]
    assert states and ("Sending" in states[-1] or "发送中" in states[-1])
    c.close()

    # Restart: the editor does not offer the text again (it is in the outbox)...
    again = make_case_console(qtbot, platform, tmp_path / "c")
    try:
        again.view.load(post_id)
        qtbot.waitUntil(
            lambda: again.view.detail is not None and len(again.view.detail.replies) == 1,
            timeout=5000,
        )
        # ...the outbox delivers it once, and only then is the draft gone.
        again.drafts.wait_idle()
        qtbot.waitUntil(lambda: again.drafts.store.load(post_id) is None, timeout=3000)
        assert again.view.editor.text() == ""
        assert [r.body for r in again.view.detail.replies] == ["感谢反映，已转物业维修。"]
    finally:
        again.close()
