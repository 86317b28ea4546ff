"""Routes: the officer side of posts — the queue, one post, and every action on it.

An action route parses the request, authorises it (the post is readable and in the
officer's scope) and calls the domain action (`platform_server.domain.posts`) in one
write transaction with its Idempotency-Key record: the change, its timeline entry,
its event and its audit record commit together or not at all.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
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
from platform_server.domain import callbacks, idempotency, listing
from platform_server.domain import posts as workflow
from platform_server.domain.origin import Origin
from platform_server.domain.posts import Guard, Outcome
from platform_server.domain.scope import Viewer
from platform_server.errors import ApiError
from platform_server.schemas import MAX_DB_INT
from platform_server.storage.models import Post, utcnow

router = APIRouter(tags=["posts"])

_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": schemas.ErrorOut, "description": "Not logged in"},
    404: {"model": schemas.ErrorOut, "description": "No such post, or not readable by you"},
}
_CREATE_ERRORS: dict[int | str, dict[str, Any]] = {
    **_ERRORS,
    403: {"model": schemas.ErrorOut, "description": "The post is outside your unit's scope"},
    409: {
        "model": schemas.ErrorOut,
        "description": "Conflict: claimed_by_other (with `holder`), illegal_transition, "
        "already_acknowledged (with `acknowledged_by`), same_unit",
    },
    412: {"model": schemas.ErrorOut, "description": "If-Match given and not the current version"},
    422: {
        "model": schemas.ErrorOut,
        "description": "Invalid input, or idempotency_key_reused: the Idempotency-Key was "
        "used before with a different body",
    },
}
# Actions that change the post's state require If-Match (the app marks the header
# required in /openapi.json for every operation that documents 428).
_ACTION_ERRORS: dict[int | str, dict[str, Any]] = {
    **_CREATE_ERRORS,
    412: {
        "model": schemas.ErrorOut,
        "description": "stale_version: If-Match is not the current version (the answer "
        "carries `current_version` and the current ETag)",
    },
    428: {"model": schemas.ErrorOut, "description": "precondition_required: If-Match missing"},
}


@router.get(
    "/posts",
    response_model=schemas.PostPage,
    summary="List posts the viewer may read (filters, sort, keyset paging)",
    responses={**_ERRORS, 422: {"model": schemas.ErrorOut}},
)
def list_posts(
    ctx: Ctx,
    viewer: CurrentViewer,
    *,
    status: Annotated[str | None, Query(description="comma list of statuses")] = None,
    board: Annotated[str | None, Query(description="comma list of board codes")] = None,
    unit: Annotated[
        int | None, Query(ge=1, le=MAX_DB_INT, description="unit id; includes its sub-units")
    ] = None,
    assignee: Annotated[str | None, Query(description="officer id, `me` or `none`")] = None,
    kind: Annotated[schemas.Kind | None, Query()] = None,
    q: Annotated[
        str | None,
        Query(
            max_length=200,
            description="full text: every whitespace-separated term "
            "occurs literally in title or body",
        ),
    ] = None,
    overdue: Annotated[bool | None, Query(description="past deadline and still open")] = None,
    mentions_me: Annotated[bool, Query(description="posts that @ me or my unit")] = False,
    sort: Annotated[listing.SortName, Query()] = "created_desc",
    limit: Annotated[int, Query(ge=1, le=listing.MAX_LIMIT)] = listing.DEFAULT_LIMIT,
    cursor: Annotated[
        str | None, Query(max_length=500, description="next_cursor of the previous page")
    ] = None,
) -> schemas.PostPage:
    with ctx.read() as db:
        lq = listing.parse_list_query(
            db,
            viewer,
            status=status,
            board=board,
            unit=unit,
            assignee=assignee,
            kind=kind,
            q=q,
            overdue=overdue,
            mentions_me=mentions_me,
            sort=sort,
            limit=limit,
            cursor=cursor,
        )
        return listing.list_posts(db, viewer, lq)


@router.get(
    "/posts/{post_id}",
    response_model=schemas.PostDetail,
    summary="One post in full, with an ETag of its version",
    responses={**_ERRORS, 304: {"description": "If-None-Match is the current version"}},
)
def get_post(post_id: PathId, *, request: Request, ctx: Ctx, viewer: CurrentViewer) -> Response:
    with ctx.read() as db:
        post = listing.load_readable(db, viewer, post_id)
        tag = etag(post)
        if request.headers.get("if-none-match", "").strip() == tag:
            return Response(status_code=304, headers={"ETag": tag})
        detail = listing.post_detail(db, post, viewer)
    return JSONResponse(detail.model_dump(mode="json"), headers={"ETag": tag})


# ---------------------------------------------------------------- actions
Step = Callable[[Session, Post, Origin, datetime, Guard | None], Outcome]


def _load_actionable(db: Session, viewer: Viewer, post_id: int) -> Post:
    post = listing.load_readable(db, viewer, post_id, lock=True)
    if not viewer.may_act(post):
        raise ApiError(
            403,
            "forbidden",
            "这条帖子不在您所在单位的办理范围内，不能办理；如需协办请联系其所属单位。",
        )
    return post


def _created(viewer: Viewer, row: Any) -> dict[str, Any]:
    ref = schemas.OfficerRef(
        id=viewer.officer_id, badge=viewer.badge, name=viewer.name, unit_id=viewer.unit_id
    )
    return schemas.ReplyOut(
        id=row.id,
        post_id=row.post_id,
        body=row.body,
        officer=ref,
        unit_id=row.unit_id,
        created_at=row.created_at,
    ).model_dump(mode="json")


def _act(
    post_id: PathId,
    step: Step,
    *,
    request: Request,
    ctx: Ctx,
    viewer: Viewer,
    body: dict[str, Any] | None,
    if_match: str | None,
    idem_key: str | None,
    if_match_required: bool = True,
) -> JSONResponse:
    origin = officer_origin(request, viewer, idem_key)
    fp = idempotency.fingerprint("POST", request.url.path, body)
    guard = partial(check_if_match, if_match) if if_match_required or if_match else None

    def work(db: Session) -> Answer:
        post = _load_actionable(db, viewer, post_id)
        out = step(db, post, origin, utcnow(), guard)
        created = out.reply or out.note
        if created is not None:
            status, content = 201, _created(viewer, created)
        else:
            status, content = 200, listing.post_detail(db, post, viewer).model_dump(mode="json")
        return Answer(status, content, {"ETag": etag(post)})

    def current_etag(db: Session) -> dict[str, str]:
        current = db.get(Post, post_id)
        return {"ETag": etag(current)} if current is not None else {}

    principal = f"officer:{viewer.officer_id}"
    return run_once(ctx, principal, origin.idempotency_key, fp, work, replay_headers=current_etag)


@router.post(
    "/posts/{post_id}/accept",
    response_model=schemas.PostDetail,
    summary="Accept (claim) the post; 409 with `holder` when another officer has it",
    responses=_ACTION_ERRORS,
)
def accept(
    post_id: PathId,
    *,
    request: Request,
    ctx: Ctx,
    viewer: CurrentViewer,
    if_match: IfMatch = None,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    def step(db: Session, post: Post, o: Origin, now: datetime, guard: Guard | None) -> Outcome:
        return workflow.accept(db, post, o, now=now, guard=guard)

    return _act(
        post_id,
        step,
        ctx=ctx,
        request=request,
        viewer=viewer,
        body=None,
        if_match=if_match,
        idem_key=idempotency_key,
    )


@router.post(
    "/posts/{post_id}/transfer",
    response_model=schemas.PostDetail,
    summary="Transfer the post to another unit (new again there, fresh deadline)",
    responses=_ACTION_ERRORS,
)
def transfer(
    post_id: PathId,
    payload: schemas.TransferIn,
    *,
    request: Request,
    ctx: Ctx,
    viewer: CurrentViewer,
    if_match: IfMatch = None,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    def step(db: Session, post: Post, o: Origin, now: datetime, guard: Guard | None) -> Outcome:
        return workflow.transfer(
            db, post, o, unit_id=payload.unit_id, reason=payload.reason, now=now, guard=guard
        )

    return _act(
        post_id,
        step,
        ctx=ctx,
        request=request,
        viewer=viewer,
        body=payload.model_dump(),
        if_match=if_match,
        idem_key=idempotency_key,
    )


@router.post(
    "/posts/{post_id}/replies",
    response_model=schemas.ReplyOut,
    status_code=201,
    summary="Public reply (If-Match optional; Idempotency-Key recommended)",
    responses=_CREATE_ERRORS,
)
def add_reply(
    post_id: PathId,
    payload: schemas.BodyIn,
    *,
    request: Request,
    ctx: Ctx,
    viewer: CurrentViewer,
    if_match: IfMatch = None,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    limit = ctx.settings.max_body_chars

    def step(db: Session, post: Post, o: Origin, now: datetime, guard: Guard | None) -> Outcome:
        return workflow.reply(db, post, o, body=payload.body, now=now, max_chars=limit, guard=guard)

    return _act(
        post_id,
        step,
        ctx=ctx,
        request=request,
        viewer=viewer,
        body=payload.model_dump(),
        if_match=if_match,
        idem_key=idempotency_key,
        if_match_required=False,
    )


@router.post(
    "/posts/{post_id}/notes",
    response_model=schemas.NoteOut,
    status_code=201,
    summary="Internal note, never shown to citizens (If-Match optional)",
    responses=_CREATE_ERRORS,
)
def add_note(
    post_id: PathId,
    payload: schemas.BodyIn,
    *,
    request: Request,
    ctx: Ctx,
    viewer: CurrentViewer,
    if_match: IfMatch = None,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    limit = ctx.settings.max_body_chars

    def step(db: Session, post: Post, o: Origin, now: datetime, guard: Guard | None) -> Outcome:
        return workflow.add_note(
            db, post, o, body=payload.body, now=now, max_chars=limit, guard=guard
        )

    return _act(
        post_id,
        step,
        ctx=ctx,
        request=request,
        viewer=viewer,
        body=payload.model_dump(),
        if_match=if_match,
        idem_key=idempotency_key,
        if_match_required=False,
    )


@router.post(
    "/posts/{post_id}/close",
    response_model=schemas.PostDetail,
    summary="Resolve the post (办结) with a resolution",
    responses=_ACTION_ERRORS,
)
def close(
    post_id: PathId,
    payload: schemas.CloseIn,
    *,
    request: Request,
    ctx: Ctx,
    viewer: CurrentViewer,
    if_match: IfMatch = None,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    def step(db: Session, post: Post, o: Origin, now: datetime, guard: Guard | None) -> Outcome:
        out = workflow.close(db, post, o, resolution=payload.resolution, now=now, guard=guard)
        callbacks.after_close(db, post, ctx.settings, now)  # 回访, by the board's sampling rate
        return out

    return _act(
        post_id,
        step,
        ctx=ctx,
        request=request,
        viewer=viewer,
        body=payload.model_dump(),
        if_match=if_match,
        idem_key=idempotency_key,
    )


@router.post(
    "/posts/{post_id}/reopen",
    response_model=schemas.PostDetail,
    summary="Reopen a resolved post (archived posts are final)",
    responses=_ACTION_ERRORS,
)
def reopen(
    post_id: PathId,
    payload: schemas.ReopenIn | None = None,
    *,
    request: Request,
    ctx: Ctx,
    viewer: CurrentViewer,
    if_match: IfMatch = None,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    body = payload or schemas.ReopenIn()

    def step(db: Session, post: Post, o: Origin, now: datetime, guard: Guard | None) -> Outcome:
        return workflow.reopen(db, post, o, reason=body.reason, now=now, guard=guard)

    return _act(
        post_id,
        step,
        ctx=ctx,
        request=request,
        viewer=viewer,
        body=body.model_dump(),
        if_match=if_match,
        idem_key=idempotency_key,
    )


@router.post(
    "/posts/{post_id}/acknowledge",
    response_model=schemas.PostDetail,
    summary="Acknowledge a silent report (first wins; stops every console's alarm)",
    responses=_ACTION_ERRORS,
)
def acknowledge(
    post_id: PathId,
    *,
    request: Request,
    ctx: Ctx,
    viewer: CurrentViewer,
    if_match: IfMatch = None,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    def step(db: Session, post: Post, o: Origin, now: datetime, guard: Guard | None) -> Outcome:
        return workflow.acknowledge(db, post, o, now=now, guard=guard)

    return _act(
        post_id,
        step,
        ctx=ctx,
        request=request,
        viewer=viewer,
        body=None,
        if_match=if_match,
        idem_key=idempotency_key,
    )
