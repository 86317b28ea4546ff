"""The leaders' worklist in the whole console against the real platform: extensions
waiting, supervision orders by due time, overdue dispatches by unit; live through events
(no polling), a decision through the outbox, each row opening its case, reachable from the
View menu (Ctrl+J) and with one click from the dashboard."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton

from console.api.models import format_time
from console.views.dialogs.loop_dialogs import DecideDialog
from console.views.dialogs.worklist import LeaderWorklist
from tests.helpers.console import PASSWORD, dispose, make_app, signed_in, type_text
from tests.helpers.platform import RunningPlatform, citizen_post
from tests.helpers.posts import ids

pytestmark = pytest.mark.integration


def _badge(platform: RunningPlatform, unit_code: str, role: str) -> str:
    unit = ids(platform)["unit"][unit_code]
    officers = platform.officer("010001").get("/officers").json()
    return str(next(o["badge"] for o in officers if o["unit_id"] == unit and o["role"] == role))


def _dispatched(platform: RunningPlatform, title: str) -> int:
    pid = citizen_post(platform, title, board="12345")
    body = {"unit_id": ids(platform)["unit"]["st-chengguan"], "reason": "属地管辖，请签收办理"}
    assert platform.officer("010001").act(pid, "transfer", body).status_code == 200
    return pid


def _later(days: int) -> str:
    return format_time(datetime.now(UTC) + timedelta(days=days))


def test_the_leaders_worklist_lists_keeps_live_decides_and_opens_cases(
    qtbot: Any, start_platform: Any
) -> None:
    # Three seconds to sign for a dispatch; the platform checks three times a second.
    platform: RunningPlatform = start_platform(
        "worklist", sign_deadline_default_minutes=0.05, dispatch_check_seconds=0.3
    )
    officer = platform.officer(_badge(platform, "st-chengguan", "officer"))
    leader_badge = _badge(platform, "st-chengguan", "leader")
    leader = platform.officer(leader_badge)
    late = _dispatched(platform, "无人签收的派单")
    asked = _dispatched(platform, "需要延期的派单")
    assert officer.act(asked, "sign").status_code == 200
    ext = {"until": _later(5), "reason": "等待住建部门勘验"}
    assert officer.act(asked, "extension", ext).status_code == 200
    watched = _dispatched(platform, "领导督办的派单")
    assert officer.act(watched, "sign").status_code == 200
    order = {"due_at": _later(2), "instruction": "实地核查并书面报告"}
    assert leader.act(watched, "supervise", order).status_code == 200

    app = make_app(platform, badge=leader_badge, password=PASSWORD)
    try:
        session = signed_in(qtbot, app)
        window = session.window
        window.show()
        # One click from the dashboard (leaders start on it).
        button = window.findChild(QPushButton, "WorklistButton")
        assert button is not None
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        wl = session.worklist
        assert isinstance(wl, LeaderWorklist) and wl.isVisible()
        qtbot.waitUntil(lambda: wl.rows(wl.extensions) == [f"#{asked}"], timeout=5000)
        assert wl.rows(wl.supervision) == [f"#{watched}"]
        assert wl.supervision.topLevelItem(0).text(2) == "实地核查并书面报告"
        # The unsigned dispatch turns overdue: the worklist hears it, nobody reloads it.
        qtbot.waitUntil(
            lambda: wl.rows(wl.overdue) == ["城关派出所 (1)", f"#{late} 无人签收的派单"],
            timeout=15_000,
        )
        assert "(1)" in wl.tabs.tabText(2)

        # Another request arrives while the window is open: it appears by itself.
        more = _dispatched(platform, "又一件需要延期的派单")
        assert officer.act(more, "sign").status_code == 200
        assert officer.act(more, "extension", {**ext, "until": _later(6)}).status_code == 200
        qtbot.waitUntil(
            lambda: sorted(wl.rows(wl.extensions)) == sorted([f"#{asked}", f"#{more}"]),
            timeout=5000,
        )

        # Approve the first request from the keyboard: A, a comment, Enter.
        wl.activateWindow()
        qtbot.waitUntil(wl.isActiveWindow)
        wl.tabs.setCurrentIndex(0)
        row = next(
            wl.extensions.topLevelItem(i)
            for i in range(wl.extensions.topLevelItemCount())
            if wl.extensions.topLevelItem(i).text(0) == f"#{asked}"
        )
        wl.extensions.setCurrentItem(row)
        QTest.keyClick(wl, Qt.Key.Key_A)
        dlg = wl.decide_dialog
        assert isinstance(dlg, DecideDialog) and dlg.approve
        type_text(dlg.comment, "同意，请按期办结")
        QTest.keyClick(dlg.comment, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: wl.rows(wl.extensions) == [f"#{more}"], timeout=5000)
        post = leader.get(f"/posts/{asked}").json()
        assert post["deadline_at"][:16] == ext["until"][:16]  # the deadline moved

        # Enter on a supervision order opens its case.
        wl.tabs.setCurrentIndex(1)
        wl.supervision.setCurrentItem(wl.supervision.topLevelItem(0))
        QTest.keyClick(wl.supervision, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: session.case_view.post_id == watched, timeout=5000)
    finally:
        dispose(app)


def test_officers_have_no_worklist(qtbot: Any, signed_in_console: Any) -> None:
    window = signed_in_console.session.window
    assert window.findChild(QPushButton, "WorklistButton") is None
    names = [a.objectName() for a in window.view_menu.actions()]
    assert "WorklistAction" not in names
