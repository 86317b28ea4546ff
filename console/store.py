"""The live case store: the posts this console knows, kept current by events.

REST pages fill it, the event stream keeps it current. Every event is applied at
most once (by seq), a summary never goes back to an older version, and each
change is announced precisely, so the queue, the detail pane and the dashboard
refresh one row instead of everything.

An event that carries an Idempotency-Key this console sent (`remember_own_key`) is the
echo of its own action: slots can tell with `is_echo` and skip what they already know.
Events are read with console.api.events; what leaves the officer's sight is decided by
console.rules.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QObject, Signal

from console import rules
from console.api import events
from console.api.events import Event, OfficerEvent, PostEvent
from console.api.models import OPEN_STATUSES, Board, Me, Officer, PostSummary, Unit
from console.api.outbox import OutboxItem
from console.workdays import Calendar

log = logging.getLogger(__name__)

# This console's own Idempotency-Keys remembered for recognising echoes: far more than an
# officer sends in a shift, few enough to keep in memory.
OWN_KEYS_KEPT = 20_000
SILENT_SIGNALS = {
    events.SILENT_CREATED: "silent_created",
    events.SILENT_ACKNOWLEDGED: "silent_acknowledged",
    events.SILENT_ESCALATED: "silent_escalated",
}

# The handling loop's events: what changes the leaders' worklist.
LOOP_EVENTS = frozenset(
    {
        events.POST_DISPATCHED, events.POST_SIGNED, events.POST_RETURNED,
        events.DISPATCH_OVERDUE, events.EXTENSION_REQUESTED, events.EXTENSION_DECIDED,
        events.POST_URGED, events.POST_SUPERVISED,
    }
)  # fmt: skip


def _keep_unmasked_author(old: PostSummary, new: PostSummary) -> PostSummary:
    """Events carry the phone masked for everyone; keep what REST showed this officer."""
    old_phone, new_phone = old.author.phone, new.author.phone
    if (
        old_phone
        and new_phone
        and "*" in new_phone
        and "*" not in old_phone
        and old.author.nickname == new.author.nickname
        and len(old_phone) == len(new_phone)
        and old_phone.endswith(new_phone.lstrip("*"))
    ):
        return replace(new, author=old.author)
    return new


class CaseStore(QObject):
    """Posts by id, plus the boards/units/officers needed to name things.

    Lives on the GUI thread; feed it from the stream's queued signals.

    Signals:
        post_added(PostSummary): a post this console did not know appeared.
        post_changed(PostSummary, object): a known post changed (new, old summary).
        post_removed(int): a post left what this officer may see (e.g. transferred
            out of scope).
        posts_loaded(list): a REST page was merged (new or changed summaries only).
        silent_created(PostSummary), silent_acknowledged(PostSummary),
        silent_escalated(PostSummary): the silent-report lifecycle events.
        silent_unreadable(): a ``silent.*`` event could not be read: what it said must
            be fetched over REST at once (an alarm must not wait for the next reconnect).
        officer_changed(Officer): an officer's record changed (name, on duty, unit …).
        citizen_answered(PostSummary): the author answered a private message on a post
            this console should hear about: its holder's, or — nobody holding it — any
            console that may act on it (`hears_citizen`).
        dispatch_overdue(PostSummary): a dispatch waiting for this officer's unit to sign
            for it was not signed in time (each ``dispatch.overdue`` the platform sends).
        loop_event(str, PostSummary): an event of the handling loop (`LOOP_EVENTS`) about
            a post: its type and the post as it now is (the leaders' worklist follows it).
        reset(): the store was emptied (sign-out, or a resync is about to refill it).

    Attributes:
        last_seq: the newest event seq applied (None before the first event).
    """

    post_added = Signal(object)
    post_changed = Signal(object, object)
    post_removed = Signal(int)
    posts_loaded = Signal(list)
    silent_created = Signal(object)
    silent_acknowledged = Signal(object)
    silent_escalated = Signal(object)
    silent_unreadable = Signal()
    officer_changed = Signal(object)
    citizen_answered = Signal(object)
    dispatch_overdue = Signal(object)
    loop_event = Signal(str, object)
    hotspot_detected = Signal(object)  # HotspotEvent: many alike posts in the area
    reset = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.last_seq: int | None = None
        self._posts: dict[int, PostSummary] = {}
        self._me: Me | None = None
        self._boards: dict[str, Board] = {}
        self._calendar: Calendar | None = None
        self._units: dict[int, Unit] = {}
        self._officers: dict[int, Officer] = {}
        self._own_keys: set[str] = set()
        self._own_order: deque[str] = deque()
        self._echo_now: tuple[int, int] | None = None

    # ------------------------------------------------------------ reading
    def get(self, post_id: int) -> PostSummary | None:
        return self._posts.get(post_id)

    def __contains__(self, post_id: object) -> bool:
        return post_id in self._posts

    def __len__(self) -> int:
        return len(self._posts)

    def posts(self) -> list[PostSummary]:
        return list(self._posts.values())

    def open_unacknowledged_silent(self) -> list[PostSummary]:
        """Open silent reports nobody has acknowledged yet, oldest first."""
        found = [
            p for p in self._posts.values() if p.is_silent and p.is_open and not p.acknowledged_at
        ]
        return sorted(found, key=lambda p: (p.created_at, p.id))

    @property
    def me(self) -> Me | None:
        return self._me

    def board(self, code: str) -> Board | None:
        return self._boards.get(code)

    def boards(self) -> list[Board]:
        return list(self._boards.values())

    def unit(self, unit_id: int | None) -> Unit | None:
        return None if unit_id is None else self._units.get(unit_id)

    def units(self) -> list[Unit]:
        return list(self._units.values())

    def officer(self, officer_id: int | None) -> Officer | None:
        return None if officer_id is None else self._officers.get(officer_id)

    def officers(self) -> list[Officer]:
        return list(self._officers.values())

    def unit_name(self, unit_id: int | None) -> str:
        unit = self.unit(unit_id)
        return unit.name if unit else ""

    def officer_name(self, officer_id: int | None) -> str:
        officer = self.officer(officer_id)
        return officer.name if officer else ""

    # ------------------------------------------------------------ reference data
    def set_viewer(self, me: Me | None) -> None:
        """Whose eyes the store sees through (decides what leaves the officer's view)."""
        self._me = me

    def set_reference(
        self,
        boards: Iterable[Board] = (),
        units: Iterable[Unit] = (),
        officers: Iterable[Officer] = (),
        calendar: Calendar | None = None,
    ) -> None:
        self._boards = {b.code: b for b in boards}
        self._units = {u.id: u for u in units}
        self._officers = {o.id: o for o in officers}
        if calendar is not None:
            self._calendar = calendar

    def workdays(self) -> Calendar | None:
        """The holiday calendar (None until the platform sent one): working-day deadlines."""
        return self._calendar

    def viewer(self) -> rules.Viewer | None:
        me = self._me
        return (
            None if me is None else rules.Viewer.of(me.id, me.role, me.unit_id, me.scope_unit_ids)
        )

    def facts(self, post: PostSummary) -> rules.PostFacts:
        """What console.rules looks at in a post (its board says whether it is restricted;
        its dispatch, which units assist)."""
        board = self._boards.get(post.board)
        return rules.PostFacts(
            kind=post.kind,
            restricted=board is not None and board.restricted,
            unit_id=post.unit_id,
            assignee_id=post.assignee_id,
            status=post.status,
            acknowledged=post.acknowledged_at is not None,
            assist_unit_ids=frozenset(post.dispatch.assist_unit_ids if post.dispatch else ()),
        )

    def may_read(self, post: PostSummary) -> bool:
        """The platform's read rule (console.rules), for events about changes.

        The platform already filters the stream; this catches the one case it
        cannot: a post this officer saw that has just moved out of their scope.
        """
        viewer = self.viewer()
        return viewer is None or rules.may_read(viewer, self.facts(post))

    # ------------------------------------------------------------ echoes of own actions
    def remember_own_key(self, key: str) -> None:
        """An Idempotency-Key this console sent: an event that carries it is an echo."""
        if key in self._own_keys:
            return
        self._own_keys.add(key)
        self._own_order.append(key)
        if len(self._own_order) > OWN_KEYS_KEPT:
            self._own_keys.discard(self._own_order.popleft())

    def remember_own_item(self, item: OutboxItem) -> None:
        """Slot for the outbox sender's ``item_changed``: every item this console sends."""
        self.remember_own_key(item.idem_key)

    def is_own_key(self, key: str | None) -> bool:
        return key is not None and key in self._own_keys

    def is_echo(self, post: PostSummary) -> bool:
        """Inside a post_changed/post_added slot: is this our own action coming back?"""
        return self._echo_now == (post.id, post.version)

    # ------------------------------------------------------------ writing
    def clear(self) -> None:
        """Forget every post and the event position (before a full resync)."""
        self._posts.clear()
        self.last_seq = None
        self.reset.emit()

    def _merge(self, post: PostSummary) -> tuple[str, PostSummary | None, PostSummary]:
        """Put ``post`` in, never going back a version.

        Returns (what happened, the old summary, the summary now kept).
        """
        old = self._posts.get(post.id)
        if not self.may_read(post):
            if old is None:
                return "ignored", None, post
            del self._posts[post.id]
            return "removed", old, post
        if old is not None:
            if old.version > post.version:
                return "unchanged", old, old
            post = _keep_unmasked_author(old, post)
            if old == post:
                return "unchanged", old, old
        self._posts[post.id] = post
        return ("added" if old is None else "changed"), old, post

    def _announce(
        self, post: PostSummary, what: str, old: PostSummary | None, echo: bool = False
    ) -> None:
        if what == "removed":
            self.post_removed.emit(post.id)
            return
        if what not in ("added", "changed"):
            return
        self._echo_now = (post.id, post.version) if echo else None
        try:
            if what == "added":
                self.post_added.emit(post)
            else:
                self.post_changed.emit(post, old)
        finally:
            self._echo_now = None

    def upsert(self, post: PostSummary) -> None:
        """One fresh summary from REST (an action's answer, a detail fetch)."""
        what, old, kept = self._merge(post)
        self._announce(kept, what, old)

    def load_page(self, items: Iterable[PostSummary]) -> list[PostSummary]:
        """Merge a REST page; announces the new or changed ones once, as a batch."""
        merged: list[PostSummary] = []
        removed: list[int] = []
        for post in items:
            what, _old, kept = self._merge(post)
            if what in ("added", "changed"):
                merged.append(kept)
            elif what == "removed":
                removed.append(post.id)
        for post_id in removed:
            self.post_removed.emit(post_id)
        if merged:
            self.posts_loaded.emit(merged)
        return merged

    def remove(self, post_id: int) -> None:
        if self._posts.pop(post_id, None) is not None:
            self.post_removed.emit(post_id)

    def apply_event(self, seq: int, type_: str, data: dict[str, Any]) -> bool:
        """Apply one stream event; False when it was already applied (seq not newer)."""
        if self.last_seq is not None and seq <= self.last_seq:
            return False
        self.last_seq = seq
        try:
            event = events.parse_event(seq, type_, data)
        except events.EventError:
            log.warning("event %s (%s) is unreadable: %.300r", seq, type_, data)
            if type_ in events.SILENT_EVENT_TYPES:
                self.silent_unreadable.emit()
            return True
        if isinstance(event.data, OfficerEvent):
            self._apply_officer(event.data.officer())
        elif isinstance(event.data, PostEvent):
            self._apply_post(event, event.data)
        elif isinstance(event.data, events.HotspotEvent):
            self.hotspot_detected.emit(event.data)
        else:
            log.debug("event %s (%s) is not for the store", seq, type_)
        return True

    def _apply_post(self, event: Event, data: PostEvent) -> None:
        post = data.post()
        what, old, kept = self._merge(post)
        self._announce(kept, what, old, echo=self.is_own_key(event.idempotency_key))
        current = self._posts.get(post.id)
        signal = SILENT_SIGNALS.get(event.type)
        if current is not None and signal is not None:
            getattr(self, signal).emit(current)
        answer = event.type == events.POST_CITIZEN_MESSAGE
        if current is not None and answer and self.hears_citizen(current):
            self.citizen_answered.emit(current)
        # Closing a post (post.updated, no longer open) closes its supervision orders.
        closed = event.type == events.POST_UPDATED and current is not None and not current.is_open
        if current is not None and (event.type in LOOP_EVENTS or closed):
            self.loop_event.emit(event.type, current)
        late = event.type == events.DISPATCH_OVERDUE
        if current is not None and late and self.waits_for_my_signature(current):
            self.dispatch_overdue.emit(current)

    def waits_for_my_signature(self, post: PostSummary) -> bool:
        """The post's dispatch waits for this officer's unit to sign for it (签收)."""
        viewer = self.viewer()
        if viewer is None or post.status not in OPEN_STATUSES:
            return False
        return rules.waits_for_my_signature(
            viewer, rules.dispatch_facts(post.dispatch, post.unit_id)
        )

    def hears_citizen(self, post: PostSummary) -> bool:
        """This console is told when the author answers: it holds the post, or nobody
        does and it may act on it."""
        viewer = self.viewer()
        if viewer is None:
            return False
        if post.assignee_id is not None:
            return post.assignee_id == viewer.officer_id
        return rules.may_act(viewer, self.facts(post))

    def _apply_officer(self, officer: Officer) -> None:
        self._officers[officer.id] = officer
        self.officer_changed.emit(officer)
