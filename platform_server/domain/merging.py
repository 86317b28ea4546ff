"""Merging a duplicate under its master post, and undoing it exactly.

Merging sets the duplicate's `merged_into_id` and takes its deadline away (the master's
deadline is the one that counts; a duplicate must not fall overdue on its own). What it
had before is kept in a `PostMerge` row, so unmerging puts back exactly that: the
duplicate's status, unit, holder and deadline were never touched, and its deadline
comes back as it was. Both posts get a timeline entry; the duplicate's event is
`post.merged` (with `into_id`), the undoing a `post.updated` with action `unmerge`.

While merged, the duplicate is handled through its master: its author's page shows the
master's progress and replies (`serialize.public_view`), and officers' actions on the
duplicate itself are refused with a sentence naming the master (`posts._ensure_not_merged`)
— so a reply goes out once, on the master.

Never merged: silent reports (an alarm is never folded into another post), archived
posts, a post into itself, into a post that is merged itself, or a post that has
duplicates of its own merged under it.
"""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from platform_server.domain.change import finish, step, touch
from platform_server.domain.origin import Origin
from platform_server.domain.posts import Guard, Outcome, iso
from platform_server.errors import ApiError
from platform_server.events import types as ev
from platform_server.storage.models import Post, PostMerge


def _refuse(message: str, code: str = "illegal_transition", status: int = 409) -> ApiError:
    return ApiError(status, code, message)


def _check(db: Session, post: Post, master: Post) -> None:
    if post.id == master.id:
        raise _refuse("不能把帖子合并到它自己。", "invalid", 422)
    if "silent_report" in (post.kind, master.kind):
        raise _refuse("无声报警不能合并，需单独处置。", "invalid", 422)
    if "archived" in (post.status, master.status):
        raise _refuse("已归档的帖子不能合并。")
    if post.merged_into_id is not None:
        raise _refuse(f"这条帖子已合并到 #{post.merged_into_id}，请先取消合并。")
    if master.merged_into_id is not None:
        top = master.merged_into_id
        raise _refuse(f"#{master.id} 本身已合并到 #{top}，请直接合并到 #{top}。")
    has_own = db.scalar(select(Post.id).where(Post.merged_into_id == post.id).limit(1))
    if has_own is not None:
        raise _refuse("已有其他重复帖合并到这条帖子下，请先取消那些合并。")


def merge(
    db: Session,
    post: Post,
    master: Post,
    origin: Origin,
    *,
    now: datetime,
    guard: Guard | None = None,
) -> Outcome:
    """Merge `post` (the duplicate) under `master`."""
    _check(db, post, master)
    if guard is not None:
        guard(post)
    before = {"deadline_at": iso(post.deadline_at) if post.deadline_at else None}
    db.add(
        PostMerge(
            post_id=post.id,
            into_id=master.id,
            officer_id=origin.officer_id,
            at=now,
            before=json.dumps(before),
        )
    )
    post.merged_into_id = master.id
    post.deadline_at = None
    step(db, post, now, "merged", origin, detail=f"#{master.id}")
    step(db, master, now, "merged_in", origin, detail=f"#{post.id}")
    touch(post, now)
    touch(master, now)
    finish(db, origin, post, ev.PostMerged, "merge", detail=f"into {master.id}", into_id=master.id)
    finish(db, origin, master, ev.PostUpdated, "merge", detail=f"{post.id} merged in")
    return Outcome("merge")


def unmerge(
    db: Session, post: Post, origin: Origin, *, now: datetime, guard: Guard | None = None
) -> Outcome:
    """Put the duplicate back as it was before its merge."""
    if post.merged_into_id is None:
        raise _refuse("这条帖子没有合并到其他帖子，无需取消合并。")
    if guard is not None:
        guard(post)
    record = db.scalars(
        select(PostMerge)
        .where(PostMerge.post_id == post.id, PostMerge.undone_at.is_(None))
        .order_by(PostMerge.id.desc())
    ).first()
    before = json.loads(record.before) if record is not None else {}
    deadline = before.get("deadline_at")
    post.deadline_at = datetime.fromisoformat(deadline.removesuffix("Z")) if deadline else None
    master = db.get(Post, post.merged_into_id)
    post.merged_into_id = None
    if record is not None:
        record.undone_at = now
    step(db, post, now, "unmerged", origin, detail=f"#{master.id}" if master else "")
    touch(post, now)
    finish(db, origin, post, ev.PostUpdated, "unmerge")
    if master is not None:
        step(db, master, now, "unmerged_out", origin, detail=f"#{post.id}")
        touch(master, now)
        finish(db, origin, master, ev.PostUpdated, "unmerge", detail=f"{post.id} unmerged")
    return Outcome("unmerge")
