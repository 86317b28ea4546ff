"""The one way a post changes: version, timeline entry, typed event and audit record.

Every action (`posts`, `intake`, `jobs`) changes a post with these helpers and
nothing else, modelled on Zulip's `zerver/actions` + `send_event_on_commit`:

    check ... (raise ApiError before anything is written)
    change the post's columns
    step(db, post, now, "accepted", origin)      # its timeline entry
    touch(post, now)                             # version + 1, updated_at
    finish(db, origin, post, PostUpdated, "accept")   # event(s) + audit record

All of it lands in the caller's transaction, so the change, its timeline entry, its
event and its audit record commit together or not at all.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from platform_server.domain import audit, serialize
from platform_server.domain.origin import Origin
from platform_server.events import log
from platform_server.events.types import PostEvent, SilentAcknowledged
from platform_server.schemas import PostSummary
from platform_server.storage.models import Post, TimelineEntry


def touch(post: Post, now: datetime) -> None:
    """A new version of the post (its ETag changes)."""
    post.version += 1
    post.updated_at = now


def step(
    db: Session,
    post: Post,
    now: datetime,
    action: str,
    origin: Origin,
    *,
    detail: str = "",
    from_unit_id: int | None = None,
    to_unit_id: int | None = None,
) -> None:
    """One entry in the post's timeline, in the name of `origin`."""
    db.add(
        TimelineEntry(
            post_id=post.id,
            at=now,
            action=action,
            actor_kind=origin.kind,
            officer_id=origin.officer_id,
            from_unit_id=from_unit_id,
            to_unit_id=to_unit_id,
            detail=detail,
        )
    )


def finish(
    db: Session,
    origin: Origin,
    post: Post,
    model: type[PostEvent],
    action: str,
    *,
    acknowledged: bool = False,
    prev_unit_id: int | None = None,
    prev_reader_unit_ids: Iterable[int] = (),
    detail: str = "",
    summary: PostSummary | None = None,
    **extra: Any,
) -> None:
    """Record what an action did to `post`: its event, and the officer's audit entry.

    `acknowledged`: the action also acknowledged a silent report on the way, which
    every console hears as `silent.acknowledged` too (its alarm stops).
    `prev_unit_id`, `prev_reader_unit_ids`: the unit the post left and the assisting
    units of the dispatch the action ended: they hear of it too (`events.log`).
    `summary`: the post's queue row when the caller has it already (batches).
    `extra`: the fields `model` adds to the queue row (reply, note, score, ...).
    """
    db.flush()
    row = (summary or serialize.summary(db, post, None)).model_dump()
    cause = {"actor": origin.actor(), "idempotency_key": origin.idempotency_key}
    event = model.model_validate({**row, "action": action, **cause, **extra})
    log.record_event(
        db, event, post=post, prev_unit_id=prev_unit_id, prev_reader_unit_ids=prev_reader_unit_ids
    )
    if acknowledged and model is not SilentAcknowledged:
        ack = SilentAcknowledged.model_validate({**row, "action": "acknowledge", **cause})
        log.record_event(db, ack, post=post)
    audit.record_audit(
        db, origin, f"post.{action}", target_type="post", target_id=post.id, detail=detail
    )
