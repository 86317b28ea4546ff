"""Routes: the handling loop across units — sign, return, assign, extension, urge, supervise.

Each post action is declared once in `ACTIONS` (path, summary, body model, and the
domain call) and registered by `_register`, which builds its endpoint: parse the
body, authorise, run the domain action under If-Match and Idempotency-Key
(`posts.act`: one write transaction). The transfer (dispatch) and close routes are
in `routes.posts`. Deciding an extension and the leaders' lists are below.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy.orm import Session

from platform_server import schemas
from platform_server.api.actions import ACTION_ERRORS, act, load_actionable
from platform_server.api.deps import (
    Ctx,
    CurrentViewer,
    IdempotencyKey,
    IfMatch,
    PathId,
    etag,
    officer_origin,
)
from platform_server.api.idempotent import Answer, run_once
from platform_server.domain import dispatch, idempotency, listing, locking, oversight
from platform_server.domain.origin import Origin
from platform_server.domain.posts import Guard, Outcome
from platform_server.domain.scope import Viewer
from platform_server.errors import ApiError
from platform_server.storage.models import Extension, Post

router = APIRouter(tags=["dispatch"])

# The domain call of one action: (db, post, origin, now, guard, body, ctx, viewer).
Run = Callable[[Session, Post, Origin, datetime, Guard | None, Any, Any, Viewer], Outcome]


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


@dataclass(frozen=True)
class Action:
    path: str
    summary: str
    body: type[BaseModel] | None
    run: Run
    load: Callable[[Session, Viewer, int], Post] | None = None


ACTIONS = (
    Action(
        "sign",
        "Sign for a dispatched post (签收): the lead unit, or an assisting unit's part",
        None,
        lambda db, post, o, now, guard, _b, _c, v: dispatch.sign(
            db, post, o, viewer=v, now=now, guard=guard
        ),
        load=_load_for_sign,
    ),
    Action(
        "return",
        "Return a dispatched post to the dispatching unit (回退) with a reason code",
        schemas.ReturnIn,
        lambda db, post, o, now, guard, b, _c, _v: dispatch.return_post(
            db, post, o, reason_code=b.reason_code, reason=b.reason, now=now, guard=guard
        ),
    ),
    Action(
        "assign",
        "Hand the post to a named officer of the holding unit (leaders, or its duty officers)",
        schemas.AssignIn,
        lambda db, post, o, now, guard, b, _c, v: dispatch.assign(
            db, post, o, viewer=v, officer_id=b.officer_id, now=now, guard=guard
        ),
    ),
    Action(
        "extension",
        "Ask for a later deadline (延期), before the current one passes",
        schemas.ExtensionIn,
        lambda db, post, o, now, guard, b, _c, _v: oversight.request_extension(
            db, post, o, until=b.until, reason=b.reason, now=now, guard=guard
        ),
    ),
    Action(
        "urge",
        "Urge the holding unit (催办): a notice on its consoles (leaders)",
        schemas.UrgeIn,
        lambda db, post, o, now, guard, b, _c, v: oversight.urge(
            db, post, o, viewer=v, message=b.message, now=now, guard=guard
        ),
    ),
    Action(
        "supervise",
        "Put the post under supervision (督办) with a due time and instruction (leaders)",
        schemas.SuperviseIn,
        lambda db, post, o, now, guard, b, _c, v: oversight.supervise(
            db, post, o, viewer=v, due_at=b.due_at, instruction=b.instruction, now=now, guard=guard
        ),
    ),
)


def _register(action: Action) -> None:
    def endpoint(**kw: Any) -> JSONResponse:
        payload: BaseModel | None = kw.get("payload")
        ctx, viewer = kw["ctx"], kw["viewer"]

        def step(db: Session, post: Post, o: Origin, now: datetime, guard: Guard | None) -> Outcome:
            return action.run(db, post, o, now, guard, payload, ctx, viewer)

        return act(
            kw["post_id"],
            step,
            request=kw["request"],
            ctx=ctx,
            viewer=viewer,
            body=payload.model_dump(mode="json") if payload is not None else None,
            if_match=kw["if_match"],
            idem_key=kw["idempotency_key"],
            load=action.load or load_actionable,
        )

    kw_only = inspect.Parameter.KEYWORD_ONLY
    params = [
        inspect.Parameter("post_id", kw_only, annotation=PathId),
        inspect.Parameter("request", kw_only, annotation=Request),
        inspect.Parameter("ctx", kw_only, annotation=Ctx),
        inspect.Parameter("viewer", kw_only, annotation=CurrentViewer),
        inspect.Parameter("if_match", kw_only, annotation=IfMatch, default=None),
        inspect.Parameter("idempotency_key", kw_only, annotation=IdempotencyKey, default=None),
    ]
    if action.body is not None:
        params.insert(1, inspect.Parameter("payload", kw_only, annotation=action.body))
    endpoint.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    endpoint.__name__ = endpoint.__qualname__ = f"post_{action.path}"
    router.post(
        f"/posts/{{post_id}}/{action.path}",
        response_model=schemas.PostDetail,
        summary=action.summary,
        responses=ACTION_ERRORS,
    )(endpoint)


for _action in ACTIONS:
    _register(_action)


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
    origin = officer_origin(request, viewer, idempotency_key)
    fp = idempotency.fingerprint("POST", request.url.path, payload.model_dump())

    def work(db: Session) -> Answer:
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

    principal = f"officer:{viewer.officer_id}"
    return run_once(ctx, principal, origin.idempotency_key, fp, work)


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
