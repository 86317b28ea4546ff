"""AlertBanner as an officer sees it: order, age, buttons, shortcut, focus, hostile text."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMainWindow, QPlainTextEdit, QVBoxLayout, QWidget

from console.alerts.journal import AlertJournal
from console.alerts.policy import AlarmPolicy, OpenAlarm
from console.api.models import Author, Location, Me, OfficerRef, PostSummary
from console.views.shell import alert_banner
from console.views.shell.alert_banner import AlertBanner
from console.views.text import duration
from console.views.theme import DARK, LIGHT, apply_theme
from tests.helpers.clock import Clock
from tests.helpers.console import summary
from tests.helpers.fakes import FakeSoundPlayer

pytestmark = pytest.mark.unit

NOW = datetime(2025, 3, 1, 8, 10, 0, tzinfo=UTC)
HOSTILE = "<b>x</b><script>alert(1)</script>\u202eabc\u200bdef<img src=http://evil/x.png>"


def report(
    pid: int,
    seconds_ago: int,
    text: str = "有人在撬我家门锁，我躲在卧室里",
    address: str | None = "崂山区海口路 88 号",
    escalated: bool = False,
) -> PostSummary:
    created = NOW - timedelta(seconds=seconds_ago)
    return summary(
        pid,
        kind="silent_report",
        board="V报警",
        title=text[:20],
        excerpt=text,
        status="new",
        author=Author(nickname="匿名"),
        channel="app",
        unit_id=1,
        assignee_id=None,
        created_at=created,
        updated_at=created,
        deadline_at=None,
        overdue=False,
        version=1,
        location=Location(lat=36.06712, lon=120.38261, accuracy_m=15.0, address=address),
        escalated_at=NOW if escalated else None,
    )


def alarms(*summaries: PostSummary) -> list[OpenAlarm]:
    return [OpenAlarm(s, s.escalated_at is not None, NOW) for s in summaries]


class Window(QMainWindow):
    """The shape the main window gives the banner: on top, the reply editor below."""

    def __init__(self, clock: Clock) -> None:
        super().__init__()
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        self.banner = AlertBanner(clock=clock)
        self.editor = QPlainTextEdit()
        layout.addWidget(self.banner)
        layout.addWidget(self.editor, 1)
        self.setCentralWidget(central)
        self.resize(1100, 500)


@pytest.fixture
def clock() -> Clock:
    return Clock(NOW)


@pytest.fixture
def window(qtbot, clock: Clock) -> Window:
    w = Window(clock)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_waiting_time_reads_as_a_clock(window: Window, clock: Clock) -> None:
    window.banner.set_alarms(alarms(report(1, 37), report(2, 3723), report(3, -4)))
    ages = [window.banner.row(pid).age.text() for pid in (1, 2, 3)]
    # a report from a clock slightly ahead of ours has waited 00:00, not a negative time
    assert ages == ["Waiting 00:37", "Waiting 1:02:03", "Waiting 00:00"]
    assert duration(605, "clock") == "10:05"


def test_the_banner_follows_the_theme(qapp: Any, window: Window) -> None:
    """The night shift's dark theme darkens the banner's ground and buttons; the rows
    stay alarm red in both."""
    banner = window.banner
    style, sheet, palette = qapp.style().name(), qapp.styleSheet(), QPalette(qapp.palette())
    try:
        apply_theme(qapp, "light")
        assert f"#AlertBanner {{ background: {LIGHT.banner_bg}; }}" in banner.styleSheet()
        apply_theme(qapp, "dark")
        assert f"#AlertBanner {{ background: {DARK.banner_bg}; }}" in banner.styleSheet()
        assert f"background: {DARK.banner_ack_bg}" in banner.styleSheet()
        assert LIGHT.banner_row == DARK.banner_row  # an alarm looks like an alarm
    finally:
        qapp.setStyle(style)
        qapp.setStyleSheet(sheet)
        qapp.setPalette(palette)


def test_hidden_until_there_is_something_to_show(window: Window) -> None:
    assert window.banner.isHidden()
    window.banner.set_alarms(alarms(report(1, 5)))
    assert window.banner.isVisible()
    window.banner.set_alarms([])
    assert window.banner.isHidden()


def test_lists_reports_oldest_first_with_location_and_escalation(window: Window) -> None:
    banner = window.banner
    older = report(1042, 205, "我在 18 路公交车上，有人拿刀逼老人交手机", "人民路公交站", True)
    newer = report(1057, 37)
    banner.set_alarms(alarms(older, newer))

    assert banner.shown_post_ids == [1042, 1057]
    top, second = banner.row(1042), banner.row(1057)
    assert top.tag.text() == "ESCALATED" and second.tag.text() == "SILENT REPORT"
    assert top.property("escalated") is True and second.property("escalated") is False
    assert top.text.full_text() == "我在 18 路公交车上，有人拿刀逼老人交手机"
    assert second.meta.full_text() == "#1057  ·  崂山区海口路 88 号  ·  36.06712, 120.38261 (±15 m)"
    assert top.age.text() == "Waiting 03:25" and second.age.text() == "Waiting 00:37"
    # with two open, Ctrl+Shift+A asks which: no button claims the key
    assert top.ack.text() == second.ack.text() == "Acknowledge"
    # collapsed: the oldest report and a count of the others
    assert top.isVisible() and not second.isVisible()
    assert banner.more_button.text().startswith("▾ 1 more silent report")
    banner.set_expanded(True)
    assert second.isVisible()
    for _ in range(3):  # let the expanded rows take their place, level by level
        QApplication.processEvents()

    # Rendered, the escalated row is visibly darker than the ordinary one.
    image = banner.grab().toImage()
    y_top = top.mapTo(banner, top.rect().center()).y()
    y_second = second.mapTo(banner, second.rect().center()).y()
    x = top.text.mapTo(banner, top.text.rect().bottomRight()).x() + 10
    dark, red = QColor(image.pixel(x, y_top)), QColor(image.pixel(x, y_second))
    assert dark.lightness() < red.lightness() - 30
    assert red.red() > 150 and red.green() < 80


def test_age_counts_up_every_second(window: Window, clock: Clock, qtbot) -> None:
    window.banner.set_alarms(alarms(report(5, 37)))
    label = window.banner.row(5).age
    assert label.text() == "Waiting 00:37"
    clock.now += timedelta(seconds=1)
    qtbot.waitUntil(lambda: label.text() == "Waiting 00:38", timeout=2500)


def test_acknowledge_button_emits_once_until_the_request_resolves(window: Window, qtbot) -> None:
    banner = window.banner
    banner.set_alarms(alarms(report(1, 60), report(2, 30)))
    button = banner.row(2).ack
    with qtbot.waitSignal(banner.acknowledge_requested) as sig:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert sig.args == [2]
    assert not button.isEnabled() and button.text() == "Acknowledging…"
    with qtbot.assertNotEmitted(banner.acknowledge_requested):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    banner.acknowledge_failed(2)  # e.g. the platform could not be reached
    assert button.isEnabled() and button.text() == "Acknowledge"


def press_ack_keys(widget: QWidget) -> None:
    QTest.keyClick(
        widget,
        Qt.Key.Key_A,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )


def test_shortcut_acknowledges_the_report_on_screen_while_typing(window: Window, qtbot) -> None:
    window.activateWindow()
    window.editor.setFocus()
    qtbot.waitUntil(window.editor.hasFocus)
    QTest.keyClick(window.editor, Qt.Key.Key_H)

    window.banner.set_alarms(alarms(report(7, 90), report(8, 10), report(9, 5)))
    assert window.editor.hasFocus()  # the banner appearing did not take the focus
    window.banner.on_screen = lambda: 8  # the officer has report 8 open in the case pane
    with qtbot.waitSignal(window.banner.acknowledge_requested) as sig:
        press_ack_keys(window.editor)
    assert sig.args == [8]
    # Pressing the button does not pull the focus out of the editor (checked between
    # press and release: once clicked, the button disables itself and Qt would hand the
    # focus on anyway).
    window.banner.set_expanded(True)
    button = window.banner.row(9).ack
    qtbot.mousePress(button, Qt.MouseButton.LeftButton)
    assert window.editor.hasFocus()
    with qtbot.waitSignal(window.banner.acknowledge_requested) as sig:
        qtbot.mouseRelease(button, Qt.MouseButton.LeftButton)
    assert sig.args == [9]
    assert window.editor.hasFocus()
    assert window.editor.toPlainText() == "h"


def test_shortcut_with_several_open_and_none_on_screen_asks_which(window: Window, qtbot) -> None:
    banner = window.banner
    banner.set_alarms(alarms(report(7, 90), report(8, 10), report(9, 5)))
    window.activateWindow()
    window.editor.setFocus()
    qtbot.waitUntil(window.editor.hasFocus)
    with qtbot.assertNotEmitted(banner.acknowledge_requested):
        press_ack_keys(window.editor)  # never the oldest blind
        qtbot.waitUntil(lambda: banner.chooser is not None and banner.chooser.isVisible())
    chooser = banner.chooser
    assert chooser is not None and chooser.post_ids() == [7, 8, 9]
    assert not chooser.ok_button.isEnabled()  # nothing picked yet: Enter does nothing
    with qtbot.assertNotEmitted(banner.acknowledge_requested):
        QTest.keyClick(chooser.list, Qt.Key.Key_Return)
    with qtbot.waitSignal(banner.acknowledge_requested) as sig:
        QTest.keyClick(chooser, Qt.Key.Key_2)  # the second in the list
    assert sig.args == [8]
    qtbot.waitUntil(lambda: banner.chooser is None)


def test_shortcut_with_one_report_acknowledges_it(window: Window, qtbot) -> None:
    window.banner.set_alarms(alarms(report(4, 96)))
    assert window.banner.row(4).ack.text() == "Acknowledge (Ctrl+Shift+A)"
    window.activateWindow()
    window.editor.setFocus()
    qtbot.waitUntil(window.editor.hasFocus)
    with qtbot.waitSignal(window.banner.acknowledge_requested) as sig:
        press_ack_keys(window.editor)
    assert sig.args == [4]


def test_clicking_a_report_asks_to_open_it(window: Window, qtbot) -> None:
    window.banner.set_alarms(alarms(report(3, 40)))
    row = window.banner.row(3)
    with qtbot.waitSignal(window.banner.open_requested) as sig:
        qtbot.mouseClick(row.text, Qt.MouseButton.LeftButton)
    assert sig.args == [3]


def test_hostile_report_text_is_shown_literally(window: Window) -> None:
    window.banner.set_alarms(alarms(report(66, 3, HOSTILE, address="<i>addr</i>\u202eevil")))
    row = window.banner.row(66)
    for label in (row.text, row.meta):
        assert label.textFormat() == Qt.TextFormat.PlainText
        assert "\u202e" not in label.text() and "\u200b" not in label.text()
    shown = row.text.full_text()
    assert shown.startswith("<b>x</b><script>alert(1)</script>[U+202E]abc[U+200B]def<img")
    assert "<i>addr</i>[U+202E]evil" in row.meta.full_text()
    tip = row.text.toolTip()
    assert "<b>" not in tip and "&lt;b&gt;x&lt;/b&gt;" in tip and "&lt;img" in tip


def test_acknowledgement_notice_names_the_officer_then_fades(
    window: Window, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(alert_banner, "NOTICE_SECONDS", 0.3)
    window.banner._clock = lambda: datetime.now(UTC)  # this test needs real time to pass
    window.banner.show_acknowledged(report(3, 12), "李静", 12.4)
    assert window.banner.notice.isVisible()
    assert window.banner.notice.text() == "Silent report #3 acknowledged by 李静 after 12 s"
    window.banner.show_acknowledged(report(4, 125), "王<b>强</b>", 125)
    assert "王<b>强</b> after 2 min 5 s" in window.banner.notice.text()
    qtbot.waitUntil(window.banner.isHidden, timeout=3000)


def test_audio_failure_shows_a_permanent_warning(window: Window, tmp_path: Path, qtbot) -> None:
    player = FakeSoundPlayer()
    journal = AlertJournal(tmp_path / "j.jsonl", fsync=False)
    me = Me(id=1, badge="010001", name="张伟", unit_id=1, role="officer")
    policy = AlarmPolicy(player, journal, me, clock=lambda: NOW)
    banner = window.banner
    banner.bind(policy, player)
    assert banner.isHidden() and not banner.audio_warning_visible

    player.set_output_ok(False)
    assert not player.output_ok
    assert banner.isVisible() and banner.audio_warning_visible
    assert banner.audio_warning_label.text() == (
        "Alarms cannot sound: No audio output device found"
    )
    # The policy's alarm and the broken output are shown together.
    policy.on_silent_created(report(9, 4))
    assert banner.shown_post_ids == [9] and banner.audio_warning_visible
    acked = replace(
        report(9, 4),
        acknowledged_by=OfficerRef(id=2, badge="010002", name="李静"),
        acknowledged_at=NOW,
    )
    policy.on_silent_acknowledged(acked)
    assert banner.shown_post_ids == []
    assert banner.audio_warning_visible  # permanent: it stays after the alarm ends

    player.set_output_ok(True)
    assert not banner.audio_warning_visible
    journal.close()


def test_broken_output_at_start_is_shown_at_bind(window: Window, tmp_path: Path) -> None:
    player = FakeSoundPlayer(output_ok=False)
    journal = AlertJournal(tmp_path / "j.jsonl", fsync=False)
    me = Me(id=1, badge="010001", name="张伟", unit_id=1, role="officer")
    window.banner.bind(AlarmPolicy(player, journal, me), player)
    assert window.banner.isVisible() and window.banner.audio_warning_visible
    journal.close()


def test_many_reports_collapse_to_one_row_and_a_count(window: Window) -> None:
    banner = window.banner
    banner.set_alarms(alarms(*(report(i, 100 - i) for i in range(1, 7))))
    assert banner.shown_post_ids == [1, 2, 3, 4, 5, 6]
    row_height = banner.row(1).sizeHint().height()
    assert banner.rows_area.height() <= row_height + 2
    assert banner.more_button.isVisible()
    assert banner.more_button.text().startswith("▾ 5 more silent report")
    banner.more_button.click()
    assert banner.expanded and banner.rows_area.height() <= 3 * row_height + 2
    banner.more_button.click()
    assert not banner.expanded
    banner.set_alarms(alarms(report(4, 96)))
    assert banner.shown_post_ids == [4]
    assert banner.row(4).ack.text() == "Acknowledge (Ctrl+Shift+A)"
