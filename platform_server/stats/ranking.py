"""Per-unit ranking for leaders (`GET /api/v1/stats/units`): how each unit keeps its promises.

Definitions (the README's handling-loop section says the same for people). Every unit
in the viewer's scope gets a row (quiet units with zeros and empty rates); a rate is
None, never 0, when there is nothing to divide. The period is [since, until); "now"
is the window's generation time.
- dispatched (派单数): dispatches made to the unit as lead unit in the period.
- 签收及时率 sign_on_time_rate = signed_on_time ÷ sign_decided. A dispatch's sign-for
  is decided once it was signed, or once its sign deadline passed while it was still
  unsigned and not ended (a dispatch returned or re-dispatched unsigned before its
  deadline is not counted); on time = signed at or before `sign_deadline_at`.
- 回退率 return_rate = returned ÷ dispatched: dispatches of the period the unit
  returned (回退) to the dispatching unit.
- posts: posts created in the period that the unit holds now (the unit that closes a
  case is the one that holds it).
- 按期办结率 closed_on_time_rate = closed_on_time ÷ decided, over those posts, as the
  city's deadline compliance: decided = resolved, or past its deadline unresolved;
  on time = resolved at or before `deadline_at` (as extended, when an extension was
  approved). The units' counts add up to the city's figure of `/stats/summary`.
- 延期率 extension_rate = extended ÷ posts: those posts for which the unit asked for
  an extension (延期), whatever the leaders decided.
- 满意率 satisfaction_rate = satisfied ÷ rated: ratings given in the period on posts
  the unit holds, satisfied = a score of 4 or 5 (as the dashboard's satisfaction).
Rows come ordered by unit id; the console sorts them by any column.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from platform_server.errors import ApiError
from platform_server.stats import schemas as sch
from platform_server.stats.measures import (
    StatScope,
    count_if,
    deadline_decided,
    deadline_on_time,
    in_window,
    window_out,
)
from platform_server.stats.sql import Window, share
from platform_server.storage.models import Dispatch, Extension, Post, Rating, Unit


class UnitRankRow(BaseModel):
    unit_id: int
    code: str
    name: str
    dispatched: int = Field(description="dispatches to the unit (lead) in the period")
    sign_decided: int
    signed_on_time: int
    sign_on_time_rate: float | None = Field(description="签收及时率")
    returned: int
    return_rate: float | None = Field(description="回退率")
    posts: int = Field(description="posts created in the period the unit holds now")
    decided: int
    closed_on_time: int
    closed_on_time_rate: float | None = Field(description="按期办结率")
    extended: int
    extension_rate: float | None = Field(description="延期率")
    rated: int
    satisfied: int
    satisfaction_rate: float | None = Field(description="满意率")


class UnitRankingOut(BaseModel):
    window: sch.StatsWindow
    units: list[UnitRankRow]


def _counts(rows: Any) -> dict[int, tuple[int, ...]]:
    return {int(r[0]): tuple(int(v or 0) for v in r[1:]) for r in rows}


def _dispatch_counts(db: Session, ids: list[int], w: Window) -> dict[int, tuple[int, ...]]:
    unsigned_past = and_(
        Dispatch.signed_at.is_(None),
        Dispatch.sign_deadline_at <= w.now,
        or_(Dispatch.ended_at.is_(None), Dispatch.ended_at > Dispatch.sign_deadline_at),
    )
    signed = Dispatch.signed_at.is_not(None)
    return _counts(
        db.execute(
            select(
                Dispatch.unit_id,
                func.count(),
                count_if(or_(signed, unsigned_past)),
                count_if(and_(signed, Dispatch.signed_at <= Dispatch.sign_deadline_at)),
                count_if(Dispatch.return_code.is_not(None)),
            )
            .where(Dispatch.unit_id.in_(ids), in_window(Dispatch.at, w))
            .group_by(Dispatch.unit_id)
        ).all()
    )


def _post_counts(db: Session, ids: list[int], w: Window) -> dict[int, tuple[int, ...]]:
    asked = (
        select(Extension.id)
        .where(Extension.post_id == Post.id, Extension.unit_id == Post.unit_id)
        .exists()
    )
    return _counts(
        db.execute(
            select(
                Post.unit_id,
                func.count(),
                count_if(deadline_decided(w)),
                count_if(and_(deadline_decided(w), deadline_on_time())),
                count_if(asked),
            )
            .where(Post.unit_id.in_(ids), in_window(Post.created_at, w))
            .group_by(Post.unit_id)
        ).all()
    )


def _rating_counts(db: Session, ids: list[int], w: Window) -> dict[int, tuple[int, ...]]:
    return _counts(
        db.execute(
            select(Post.unit_id, func.count(), count_if(Rating.score >= 4))
            .join(Post, Post.id == Rating.post_id)
            .where(Post.unit_id.in_(ids), in_window(Rating.created_at, w))
            .group_by(Post.unit_id)
        ).all()
    )


def unit_ranking(db: Session, scope: StatScope, w: Window) -> UnitRankingOut:
    if scope.kind == "self":
        raise ApiError(403, "leaders_only", "单位排名只有领导可以查看。")
    q = select(Unit.id, Unit.code, Unit.name).order_by(Unit.id)
    if scope.kind == "unit":
        q = q.where(Unit.id.in_(sorted(scope.unit_ids)))
    units = db.execute(q).all()
    ids = [u[0] for u in units]
    dispatches = _dispatch_counts(db, ids, w)
    posts = _post_counts(db, ids, w)
    ratings = _rating_counts(db, ids, w)
    rows = []
    for unit_id, code, name in units:
        dispatched, sign_decided, signed_on_time, returned = dispatches.get(unit_id, (0, 0, 0, 0))
        n_posts, decided, on_time, extended = posts.get(unit_id, (0, 0, 0, 0))
        rated, satisfied = ratings.get(unit_id, (0, 0))
        rows.append(
            UnitRankRow(
                unit_id=unit_id,
                code=code,
                name=name,
                dispatched=dispatched,
                sign_decided=sign_decided,
                signed_on_time=signed_on_time,
                sign_on_time_rate=share(signed_on_time, sign_decided),
                returned=returned,
                return_rate=share(returned, dispatched),
                posts=n_posts,
                decided=decided,
                closed_on_time=on_time,
                closed_on_time_rate=share(on_time, decided),
                extended=extended,
                extension_rate=share(extended, n_posts),
                rated=rated,
                satisfied=satisfied,
                satisfaction_rate=share(satisfied, rated),
            )
        )
    return UnitRankingOut(window=window_out(scope, w), units=rows)
