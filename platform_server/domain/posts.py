"""The post workflow: which officer action is allowed in which state, and what it changes.

    new ──accept──▶ accepted ──reply──▶ in_progress ──close──▶ resolved ──(days)──▶ archived
     ▲  └──────────────reply (auto-accept)──────▶ ▲              │
     └──── transfer (from any open state) ◀───────┘◀───reopen────┘

Rules beyond the diagram (who may do what: `platform_server.domain.scope`):
- A post held by another officer cannot be accepted (409 naming the holder); nor
  replied to, closed or transferred, except by a leader or admin.
- Accepting, replying to or closing an unacknowledged silent report acknowledges it:
  a named officer has it, so the alarm on every console can stop. The other way
  round too (API v1.1): acknowledging a report nobody holds also accepts it for the
  acknowledging officer; a held report is only acknowledged.
- Priority (1 紧急 … 4 低) may change in any open state; setting the same value again
  changes nothing (no new version, no event).
- Transfer (a dispatch to a lead unit, `platform_server.domain.dispatch`) puts the post
  back to `new` in the target unit, unassigned, with a fresh deadline from its board;
  reopening also restarts the deadline.
- Archived posts are final.

Each action checks first, then calls `guard(post)` (the route's If-Match check),
then changes the post, appends its timeline entry and records its event and audit
entry (`change.finish`), all in the caller's transaction: a conflict is reported
as a conflict even to a client that holds a stale version, and nothing is changed
when any check fails. The platform's own actions (archiving, escalation) are in
`platform_server.domain.jobs`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from platform_server.domain import calendar, pushes, scope
from platform_server.domain.change import finish, step, touch
from platform_server.domain.checks import check_text
from platform_server.domain.origin import Origin
from platform_server.domain.workdays import Calendar, deadline_after
from platform_server.errors import ApiError
from platform_server.events import types as ev
from platform_server.storage.citizen_models import Message
from platform_server.storage.models import (
    OPEN_STATUSES,
    Board,
    Note,
    Officer,
    Post,
    Reply,
)

Guard = Callable[[Post], None]
MAX_REASON_CHARS = 1000  # as schemas.TransferIn / ReopenIn / ReturnIn
MAX_RESOLUTION_CHARS = 5000  # as schemas.CloseIn
PRIORITIES = {1: "紧急", 2: "加急", 3: "一般", 4: "低"}


@dataclass
class Outcome:
    """What an action did, for the route to answer with."""

    action: str  # accept | transfer | reply | note | close | reopen | acknowledge | priority
    changed: bool = True
    acknowledged: bool = False  # a silent report was acknowledged along the way
    reply: Reply | None = None
    note: Note | None = None
    message: Message | None = None  # a private message to the author (domain.messages)


def deadline_for(db: Session, board: Board, start: datetime) -> datetime:
    """When a post on this board must be handled, counted from `start` (creation/transfer):
    the board's working days over the holiday calendar where it counts in working days,
    else its minutes."""
    days = calendar.working_days(db, board.code)
    cal = calendar.calendar(db) if days else Calendar()
    return deadline_after(start, board.deadline_minutes, days, cal)


def officer_label(officer: Officer) -> str:
    return f"{officer.name}（{officer.badge}）"


def iso(dt: datetime) -> str:
    """A stored (naive UTC) time as the API writes it."""
    return dt.isoformat(timespec="milliseconds") + "Z"


# ---------------------------------------------------------------- checks
def _illegal(message: str) -> ApiError:
    return ApiError(409, "illegal_transition", message)


def _ensure_not_archived(post: Post, what: str) -> None:
    if post.status == "archived":
        raise _illegal(f"帖子已归档，不能再{what}。")
    _ensure_not_merged(post, what)


def _ensure_not_merged(post: Post, what: str) -> None:
    """A merged duplicate is handled on its master (a reply goes out once)."""
    if post.merged_into_id is not None:
        raise _illegal(
            f"这条帖子已作为重复帖合并到 #{post.merged_into_id}，请在主帖上{what}；"
            "如需单独办理请先取消合并。"
        )


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


def _ensure_may_handle(db: Session, post: Post, origin: Origin, what: str) -> None:
    """Only the holder (or a leader/admin) handles a post someone has accepted."""
    if not scope.may_handle(origin.need_officer(), scope.PostFacts.of(post)):
        raise _holder_conflict(db, post, f"，只有受理人或领导可以{what}。")


def _run_guard(guard: Guard | None, post: Post) -> None:
    if guard is not None:
        guard(post)


# ---------------------------------------------------------------- shared changes
def _acknowledge(db: Session, post: Post, origin: Origin, now: datetime) -> None:
    post.acknowledged_by_id = origin.officer_id
    post.acknowledged_at = now
    step(db, post, now, "acknowledged", origin)


def _claim(db: Session, post: Post, origin: Origin, now: datetime) -> bool:
    """The acting officer takes the post; True when that acknowledged a silent report."""
    post.assignee_id = origin.officer_id
    post.status = "accepted"
    post.accepted_at = now
    step(db, post, now, "accepted", origin)
    if post.kind != "silent_report" or post.acknowledged_at is not None:
        return False
    _acknowledge(db, post, origin, now)
    return True


# ---------------------------------------------------------------- actions
def accept(
    db: Session, post: Post, origin: Origin, *, now: datetime, guard: Guard | None = None
) -> Outcome:
    """Claim the post (受理). Accepting one's own post again changes nothing."""
    _ensure_not_archived(post, "受理")
    if post.status == "resolved":
        raise _illegal("帖子已办结，不能再受理；如需继续办理请先重新打开。")
    if not scope.may_claim(origin.need_officer(), scope.PostFacts.of(post)):
        raise _holder_conflict(db, post, "，请勿重复受理。")
    _run_guard(guard, post)
    if post.assignee_id == origin.officer_id and post.status != "new":
        return Outcome("accept", changed=False)
    acknowledged = _claim(db, post, origin, now)
    touch(post, now)
    finish(db, origin, post, ev.PostUpdated, "accept", acknowledged=acknowledged)
    return Outcome("accept", acknowledged=acknowledged)


def answer_citizen(db: Session, post: Post, origin: Origin, now: datetime) -> bool:
    """An officer answers the citizen (a public reply or a private message): a post nobody
    holds yet is claimed on the way, an open one is in progress, and the first answer
    is the post's first response. True when a silent report was acknowledged with it."""
    acknowledged = False
    if post.status != "resolved" and (post.status == "new" or post.assignee_id is None):
        acknowledged = _claim(db, post, origin, now)
    if post.status in ("new", "accepted"):
        post.status = "in_progress"
    if post.first_response_at is None:
        post.first_response_at = now
    return acknowledged


def reply(
    db: Session,
    post: Post,
    origin: Origin,
    *,
    body: str,
    now: datetime,
    max_chars: int,
    guard: Guard | None = None,
) -> Outcome:
    """A public reply; a new post is accepted by the replier on the way."""
    officer = origin.need_officer()
    check_text(body, "答复内容", max_chars)
    _ensure_open(post, "答复")
    _ensure_may_handle(db, post, origin, "答复")
    _run_guard(guard, post)
    acknowledged = answer_citizen(db, post, origin, now)
    post.reply_count += 1
    row = Reply(
        post_id=post.id,
        officer_id=officer.officer_id,
        unit_id=officer.unit_id,
        body=body,
        workstation=officer.workstation,
        created_at=now,
    )
    db.add(row)
    step(db, post, now, "replied", origin)
    touch(post, now)
    db.flush()
    pushes.push(db, post, "reply", now)
    entry = ev.EntryRef(id=row.id, body=row.body, created_at=row.created_at)
    finish(
        db,
        origin,
        post,
        ev.PostReplied,
        "reply",
        acknowledged=acknowledged,
        detail=f"reply {row.id}",
        reply=entry,
    )
    return Outcome("reply", reply=row, acknowledged=acknowledged)


def add_note(
    db: Session,
    post: Post,
    origin: Origin,
    *,
    body: str,
    now: datetime,
    max_chars: int,
    guard: Guard | None = None,
) -> Outcome:
    """An internal note; allowed in every state (reviews happen after archiving too)."""
    officer = origin.need_officer()
    check_text(body, "备注内容", max_chars)
    _run_guard(guard, post)
    row = Note(
        post_id=post.id,
        officer_id=officer.officer_id,
        unit_id=officer.unit_id,
        body=body,
        workstation=officer.workstation,
        created_at=now,
    )
    db.add(row)
    step(db, post, now, "noted", origin)
    touch(post, now)
    db.flush()
    entry = ev.EntryRef(id=row.id, body=row.body, created_at=row.created_at)
    finish(db, origin, post, ev.PostNoted, "note", detail=f"note {row.id}", note=entry)
    return Outcome("note", note=row)


def close(
    db: Session,
    post: Post,
    origin: Origin,
    *,
    resolution: str,
    now: datetime,
    guard: Guard | None = None,
) -> Outcome:
    """Resolve the post (办结) with a resolution text."""
    check_text(resolution, "办结说明", MAX_RESOLUTION_CHARS)
    _ensure_not_archived(post, "办结")
    if post.status == "resolved":
        raise _illegal("帖子已经办结了，无需再次办结。")
    _ensure_may_handle(db, post, origin, "办结")
    _run_guard(guard, post)
    acknowledged = False
    if post.assignee_id is None:
        acknowledged = _claim(db, post, origin, now)
    post.status = "resolved"
    post.resolved_at = now
    post.resolution = resolution
    step(db, post, now, "resolved", origin, detail=resolution)
    touch(post, now)
    pushes.push(db, post, "resolved", now)
    finish(db, origin, post, ev.PostUpdated, "close", acknowledged=acknowledged, detail=resolution)
    return Outcome("close", acknowledged=acknowledged)


def reopen(
    db: Session,
    post: Post,
    origin: Origin,
    *,
    reason: str,
    now: datetime,
    guard: Guard | None = None,
) -> Outcome:
    """Back to in_progress from resolved, with a fresh deadline; archived posts are final."""
    check_text(reason, "重新打开的理由", MAX_REASON_CHARS, required=False)
    if post.status == "archived":
        raise _illegal("帖子已归档，不能重新打开。")
    if post.status != "resolved":
        raise _illegal("帖子尚未办结，无需重新打开。")
    _ensure_not_merged(post, "重新打开")
    _run_guard(guard, post)
    post.status = "in_progress"
    post.resolved_at = None
    post.resolution = None
    post.deadline_at = deadline_for(db, post.board, now)
    if post.assignee_id is None:
        post.assignee_id = origin.officer_id
    step(db, post, now, "reopened", origin, detail=reason)
    touch(post, now)
    finish(db, origin, post, ev.PostUpdated, "reopen", detail=reason)
    return Outcome("reopen")


def acknowledge(
    db: Session, post: Post, origin: Origin, *, now: datetime, guard: Guard | None = None
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
    _acknowledge(db, post, origin, now)
    if post.assignee_id is None and post.status in OPEN_STATUSES:
        # Nobody holds it: the officer who answered the alarm has it now (v1.1).
        post.assignee_id = origin.officer_id
        post.status = "accepted"
        post.accepted_at = now
        step(db, post, now, "accepted", origin)
    touch(post, now)
    finish(db, origin, post, ev.SilentAcknowledged, "acknowledge")
    return Outcome("acknowledge")


def set_priority(
    db: Session,
    post: Post,
    origin: Origin,
    *,
    priority: int,
    now: datetime,
    guard: Guard | None = None,
) -> Outcome:
    """Set the post's priority (1 紧急, 2 加急, 3 一般, 4 低); the same value is a no-op."""
    if priority not in PRIORITIES:
        raise ApiError(
            422, "invalid_priority", "优先级只能是 1（紧急）、2（加急）、3（一般）或 4（低）。"
        )
    _ensure_open(post, "调整优先级")
    _run_guard(guard, post)
    if post.priority == priority:
        return Outcome("priority", changed=False)
    before = post.priority
    post.priority = priority
    detail = f"{PRIORITIES.get(before, before)}→{PRIORITIES[priority]}"
    step(db, post, now, "prioritized", origin, detail=detail)
    touch(post, now)
    finish(db, origin, post, ev.PostUpdated, "priority", detail=detail)
    return Outcome("priority")
