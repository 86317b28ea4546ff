"""Finding a case without the queue: by its number, by the author's phone, by the author.

- ``q=#12345`` names one case: the list answers with that post alone (if the viewer may
  read it), whatever the other filters say — the officer asked for that case.
- ``phone=`` finds the posts of the author with that phone number. A phone number is
  the reporter's personal data, so only roles that may see every phone (leaders and
  admins, `scope.may_see_phone`) may search by it; others get 403 with a sentence.
- ``GET /citizens/{id}/posts``: the author's posts, as far as the viewer may read them.

And read-only sight after a post leaves the viewer's scope: an officer who handled it
(accepted, replied, noted, transferred or acknowledged it) may still read it, so the
console can say where it went instead of "not found".
"""

from __future__ import annotations

import re

from sqlalchemy import ColumnElement, exists, false, or_, select
from sqlalchemy.orm import Session

from platform_server.domain.scope import Viewer
from platform_server.errors import ApiError
from platform_server.schemas import MAX_DB_INT
from platform_server.storage.models import Citizen, Post, TimelineEntry

CASE_NUMBER = re.compile(r"^\s*#\s*(\d{1,12})\s*$")
_PHONE = re.compile(r"^\+?\d{5,15}$")
_PHONE_NOISE = re.compile(r"[\s\-()（）]")
# Timeline actions that make an officer one who handled the post.
HANDLING_ACTIONS = ("accepted", "replied", "noted", "transferred", "acknowledged", "signed")


def case_number(q: str | None) -> int | None:
    """The case number in a query such as ``#12345`` (None: not a case number)."""
    m = CASE_NUMBER.match(q or "")
    return int(m.group(1)) if m else None


def check_phone(viewer: Viewer, phone: str | None) -> str | None:
    """The phone number to search for, in digits; 403 for roles that may not see phones."""
    if phone is None:
        return None
    if not viewer.is_leader:
        raise ApiError(
            403,
            "phone_lookup_forbidden",
            "手机号属于群众的个人信息，只有领导和管理员可以按手机号查找帖子；"
            "请按案件编号查找，或请领导协助。",
        )
    digits = _PHONE_NOISE.sub("", phone)
    if not _PHONE.match(digits):
        raise ApiError(422, "invalid_phone", "手机号格式不正确：请输入 5 到 15 位数字。")
    return digits


def phone_clause(phone: str) -> ColumnElement[bool]:
    """Posts whose author has this phone (the citizen's record, or as written on the post)."""
    citizens = select(Citizen.id).where(Citizen.phone == phone)
    return or_(Post.citizen_id.in_(citizens), Post.author_phone == phone)


def clauses(
    post_id: int | None, phone: str | None, citizen_id: int | None
) -> list[ColumnElement[bool]]:
    """The WHERE clauses of a lookup (case number, the author's phone, the author)."""
    out: list[ColumnElement[bool]] = []
    if post_id is not None:
        # A number past the largest id names no case (and PostgreSQL's INTEGER would
        # refuse the comparison itself).
        out.append(Post.id == post_id if post_id <= MAX_DB_INT else false())
    if phone is not None:
        out.append(phone_clause(phone))
    if citizen_id is not None:
        out.append(Post.citizen_id == citizen_id)
    return out


def citizen_exists(db: Session, citizen_id: int) -> None:
    """404 with a sentence when there is no such citizen."""
    if db.get(Citizen, citizen_id) is None:
        raise ApiError(404, "citizen_not_found", f"没有编号为 {citizen_id} 的群众。")


def handled_by(db: Session, viewer: Viewer, post_id: int) -> bool:
    """The viewer handled this post at some time (kept read-only sight of it)."""
    return bool(
        db.scalar(
            select(
                exists().where(
                    TimelineEntry.post_id == post_id,
                    TimelineEntry.officer_id == viewer.officer_id,
                    TimelineEntry.action.in_(HANDLING_ACTIONS),
                )
            )
        )
    )
