"""The main window an officer works in all shift: keys, menus, the live queue, filters
typed in Chinese, saved views and a layout that is still there after a restart."""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox

from console.app import ConsoleApp
from console.session import Session
from console.views.queue.model import ASSIGNEE, KIND, TITLE, QueueFilters
from console.views.shell.shortcuts import ShortcutSheet, visible_keys
from tests.helpers.console import PASSWORD, dispose, make_app, signed_in, type_text
from tests.helpers.platform import RunningPlatform, citizen_post, new_key

LAMP = "人民路口的路灯坏了一个星期"
DOG = "小区里有流浪狗追咬小孩"
pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("chinese")]  # as officers read it


@pytest.fixture(scope="module")
def posts(platform: RunningPlatform) -> dict[str, int]:
    return {
        LAMP: citizen_post(platform, LAMP, board="110"),
        DOG: citizen_post(platform, DOG, board="public-order"),
    }


@pytest.fixture
def console(signed_in_console: ConsoleApp, posts: dict[str, int]) -> Session:
    """The signed-in console's session (its queue shows the two posts above)."""
    session = signed_in_console.session
    assert session is not None
    return session


def action(name: str, session: Session) -> QAction:
    found = {a.objectName(): a for a in session.window.all_actions()}
    return found[name]


def titles(session: Session) -> list[str]:
    m = session.model
    return [m.index(r, TITLE).data() for r in range(m.rowCount())]


def test_menus_show_every_case_key_and_tooltips_name_it(console: Session) -> None:
    w = console.window
    by_name = {a.objectName(): a for a in w.all_actions()}
    expected = {
        "AcceptAction": "A",
        "ReplyAction": "R",
        "TransferAction": "T",
        "CloseAction": "C",
        "SearchAction": "Ctrl+F",
        "RefreshAction": "F5",
        "OpenAction": "Return",
    }
    for name, key in expected.items():
        action = by_name[name]
        assert action.shortcut() == QKeySequence(key), name
        assert "(" in action.toolTip() and ")" in action.toolTip(), name
    assert by_name["AcceptAction"].toolTip().startswith("受理")
    assert visible_keys(by_name["HelpAction"]) == ["F1", "?"]
    assert by_name["OpenAction"].shortcutContext() == Qt.ShortcutContext.WidgetShortcut


def test_f1_opens_the_cheat_sheet_with_the_real_keys(qtbot: Any, console: Session) -> None:
    w = console.window
    w.activateWindow()
    console.queue_view.focus_table()
    qtbot.keyClick(console.queue_view.table, Qt.Key.Key_F1)
    sheet = w.findChild(ShortcutSheet)
    assert sheet is not None and sheet.isVisible()
    entries = dict((what, key) for key, what in sheet.entries)
    assert entries["受理"] == "A"
    assert entries["回复"] == "R"
    assert entries["搜索"] == "Ctrl+F"
    assert entries["刷新队列"] == "F5"
    assert entries["按案件编号查找"] == "Ctrl+G"
    # Return and Enter read the same in Chinese: the key is named once, not "回车 / 回车"
    for key, _what in sheet.entries:
        parts = key.split(" / ")
        assert len(parts) == len(set(parts)), key
    assert "在队列中上下移动" in entries
    sheet.close()
    # "?" as a keyboard reports it: with Shift held.
    qtbot.keyClick(console.queue_view.table, Qt.Key.Key_Question, Qt.KeyboardModifier.ShiftModifier)
    assert sheet.isVisible()
    sheet.close()


def test_keyboard_moves_and_enter_opens_the_case(
    qtbot: Any, console: Session, posts: dict[str, int]
) -> None:
    table = console.queue_view.table
    console.queue_view.focus_table()
    assert table.currentIndex().row() == 0
    target = console.model.row_of(posts[DOG])
    assert target is not None
    for _ in range(target):
        qtbot.keyClick(table, Qt.Key.Key_Down)
    assert console.queue_view.selected_post().id == posts[DOG]  # type: ignore[union-attr]
    with qtbot.waitSignal(console.case_view.case_loaded, timeout=10_000) as loaded:
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert loaded.args == [posts[DOG]]


def test_ctrl_f_and_chinese_search_filter_on_the_server(qtbot: Any, console: Session) -> None:
    console.queue_view.focus_table()
    qtbot.keyClick(console.queue_view.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    search = console.queue_view.filter_bar.search_edit
    assert search.hasFocus()
    with qtbot.waitSignal(console.feed.loaded, timeout=10_000):
        type_text(search, "流浪狗")  # debounced: one query once typing pauses
    assert titles(console) == [DOG]
    qtbot.keyClick(search, Qt.Key.Key_Escape)
    assert console.queue_view.table.hasFocus()


def test_scope_board_and_status_filters(
    qtbot: Any, console: Session, posts: dict[str, int]
) -> None:
    bar = console.queue_view.filter_bar
    with qtbot.waitSignal(console.feed.loaded, timeout=10_000):
        bar.board_combo.setCurrentIndex(bar.board_combo.findData("public-order"))
    assert titles(console) == [DOG]
    with qtbot.waitSignal(console.feed.loaded, timeout=10_000):
        bar.board_combo.setCurrentIndex(0)
    with qtbot.waitSignal(console.feed.loaded, timeout=10_000):
        action("Scope_mine", console).trigger()
    assert titles(console) == []
    assert console.queue_view.table.placeholder == "没有符合筛选条件的帖子。"
    with qtbot.waitSignal(console.feed.loaded, timeout=10_000):
        bar.status_combo.setCurrentIndex(bar.status_combo.findData("resolved"))
    assert bar.filters() == QueueFilters(scope="mine", status="resolved")


def test_new_posts_and_silent_reports_arrive_live(
    qtbot: Any, console: Session, platform: RunningPlatform
) -> None:
    before = console.model.rowCount()
    resets: list[bool] = []
    console.model.modelReset.connect(lambda: resets.append(True))
    title = "地铁站出口有人散发诈骗传单"
    citizen_post(platform, title, board="110")
    qtbot.waitUntil(lambda: title in titles(console), timeout=10_000)
    assert console.model.rowCount() == before + 1
    r = platform.citizen("匿名").post(
        "/public/silent-reports",
        {"body": "有人跟踪我到楼道里，我不敢出声", "location": {"lat": 30.6, "lon": 104.1}},
        headers={"Idempotency-Key": new_key()},
    )
    assert r.status_code == 201
    silent_id = r.json()["id"]
    qtbot.waitUntil(lambda: console.model.row_of(silent_id) == 0, timeout=10_000)
    assert console.model.index(0, KIND).data() == "V报警"
    qtbot.waitUntil(lambda: silent_id in console.banner.shown_post_ids, timeout=10_000)
    assert resets == []  # live changes never reset the model
    assert console.window.status.connection_label.text() == "● 实时"


def test_acknowledging_from_the_banner_silences_the_alarm(
    qtbot: Any, console: Session, platform: RunningPlatform
) -> None:
    r = platform.citizen("匿名").post(
        "/public/silent-reports",
        {"body": "出租车不按路线走，司机不让我下车"},
        headers={"Idempotency-Key": new_key()},
    )
    silent_id = r.json()["id"]
    qtbot.waitUntil(lambda: silent_id in console.banner.shown_post_ids, timeout=10_000)
    # The alarm tone, or already the escalation tone (escalation is seconds away here).
    assert console.player.is_playing("alarm") or console.player.is_playing("escalation")
    console.banner.acknowledge_requested.emit(silent_id)  # the button / Ctrl+Shift+A
    qtbot.waitUntil(lambda: silent_id not in console.banner.shown_post_ids, timeout=10_000)
    officer = platform.officer("010002")
    assert officer.get(f"/posts/{silent_id}").json()["acknowledged_by"]["badge"] == "010001"
    if not console.policy.open_alarms:
        assert not console.player.is_playing("alarm")
        assert not console.player.is_playing("escalation")


def test_saved_views_are_kept_in_settings(qtbot: Any, console: Session) -> None:
    bar = console.queue_view.filter_bar
    with qtbot.waitSignal(console.feed.loaded, timeout=10_000):
        bar.overdue_box.setChecked(True)
    bar.save_view("夜班超时")
    assert [v["name"] for v in console.settings.get("saved_views")] == ["夜班超时"]
    with qtbot.waitSignal(console.feed.loaded, timeout=10_000):
        bar.overdue_box.setChecked(False)
    with qtbot.waitSignal(console.feed.loaded, timeout=10_000):
        assert bar.apply_view("夜班超时")
    assert bar.overdue_box.isChecked()
    bar.delete_view("夜班超时")
    assert console.settings.get("saved_views") == []


def test_layout_and_filters_survive_a_restart(
    qtbot: Any, platform: RunningPlatform, posts: dict[str, int]
) -> None:
    first = make_app(platform, badge="010001", password=PASSWORD)
    s1 = signed_in(qtbot, first)
    s1.window.resize(1500, 880)
    s1.window.splitter.setSizes([1000, 500])  # the default is 3 : 2
    s1.queue_view.table.horizontalHeader().resizeSection(TITLE, 444)
    with qtbot.waitSignal(s1.feed.loaded, timeout=10_000):
        s1.queue_view.filter_bar.sort_combo.setCurrentIndex(
            s1.queue_view.filter_bar.sort_combo.findData("created_asc")
        )
    sizes = s1.window.splitter.sizes()
    s1.window.close()  # saves the layout, as at the end of a shift
    dispose(first)

    second: ConsoleApp = make_app(platform, badge="010001", password=PASSWORD)
    s2 = signed_in(qtbot, second)
    try:
        assert s2.queue_view.table.horizontalHeader().sectionSize(TITLE) == 444
        # The offscreen screen (800x600) clamps the restored window: the split keeps the
        # officer's proportions (queue 2 : case 1), or the queue sits at its minimum.
        queue, case = s2.window.splitter.sizes()
        queue_min = s2.queue_view.minimumSizeHint().width()
        share = case / (queue + case)
        assert (
            case == sizes[1]
            or abs(share - sizes[1] / sum(sizes)) < 0.03
            or (queue <= queue_min + 8 and case > queue)
        ), (queue, case)
        assert s2.settings.get("splitter_state")
        assert s2.model.filters.sort == "created_asc"
        assert s2.queue_view.filter_bar.sort_combo.currentData() == "created_asc"
    finally:
        dispose(second)


@pytest.mark.parametrize(("badge", "lands_on_dashboard"), [("010900", True), ("010001", False)])
def test_leaders_land_on_the_dashboard_and_duty_officers_on_the_queue(
    qtbot: Any, platform: RunningPlatform, badge: str, lands_on_dashboard: bool
) -> None:
    app = make_app(platform, badge=badge, password=PASSWORD)
    try:
        session = signed_in(qtbot, app)
        window = session.window
        assert window.dashboard is not None
        on_dashboard = window.pages.currentWidget() is window.dashboard
        assert on_dashboard is lands_on_dashboard
        window.toggle_dashboard()  # Ctrl+D goes to the other page either way
        assert (window.pages.currentWidget() is window.dashboard) is not lands_on_dashboard
    finally:
        dispose(app)


def test_a_renamed_officer_reads_right_in_the_queue_at_once(
    qtbot: Any, console: Session, platform: RunningPlatform
) -> None:
    """officer.updated reaches the queue: names are repainted, not left stale."""
    li = platform.officer("010002")
    pid = citizen_post(platform, "楼下有人长时间鸣笛")
    assert li.act(pid, "accept").status_code == 200
    model = console.model

    def assignee() -> str | None:
        row = model.row_of(pid)
        return None if row is None else model.index(row, ASSIGNEE).data()

    qtbot.waitUntil(lambda: assignee() == "李静", timeout=10_000)
    # The office corrects her name; she goes on duty, which every console hears of.
    with sqlite3.connect(platform.db_path) as db:
        db.execute("UPDATE officers SET name = '李静怡' WHERE badge = '010002'")
    repainted: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda tl, br, *_: repainted.append((tl.column(), br.column())))
    on_duty = next(o["on_duty"] for o in li.get("/officers").json() if o["badge"] == "010002")
    assert li.put("/me/duty", {"on_duty": not on_duty}).status_code == 200
    qtbot.waitUntil(lambda: assignee() == "李静怡", timeout=10_000)
    qtbot.waitUntil(lambda: any(a <= ASSIGNEE <= b for a, b in repainted), timeout=5000)


def test_ctrl_q_asks_before_quitting_and_no_keeps_the_console(qtbot: Any, console: Session) -> None:
    """This window is the alarm device: Ctrl+Q asks, naming what is lost, and No keeps it."""
    w = console.window
    w.activateWindow()
    console.queue_view.focus_table()
    qtbot.keyClick(console.queue_view.table, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    box = w.leave_box
    assert box is not None and box.isVisible() and "静默报警" in box.text()
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.No)
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.No), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.leave_box is None)
    assert w.isVisible() and console.stream.state == "live"
