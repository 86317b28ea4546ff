"""Routes: the officer side of posts — the queue, one post, and every action on it.

An action route parses the request, authorises it (the post is readable and in the
officer's scope) and calls the domain action (`platform_server.domain.posts`) in one
write transaction with its Idempotency-Key record: the change, its timeline entry,
its event and its audit record commit together or not at all.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session

from platform_server import schemas
from platform_server.api.actions import (
    ACTION_ERRORS,
    CREATE_ERRORS,
    ERRORS,
    act,
)
from platform_server.api.deps import (
    Ctx,
    CurrentViewer,
    IdempotencyKey,
    IfMatch,
    PathId,
    etag,
)
from platform_server.domain import callbacks, dispatch, listing, oversight
from platform_server.domain import posts as workflow
from platform_server.domain.origin import Origin
from platform_server.domain.posts import Guard, Outcome
from platform_server.schemas import MAX_DB_INT
from platform_server.storage.models import Post

router = APIRouter(tags=["posts"])


@router.get(
    "/posts",
    response_model=schemas.PostPage,
    summary="List posts the viewer may read (filters, sort, keyset paging)",
    responses={
        **ERRORS,
        403: {"model": schemas.ErrorOut, "description": "phone= by a role that may not"},
        422: {"model": schemas.ErrorOut},
    },
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
            "occurs literally in title or body; `#12345` is that case alone "
            "(the other filters do not apply)",
        ),
    ] = None,
    phone: Annotated[
        str | None,
        Query(
            max_length=30,
            description="the author's phone number (leaders and admins; others 403)",
        ),
    ] = None,
    overdue: Annotated[bool | None, Query(description="past deadline and still open")] = None,
    mentions_me: Annotated[bool, Query(description="posts that @ me or my unit")] = False,
    district: Annotated[
        int | None,
        Query(ge=1, le=MAX_DB_INT, description="located in this station's district (unit id)"),
    ] = None,
    ids: Annotated[
        str | None, Query(max_length=4000, description="comma list of post ids (a hotspot's)")
    ] = None,
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
            district=district,
            ids=ids,
            sort=sort,
            limit=limit,
            cursor=cursor,
            phone=phone,
        )
        return listing.list_posts(db, viewer, lq)


@router.get(
    "/posts/{post_id}",
    response_model=schemas.PostDetail,
    summary="One post in full, with an ETag of its version",
    responses={**ERRORS, 304: {"description": "If-None-Match is the current version"}},
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


@router.post(
    "/posts/{post_id}/accept",
    response_model=schemas.PostDetail,
    summary="Accept (claim) the post; 409 with `holder` when another officer has it",
    responses=ACTION_ERRORS,
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

    return act(
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
    summary="Dispatch the post to a lead unit (+ assisting units): new there, fresh "
    "deadline, waiting for its sign-for",
    responses=ACTION_ERRORS,
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
        return dispatch.dispatch(
            db,
            post,
            o,
            settings=ctx.settings,
            unit_id=payload.unit_id,
            reason=payload.reason,
            assist_unit_ids=payload.assist_unit_ids,
            now=now,
            guard=guard,
        )

    return act(
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
    responses=CREATE_ERRORS,
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

    return act(
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
    responses=CREATE_ERRORS,
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

    return act(
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
    responses=ACTION_ERRORS,
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
        out = oversight.close(
            db,
            post,
            o,
            viewer=viewer,
            resolution=payload.resolution,
            closure_code=payload.closure_code,
            now=now,
            guard=guard,
        )
        callbacks.after_close(db, post, ctx.settings, now)  # 回访, by the board's sampling rate
        return out

    return act(
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
    responses=ACTION_ERRORS,
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

    return act(
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
    "/posts/{post_id}/priority",
    response_model=schemas.PostDetail,
    summary="Set the priority: 1 紧急, 2 加急, 3 一般 (default), 4 低; the same value is a no-op",
    responses=ACTION_ERRORS,
)
def set_priority(
    post_id: PathId,
    payload: schemas.PriorityIn,
    *,
    request: Request,
    ctx: Ctx,
    viewer: CurrentViewer,
    if_match: IfMatch = None,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    def step(db: Session, post: Post, o: Origin, now: datetime, guard: Guard | None) -> Outcome:
        return workflow.set_priority(db, post, o, priority=payload.priority, now=now, guard=guard)

    return act(
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
    "/posts/{post_id}/acknowledge",
    response_model=schemas.PostDetail,
    summary="Acknowledge a silent report (first wins; stops every console's alarm); "
    "a report nobody holds is accepted for the acknowledging officer too",
    responses=ACTION_ERRORS,
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

    return act(
        post_id,
        step,
        ctx=ctx,
        request=request,
        viewer=viewer,
        body=None,
        if_match=if_match,
        idem_key=idempotency_key,
    )
