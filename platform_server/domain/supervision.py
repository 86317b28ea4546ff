"""Supervision (督办): a post put under a supervision order with its own deadline.

One kind of order, whoever makes it: a leader's `POST /posts/{id}/supervise`
(`domain.oversight.supervise`, source "leader") or a callback that finds the author
dissatisfied (`order` here, source "callback"). Both are rows of `supervisions`, listed
for leaders by `GET /supervision` and closed when the case is closed. The post says
since when it is supervised (`supervised_at`, on every queue row): the time of its
first order; it stays set, so a supervised case resolved again is always called back.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from platform_server.domain.change import step
from platform_server.domain.origin import Origin
from platform_server.storage.models import Post, Supervision

SOURCES = ("callback", "leader")


def mark(post: Post, now: datetime) -> None:
    """The post is under supervision from its first order on."""
    if post.supervised_at is None:
        post.supervised_at = now


def order(
    db: Session,
    post: Post,
    origin: Origin,
    *,
    due_at: datetime,
    instruction: str,
    source: str,
    now: datetime,
) -> Supervision:
    """Put the post under supervision (the caller records the post's event)."""
    if source not in SOURCES:
        raise ValueError(f"unknown supervision source {source!r}")
    row = Supervision(
        post_id=post.id,
        by_id=origin.need_officer().officer_id,
        at=now,
        due_at=due_at,
        instruction=instruction,
        source=source,
    )
    db.add(row)
    mark(post, now)
    step(db, post, now, "supervised", origin, detail=instruction)
    return row
