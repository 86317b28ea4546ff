"""Routes: the officer side of posts — the queue, one post, and every action on it.

Each action is declared once in `ACTIONS` (path, summary, body model, domain call);
`api.actions.register` builds its route: parse the request, authorise it (the post is
readable and in the officer's scope) and call the domain action in one write
transaction with its Idempotency-Key record, so the change, its timeline entry, its
event and its audit record commit together or not at all.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import JSONResponse

from platform_server import schemas
from platform_server.api.actions import ERRORS, Action, Call, load_for_note, register
from platform_server.api.deps import (
    Ctx,
    CurrentViewer,
    PathId,
    etag,
)
from platform_server.domain import callbacks, dispatch, listing, oversight
from platform_server.domain import posts as workflow
from platform_server.domain.posts import Outcome
from platform_server.schemas import MAX_DB_INT

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


def _close(a: Call) -> Outcome:
    body = a.body
    out = oversight.close(
        a.db,
        a.post,
        a.origin,
        viewer=a.viewer,
        resolution=body.resolution,
        closure_code=body.closure_code,
        now=a.now,
        guard=a.guard,
    )
    callbacks.after_close(a.db, a.post, a.ctx.settings, a.now)  # 回访, by the board's rate
    return out


ACTIONS = (
    Action(
        "accept",
        "accept",
        "Accept (claim) the post; 409 with `holder` when another officer has it",
        None,
        lambda a: workflow.accept(a.db, a.post, a.origin, now=a.now, guard=a.guard),
    ),
    Action(
        "transfer",
        "transfer",
        "Dispatch the post to a lead unit (+ assisting units): new there, fresh "
        "deadline, waiting for its sign-for",
        schemas.TransferIn,
        lambda a: dispatch.dispatch(
            a.db,
            a.post,
            a.origin,
            settings=a.ctx.settings,
            unit_id=a.body.unit_id,
            reason=a.body.reason,
            assist_unit_ids=a.body.assist_unit_ids,
            now=a.now,
            guard=a.guard,
        ),
    ),
    Action(
        "replies",
        "add_reply",
        "Public reply (If-Match optional; Idempotency-Key recommended)",
        schemas.BodyIn,
        lambda a: workflow.reply(
            a.db,
            a.post,
            a.origin,
            body=a.body.body,
            now=a.now,
            max_chars=a.ctx.settings.max_body_chars,
            guard=a.guard,
        ),
        creates=schemas.ReplyOut,
    ),
    Action(
        "notes",
        "add_note",
        "Internal note, never shown to citizens (If-Match optional)",
        schemas.BodyIn,
        lambda a: workflow.add_note(
            a.db,
            a.post,
            a.origin,
            body=a.body.body,
            now=a.now,
            max_chars=a.ctx.settings.max_body_chars,
            guard=a.guard,
        ),
        creates=schemas.NoteOut,
        load=load_for_note,
    ),
    Action("close", "close", "Resolve the post (办结) with a resolution", schemas.CloseIn, _close),
    Action(
        "reopen",
        "reopen",
        "Reopen a resolved post (archived posts are final)",
        schemas.ReopenIn,
        lambda a: workflow.reopen(
            a.db, a.post, a.origin, reason=a.body.reason, now=a.now, guard=a.guard
        ),
        optional_body=True,
    ),
    Action(
        "priority",
        "set_priority",
        "Set the priority: 1 紧急, 2 加急, 3 一般 (default), 4 低; the same value is a no-op",
        schemas.PriorityIn,
        lambda a: workflow.set_priority(
            a.db, a.post, a.origin, priority=a.body.priority, now=a.now, guard=a.guard
        ),
    ),
    Action(
        "acknowledge",
        "acknowledge",
        "Acknowledge a silent report (first wins; stops every console's alarm); "
        "a report nobody holds is accepted for the acknowledging officer too",
        None,
        lambda a: workflow.acknowledge(a.db, a.post, a.origin, now=a.now, guard=a.guard),
    ),
)
register(router, ACTIONS)
