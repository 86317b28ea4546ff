"""Drafts are saved per post off the GUI thread and survive a restart of the console."""

from __future__ import annotations

from pathlib import Path

from console.drafts import Drafts, DraftStore


def test_store_roundtrip_and_restart(tmp_path: Path) -> None:
    path = tmp_path / "drafts.sqlite3"
    store = DraftStore(path)
    store.save(7, "您好，正在核实。", "reply")
    store.save(8, "内部：联系了社区", "note")
    store.close()

    reopened = DraftStore(path)
    d7, d8 = reopened.load(7), reopened.load(8)
    assert d7 is not None and d7.body == "您好，正在核实。" and d7.mode == "reply"
    assert d8 is not None and d8.mode == "note"
    assert reopened.load(9) is None
    reopened.close()


def test_empty_body_deletes_unsent_draft(tmp_path: Path) -> None:
    store = DraftStore(tmp_path / "d.sqlite3")
    store.save(1, "x", "reply")
    store.save(1, "   ", "reply")
    assert store.load(1) is None


def test_sending_draft_cleared_only_by_its_own_delivery(tmp_path: Path) -> None:
    store = DraftStore(tmp_path / "d.sqlite3")
    store.mark_sending(1, "已派民警前往", "reply", "key-1")
    # The editor going empty after "send" must not delete what is still in flight.
    store.save(1, "", "reply")
    assert store.load(1) is not None
    assert not store.clear_if_sent(1, "other-key")
    assert store.clear_if_sent(1, "key-1")
    assert store.load(1) is None

    # A new draft typed while the first was in flight survives the first's delivery.
    store.mark_sending(2, "第一条", "reply", "k2")
    store.save(2, "第二条草稿", "reply")
    assert not store.clear_if_sent(2, "k2")
    d = store.load(2)
    assert d is not None and d.body == "第二条草稿" and d.sending_key is None


def test_debounced_saves_reach_disk_in_order(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "d.sqlite3"
    drafts = Drafts(DraftStore(path), delay_ms=50)
    for text in ["您", "您好", "您好，已收到"]:
        drafts.save_later(3, text, "reply")
    # Nothing is written while the officer is still typing...
    assert DraftStore(path).load(3) is None
    # ...and the last text is written once they pause.
    qtbot.waitUntil(lambda: DraftStore(path).load(3) is not None, timeout=3000)
    d = DraftStore(path).load(3)
    assert d is not None and d.body == "您好，已收到"

    with qtbot.waitSignal(drafts.draft_loaded, timeout=3000) as sig:
        drafts.request(3)
    assert sig.args[0] == 3 and sig.args[1].body == "您好，已收到"
    drafts.close()


def test_request_sees_a_save_still_in_the_debounce(qtbot, tmp_path: Path) -> None:
    drafts = Drafts(DraftStore(tmp_path / "d.sqlite3"), delay_ms=10_000)
    drafts.save_later(4, "还没停手", "note")
    with qtbot.waitSignal(drafts.draft_loaded, timeout=3000) as sig:
        drafts.request(4)
    assert sig.args[1].body == "还没停手" and sig.args[1].mode == "note"
    drafts.close()


# ------------------------------------------------------------------ in the case pane
def test_draft_survives_recreating_the_view(qtbot, platform, tmp_path: Path) -> None:
    from tests.console.case_support import make_console, new_post

    post_id = new_post(platform, title="电动车被盗", board="110")
    other_id = new_post(platform, title="另一条帖子", board="110")
    c = make_console(qtbot, platform, tmp_path / "c")
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

    again = make_console(qtbot, platform, tmp_path / "c")
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
    from tests.console.case_support import make_console, new_post

    post_id = new_post(platform, title="小区门禁坏了", board="advice")
    c = make_console(qtbot, platform, tmp_path / "c", start_sender=False)  # link "down"
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
    again = make_console(qtbot, platform, tmp_path / "c")
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
