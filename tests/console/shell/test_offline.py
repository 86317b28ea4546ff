"""Offline (issue 10, item 9), a whole console against a real platform that goes away and
comes back at the same address: a strip across queue and case says since when the data
is stale; the outbox panel lists what waits, and cancels (a cancelled note comes back to
the editor); the link is back within 2 s of the platform's return; and the officer's own
queued reply and 受理 both land."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from console.app import ConsoleApp
from console.session import Session
from console.views.dialogs.outbox import OutboxPanel
from platform_server.embedded import free_port
from tests.helpers.console import PASSWORD, dispose, make_app, signed_in, start_on_port
from tests.helpers.console_expected_logs import TASK_FAILED
from tests.helpers.platform import RunningPlatform, citizen_post

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("chinese")]

# What a console logs while its platform is away: each failed fetch and send, once.
AWAY = [
    r"console\.api\..*(cannot reach|connection|unreachable|refused|failed)",
    r"console\..*(offline|not reachable|Connection refused|ConnectionError)",
    TASK_FAILED,
]


class Outage:
    """A platform on a fixed port that can go away and come back with the same data."""

    def __init__(self, tmp_path: Path) -> None:
        self.db = tmp_path / "platform.sqlite3"
        self.port = free_port()
        self.platform = RunningPlatform(start_on_port(self.db, self.port), self.db)

    def stop(self) -> None:
        self.platform.stop()

    def back(self) -> None:
        self.platform = RunningPlatform(start_on_port(self.db, self.port), self.db)


@pytest.fixture
def outage(tmp_path: Path) -> Iterator[Outage]:
    o = Outage(tmp_path)
    yield o
    o.stop()


@pytest.fixture
def session(qtbot: Any, outage: Outage) -> Iterator[Session]:
    app: ConsoleApp = make_app(outage.platform, badge="010001", password=PASSWORD)
    try:
        s = signed_in(qtbot, app)
        s.window.resize(1366, 728)
        s.window.show()
        yield s
    finally:
        dispose(app)


@pytest.mark.expected_log(*AWAY)
def test_offline_strip_outbox_panel_and_both_queued_actions_land(
    qtbot: Any, outage: Outage, session: Session
) -> None:
    pid = citizen_post(outage.platform, "小区门口的井盖丢了", board="110")
    session.open_case(pid)
    view = session.case_view
    qtbot.waitUntil(lambda: view.detail is not None and view.detail.id == pid, timeout=10_000)
    strip = session.window.offline_strip
    assert strip.isHidden()

    outage.stop()
    qtbot.waitUntil(lambda: not strip.isHidden(), timeout=15_000)
    assert strip.since is not None
    assert "与平台断开连接" in strip.text.text() and "可能已经过时" in strip.text.text()

    # Offline, the officer replies and takes the case: both wait in the outbox.
    qtbot.waitUntil(view.editor.isEnabled, timeout=5_000)
    view.editor.edit.setPlainText("您好，已通知市政前往处理。")
    view.editor.request_send()
    view.action_bar.accept_action.trigger()
    view.controller.send("note", "断网时记下的备注，后来取消")
    qtbot.waitUntil(lambda: session.outbox.pending_count() == 3, timeout=5_000)
    qtbot.waitUntil(lambda: "3 条回复或操作" in strip.text.text(), timeout=5_000)

    # The outbox panel, from the status bar's counter, lists them in order.
    qtbot.mouseClick(session.window.status.outbox_label, Qt.MouseButton.LeftButton)
    panel = session.outbox_panel
    assert isinstance(panel, OutboxPanel) and panel.isVisible()
    assert not panel.isModal()
    qtbot.waitUntil(lambda: len(panel.item_ids()) == 3, timeout=5_000)
    kinds = [panel.table.item(r, 1).text() for r in range(3)]
    assert kinds[0].startswith("公开回复") and kinds[1].startswith("受理"), kinds
    assert all(panel.table.item(r, 0).text() == f"#{pid}" for r in range(3))
    # The officer cancels the note.
    panel.table.selectRow(2)
    assert panel.cancel_button.isEnabled()
    qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(panel.item_ids()) == 2, timeout=5_000)
    assert session.outbox.pending_count() == 2
    # Its text is the officer's work: it comes back to the (empty) editor, as a note.
    qtbot.waitUntil(
        lambda: view.editor.edit.toPlainText() == "断网时记下的备注，后来取消", timeout=5_000
    )
    assert view.editor.mode() == "note"
    view.editor.edit.clear()  # the officer decides to drop it after all

    # The platform is back: the link comes back by itself, and both actions land. (How
    # fast is a figure, not a verdict: bench/bench_alarm.py times reconnects; here the
    # restarted platform itself may take seconds on a loaded CI machine.)
    outage.back()
    qtbot.waitUntil(lambda: session.stream.state == "live", timeout=10_000)
    qtbot.waitUntil(lambda: session.outbox.pending_count() == 0, timeout=10_000)
    # A loaded restarted platform may drop the new link once more; the strip goes once the
    # link is live again (it did not in one CI run when asserted at the first "live").
    qtbot.waitUntil(lambda: session.stream.state == "live" and strip.isHidden(), timeout=10_000)
    qtbot.waitUntil(lambda: not panel.item_ids(), timeout=5_000)
    assert not panel.empty_label.isHidden()
    post = outage.platform.officer("010001", workstation="核对").get(f"/posts/{pid}").json()
    assert post["status"] in ("accepted", "in_progress"), post
    assert post["assignee_id"] == session.info.me.id, post
    assert [r["body"] for r in post["replies"]] == ["您好，已通知市政前往处理。"]
    assert not post.get("notes")
