"""Who may read and act on what: the unit tree, restricted boards, notes.

Rules (documented in the README):
- admin: everything.
- leader: every post whose unit lies in the subtree of the leader's unit.
- officer: every ordinary post (posts are public); restricted posts (silent reports,
  complaints about officers) only when the post's unit lies in the officer's unit
  subtree or the officer is the assignee.
- acting on a post (accept, reply, note, transfer, close, reopen, acknowledge) needs
  the post's unit in the actor's subtree, or being the assignee; admins may act
  anywhere.
- internal notes are readable by those who may act on the post (and leaders above).
- phone numbers are shown unmasked to leaders and admins, and to officers of the
  handling unit.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from platform_server.storage.models import Officer, Post, Unit


def unit_subtree(db: Session, root_id: int) -> set[int]:
    """The unit and every unit below it."""
    rows = db.execute(select(Unit.id, Unit.parent_id)).all()
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


@dataclass(frozen=True)
class Viewer:
    """The signed-in officer as the permission checks see them."""

    officer_id: int
    badge: str
    name: str
    unit_id: int
    role: str
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
        if self.is_admin or post.assignee_id == self.officer_id:
            return True
        restricted = post.kind == "silent_report" or post.board.restricted
        if self.role == "leader" or restricted:
            return self.in_scope(post.unit_id)
        return True

    def may_act(self, post: Post) -> bool:
        return self.is_admin or post.assignee_id == self.officer_id or self.in_scope(post.unit_id)

    def may_read_notes(self, post: Post) -> bool:
        return self.may_act(post)

    def may_see_phone(self, post: Post) -> bool:
        return self.is_leader or self.in_scope(post.unit_id)

    def receives(
        self,
        audience: str,
        unit_id: int | None,
        prev_unit_id: int | None,
        assignee_id: int | None,
    ) -> bool:
        """Whether an event with these scope columns goes to this officer's stream."""
        if self.is_admin or (assignee_id is not None and assignee_id == self.officer_id):
            return True
        in_scope = self.in_scope(unit_id) or self.in_scope(prev_unit_id)
        if audience == "scope" or self.role == "leader":
            return in_scope
        return True


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
