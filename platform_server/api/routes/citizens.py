"""Routes: finding a reporter's posts (the case pane's "their other posts")."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from platform_server import schemas
from platform_server.api.deps import Ctx, CurrentViewer, PathId
from platform_server.domain import listing, lookup

router = APIRouter(tags=["posts"])

_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": schemas.ErrorOut, "description": "Not logged in"},
    404: {"model": schemas.ErrorOut, "description": "No such citizen"},
    422: {"model": schemas.ErrorOut},
}


@router.get(
    "/citizens/{citizen_id}/posts",
    response_model=schemas.PostPage,
    summary="The author's posts, newest first, as far as the viewer may read them",
    responses=_ERRORS,
)
def citizen_posts(
    citizen_id: PathId,
    ctx: Ctx,
    viewer: CurrentViewer,
    *,
    limit: Annotated[int, Query(ge=1, le=listing.MAX_LIMIT)] = listing.DEFAULT_LIMIT,
    cursor: Annotated[
        str | None, Query(max_length=500, description="next_cursor of the previous page")
    ] = None,
) -> schemas.PostPage:
    with ctx.read() as db:
        lookup.citizen_exists(db, citizen_id)
        lq = listing.parse_list_query(db, viewer, citizen_id=citizen_id, limit=limit, cursor=cursor)
        return listing.list_posts(db, viewer, lq)
