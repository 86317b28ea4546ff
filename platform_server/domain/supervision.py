"""Supervision (督办): a post put under a supervision order with its own deadline.

A callback that finds the author dissatisfied puts the post under supervision here
(`order`, source "callback"; table `callback_supervisions`). A leader's
`POST /posts/{id}/supervise` order is issue 12's own (`domain.oversight`, table
`supervisions`). The post says since when it is supervised (`supervised_at`, on every
queue row) until the order is closed.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from platform_server.domain.change import step
from platform_server.domain.origin import Origin
from platform_server.storage.citizen_models import CallbackSupervision
from platform_server.storage.models import Post

SOURCES = ("callback", "leader")


def order(
    db: Session,
    post: Post,
    origin: Origin,
    *,
    due_at: datetime,
    instruction: str,
    source: str,
    now: datetime,
) -> CallbackSupervision:
    """Put the post under supervision (the caller records the post's event)."""
    if source not in SOURCES:
        raise ValueError(f"unknown supervision source {source!r}")
    row = CallbackSupervision(
        post_id=post.id,
        due_at=due_at,
        instruction=instruction,
        source=source,
        ordered_by_id=origin.officer_id,
        created_at=now,
    )
    db.add(row)
    post.supervised_at = now
    step(db, post, now, "supervised", origin, detail=instruction)
    return row
