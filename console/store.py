"""The live case store: the posts this console knows, kept current by events.

REST pages fill it, the event stream keeps it current. Every event is applied at
most once (by seq), a summary never goes back to an older version, and each
change is announced precisely, so the queue, the detail pane and the dashboard
refresh one row instead of everything.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QObject, Signal

from console.api.models import Board, Me, Officer, PostSummary, Unit

log = logging.getLogger(__name__)

POST_EVENTS = frozenset(
    {
        "post.created",
        "post.updated",
        "post.replied",
        "post.noted",
        "post.rated",
        "silent.created",
        "silent.acknowledged",
        "silent.escalated",
    }
)
ECHO_TTL_SECONDS = 60.0  # an expected echo that never came is forgotten after this


def _keep_unmasked_author(old: PostSummary, new: PostSummary) -> PostSummary:
    """Events carry the phone masked for everyone; keep what REST showed this officer."""
    old_phone, new_phone = old.author.phone, new.author.phone
    if (
        old_phone
        and new_phone
        and "*" in new_phone
        and "*" not in old_phone
        and old.author.nickname == new.author.nickname
        and old_phone[:3] == new_phone[:3]
        and old_phone[-4:] == new_phone[-4:]
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
        officer_changed(dict): an officer's record changed (on duty, unit ...).
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
    officer_changed = Signal(dict)
    reset = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.last_seq: int | None = None
        self._posts: dict[int, PostSummary] = {}
        self._me: Me | None = None
        self._boards: dict[str, Board] = {}
        self._units: dict[int, Unit] = {}
        self._officers: dict[int, Officer] = {}
        self._echoes: dict[int, tuple[int | None, float]] = {}
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
    ) -> None:
        self._boards = {b.code: b for b in boards}
        self._units = {u.id: u for u in units}
        self._officers = {o.id: o for o in officers}

    def may_read(self, post: PostSummary) -> bool:
        """The platform's read rule (platform_server/scope.py), for events about changes.

        The platform already filters the stream; this catches the one case it
        cannot: a post this officer saw that has just moved out of their scope.
        """
        me = self._me
        if me is None or me.is_admin or post.assignee_id == me.id:
            return True
        board = self._boards.get(post.board)
        restricted = post.is_silent or (board is not None and board.restricted)
        if me.role == "leader" or restricted:
            return post.unit_id is not None and post.unit_id in me.scope_unit_ids
        return True

    # ------------------------------------------------------------ echo suppression
    def expect_echo(self, post_id: int, version: int | None = None) -> None:
        """The console itself just changed this post: its event is an echo, not news.

        ``version`` is the version the change produced (None: the next change).
        """
        self._echoes[post_id] = (version, time.monotonic() + ECHO_TTL_SECONDS)

    def is_echo(self, post: PostSummary) -> bool:
        """Inside a post_changed/post_added slot: is this our own action coming back?"""
        return self._echo_now == (post.id, post.version)

    def _take_echo(self, post: PostSummary) -> bool:
        expected = self._echoes.get(post.id)
        if expected is None:
            return False
        version, deadline = expected
        if time.monotonic() > deadline:
            del self._echoes[post.id]
            return False
        if version is None or post.version >= version:
            del self._echoes[post.id]
            return True
        return False

    # ------------------------------------------------------------ writing
    def clear(self) -> None:
        """Forget every post and the event position (before a full resync)."""
        self._posts.clear()
        self._echoes.clear()
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

    def _announce(self, post: PostSummary, what: str, old: PostSummary | None) -> None:
        if what == "removed":
            self.post_removed.emit(post.id)
            return
        if what not in ("added", "changed"):
            return
        self._echo_now = (post.id, post.version) if self._take_echo(post) else None
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
        if type_ == "officer.updated":
            self._apply_officer(data)
            return True
        if type_ not in POST_EVENTS:
            log.debug("event %s (%s) is not for the store", seq, type_)
            return True
        payload = data.get("post") if isinstance(data.get("post"), dict) else data
        try:
            post = PostSummary.from_json(payload)  # type: ignore[arg-type]
        except (KeyError, TypeError, ValueError, AttributeError):
            log.warning("event %s (%s) has an unreadable post: %.300r", seq, type_, data)
            return True
        what, old, kept = self._merge(post)
        self._announce(kept, what, old)
        current = self._posts.get(post.id)
        if current is None:
            return True
        if type_ == "silent.created":
            self.silent_created.emit(current)
        elif type_ == "silent.acknowledged":
            self.silent_acknowledged.emit(current)
        elif type_ == "silent.escalated":
            self.silent_escalated.emit(current)
        return True

    def _apply_officer(self, data: dict[str, Any]) -> None:
        raw = data.get("officer") if isinstance(data.get("officer"), dict) else data
        try:
            officer = Officer.from_json(raw)  # type: ignore[arg-type]
        except (KeyError, TypeError, ValueError, AttributeError):
            log.warning("officer.updated with an unreadable officer: %.300r", data)
        else:
            self._officers[officer.id] = officer
        self.officer_changed.emit(dict(data))
