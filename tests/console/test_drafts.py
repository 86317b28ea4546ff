"""Drafts are saved per post off the GUI thread, in order, and survive a restart."""

from __future__ import annotations

from pathlib import Path

import pytest

from console.drafts import Drafts, DraftStore

pytestmark = pytest.mark.unit


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
