"""The citizen side: `/api/v1/public/...` (the messaging app's identity is simulated).

Routes parse the request and call the intake (`platform_server.domain.intake`), which
holds the rules: who sees what (private posts are 404 to anyone but their author),
what may be attached and when a post may be rated.
"""

from __future__ import annotations

import hashlib
from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session

from platform_server import schemas
from platform_server.api.deps import Ctx, CurrentCitizen, IdempotencyKey, PathId
from platform_server.api.idempotent import Answer, run_once
from platform_server.api.upload import read_single_file
from platform_server.domain import accounts, idempotency, intake, locations
from platform_server.domain.checks import check_line
from platform_server.domain.origin import Origin
from platform_server.domain.serialize import public_view
from platform_server.errors import ApiError
from platform_server.storage.models import Citizen

router = APIRouter(prefix="/public", tags=["public"])

_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": schemas.ErrorOut} for code in (401, 403, 404, 409, 413, 415, 422)
}
MAX_NICKNAME_CHARS = 50  # as schemas.SessionIn


def _citizen(db: Session, citizen_id: int) -> Citizen:
    citizen = db.get(Citizen, citizen_id)
    if citizen is None:
        raise ApiError(401, "token_invalid", "身份已失效，请重新进入平台。")
    return citizen


def _origin(citizen_id: int, key: str | None) -> Origin:
    return Origin(citizen_id=citizen_id, idempotency_key=idempotency.check_key(key))


def _once(ctx: Ctx, origin: Origin, fp: str, work: Any) -> JSONResponse:
    principal = f"citizen:{origin.citizen_id}"
    return run_once(ctx, principal, origin.idempotency_key, fp, work)


# ---------------------------------------------------------------- session
@router.post("/session", response_model=schemas.SessionOut, responses=_ERRORS)
def open_session(body: schemas.SessionIn, ctx: Ctx) -> schemas.SessionOut:
    """A citizen identity and its token (a new identity every time)."""
    check_line(body.nickname, "昵称", MAX_NICKNAME_CHARS)
    with ctx.write() as db:
        token, expires, citizen = accounts.open_citizen_session(
            db, ctx.settings, nickname=body.nickname, phone=body.phone
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
    origin = _origin(citizen_id, key)
    fp = idempotency.fingerprint("POST", request.url.path, body.model_dump(mode="json"))

    def work(db: Session) -> Answer:
        post = intake.create_post(
            db,
            ctx.settings,
            _citizen(db, citizen_id),
            body.board,
            body.title,
            body.body,
            body.mentions,
            body.location,
            idempotency_key=origin.idempotency_key,
            now=ctx.clock(),  # the posts' clock (tests inject one; deadlines count from it)
        )
        return Answer(201, public_view(db, post).model_dump(mode="json"))

    return _once(ctx, origin, fp, work)


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
    origin = _origin(citizen_id, key)
    fp = idempotency.fingerprint("POST", request.url.path, body.model_dump(mode="json"))

    def work(db: Session) -> Answer:
        post = intake.create_silent_report(
            db,
            ctx.settings,
            _citizen(db, citizen_id),
            body.body,
            body.location,
            body.suppress_receipt,
            idempotency_key=origin.idempotency_key,
        )
        return Answer(201, public_view(db, post).model_dump(mode="json"))

    return _once(ctx, origin, fp, work)


@router.get("/posts/{post_id}", response_model=schemas.PublicPostOut, responses=_ERRORS)
def get_post(post_id: PathId, ctx: Ctx, citizen_id: CurrentCitizen) -> schemas.PublicPostOut:
    with ctx.read() as db:
        return public_view(db, intake.readable_post(db, post_id, citizen_id), citizen_id)


# ---------------------------------------------------------------- attachments
def _check_may_attach(ctx: Ctx, post_id: int, citizen_id: int) -> None:
    with ctx.read() as db:
        intake.own_post(db, post_id, citizen_id, intake.ATTACH)


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
    post_id: PathId,
    request: Request,
    ctx: Ctx,
    citizen_id: CurrentCitizen,
    key: IdempotencyKey = None,
) -> JSONResponse:
    """One image (JPEG/PNG) or recording (WAV/MP3/OGG/AMR/M4A) in form field `file`.

    The type is decided from the bytes; the declared type and the file name are
    ignored for that (415 for other types). The whole file must decode as that type
    (422 `not_decodable` otherwise: damaged, cut short, or something else appended,
    such as a web page). Ownership is checked before the body is read.
    """
    origin = _origin(citizen_id, key)
    await run_in_threadpool(_check_may_attach, ctx, post_id, citizen_id)
    upload = await read_single_file(request, ctx.settings.max_attachment_bytes)
    # Decoding a large file takes a while: off the event loop that serves the streams.
    sniffed = await run_in_threadpool(
        intake.check_attachment, upload.data, ctx.settings.max_image_pixels
    )
    digest = hashlib.sha256(upload.data).hexdigest()
    filename = upload.filename or f"attachment.{sniffed.extension}"
    fp = idempotency.fingerprint("POST", request.url.path, {"sha256": digest, "filename": filename})

    def work(db: Session) -> Answer:
        att = intake.add_attachment(
            db,
            ctx.settings,
            origin,
            post_id,
            data=upload.data,
            filename=filename,
            sniffed=sniffed,
        )
        out = schemas.AttachmentOut(
            id=att.id,
            kind=att.kind,  # type: ignore[arg-type]
            content_type=att.content_type,
            filename=att.filename,
            size=att.size,
            url=f"/api/v1/attachments/{att.id}",
        )
        return Answer(201, out.model_dump(mode="json"))

    return await run_in_threadpool(_once, ctx, origin, fp, work)


# ---------------------------------------------------------------- rating
@router.post(
    "/posts/{post_id}/rating",
    status_code=201,
    response_model=schemas.RatingOut,
    responses=_ERRORS,
)
def rate(
    *,
    post_id: PathId,
    body: schemas.RatingIn,
    request: Request,
    ctx: Ctx,
    citizen_id: CurrentCitizen,
    key: IdempotencyKey = None,
) -> JSONResponse:
    """The author's satisfaction rating, once, after the post is resolved."""
    origin = _origin(citizen_id, key)
    fp = idempotency.fingerprint("POST", request.url.path, body.model_dump(mode="json"))

    def work(db: Session) -> Answer:
        rating = intake.rate(db, origin, post_id, score=body.score, comment=body.comment)
        out = schemas.RatingOut(
            score=rating.score, comment=rating.comment, created_at=rating.created_at
        )
        return Answer(201, out.model_dump(mode="json"))

    return _once(ctx, origin, fp, work)


# ---------------------------------------------------------------- a newer location
@router.post(
    "/posts/{post_id}/locations",
    status_code=201,
    response_model=schemas.LaterLocation,
    responses=_ERRORS,
)
def add_location(
    *,
    post_id: PathId,
    body: schemas.LocationIO,
    request: Request,
    ctx: Ctx,
    citizen_id: CurrentCitizen,
    key: IdempotencyKey = None,
) -> JSONResponse:
    """Where the author is now; shown beside the first location, which stays as it was."""
    origin = _origin(citizen_id, key)
    fp = idempotency.fingerprint("POST", request.url.path, body.model_dump(mode="json"))

    def work(db: Session) -> Answer:
        row = locations.add_location(db, origin, post_id, body)
        out = schemas.LaterLocation(
            lat=row.lat,
            lon=row.lon,
            accuracy_m=row.accuracy_m,
            address=row.address,
            at=row.created_at,
        )
        return Answer(201, out.model_dump(mode="json"))

    return _once(ctx, origin, fp, work)
