"""Running an officer's action on a post: one way for every action route.

`act` parses nothing itself: the route has parsed and validated the body. It loads
the post locked for update (readable, and in the officer's scope to act on), checks
If-Match through the guard it hands the domain step, and runs the step in one write
transaction with the request's Idempotency-Key record, so the change, its timeline
entry, its event and its audit record commit together or not at all; a repeated key
replays the first answer.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial
from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session

from platform_server import schemas
from platform_server.api.deps import (
    Ctx,
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


def load_actionable(db: Session, viewer: Viewer, post_id: int) -> Post:
    post = listing.load_readable(db, viewer, post_id, lock=True)
    if not viewer.may_act(post):
        raise ApiError(
            403,
            "forbidden",
            "这条帖子不在您所在单位的办理范围内，不能办理；如需协办请联系其所属单位。",
        )
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
    origin = officer_origin(request, viewer, idem_key)
    fp = idempotency.fingerprint("POST", request.url.path, body)
    guard = partial(check_if_match, if_match) if if_match_required or if_match else None

    def work(db: Session) -> Answer:
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

    principal = f"officer:{viewer.officer_id}"
    return run_once(ctx, principal, origin.idempotency_key, fp, work, replay_headers=current_etag)
