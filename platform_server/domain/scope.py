"""Who may read and act on what: the platform's rules, as pure functions on plain values.

The rules need nothing but the viewer (`Viewer`: id, role, unit subtree) and a few
facts about the post (`PostFacts`: kind, restricted board, unit, holder, status), so
they run without a database; the console's copy of them is checked against these
by one shared table of cases (`tests/helpers/rule_cases.py`).

| rule                 | admin | leader                | officer                          |
|----------------------|-------|-----------------------|----------------------------------|
| may_read             | all   | in subtree, or holder | ordinary post: all; private post |
|                      |       |                       | (silent, restricted board): in   |
|                      |       |                       | subtree, or holder               |
| may_act (any action) | all   | in subtree, or holder | in subtree, or holder            |
| may_read_notes       | as may_act                                                      |
| may_see_phone        | all   | all                   | in subtree                       |
| may_claim (accept)   | nobody, while someone else holds the open post                  |
| may_handle (reply, transfer, close a held post) | yes | only the holder           |
| receives (an event)  | all   | unit or previous unit | "all" events: all; "scope"       |
|                      |       | in subtree, or holder | events: as a leader; "leaders"   |
|                      |       |                       | events (hotspots): never         |

"Subtree" is the viewer's unit and every unit below it; "holder" is the post's
assignee; a post is held while it is open (new, accepted, in progress) and assigned.
`Viewer` carries the same rules as methods taking a stored `Post`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from platform_server.storage.models import OPEN_STATUSES, Officer, Post, Unit


@dataclass(frozen=True)
class PostFacts:
    """What the rules need to know about a post."""

    kind: str  # post | silent_report
    restricted: bool  # its board is restricted (complaints, tips)
    unit_id: int | None
    assignee_id: int | None = None
    status: str = "new"

    @classmethod
    def of(cls, post: Post) -> PostFacts:
        return cls(
            kind=post.kind,
            restricted=post.board.restricted,
            unit_id=post.unit_id,
            assignee_id=post.assignee_id,
            status=post.status,
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
        return may_read(self, PostFacts.of(post))

    def may_act(self, post: Post) -> bool:
        return may_act(self, PostFacts.of(post))

    def may_read_notes(self, post: Post) -> bool:
        return may_read_notes(self, PostFacts.of(post))

    def may_see_phone(self, post: Post) -> bool:
        return may_see_phone(self, PostFacts.of(post))

    def receives(
        self, audience: str, unit_id: int | None, prev_unit_id: int | None, assignee_id: int | None
    ) -> bool:
        return receives(self, audience, unit_id, prev_unit_id, assignee_id)


def _holds(viewer: Viewer, post: PostFacts) -> bool:
    return post.assignee_id is not None and post.assignee_id == viewer.officer_id


def may_read(viewer: Viewer, post: PostFacts) -> bool:
    if viewer.is_admin or _holds(viewer, post):
        return True
    if viewer.role == "leader" or post.private:
        return viewer.in_scope(post.unit_id)
    return True


def may_act(viewer: Viewer, post: PostFacts) -> bool:
    return viewer.is_admin or _holds(viewer, post) or viewer.in_scope(post.unit_id)


def may_read_notes(viewer: Viewer, post: PostFacts) -> bool:
    return may_act(viewer, post)


def may_see_phone(viewer: Viewer, post: PostFacts) -> bool:
    return viewer.is_leader or viewer.in_scope(post.unit_id)


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
) -> bool:
    """Whether an event with these scope columns goes to this officer's stream."""
    if viewer.is_admin or (assignee_id is not None and assignee_id == viewer.officer_id):
        return True
    in_scope = viewer.in_scope(unit_id) or viewer.in_scope(prev_unit_id)
    if audience == "leaders":
        return viewer.role == "leader" and in_scope
    if audience == "scope" or viewer.role == "leader":
        return in_scope
    return True


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
