"""Every state of the main window fits the screens officers have: 1366×768 at 100 % and
1920×1080 at 125 % (1536×864 logical), each less a 40 px taskbar — banners stacked,
a case open, the dashboard, the wall display — with the send button, the acknowledge
button and the status bar on screen."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QApplication, QWidget

from console.app import ConsoleApp
from console.session import Session
from console.views.case.reply_editor import NOTE, PUBLIC
from console.views.theme import apply_theme
from tests.helpers.console import PASSWORD, attach, dispose, make_app, photo_png, signed_in
from tests.helpers.console_expected_logs import REFUSED
from tests.helpers.media import wav_bytes
from tests.helpers.platform import RunningPlatform, citizen_post, silent_report

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("chinese", "styled")]

TASKBAR = 40
SCREENS = {
    "1366x768@100%": QSize(1366, 768 - TASKBAR),
    "1920x1080@125%": QSize(1536, 864 - TASKBAR),
}


def problems(window: QWidget, area: QSize, must_see: dict[str, QWidget]) -> list[str]:
    """What does not fit when the window is made exactly as large as the work area."""
    out = []
    for _ in range(5):  # pending layout requests first (one level per pass)
        QApplication.processEvents()
    hint = window.minimumSizeHint().expandedTo(window.minimumSize())
    if hint.width() > area.width() or hint.height() > area.height():
        print(describe(window, max_depth=9))  # where the height goes, for the reader
        out.append(f"minimum size {hint.width()}×{hint.height()} > {area.width()}×{area.height()}")
    window.resize(area)
    QApplication.processEvents()
    if window.size() != area:
        out.append(
            f"resized to {window.width()}×{window.height()}, not {area.width()}×{area.height()}"
        )
    inside = QRect(QPoint(0, 0), window.size())
    for name, w in must_see.items():
        if not w.isVisible():
            out.append(f"{name} hidden")
            continue
        rect = QRect(w.mapTo(window, QPoint(0, 0)), w.size())
        if not inside.contains(rect) or w.visibleRegion().isEmpty():
            out.append(f"{name} off screen at {rect.getRect()}")
    return out


@pytest.fixture
def styled(qapp: QApplication) -> Iterator[None]:
    """The console's own look (the 11 pt type and paddings of its style sheet), as
    `duty-console` applies it at start: unstyled widgets are 10–15 % smaller."""
    apply_theme(qapp, "light")
    yield
    qapp.setStyleSheet("")


@pytest.fixture
def officer(qtbot: Any, platform: RunningPlatform) -> Iterator[Session]:
    app = make_app(platform, badge="010001", password=PASSWORD)
    session = signed_in(qtbot, app)
    yield session
    dispose(app)


@pytest.fixture
def leader(qtbot: Any, platform: RunningPlatform) -> Iterator[Session]:
    app: ConsoleApp = make_app(platform, badge="010900", password=PASSWORD)
    session = signed_in(qtbot, app)
    yield session
    dispose(app)


def open_case_with_attachments(qtbot: Any, session: Session, platform: RunningPlatform) -> None:
    citizen = platform.citizen("王女士")
    pid = citizen_post(citizen, "小区门口有人打架，已经有人受伤", body="请派人来看看。\n" * 6)
    attach(citizen, pid, photo_png(), "现场.png")
    attach(citizen, pid, wav_bytes(), "录音.wav")
    session.open_case(pid)
    qtbot.waitUntil(lambda: session.case_view.detail is not None, timeout=10_000)


@pytest.mark.expected_log(REFUSED + r"POST .*/acknowledge: 412 stale_version")
@pytest.mark.parametrize("screen", list(SCREENS))
def test_case_open_under_stacked_banners_fits(
    qtbot: Any, platform: RunningPlatform, officer: Session, screen: str
) -> None:
    for i in range(4):
        silent_report(platform, f"第{i + 1}条：我在公交车上被人跟踪，不敢打电话")
    qtbot.waitUntil(lambda: len(officer.banner.shown_post_ids) == 4, timeout=10_000)
    open_case_with_attachments(qtbot, officer, platform)
    w = officer.window
    must = {
        "send button": officer.case_view.editor.send_button,
        "acknowledge button": officer.banner.first_ack_button(),
        "status bar": w.status,
    }
    found = problems(w, SCREENS[screen], must)
    assert found == []
    # and it shrinks back once the reports are acknowledged
    for pid in list(officer.banner.shown_post_ids):
        officer.acknowledge(pid)
    qtbot.waitUntil(lambda: not officer.banner.shown_post_ids, timeout=10_000)
    assert problems(w, SCREENS[screen], {"send button": officer.case_view.editor.send_button}) == []


@pytest.mark.parametrize("screen", list(SCREENS))
def test_the_queue_before_any_case_fits(
    qtbot: Any, platform: RunningPlatform, officer: Session, screen: str
) -> None:
    """Signed in, no case yet, a long count beside the filters: the hidden case page's
    buttons and the count once made the window 1445 px wide on a 1366 px screen."""
    assert officer.case_view.detail is None
    officer.queue_view.filter_bar.count_label.set_full_text("已加载 1000+ 条，向下滚动加载更多" * 2)
    assert problems(officer.window, SCREENS[screen], {"status bar": officer.window.status}) == []


@pytest.mark.parametrize("screen", list(SCREENS))
def test_dashboard_and_wall_fit(
    qtbot: Any, platform: RunningPlatform, leader: Session, screen: str
) -> None:
    dash = leader.window.dashboard
    assert dash is not None and leader.window.pages.currentWidget() is dash
    assert problems(leader.window, SCREENS[screen], {"status bar": leader.window.status}) == []


def describe(w: QWidget, depth: int = 0, max_depth: int = 6) -> str:
    """Minimum heights down the widget tree (printed when a fit test fails)."""
    if depth > max_depth or not w.isVisible():
        return ""
    h = w.minimumSizeHint()
    name = f"{type(w).__name__}#{w.objectName()}"
    line = "  " * depth + f"{name} min {h.width()}x{h.height()}\n"
    for c in w.children():
        if isinstance(c, QWidget) and not c.isWindow():
            line += describe(c, depth + 1, max_depth)
    return line


# Measured in the console's own style sheet (`styled`), with room to spare for the wider
# faces of some workstations (Microsoft YaHei UI sets Chinese about 10 % wider than Noto).
WIDER_FONTS = 1.15


@pytest.mark.parametrize("screen", list(SCREENS))
def test_the_reply_editor_says_in_full_who_will_read_the_text(
    qtbot: Any, platform: RunningPlatform, officer: Session, screen: str
) -> None:
    """Beside the mode buttons, one line says who will read what is typed: at 1366×768 it
    was cut to "公开回复 ·", the very part that mattered gone."""
    open_case_with_attachments(qtbot, officer, platform)
    officer.window.resize(SCREENS[screen])
    editor = officer.case_view.editor
    for mode in (PUBLIC, NOTE):
        editor.set_mode(mode)
        for _ in range(3):
            QApplication.processEvents()
        strip = editor.strip
        needed = strip.fontMetrics().horizontalAdvance(strip.text()) * WIDER_FONTS
        assert needed <= strip.contentsRect().width(), (strip.text(), strip.contentsRect())


@pytest.mark.parametrize("no_receipt", [False, True], ids=["receipt", "no-receipt"])
@pytest.mark.parametrize("screen", list(SCREENS))
def test_a_silent_reports_case_fits_with_its_private_messages(
    qtbot: Any, platform: RunningPlatform, officer: Session, screen: str, no_receipt: bool
) -> None:
    """The case an officer opens most urgently: a silent report (location rows, the map
    beside its text, a longer action row) on the private-messages tab, with three reports
    waiting above; and one whose reporter asked for no receipt (a warning more). At
    1366×768 it once asked for 849 px: the reply editor, its send button and the status
    bar were below the screen, the messages squeezed to a sliver."""
    first = silent_report(
        platform,
        "公交车上有人持刀抢劫，我在后排不敢出声，车刚过人民路口往东开",
        location={"lat": 30.5992, "lon": 114.3391, "accuracy_m": 35},
        suppress_receipt=no_receipt,
    )
    for i in range(2):
        silent_report(platform, f"第{i + 2}条：小区地下车库有人尾随我，我躲在车里")
    qtbot.waitUntil(lambda: len(officer.banner.shown_post_ids) >= 3, timeout=10_000)
    officer.open_case(first)
    view = officer.case_view
    qtbot.waitUntil(lambda: view.detail is not None and view.detail.id == first, timeout=10_000)
    assert view.tabs.currentWidget() is view.private
    must = {
        "acknowledge button": officer.banner.first_ack_button(),
        "status bar": officer.window.status,
        "private message box": view.private.edit,
        "private send button": view.private.send_button,
    }
    assert problems(officer.window, SCREENS[screen], must) == []
    # room to read and to write, not a sliver of each
    assert view.private.scroller.height() >= 60 and view.private.edit.height() >= 40
    # one place to type at a time: the reply editor is back with its tab (R: a reply)
    assert not view.editor.isVisible()
    qtbot.keyClick(officer.window, Qt.Key.Key_R)
    assert view.tabs.currentWidget() is view.conversation and view.editor.isVisible()
    assert view.editor.edit.hasFocus()
    must = {
        "acknowledge button": officer.banner.first_ack_button(),
        "status bar": officer.window.status,
        "send button": view.editor.send_button,
    }
    assert problems(officer.window, SCREENS[screen], must) == []
