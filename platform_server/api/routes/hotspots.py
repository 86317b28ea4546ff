"""Route: the hotspots (预警研判) in the caller's area (`domain.hotspots`)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from platform_server import schemas
from platform_server.api.deps import Ctx, CurrentViewer
from platform_server.domain import hotspots
from platform_server.geo.schemas import HotspotsOut

router = APIRouter(tags=["geo"])

_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": schemas.ErrorOut, "description": "Not logged in"},
    422: {"model": schemas.ErrorOut, "description": "Invalid input"},
}


@router.get(
    "/hotspots",
    summary="Detected spikes of similar posts in your area, newest first",
    responses=_ERRORS,
)
def get_hotspots(
    ctx: Ctx,
    viewer: CurrentViewer,
    active: Annotated[bool, Query(description="only those whose posts are still coming")] = False,
) -> HotspotsOut:
    with ctx.read() as db:
        return HotspotsOut(items=hotspots.list_hotspots(db, viewer, ctx.clock(), active=active))
