"""The alarm policy: which silent reports sound on this console, with which tone, until when.

Rules (issue 4):
- A silent report alarms until it is acknowledged on any console; several open reports
  share one looping sound, which stops only when the last is acknowledged.
- Escalated reports switch the loop to the more urgent tone.
- Officers alarm for every silent report their stream delivers (the server already
  scopes events). Leaders and admins alarm for escalated reports, and for
  non-escalated ones only when the report belongs to their own unit.
- After any reconnect ``resync`` receives the open unacknowledged reports from REST:
  an alarm never depends on a single event getting through. That list is a snapshot:
  alarms admitted after it was asked for (``resync_mark``) are not its to stop.
- Silent-report alarms cannot be muted, and the volume never goes below
  ``MIN_ALARM_VOLUME``; mute and unit scope affect only the chime for ordinary posts.
  While an officer listens to an evidence clip (``duck``) the alarm drops to exactly
  that minimum, never to silence, and comes back when the clip stops.
- Every alarm start/stop, acknowledgement, escalation and link change is journalled.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from PySide6.QtCore import QObject, Signal

from console import rules
from console.alerts.journal import AlertJournal, JournalEvent, utc_now
from console.alerts.player import ALARM, CHIME, ESCALATION, LINK_LOST, SoundPlayer
from console.api.models import Location

MIN_ALARM_VOLUME = 30  # a silent report must stay audible whatever the slider says
CHIME_MIN_INTERVAL_S = 2.0  # a burst of new posts chimes once, not fifty times
SILENT_KIND = rules.SILENT_REPORT


class OfficerLike(Protocol):
    """Who acknowledged a report (console.api.models.OfficerRef fits)."""

    @property
    def id(self) -> int: ...
    @property
    def badge(self) -> str: ...
    @property
    def name(self) -> str: ...


class SummaryLike(Protocol):
    """The fields of console.api.models.PostSummary the policy and the banner read."""

    @property
    def id(self) -> int: ...
    @property
    def version(self) -> int: ...
    @property
    def title(self) -> str: ...
    @property
    def excerpt(self) -> str: ...
    @property
    def location(self) -> Location | None: ...
    @property
    def kind(self) -> str: ...
    @property
    def unit_id(self) -> int | None: ...
    @property
    def created_at(self) -> datetime: ...
    @property
    def escalated_at(self) -> datetime | None: ...
    @property
    def acknowledged_by(self) -> OfficerLike | None: ...
    @property
    def acknowledged_at(self) -> datetime | None: ...


class OfficerIdentity(Protocol):
    """Who is signed in at this console (console.api.models.Me fits)."""

    @property
    def id(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def badge(self) -> str: ...
    @property
    def role(self) -> str: ...  # officer | leader | admin
    @property
    def unit_id(self) -> int | None: ...


@dataclass(frozen=True)
class OpenAlarm:
    """One report that is sounding on this console (what the banner lists)."""

    summary: SummaryLike
    escalated: bool
    alarm_started: datetime  # when this console started alarming for it

    @property
    def post_id(self) -> int:
        return int(self.summary.id)


class AlarmPolicy(QObject):
    """Turns silent-report and link events into sound, journal lines and banner state.

    Collaborators are injected: ``player`` (SoundPlayer), ``journal`` (AlertJournal),
    ``me`` (OfficerIdentity, e.g. models.Me) and ``clock`` (returns an aware UTC
    datetime; tests pass their own).

    Signals:
        alarm_state_changed(list[OpenAlarm]): the open reports, oldest first.
        escalated(object): a report sounding here was escalated (its summary).
        acknowledged_elsewhere(object, str, float): a report sounding here was
            acknowledged on some console (possibly this one): summary, officer name,
            seconds from report to acknowledgement.
        chimed(object): the chime sounded for this ordinary post.
    """

    alarm_state_changed = Signal(list)
    escalated = Signal(object)
    acknowledged_elsewhere = Signal(object, str, float)
    chimed = Signal(object)

    def __init__(
        self,
        player: SoundPlayer,
        journal: AlertJournal,
        me: OfficerIdentity,
        *,
        clock: Callable[[], datetime] = utc_now,
        chime_muted: bool = False,
        chime_scope: str = "all",
        volume: int = 80,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._player = player
        self._journal = journal
        self._me = me
        self._clock = clock
        self._chime_muted = chime_muted
        self._chime_scope = chime_scope
        self._open: dict[int, OpenAlarm] = {}
        self._done: set[int] = set()  # acknowledged here: late or replayed events ignored
        self._loop: str | None = None
        self._admissions = 0  # counts alarm starts; see resync_mark()
        self._admitted: dict[int, int] = {}  # open post id -> its admission number
        self._link_lost_at: datetime | None = None
        self._cleared = False  # signed out: events still in the queue must not sound
        self._last_chime: datetime | None = None
        self._ducked = False
        self.set_volume(volume)

    # ---------------------------------------------------------------- state
    @property
    def open_alarms(self) -> list[OpenAlarm]:
        """Oldest report first (by creation time, then id)."""
        return sorted(self._open.values(), key=lambda a: (a.summary.created_at, a.post_id))

    @property
    def sounding_tone(self) -> str | None:
        """The loop this policy asked for: ``alarm``, ``escalation`` or None."""
        return self._loop

    @property
    def volume(self) -> int:
        return self._volume

    # ---------------------------------------------------------------- settings
    @property
    def ducked(self) -> bool:
        return self._ducked

    def set_volume(self, percent: int) -> None:
        self._volume = max(MIN_ALARM_VOLUME, min(100, int(percent)))
        self._player.set_volume(MIN_ALARM_VOLUME if self._ducked else self._volume)

    def duck(self, on: bool) -> None:
        """An evidence clip is playing (True): the alarm at its minimum audible volume."""
        if on == self._ducked:
            return
        self._ducked = on
        self._player.set_volume(MIN_ALARM_VOLUME if on else self._volume)

    def set_chime_muted(self, muted: bool) -> None:
        self._chime_muted = bool(muted)

    def set_chime_scope(self, scope: str) -> None:
        if scope not in ("all", "unit"):
            raise ValueError(f"chime scope must be 'all' or 'unit', not {scope!r}")
        self._chime_scope = scope

    def test_sound(self) -> None:
        """The settings dialog's test button: one chime at the current volume."""
        self._player.play_once(CHIME)

    # ---------------------------------------------------------------- store events
    def on_silent_created(self, summary: SummaryLike) -> None:
        self._admit([summary], source="event")

    def on_silent_escalated(self, summary: SummaryLike) -> None:
        pid = int(summary.id)
        if self._cleared or pid in self._done or summary.acknowledged_at is not None:
            return
        current = self._open.get(pid)
        if current is not None and current.escalated:
            return  # a replayed escalation
        if current is None:
            # Missed the creation, or a leader whose console alarms from escalation on.
            self._admit([summary], source="escalation", force_escalated=True, emit=False)
            if pid not in self._open:
                return
        self._mark_escalated(summary)
        self._update_sound()
        self._emit_state()

    def on_silent_acknowledged(self, summary: SummaryLike) -> None:
        pid = int(summary.id)
        entry = self._open.pop(pid, None)
        self._admitted.pop(pid, None)
        self._done.add(pid)
        if entry is None:
            return  # never sounded here (other unit, leader) or already acknowledged
        who = summary.acknowledged_by
        name = who.name if who is not None else ""
        acked_at = summary.acknowledged_at or self._clock()
        seconds = max(0.0, (acked_at - summary.created_at).total_seconds())
        self._journal.record(
            JournalEvent.ACKNOWLEDGED,
            post_id=pid,
            officer=name or None,
            badge=who.badge if who is not None else None,
            seconds=round(seconds, 3),
            by_me=who is not None and who.id == self._me.id,
            console=self._me.badge,
        )
        self._update_sound(reason="all_acknowledged")
        self.acknowledged_elsewhere.emit(summary, name, seconds)
        self._emit_state()

    def resync_mark(self) -> int:
        """Take this just before asking the platform for the list given to ``resync``."""
        return self._admissions

    def resync(self, open_unacknowledged: Iterable[SummaryLike], mark: int | None = None) -> None:
        """Make the alarms match the server's list of open unacknowledged reports.

        Called after every (re)connect. Reports missing here start alarming (journalled
        once); reports that are no longer open stop, with an ``alarm_stopped`` line.
        With ``mark`` (from ``resync_mark`` before the request), alarms started after
        it are kept: the report came in after the platform's answer was made, its event
        overtook the answer, and the answer cannot say it is closed.
        """
        if self._cleared:
            return
        reports = [s for s in open_unacknowledged if s.kind == SILENT_KIND]
        wanted = {int(s.id) for s in reports if self._should_alarm(s)}
        newer = {p for p, n in self._admitted.items() if mark is not None and n > mark}
        for pid in [p for p in self._open if p not in wanted and p not in newer]:
            self._open.pop(pid)
            self._admitted.pop(pid, None)
            self._done.add(pid)
            self._journal.record(
                JournalEvent.ALARM_STOPPED,
                post_id=pid,
                officer=self._me.name,
                badge=self._me.badge,
                reason="not_open_after_resync",
            )
        for s in reports:
            entry = self._open.get(int(s.id))
            if entry is None:
                continue
            if s.version < entry.summary.version:
                continue  # an event already brought a newer state than this snapshot
            # Refresh the text without journalling a restart; catch a missed escalation.
            self._open[entry.post_id] = OpenAlarm(s, entry.escalated, entry.alarm_started)
            if s.escalated_at is not None and not entry.escalated:
                self._mark_escalated(s)
        self._admit(reports, source="resync", emit=False)
        self._update_sound(reason="not_open_after_resync")
        self._emit_state()

    def on_post_added(self, summary: SummaryLike) -> None:
        """A new ordinary post: a soft chime, unless muted, out of scope or alarming."""
        if summary.kind == SILENT_KIND or self._chime_muted or self._cleared:
            return
        if self._chime_scope == "unit" and summary.unit_id != self._me.unit_id:
            return
        self._chime(summary)

    def on_citizen_answered(self, summary: SummaryLike) -> None:
        """The author answered a private message on a post this console holds (or may
        take): the same soft chime, on silent reports too; never over a sounding alarm."""
        if self._chime_muted or self._cleared:
            return
        self._chime(summary)

    def on_dispatch_overdue(self, summary: SummaryLike) -> None:
        """A dispatch to this console's unit was not signed for in time (dispatch.overdue):
        the new-post chime, each time the platform repeats it. Never the alarm path: a
        silent report's alarm is neither started, changed nor covered by it."""
        if self._chime_muted or self._cleared:
            return
        self._chime(summary)

    def _chime(self, summary: SummaryLike) -> None:
        if self._open:
            return  # the alarm is sounding; a chime on top would only blur it
        now = self._clock()
        last = self._last_chime
        if last is not None and (now - last).total_seconds() < CHIME_MIN_INTERVAL_S:
            return
        self._last_chime = now
        self._player.play_once(CHIME)
        self.chimed.emit(summary)

    # ---------------------------------------------------------------- link
    def link_lost(self) -> None:
        """The stream has been silent too long (the worker decides when)."""
        if self._link_lost_at is not None or self._cleared:
            return
        self._link_lost_at = self._clock()
        self._player.play_once(LINK_LOST)
        self._journal.record(
            JournalEvent.LINK_LOST,
            officer=self._me.name,
            badge=self._me.badge,
            open_alarms=sorted(self._open),
        )

    def link_restored(self) -> None:
        """Call before ``resync`` with the REST list fetched after reconnecting."""
        if self._link_lost_at is None:
            return
        offline = (self._clock() - self._link_lost_at).total_seconds()
        self._link_lost_at = None
        self._journal.record(
            JournalEvent.LINK_RESTORED,
            officer=self._me.name,
            badge=self._me.badge,
            offline_seconds=round(offline, 3),
        )

    def clear(self, reason: str = "signed_out") -> None:
        """Stop everything (sign-out, exit): this console no longer watches reports.

        Final: reports and link changes that reach the policy afterwards are ignored.
        The player outlives the session, and a loop started now would have nobody left
        to stop it.
        """
        self._cleared = True
        self._open.clear()
        self._admitted.clear()
        self._done.clear()
        self._update_sound(reason=reason)
        self._player.stop()
        self._emit_state()

    # ---------------------------------------------------------------- internals
    def _should_alarm(self, s: SummaryLike) -> bool:
        if s.kind != SILENT_KIND or s.acknowledged_at is not None:
            return False
        if self._me.role in rules.LEADER_ROLES:
            return s.escalated_at is not None or (
                s.unit_id is not None and s.unit_id == self._me.unit_id
            )
        return True

    def _admit(
        self,
        reports: Iterable[SummaryLike],
        *,
        source: str,
        force_escalated: bool = False,
        emit: bool = True,
    ) -> None:
        if self._cleared:
            return
        added = False
        for s in reports:
            pid = int(s.id)
            if pid in self._open or pid in self._done:
                continue
            if not (self._should_alarm(s) or (force_escalated and s.kind == SILENT_KIND)):
                continue
            self._open[pid] = OpenAlarm(s, False, self._clock())
            self._admissions += 1
            self._admitted[pid] = self._admissions
            self._journal.record(
                JournalEvent.ALARM_STARTED,
                post_id=pid,
                officer=self._me.name,
                badge=self._me.badge,
                source=source,
                report_age_seconds=round(self._seconds_since(s.created_at), 3),
            )
            if s.escalated_at is not None and not force_escalated:
                self._mark_escalated(s)  # the caller marks forced ones itself
            added = True
        if added and emit:
            self._update_sound()
            self._emit_state()

    def _mark_escalated(self, summary: SummaryLike) -> None:
        """Journal and announce an escalation once; the caller updates the sound."""
        pid = int(summary.id)
        entry = self._open[pid]
        self._open[pid] = OpenAlarm(summary, True, entry.alarm_started)
        self._journal.record(
            JournalEvent.ESCALATED,
            post_id=pid,
            officer=self._me.name,
            badge=self._me.badge,
            seconds_open=round(self._seconds_since(summary.created_at), 3),
        )
        self.escalated.emit(summary)

    def _update_sound(self, reason: str = "all_acknowledged") -> None:
        if not self._open:
            wanted = None
        elif any(a.escalated for a in self._open.values()):
            wanted = ESCALATION
        else:
            wanted = ALARM
        if wanted == self._loop:
            return
        if self._loop is not None:
            self._player.stop(self._loop)
        if wanted is not None:
            self._player.play_loop(wanted)
        elif self._loop is not None:
            self._journal.record(
                JournalEvent.ALARM_STOPPED,
                officer=self._me.name,
                badge=self._me.badge,
                reason=reason,
            )
        self._loop = wanted

    def _seconds_since(self, moment: datetime) -> float:
        return max(0.0, (self._clock() - moment).total_seconds())

    def _emit_state(self) -> None:
        self.alarm_state_changed.emit(self.open_alarms)
