"""Routes: notices (公告) from the officer side — publish, list with read counts, withdraw.

What citizens read is in `routes.public_talk`; the rules in
`platform_server.domain.notices`.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session

from platform_server import schemas
from platform_server import schemas_citizens as sc
from platform_server.api.actions import officer_once
from platform_server.api.deps import Ctx, CurrentViewer, IdempotencyKey, PathId, officer_origin
from platform_server.api.idempotent import Answer
from platform_server.domain import notices
from platform_server.domain.origin import Origin
from platform_server.storage.citizen_models import Notice
from platform_server.storage.models import utcnow

router = APIRouter(tags=["notices"])

_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": schemas.ErrorOut, "description": "Not logged in"},
    403: {"model": schemas.ErrorOut, "description": "The unit is outside your scope"},
    404: {"model": schemas.ErrorOut, "description": "No such notice in your units"},
    422: {"model": schemas.ErrorOut, "description": "Invalid input, or idempotency_key_reused"},
}


def _one(db: Session, notice: Notice) -> sc.NoticeOut:
    return notices.officer_view(db, [notice], utcnow())[0]


@router.get(
    "/notices/templates",
    response_model=list[sc.NoticeTemplateOut],
    summary="Starting texts for the usual kinds of notice",
    responses=_ERRORS,
)
def templates(_viewer: CurrentViewer) -> list[sc.NoticeTemplateOut]:
    return list(notices.TEMPLATES)


@router.get(
    "/notices",
    response_model=list[sc.NoticeOut],
    summary="Notices of the viewer's units and of those above them, with read counts",
    responses=_ERRORS,
)
def list_notices(ctx: Ctx, viewer: CurrentViewer) -> list[sc.NoticeOut]:
    with ctx.read() as db:
        return notices.officer_list(db, viewer, utcnow())


@router.post(
    "/notices",
    status_code=201,
    response_model=sc.NoticeOut,
    summary="Publish a notice to a unit's area (bureau: the whole city), now or scheduled",
    responses=_ERRORS,
)
def publish(
    payload: sc.NoticeIn,
    *,
    request: Request,
    ctx: Ctx,
    viewer: CurrentViewer,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    def work(db: Session, origin: Origin) -> Answer:
        notice = notices.publish(
            db,
            origin,
            title=payload.title,
            body=payload.body,
            category=payload.category,
            unit_id=payload.unit_id,
            pinned=payload.pinned,
            publish_at=payload.publish_at,
            now=utcnow(),
            max_chars=ctx.settings.max_body_chars,
        )
        return Answer(201, _one(db, notice).model_dump(mode="json"))

    return officer_once(request, ctx, viewer, idempotency_key, payload, work)


@router.post(
    "/notices/{notice_id}/withdraw",
    response_model=sc.NoticeOut,
    summary="Take a notice off the public list",
    responses=_ERRORS,
)
def withdraw(
    notice_id: PathId, *, request: Request, ctx: Ctx, viewer: CurrentViewer
) -> sc.NoticeOut:
    origin = officer_origin(request, viewer, None)
    with ctx.write() as db:
        notice = notices.withdraw(db, origin, notice_id, utcnow())
        return _one(db, notice)
