"""Callbacks (回访): calling authors back after their post is resolved.

When an officer resolves a post, a callback is made due for a share of posts set per
board (`ServerSettings.callback_rate`, `callback_board_rates`: every complaint, 30 % of
the rest by default). Which posts are drawn depends only on the post's id
(`sampled`), so the draw is reproducible and the same post always gets the same answer;
a post under supervision is always called back. Only ordinary posts whose author left a
phone number are called: silent reporters never are (a call can endanger them).

The unit that resolved the post works its callback list (`listing`): the author's
phone is shown to those who may see it. Each attempt is recorded (`record_attempt`):
- satisfied or basically satisfied: the callback is done;
- dissatisfied: done, and the post is reopened under supervision (督办) with the
  officer's note as the instruction and a fresh deadline from its board;
- unreachable: the callback stays due; the `callback_max_unreachable`-th unreachable
  attempt (the third by default) ends it as unreachable.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from platform_server import schemas_citizens as sc
from platform_server.config import ServerSettings
from platform_server.domain import locking, serialize, supervision
from platform_server.domain.change import finish, step, touch
from platform_server.domain.checks import check_text
from platform_server.domain.origin import SYSTEM, Origin
from platform_server.domain.posts import deadline_for
from platform_server.domain.scope import Viewer
from platform_server.errors import ApiError
from platform_server.events import types as ev
from platform_server.storage.citizen_models import Callback, CallbackAttempt
from platform_server.storage.models import Post

OUTCOMES = ("satisfied", "basically_satisfied", "dissatisfied", "unreachable")
OUTCOME_NAMES = {
    "satisfied": "满意",
    "basically_satisfied": "基本满意",
    "dissatisfied": "不满意",
    "unreachable": "联系不上",
}
SATISFIED = ("satisfied", "basically_satisfied")
MAX_NOTE_CHARS = 1000
MAX_LIST = 500


def sampled(post_id: int, rate: float, seed: str) -> bool:
    """Whether this post is drawn at this rate: the same answer for the same post, always."""
    if rate >= 1.0:
        return True
    if rate <= 0.0:
        return False
    digest = hashlib.sha256(f"{seed}:{post_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64 < rate


def rate_for(settings: ServerSettings, board_code: str) -> float:
    return settings.callback_board_rates.get(board_code, settings.callback_rate)


def _ref(cb: Callback) -> ev.CallbackRef:
    return ev.CallbackRef(
        id=cb.id,
        status=cb.status,  # type: ignore[arg-type]
        outcome=cb.outcome,
        attempt_count=cb.attempt_count,
        due_at=cb.due_at,
    )


def after_close(
    db: Session, post: Post, settings: ServerSettings, now: datetime
) -> Callback | None:
    """Make a callback due for a post just resolved, if it is drawn (in its transaction)."""
    if post.kind != "post" or not post.author_phone or post.status != "resolved":
        return None
    already = db.scalar(
        select(Callback.id).where(Callback.post_id == post.id, Callback.status == "due")
    )
    rate = 1.0 if post.supervised_at is not None else rate_for(settings, post.board.code)
    if already is not None or not sampled(post.id, rate, settings.callback_sample_seed):
        return None
    cb = Callback(
        post_id=post.id,
        unit_id=post.unit_id,
        status="due",
        attempt_count=0,
        created_at=now,
        due_at=now + timedelta(hours=settings.callback_due_hours),
    )
    db.add(cb)
    step(db, post, now, "callback_due", SYSTEM)
    db.flush()
    finish(db, SYSTEM, post, ev.CallbackDue, "callback_due", callback=_ref(cb))
    return cb


def _load(db: Session, viewer: Viewer, callback_id: int) -> tuple[Callback, Post]:
    """The callback and its post, both locked for the attempt (PostgreSQL; `locking`)."""
    cb = db.get(Callback, callback_id, with_for_update=True, populate_existing=True)
    post = db.get(Post, cb.post_id, **locking.for_update()) if cb is not None else None
    if cb is None or post is None or not (viewer.in_scope(cb.unit_id) or viewer.may_act(post)):
        raise ApiError(
            404, "callback_not_found", "没有找到这条回访：编号可能有误，或不归您的单位办理。"
        )
    return cb, post


def record_attempt(
    db: Session,
    settings: ServerSettings,
    origin: Origin,
    callback_id: int,
    *,
    outcome: str,
    note: str,
    now: datetime,
) -> Callback:
    """One attempt at the callback, and what it leads to (module docstring)."""
    officer = origin.need_officer()
    check_text(note, "回访记录", MAX_NOTE_CHARS, required=outcome == "dissatisfied")
    if outcome not in OUTCOMES:
        raise ApiError(422, "unknown_outcome", "回访结果只能是满意、基本满意、不满意或联系不上。")
    cb, post = _load(db, officer, callback_id)
    if cb.status != "due":
        ended = OUTCOME_NAMES.get(cb.outcome or "", "已结束")
        raise ApiError(
            409,
            "callback_closed",
            f"这条回访已经结束（{ended}），无需再记录。",
            callback_status=cb.status,
        )
    db.add(
        CallbackAttempt(
            callback_id=cb.id,
            officer_id=officer.officer_id,
            outcome=outcome,
            note=note,
            workstation=officer.workstation,
            at=now,
        )
    )
    cb.attempt_count += 1
    if outcome != "unreachable":
        cb.status, cb.outcome, cb.closed_at = "done", outcome, now
    elif _unreachable_count(db, cb.id) >= settings.callback_max_unreachable:
        cb.status, cb.outcome, cb.closed_at = "unreachable", "unreachable", now
    step(db, post, now, "callback", origin, detail=OUTCOME_NAMES[outcome])
    if outcome == "dissatisfied":
        _reopen_under_supervision(db, post, origin, note, now)
    db.flush()
    finish(
        db,
        origin,
        post,
        ev.CallbackUpdated,
        "callback_attempt",
        detail=f"callback {cb.id}: {outcome}",
        callback=_ref(cb),
    )
    return cb


def _unreachable_count(db: Session, callback_id: int) -> int:
    """Unreachable attempts so far, the one being recorded included."""
    db.flush()
    rows = db.scalars(
        select(CallbackAttempt.id).where(
            CallbackAttempt.callback_id == callback_id, CallbackAttempt.outcome == "unreachable"
        )
    ).all()
    return len(rows)


def _reopen_under_supervision(
    db: Session, post: Post, origin: Origin, note: str, now: datetime
) -> None:
    instruction = f"回访不满意：{note}"
    reopened = post.status == "resolved"
    if reopened:
        post.status = "in_progress"
        post.resolved_at = None
        post.resolution = None
        step(db, post, now, "reopened", origin, detail=instruction)
    post.deadline_at = deadline_for(db, post.board, now)
    supervision.order(
        db,
        post,
        origin,
        due_at=post.deadline_at,
        instruction=instruction,
        source="callback",
        now=now,
    )
    touch(post, now)
    db.flush()
    finish(db, origin, post, ev.PostUpdated, "reopen" if reopened else "supervise", detail=note)


# ---------------------------------------------------------------- reading
def listing(
    db: Session, viewer: Viewer, status: str | None, limit: int = 100
) -> list[sc.CallbackOut]:
    """The viewer's units' callbacks, soonest due first (phones as the viewer may see them)."""
    stmt = select(Callback)
    if status is not None:
        stmt = stmt.where(Callback.status == status)
    if not viewer.is_admin:
        stmt = stmt.where(Callback.unit_id.in_(sorted(viewer.scope)))
    rows = list(db.scalars(stmt.order_by(Callback.due_at, Callback.id).limit(min(limit, MAX_LIST))))
    return out_many(db, viewer, rows)


def out_many(db: Session, viewer: Viewer, rows: list[Callback]) -> list[sc.CallbackOut]:
    if not rows:
        return []
    posts = {
        p.id: p for p in db.scalars(select(Post).where(Post.id.in_([r.post_id for r in rows])))
    }
    summaries = {s.id: s for s in serialize.summaries(db, [posts[r.post_id] for r in rows], viewer)}
    attempts: dict[int, list[CallbackAttempt]] = {r.id: [] for r in rows}
    for a in db.scalars(
        select(CallbackAttempt)
        .where(CallbackAttempt.callback_id.in_(list(attempts)))
        .order_by(CallbackAttempt.at, CallbackAttempt.id)
    ):
        attempts[a.callback_id].append(a)
    refs = serialize.officer_refs(db, {a.officer_id for lst in attempts.values() for a in lst})
    return [
        sc.CallbackOut(
            id=r.id,
            post_id=r.post_id,
            unit_id=r.unit_id,
            status=r.status,  # type: ignore[arg-type]
            outcome=r.outcome,  # type: ignore[arg-type]
            attempt_count=r.attempt_count,
            created_at=r.created_at,
            due_at=r.due_at,
            closed_at=r.closed_at,
            post=summaries[r.post_id],
            attempts=[
                sc.AttemptOut(
                    id=a.id,
                    outcome=a.outcome,  # type: ignore[arg-type]
                    note=a.note,
                    officer=refs.get(a.officer_id) or schemas_ref(a.officer_id),
                    at=a.at,
                )
                for a in attempts[r.id]
            ],
        )
        for r in rows
    ]


def schemas_ref(officer_id: int) -> sc.OfficerRef:
    return sc.OfficerRef(id=officer_id, badge="", name="")
