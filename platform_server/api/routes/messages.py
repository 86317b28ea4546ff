"""Routes: private messages (私信) from the officer side.

`POST /posts/{id}/messages` writes to the post's author (If-Match optional, like a
reply; Idempotency-Key makes a retry safe); `POST /posts/{id}/messages/read` says an
officer handling the post has read the author's answers (the unread mark goes). The
conversation itself comes with the post (`GET /posts/{id}`: `messages`, for those who
may act on the post). The rules are in `platform_server.domain.messages`.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from sqlalchemy.orm import Session

from platform_server import schemas
from platform_server.api.actions import Action, load_actionable, register
from platform_server.api.deps import (
    Ctx,
    CurrentViewer,
    PathId,
    officer_origin,
)
from platform_server.domain import messages, serialize
from platform_server.domain.posts import Outcome
from platform_server.domain.scope import Viewer
from platform_server.storage.models import utcnow

router = APIRouter(tags=["messages"])

_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": schemas.ErrorOut, "description": "Not logged in"},
    403: {"model": schemas.ErrorOut, "description": "The post is outside your unit's scope"},
    404: {"model": schemas.ErrorOut, "description": "No such post, or not readable by you"},
    409: {
        "model": schemas.ErrorOut,
        "description": "claimed_by_other (with `holder`), illegal_transition (archived), "
        "no_private_channel (a post recorded from the hotline, an SMS, a letter or a visit)",
    },
    412: {"model": schemas.ErrorOut, "description": "If-Match given and not the current version"},
    422: {"model": schemas.ErrorOut, "description": "Invalid input, or idempotency_key_reused"},
}


def _created_message(db: Session, viewer: Viewer, out: Outcome) -> dict[str, Any] | None:
    row = out.message
    if row is None:
        return None
    refs = serialize.officer_refs(db, {viewer.officer_id})
    return schemas.MessageOut(
        id=row.id,
        post_id=row.post_id,
        sender="officer",
        body=row.body,
        officer=refs.get(viewer.officer_id),
        unit_id=row.unit_id,
        created_at=row.created_at,
        read_at=None,
    ).model_dump(mode="json")


register(
    router,
    [
        Action(
            "messages",
            "send_message",
            "Private message to the post's author only (私信), never on the public page",
            schemas.BodyIn,
            lambda a: messages.send(
                a.db,
                a.post,
                a.origin,
                body=a.body.body,
                now=a.now,
                max_chars=a.ctx.settings.max_body_chars,
                guard=a.guard,
            ),
            creates=schemas.MessageOut,
            created=_created_message,
            responses=_ERRORS,
        )
    ],
)


@router.post(
    "/posts/{post_id}/messages/read",
    response_model=schemas.PostSummary,
    summary="The author's private messages have been read (the unread mark goes)",
    responses=_ERRORS,
)
def messages_read(
    post_id: PathId, *, request: Request, ctx: Ctx, viewer: CurrentViewer
) -> schemas.PostSummary:
    origin = officer_origin(request, viewer, None)
    with ctx.write() as db:
        post = load_actionable(db, viewer, post_id)
        messages.officers_read(db, post, origin, utcnow())
        return serialize.summary(db, post, viewer)
