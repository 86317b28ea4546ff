"""Appending to the event log, in the same transaction as the change it describes.

`record_event` is the only writer of the `events` table. It takes a typed event
(`platform_server.events.types`) and files it with the scope columns the hub uses to
decide who receives it. Nothing reaches subscribers before the transaction commits;
the write context (`AppContext.write`) wakes the hub after a commit that wrote
events — the platform's `send_event_on_commit`.

The hub that fans events out to SSE subscribers lives in `platform_server.events.hub`.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from platform_server.events.types import EVENT_MODELS, EventModel, PostEvent
from platform_server.storage.models import Event, Post, utcnow

EVENTS_WRITTEN = "events_written"  # Session.info flag: this transaction recorded events


def record_event(
    db: Session,
    event: EventModel,
    *,
    post: Post | None = None,
    prev_unit_id: int | None = None,
) -> Event:
    """Append one event; it becomes visible to streams when the transaction commits.

    Post events need their `post` for the scope columns: restricted boards, silent
    reports and `scope_only` types (internal notes) go only to officers who may read
    them; `prev_unit_id` lets the unit a post was transferred away from hear of it.
    """
    if EVENT_MODELS.get(getattr(event, "type", None)) is not type(event):  # type: ignore[arg-type]
        raise TypeError(f"{type(event).__name__} is not a registered event model")
    if isinstance(event, PostEvent):
        if post is None or post.id != event.id:
            raise ValueError(f"{event.type} needs the post it describes")
        scoped = event.scope_only or post.kind == "silent_report" or post.board.restricted
        audience = "scope" if scoped else "all"
    else:
        audience = "all"
    row = Event(
        type=event.type,
        post_id=post.id if post is not None else None,
        unit_id=post.unit_id if post is not None else None,
        prev_unit_id=prev_unit_id,
        assignee_id=post.assignee_id if post is not None else None,
        audience=audience,
        payload=event.model_dump_json(),
        created_at=utcnow(),
    )
    db.add(row)
    db.flush()
    db.info[EVENTS_WRITTEN] = True
    return row
