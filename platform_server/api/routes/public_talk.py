"""Routes: the citizen side of talking with the police (`/api/v1/public/...`).

Private messages on one's own post (anyone else: 404), the notices of an area (pinned
first, with a read count), and what the messaging app pushed to one's phone. The rules
are in `platform_server.domain.messages`, `notices` and `pushes`.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse
from sqlalchemy import select
from sqlalchemy.orm import Session

from platform_server import schemas
from platform_server import schemas_citizens as sc
from platform_server.api.deps import Ctx, CurrentCitizen, IdempotencyKey, PathId
from platform_server.api.idempotent import Answer, run_once
from platform_server.domain import idempotency, messages, notices
from platform_server.domain.origin import Origin
from platform_server.schemas import MAX_DB_INT
from platform_server.storage.citizen_models import CitizenPush, Message
from platform_server.storage.models import Unit, utcnow

router = APIRouter(prefix="/public", tags=["public"])

_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": schemas.ErrorOut} for code in (401, 404, 409, 422)
}
PUSH_LIMIT = 100


def _public_message(db: Session, row: Message) -> sc.PublicMessageOut:
    unit_name = db.scalar(select(Unit.name).where(Unit.id == row.unit_id)) if row.unit_id else None
    return sc.PublicMessageOut(
        id=row.id,
        sender=row.sender,  # type: ignore[arg-type]
        body=row.body,
        unit_name=unit_name,
        created_at=row.created_at,
    )


@router.get(
    "/posts/{post_id}/messages",
    response_model=list[sc.PublicMessageOut],
    summary="The author reads the private messages on their post (others: 404)",
    responses=_ERRORS,
)
def read_messages(
    post_id: PathId, ctx: Ctx, citizen_id: CurrentCitizen
) -> list[sc.PublicMessageOut]:
    with ctx.write() as db:
        rows = messages.citizen_read(db, citizen_id, post_id, utcnow())
        return [_public_message(db, r) for r in rows]


@router.post(
    "/posts/{post_id}/messages",
    status_code=201,
    response_model=sc.PublicMessageOut,
    summary="The author answers privately (others: 404)",
    responses=_ERRORS,
)
def answer(
    post_id: PathId,
    body: sc.MessageIn,
    request: Request,
    ctx: Ctx,
    citizen_id: CurrentCitizen,
    key: IdempotencyKey = None,
) -> JSONResponse:
    origin = Origin(citizen_id=citizen_id, idempotency_key=idempotency.check_key(key))
    fp = idempotency.fingerprint("POST", request.url.path, body.model_dump(mode="json"))

    def work(db: Session) -> Answer:
        row = messages.citizen_answer(
            db, origin, post_id, body=body.body, now=utcnow(), max_chars=ctx.settings.max_body_chars
        )
        return Answer(201, _public_message(db, row).model_dump(mode="json"))

    return run_once(ctx, f"citizen:{citizen_id}", origin.idempotency_key, fp, work)


@router.get(
    "/notices",
    response_model=list[sc.PublicNoticeOut],
    summary="Notices to the public of an area, pinned first, with a read count",
    responses=_ERRORS,
)
def public_notices(
    ctx: Ctx,
    _citizen_id: CurrentCitizen,
    unit: Annotated[
        int | None,
        Query(ge=1, le=MAX_DB_INT, description="the citizen's area (a station); none: city-wide"),
    ] = None,
) -> list[sc.PublicNoticeOut]:
    with ctx.read() as db:
        return notices.public_list(db, unit, utcnow())


@router.get(
    "/notices/{notice_id}",
    response_model=sc.PublicNoticeOut,
    summary="Open one notice (counted once per citizen)",
    responses=_ERRORS,
)
def read_notice(notice_id: PathId, ctx: Ctx, citizen_id: CurrentCitizen) -> sc.PublicNoticeOut:
    with ctx.write() as db:
        return notices.public_read(db, citizen_id, notice_id, utcnow())


@router.get(
    "/pushes",
    response_model=list[sc.PushOut],
    summary="What the messaging app pushed to this citizen's phone, newest first",
    responses=_ERRORS,
)
def pushes(ctx: Ctx, citizen_id: CurrentCitizen) -> list[sc.PushOut]:
    with ctx.read() as db:
        rows = db.scalars(
            select(CitizenPush)
            .where(CitizenPush.citizen_id == citizen_id)
            .order_by(CitizenPush.created_at.desc(), CitizenPush.id.desc())
            .limit(PUSH_LIMIT)
        )
        return [
            sc.PushOut(id=r.id, post_id=r.post_id, kind=r.kind, created_at=r.created_at)  # type: ignore[arg-type]
            for r in rows
        ]
