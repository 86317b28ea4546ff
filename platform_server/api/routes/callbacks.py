"""Routes: callbacks (回访) — the unit's worklist and the outcome of each attempt.

Callbacks are made due when a post is resolved (`platform_server.domain.callbacks`
has the sampling and the rules). The list shows the author's phone to those who may
see it (leaders, the handling unit); everyone else sees it masked.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session

from platform_server import schemas
from platform_server import schemas_citizens as sc
from platform_server.api.actions import officer_once
from platform_server.api.deps import Ctx, CurrentViewer, IdempotencyKey, PathId
from platform_server.api.idempotent import Answer
from platform_server.domain import callbacks
from platform_server.domain.origin import Origin
from platform_server.storage.models import utcnow

router = APIRouter(tags=["callbacks"])

_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": schemas.ErrorOut, "description": "Not logged in"},
    404: {"model": schemas.ErrorOut, "description": "No such callback in your units"},
    409: {"model": schemas.ErrorOut, "description": "callback_closed: it has ended already"},
    422: {"model": schemas.ErrorOut, "description": "Invalid input, or idempotency_key_reused"},
}


@router.get(
    "/callbacks",
    response_model=list[sc.CallbackOut],
    summary="The callback worklist of the viewer's units, soonest due first",
    responses=_ERRORS,
)
def list_callbacks(
    ctx: Ctx,
    viewer: CurrentViewer,
    status: Annotated[
        sc.CallbackStatus | None, Query(description="due, done or unreachable")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=callbacks.MAX_LIST)] = 100,
) -> list[sc.CallbackOut]:
    with ctx.read() as db:
        return callbacks.listing(db, viewer, status, limit)


@router.post(
    "/callbacks/{callback_id}/attempts",
    status_code=201,
    response_model=sc.CallbackOut,
    summary="Record one attempt at a callback; dissatisfied reopens the post under supervision",
    responses=_ERRORS,
)
def record_attempt(
    callback_id: PathId,
    payload: sc.AttemptIn,
    *,
    request: Request,
    ctx: Ctx,
    viewer: CurrentViewer,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    def work(db: Session, origin: Origin) -> Answer:
        cb = callbacks.record_attempt(
            db,
            ctx.settings,
            origin,
            callback_id,
            outcome=payload.outcome,
            note=payload.note,
            now=utcnow(),
        )
        out = callbacks.out_many(db, viewer, [cb])[0]
        return Answer(201, out.model_dump(mode="json"))

    return officer_once(request, ctx, viewer, idempotency_key, payload, work)
