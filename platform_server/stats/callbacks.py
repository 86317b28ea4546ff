"""Callback figures (回访) for the dashboard: coverage, satisfaction two ways, the unhappy.

Definitions (period = the window; scope as every figure: the posts' units, or a duty
officer's own posts):
- resolved: posts resolved in the period (still resolved or archived now, or reopened
  since by their callback: a callback made in the period counts its post);
- made: callbacks made due in the period; reached: of those, the author answered
  (satisfied, basically satisfied or dissatisfied); unreachable: ended after the last
  unreachable attempt; due: still to be made;
- coverage: reached ÷ resolved — the share of resolved posts whose author was heard;
- satisfaction from callbacks: (satisfied + basically satisfied) ÷ reached;
- satisfaction from ratings: ratings of 4 or 5 ÷ ratings given in the period — side by
  side with the callbacks' figure, because citizens who rate are not those who are
  called (complaints are all called, few rate);
- dissatisfied: the callbacks of the period whose author was dissatisfied, newest
  first, with the officer's note (these posts were reopened under supervision).
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, Field
from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from platform_server.schemas import Utc
from platform_server.stats import schemas as sch
from platform_server.stats.measures import StatScope, count_if, in_window, rated, window_out
from platform_server.stats.sql import Window, share
from platform_server.storage.citizen_models import Callback, CallbackAttempt
from platform_server.storage.models import Post, Rating

DISSATISFIED_CAP = 50


class DissatisfiedItem(BaseModel):
    callback_id: int
    post_id: int
    title: str
    unit_id: int | None
    at: Utc
    note: str


class CallbacksOut(BaseModel):
    window: sch.StatsWindow
    resolved: int
    made: int
    reached: int
    unreachable: int
    due: int
    outcomes: dict[str, int] = Field(description="callbacks of the period by outcome")
    coverage: float | None = Field(description="reached ÷ resolved")
    satisfaction_callbacks: float | None = Field(description="(satisfied + basic) ÷ reached")
    ratings_count: int
    satisfaction_ratings: float | None = Field(description="ratings of 4–5 ÷ ratings")
    dissatisfied: list[DissatisfiedItem]


Sel = TypeVar("Sel", bound=Select[*tuple[Any, ...]])


def _in_scope(q: Sel, scope: StatScope) -> Sel:
    where = scope.posts(by_index=False)
    return q.join(Post, Post.id == Callback.post_id).where(*where) if where else q


def callbacks(db: Session, scope: StatScope, w: Window) -> CallbacksOut:
    # A post a dissatisfied callback reopened was resolved all the same: its callback
    # (made on resolution) counts it, or coverage could pass 100 %.
    called = select(Callback.post_id).where(in_window(Callback.created_at, w))
    resolved = int(
        db.scalar(
            select(func.count())
            .select_from(Post)
            .where(
                Post.kind == "post",
                or_(in_window(Post.resolved_at, w), Post.id.in_(called)),
                *scope.posts(by_index=False),
            )
        )
        or 0
    )
    rows = db.execute(
        _in_scope(
            select(Callback.status, Callback.outcome, func.count()).select_from(Callback), scope
        )
        .where(in_window(Callback.created_at, w))
        .group_by(Callback.status, Callback.outcome)
    ).all()
    by_status: dict[str, int] = {}
    outcomes: dict[str, int] = {}
    for status, outcome, n in rows:
        by_status[status] = by_status.get(status, 0) + int(n)
        if outcome is not None:
            outcomes[outcome] = outcomes.get(outcome, 0) + int(n)
    reached = by_status.get("done", 0)
    happy = outcomes.get("satisfied", 0) + outcomes.get("basically_satisfied", 0)
    ratings = db.execute(
        rated(select(func.count(), count_if(Rating.score >= 4)), scope).where(
            in_window(Rating.created_at, w)
        )
    ).one()
    ratings_count, ratings_happy = int(ratings[0] or 0), int(ratings[1] or 0)
    return CallbacksOut(
        window=window_out(scope, w),
        resolved=resolved,
        made=sum(by_status.values()),
        reached=reached,
        unreachable=by_status.get("unreachable", 0),
        due=by_status.get("due", 0),
        outcomes=outcomes,
        coverage=share(reached, resolved),
        satisfaction_callbacks=share(happy, reached),
        ratings_count=ratings_count,
        satisfaction_ratings=share(ratings_happy, ratings_count),
        dissatisfied=_dissatisfied(db, scope, w),
    )


def _dissatisfied(db: Session, scope: StatScope, w: Window) -> list[DissatisfiedItem]:
    rows = db.execute(
        _in_scope(
            select(Callback.id, Callback.post_id, Callback.unit_id, Callback.closed_at), scope
        )
        .where(Callback.outcome == "dissatisfied", in_window(Callback.created_at, w))
        .order_by(Callback.closed_at.desc(), Callback.id.desc())
        .limit(DISSATISFIED_CAP)
    ).all()
    if not rows:
        return []
    ids = [r[0] for r in rows]
    titles = dict(
        db.execute(select(Post.id, Post.title).where(Post.id.in_([r[1] for r in rows]))).all()
    )
    notes: dict[int, str] = {}
    for cb_id, note in db.execute(
        select(CallbackAttempt.callback_id, CallbackAttempt.note).where(
            CallbackAttempt.callback_id.in_(ids), CallbackAttempt.outcome == "dissatisfied"
        )
    ).all():
        notes[cb_id] = note
    return [
        DissatisfiedItem(
            callback_id=cb_id,
            post_id=post_id,
            title=titles.get(post_id, ""),
            unit_id=unit_id,
            at=closed_at or w.until,
            note=notes.get(cb_id, ""),
        )
        for cb_id, post_id, unit_id, closed_at in rows
    ]
