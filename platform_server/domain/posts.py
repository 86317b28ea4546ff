"""The post workflow: which action is allowed in which state, and what it changes.

    new ──accept──▶ accepted ──reply──▶ in_progress ──close──▶ resolved ──(days)──▶ archived
     ▲  └──────────────reply (auto-accept)──────▶ ▲              │
     └──── transfer (from any open state) ◀───────┘◀───reopen────┘

Rules beyond the diagram:
- A post held by another officer cannot be accepted (409 naming the holder); nor
  replied to, closed or transferred, except by a leader or admin.
- Accepting, replying to or closing an unacknowledged silent report acknowledges it:
  a named officer has it, so the alarm on every console can stop.
- Transfer puts the post back to `new` in the target unit, unassigned, with a fresh
  deadline from its board; reopening also restarts the deadline.
- Archived posts are final.

Each action checks first, then calls `guard(post)` (the route's If-Match check),
then changes the post: so a conflict is reported as a conflict even to a client that
holds a stale version, and nothing is changed when any check fails. The caller owns
the transaction, the event and the audit record (see routes/posts.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from platform_server import schemas
from platform_server.domain import serialize
from platform_server.domain.intake import check_text
from platform_server.domain.scope import Viewer
from platform_server.errors import ApiError
from platform_server.events import log as events
from platform_server.storage.models import (
    OPEN_STATUSES,
    Board,
    Note,
    Officer,
    Post,
    Reply,
    TimelineEntry,
    Unit,
    utcnow,
)

Guard = Callable[[Post], None]
MAX_REASON_CHARS = 1000  # as schemas.TransferIn / ReopenIn
MAX_RESOLUTION_CHARS = 5000  # as schemas.CloseIn


@dataclass
class Outcome:
    """What an action did, for the route to turn into an event, audit entry and response."""

    action: str  # accept | transfer | reply | note | close | reopen | acknowledge
    event: str  # event type (events.EVENT_TYPES)
    changed: bool = True
    prev_unit_id: int | None = None
    acknowledged: bool = False  # a silent report was acknowledged along the way
    reply: Reply | None = None
    note: Note | None = None
    detail: str = ""  # for the audit log


def deadline_for(board: Board, start: datetime) -> datetime:
    """When a post on this board must be handled, counted from `start` (creation/transfer)."""
    return start + timedelta(minutes=board.deadline_minutes)


def officer_label(officer: Officer | Viewer) -> str:
    return f"{officer.name}（{officer.badge}）"


def actor_ref(viewer: Viewer) -> dict[str, Any]:
    return {"id": viewer.officer_id, "name": viewer.name, "badge": viewer.badge}


def event_payload(
    summary: schemas.PostSummary, action: str, actor: dict[str, Any] | None
) -> dict[str, Any]:
    """The JSON every post event carries: the post's queue row plus what happened."""
    payload = summary.model_dump(mode="json")
    payload["action"] = action
    payload["actor"] = actor
    return payload


# ---------------------------------------------------------------- checks
def _illegal(message: str) -> ApiError:
    return ApiError(409, "illegal_transition", message)


def _ensure_not_archived(post: Post, what: str) -> None:
    if post.status == "archived":
        raise _illegal(f"帖子已归档，不能再{what}。")


def _ensure_open(post: Post, what: str) -> None:
    _ensure_not_archived(post, what)
    if post.status == "resolved":
        raise _illegal(f"帖子已办结，不能再{what}；如需继续办理请先重新打开。")


def _holder_conflict(db: Session, post: Post, message_tail: str) -> ApiError:
    holder = db.get(Officer, post.assignee_id)
    name = officer_label(holder) if holder else f"编号 {post.assignee_id} 的民警"
    return ApiError(
        409,
        "claimed_by_other",
        f"该帖已由 {name}受理{message_tail}",
        holder={
            "id": post.assignee_id,
            "badge": holder.badge if holder else "",
            "name": holder.name if holder else "",
        },
    )


def _held_by_other(post: Post, actor: Viewer) -> bool:
    return (
        post.assignee_id is not None
        and post.assignee_id != actor.officer_id
        and post.status in OPEN_STATUSES
    )


def _ensure_may_handle(db: Session, post: Post, actor: Viewer, what: str) -> None:
    """Only the holder (or a leader/admin) handles a post someone has accepted."""
    if _held_by_other(post, actor) and not actor.is_leader:
        raise _holder_conflict(db, post, f"，只有受理人或领导可以{what}。")


def iso(dt: datetime) -> str:
    """A stored (naive UTC) time as the API writes it."""
    return dt.isoformat(timespec="milliseconds") + "Z"


def _text(value: str, max_chars: int, what: str) -> str:
    # The same checks (and error codes) as citizen text: not blank, not too long, and
    # no NUL or lone surrogates that would be cut off or crash an encoder downstream.
    check_text(value, what, max_chars)
    return value


# ---------------------------------------------------------------- changes
def _touch(post: Post, now: datetime) -> None:
    post.version += 1
    post.updated_at = now


def _timeline(
    db: Session,
    post: Post,
    now: datetime,
    action: str,
    actor: Viewer | None,
    *,
    detail: str = "",
    from_unit_id: int | None = None,
    to_unit_id: int | None = None,
) -> None:
    db.add(
        TimelineEntry(
            post_id=post.id,
            at=now,
            action=action,
            actor_kind="officer" if actor else "system",
            officer_id=actor.officer_id if actor else None,
            from_unit_id=from_unit_id,
            to_unit_id=to_unit_id,
            detail=detail,
        )
    )


def _auto_acknowledge(db: Session, post: Post, actor: Viewer, now: datetime) -> bool:
    if post.kind != "silent_report" or post.acknowledged_at is not None:
        return False
    post.acknowledged_by_id = actor.officer_id
    post.acknowledged_at = now
    _timeline(db, post, now, "acknowledged", actor)
    return True


def _claim(db: Session, post: Post, actor: Viewer, now: datetime) -> bool:
    post.assignee_id = actor.officer_id
    post.status = "accepted"
    post.accepted_at = now
    _timeline(db, post, now, "accepted", actor)
    return _auto_acknowledge(db, post, actor, now)


def _run_guard(guard: Guard | None, post: Post) -> None:
    if guard is not None:
        guard(post)


# ---------------------------------------------------------------- actions
def accept(
    db: Session,
    post: Post,
    actor: Viewer,
    *,
    now: datetime,
    guard: Guard | None = None,
) -> Outcome:
    """Claim the post (受理). Accepting one's own post again changes nothing."""
    _ensure_not_archived(post, "受理")
    if post.status == "resolved":
        raise _illegal("帖子已办结，不能再受理；如需继续办理请先重新打开。")
    if _held_by_other(post, actor):
        raise _holder_conflict(db, post, "，请勿重复受理。")
    _run_guard(guard, post)
    if post.assignee_id == actor.officer_id and post.status != "new":
        return Outcome("accept", "post.updated", changed=False)
    acknowledged = _claim(db, post, actor, now)
    _touch(post, now)
    return Outcome("accept", "post.updated", acknowledged=acknowledged)


def reply(
    db: Session,
    post: Post,
    actor: Viewer,
    *,
    body: str,
    now: datetime,
    max_chars: int,
    guard: Guard | None = None,
) -> Outcome:
    """A public reply; a new post is accepted by the replier on the way."""
    body = _text(body, max_chars, "答复内容")
    _ensure_open(post, "答复")
    _ensure_may_handle(db, post, actor, "答复")
    _run_guard(guard, post)
    acknowledged = False
    if post.status == "new" or post.assignee_id is None:
        acknowledged = _claim(db, post, actor, now)
    post.status = "in_progress"
    if post.first_response_at is None:
        post.first_response_at = now
    post.reply_count += 1
    row = Reply(
        post_id=post.id,
        officer_id=actor.officer_id,
        unit_id=actor.unit_id,
        body=body,
        workstation=actor.workstation,
        created_at=now,
    )
    db.add(row)
    _timeline(db, post, now, "replied", actor)
    _touch(post, now)
    db.flush()
    return Outcome(
        "reply", "post.replied", reply=row, acknowledged=acknowledged, detail=f"reply {row.id}"
    )


def add_note(
    db: Session,
    post: Post,
    actor: Viewer,
    *,
    body: str,
    now: datetime,
    max_chars: int,
    guard: Guard | None = None,
) -> Outcome:
    """An internal note; allowed in every state (reviews happen after archiving too)."""
    body = _text(body, max_chars, "备注内容")
    _run_guard(guard, post)
    row = Note(
        post_id=post.id,
        officer_id=actor.officer_id,
        unit_id=actor.unit_id,
        body=body,
        workstation=actor.workstation,
        created_at=now,
    )
    db.add(row)
    _timeline(db, post, now, "noted", actor)
    _touch(post, now)
    db.flush()
    return Outcome("note", "post.noted", note=row, detail=f"note {row.id}")


def transfer(
    db: Session,
    post: Post,
    actor: Viewer,
    *,
    unit_id: int,
    reason: str,
    now: datetime,
    guard: Guard | None = None,
) -> Outcome:
    """Hand the post to another unit (转办): new again there, unassigned, fresh deadline."""
    _text(reason, MAX_REASON_CHARS, "转办理由")
    target = db.get(Unit, unit_id)
    if target is None:
        raise ApiError(422, "unknown_unit", f"没有编号为 {unit_id} 的单位，请从单位列表中选择。")
    _ensure_open(post, "转办")
    if target.id == post.unit_id:
        raise ApiError(409, "same_unit", f"帖子已经在{target.name}，无需转办。")
    _ensure_may_handle(db, post, actor, "转办")
    _run_guard(guard, post)
    prev = post.unit_id
    post.unit_id = target.id
    post.status = "new"
    post.assignee_id = None
    post.accepted_at = None
    post.transfer_count += 1
    post.deadline_at = deadline_for(post.board, now)
    _timeline(
        db, post, now, "transferred", actor, detail=reason, from_unit_id=prev, to_unit_id=target.id
    )
    _touch(post, now)
    return Outcome(
        "transfer", "post.updated", prev_unit_id=prev, detail=f"{prev}→{target.id}: {reason}"
    )


def close(
    db: Session,
    post: Post,
    actor: Viewer,
    *,
    resolution: str,
    now: datetime,
    guard: Guard | None = None,
) -> Outcome:
    """Resolve the post (办结) with a resolution text."""
    _text(resolution, MAX_RESOLUTION_CHARS, "办结说明")
    _ensure_not_archived(post, "办结")
    if post.status == "resolved":
        raise _illegal("帖子已经办结了，无需再次办结。")
    _ensure_may_handle(db, post, actor, "办结")
    _run_guard(guard, post)
    acknowledged = False
    if post.assignee_id is None:
        acknowledged = _claim(db, post, actor, now)
    post.status = "resolved"
    post.resolved_at = now
    post.resolution = resolution
    _timeline(db, post, now, "resolved", actor, detail=resolution)
    _touch(post, now)
    return Outcome("close", "post.updated", acknowledged=acknowledged, detail=resolution)


def reopen(
    db: Session,
    post: Post,
    actor: Viewer,
    *,
    reason: str,
    now: datetime,
    guard: Guard | None = None,
) -> Outcome:
    """Back to in_progress from resolved, with a fresh deadline; archived posts are final."""
    if post.status == "archived":
        raise _illegal("帖子已归档，不能重新打开。")
    if post.status != "resolved":
        raise _illegal("帖子尚未办结，无需重新打开。")
    _run_guard(guard, post)
    post.status = "in_progress"
    post.resolved_at = None
    post.resolution = None
    post.deadline_at = deadline_for(post.board, now)
    if post.assignee_id is None:
        post.assignee_id = actor.officer_id
    _timeline(db, post, now, "reopened", actor, detail=reason)
    _touch(post, now)
    return Outcome("reopen", "post.updated", detail=reason)


def acknowledge(
    db: Session,
    post: Post,
    actor: Viewer,
    *,
    now: datetime,
    guard: Guard | None = None,
) -> Outcome:
    """Acknowledge a silent report (stops the alarm everywhere); the first one wins."""
    if post.kind != "silent_report":
        raise ApiError(422, "not_silent_report", "只有静默报警（V报警）需要确认接警。")
    if post.acknowledged_at is not None:
        first = db.get(Officer, post.acknowledged_by_id) if post.acknowledged_by_id else None
        who = officer_label(first) if first else "其他民警"
        raise ApiError(
            409,
            "already_acknowledged",
            f"该静默报警已由 {who}确认接警，无需重复确认。",
            acknowledged_by=(
                {"id": first.id, "badge": first.badge, "name": first.name} if first else None
            ),
            acknowledged_at=iso(post.acknowledged_at),
        )
    _run_guard(guard, post)
    post.acknowledged_by_id = actor.officer_id
    post.acknowledged_at = now
    _timeline(db, post, now, "acknowledged", actor)
    _touch(post, now)
    return Outcome("acknowledge", "silent.acknowledged")


# ---------------------------------------------------------------- housekeeping
def archive_resolved(
    db: Session, older_than: timedelta, *, now: datetime | None = None, limit: int = 500
) -> int:
    """Archive up to `limit` posts resolved more than `older_than` ago; returns how many.

    Run it inside a write transaction (ctx.write()) and repeat until it returns 0;
    each archived post gets a timeline entry and a post.updated event.
    """
    now = now or utcnow()
    posts = list(
        db.scalars(
            select(Post)
            .where(Post.resolved_at < now - older_than, Post.status == "resolved")
            .order_by(Post.resolved_at)
            .limit(limit)
        )
    )
    for post in posts:
        post.status = "archived"
        post.archived_at = now
        _timeline(db, post, now, "archived", None)
        _touch(post, now)
    db.flush()
    for post, summary in zip(posts, serialize.summaries(db, posts, None), strict=True):
        events.record_event(db, "post.updated", event_payload(summary, "archive", None), post=post)
    return len(posts)
