"""Dashboard figures, each computed in SQL with aggregates over the scoped subset.

Definitions (the README's "Dashboard figures" section says the same for people):
- open: status new/accepted/in_progress; overdue: open and past `deadline_at`.
- "in the period" actions (accepted, transferred, resolved) come from timeline
  entries by the acting officer; replies from the replies table.
- first-response time: created → first public reply, over posts created in the
  period; resolution time: created → resolved, over posts resolved in the period.
- deadline compliance and 24-hour clearance count only posts of the period whose
  outcome is known ("decided"): resolved, or past the deadline / older than 24 h.
- the value of a "now" figure at the end of the previous period is reconstructed
  from timestamps: open(t) = open now − created after t + resolved after t.
Scope: admins see every unit, leaders the subtree of a unit in their own subtree,
duty officers only their own figures (`scope="self"`; asking for a unit is 403).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, or_, select
from sqlalchemy.orm import Session

from platform_server import stats_schemas as sch
from platform_server.errors import ApiError
from platform_server.models import OPEN_STATUSES, Board, Officer, Post, Rating, Unit
from platform_server.scope import Viewer, unit_subtree
from platform_server.stats_sql import (
    Spread,
    Window,
    histogram,
    seconds_between,
    share,
    sorted_durations,
    spread,
    spreads_by,
)

# Timeline action names written by the post routes; "closed" is accepted as a synonym.
ACCEPT_ACTIONS = ("accepted",)
TRANSFER_ACTIONS = ("transferred",)
RESOLVE_ACTIONS = ("resolved", "closed")

FIRST_RESPONSE_TARGET_S = 30 * 60.0
RESOLUTION_TARGET_S = 24 * 3600.0
FIRST_RESPONSE_EDGES = [300.0, 900.0, 1800.0, 3600.0, 7200.0, 14400.0, 28800.0, 86400.0]
RESOLUTION_EDGES = [3600.0, 4 * 3600.0, 8 * 3600.0, 86400.0, 2 * 86400.0, 3 * 86400.0, 7 * 86400.0]
SILENT_EDGES = [5.0, 10.0, 15.0, 20.0, 30.0, 60.0, 120.0]
DUE_SOON = timedelta(hours=2)
LIST_CAP = 50
UNHAPPY_CAP = 20


@dataclass(frozen=True)
class StatScope:
    """Whose figures: every unit, a unit subtree, or one officer's own."""

    kind: str  # "all" | "unit" | "self"
    unit_id: int | None
    unit_name: str
    unit_ids: frozenset[int]
    officer_id: int | None = None
    # Units whose silent reports a duty officer is alerted to (their own subtree).
    alert_unit_ids: frozenset[int] = frozenset()

    def posts(self) -> list[ColumnElement[bool]]:
        if self.kind == "self":
            return [Post.assignee_id == self.officer_id]
        if self.kind == "unit":
            return [Post.unit_id.in_(sorted(self.unit_ids))]
        return []

    def actors(self, col: Any) -> list[ColumnElement[bool]]:
        """Filter on an officer-id column: actions by officers in scope."""
        if self.kind == "self":
            return [col == self.officer_id]
        if self.kind == "unit":
            return [col.in_(select(Officer.id).where(Officer.unit_id.in_(sorted(self.unit_ids))))]
        return []


def resolve_scope(db: Session, viewer: Viewer, unit: int | None) -> StatScope:
    if not viewer.is_leader:
        if unit is not None:
            raise ApiError(403, "forbidden", "值班民警只能查看本人的统计数字，不能按单位查看。")
        return StatScope("self", None, viewer.name, frozenset(), viewer.officer_id, viewer.scope)
    if unit is None and viewer.is_admin:
        return StatScope("all", None, "全部单位", frozenset())
    unit_id = unit if unit is not None else viewer.unit_id
    row = db.get(Unit, unit_id)
    if row is None:
        raise ApiError(404, "unit_not_found", "没有这个单位，请刷新单位列表后再选。")
    if not viewer.in_scope(unit_id):
        raise ApiError(403, "forbidden", "只能查看本单位及下属单位的统计数字。")
    return StatScope("unit", unit_id, row.name, frozenset(unit_subtree(db, unit_id)))


def window_out(scope: StatScope, w: Window) -> sch.StatsWindow:
    return sch.StatsWindow(
        period=w.period,
        since=w.since,
        until=w.until,
        prev_since=w.prev_since,
        prev_until=w.prev_until,
        generated_at=w.now,
        scope=scope.kind,  # type: ignore[arg-type]
        unit_id=scope.unit_id,
        unit_name=scope.unit_name,
    )


def in_window(col: Any, w: Window) -> ColumnElement[bool]:
    return and_(col >= w.since, col < w.until)


def count_posts(db: Session, *where: ColumnElement[bool]) -> int:
    return int(db.scalar(select(func.count()).select_from(Post).where(*where)) or 0)


def _previous(w: Window) -> Window:
    step = w.until - w.prev_until
    return replace(
        w,
        since=w.prev_since,
        until=w.prev_until,
        prev_since=w.prev_since - step,
        prev_until=w.prev_until - step,
    )


# ---------------------------------------------------------------- "now" figures
def open_now(db: Session, scope: StatScope) -> int:
    return count_posts(db, Post.status.in_(OPEN_STATUSES), *scope.posts())


def closed_unresolved() -> ColumnElement[bool]:
    """Closed without a resolution: archived straight away (pinned notices and the like)."""
    return and_(Post.resolved_at.is_(None), Post.archived_at.is_not(None))


def closed_after(db: Session, scope: StatScope, t: datetime) -> int:
    """Posts closed (resolved, or archived unresolved) at or after t."""
    return count_posts(db, Post.resolved_at >= t, *scope.posts()) + count_posts(
        db, closed_unresolved(), Post.archived_at >= t, *scope.posts()
    )


def open_at(db: Session, scope: StatScope, t: datetime, now: datetime) -> int:
    """Open posts at instant t ≤ now (created before t, not closed before t).

    Reconstructed from the current count and what happened since, so it needs no
    history table: open(t) = open now − created at or after t + closed at or after t.
    A reopened post counts as open since it was posted (its earlier resolution time
    is not kept).
    """
    created_after = count_posts(db, Post.created_at >= t, Post.created_at <= now, *scope.posts())
    return max(0, open_now(db, scope) - created_after + closed_after(db, scope, t))


def overdue_at(db: Session, scope: StatScope, t: datetime) -> int:
    base = [Post.deadline_at < t, Post.created_at < t, *scope.posts()]
    # Index-friendly parts instead of one OR: still open, resolved at/after t, or
    # archived unresolved at/after t.
    return (
        count_posts(db, Post.resolved_at.is_(None), Post.archived_at.is_(None), *base)
        + count_posts(db, Post.resolved_at >= t, *base)
        + count_posts(db, closed_unresolved(), Post.archived_at >= t, *base)
    )


def overdue_now(db: Session, scope: StatScope, now: datetime) -> int:
    return count_posts(db, Post.status.in_(OPEN_STATUSES), Post.deadline_at < now, *scope.posts())


def _silent_filter(scope: StatScope) -> list[ColumnElement[bool]]:
    if scope.kind == "self":
        return [Post.acknowledged_by_id == scope.officer_id]
    return scope.posts()


def silent_unacknowledged_at(db: Session, scope: StatScope, t: datetime | None) -> int:
    """Unacknowledged silent reports now (t None) or at instant t.

    A duty officer sees the figure for the units they are alerted for, not "self":
    an unacknowledged report has no acknowledging officer yet.
    """
    where: list[ColumnElement[bool]] = [Post.kind == "silent_report"]
    if scope.kind == "self":
        where.append(Post.unit_id.in_(sorted(scope.alert_unit_ids)))
    else:
        where += scope.posts()
    if t is None:
        return count_posts(db, Post.acknowledged_at.is_(None), *where)
    return count_posts(
        db,
        Post.created_at < t,
        or_(Post.acknowledged_at.is_(None), Post.acknowledged_at >= t),
        *where,
    )


# ---------------------------------------------------------------- period figures
def created_in(db: Session, scope: StatScope, w: Window) -> int:
    return count_posts(db, in_window(Post.created_at, w), *scope.posts())


def resolved_in(db: Session, scope: StatScope, w: Window) -> int:
    return count_posts(db, in_window(Post.resolved_at, w), *scope.posts())


def first_response_spread(db: Session, scope: StatScope, w: Window) -> Spread:
    rows = sorted_durations(
        db, Post.created_at, Post.first_response_at, [in_window(Post.created_at, w), *scope.posts()]
    )
    return spread([r[0] for r in rows])


def resolution_spread(db: Session, scope: StatScope, w: Window) -> Spread:
    rows = sorted_durations(
        db, Post.created_at, Post.resolved_at, [in_window(Post.resolved_at, w), *scope.posts()]
    )
    return spread([r[0] for r in rows])


def satisfaction_avg(db: Session, scope: StatScope, w: Window) -> float | None:
    avg = db.scalar(
        select(func.avg(Rating.score))
        .join(Post, Post.id == Rating.post_id)
        .where(in_window(Rating.created_at, w), *scope.posts())
    )
    return None if avg is None else round(float(avg), 3)


def compliance(db: Session, scope: StatScope, w: Window) -> tuple[int, int]:
    """(decided, on time) among posts of the period that have a deadline."""
    decided = or_(Post.resolved_at.is_not(None), Post.deadline_at < w.now)
    on_time = and_(Post.resolved_at.is_not(None), Post.resolved_at <= Post.deadline_at)
    row = db.execute(
        select(func.count(), func.sum(case((on_time, 1), else_=0))).where(
            in_window(Post.created_at, w), Post.deadline_at.is_not(None), decided, *scope.posts()
        )
    ).one()
    return int(row[0] or 0), int(row[1] or 0)


def clearance(db: Session, scope: StatScope, w: Window) -> tuple[int, int]:
    """(decided, cleared within 24 h) among posts created in the period."""
    dur = seconds_between(db, Post.created_at, Post.resolved_at)
    decided = or_(Post.resolved_at.is_not(None), Post.created_at <= w.now - timedelta(days=1))
    row = db.execute(
        select(func.count(), func.sum(case((dur <= RESOLUTION_TARGET_S, 1), else_=0))).where(
            in_window(Post.created_at, w), decided, *scope.posts()
        )
    ).one()
    return int(row[0] or 0), int(row[1] or 0)


def silent_within(db: Session, scope: StatScope, w: Window) -> tuple[int, int, int, int]:
    """(reports, acknowledged, ≤ 15 s, ≤ 20 s) for silent reports made in the period."""
    dur = seconds_between(db, Post.created_at, Post.acknowledged_at)
    row = db.execute(
        select(
            func.count(),
            func.count(Post.acknowledged_at),
            func.sum(case((dur <= 15.0, 1), else_=0)),
            func.sum(case((dur <= 20.0, 1), else_=0)),
        ).where(Post.kind == "silent_report", in_window(Post.created_at, w), *_silent_filter(scope))
    ).one()
    return int(row[0] or 0), int(row[1] or 0), int(row[2] or 0), int(row[3] or 0)


# ---------------------------------------------------------------- endpoints' figures
def summary(db: Session, scope: StatScope, w: Window) -> sch.SummaryOut:
    p = _previous(w)

    def both(fn: Any) -> sch.Kpi:
        return sch.Kpi(value=fn(w), previous=fn(p))

    def compliance_rate(win: Window) -> float | None:
        decided, on_time = compliance(db, scope, win)
        return share(on_time, decided)

    def clearance_rate(win: Window) -> float | None:
        decided, cleared = clearance(db, scope, win)
        return share(cleared, decided)

    def silent_15s(win: Window) -> float | None:
        count, _acked, w15, _w20 = silent_within(db, scope, win)
        return share(w15, count)

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
        created=both(lambda win: created_in(db, scope, win)),
        resolved=both(lambda win: resolved_in(db, scope, win)),
        first_response_median_s=both(lambda win: first_response_spread(db, scope, win).median),
        resolution_median_s=both(lambda win: resolution_spread(db, scope, win).median),
        satisfaction_avg=both(lambda win: satisfaction_avg(db, scope, win)),
        deadline_compliance=both(compliance_rate),
        clearance_24h=both(clearance_rate),
        silent_within_15s=both(silent_15s),
    )


def clearance_out(db: Session, scope: StatScope, w: Window) -> sch.ClearanceOut:
    decided, cleared = clearance(db, scope, w)
    return sch.ClearanceOut(
        window=window_out(scope, w), decided=decided, cleared=cleared, rate=share(cleared, decided)
    )


def _spread_out(s: Spread) -> sch.SpreadOut:
    return sch.SpreadOut(count=s.count, mean_s=s.mean, median_s=s.median, p90_s=s.p90)


def _duration_stats(
    db: Session,
    end: Any,
    where: list[ColumnElement[bool]],
    edges: list[float],
    target: float,
) -> sch.DurationStats:
    boards = {b.id: (b.code, b.name) for b in db.scalars(select(Board))}
    units = {u.id: u.name for u in db.scalars(select(Unit))}
    rows = sorted_durations(db, Post.created_at, end, where, Post.board_id, Post.unit_id)
    values = [r[0] for r in rows]
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
    first = _duration_stats(
        db,
        Post.first_response_at,
        [in_window(Post.created_at, w), *scope.posts()],
        FIRST_RESPONSE_EDGES,
        FIRST_RESPONSE_TARGET_S,
    )
    resolution = _duration_stats(
        db,
        Post.resolved_at,
        [in_window(Post.resolved_at, w), *scope.posts()],
        RESOLUTION_EDGES,
        RESOLUTION_TARGET_S,
    )
    return sch.TimesOut(window=window_out(scope, w), first_response=first, resolution=resolution)


def satisfaction(db: Session, scope: StatScope, w: Window) -> sch.SatisfactionOut:
    where = [in_window(Rating.created_at, w), *scope.posts()]
    dist = [0] * 5
    rows = db.execute(
        select(Rating.score, func.count())
        .join(Post, Post.id == Rating.post_id)
        .where(*where)
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
        .where(Rating.score <= 2, *where)
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


def silent(db: Session, scope: StatScope, w: Window) -> sch.SilentOut:
    count, acked, w15, w20 = silent_within(db, scope, w)
    where = [Post.kind == "silent_report", in_window(Post.created_at, w), *_silent_filter(scope)]
    escalations = count_posts(db, Post.escalated_at.is_not(None), *where)
    acks = [r[0] for r in sorted_durations(db, Post.created_at, Post.acknowledged_at, where)]
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
