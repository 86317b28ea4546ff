"""The alarm side of a whole console against the real platform: a report in the banner
opens whatever the filters; a minimised or hidden console comes to the front; a journal
that cannot be written shows a red strip; an unreadable silent event is fetched over
REST at once; and the REST re-fetch reads every page, or stops no alarm at all."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from console.alarm_desk import fetch_open_silent
from console.api.errors import OfflineError
from console.app import ConsoleApp
from console.session import Session
from console.views.queue.filters import QueueFilters
from tests.helpers.console import PASSWORD, dispose, make_app, signed_in
from tests.helpers.platform import RunningPlatform, silent_report
from tests.helpers.posts import insert_posts

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("chinese")]


@pytest.fixture
def app(qtbot: Any, fresh_platform: RunningPlatform) -> Iterator[ConsoleApp]:
    console = make_app(fresh_platform, badge="010001", password=PASSWORD)
    yield console
    dispose(console)


@pytest.fixture
def session(qtbot: Any, app: ConsoleApp) -> Session:
    s = signed_in(qtbot, app)
    s.window.resize(1366, 728)
    return s


def test_clicking_a_report_in_the_banner_opens_it_whatever_the_filters(
    qtbot: Any, fresh_platform: RunningPlatform, session: Session
) -> None:
    # The queue shows resolved traffic posts only: the report is not in it.
    session.queue_view.filter_bar.set_filters(QueueFilters(board="traffic", status="resolved"))
    pid = silent_report(fresh_platform, "我在地下车库，有人跟着我")
    qtbot.waitUntil(lambda: session.banner.shown_post_ids == [pid], timeout=10_000)
    assert session.model.row_of(pid) is None
    qtbot.mouseClick(session.banner.row(pid).text, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: session.case_view.detail is not None and session.case_view.detail.id == pid,
        timeout=10_000,
    )
    # the queue highlights no other post while this one is open
    assert not session.queue_view.table.selectionModel().hasSelection()


def test_a_minimised_or_hidden_console_comes_to_the_front(
    qtbot: Any, fresh_platform: RunningPlatform, session: Session
) -> None:
    w = session.window
    w.showMinimized()
    qtbot.waitUntil(w.isMinimized)
    silent_report(fresh_platform, "电梯里有人拿刀")
    qtbot.waitUntil(lambda: not w.isMinimized() and w.isVisible(), timeout=10_000)
    for pid in session.banner.shown_post_ids:
        session.acknowledge(pid)
    qtbot.waitUntil(lambda: not session.banner.shown_post_ids, timeout=10_000)
    w.hide()
    silent_report(fresh_platform, "有人在砸我家的门")
    qtbot.waitUntil(w.isVisible, timeout=10_000)


def test_the_setting_keeps_a_hidden_console_hidden(
    qtbot: Any, fresh_platform: RunningPlatform, session: Session
) -> None:
    session.settings.raise_on_alarm = False
    session.window.hide()
    pid = silent_report(fresh_platform, "有人在砸我家的门")
    qtbot.waitUntil(lambda: session.banner.shown_post_ids == [pid], timeout=10_000)
    assert not session.window.isVisible()


@pytest.mark.expected_log(r"console\.alerts\.journal: alert journal: cannot write")
def test_a_journal_that_cannot_be_written_shows_a_red_strip(
    qtbot: Any, fresh_platform: RunningPlatform, app: ConsoleApp, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the journal's folder should be")
    app.options.alert_journal = blocker / "journal.jsonl"
    session = signed_in(qtbot, app)
    assert not session.banner.journal_warning_visible
    pid = silent_report(fresh_platform, "我被关在仓库里")
    qtbot.waitUntil(lambda: session.banner.shown_post_ids == [pid], timeout=10_000)
    qtbot.waitUntil(lambda: session.banner.journal_warning_visible, timeout=5000)
    assert "警报记录无法写入" in session.banner.journal_warning_label.text()
    assert session.policy.sounding_tone == "alarm"  # the alarm itself goes on


@pytest.mark.expected_log(r"console\.store: event \d+ \(silent\.created\) is unreadable")
def test_an_unreadable_silent_event_fetches_the_reports_at_once(
    qtbot: Any, fresh_platform: RunningPlatform, session: Session
) -> None:
    session.stream.stop()  # no event will bring this report: only the REST fetch can
    pid = silent_report(fresh_platform, "我在网约车上，司机改了路线")
    assert session.banner.shown_post_ids == []
    with qtbot.waitSignal(session.alarms.refetched, timeout=10_000):
        session.store.apply_event(10_000, "silent.created", {"id": pid, "title": "cut off"})
    qtbot.waitUntil(lambda: session.banner.shown_post_ids == [pid], timeout=5000)


def test_the_rest_refetch_reads_every_page(
    qtbot: Any, fresh_platform: RunningPlatform, session: Session
) -> None:
    session.stream.stop()
    pids = [silent_report(fresh_platform, f"第{i}条：有人跟踪我") for i in range(5)]
    session.alarms.page_size = 2  # five reports: three pages
    counts: list[int] = []
    session.alarms.refetched.connect(counts.append)
    session.alarms.refetch()
    qtbot.waitUntil(lambda: 5 in counts, timeout=10_000)
    assert sorted(session.banner.shown_post_ids) == pids


class FailsOnPage:
    """The platform client, except that one page of the list cannot be read."""

    def __init__(self, client: Any, failing_page: int) -> None:
        self.client = client
        self.failing_page = failing_page
        self.pages = 0

    def list_posts(self, *args: Any, **kw: Any) -> Any:
        self.pages += 1
        if self.pages == self.failing_page:
            raise OfflineError()
        return self.client.list_posts(*args, **kw)


@pytest.mark.expected_log(r"console\.alarm_desk: silent re-fetch failed")
@pytest.mark.expected_log(r"console\.tasks: background task .* failed")
def test_a_list_cut_short_stops_no_alarm(
    qtbot: Any, fresh_platform: RunningPlatform, session: Session
) -> None:
    pids = [silent_report(fresh_platform, f"第{i}条：我很害怕") for i in range(5)]
    qtbot.waitUntil(lambda: sorted(session.banner.shown_post_ids) == pids, timeout=10_000)
    session.alarms.page_size = 2
    flaky = FailsOnPage(session.client, failing_page=2)
    session.alarms.client = flaky
    session.alarms.refetch()
    qtbot.waitUntil(lambda: flaky.pages >= 2, timeout=5000)
    qtbot.wait(200)  # the failure reaches the GUI thread
    assert sorted(session.banner.shown_post_ids) == pids  # nothing stopped
    assert session.policy.sounding_tone in ("alarm", "escalation")


def test_fetch_open_silent_has_no_cap(fresh_platform: RunningPlatform, client_: Any) -> None:
    """More open reports than the old 2,000 cap (a city-wide incident): every one comes."""
    pids = insert_posts(fresh_platform, [{"board": "silent"} for _ in range(2_050)])
    assert sorted(p.id for p in fetch_open_silent(client_)) == pids


@pytest.fixture
def client_(fresh_platform: RunningPlatform) -> Any:
    from console.api.client import PlatformClient

    c = PlatformClient(fresh_platform.url, workstation="t")
    c.login("010001", PASSWORD, "t")
    return c


@pytest.mark.qt_log_ignore("^This plugin does not support raise\\(\\)$", extend=True)
def test_the_wall_display_shows_an_open_report_large_escalated_and_ageing(
    qtbot: Any, fresh_platform: RunningPlatform, session: Session
) -> None:
    from console.views.dashboard.dashboard import Dashboard

    dash = session.window.dashboard
    assert isinstance(dash, Dashboard)
    session.window.pages.setCurrentWidget(dash)
    dash.set_wall_mode(True)
    qtbot.waitUntil(dash.isFullScreen)
    wall = dash.wall_alarms
    assert wall.isHidden()
    pid = silent_report(fresh_platform, "我被困在电梯里，有人跟着我")
    qtbot.waitUntil(lambda: wall.isVisible() and len(wall.rows) == 1, timeout=10_000)
    row = wall.rows[0]
    assert row.property("post_id") == pid and f"#{pid}" in row.text()
    assert "未确认接警" in row.text()
    # full width of the wall, in large type
    assert row.width() >= dash.wall_host.width() - 2
    assert row.font().pointSizeF() >= 20 or "26pt" in row.styleSheet()
    # the age counts up while it waits
    first = row.text()
    qtbot.waitUntil(lambda: row.text() != first, timeout=3_000)
    # escalated (2 s on this platform): its own colour and word
    calm = row.styleSheet()
    qtbot.waitUntil(lambda: row.property("escalated") is True, timeout=15_000)
    assert "已升级" in row.text() and row.styleSheet() != calm
    # acknowledged: gone from the wall
    session.acknowledge(pid)
    qtbot.waitUntil(wall.isHidden, timeout=10_000)
    dash.set_wall_mode(False)
