"""Running an officer's action on a post: one way for every action route.

`act` parses nothing itself: the route has parsed and validated the body. It loads
the post locked for update (readable, and in the officer's scope to act on), checks
If-Match through the guard it hands the domain step, and runs the step in one write
transaction with the request's Idempotency-Key record, so the change, its timeline
entry, its event and its audit record commit together or not at all; a repeated key
replays the first answer.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel
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
from platform_server.domain import idempotency, listing
from platform_server.domain.origin import Origin
from platform_server.domain.posts import Guard, Outcome
from platform_server.domain.scope import Viewer
from platform_server.errors import ApiError
from platform_server.storage.models import Post

ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": schemas.ErrorOut, "description": "Not logged in"},
    404: {"model": schemas.ErrorOut, "description": "No such post, or not readable by you"},
}
CREATE_ERRORS: dict[int | str, dict[str, Any]] = {
    **ERRORS,
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
ACTION_ERRORS: dict[int | str, dict[str, Any]] = {
    **CREATE_ERRORS,
    412: {
        "model": schemas.ErrorOut,
        "description": "stale_version: If-Match is not the current version (the answer "
        "carries `current_version` and the current ETag)",
    },
    428: {"model": schemas.ErrorOut, "description": "precondition_required: If-Match missing"},
}


Step = Callable[[Session, Post, Origin, datetime, Guard | None], Outcome]
Loader = Callable[[Session, Viewer, int], Post]
Created = Callable[[Session, Viewer, Outcome], dict[str, Any] | None]


OUT_OF_SCOPE = "这条帖子不在您所在单位的办理范围内，不能办理；如需协办请联系其所属单位。"


def load_actionable(db: Session, viewer: Viewer, post_id: int) -> Post:
    post = listing.load_readable(db, viewer, post_id, lock=True)
    if not viewer.may_act(post):
        raise ApiError(403, "forbidden", OUT_OF_SCOPE)
    return post


def load_for_note(db: Session, viewer: Viewer, post_id: int) -> Post:
    """As `load_actionable`, and an assisting unit (协办) records its part in a note."""
    post = listing.load_readable(db, viewer, post_id, lock=True)
    if not viewer.may_read_notes(post):
        raise ApiError(403, "forbidden", OUT_OF_SCOPE)
    return post


def created_reply(db: Session, viewer: Viewer, out: Outcome) -> dict[str, Any] | None:
    """The reply or note the action wrote (answered with 201), or None (200, the post)."""
    row = out.reply or out.note
    if row is None:
        return None
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


def officer_once(
    request: Request,
    ctx: Ctx,
    viewer: Viewer,
    idem_key: str | None,
    body: BaseModel | dict[str, Any] | None,
    work: Callable[[Session, Origin], Answer],
    *,
    replay_headers: Callable[[Session], dict[str, str]] | None = None,
) -> JSONResponse:
    """An officer's write, once per Idempotency-Key: `work(db, origin)` in one write
    transaction with the key's record; a retry with the same body gets the first answer,
    with another body a 422 (`run_once`)."""
    origin = officer_origin(request, viewer, idem_key)
    data = body.model_dump(mode="json") if isinstance(body, BaseModel) else body
    fp = idempotency.fingerprint("POST", request.url.path, data)
    principal = f"officer:{viewer.officer_id}"
    return run_once(
        ctx,
        principal,
        origin.idempotency_key,
        fp,
        lambda db: work(db, origin),
        replay_headers=replay_headers,
    )


def act(
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
    load: Loader = load_actionable,
    created: Created = created_reply,
) -> JSONResponse:
    guard = partial(check_if_match, if_match) if if_match_required or if_match else None

    def work(db: Session, origin: Origin) -> Answer:
        post = load(db, viewer, post_id)
        out = step(db, post, origin, ctx.clock(), guard)
        row = created(db, viewer, out)
        if row is not None:
            status, content = 201, row
        else:
            status, content = 200, listing.post_detail(db, post, viewer).model_dump(mode="json")
        return Answer(status, content, {"ETag": etag(post)})

    def current_etag(db: Session) -> dict[str, str]:
        current = db.get(Post, post_id)
        return {"ETag": etag(current)} if current is not None else {}

    return officer_once(request, ctx, viewer, idem_key, body, work, replay_headers=current_etag)


# ---------------------------------------------------------------- declared actions
@dataclass(frozen=True)
class Call:
    """What a declared action's domain call gets: the locked post and the request's parts."""

    db: Session
    post: Post
    origin: Origin
    now: datetime
    guard: Guard | None
    body: Any  # the parsed body model, or None for actions without one
    ctx: Any  # the request context (settings, clock)
    viewer: Viewer


@dataclass(frozen=True)
class Action:
    """One post action, declared once: `POST /posts/{post_id}/<path>`.

    `run` is the domain call. An action that writes a reply, note or message (`creates`:
    its response model) answers 201 with it and takes If-Match as optional; every other
    action answers 200 with the post and requires If-Match. `optional_body`: the body
    may be left out and then means `body()` (reopen without a reason).
    """

    path: str
    name: str  # the endpoint's name (the OpenAPI operation)
    summary: str
    body: type[BaseModel] | None
    run: Callable[[Call], Outcome]
    load: Loader | None = None
    creates: type[BaseModel] | None = None
    created: Created = created_reply
    optional_body: bool = False
    responses: dict[int | str, dict[str, Any]] | None = None


def register(router: APIRouter, actions: Sequence[Action]) -> None:
    """Add each action's route to `router`: parse, authorise, `act`."""
    for action in actions:
        _register(router, action)


def _register(router: APIRouter, action: Action) -> None:
    def endpoint(**kw: Any) -> JSONResponse:
        payload: BaseModel | None = kw.get("payload")
        if payload is None and action.optional_body and action.body is not None:
            payload = action.body()
        ctx, viewer = kw["ctx"], kw["viewer"]

        def step(db: Session, post: Post, o: Origin, now: datetime, guard: Guard | None) -> Outcome:
            return action.run(Call(db, post, o, now, guard, payload, ctx, viewer))

        return act(
            kw["post_id"],
            step,
            request=kw["request"],
            ctx=ctx,
            viewer=viewer,
            body=payload.model_dump(mode="json") if payload is not None else None,
            if_match=kw["if_match"],
            idem_key=kw["idempotency_key"],
            if_match_required=action.creates is None,
            load=action.load or load_actionable,
            created=action.created,
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
        if action.optional_body:
            body = inspect.Parameter(
                "payload", kw_only, annotation=action.body | None, default=None
            )
        else:
            body = inspect.Parameter("payload", kw_only, annotation=action.body)
        params.insert(1, body)
    endpoint.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    endpoint.__name__ = endpoint.__qualname__ = action.name
    default_errors = CREATE_ERRORS if action.creates is not None else ACTION_ERRORS
    router.post(
        f"/posts/{{post_id}}/{action.path}",
        response_model=action.creates or schemas.PostDetail,
        status_code=201 if action.creates is not None else 200,
        summary=action.summary,
        responses=action.responses or default_errors,
    )(endpoint)
