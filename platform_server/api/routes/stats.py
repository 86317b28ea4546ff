"""Routes: dashboard statistics (`GET /api/v1/stats/...`).

Every endpoint takes `period` (today | shift | 7d | 30d | custom with `since` and
`until`, ISO 8601 UTC) and `unit` (a unit id; its subtree is included). Leaders and
admins see units in their own subtree (admins: everything; without `unit` an admin
gets every unit, a leader their own unit); a duty officer gets their own figures and
403 for `unit`. Figures and definitions: `platform_server.stats.measures`. Responses are
cached while no event is recorded, for at most the current minute
(`platform_server.stats.cache` states the freshness rule).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Annotated, TypeVar

from fastapi import APIRouter, Depends, Query
from sqlalchemy.orm import Session

from platform_server.api.deps import AppContext, Ctx, CurrentViewer
from platform_server.schemas import MAX_DB_INT, ErrorOut
from platform_server.stats import callbacks as callback_figures
from platform_server.stats import figures, load, measures, ranking, tiles
from platform_server.stats import schemas as sch
from platform_server.stats.cache import (
    MAX_ENTRIES,
    MAX_PARTS,
    FigureCache,
    last_seq,
    sharing,
    window_key,
)
from platform_server.stats.columns import PostColumns
from platform_server.stats.measures import StatScope
from platform_server.stats.sql import Period, Window, resolve_period
from platform_server.storage.models import utcnow

router = APIRouter(
    prefix="/stats",
    tags=["stats"],
    responses={
        401: {"model": ErrorOut},
        403: {"model": ErrorOut, "description": "unit outside the viewer's scope"},
        404: {"model": ErrorOut, "description": "no such unit"},
        422: {"model": ErrorOut, "description": "invalid period"},
    },
)

T = TypeVar("T")


class StatsQuery:
    """The query parameters every stats endpoint shares."""

    def __init__(
        self,
        period: Annotated[
            Period,
            Query(
                description="today and day buckets use Beijing (UTC+8) days; "
                "shift: since 08:00 or 20:00 Beijing"
            ),
        ] = "today",
        since: Annotated[
            datetime | None,
            Query(description="only with period=custom (422 otherwise); ISO 8601 UTC, inclusive"),
        ] = None,
        until: Annotated[
            datetime | None,
            Query(description="only with period=custom (422 otherwise); ISO 8601 UTC, exclusive"),
        ] = None,
        unit: Annotated[
            int | None, Query(ge=1, le=MAX_DB_INT, description="unit id; its subtree is included")
        ] = None,
    ) -> None:
        self.period = period
        self.since = since
        self.until = until
        self.unit = unit


Params = Annotated[StatsQuery, Depends()]


def _caches(ctx: AppContext) -> tuple[FigureCache, FigureCache]:
    """The running server's stats responses, and the parts endpoints share."""
    caches = ctx.extras.get("stats_caches")
    if caches is None:
        caches = ctx.extras.setdefault(
            "stats_caches", (FigureCache(MAX_ENTRIES), FigureCache(MAX_PARTS))
        )
    assert isinstance(caches, tuple)
    return caches


def post_columns(ctx: AppContext) -> PostColumns:
    """The running server's columnar copy of the posts for the KPI tiles."""
    cols = ctx.extras.get("post_columns")
    if cols is None:
        cols = ctx.extras.setdefault("post_columns", PostColumns(ctx.read, last_seq))
    assert isinstance(cols, PostColumns)
    return cols


def _figure(
    ctx: Ctx,
    viewer: CurrentViewer,
    q: StatsQuery,
    fn: Callable[[Session, StatScope, Window], T],
) -> T:
    window = resolve_period(q.period, q.since, q.until, utcnow())
    responses, parts = _caches(ctx)
    with ctx.read() as db:
        scope = measures.resolve_scope(db, viewer, q.unit)
        # The seq is read in the same read transaction as the figures, so a cached
        # response always matches the event log position it is filed under.
        seq = last_seq(db)
        key = (fn.__module__, fn.__name__, scope, window_key(window))
        with sharing(parts, seq):
            return responses.get_or_compute(key, seq, lambda: fn(db, scope, window))


@router.get("/summary", response_model=sch.SummaryOut)
def summary(ctx: Ctx, viewer: CurrentViewer, q: Params) -> sch.SummaryOut:
    """KPI tiles: each figure now / in the period, and for the previous period."""
    cols = post_columns(ctx)

    def kpi_tiles(db: Session, scope: StatScope, window: Window) -> sch.SummaryOut:
        # Brought up to this request's event log position, and held while computing.
        with cols.current(db, last_seq(db), wait=False) as c:
            if c is None:  # still loading (seconds at a million posts, once per process)
                return figures.summary(db, scope, window)
            return tiles.summary(c, scope, window)

    return _figure(ctx, viewer, q, kpi_tiles)


@router.get("/workload", response_model=sch.WorkloadOut)
def workload(ctx: Ctx, viewer: CurrentViewer, q: Params) -> sch.WorkloadOut:
    """Per officer and per unit: open and overdue now, actions in the period."""
    return _figure(ctx, viewer, q, load.workload)


@router.get("/volume", response_model=sch.VolumeOut)
def volume(ctx: Ctx, viewer: CurrentViewer, q: Params) -> sch.VolumeOut:
    """Posts by board, Beijing hour and day; open backlog at each day's end."""
    return _figure(ctx, viewer, q, load.volume)


@router.get("/times", response_model=sch.TimesOut)
def times(ctx: Ctx, viewer: CurrentViewer, q: Params) -> sch.TimesOut:
    """First-response and resolution times: median, p90, by board and unit, histogram."""
    return _figure(ctx, viewer, q, figures.times)


@router.get("/deadlines", response_model=sch.DeadlinesOut)
def deadlines(ctx: Ctx, viewer: CurrentViewer, q: Params) -> sch.DeadlinesOut:
    """Deadline compliance, and what is overdue or due within two hours."""
    return _figure(ctx, viewer, q, load.deadlines)


@router.get("/satisfaction", response_model=sch.SatisfactionOut)
def satisfaction(ctx: Ctx, viewer: CurrentViewer, q: Params) -> sch.SatisfactionOut:
    """Citizens' ratings: average, distribution 1–5, unhappy ones with their comments."""
    return _figure(ctx, viewer, q, figures.satisfaction)


@router.get("/silent", response_model=sch.SilentOut)
def silent(ctx: Ctx, viewer: CurrentViewer, q: Params) -> sch.SilentOut:
    """Silent reports: acknowledgement times against the 15 s / 20 s standard."""
    return _figure(ctx, viewer, q, figures.silent)


@router.get("/clearance", response_model=sch.ClearanceOut)
def clearance(ctx: Ctx, viewer: CurrentViewer, q: Params) -> sch.ClearanceOut:
    """The 24-hour clearance rate of posts created in the period."""
    return _figure(ctx, viewer, q, figures.clearance_out)


@router.get("/callbacks", response_model=callback_figures.CallbacksOut)
def callbacks(ctx: Ctx, viewer: CurrentViewer, q: Params) -> callback_figures.CallbacksOut:
    """Callbacks (回访): coverage, satisfaction from callbacks and from ratings, the unhappy."""
    return _figure(ctx, viewer, q, callback_figures.callbacks)


@router.get("/units", response_model=ranking.UnitRankingOut)
def units(ctx: Ctx, viewer: CurrentViewer, q: Params) -> ranking.UnitRankingOut:
    """Per-unit ranking: 签收及时率, 按期办结率, 回退率, 延期率, 满意率 (leaders; 403 otherwise)."""
    return _figure(ctx, viewer, q, ranking.unit_ranking)
