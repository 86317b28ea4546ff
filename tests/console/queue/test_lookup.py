"""Finding a case without scrolling (issue 10, items 10 and 11), a whole console against the
real platform: a case number in the search box or Ctrl+G opens it; a phone number lists
the reporter's posts for roles that may see phones (others read the platform's sentence);
the case lists the reporter's other posts; and a case transferred away stays readable,
saying where it went."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from console.app import ConsoleApp
from console.session import Session
from tests.helpers.console import PASSWORD, dispose, make_app, signed_in
from tests.helpers.console_expected_logs import REFUSED, TASK_FAILED
from tests.helpers.platform import RunningPlatform, citizen_post, silent_report

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("chinese")]
OFFSCREEN_WINDOW_NOISE = pytest.mark.qt_log_ignore(
    "^This plugin does not support raise\\(\\)$", extend=True
)


def _console(qtbot: Any, platform: RunningPlatform, badge: str) -> Iterator[Session]:
    app: ConsoleApp = make_app(platform, badge=badge, password=PASSWORD)
    try:
        session = signed_in(qtbot, app)
        session.window.resize(1366, 728)
        session.window.show()
        yield session
    finally:
        dispose(app)


@pytest.fixture
def officer(qtbot: Any, fresh_platform: RunningPlatform) -> Iterator[Session]:
    yield from _console(qtbot, fresh_platform, "010001")


@pytest.fixture
def leader(qtbot: Any, fresh_platform: RunningPlatform) -> Iterator[Session]:
    yield from _console(qtbot, fresh_platform, "010900")


def _shown(session: Session, pid: int) -> bool:
    d = session.case_view.detail
    return d is not None and d.id == pid


def _enter(qtbot: Any, session: Session, text: str) -> None:
    edit = session.queue_view.filter_bar.search_edit
    edit.setFocus()
    edit.selectAll()
    QTest.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def test_a_case_number_or_ctrl_g_opens_the_case(
    qtbot: Any, fresh_platform: RunningPlatform, officer: Session
) -> None:
    first = citizen_post(fresh_platform, "楼道里堆满了杂物")
    second = citizen_post(fresh_platform, "夜里有人在小区里飙车")
    # a plain number and Enter
    _enter(qtbot, officer, str(first))
    qtbot.waitUntil(lambda: _shown(officer, first), timeout=10_000)
    # the queue shows that case alone, highlighted — the row and the case agree
    qtbot.waitUntil(lambda: officer.model.rowCount() == 1, timeout=10_000)
    assert officer.model.row_of(first) == 0
    # Ctrl+G: the search box takes "#", the officer types the number and Enter
    officer.case_view.setFocus()
    qtbot.keyClick(officer.window, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    edit = officer.queue_view.filter_bar.search_edit
    assert edit.hasFocus() and edit.text() == "#"
    QTest.keyClicks(edit, str(second))
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _shown(officer, second), timeout=10_000)
    qtbot.waitUntil(lambda: officer.model.row_of(second) == 0, timeout=10_000)
    assert officer.model.rowCount() == 1


def test_a_phone_number_lists_the_reporters_posts_for_a_leader(
    qtbot: Any, fresh_platform: RunningPlatform, leader: Session
) -> None:
    hers = citizen_post(fresh_platform, "电动车被偷", phone="13955550001")
    also_hers = citizen_post(fresh_platform, "电动车又被偷了", phone="13955550001")
    citizen_post(fresh_platform, "楼道堆物", phone="13955550002")
    _enter(qtbot, leader, "139-5555-0001")
    qtbot.waitUntil(
        lambda: set(leader.model.post_ids()) == {hers, also_hers},
        timeout=10_000,
    )


@pytest.mark.expected_log(REFUSED + r"GET .*/posts: 403 phone_lookup_forbidden")
@pytest.mark.expected_log(TASK_FAILED)
@pytest.mark.expected_log(r"console\.views\.queue\.feed: queue page failed: ForbiddenError")
def test_a_phone_number_is_refused_with_a_sentence_for_an_officer(
    qtbot: Any, fresh_platform: RunningPlatform, officer: Session
) -> None:
    citizen_post(fresh_platform, "电动车被偷", phone="13955550001")
    _enter(qtbot, officer, "13955550001")
    qtbot.waitUntil(lambda: "手机号" in officer.queue_view.table.placeholder, timeout=10_000)
    assert officer.model.rowCount() == 0


def test_the_case_lists_the_reporters_other_posts(
    qtbot: Any, fresh_platform: RunningPlatform, officer: Session
) -> None:
    citizen = fresh_platform.citizen("常来反映的陈阿姨", phone="13955550003")
    earlier = citizen_post(citizen, "楼上每天半夜装修")
    latest = citizen_post(citizen, "楼上又在半夜装修了")
    citizen_post(fresh_platform, "别人的帖子")
    officer.open_case(latest)
    qtbot.waitUntil(lambda: _shown(officer, latest), timeout=10_000)
    listing = officer.case_view.earlier
    qtbot.waitUntil(lambda: listing.post_ids() == [earlier], timeout=10_000)
    tabs = officer.case_view.tabs
    assert tabs.tabText(tabs.indexOf(listing)).endswith("(1)")
    listing.itemActivated.emit(listing.item(0))
    qtbot.waitUntil(lambda: _shown(officer, earlier), timeout=10_000)
    qtbot.waitUntil(lambda: listing.post_ids() == [latest], timeout=10_000)


@OFFSCREEN_WINDOW_NOISE
def test_a_case_transferred_away_stays_readable_and_says_where_it_went(
    qtbot: Any, fresh_platform: RunningPlatform, officer: Session
) -> None:
    sid = silent_report(fresh_platform, "有人尾随我，我在超市里")
    qtbot.waitUntil(lambda: sid in officer.banner.shown_post_ids, timeout=10_000)
    officer.open_case(sid)
    qtbot.waitUntil(lambda: _shown(officer, sid), timeout=10_000)
    officer.acknowledge(sid)
    qtbot.waitUntil(lambda: not officer.banner.shown_post_ids, timeout=10_000)
    zhang = fresh_platform.officer("010001", workstation="另一台电脑")
    station = next(u["id"] for u in zhang.get("/units").json() if u["code"] == "st-chengguan")
    r = zhang.act(sid, "transfer", {"unit_id": station, "reason": "报警人在城关辖区"})
    assert r.status_code == 200, r.text
    header = officer.case_view.header
    qtbot.waitUntil(lambda: not header.moved_note.isHidden(), timeout=10_000)
    assert "城关派出所" in header.moved_note.text()
    assert _shown(officer, sid)  # still the case, not "not found"
    bar = officer.case_view.action_bar
    assert not bar.accept_action.isEnabled() and not bar.close_action.isEnabled()
    assert not officer.case_view.editor.isEnabled()


def test_the_highlighted_row_and_the_open_case_never_drift_apart(
    qtbot: Any, fresh_platform: RunningPlatform, officer: Session
) -> None:
    ids = [citizen_post(fresh_platform, f"路灯坏了第{i}处") for i in range(3)]
    with qtbot.waitSignal(officer.feed.loaded, timeout=10_000):
        officer.refresh()
    assert all(officer.model.row_of(i) is not None for i in ids)
    table = officer.queue_view.table
    # the officer moves the highlight with the keyboard: the case follows once it rests
    officer.queue_view.focus_table()
    qtbot.keyClick(table, Qt.Key.Key_Down)
    highlighted = officer.queue_view.selected_post()
    assert highlighted is not None
    qtbot.waitUntil(lambda: _shown(officer, highlighted.id), timeout=10_000)
    # a case opened from elsewhere (a lookup) moves the highlight to its row
    other = next(i for i in ids if i != highlighted.id)
    officer.open_case(other)
    qtbot.waitUntil(lambda: _shown(officer, other), timeout=10_000)
    selected = officer.queue_view.selected_post()
    assert selected is not None and selected.id == other
    # a case that is not in the queue: no row stays highlighted
    officer.queue_view.filter_bar.set_filters(
        officer.queue_view.filter_bar.filters().__class__(board="traffic")
    )
    qtbot.waitUntil(lambda: officer.model.row_of(ids[0]) is None, timeout=10_000)
    officer.open_case(ids[0])
    qtbot.waitUntil(lambda: _shown(officer, ids[0]), timeout=10_000)
    assert officer.queue_view.selected_post() is None
    # the filters back: the open case's row is highlighted again
    with qtbot.waitSignal(officer.feed.loaded, timeout=10_000):
        officer.queue_view.filter_bar.set_filters(
            officer.queue_view.filter_bar.filters().__class__()
        )
    selected = officer.queue_view.selected_post()
    assert selected is not None and selected.id == ids[0]
