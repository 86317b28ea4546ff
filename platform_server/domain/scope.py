"""Who may read and act on what: the platform's rules, as pure functions on plain values.

The rules need nothing but the viewer (`Viewer`: id, role, unit subtree) and a few
facts about the post (`PostFacts`: kind, restricted board, unit, holder, status, the
assisting units of its dispatch), so they run without a database; the console's copy
of them is checked against these by one shared table of cases (`tests/helpers/rule_cases.py`).

| rule                 | admin | leader                | officer                          |
|----------------------|-------|-----------------------|----------------------------------|
| may_read             | all   | in subtree, assisting | ordinary post: all; private post |
|                      |       | or holder             | (silent, restricted board): in   |
|                      |       |                       | subtree, assisting, or holder    |
| may_act (any action) | all   | in subtree, or holder | in subtree, or holder            |
| may_read_notes       | as may_act, or assisting (also: may write a note)               |
| may_see_phone        | all   | all                   | in subtree, or assisting         |
| may_claim (accept)   | nobody, while someone else holds the open post                  |
| may_handle (reply, transfer, close a held post) | yes | only the holder           |
| receives (an event)  | all   | unit, previous unit   | "all" events: all; "scope"       |
|                      |       | or a reader unit in   | events: as a leader; "leaders"   |
|                      |       | subtree, or holder    | events (hotspots): never         |

"Subtree" is the viewer's unit and every unit below it; "holder" is the post's
assignee; a post is held while it is open (new, accepted, in progress) and assigned.
"Assisting": one of the post's assisting units (协办, `assist_unit_ids`) is in the
viewer's subtree. An event's "reader units" are the assisting units the post had when
it happened (`events.log`).

**How long an assisting unit reads the case (联办).** While the dispatch that named
it is the post's current one: from the transfer until the case is closed, returned
to the dispatcher or dispatched again without it. That is what a duty officer of the
assisting station expects: the case is in their queue while their part is asked of
them (sign, do their part, record it in a note: they need the notes, and the author's
phone to call back, as the lead unit does) and leaves it when the command centre takes it back
or the lead unit closes it, as the lead unit loses a returned case. The event that
ends their part (the close, the return, the new dispatch) still reaches them, so
their queue drops it at once; an officer of theirs who signed or wrote a note keeps
read-only sight afterwards, like anyone who handled a post (`lookup.handled_by`).
"Always once assisted" would leave a complaint about an officer readable at a station
long after it had any part in it. An assisting unit never acts as the lead unit: it
does not accept, reply, transfer, return or close (`may_act` ignores it).

`Viewer` carries the same rules as methods taking a stored `Post` (they read the
assisting units only when the cheaper rules say no).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, object_session

from platform_server.storage.models import (
    OPEN_STATUSES,
    Dispatch,
    DispatchAssist,
    Officer,
    Post,
    Unit,
)


@dataclass(frozen=True)
class PostFacts:
    """What the rules need to know about a post."""

    kind: str  # post | silent_report
    restricted: bool  # its board is restricted (complaints, tips)
    unit_id: int | None
    assignee_id: int | None = None
    status: str = "new"
    assist_unit_ids: frozenset[int] = frozenset()  # of its current dispatch (协办)

    @classmethod
    def of(cls, post: Post, assists: Iterable[int] = ()) -> PostFacts:
        return cls(
            kind=post.kind,
            restricted=post.board.restricted,
            unit_id=post.unit_id,
            assignee_id=post.assignee_id,
            status=post.status,
            assist_unit_ids=frozenset(assists),
        )

    @property
    def private(self) -> bool:
        """Readable only inside the handling unit's scope."""
        return self.kind == "silent_report" or self.restricted


@dataclass(frozen=True)
class Viewer:
    """The signed-in officer as the permission checks see them."""

    officer_id: int
    badge: str
    name: str
    unit_id: int
    role: str  # officer | leader | admin
    scope: frozenset[int]  # unit ids in the officer's subtree
    workstation: str = ""

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @property
    def is_leader(self) -> bool:
        return self.role in ("leader", "admin")

    def in_scope(self, unit_id: int | None) -> bool:
        return self.is_admin or (unit_id is not None and unit_id in self.scope)

    def may_read(self, post: Post) -> bool:
        return self._may(may_read, post)

    def may_act(self, post: Post) -> bool:
        return may_act(self, PostFacts.of(post))

    def may_read_notes(self, post: Post) -> bool:
        return self._may(may_read_notes, post)

    def may_see_phone(self, post: Post, assists: Iterable[int] | None = None) -> bool:
        """`assists`: the post's assisting units when the caller has them (batches)."""
        if assists is not None:
            return may_see_phone(self, PostFacts.of(post, assists))
        return self._may(may_see_phone, post)

    def _may(self, rule: Callable[[Viewer, PostFacts], bool], post: Post) -> bool:
        """The rule on a stored post; its assisting units are read only when they could
        change the answer (the rules only ever grant more to an assisting unit)."""
        facts = PostFacts.of(post)
        if rule(self, facts):
            return True
        helpers = assisting_units(post)
        return bool(helpers) and rule(self, replace(facts, assist_unit_ids=helpers))

    def receives(
        self,
        audience: str,
        unit_id: int | None,
        prev_unit_id: int | None,
        assignee_id: int | None,
        reader_unit_ids: Iterable[int] = (),
    ) -> bool:
        return receives(self, audience, unit_id, prev_unit_id, assignee_id, reader_unit_ids)


def _holds(viewer: Viewer, post: PostFacts) -> bool:
    return post.assignee_id is not None and post.assignee_id == viewer.officer_id


def assisting(viewer: Viewer, post: PostFacts) -> bool:
    """One of the post's assisting units (协办) is in the viewer's subtree."""
    return any(u in viewer.scope for u in post.assist_unit_ids)


def may_read(viewer: Viewer, post: PostFacts) -> bool:
    if viewer.is_admin or _holds(viewer, post):
        return True
    if viewer.role == "leader" or post.private:
        return viewer.in_scope(post.unit_id) or assisting(viewer, post)
    return True


def may_act(viewer: Viewer, post: PostFacts) -> bool:
    return viewer.is_admin or _holds(viewer, post) or viewer.in_scope(post.unit_id)


def may_read_notes(viewer: Viewer, post: PostFacts) -> bool:
    """Also who may write one: an assisting unit records its part in a note."""
    return may_act(viewer, post) or assisting(viewer, post)


def may_see_phone(viewer: Viewer, post: PostFacts) -> bool:
    return viewer.is_leader or viewer.in_scope(post.unit_id) or assisting(viewer, post)


def held_by_other(viewer: Viewer, post: PostFacts) -> bool:
    """Someone else holds this open post."""
    return (
        post.assignee_id is not None
        and post.assignee_id != viewer.officer_id
        and post.status in OPEN_STATUSES
    )


def may_claim(viewer: Viewer, post: PostFacts) -> bool:
    """Accepting: never a post someone else holds, whatever the role (409 names them)."""
    return not held_by_other(viewer, post)


def may_handle(viewer: Viewer, post: PostFacts) -> bool:
    """Replying, transferring, closing: the holder, or a leader or admin."""
    return viewer.is_leader or not held_by_other(viewer, post)


def receives(
    viewer: Viewer,
    audience: str,
    unit_id: int | None,
    prev_unit_id: int | None,
    assignee_id: int | None,
    reader_unit_ids: Iterable[int] = (),
) -> bool:
    """Whether an event with these scope columns goes to this officer's stream.

    Audiences: "everyone" (not about a post: an officer's record, a notice), "all" (a
    post every duty officer may read; a leader hears of their units' posts), "scope"
    (restricted posts, internal notes: the units' officers), "leaders" (the leaders of
    the units: hotspots, by area — reader units play no part).
    `reader_unit_ids`: the post's assisting units when it happened; their officers
    hear of it as the unit's do."""
    if audience == "everyone" or viewer.is_admin:
        return True
    if assignee_id is not None and assignee_id == viewer.officer_id:
        return True
    in_scope = viewer.in_scope(unit_id) or viewer.in_scope(prev_unit_id)
    if audience == "leaders":
        return viewer.role == "leader" and in_scope
    if audience == "scope" or viewer.role == "leader":
        return in_scope or any(u in viewer.scope for u in reader_unit_ids)
    return True


# ---------------------------------------------------------------- reading from the database
def assisting_stmt(post_id: int) -> Select[int]:
    """The assisting units (协办) of the post's current dispatch, as a query."""
    return (
        select(DispatchAssist.unit_id)
        .join(Dispatch, Dispatch.id == DispatchAssist.dispatch_id)
        .where(Dispatch.post_id == post_id, Dispatch.ended_at.is_(None))
        .order_by(DispatchAssist.id)
    )


def assisting_units(post: Post) -> frozenset[int]:
    """The assisting units of the stored post's current dispatch (none if never transferred)."""
    db = object_session(post)
    if not post.transfer_count or db is None:
        return frozenset()
    return frozenset(db.scalars(assisting_stmt(post.id)))


# ---------------------------------------------------------------- loading a viewer
def unit_subtree(db: Session, root_id: int) -> set[int]:
    """The unit and every unit below it."""
    return subtree_of(db.execute(select(Unit.id, Unit.parent_id)).all(), root_id)


def subtree_of(rows: Iterable[tuple[int, int | None]], root_id: int) -> set[int]:
    """`unit_subtree` over (unit id, parent id) rows already read."""
    children: dict[int | None, list[int]] = {}
    for uid, parent in rows:
        children.setdefault(parent, []).append(uid)
    out: set[int] = set()
    stack = [root_id]
    while stack:
        uid = stack.pop()
        if uid in out:
            continue
        out.add(uid)
        stack.extend(children.get(uid, ()))
    return out


def viewer_for(db: Session, officer: Officer, workstation: str = "") -> Viewer:
    return Viewer(
        officer_id=officer.id,
        badge=officer.badge,
        name=officer.name,
        unit_id=officer.unit_id,
        role=officer.role,
        scope=frozenset(unit_subtree(db, officer.unit_id)),
        workstation=workstation,
    )
