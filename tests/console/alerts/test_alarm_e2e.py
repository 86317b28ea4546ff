"""Silent-report alarms end to end (issue 4, "Done when"): several full consoles in one
process, each signed in to the real platform on loopback with its own client, token,
event stream, store, alarm policy, banner, fake sound output and alert journal.

What is asserted is what people would notice: which consoles sound and with which
tone, what the banner lists and says, what the status bar shows, and what the
journal holds for the review after an incident.
"""

from __future__ import annotations

import gc
import json
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from console.alerts.journal import AlertJournal, utc_now
from console.alerts.player import ALARM, CHIME, ESCALATION, LINK_LOST
from console.alerts.policy import MIN_ALARM_VOLUME
from console.api.client import PlatformClient
from console.session import Session
from console.settings import Settings
from console.signin import fetch_session_info
from console.views.dialogs.settings import SettingsDialog
from platform_server.config import ServerSettings
from platform_server.embedded import EmbeddedServer
from tests.helpers.clock import Clock
from tests.helpers.console import PASSWORD
from tests.helpers.fakes import FakeClipPlayer, FakeSoundPlayer
from tests.helpers.platform import RunningPlatform, citizen_post, silent_report

pytestmark = pytest.mark.e2e

OFFICER_1, OFFICER_2 = "010001", "010002"  # 张伟, 李静: both duty officers in cmd
CITY_LEADER = "010900"  # 刘建华, bureau: alarms for escalations, not for cmd's reports


@dataclass
class Console:
    """One officer's full console, as an officer would see and hear it."""

    badge: str
    session: Session
    player: FakeSoundPlayer
    journal: AlertJournal
    journal_path: Path
    settings: Settings
    states: list[tuple[str, str]] = field(default_factory=list)  # (state, status text)

    @property
    def banner_ids(self) -> list[int]:
        return self.session.banner.shown_post_ids

    @property
    def loops(self) -> set[str]:
        return self.player.loops

    @property
    def notice(self) -> str:
        n = self.session.banner.notice
        return n.text() if n.isVisible() else ""

    def knows(self, post_id: int) -> bool:
        return post_id in self.session.store

    def lines(self) -> list[dict[str, Any]]:
        assert self.journal.flush(5.0)
        if not self.journal_path.exists():
            return []
        text = self.journal_path.read_text(encoding="utf-8")
        return [json.loads(line) for line in text.splitlines()]

    def events(self, post_id: int | None = None) -> list[str]:
        return [e["event"] for e in self.lines() if post_id is None or e.get("post_id") == post_id]


class Consoles:
    """Opens consoles against a platform and closes them the way the process would."""

    def __init__(self, qtbot: QtBot, tmp_path: Path) -> None:
        self.qtbot = qtbot
        self.tmp_path = tmp_path
        self.opened: list[Console] = []

    def open(
        self,
        platform: RunningPlatform,
        badge: str,
        *,
        player: FakeSoundPlayer | None = None,
        offline_after: float | None = None,
        clock: Clock | None = None,
    ) -> Console:
        workstation = f"e2e-{badge}"
        client = PlatformClient(platform.url, workstation=workstation)
        client.login(badge, PASSWORD, workstation)
        info = fetch_session_info(client, platform.url, badge, workstation, False)
        settings = Settings(self.tmp_path / f"settings-{badge}.ini")
        journal_path = self.tmp_path / f"journal-{badge}.jsonl"
        journal = AlertJournal(journal_path, fsync=False)
        player = player or FakeSoundPlayer()
        session = Session(
            info,
            client,
            settings,
            player=player,
            journal=journal,
            clip_player=FakeClipPlayer(),
            clock=clock or utc_now,
        )
        # Quick retries keep the restart tests short; the production values are tested
        # in test_stream.py.
        session.stream.backoff_initial = 0.3
        session.stream.backoff_max = 1.0
        if offline_after is not None:
            session.stream.offline_after = offline_after
        console = Console(badge, session, player, journal, journal_path, settings)
        label = session.window.status.connection_label
        # Connected after the session's own slot: the label already shows the new state.
        session.stream.state_changed.connect(
            lambda state, *_a: console.states.append((state, label.text()))
        )
        self.opened.append(console)
        session.start()
        session.window.resize(1400, 800)
        self.qtbot.waitUntil(lambda: session.stream.state == "live", timeout=10_000)
        self.qtbot.waitUntil(lambda: session.queue_loaded, timeout=10_000)
        return console

    def close_all(self) -> None:
        for c in self.opened:
            c.session.close()
            c.journal.close()
            c.session.window.close()
        for c in self.opened:
            # Deleted here, on the GUI thread: a garbage collection run by some worker
            # thread must never be the one to destroy a Qt object.
            c.session.window.deleteLater()
            c.session.deleteLater()
            c.player.deleteLater()
            c.settings.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        gc.collect()
        self.opened.clear()


@pytest.fixture
def consoles(qtbot: QtBot, tmp_path: Path) -> Iterator[Consoles]:
    made = Consoles(qtbot, tmp_path)
    yield made
    made.close_all()


@pytest.fixture
def flashes(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Windows whose taskbar entry was asked to flash (QApplication.alert)."""
    seen: list[Any] = []
    monkeypatch.setattr(
        "console.alarm_desk.QApplication.alert", lambda widget, ms=0: seen.append(widget)
    )
    return seen


def wait_all(qtbot: QtBot, condition: Callable[[], bool], timeout: int = 5000) -> None:
    qtbot.waitUntil(condition, timeout=timeout)


# ------------------------------------------------------------------------ the tests
def test_a_silent_report_alarms_two_consoles_and_one_acknowledgement_silences_both(
    qtbot: QtBot, fresh_platform: RunningPlatform, consoles: Consoles, flashes: list[Any]
) -> None:
    zhang = consoles.open(fresh_platform, OFFICER_1)
    li = consoles.open(fresh_platform, OFFICER_2)
    assert zhang.loops == li.loops == set()

    pid = silent_report(
        fresh_platform,
        "我在出租车上，司机不让我下车，不敢打电话",
        location={"lat": 36.0671, "lon": 120.3826, "accuracy_m": 12},
    )
    wait_all(qtbot, lambda: zhang.banner_ids == [pid] and li.banner_ids == [pid])
    for c in (zhang, li):
        assert c.loops == {ALARM}
        row = c.session.banner.row(pid)
        assert row.text.full_text() == "我在出租车上，司机不让我下车，不敢打电话"
        assert "36.06710, 120.38260" in row.meta.full_text()
        assert c.session.banner.isVisible()
    assert {id(w) for w in flashes} == {id(zhang.session.window), id(li.session.window)}

    qtbot.mouseClick(zhang.session.banner.row(pid).ack, Qt.MouseButton.LeftButton)
    wait_all(qtbot, lambda: zhang.banner_ids == [] and li.banner_ids == [])
    for c in (zhang, li):
        assert c.loops == set()
        assert ("stop", ALARM) in c.player.calls
        notice = c.notice
        assert f"Silent report #{pid} acknowledged by 张伟 after " in notice
        assert notice.rstrip().endswith(" s")
    acknowledged = [e for e in zhang.lines() if e["event"] == "acknowledged"]
    assert len(acknowledged) == 1 and acknowledged[0]["by_me"] is True
    seconds = acknowledged[0]["seconds"]
    assert 0 <= seconds < 5
    assert f"after {round(seconds)} s" in zhang.notice

    for c in (zhang, li):
        assert c.events() == ["alarm_started", "acknowledged", "alarm_stopped"], c.badge
        assert c.events(pid) == ["alarm_started", "acknowledged"]
    (li_ack,) = [e for e in li.lines() if e["event"] == "acknowledged"]
    assert li_ack["officer"] == "张伟" and li_ack["by_me"] is False


def test_an_unacknowledged_report_escalates_and_reaches_a_leaders_console(
    qtbot: QtBot, fresh_platform: RunningPlatform, consoles: Consoles
) -> None:
    zhang = consoles.open(fresh_platform, OFFICER_1)
    li = consoles.open(fresh_platform, OFFICER_2)
    leader = consoles.open(fresh_platform, CITY_LEADER)

    pid = silent_report(fresh_platform, "有人一直跟着我，我躲在商场厕所里")
    wait_all(qtbot, lambda: zhang.banner_ids == li.banner_ids == [pid] and leader.knows(pid))
    # The report is in the leader's queue, but not the leader's alarm: not escalated yet,
    # and not the leader's own unit.
    assert leader.loops == set() and leader.banner_ids == []
    assert not leader.session.banner.isVisible()
    assert leader.session.store.get(pid).escalated_at is None  # type: ignore[union-attr]

    # The fixture escalates after 2 s without an acknowledgement.
    wait_all(qtbot, lambda: leader.banner_ids == [pid], timeout=8000)
    wait_all(qtbot, lambda: all(c.loops == {ESCALATION} for c in (zhang, li, leader)))
    for c in (zhang, li, leader):
        row = c.session.banner.row(pid)
        assert row.property("escalated") is True
        assert row.tag.text() == "ESCALATED"
    for c in (zhang, li):
        # the ordinary alarm gave way to the urgent tone; it was not added on top
        calls = c.player.calls
        assert calls.index(("play_loop", ALARM)) < calls.index(("stop", ALARM))
        assert calls.index(("stop", ALARM)) < calls.index(("play_loop", ESCALATION))
        assert c.events(pid) == ["alarm_started", "escalated"]
    assert ("play_loop", ALARM) not in leader.player.calls
    started = [e for e in leader.lines() if e["event"] == "alarm_started"]
    assert [(e["post_id"], e["source"]) for e in started] == [(pid, "escalation")]
    assert started[0]["report_age_seconds"] >= 2
    assert leader.events(pid) == ["alarm_started", "escalated"]

    # The leader acknowledges with the shortcut: every console falls silent.
    leader.session.window.activateWindow()
    qtbot.waitUntil(leader.session.window.isActiveWindow, timeout=3000)
    qtbot.keyClick(
        leader.session.window,
        Qt.Key.Key_A,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    wait_all(qtbot, lambda: all(c.banner_ids == [] for c in (zhang, li, leader)))
    for c in (zhang, li, leader):
        assert c.loops == set()
        assert f"#{pid} acknowledged by 刘建华" in c.notice
        assert c.events(pid)[-1] == "acknowledged"


def go_down(platform: RunningPlatform) -> None:
    platform.server.stop()


def come_back(platform: RunningPlatform) -> None:
    """The platform is back at the same address with the same data (as after a restart)."""
    settings = ServerSettings(db_url=f"sqlite:///{platform.db_path}", escalation_seconds=2.0)
    platform.server = EmbeddedServer(settings, port=platform.server.port).start()


def restart(platform: RunningPlatform) -> None:
    go_down(platform)
    come_back(platform)


def test_reports_around_a_server_restart_each_alarm_exactly_once(
    qtbot: QtBot, fresh_platform: RunningPlatform, consoles: Consoles
) -> None:
    zhang = consoles.open(fresh_platform, OFFICER_1)
    li = consoles.open(fresh_platform, OFFICER_2)
    citizen = fresh_platform.citizen("匿名", None)
    reports = [silent_report(citizen, f"重启前的求助 {i}") for i in range(3)]

    # Down at once: the last reports' events may or may not have reached the consoles.
    go_down(fresh_platform)
    wait_all(qtbot, lambda: all(c.session.stream.state != "live" for c in (zhang, li)))
    come_back(fresh_platform)

    # Reports keep coming while the consoles find their way back (backoff, resume,
    # REST re-fetch of open reports): the moments where an alarm is lost or doubled.
    # Two while both are still away, two once one is back, two once both are.
    def back(c: Console) -> bool:
        return c.session.stream.state == "live"

    for phase, ready in enumerate(
        (lambda: True, lambda: back(zhang) or back(li), lambda: back(zhang) and back(li))
    ):
        wait_all(qtbot, ready, timeout=15_000)
        reports += [silent_report(citizen, f"重启后的求助 {phase}-{i}") for i in range(2)]

    wait_all(qtbot, lambda: all(c.banner_ids == reports for c in (zhang, li)), timeout=15_000)

    # Settled: every report has escalated (2 s unacknowledged) on both consoles, after
    # every replay and re-fetch; now nothing may be doubled.
    def escalations(c: Console) -> set[int]:
        return {e["post_id"] for e in c.lines() if e["event"] == "escalated"}

    wait_all(qtbot, lambda: all(escalations(c) == set(reports) for c in (zhang, li)), 15_000)
    for c in (zhang, li):
        assert c.banner_ids == reports, c.badge  # oldest first, none lost, none stopped
        assert c.loops and c.loops <= {ALARM, ESCALATION}
        lines = c.lines()
        started = Counter(e["post_id"] for e in lines if e["event"] == "alarm_started")
        assert started == Counter(reports), c.badge
        assert [e for e in lines if e["event"] == "alarm_stopped"] == []
        escalated = Counter(e["post_id"] for e in lines if e["event"] == "escalated")
        assert max(escalated.values(), default=1) == 1, escalated
        # The status bar said so: the link dropped, was retried, and is live again.
        states = [s for s, _ in c.states]
        first_retry = states.index("reconnecting")
        assert "live" in states[first_retry:]
        assert c.states[-1] == ("live", "● Live")
        assert ("reconnecting", "Reconnecting (attempt 1)") in c.states
        assert c.session.window.status.connection_label.text() == "● Live"


def test_a_report_made_while_the_refetch_is_on_its_way_keeps_alarming(
    qtbot: QtBot, fresh_platform: RunningPlatform, consoles: Consoles
) -> None:
    """After a reconnect the console asks REST for the open reports. A report made just
    after the platform answered arrives as an event before that (older) answer is
    applied: the answer must not be read as "this report is no longer open"."""
    zhang = consoles.open(fresh_platform, OFFICER_1)
    session = zhang.session
    client = session.client
    fetch = client.list_posts
    made: list[int] = []
    restarting, armed = threading.Event(), threading.Event()
    overtaken = threading.Event()  # the report's event has reached the console
    answered = threading.Event()  # the slow answer has left the platform
    # The re-fetch that follows the reconnect (not one still on its way from before).
    session.stream.connected.connect(
        lambda: armed.set() if restarting.is_set() else None, Qt.ConnectionType.DirectConnection
    )
    session.store.silent_created.connect(lambda p: overtaken.set() if p.id in made else None)

    def slow_refetch(filters: Any = None, cursor: Any = None, limit: int = 100) -> Any:
        page = fetch(filters, cursor, limit)
        if armed.is_set() and (filters or {}).get("kind") == "silent_report":
            armed.clear()
            made.append(silent_report(fresh_platform, "刚被拉上一辆面包车"))
            assert overtaken.wait(10)  # a slow answer: the report's event overtakes it
            answered.set()
        return page

    applied: list[bool] = []  # per resync of the alarms: was it after the slow answer?
    resync = session.policy.resync

    def counted_resync(*args: Any, **kwargs: Any) -> None:
        resync(*args, **kwargs)
        applied.append(answered.is_set())

    session.policy.resync = counted_resync  # type: ignore[method-assign]
    client.list_posts = slow_refetch  # type: ignore[method-assign]
    restarting.set()
    restart(fresh_platform)
    wait_all(qtbot, lambda: bool(made) and zhang.banner_ids == made, timeout=10_000)
    # The slow (older) answer has been applied to the alarms after the report's event.
    qtbot.waitUntil(lambda: True in applied, timeout=10_000)
    assert zhang.banner_ids == made
    assert zhang.loops
    assert zhang.events(made[0])[0] == "alarm_started"
    assert "alarm_stopped" not in zhang.events()


def test_muting_chimes_in_the_settings_never_mutes_a_silent_report(
    qtbot: QtBot, fresh_platform: RunningPlatform, consoles: Consoles
) -> None:
    clock = Clock(datetime.now(UTC))
    zhang = consoles.open(fresh_platform, OFFICER_1, clock=clock)
    first = citizen_post(fresh_platform, "小区门口的井盖丢了")
    wait_all(qtbot, lambda: zhang.knows(first))
    assert zhang.player.played_once() == [CHIME]  # unmuted: an ordinary post chimes

    # Mid-shift the officer opens the settings, mutes chimes, turns the volume right
    # down and presses OK.
    dialog = SettingsDialog(zhang.settings, player=zhang.player, parent=zhang.session.window)
    dialog.open()
    qtbot.mouseClick(dialog.chime_muted_box, Qt.MouseButton.LeftButton)
    dialog.volume_slider.setValue(dialog.volume_slider.minimum())
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    assert zhang.settings.chime_muted is True
    clock.advance(3)  # past the chime's burst limit: silence now comes from the mute
    second = citizen_post(fresh_platform, "楼上装修噪音太大")
    wait_all(qtbot, lambda: zhang.knows(second))  # the chime, if any, sounds as it arrives
    assert zhang.player.played_once() == [CHIME]

    pid = silent_report(fresh_platform, "我被锁在屋里，他在门外")
    wait_all(qtbot, lambda: zhang.banner_ids == [pid])
    assert zhang.loops == {ALARM}
    assert zhang.player.volume == MIN_ALARM_VOLUME
    assert zhang.events(pid) == ["alarm_started"]

    # A settings file edited by hand to volume 0 cannot silence the alarm either.
    zhang.settings.volume = 0
    assert zhang.player.volume == zhang.session.policy.volume == MIN_ALARM_VOLUME
    assert zhang.loops == {ALARM}
    zhang.settings.volume = 65
    assert zhang.player.volume == 65


def test_a_missing_audio_output_shows_a_permanent_red_warning(
    qtbot: QtBot, fresh_platform: RunningPlatform, consoles: Consoles
) -> None:
    # A workstation without any audio output from the start ...
    mute_box = consoles.open(fresh_platform, OFFICER_1, player=FakeSoundPlayer(output_ok=False))
    # ... and one whose headset is unplugged mid-shift.
    li = consoles.open(fresh_platform, OFFICER_2)
    assert not li.session.banner.audio_warning_visible
    assert not li.session.banner.isVisible()
    li.player.set_output_ok(False, "耳机已拔出")

    for c, reason in ((mute_box, "No audio output device found"), (li, "耳机已拔出")):
        banner = c.session.banner
        assert banner.window() is c.session.window  # in the main window, above the queue
        assert banner.isVisible() and banner.audio_warning.isVisible()
        assert banner.audio_warning_label.text() == f"Alarms cannot sound: {reason}"
        colour = banner.audio_warning.palette().color(banner.audio_warning.backgroundRole())
        assert colour.red() > 200 and colour.green() < 80 and colour.blue() < 80

    # The report still alarms (the banner, and the loop waits for the output) ...
    pid = silent_report(fresh_platform, "家里进了陌生人，我在衣柜里")
    wait_all(qtbot, lambda: mute_box.banner_ids == li.banner_ids == [pid])
    assert mute_box.loops == li.loops == {ALARM}
    assert not mute_box.player.is_playing(ALARM)
    qtbot.mouseClick(li.session.banner.row(pid).ack, Qt.MouseButton.LeftButton)
    wait_all(qtbot, lambda: mute_box.banner_ids == li.banner_ids == [])
    wait_all(qtbot, lambda: bool(mute_box.notice and li.notice))  # "acknowledged by …"
    # ... and the warning is permanent: it outlives the alarm and the notice.
    for c in (mute_box, li):
        assert c.session.banner.isVisible() and c.session.banner.audio_warning_visible

    li.player.set_output_ok(True)  # plugged back in
    assert not li.session.banner.audio_warning_visible
    assert mute_box.session.banner.audio_warning_visible


def test_link_lost_tone_plays_once_and_the_journal_records_loss_and_return(
    qtbot: QtBot, fresh_platform: RunningPlatform, consoles: Consoles
) -> None:
    zhang = consoles.open(fresh_platform, OFFICER_1, offline_after=1.0)
    go_down(fresh_platform)
    wait_all(qtbot, lambda: zhang.session.stream.state == "offline", timeout=8000)

    # Several more retries while offline (each one reported): still one tone.
    def offline_reports() -> int:
        return [state for state, _ in zhang.states].count("offline")

    seen = offline_reports()
    wait_all(qtbot, lambda: offline_reports() >= seen + 2, timeout=15_000)
    assert zhang.player.played_once() == [LINK_LOST]
    assert zhang.events() == ["link_lost"]
    label = zhang.session.window.status.connection_label
    assert label.text().startswith("Offline (since ")
    assert [s for s, _ in zhang.states][-1] == "offline"

    come_back(fresh_platform)
    # What the officer sees: the worker's state reaches the status bar a moment later.
    wait_all(qtbot, lambda: label.text() == "● Live", timeout=8000)
    qtbot.waitUntil(lambda: zhang.events() == ["link_lost", "link_restored"], timeout=3000)
    restored = zhang.lines()[-1]
    assert restored["officer"] == "张伟" and restored["offline_seconds"] >= 1.0
    assert zhang.player.played_once() == [LINK_LOST]
    assert zhang.loops == set()  # the link tone is no loop

    # A second outage is a second loss: the tone sounds again.
    go_down(fresh_platform)
    wait_all(qtbot, lambda: zhang.session.stream.state == "offline", timeout=8000)
    # the worker's state is set before the GUI thread has handled its signal
    qtbot.waitUntil(lambda: zhang.player.played_once() == [LINK_LOST, LINK_LOST], timeout=3000)
    come_back(fresh_platform)
    wait_all(qtbot, lambda: zhang.session.stream.state == "live", timeout=8000)


def test_signing_out_as_a_report_arrives_leaves_nothing_sounding(
    qtbot: QtBot, fresh_platform: RunningPlatform, consoles: Consoles
) -> None:
    """The sound output outlives the session (the sign-in screen comes back with the same
    player): a report whose event was already on its way must not start a loop that no
    session is left to stop."""
    zhang = consoles.open(fresh_platform, OFFICER_1)
    stream = zhang.session.stream
    read = threading.Event()
    # Runs on the stream's worker as it reads the event, before the GUI thread sees it.
    stream.event_received.connect(lambda *_: read.set(), Qt.ConnectionType.DirectConnection)
    silent_report(fresh_platform, "他回来了，我不能说话")
    assert read.wait(5)
    zhang.session.close()
    QCoreApplication.sendPostedEvents()  # the event, still queued for the GUI thread, lands
    assert zhang.loops == set()
    assert zhang.banner_ids == []
    assert "alarm_started" not in zhang.events()
