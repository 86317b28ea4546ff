"""Route: an officer records a post from another channel (`POST /posts`).

Hotline, SMS, letter or visit: validated and idempotent like a citizen's post
(Idempotency-Key: a retry returns the first answer), routed by its board, in the queue
like any other with its `channel`. The rules are in `platform_server.domain.channels`.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session

from platform_server import schemas
from platform_server import schemas_citizens as sc
from platform_server.api.actions import officer_once
from platform_server.api.deps import Ctx, CurrentViewer, IdempotencyKey, etag
from platform_server.api.idempotent import Answer
from platform_server.domain import channels, listing
from platform_server.domain.origin import Origin

router = APIRouter(tags=["posts"])

_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": schemas.ErrorOut, "description": "Not logged in"},
    422: {
        "model": schemas.ErrorOut,
        "description": "Invalid input (unknown board or channel, text too long …), or "
        "idempotency_key_reused",
    },
}


@router.post(
    "/posts",
    status_code=201,
    response_model=schemas.PostDetail,
    summary="Record a post from the hotline, an SMS, a letter or a visit",
    responses=_ERRORS,
)
def record_post(
    payload: sc.RecordedPostIn,
    *,
    request: Request,
    ctx: Ctx,
    viewer: CurrentViewer,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    def work(db: Session, origin: Origin) -> Answer:
        post = channels.record_post(
            db,
            ctx.settings,
            origin,
            channel=payload.channel,
            board_code=payload.board,
            title=payload.title,
            body=payload.body,
            name=payload.citizen.name,
            phone=payload.citizen.phone,
            location=payload.location,
            now=ctx.clock(),
        )
        detail = listing.post_detail(db, post, viewer)
        return Answer(201, detail.model_dump(mode="json"), {"ETag": etag(post)})

    return officer_once(request, ctx, viewer, idempotency_key, payload, work)
