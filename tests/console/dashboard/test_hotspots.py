"""Hotspots in the console against a real platform: a staged wave appears on the
dashboard from the event stream (no reload), the leader opens all its posts at once and
answers them together — each its own reply through the outbox — and a post the platform
refuses is reported in Chinese with the text kept."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from console.views.dashboard.dashboard import Dashboard
from console.views.dialogs.hotspot_reply import HotspotReplyDialog
from platform_server.demo.reference_data import DEMO_LEADER_BADGE
from platform_server.demo.wave import stage_wave
from tests.helpers import dbutil
from tests.helpers.console import PASSWORD, chinese, dispose, make_app, signed_in
from tests.helpers.console_expected_logs import OUTBOX_REFUSED, REFUSED

pytestmark = pytest.mark.e2e

REPLY = "您好，西关片区供暖管网正在抢修，预计今晚恢复，请注意保暖。"


def _dialog() -> HotspotReplyDialog | None:
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, HotspotReplyDialog)]
    return found[0] if found else None


@pytest.mark.expected_log(OUTBOX_REFUSED)
@pytest.mark.expected_log(REFUSED)
def test_a_wave_reaches_the_dashboard_and_is_answered_together(
    qtbot: QtBot, start_platform: Any, qapp: Any
) -> None:
    p = start_platform(hotspot_check_seconds=0.3)
    # The city's leader: the wave is in their area, and its posts (still with the command
    # centre, not yet handed to 西关) are theirs to answer.
    app = make_app(p, badge=DEMO_LEADER_BADGE, password=PASSWORD)
    try:
        with chinese(qapp):
            session = signed_in(qtbot, app)
            dash = session.window.dashboard
            assert isinstance(dash, Dashboard)
            session.window.pages.setCurrentWidget(dash)  # a leader starts on it anyway
            qtbot.waitUntil(lambda: dash.hotspots_loaded, timeout=15_000)
            assert "没有" in dash.hotspot_panel.note.text()
            assert dash.hotspot_list.items == []

            dash.set_wall_mode(True)  # the command centre's wall, cycling its panels
            dash.wall_stack.setCurrentIndex(0)
            assert dash.wall_stack.currentWidget() is not dash.hotspot_panel
            made = stage_wave(p.url, station="st-xiguan", posts=6, minutes=0.03, seed=3)
            # Live from `hotspot.detected`: the list grows without any reload, and the
            # wall brings the hotspots to the front.
            qtbot.waitUntil(lambda: len(dash.hotspot_list.items) == 1, timeout=20_000)
            assert dash.wall_stack.currentWidget() is dash.hotspot_panel
            dash.set_wall_mode(False)
            h = dash.hotspot_list.items[0]
            assert set(h.post_ids) <= {w.post_id for w in made} and len(h.post_ids) >= 5
            row = dash.hotspot_list.table.item(0).text()
            assert "条" in row and any(t in row for t in h.terms), row

            # Open all posts at once: the queue shows exactly the members.
            dash.hotspot_list.open_button.click()
            qtbot.waitUntil(
                lambda: sorted(session.model.post_ids()) == sorted(h.post_ids), timeout=10_000
            )

            # One member was archived meanwhile: the platform refuses a reply to it.
            refused = h.post_ids[0]
            dbutil.execute(p, "UPDATE posts SET status = 'archived' WHERE id = ?", refused)
            session.window.pages.setCurrentWidget(dash)
            dash.hotspot_list.reply_button.click()
            qtbot.waitUntil(lambda: _dialog() is not None)
            dialog = _dialog()
            assert dialog is not None
            dialog.body.setPlainText(REPLY)
            dialog.send_button.click()
            others = [pid for pid in h.post_ids if pid != refused]
            qtbot.waitUntil(
                lambda: (
                    all(dialog.states[pid] == "sent" for pid in others)
                    and dialog.states[refused] == "failed"
                ),
                timeout=20_000,
            )
            assert "归档" in dialog.errors[refused], dialog.errors
            assert dialog.body.toPlainText() == REPLY  # the text is kept for another try
            assert "失败" in dialog.status.text()
            for pid in others:  # each author got their own reply, once
                bodies = dbutil.rows(p, "SELECT body FROM replies WHERE post_id = ?", pid)
                assert [b for (b,) in bodies] == [REPLY]
            assert dbutil.rows(p, "SELECT body FROM replies WHERE post_id = ?", refused) == []
            # Closed before every post has it: reopening brings the text back.
            dialog.close()
            qtbot.waitUntil(lambda: _dialog() is None or not _dialog().isVisible())
            again = session.answer_hotspot(h)
            assert again.body.toPlainText() == REPLY
            again.close()
    finally:
        dispose(app)
