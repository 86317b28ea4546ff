"""Appending to the event log (same transaction as the change).

The hub that fans events out to SSE subscribers lives in `platform_server.events.hub`.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.orm import Session

from platform_server.storage.models import Event, Post, utcnow

# Every event type the stream can carry (API.md lists the minimum).
EVENT_TYPES = (
    "post.created",
    "post.updated",
    "post.replied",
    "post.noted",
    "post.rated",
    "silent.created",
    "silent.acknowledged",
    "silent.escalated",
    "officer.updated",
)


def record_event(
    db: Session,
    type_: str,
    payload: dict[str, Any],
    *,
    post: Post | None = None,
    audience: str | None = None,
    prev_unit_id: int | None = None,
) -> Event:
    """Append one event; it becomes visible to streams when the transaction commits.

    For post events the scope columns come from the post: restricted boards and
    silent reports are "scope" events, so only officers who may read them get them.
    """
    if type_ not in EVENT_TYPES:
        raise ValueError(f"unknown event type {type_!r}")
    if audience is None:
        restricted = post is not None and (post.kind == "silent_report" or post.board.restricted)
        audience = "scope" if restricted or type_ == "post.noted" else "all"
    ev = Event(
        type=type_,
        post_id=post.id if post is not None else None,
        unit_id=post.unit_id if post is not None else None,
        prev_unit_id=prev_unit_id,
        assignee_id=post.assignee_id if post is not None else None,
        audience=audience,
        payload=json.dumps(payload, ensure_ascii=False, default=str),
        created_at=utcnow(),
    )
    db.add(ev)
    db.flush()
    db.info["events_written"] = True  # tells the request wrapper to wake the hub
    return ev
