"""Endpoint responses built from the figures in `platform_server.stats.measures`: the KPI summary,
response and resolution times, satisfaction, silent reports, 24-hour clearance.

Same scoping and definitions as `platform_server.stats.measures` (see its docstring). Each
period's posts are read once per figure family: one aggregate pass for the counts
and rates, one read of the duration column for the percentiles.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from platform_server.stats import schemas as sch
from platform_server.stats.cache import shared, window_key
from platform_server.stats.measures import (
    FIRST_RESPONSE_EDGES,
    FIRST_RESPONSE_TARGET_S,
    RESOLUTION_EDGES,
    RESOLUTION_TARGET_S,
    SILENT_EDGES,
    UNHAPPY_CAP,
    StatScope,
    clearance,
    count_posts,
    created_figures,
    in_window,
    open_at,
    open_now,
    overdue_at,
    overdue_now,
    previous_window,
    rated,
    satisfaction_avg,
    silent_filter,
    silent_unacknowledged_at,
    silent_within,
    window_out,
)
from platform_server.stats.sql import (
    Spread,
    Window,
    core_rows,
    histogram,
    share,
    sorted_durations,
    sorted_millis,
    spread,
    spreads_by,
)
from platform_server.storage.models import Board, Post, Rating, Unit


# ---------------------------------------------------------------- durations
def _span(scope: StatScope, w: Window, which: str) -> tuple[Any, list[ColumnElement[bool]]]:
    """The end column of first responses or resolutions, and the filter of the period's."""
    if which == "first":  # of posts created in the period
        return Post.first_response_at, [in_window(Post.created_at, w), *scope.posts(by_index=False)]
    # of posts resolved in the period
    return Post.resolved_at, [in_window(Post.resolved_at, w), *scope.posts(by_index=False)]


def durations(db: Session, scope: StatScope, w: Window, which: str) -> list[tuple[Any, ...]]:
    """(milliseconds, board id, unit id) of the period's first responses ("first") or
    resolutions ("resolution"), shortest first.

    Read once for both the KPI tiles and the times charts when they are asked for
    together (`stats.cache.shared`). Both ask for first responses before resolutions,
    so two requests waiting on each other's parts cannot wait in a circle.
    """
    end, where = _span(scope, w, which)
    return shared(
        ("durations", which, scope, window_key(w)),
        lambda: sorted_durations(db, Post.created_at, end, where, Post.board_id, Post.unit_id),
    )


def _values(rows: list[tuple[Any, ...]]) -> list[int]:
    return [r[0] for r in rows]


# ---------------------------------------------------------------- summary
def summary(db: Session, scope: StatScope, w: Window) -> sch.SummaryOut:
    """Every KPI tile, now or in the period, and the same for the previous period."""
    p = previous_window(w)
    made = [created_figures(db, scope, win) for win in (w, p)]

    def medians(which: str) -> list[Spread]:
        # The previous period's are for the tiles alone: just the durations.
        return [
            spread(_values(durations(db, scope, w, which))),
            spread(sorted_millis(db, Post.created_at, *_span(scope, p, which))),
        ]

    first = medians("first")
    # Posts resolved in a period are exactly those with a resolution time there.
    resolution = medians("resolution")
    silent = [silent_within(db, scope, win) for win in (w, p)]

    def kpi(values: list[Any]) -> sch.Kpi:
        return sch.Kpi(value=values[0], previous=values[1])

    return sch.SummaryOut(
        window=window_out(scope, w),
        open=sch.Kpi(value=open_now(db, scope), previous=open_at(db, scope, w.prev_until, w.now)),
        overdue=sch.Kpi(
            value=overdue_now(db, scope, w.now), previous=overdue_at(db, scope, w.prev_until)
        ),
        silent_unacknowledged=sch.Kpi(
            value=silent_unacknowledged_at(db, scope, None),
            previous=silent_unacknowledged_at(db, scope, w.prev_until),
        ),
        created=kpi([m.created for m in made]),
        resolved=kpi([r.count for r in resolution]),
        first_response_median_s=kpi([f.median for f in first]),
        resolution_median_s=kpi([r.median for r in resolution]),
        satisfaction_avg=kpi([satisfaction_avg(db, scope, win) for win in (w, p)]),
        deadline_compliance=kpi([share(m.on_time, m.decided) for m in made]),
        clearance_24h=kpi([share(m.cleared, m.settled) for m in made]),
        silent_within_15s=kpi([share(s[2], s[0]) for s in silent]),
    )


def clearance_out(db: Session, scope: StatScope, w: Window) -> sch.ClearanceOut:
    settled, cleared = clearance(db, scope, w)
    return sch.ClearanceOut(
        window=window_out(scope, w), decided=settled, cleared=cleared, rate=share(cleared, settled)
    )


# ---------------------------------------------------------------- times
def _spread_out(s: Spread) -> sch.SpreadOut:
    return sch.SpreadOut(count=s.count, mean_s=s.mean, median_s=s.median, p90_s=s.p90)


def _duration_stats(
    rows: list[tuple[Any, ...]],
    *,
    edges: list[float],
    target: float,
    names: tuple[dict[int, tuple[str, str]], dict[int, str]],
) -> sch.DurationStats:
    boards, units = names
    values = _values(rows)
    by_board = spreads_by(rows, 1)
    by_unit = spreads_by(rows, 2)
    return sch.DurationStats(
        overall=_spread_out(spread(values)),
        by_board=[
            sch.GroupSpread(key=boards[k][0], name=boards[k][1], **_spread_out(v).model_dump())
            for k, v in sorted(by_board.items(), key=lambda kv: -kv[1].count)
        ],
        by_unit=[
            sch.GroupSpread(
                key=str(k),
                name=units.get(k, "—") if k is not None else "未分派",
                **_spread_out(v).model_dump(),
            )
            for k, v in sorted(by_unit.items(), key=lambda kv: -kv[1].count)
        ],
        histogram=sch.Histogram(edges_s=edges, counts=histogram(values, edges)),
        target_s=target,
    )


def times(db: Session, scope: StatScope, w: Window) -> sch.TimesOut:
    names = (
        {
            bid: (code, name)
            for bid, code, name in core_rows(db, select(Board.id, Board.code, Board.name))
        },
        {uid: name for uid, name in core_rows(db, select(Unit.id, Unit.name))},
    )
    first = _duration_stats(
        durations(db, scope, w, "first"),
        edges=FIRST_RESPONSE_EDGES,
        target=FIRST_RESPONSE_TARGET_S,
        names=names,
    )
    resolution = _duration_stats(
        durations(db, scope, w, "resolution"),
        edges=RESOLUTION_EDGES,
        target=RESOLUTION_TARGET_S,
        names=names,
    )
    return sch.TimesOut(window=window_out(scope, w), first_response=first, resolution=resolution)


# ---------------------------------------------------------------- satisfaction
def satisfaction(db: Session, scope: StatScope, w: Window) -> sch.SatisfactionOut:
    dist = [0] * 5
    rows = db.execute(
        rated(select(Rating.score, func.count()), scope)
        .where(in_window(Rating.created_at, w))
        .group_by(Rating.score)
    ).all()
    for score, n in rows:
        if 1 <= score <= 5:
            dist[score - 1] = int(n)
    count = sum(dist)
    unhappy_rows = db.execute(
        select(
            Rating.post_id,
            Post.title,
            Rating.score,
            Rating.comment,
            Rating.created_at,
            Post.unit_id,
            Post.assignee_id,
        )
        .join(Post, Post.id == Rating.post_id)
        .where(Rating.score <= 2, in_window(Rating.created_at, w), *scope.posts(by_index=False))
        .order_by(Rating.created_at.desc(), Rating.id.desc())
        .limit(UNHAPPY_CAP)
    ).all()
    unhappy = dist[0] + dist[1]
    avg = sum((i + 1) * n for i, n in enumerate(dist)) / count if count else None
    return sch.SatisfactionOut(
        window=window_out(scope, w),
        count=count,
        average=None if avg is None else round(avg, 3),
        distribution=dist,
        unhappy_count=unhappy,
        unhappy_share=share(unhappy, count),
        unhappy=[
            sch.UnhappyItem(
                post_id=r[0],
                title=r[1],
                score=r[2],
                comment=r[3],
                rated_at=r[4],
                unit_id=r[5],
                assignee_id=r[6],
            )
            for r in unhappy_rows
        ],
    )


# ---------------------------------------------------------------- silent reports
def silent(db: Session, scope: StatScope, w: Window) -> sch.SilentOut:
    count, acked, w15, w20 = silent_within(db, scope, w)
    where = [Post.kind == "silent_report", in_window(Post.created_at, w), *silent_filter(scope)]
    escalations = count_posts(db, Post.escalated_at.is_not(None), *where)
    acks = sorted_millis(db, Post.created_at, Post.acknowledged_at, where)
    return sch.SilentOut(
        window=window_out(scope, w),
        count=count,
        acknowledged=acked,
        unacknowledged_now=silent_unacknowledged_at(db, scope, None),
        ack=_spread_out(spread(acks)),
        within_15s=w15,
        within_15s_share=share(w15, count),
        within_20s=w20,
        within_20s_share=share(w20, count),
        escalations=escalations,
        histogram=sch.Histogram(edges_s=SILENT_EDGES, counts=histogram(acks, SILENT_EDGES)),
    )
