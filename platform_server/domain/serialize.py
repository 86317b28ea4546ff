"""Turning rows into API shapes, in batches (one query per related table, never N+1)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from platform_server import schemas
from platform_server.domain import dispatch_rows
from platform_server.domain.scope import Viewer
from platform_server.domain.security import mask_phone
from platform_server.storage.citizen_models import Message
from platform_server.storage.models import (
    OPEN_STATUSES,
    Mention,
    Officer,
    Post,
    Rating,
    Reply,
    Unit,
    utcnow,
)

EXCERPT_CHARS = 120


def officer_refs(db: Session, ids: set[int]) -> dict[int, schemas.OfficerRef]:
    if not ids:
        return {}
    rows = db.execute(
        select(Officer.id, Officer.badge, Officer.name, Officer.unit_id).where(Officer.id.in_(ids))
    ).all()
    return {
        r.id: schemas.OfficerRef(id=r.id, badge=r.badge, name=r.name, unit_id=r.unit_id)
        for r in rows
    }


def mentions_for(db: Session, post_ids: Sequence[int]) -> dict[int, list[schemas.MentionOut]]:
    out: dict[int, list[schemas.MentionOut]] = {pid: [] for pid in post_ids}
    if not post_ids:
        return out
    rows = db.execute(
        select(Mention.post_id, Mention.unit_id, Unit.name, Mention.officer_id, Officer.name)
        .outerjoin(Unit, Unit.id == Mention.unit_id)
        .outerjoin(Officer, Officer.id == Mention.officer_id)
        .where(Mention.post_id.in_(post_ids))
        .order_by(Mention.id)
    ).all()
    for post_id, unit_id, unit_name, officer_id, officer_name in rows:
        if unit_id is not None:
            out[post_id].append(schemas.MentionOut(kind="unit", id=unit_id, name=unit_name))
        elif officer_id is not None:
            out[post_id].append(
                schemas.MentionOut(kind="officer", id=officer_id, name=officer_name)
            )
    return out


def is_overdue(post: Post, now: datetime | None = None) -> bool:
    return (
        post.deadline_at is not None
        and post.status in OPEN_STATUSES
        and post.deadline_at < (now or utcnow())
    )


def summaries(
    db: Session, posts: Sequence[Post], viewer: Viewer | None
) -> list[schemas.PostSummary]:
    """Queue rows for these posts, as this viewer may see them (phones masked)."""
    ids = [p.id for p in posts]
    mentions = mentions_for(db, ids)
    refs = officer_refs(db, {p.acknowledged_by_id for p in posts if p.acknowledged_by_id})
    dispatches = dispatch_rows.dispatch_outs(db, posts)
    now = utcnow()
    out = []
    for p in posts:
        phone = p.author_phone
        d = dispatches.get(p.id)
        if viewer is None or not viewer.may_see_phone(p, d.assist_unit_ids if d else ()):
            phone = mask_phone(phone)
        location = None
        if p.lat is not None and p.lon is not None:
            location = schemas.LocationIO(
                lat=p.lat, lon=p.lon, accuracy_m=p.accuracy_m, address=p.address
            )
        body = p.body or ""
        out.append(
            schemas.PostSummary(
                id=p.id,
                kind=p.kind,  # type: ignore[arg-type]
                board=p.board.code,
                title=p.title,
                excerpt=body[:EXCERPT_CHARS],
                status=p.status,  # type: ignore[arg-type]
                author=schemas.Author(nickname=p.author_nickname, phone=phone),
                channel=p.channel,
                unit_id=p.unit_id,
                assignee_id=p.assignee_id,
                created_at=p.created_at,
                updated_at=p.updated_at,
                deadline_at=p.deadline_at,
                overdue=is_overdue(p, now),
                version=p.version,
                mentions=mentions[p.id],
                location=location,
                acknowledged_by=refs.get(p.acknowledged_by_id) if p.acknowledged_by_id else None,
                acknowledged_at=p.acknowledged_at,
                escalated_at=p.escalated_at,
                reply_count=p.reply_count,
                attachment_count=p.attachment_count,
                transfer_count=p.transfer_count,
                rating=p.rating_score,
                pinned=p.pinned,
                message_count=p.message_count,
                unread_messages=p.unread_messages,
                supervised_at=p.supervised_at,
                priority=p.priority,
                suggested_unit_id=p.suggested_unit_id,
                merged_into_id=p.merged_into_id,
                dispatch=dispatches.get(p.id),
            )
        )
    return out


def summary(db: Session, post: Post, viewer: Viewer | None) -> schemas.PostSummary:
    return summaries(db, [post], viewer)[0]


def public_name(post: Post) -> str:
    """The author's name as the public sees it.

    A citizen chose their nickname; a post an officer recorded from the hotline, an SMS,
    a letter or a visit carries the caller's real name, shown as its first character only.
    """
    if post.channel == "board" or not post.author_nickname:
        return post.author_nickname
    return post.author_nickname[0] + "*" * min(len(post.author_nickname) - 1, 2)


def public_view(db: Session, post: Post, reader_id: int | None = None) -> schemas.PublicPostOut:
    """What any citizen may see of a post: no notes, no one else's personal data.

    `reader_id`: the citizen asking; their own post also says how many private
    messages wait for them.

    A duplicate merged under a master post shows the master's progress (status, unit,
    replies, resolution): its author follows the one matter being handled.
    """
    master = db.get(Post, post.merged_into_id) if post.merged_into_id is not None else None
    handled = master or post
    replies = db.execute(
        select(Reply.body, Unit.name, Reply.created_at)
        .outerjoin(Unit, Unit.id == Reply.unit_id)
        .where(Reply.post_id == handled.id)
        .order_by(Reply.created_at, Reply.id)
    ).all()
    unit_name = (
        db.scalar(select(Unit.name).where(Unit.id == handled.unit_id)) if handled.unit_id else None
    )
    rating = db.scalar(select(Rating).where(Rating.post_id == post.id))
    return schemas.PublicPostOut(
        id=post.id,
        kind=post.kind,  # type: ignore[arg-type]
        board=post.board.code,
        title=post.title,
        body=post.body,
        status=handled.status,  # type: ignore[arg-type]
        author_nickname=public_name(post),
        created_at=post.created_at,
        updated_at=post.updated_at,
        unit_name=unit_name,
        replies=[
            schemas.PublicReply(body=b, unit_name=u or "", created_at=at) for b, u, at in replies
        ],
        attachment_count=post.attachment_count,
        rating=(
            schemas.RatingOut(
                score=rating.score, comment=rating.comment, created_at=rating.created_at
            )
            if rating is not None
            else None
        ),
        resolution=handled.resolution,
        merged_into_id=post.merged_into_id,
        closure=public_closure(handled),
        messages_waiting=messages_waiting(db, post) if reader_id == post.citizen_id else 0,
    )


def messages_waiting(db: Session, post: Post) -> int:
    """Officers' private messages on the post its author has not opened yet."""
    if not post.message_count:
        return 0
    return int(
        db.scalar(
            select(func.count())
            .select_from(Message)
            .where(
                Message.post_id == post.id,
                Message.sender == "officer",
                Message.read_at.is_(None),
            )
        )
        or 0
    )


# What the citizen reads for each closure code: never an internal verdict that would
# embarrass them (an `unfounded` report shows as simply closed).
PUBLIC_CLOSURE = {
    "resolved": "已解决",
    "answered": "已答复",
    "offline_handling": "已转线下办理",
    "unreachable": "已办结",
    "unfounded": "已办结",
    "duplicate": "已办结",
}


def public_closure(post: Post) -> str | None:
    if post.status not in ("resolved", "archived"):
        return None
    return PUBLIC_CLOSURE.get(post.closure_code or "", "已办结")
