"""Routes: the handling loop across units — sign, return, assign, extension, urge, supervise.

Each post action is declared once in `ACTIONS` (path, summary, body model, and the
domain call) and registered by `api.actions.register`, which builds its endpoint:
parse the body, authorise, run the domain action under If-Match and Idempotency-Key
(`api.actions.act`: one write transaction). The transfer (dispatch) and close routes are
in `routes.posts`. Deciding an extension and the leaders' lists are below.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session

from platform_server import schemas
from platform_server.api.actions import ACTION_ERRORS, Action, officer_once, register
from platform_server.api.deps import (
    Ctx,
    CurrentViewer,
    IdempotencyKey,
    PathId,
    etag,
)
from platform_server.api.idempotent import Answer
from platform_server.domain import dispatch, listing, locking, oversight
from platform_server.domain.origin import Origin
from platform_server.domain.scope import Viewer
from platform_server.errors import ApiError
from platform_server.storage.models import Extension, Post

router = APIRouter(tags=["dispatch"])


def _load_for_sign(db: Session, viewer: Viewer, post_id: int) -> Post:
    """The post, locked, for the lead unit or an assisting unit of its dispatch."""
    post = db.get(Post, post_id, **locking.for_update())
    if post is None:
        raise ApiError(404, "post_not_found", listing.NOT_FOUND_MESSAGE)
    if dispatch.may_sign(viewer, db, post):
        return post
    if not viewer.may_read(post):
        raise ApiError(404, "post_not_found", listing.NOT_FOUND_MESSAGE)
    raise ApiError(403, "forbidden", "只有主办单位或协办单位可以签收该派单。")


ACTIONS = (
    Action(
        "sign",
        "post_sign",
        "Sign for a dispatched post (签收): the lead unit, or an assisting unit's part",
        None,
        lambda a: dispatch.sign(a.db, a.post, a.origin, viewer=a.viewer, now=a.now, guard=a.guard),
        load=_load_for_sign,
    ),
    Action(
        "return",
        "post_return",
        "Return a dispatched post to the dispatching unit (回退) with a reason code",
        schemas.ReturnIn,
        lambda a: dispatch.return_post(
            a.db,
            a.post,
            a.origin,
            reason_code=a.body.reason_code,
            reason=a.body.reason,
            now=a.now,
            guard=a.guard,
        ),
    ),
    Action(
        "assign",
        "post_assign",
        "Hand the post to a named officer of the holding unit (leaders, or its duty officers)",
        schemas.AssignIn,
        lambda a: dispatch.assign(
            a.db,
            a.post,
            a.origin,
            viewer=a.viewer,
            officer_id=a.body.officer_id,
            now=a.now,
            guard=a.guard,
        ),
    ),
    Action(
        "extension",
        "post_extension",
        "Ask for a later deadline (延期), before the current one passes",
        schemas.ExtensionIn,
        lambda a: oversight.request_extension(
            a.db,
            a.post,
            a.origin,
            until=a.body.until,
            reason=a.body.reason,
            now=a.now,
            guard=a.guard,
        ),
    ),
    Action(
        "urge",
        "post_urge",
        "Urge the holding unit (催办): a notice on its consoles (leaders)",
        schemas.UrgeIn,
        lambda a: oversight.urge(
            a.db,
            a.post,
            a.origin,
            viewer=a.viewer,
            message=a.body.message,
            now=a.now,
            guard=a.guard,
        ),
    ),
    Action(
        "supervise",
        "post_supervise",
        "Put the post under supervision (督办) with a due time and instruction (leaders)",
        schemas.SuperviseIn,
        lambda a: oversight.supervise(
            a.db,
            a.post,
            a.origin,
            viewer=a.viewer,
            due_at=a.body.due_at,
            instruction=a.body.instruction,
            now=a.now,
            guard=a.guard,
        ),
    ),
)
register(router, ACTIONS)


# ---------------------------------------------------------------- extensions, supervision
@router.post(
    "/extensions/{extension_id}/decide",
    response_model=schemas.ExtensionOut,
    summary="Approve (moves the post's deadline) or reject an extension request (leaders)",
    responses={
        **ACTION_ERRORS,
        409: {"model": schemas.ErrorOut, "description": "already_decided"},
    },
)
def decide_extension(
    extension_id: PathId,
    payload: schemas.DecideIn,
    *,
    request: Request,
    ctx: Ctx,
    viewer: CurrentViewer,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    def work(db: Session, origin: Origin) -> Answer:
        row = db.get(Extension, extension_id)
        if row is None:
            raise ApiError(404, "not_found", "没有这份延期申请。")
        post = listing.load_readable(db, viewer, row.post_id, lock=True)
        db.refresh(row)  # re-read under the post's lock: a parallel decision is seen
        oversight.decide_extension(
            db,
            row,
            post,
            origin,
            viewer=viewer,
            approve=payload.approve,
            comment=payload.comment,
            now=ctx.clock(),
        )
        out = oversight.extension_out(db, row).model_dump(mode="json")
        return Answer(200, out, {"ETag": etag(post)})

    return officer_once(request, ctx, viewer, idempotency_key, payload, work)


@router.get(
    "/extensions",
    response_model=list[schemas.ExtensionOut],
    summary="Extension requests of the leader's units (status=pending by default)",
)
def list_extensions(
    ctx: Ctx, viewer: CurrentViewer, status: schemas.ExtensionStatus = "pending"
) -> list[schemas.ExtensionOut]:
    with ctx.read() as db:
        return oversight.extensions(db, viewer, status)


@router.get(
    "/supervision",
    response_model=list[schemas.SupervisionOut],
    summary="Open supervision orders (督办) of the leader's units, by due time",
)
def list_supervision(ctx: Ctx, viewer: CurrentViewer) -> list[schemas.SupervisionOut]:
    with ctx.read() as db:
        return oversight.open_supervisions(db, viewer)
