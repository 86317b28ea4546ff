"""AlarmPolicy with a FakeSoundPlayer and a real AlertJournal file: what an officer hears."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from console.alerts.journal import AlertJournal
from console.alerts.policy import MIN_ALARM_VOLUME, AlarmPolicy, OpenAlarm
from console.api.models import Author, Location, OfficerRef, PostSummary
from tests.helpers.clock import Clock
from tests.helpers.console import summary, zhang
from tests.helpers.fakes import FakeSoundPlayer

pytestmark = pytest.mark.unit

T0 = datetime(2025, 3, 1, 8, 0, 0, tzinfo=UTC)
CMD_UNIT, OTHER_UNIT = 1, 7
LI_JING = OfficerRef(id=2, badge="010002", name="李静", unit_id=CMD_UNIT)


def report(
    pid: int,
    *,
    minute: int = 0,
    unit: int = CMD_UNIT,
    kind: str = "silent_report",
    text: str = "公交车上有人持刀抢包，我不敢出声",
) -> PostSummary:
    created = T0 + timedelta(minutes=minute)
    return summary(
        pid,
        kind=kind,  # type: ignore[arg-type]
        board="V报警" if kind == "silent_report" else "治安",
        title=text[:20],
        excerpt=text,
        status="new",
        author=Author(nickname="匿名"),
        channel="app",
        unit_id=unit,
        assignee_id=None,
        created_at=created,
        updated_at=created,
        deadline_at=None,
        overdue=False,
        version=1,
        location=Location(lat=36.0671, lon=120.3826, accuracy_m=15.0, address="人民路 12 号"),
    )


def acked(s: PostSummary, clock: Clock, who: OfficerRef = LI_JING) -> PostSummary:
    return replace(s, acknowledged_by=who, acknowledged_at=clock(), status="accepted")


def escalated(s: PostSummary, clock: Clock) -> PostSummary:
    return replace(s, escalated_at=clock())


class Rig:
    def __init__(self, tmp_path: Path, role: str = "officer", unit: int = CMD_UNIT) -> None:
        self.clock = Clock(T0)
        self.player = FakeSoundPlayer()
        self.journal = AlertJournal(tmp_path / "journal.jsonl", fsync=False, clock=self.clock)
        self.policy = AlarmPolicy(
            self.player, self.journal, zhang(role=role, unit=unit), clock=self.clock
        )
        self.states: list[list[OpenAlarm]] = []
        self.acks: list[tuple[int, str, float]] = []
        self.escalations: list[int] = []
        self.policy.alarm_state_changed.connect(self.states.append)
        self.policy.acknowledged_elsewhere.connect(
            lambda s, name, secs: self.acks.append((s.id, name, secs))
        )
        self.policy.escalated.connect(lambda s: self.escalations.append(s.id))

    def lines(self) -> list[dict]:
        assert self.journal.flush()
        path = self.journal.path
        if not path.exists():
            return []
        return [json.loads(x) for x in path.read_text("utf-8").splitlines()]

    def events(self, event: str) -> list[dict]:
        return [line for line in self.lines() if line["event"] == event]

    def loop_starts(self, name: str) -> int:
        return self.player.calls.count(("play_loop", name))

    def open_ids(self) -> list[int]:
        return [a.post_id for a in self.policy.open_alarms]


@pytest.fixture
def rig(tmp_path: Path):
    r = Rig(tmp_path)
    yield r
    r.journal.close()


def test_silent_report_starts_the_looping_alarm_and_journals_it(rig: Rig) -> None:
    rig.clock.advance(3)
    rig.policy.on_silent_created(report(10))

    assert rig.player.is_playing("alarm")
    assert rig.states[-1][0].post_id == 10
    started = rig.events("alarm_started")
    assert len(started) == 1
    assert started[0]["post_id"] == 10 and started[0]["officer"] == "张伟"
    assert started[0]["report_age_seconds"] == 3.0


def test_one_loop_for_many_reports_and_it_stops_only_when_all_are_acknowledged(rig: Rig) -> None:
    first, second = report(10, minute=0), report(11, minute=1)
    rig.clock.advance(60)
    rig.policy.on_silent_created(second)  # arrives first; the banner still lists oldest first
    rig.policy.on_silent_created(first)
    assert rig.loop_starts("alarm") == 1
    assert rig.open_ids() == [10, 11]

    rig.clock.advance(12)
    rig.policy.on_silent_acknowledged(acked(first, rig.clock))
    assert rig.player.is_playing("alarm")
    assert rig.open_ids() == [11]
    assert rig.acks == [(10, "李静", 72.0)]

    rig.clock.advance(5)
    rig.policy.on_silent_acknowledged(acked(second, rig.clock))
    assert not rig.player.is_playing("alarm")
    assert rig.player.loops == set()
    assert rig.states[-1] == []

    acks = rig.events("acknowledged")
    assert [(a["post_id"], a["officer"], a["badge"], a["seconds"]) for a in acks] == [
        (10, "李静", "010002", 72.0),
        (11, "李静", "010002", 17.0),
    ]
    stopped = rig.events("alarm_stopped")
    assert len(stopped) == 1 and stopped[0]["post_id"] is None
    assert stopped[0]["reason"] == "all_acknowledged"


def test_acknowledgement_seconds_count_from_the_report(rig: Rig) -> None:
    s = report(12, minute=0)
    rig.policy.on_silent_created(s)
    rig.clock.advance(75)
    rig.policy.on_silent_acknowledged(acked(s, rig.clock))
    assert rig.events("acknowledged")[0]["seconds"] == 75.0
    # A replayed acknowledgement changes nothing and is not journalled twice.
    rig.policy.on_silent_acknowledged(acked(s, rig.clock))
    rig.policy.on_silent_created(s)  # nor does a replayed creation restart the alarm
    assert len(rig.events("acknowledged")) == 1
    assert len(rig.events("alarm_started")) == 1
    assert not rig.player.is_playing("alarm")


def test_escalation_switches_to_the_urgent_tone_and_back(rig: Rig) -> None:
    a, b = report(20, minute=0), report(21, minute=1)
    rig.policy.on_silent_created(a)
    rig.policy.on_silent_created(b)
    rig.clock.advance(120)
    rig.policy.on_silent_escalated(escalated(a, rig.clock))

    assert rig.player.is_playing("escalation")
    assert not rig.player.is_playing("alarm")
    assert rig.escalations == [20]
    assert [x.escalated for x in rig.policy.open_alarms] == [True, False]
    rig.policy.on_silent_escalated(escalated(a, rig.clock))  # replayed
    assert len(rig.events("escalated")) == 1 and rig.escalations == [20]

    rig.policy.on_silent_acknowledged(acked(a, rig.clock))
    assert rig.player.is_playing("alarm")  # b is still open and not escalated
    assert not rig.player.is_playing("escalation")


def test_resync_after_reconnect_alarms_a_missed_report_exactly_once(rig: Rig) -> None:
    a, b, c = report(30, minute=0), report(31, minute=1), report(32, minute=2)
    rig.policy.on_silent_created(a)
    rig.policy.on_silent_created(b)
    rig.policy.link_lost()
    # Offline: c was created (event missed), a was acknowledged elsewhere (event missed).
    rig.clock.advance(40)
    rig.policy.link_restored()
    rig.policy.resync([b, c])

    assert rig.open_ids() == [31, 32]
    assert rig.player.is_playing("alarm")
    # The stream then replays what it missed: nothing is doubled.
    rig.policy.on_silent_created(c)
    rig.policy.on_silent_created(b)
    rig.policy.resync([b, c])

    started = [line["post_id"] for line in rig.events("alarm_started")]
    assert sorted(started) == [30, 31, 32]
    assert [s["source"] for s in rig.events("alarm_started") if s["post_id"] == 32] == ["resync"]
    stopped = rig.events("alarm_stopped")
    assert [(s["post_id"], s["reason"]) for s in stopped] == [(30, "not_open_after_resync")]
    assert rig.loop_starts("alarm") == 1  # one continuous loop throughout
    assert [e["event"] for e in rig.lines()].count("link_lost") == 1
    assert rig.events("link_restored")[0]["offline_seconds"] == 40.0


def test_resync_with_nothing_open_stops_the_alarm(rig: Rig) -> None:
    rig.policy.on_silent_created(report(40))
    rig.policy.resync([])
    assert not rig.player.is_playing("alarm")
    assert rig.states[-1] == []


def test_resync_catches_a_missed_escalation(rig: Rig) -> None:
    a = report(41)
    rig.policy.on_silent_created(a)
    rig.clock.advance(200)
    rig.policy.resync([escalated(a, rig.clock)])
    assert rig.player.is_playing("escalation")
    assert len(rig.events("escalated")) == 1 and rig.escalations == [41]


def test_muting_chimes_never_mutes_alarms(rig: Rig) -> None:
    rig.policy.set_chime_muted(True)
    rig.policy.set_volume(0)
    assert rig.player.volume == MIN_ALARM_VOLUME

    rig.policy.on_post_added(report(50, kind="post", text="小区门口有人遛狗不牵绳"))
    assert rig.player.played_once() == []

    rig.policy.on_silent_created(report(51))
    assert rig.player.is_playing("alarm")


def test_chime_rules_scope_burst_and_alarm(tmp_path: Path) -> None:
    r = Rig(tmp_path)
    post = report(60, kind="post", unit=OTHER_UNIT)
    r.policy.on_post_added(post)
    assert r.player.played_once() == ["chime"]

    r.policy.set_chime_scope("unit")
    r.clock.advance(10)
    r.policy.on_post_added(report(61, kind="post", unit=OTHER_UNIT))
    assert r.player.played_once() == ["chime"]  # not my unit
    r.policy.on_post_added(report(62, kind="post", unit=CMD_UNIT))
    r.policy.on_post_added(report(63, kind="post", unit=CMD_UNIT))  # same burst
    assert r.player.played_once() == ["chime", "chime"]

    r.clock.advance(10)
    r.policy.on_silent_created(report(64))
    r.policy.on_post_added(report(65, kind="post", unit=CMD_UNIT))
    assert r.player.played_once() == ["chime", "chime"]  # never blurs a sounding alarm
    with pytest.raises(ValueError):
        r.policy.set_chime_scope("city")
    r.journal.close()


def test_leader_alarms_for_escalations_and_own_unit_only(tmp_path: Path) -> None:
    r = Rig(tmp_path, role="leader", unit=CMD_UNIT)
    far, near = report(70, unit=OTHER_UNIT), report(71, unit=CMD_UNIT, minute=1)
    r.policy.on_silent_created(far)
    assert not r.player.is_playing("alarm") and r.open_ids() == []
    r.policy.on_silent_created(near)
    assert r.player.is_playing("alarm") and r.open_ids() == [71]

    r.clock.advance(300)
    r.policy.on_silent_escalated(escalated(far, r.clock))
    assert r.player.is_playing("escalation")
    assert r.open_ids() == [70, 71]
    assert r.escalations == [70]
    assert [line["post_id"] for line in r.events("alarm_started")] == [71, 70]

    # After a reconnect the leader's resync keeps the same rule.
    r.policy.resync([escalated(far, r.clock), near, report(72, unit=OTHER_UNIT, minute=2)])
    assert r.open_ids() == [70, 71]
    r.journal.close()


def test_missing_audio_output_keeps_the_alarm_requested(tmp_path: Path) -> None:
    r = Rig(tmp_path)
    r.player.set_output_ok(False)
    r.policy.on_silent_created(report(80))
    assert not r.player.output_ok
    assert "alarm" in r.player.loops  # asked for: it sounds as soon as the output returns
    r.player.set_output_ok(True)
    assert r.player.is_playing("alarm")
    r.journal.close()


def test_link_lost_plays_its_tone_once_per_outage(rig: Rig) -> None:
    rig.policy.link_lost()
    rig.policy.link_lost()
    assert rig.player.played_once() == ["link_lost"]
    rig.policy.link_restored()
    rig.policy.link_restored()
    rig.policy.link_lost()
    assert rig.player.played_once() == ["link_lost", "link_lost"]
    assert [e["event"] for e in rig.lines()] == ["link_lost", "link_restored", "link_lost"]


def test_clear_on_sign_out_silences_everything(rig: Rig) -> None:
    rig.policy.on_silent_created(report(90))
    rig.policy.clear()
    assert rig.player.loops == set()
    assert rig.events("alarm_stopped")[0]["reason"] == "signed_out"
    assert rig.states[-1] == []
