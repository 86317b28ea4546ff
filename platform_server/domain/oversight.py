"""Keeping promises on time: extensions (延期), urging (催办), supervision (督办), closure codes.

Rules:
- The holding unit asks for an extension before the handling deadline passes (409
  `deadline_passed` after it), for a later time than the current deadline; one request
  waits at a time. Leaders whose scope covers the holding unit decide it with a
  comment; approval moves `deadline_at` to the requested time.
- A leader whose scope covers the post urges it: a timeline entry and `post.urged` to
  the holding unit's consoles.
- A leader puts an open post under supervision: an order with its own due time and
  instruction, listed for leaders (`GET /supervision`, 403 for others) until the case
  is closed; a dissatisfied callback's order (`domain.supervision`) is listed and
  closed the same way.
- Closing takes a closure code; only the lead unit closes (an assisting unit signs
  and notes its part), and closing ends the dispatch and every supervision order.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from platform_server import schemas
from platform_server.domain import dispatch, scope, serialize, supervision
from platform_server.domain import posts as workflow
from platform_server.domain.change import finish, step, touch
from platform_server.domain.checks import check_text
from platform_server.domain.origin import Origin
from platform_server.domain.posts import Guard, Outcome, _ensure_open, _run_guard, iso
from platform_server.errors import ApiError
from platform_server.events import types as ev
from platform_server.storage.models import Extension, Post, Supervision

MAX_TEXT = 1000
MAX_INSTRUCTION = 2000


def _need_leader(viewer: scope.Viewer, what: str) -> None:
    if not viewer.is_leader:
        raise ApiError(403, "leaders_only", f"只有领导可以{what}。")


def extension_out(db: Session, row: Extension) -> schemas.ExtensionOut:
    refs = serialize.officer_refs(
        db, {i for i in (row.requested_by_id, row.decided_by_id) if i is not None}
    )
    return schemas.ExtensionOut(
        id=row.id,
        post_id=row.post_id,
        unit_id=row.unit_id,
        requested_by=refs.get(row.requested_by_id),
        requested_at=row.requested_at,
        previous_deadline_at=row.previous_deadline_at,
        until=row.until,
        reason=row.reason,
        status=row.status,  # type: ignore[arg-type]
        decided_by=refs.get(row.decided_by_id) if row.decided_by_id else None,
        decided_at=row.decided_at,
        comment=row.comment,
    )


def supervision_out(db: Session, row: Supervision) -> schemas.SupervisionOut:
    refs = serialize.officer_refs(db, {row.by_id})
    return schemas.SupervisionOut(
        id=row.id,
        post_id=row.post_id,
        by=refs.get(row.by_id),
        at=row.at,
        due_at=row.due_at,
        instruction=row.instruction,
        closed_at=row.closed_at,
        source=row.source,  # type: ignore[arg-type]
    )


def _naive_utc(dt: datetime) -> datetime:
    return dt.astimezone(UTC).replace(tzinfo=None) if dt.tzinfo is not None else dt


def request_extension(
    db: Session,
    post: Post,
    origin: Origin,
    *,
    until: datetime,
    reason: str,
    now: datetime,
    guard: Guard | None = None,
) -> Outcome:
    """Ask for a later deadline, before the current one passes."""
    officer = origin.need_officer()
    check_text(reason, "延期理由", MAX_TEXT)
    until = _naive_utc(until)
    _ensure_open(post, "申请延期")
    if post.deadline_at is not None and post.deadline_at <= now:
        raise ApiError(
            409,
            "deadline_passed",
            f"办理期限（{iso(post.deadline_at)}）已过，不能再申请延期；请尽快办结或报告领导。",
        )
    if post.deadline_at is not None and until <= post.deadline_at:
        raise ApiError(422, "not_later", "申请的新期限必须晚于当前办理期限。")
    waiting = db.scalar(
        select(Extension.id).where(Extension.post_id == post.id, Extension.status == "pending")
    )
    if waiting is not None:
        raise ApiError(409, "extension_pending", "该帖已有一份延期申请等待领导审批。")
    _run_guard(guard, post)
    row = Extension(
        post_id=post.id,
        unit_id=post.unit_id,
        requested_by_id=officer.officer_id,
        requested_at=now,
        previous_deadline_at=post.deadline_at,
        until=until,
        reason=reason,
        status="pending",
        comment="",
    )
    db.add(row)
    db.flush()
    step(db, post, now, "extension_requested", origin, detail=f"申请延期至 {iso(until)}：{reason}")
    touch(post, now)
    out = extension_out(db, row)
    finish(
        db,
        origin,
        post,
        ev.ExtensionRequested,
        "extension",
        detail=f"extension {row.id}",
        extension=out,
    )
    return Outcome("extension")


def decide_extension(
    db: Session,
    row: Extension,
    post: Post,
    origin: Origin,
    *,
    viewer: scope.Viewer,
    approve: bool,
    comment: str,
    now: datetime,
) -> Outcome:
    """A leader of the holding unit's chain approves (moving the deadline) or rejects."""
    check_text(comment, "审批意见", MAX_TEXT, required=False)
    _need_leader(viewer, "审批延期申请")
    if not viewer.in_scope(row.unit_id) and not viewer.in_scope(post.unit_id):
        raise ApiError(403, "forbidden", "该延期申请不在您管辖的单位范围内。")
    if row.status != "pending":
        raise ApiError(409, "already_decided", "该延期申请已经审批过了。")
    row.status = "approved" if approve else "rejected"
    row.decided_by_id = origin.officer_id
    row.decided_at = now
    row.comment = comment
    if approve:
        post.deadline_at = row.until
    verdict = "同意" if approve else "不同意"
    step(db, post, now, "extension_decided", origin, detail=f"{verdict}延期：{comment}")
    touch(post, now)
    out = extension_out(db, row)
    finish(
        db,
        origin,
        post,
        ev.ExtensionDecided,
        "decide",
        detail=f"extension {row.id} {row.status}",
        extension=out,
    )
    return Outcome("decide")


def urge(
    db: Session,
    post: Post,
    origin: Origin,
    *,
    viewer: scope.Viewer,
    message: str,
    now: datetime,
    guard: Guard | None = None,
) -> Outcome:
    """催办: a timeline entry and a notice on the holding unit's consoles."""
    check_text(message, "催办内容", MAX_TEXT)
    _need_leader(viewer, "催办")
    _ensure_open(post, "催办")
    _run_guard(guard, post)
    step(db, post, now, "urged", origin, detail=message)
    touch(post, now)
    finish(db, origin, post, ev.PostUrged, "urge", detail=message, message=message)
    return Outcome("urge")


def supervise(
    db: Session,
    post: Post,
    origin: Origin,
    *,
    viewer: scope.Viewer,
    due_at: datetime,
    instruction: str,
    now: datetime,
    guard: Guard | None = None,
) -> Outcome:
    """督办: a supervision order with its own due time, open until the case is closed."""
    officer = origin.need_officer()
    check_text(instruction, "督办要求", MAX_INSTRUCTION)
    due_at = _naive_utc(due_at)
    _need_leader(viewer, "督办")
    _ensure_open(post, "督办")
    if due_at <= now:
        raise ApiError(422, "due_in_past", "督办期限必须晚于现在。")
    _run_guard(guard, post)
    row = Supervision(
        post_id=post.id,
        by_id=officer.officer_id,
        at=now,
        due_at=due_at,
        instruction=instruction,
        source="leader",
    )
    db.add(row)
    supervision.mark(post, now)
    db.flush()
    step(db, post, now, "supervised", origin, detail=f"督办（{iso(due_at)} 前）：{instruction}")
    touch(post, now)
    out = supervision_out(db, row)
    finish(
        db,
        origin,
        post,
        ev.PostSupervised,
        "supervise",
        detail=f"supervision {row.id}",
        supervision=out,
    )
    return Outcome("supervise")


def close(
    db: Session,
    post: Post,
    origin: Origin,
    *,
    viewer: scope.Viewer,
    resolution: str,
    closure_code: str | None,
    now: datetime,
    guard: Guard | None = None,
) -> Outcome:
    """办结 with a closure code; the lead unit closes, never an assisting unit."""
    if not viewer.may_act(post):
        raise ApiError(
            403, "forbidden", "只有主办单位可以办结；协办单位请签收并以备注记录协办情况。"
        )
    out = workflow.close(db, post, origin, resolution=resolution, now=now, guard=guard)
    post.closure_code = closure_code
    dispatch.end_on_close(db, post, now)
    db.execute(
        update(Supervision)
        .where(Supervision.post_id == post.id, Supervision.closed_at.is_(None))
        .values(closed_at=now)
    )
    return out


def open_supervisions(db: Session, viewer: scope.Viewer) -> list[schemas.SupervisionOut]:
    """Open supervision orders (leaders' and callbacks') on posts the leader's scope
    covers, by due time; 403 for anyone but a leader."""
    _need_leader(viewer, "查看督办清单")
    rows = db.execute(
        select(Supervision, Post.unit_id)
        .join(Post, Post.id == Supervision.post_id)
        .where(Supervision.closed_at.is_(None))
        .order_by(Supervision.due_at, Supervision.id)
    ).all()
    return [supervision_out(db, s) for s, unit in rows if viewer.in_scope(unit)]


def extensions(db: Session, viewer: scope.Viewer, status: str) -> list[schemas.ExtensionOut]:
    """Extension requests of the leader's scope with this status, oldest first."""
    rows = db.scalars(
        select(Extension)
        .where(Extension.status == status)
        .order_by(Extension.requested_at, Extension.id)
    )
    return [extension_out(db, r) for r in rows if viewer.in_scope(r.unit_id)]
