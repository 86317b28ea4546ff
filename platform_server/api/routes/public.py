"""The citizen side: `/api/v1/public/...` (the messaging app's identity is simulated).

Who sees what: ordinary posts are public, so any citizen may read their progress
(status, public replies, the handling unit's name; never internal notes, phone
numbers or officers' names). Silent reports and posts on restricted boards (tips,
complaints) are visible to their own author only; to anyone else they do not
exist (404), so their existence leaks nothing.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from platform_server import schemas
from platform_server.api.deps import AppContext, Ctx, CurrentCitizen, IdempotencyKey
from platform_server.api.upload import read_single_file
from platform_server.domain import idempotency, intake
from platform_server.domain.security import new_token
from platform_server.domain.serialize import summary
from platform_server.domain.sniff import HEAD_BYTES, sniff
from platform_server.errors import ApiError
from platform_server.events.log import record_event
from platform_server.storage.models import (
    Attachment,
    Citizen,
    CitizenToken,
    Post,
    Rating,
    Reply,
    TimelineEntry,
    Unit,
    utcnow,
)

log = logging.getLogger(__name__)

router = APIRouter(prefix="/public", tags=["public"])

_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": schemas.ErrorOut} for code in (401, 403, 404, 409, 413, 415, 422)
}

Make = Callable[[Session, Citizen], tuple[int, dict[str, Any]]]


def _idempotent(
    ctx: AppContext, citizen_id: int, key: str | None, fp: str, make: Make
) -> JSONResponse:
    """Run `make` in one transaction with the Idempotency-Key record (both or neither)."""
    key = idempotency.check_key(key)
    principal = f"citizen:{citizen_id}"
    for attempt in (1, 2):
        try:
            with ctx.write() as db:
                replayed = idempotency.replay(db, principal, key, fp)
                if replayed is not None:
                    return replayed
                citizen = db.get(Citizen, citizen_id)
                if citizen is None:
                    raise ApiError(401, "token_invalid", "身份已失效，请重新进入平台。")
                status, body = make(db, citizen)
                idempotency.remember(db, principal, key, fp, status, body)
            return JSONResponse(body, status_code=status)
        except IntegrityError:
            # Only a concurrent twin with the same key can collide here (PostgreSQL);
            # the second pass answers with the twin's stored response.
            if key is None or attempt == 2:
                raise
    raise AssertionError("unreachable")


def _visible_post(db: Session, post_id: int, citizen_id: int) -> Post:
    post = db.get(Post, post_id)
    if post is None or (
        (post.kind == "silent_report" or post.board.restricted) and post.citizen_id != citizen_id
    ):
        raise ApiError(404, "not_found", "没有找到这条帖子。")
    return post


def _own_post(db: Session, post_id: int, citizen_id: int, what: str) -> Post:
    post = _visible_post(db, post_id, citizen_id)
    if post.citizen_id != citizen_id:
        raise ApiError(403, "not_author", f"只有发帖人本人可以{what}。")
    return post


def public_view(db: Session, post: Post) -> schemas.PublicPostOut:
    replies = db.execute(
        select(Reply.body, Unit.name, Reply.created_at)
        .outerjoin(Unit, Unit.id == Reply.unit_id)
        .where(Reply.post_id == post.id)
        .order_by(Reply.created_at, Reply.id)
    ).all()
    unit_name = (
        db.scalar(select(Unit.name).where(Unit.id == post.unit_id)) if post.unit_id else None
    )
    rating = db.scalar(select(Rating).where(Rating.post_id == post.id))
    return schemas.PublicPostOut(
        id=post.id,
        kind=post.kind,  # type: ignore[arg-type]
        board=post.board.code,
        title=post.title,
        body=post.body,
        status=post.status,  # type: ignore[arg-type]
        author_nickname=post.author_nickname,
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
        resolution=post.resolution,
    )


# ---------------------------------------------------------------- session
@router.post("/session", response_model=schemas.SessionOut, responses=_ERRORS)
def open_session(body: schemas.SessionIn, ctx: Ctx) -> schemas.SessionOut:
    """A citizen identity and its token.

    Every call makes a new identity, even for a phone number seen before: handing out
    an existing identity by phone number would let anyone read someone else's
    silent reports.
    """
    intake.check_text(body.nickname, "昵称", 50)
    token, digest = new_token()
    now = utcnow()
    expires = now + timedelta(hours=ctx.settings.citizen_token_ttl_hours)
    with ctx.write() as db:
        citizen = Citizen(nickname=body.nickname, phone=body.phone, created_at=now)
        db.add(citizen)
        db.flush()
        db.add(
            CitizenToken(
                token_hash=digest, citizen_id=citizen.id, created_at=now, expires_at=expires
            )
        )
    return schemas.SessionOut(token=token, expires_at=expires, citizen_id=citizen.id)


# ---------------------------------------------------------------- posts and reports
@router.post(
    "/posts",
    status_code=201,
    response_model=schemas.PublicPostOut,
    responses=_ERRORS,
)
def create_post(
    body: schemas.PublicPostIn,
    request: Request,
    ctx: Ctx,
    citizen_id: CurrentCitizen,
    key: IdempotencyKey = None,
) -> JSONResponse:
    fp = idempotency.fingerprint("POST", request.url.path, body.model_dump(mode="json"))

    def make(db: Session, citizen: Citizen) -> tuple[int, dict[str, Any]]:
        post = intake.create_post(
            db,
            ctx.settings,
            citizen,
            body.board,
            body.title,
            body.body,
            body.mentions,
            body.location,
        )
        return 201, public_view(db, post).model_dump(mode="json")

    return _idempotent(ctx, citizen_id, key, fp, make)


@router.post(
    "/silent-reports",
    status_code=201,
    response_model=schemas.PublicPostOut,
    responses=_ERRORS,
)
def create_silent_report(
    body: schemas.SilentReportIn,
    request: Request,
    ctx: Ctx,
    citizen_id: CurrentCitizen,
    key: IdempotencyKey = None,
) -> JSONResponse:
    """A silent report (V报警). Never rate-limited: it may be someone's only way to call."""
    fp = idempotency.fingerprint("POST", request.url.path, body.model_dump(mode="json"))

    def make(db: Session, citizen: Citizen) -> tuple[int, dict[str, Any]]:
        post = intake.create_silent_report(
            db, ctx.settings, citizen, body.body, body.location, body.suppress_receipt
        )
        return 201, public_view(db, post).model_dump(mode="json")

    return _idempotent(ctx, citizen_id, key, fp, make)


@router.get("/posts/{post_id}", response_model=schemas.PublicPostOut, responses=_ERRORS)
def get_post(post_id: int, ctx: Ctx, citizen_id: CurrentCitizen) -> schemas.PublicPostOut:
    with ctx.read() as db:
        return public_view(db, _visible_post(db, post_id, citizen_id))


# ---------------------------------------------------------------- attachments
def _check_may_attach(ctx: AppContext, post_id: int, citizen_id: int) -> None:
    with ctx.read() as db:
        _own_post(db, post_id, citizen_id, "给帖子添加附件")


@router.post(
    "/posts/{post_id}/attachments",
    status_code=201,
    response_model=schemas.AttachmentOut,
    responses=_ERRORS,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "properties": {"file": {"type": "string", "format": "binary"}},
                        "required": ["file"],
                    }
                }
            },
        }
    },
)
async def upload_attachment(
    post_id: int,
    request: Request,
    ctx: Ctx,
    citizen_id: CurrentCitizen,
    key: IdempotencyKey = None,
) -> JSONResponse:
    """One image (JPEG/PNG) or recording (WAV/MP3/OGG/AMR/M4A) in form field `file`.

    The type is decided from the bytes; the declared type and the file name are
    ignored for that. Ownership is checked before the body is read.
    """
    key = idempotency.check_key(key)
    await run_in_threadpool(_check_may_attach, ctx, post_id, citizen_id)
    upload = await read_single_file(request, ctx.settings.max_attachment_bytes)
    sniffed = sniff(upload.data[:HEAD_BYTES])
    if sniffed is None:
        raise ApiError(
            415,
            "unsupported_type",
            "这个文件不是支持的图片或录音：只能上传 JPG、PNG 图片，"
            "或 WAV、MP3、OGG、AMR、M4A 录音。",
        )
    digest = hashlib.sha256(upload.data).hexdigest()
    filename = upload.filename or f"attachment.{sniffed.extension}"
    fp = idempotency.fingerprint("POST", request.url.path, {"sha256": digest, "filename": filename})

    def make(db: Session, _citizen: Citizen) -> tuple[int, dict[str, Any]]:
        post = _own_post(db, post_id, citizen_id, "给帖子添加附件")
        limit = ctx.settings.max_attachments_per_post
        if post.attachment_count >= limit:
            raise ApiError(
                409, "too_many_attachments", f"每条帖子最多 {limit} 个附件，已经满了。", limit=limit
            )
        now = utcnow()
        att = Attachment(
            post_id=post.id,
            kind=sniffed.kind,
            content_type=sniffed.content_type,
            filename=filename,
            size=len(upload.data),
            sha256=digest,
            data=upload.data,
            created_at=now,
        )
        db.add(att)
        post.attachment_count += 1
        post.version += 1
        post.updated_at = now
        db.add(
            TimelineEntry(
                post_id=post.id,
                at=now,
                action="attachment_added",
                actor_kind="citizen",
                detail=sniffed.kind,
            )
        )
        db.flush()
        record_event(db, "post.updated", summary(db, post, None).model_dump(mode="json"), post=post)
        out = schemas.AttachmentOut(
            id=att.id,
            kind=sniffed.kind,  # type: ignore[arg-type]
            content_type=sniffed.content_type,
            filename=filename,
            size=att.size,
            url=f"/api/v1/attachments/{att.id}",
        )
        return 201, out.model_dump(mode="json")

    return await run_in_threadpool(_idempotent, ctx, citizen_id, key, fp, make)


# ---------------------------------------------------------------- rating
@router.post(
    "/posts/{post_id}/rating",
    status_code=201,
    response_model=schemas.RatingOut,
    responses=_ERRORS,
)
def rate(
    *,
    post_id: int,
    body: schemas.RatingIn,
    request: Request,
    ctx: Ctx,
    citizen_id: CurrentCitizen,
    key: IdempotencyKey = None,
) -> JSONResponse:
    """The author's satisfaction rating, once, after the post is resolved."""
    intake.check_text(body.comment, "评价", 1000, required=False)
    fp = idempotency.fingerprint("POST", request.url.path, body.model_dump(mode="json"))

    def make(db: Session, _citizen: Citizen) -> tuple[int, dict[str, Any]]:
        post = _own_post(db, post_id, citizen_id, "评价")
        if post.status not in ("resolved", "archived"):
            raise ApiError(409, "not_resolved", "这条帖子还没有办结，办结后才能评价。")
        if post.rating_score is not None or db.scalar(
            select(Rating.id).where(Rating.post_id == post.id)
        ):
            raise ApiError(409, "already_rated", "您已经评价过这条帖子了，每条帖子只能评价一次。")
        now = utcnow()
        rating = Rating(post_id=post.id, score=body.score, comment=body.comment, created_at=now)
        db.add(rating)
        post.rating_score = body.score
        post.version += 1
        post.updated_at = now
        db.add(
            TimelineEntry(
                post_id=post.id,
                at=now,
                action="rated",
                actor_kind="citizen",
                detail=str(body.score),
            )
        )
        db.flush()
        payload = summary(db, post, None).model_dump(mode="json")
        payload.update(score=body.score, comment=body.comment)
        record_event(db, "post.rated", payload, post=post)
        out = schemas.RatingOut(score=body.score, comment=body.comment, created_at=now)
        return 201, out.model_dump(mode="json")

    return _idempotent(ctx, citizen_id, key, fp, make)
