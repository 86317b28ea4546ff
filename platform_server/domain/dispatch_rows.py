"""Reading dispatches: a post's current one, and the `dispatch` object of queue rows.

Kept apart from the actions (`domain.dispatch`) so that serialising a post
(`domain.serialize`) can read them without importing the actions.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from platform_server import schemas
from platform_server.storage.models import Dispatch, DispatchAssist, Officer, Post


def current(db: Session, post_id: int) -> Dispatch | None:
    """The post's dispatch that has not ended (returned, replaced or closed), if any."""
    return db.scalar(
        select(Dispatch)
        .where(Dispatch.post_id == post_id, Dispatch.ended_at.is_(None))
        .order_by(Dispatch.id.desc())
        .limit(1)
    )


def assists(db: Session, dispatch_id: int) -> list[DispatchAssist]:
    return list(
        db.scalars(
            select(DispatchAssist)
            .where(DispatchAssist.dispatch_id == dispatch_id)
            .order_by(DispatchAssist.id)
        )
    )


def dispatch_outs(db: Session, posts: Sequence[Post]) -> dict[int, schemas.DispatchOut]:
    """The current dispatch of each post that has one (posts never transferred cost nothing)."""
    ids = [p.id for p in posts if p.transfer_count]
    if not ids:
        return {}
    rows = list(
        db.scalars(
            select(Dispatch)
            .where(Dispatch.post_id.in_(ids), Dispatch.ended_at.is_(None))
            .order_by(Dispatch.id)
        )
    )
    if not rows:
        return {}
    helpers: dict[int, list[DispatchAssist]] = {d.id: [] for d in rows}
    for a in db.scalars(
        select(DispatchAssist)
        .where(DispatchAssist.dispatch_id.in_(list(helpers)))
        .order_by(DispatchAssist.id)
    ):
        helpers[a.dispatch_id].append(a)
    people = {i for d in rows for i in (d.by_id, d.signed_by_id) if i is not None}
    refs = {
        r.id: schemas.OfficerRef(id=r.id, badge=r.badge, name=r.name, unit_id=r.unit_id)
        for r in db.execute(
            select(Officer.id, Officer.badge, Officer.name, Officer.unit_id).where(
                Officer.id.in_(people)
            )
        )
    }
    out: dict[int, schemas.DispatchOut] = {}
    for d in rows:  # by id: a newer current dispatch (there is at most one) wins
        out[d.post_id] = schemas.DispatchOut(
            unit_id=d.unit_id,
            assist_unit_ids=[a.unit_id for a in helpers[d.id]],
            by=refs.get(d.by_id) if d.by_id else None,
            at=d.at,
            sign_deadline_at=d.sign_deadline_at,
            signed_at=d.signed_at,
            signed_by=refs.get(d.signed_by_id) if d.signed_by_id else None,
            assist_signed_unit_ids=[a.unit_id for a in helpers[d.id] if a.signed_at],
            overdue_at=d.overdue_at,
        )
    return out
