"""Routes: private messages (私信) from the officer side.

`POST /posts/{id}/messages` writes to the post's author (If-Match optional, like a
reply; Idempotency-Key makes a retry safe); `POST /posts/{id}/messages/read` says an
officer handling the post has read the author's answers (the unread mark goes). The
conversation itself comes with the post (`GET /posts/{id}`: `messages`, for those who
may act on the post). The rules are in `platform_server.domain.messages`.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session

from platform_server import schemas
from platform_server.api.deps import (
    Ctx,
    CurrentViewer,
    IdempotencyKey,
    IfMatch,
    PathId,
    check_if_match,
    etag,
    officer_origin,
)
from platform_server.api.idempotent import Answer, run_once
from platform_server.domain import idempotency, listing, messages, serialize
from platform_server.domain.scope import Viewer
from platform_server.errors import ApiError
from platform_server.storage.models import Post, utcnow

router = APIRouter(tags=["messages"])

_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": schemas.ErrorOut, "description": "Not logged in"},
    403: {"model": schemas.ErrorOut, "description": "The post is outside your unit's scope"},
    404: {"model": schemas.ErrorOut, "description": "No such post, or not readable by you"},
    409: {
        "model": schemas.ErrorOut,
        "description": "claimed_by_other (with `holder`), illegal_transition (archived), "
        "no_private_channel (a post recorded from the hotline, an SMS, a letter or a visit)",
    },
    412: {"model": schemas.ErrorOut, "description": "If-Match given and not the current version"},
    422: {"model": schemas.ErrorOut, "description": "Invalid input, or idempotency_key_reused"},
}


def load_actionable(db: Session, viewer: Viewer, post_id: int) -> Post:
    """The post, if the viewer may act on it (404 unreadable, 403 outside their scope)."""
    post = listing.load_readable(db, viewer, post_id, lock=True)
    if not viewer.may_act(post):
        raise ApiError(
            403,
            "forbidden",
            "这条帖子不在您所在单位的办理范围内，不能办理；如需协办请联系其所属单位。",
        )
    return post


@router.post(
    "/posts/{post_id}/messages",
    response_model=schemas.MessageOut,
    status_code=201,
    summary="Private message to the post's author only (私信), never on the public page",
    responses=_ERRORS,
)
def send_message(
    post_id: PathId,
    payload: schemas.BodyIn,
    *,
    request: Request,
    ctx: Ctx,
    viewer: CurrentViewer,
    if_match: IfMatch = None,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    origin = officer_origin(request, viewer, idempotency_key)
    fp = idempotency.fingerprint("POST", request.url.path, payload.model_dump())
    guard = partial(check_if_match, if_match) if if_match else None

    def work(db: Session) -> Answer:
        post = load_actionable(db, viewer, post_id)
        _out, row = messages.send(
            db,
            post,
            origin,
            body=payload.body,
            now=utcnow(),
            max_chars=ctx.settings.max_body_chars,
            guard=guard,
        )
        refs = serialize.officer_refs(db, {viewer.officer_id})
        out = schemas.MessageOut(
            id=row.id,
            post_id=row.post_id,
            sender="officer",
            body=row.body,
            officer=refs.get(viewer.officer_id),
            unit_id=row.unit_id,
            created_at=row.created_at,
            read_at=None,
        )
        return Answer(201, out.model_dump(mode="json"), {"ETag": etag(post)})

    principal = f"officer:{viewer.officer_id}"
    return run_once(ctx, principal, origin.idempotency_key, fp, work)


@router.post(
    "/posts/{post_id}/messages/read",
    response_model=schemas.PostSummary,
    summary="The author's private messages have been read (the unread mark goes)",
    responses=_ERRORS,
)
def messages_read(
    post_id: PathId, *, request: Request, ctx: Ctx, viewer: CurrentViewer
) -> schemas.PostSummary:
    origin = officer_origin(request, viewer, None)
    with ctx.write() as db:
        post = load_actionable(db, viewer, post_id)
        messages.officers_read(db, post, origin, utcnow())
        return serialize.summary(db, post, viewer)
