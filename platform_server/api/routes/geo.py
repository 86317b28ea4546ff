"""Routes: the city on a map — districts, the base map, open posts per district, nearby —
and likely duplicates with merge/unmerge (`domain.merging`, through the same action path
as every post action: Idempotency-Key, If-Match, audit, event).

A located post's district (`suggested_unit_id`) is set when it is created
(`domain.intake`).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Response

from platform_server import schemas
from platform_server.api.actions import Action, Call, load_actionable, register
from platform_server.api.deps import Ctx, CurrentViewer, PathId
from platform_server.domain import listing, merging, serialize
from platform_server.domain.posts import Outcome
from platform_server.errors import ApiError
from platform_server.geo import counts, districts, nearby, similar, triage
from platform_server.geo.schemas import (
    DistrictCountsOut,
    MergeIn,
    NearbyOut,
    NearbyPost,
    SimilarOut,
    SuggestionOut,
)

router = APIRouter(tags=["geo"])

_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": schemas.ErrorOut, "description": "Not logged in"},
    404: {"model": schemas.ErrorOut, "description": "No such post, or not readable by you"},
    422: {"model": schemas.ErrorOut, "description": "Invalid input"},
}


@router.get(
    "/geo/districts",
    summary="Station districts: a GeoJSON FeatureCollection (properties.unit_id)",
    responses=_ERRORS,
)
def get_districts(ctx: Ctx, _viewer: CurrentViewer) -> dict[str, Any]:
    with ctx.read() as db:
        return districts.districts_collection(db, ctx.settings.geo_file)


@router.get(
    "/geo/basemap",
    summary="The offline base map: city limits, river, main roads, stations (GeoJSON)",
    responses=_ERRORS,
)
def get_basemap(ctx: Ctx, _viewer: CurrentViewer) -> dict[str, Any]:
    with ctx.read() as db:
        return districts.basemap_collection(db, ctx.settings.geo_file)


@router.get(
    "/geo/open-counts",
    response_model=DistrictCountsOut,
    summary="Open posts per station district, as you may read them (the choropleth)",
    responses=_ERRORS,
)
def get_open_counts(ctx: Ctx, viewer: CurrentViewer) -> DistrictCountsOut:
    with ctx.read() as db:
        return counts.open_per_district(db, viewer)


@router.get(
    "/posts/{post_id}/nearby",
    response_model=NearbyOut,
    summary="Open posts near a located post, nearest first",
    responses=_ERRORS,
)
def get_nearby(
    post_id: PathId,
    ctx: Ctx,
    viewer: CurrentViewer,
    radius_m: Annotated[
        float, Query(gt=0, le=nearby.MAX_RADIUS_M, description="metres")
    ] = nearby.DEFAULT_RADIUS_M,
) -> NearbyOut:
    with ctx.read() as db:
        post = listing.load_readable(db, viewer, post_id)
        if post.lat is None or post.lon is None:
            raise ApiError(422, "not_located", "这条帖子没有位置信息，无法查找附近的帖子。")
        found = nearby.open_posts_near(db, viewer, post.lat, post.lon, radius_m, exclude=[post.id])
        rows = serialize.summaries(db, [p for p, _ in found], viewer)
        items = [
            NearbyPost(**row.model_dump(), distance_m=round(d, 1))
            for row, (_, d) in zip(rows, found, strict=True)
        ]
    return NearbyOut(radius_m=radius_m, items=items)


@router.get(
    "/posts/{post_id}/similar",
    response_model=list[SimilarOut],
    summary="Likely duplicates of a post, most likely first, each with the reason",
    responses=_ERRORS,
)
def get_similar(post_id: PathId, ctx: Ctx, viewer: CurrentViewer) -> list[SimilarOut]:
    with ctx.read() as db:
        post = listing.load_readable(db, viewer, post_id)
        found = similar.likely_duplicates(db, post, viewer)
        rows = serialize.summaries(db, [f.post for f in found], viewer)
        return [
            SimilarOut(
                id=f.post.id, score=f.score, reason=f.reason, reason_code=f.reason_code, post=row
            )
            for f, row in zip(found, rows, strict=True)
        ]


def _merge(a: Call) -> Outcome:
    master = load_actionable(a.db, a.viewer, a.body.into)
    return merging.merge(a.db, a.post, master, a.origin, now=a.now, guard=a.guard)


register(
    router,
    [
        Action(
            "merge",
            "merge",
            "Merge this post (a duplicate) under the master post `into`",
            MergeIn,
            _merge,
        ),
        Action(
            "unmerge",
            "unmerge",
            "Undo the merge of this duplicate: both posts as they were",
            None,
            lambda a: merging.unmerge(a.db, a.post, a.origin, now=a.now, guard=a.guard),
        ),
    ],
)


@router.get(
    "/posts/{post_id}/suggestion",
    response_model=SuggestionOut,
    summary="Board, unit and priority the platform's own history suggests (never applied); "
    "204 while the platform has too little handled history to learn from",
    responses={**_ERRORS, 204: {"description": "No suggestion yet (too little history)"}},
)
def get_suggestion(post_id: PathId, ctx: Ctx, viewer: CurrentViewer) -> Any:
    with ctx.read() as db:
        post = listing.load_readable(db, viewer, post_id)
        title, body = post.title, post.body
    trainer = ctx.extras.setdefault("triage", triage.Trainer())
    assert isinstance(trainer, triage.Trainer)
    model = trainer.current(ctx.db.reading)
    if model is None:
        return Response(status_code=204)
    g = model.suggest(title, body)
    return SuggestionOut(
        board=g.board,
        unit_id=g.unit_id,
        priority=g.priority,
        confidence=g.confidence,
        unit_confidence=g.unit_confidence,
        trained_at=model.trained_at,
        trained_on=model.trained_on,
    )
