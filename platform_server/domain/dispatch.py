"""Dispatch between units: 派单 → 签收 → 回退, and the overdue notice of an unsigned dispatch.

    transfer ──▶ waits for sign-for ──sign (lead unit)──▶ signed: the lead unit handles it
                     │        └──sign (an assisting unit)──▶ that unit's part is signed
                     ├──(sign deadline passes)──▶ dispatch.overdue, again every repeat
                     └──return {reason_code, reason}──▶ back in the dispatching unit's queue

Rules:
- A transfer dispatches the post to a lead unit, optionally with assisting units
  (联办); the post is new there, unassigned, with a fresh handling deadline, and the
  lead unit must sign for it by `sign_deadline_at` (settings, per board). A new
  dispatch replaces the current one.
- The lead unit (an officer whose scope covers it) signs once; each assisting unit
  signs its own part. Signing again changes nothing.
- Only the lead unit returns a post, with a reason code and a reason (422 without
  one); it goes back to the dispatching unit, new and unassigned.
- Past its sign deadline an unsigned dispatch is announced (`dispatch.overdue`) to
  the receiving unit and the dispatching unit, and again every
  `dispatch_overdue_repeat_seconds` until someone signs, returns, re-dispatches or
  closes it. The first notice is a timeline entry and a new version of the post;
  repeats are events only (they change nothing an officer could be editing).

Assigning (`assign`) hands the post to a named officer of the holding unit: leaders,
or the unit's officers on duty, may do it.

Actions follow `domain.posts`: check, `guard(post)`, change, timeline entry, event and
audit record in the caller's transaction.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from platform_server.config import ServerSettings
from platform_server.domain import dispatch_rows, locking, scope, serialize
from platform_server.domain.change import finish, step, touch
from platform_server.domain.checks import check_text
from platform_server.domain.origin import SYSTEM, Origin
from platform_server.domain.posts import (
    MAX_REASON_CHARS,
    Guard,
    Outcome,
    _ensure_may_handle,
    _ensure_open,
    _run_guard,
    deadline_for,
)
from platform_server.errors import ApiError
from platform_server.events import types as ev
from platform_server.storage.models import Dispatch, DispatchAssist, Officer, Post, Unit

OVERDUE_BATCH = 200
RETURN_CODES = {
    "not_our_jurisdiction": "不属于本单位管辖",
    "insufficient_information": "信息不足无法办理",
    "duplicate": "重复派单",
    "other": "其他原因",
}
MAX_ASSISTS = 10


def sign_deadline(settings: ServerSettings, board_code: str, at: datetime) -> datetime:
    """When a dispatch made at `at` on this board must be signed for."""
    return at + timedelta(minutes=settings.sign_minutes(board_code))


def _unit(db: Session, unit_id: int) -> Unit:
    unit = db.get(Unit, unit_id)
    if unit is None:
        raise ApiError(422, "unknown_unit", f"没有编号为 {unit_id} 的单位，请从单位列表中选择。")
    return unit


def _assist_units(db: Session, lead: Unit, ids: list[int]) -> list[Unit]:
    units: list[Unit] = []
    for uid in dict.fromkeys(ids):  # a unit named twice assists once
        unit = _unit(db, uid)
        if unit.id == lead.id:
            raise ApiError(
                422, "assist_is_lead", f"{lead.name}已是主办单位，不能同时作为协办单位。"
            )
        units.append(unit)
    if len(units) > MAX_ASSISTS:
        raise ApiError(422, "too_many_assists", f"协办单位最多 {MAX_ASSISTS} 个。")
    return units


def _end_current(db: Session, post: Post, now: datetime) -> list[int]:
    """End the post's current dispatch; its assisting units (they hear of the end)."""
    current = dispatch_rows.current(db, post.id)
    if current is None:
        return []
    current.ended_at = now
    return [a.unit_id for a in dispatch_rows.assists(db, current.id)]


def dispatch(
    db: Session,
    post: Post,
    origin: Origin,
    *,
    settings: ServerSettings,
    unit_id: int,
    reason: str,
    assist_unit_ids: list[int],
    now: datetime,
    guard: Guard | None = None,
) -> Outcome:
    """Dispatch the post (转办/派单) to a lead unit and optional assisting units."""
    check_text(reason, "转办理由", MAX_REASON_CHARS)
    target = _unit(db, unit_id)
    helpers = _assist_units(db, target, assist_unit_ids)
    _ensure_open(post, "转办")
    if target.id == post.unit_id:
        raise ApiError(409, "same_unit", f"帖子已经在{target.name}，无需转办。")
    _ensure_may_handle(db, post, origin, "转办")
    _run_guard(guard, post)
    prev = post.unit_id
    released = _end_current(db, post, now)
    row = Dispatch(
        post_id=post.id,
        unit_id=target.id,
        from_unit_id=prev,
        by_id=origin.officer_id,
        at=now,
        sign_deadline_at=sign_deadline(settings, post.board.code, now),
        overdue_count=0,
    )
    db.add(row)
    db.flush()
    for unit in helpers:
        db.add(DispatchAssist(dispatch_id=row.id, unit_id=unit.id))
    post.unit_id = target.id
    post.status = "new"
    post.assignee_id = None
    post.accepted_at = None
    post.transfer_count += 1
    post.deadline_at = deadline_for(db, post.board, now)
    step(
        db, post, now, "transferred", origin, detail=reason, from_unit_id=prev, to_unit_id=target.id
    )
    for unit in helpers:
        step(db, post, now, "assist_requested", origin, detail=unit.name, to_unit_id=unit.id)
    touch(post, now)
    names = "、".join(u.name for u in helpers)
    detail = f"{prev}→{target.id}: {reason}" + (f"（协办：{names}）" if names else "")
    finish(
        db,
        origin,
        post,
        ev.PostDispatched,
        "transfer",
        prev_unit_id=prev,
        prev_reader_unit_ids=released,
        detail=detail,
        assist_unit_ids=[u.id for u in helpers],
    )
    return Outcome("transfer")


def may_sign(viewer: scope.Viewer, db: Session, post: Post) -> bool:
    """The lead unit's officers, or an assisting unit's, may sign (and read to do so)."""
    if viewer.may_act(post):
        return True
    current = dispatch_rows.current(db, post.id)
    if current is None:
        return False
    return any(viewer.in_scope(a.unit_id) for a in dispatch_rows.assists(db, current.id))


def sign(
    db: Session,
    post: Post,
    origin: Origin,
    *,
    viewer: scope.Viewer,
    now: datetime,
    guard: Guard | None = None,
) -> Outcome:
    """Sign for the dispatch (签收): the lead unit, or the viewer's assisting unit."""
    current = dispatch_rows.current(db, post.id)
    if current is None:
        raise ApiError(409, "not_dispatched", "该帖子没有待签收的派单，无需签收。")
    _ensure_open(post, "签收")
    mine = [a for a in dispatch_rows.assists(db, current.id) if viewer.in_scope(a.unit_id)]
    if viewer.in_scope(current.unit_id):
        _run_guard(guard, post)
        if current.signed_at is not None:
            return Outcome("sign", changed=False)
        current.signed_at = now
        current.signed_by_id = origin.officer_id
        signed_unit = current.unit_id
    elif mine:
        _run_guard(guard, post)
        todo = [a for a in mine if a.signed_at is None]
        if not todo:
            return Outcome("sign", changed=False)
        todo[0].signed_at = now
        todo[0].signed_by_id = origin.officer_id
        signed_unit = todo[0].unit_id
    else:
        raise ApiError(403, "forbidden", "只有主办单位或协办单位可以签收该派单。")
    step(db, post, now, "signed", origin, to_unit_id=signed_unit)
    touch(post, now)
    finish(
        db,
        origin,
        post,
        ev.PostSigned,
        "sign",
        prev_unit_id=current.from_unit_id,
        detail=f"unit {signed_unit}",
        signed_unit_id=signed_unit,
    )
    return Outcome("sign")


def return_post(
    db: Session,
    post: Post,
    origin: Origin,
    *,
    reason_code: str,
    reason: str,
    now: datetime,
    guard: Guard | None = None,
) -> Outcome:
    """Return the dispatch (回退) to the dispatching unit, with a reason code and a reason."""
    check_text(reason, "回退理由", MAX_REASON_CHARS)
    if reason_code not in RETURN_CODES:
        raise ApiError(422, "unknown_reason_code", "回退原因代码不正确，请从列表中选择。")
    current = dispatch_rows.current(db, post.id)
    if current is None or current.from_unit_id is None:
        raise ApiError(409, "not_dispatched", "该帖子不是派来的，无处回退；如需移交请使用转办。")
    _ensure_open(post, "回退")
    if current.unit_id != post.unit_id:
        raise ApiError(409, "not_dispatched", "该帖子的派单已变更，请刷新后再试。")
    _ensure_may_handle(db, post, origin, "回退")
    _run_guard(guard, post)
    released = [a.unit_id for a in dispatch_rows.assists(db, current.id)]
    current.ended_at = now
    current.return_code = reason_code
    current.return_reason = reason
    back = current.from_unit_id
    prev = post.unit_id
    post.unit_id = back
    post.status = "new"
    post.assignee_id = None
    post.accepted_at = None
    detail = f"{RETURN_CODES[reason_code]}：{reason}"
    step(db, post, now, "returned", origin, detail=detail, from_unit_id=prev, to_unit_id=back)
    touch(post, now)
    finish(
        db,
        origin,
        post,
        ev.PostReturned,
        "return",
        prev_unit_id=prev,
        prev_reader_unit_ids=released,
        detail=f"{prev}→{back}: {reason_code}: {reason}",
        reason_code=reason_code,
        reason=reason,
    )
    return Outcome("return")


def assign(
    db: Session,
    post: Post,
    origin: Origin,
    *,
    viewer: scope.Viewer,
    officer_id: int,
    now: datetime,
    guard: Guard | None = None,
) -> Outcome:
    """Hand the post to a named officer of the holding unit (leaders, or its duty officers)."""
    target = db.get(Officer, officer_id)
    if target is None or not target.active:
        raise ApiError(422, "unknown_officer", f"没有编号为 {officer_id} 的在职民警。")
    _ensure_open(post, "指派")
    holding = scope.unit_subtree(db, post.unit_id) if post.unit_id is not None else set()
    if target.unit_id not in holding:
        raise ApiError(422, "not_in_unit", f"{target.name}不在办理该帖的单位，不能指派。")
    if not viewer.is_leader:
        me = db.get(Officer, viewer.officer_id)
        if me is None or not me.on_duty:
            raise ApiError(403, "forbidden", "只有领导或本单位值班民警可以指派。")
    _ensure_may_handle(db, post, origin, "指派")
    _run_guard(guard, post)
    if post.assignee_id == target.id:
        return Outcome("assign", changed=False)
    post.assignee_id = target.id
    if post.status == "new":
        post.status = "accepted"
        post.accepted_at = now
    step(db, post, now, "assigned", origin, detail=f"{target.name}（{target.badge}）")
    touch(post, now)
    ref = ev.ActorRef(id=target.id, badge=target.badge, name=target.name)
    finish(
        db, origin, post, ev.PostAssigned, "assign", detail=f"officer {target.id}", assigned_to=ref
    )
    return Outcome("assign")


def end_on_close(db: Session, post: Post, now: datetime) -> None:
    """Closing the case ends its dispatch: nothing more is waiting for a signature."""
    _end_current(db, post, now)


# ---------------------------------------------------------------- the overdue job
def _due_stmt(now: datetime, repeat: timedelta):  # type: ignore[no-untyped-def]
    return (
        select(Dispatch)
        .where(
            Dispatch.signed_at.is_(None),
            Dispatch.ended_at.is_(None),
            Dispatch.sign_deadline_at < now,
            (Dispatch.overdue_at.is_(None)) | (Dispatch.overdue_at <= now - repeat),
        )
        .order_by(Dispatch.sign_deadline_at, Dispatch.id)
        .limit(OVERDUE_BATCH)
    )


def any_overdue(db: Session, now: datetime, repeat: timedelta) -> bool:
    """A cheap read: is there anything to announce?"""
    return db.scalar(_due_stmt(now, repeat).with_only_columns(Dispatch.id).limit(1)) is not None


def announce_overdue(db: Session, *, now: datetime, repeat_seconds: float) -> int:
    """Announce every unsigned dispatch past its sign deadline (and not announced within
    `repeat_seconds`); returns how many. Run it in a write transaction.

    The dispatches are taken ``FOR UPDATE SKIP LOCKED`` and so are their posts: of
    several server processes exactly one announces each, once per interval, and a
    post an officer is acting on right now (signing it, perhaps) is left for the next run.
    Officer actions lock the post before its dispatch and the job never waits on a
    lock, so the two cannot deadlock.
    """
    repeat = timedelta(seconds=repeat_seconds)
    due = list(db.scalars(_due_stmt(now, repeat).with_for_update(skip_locked=True)))
    if not due:
        return 0
    stmt = select(Post).where(Post.id.in_([d.post_id for d in due])).order_by(Post.id)
    posts = {p.id: p for p in db.scalars(locking.skip_locked(stmt))}
    done: list[tuple[Dispatch, Post]] = []
    for d in due:
        post = posts.get(d.post_id)
        if post is None or post.unit_id != d.unit_id:
            continue
        first = d.overdue_at is None
        d.overdue_at = now
        d.overdue_count += 1
        if first:
            late = int((now - d.sign_deadline_at).total_seconds())
            step(db, post, now, "sign_overdue", SYSTEM, detail=f"签收已超时 {late} 秒。")
            touch(post, now)
        done.append((d, post))
    db.flush()
    rows = serialize.summaries(db, [p for _, p in done], None)
    for (d, post), summary in zip(done, rows, strict=True):
        finish(
            db,
            SYSTEM,
            post,
            ev.DispatchOverdue,
            "overdue",
            summary=summary,
            prev_unit_id=d.from_unit_id,
            overdue_count=d.overdue_count,
        )
    return len(done)
