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
Every figure over a period reads a covering index on its time column (models.py:
ix_posts_created_figures, ix_posts_resolved_figures, ix_posts_silent_figures,
ix_ratings_created_score), never the posts table. The endpoint responses built from
these are in `stats.figures` and `stats.load`.
Scope: admins see every unit, leaders the subtree of a unit in their own subtree,
duty officers only their own figures (`scope="self"`; asking for a unit is 403).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, and_, case, func, or_, select
from sqlalchemy.orm import Session

from platform_server.domain.scope import Viewer, unit_subtree
from platform_server.errors import ApiError
from platform_server.stats import schemas as sch
from platform_server.stats.sql import (
    Window,
    millis_between,
    no_index_order,
)
from platform_server.storage.models import OPEN_STATUSES, Officer, Post, Rating, Unit

Sel = TypeVar("Sel", bound=Select[*tuple[Any, ...]])

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

    def posts(self, *, by_index: bool = True) -> list[ColumnElement[bool]]:
        """The filter on posts in scope.

        Figures over a time range pass ``by_index=False``: the range then drives the
        query through its covering index, instead of the planner taking the unit or
        assignee index and reading every post the unit ever had from the table.
        """
        if self.kind == "self":
            assignee = Post.assignee_id if by_index else no_index_order(Post.assignee_id)
            return [assignee == self.officer_id]
        if self.kind == "unit":
            unit = Post.unit_id if by_index else no_index_order(Post.unit_id)
            return [unit.in_(sorted(self.unit_ids))]
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


def count_if(cond: ColumnElement[bool]) -> ColumnElement[Any]:
    """How many rows of the aggregate meet `cond` (NULL when there are none)."""
    return func.sum(case((cond, 1), else_=0))


def previous_window(w: Window) -> Window:
    """The previous period as a window of its own (same `now`)."""
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
    where = scope.posts(by_index=False)
    return count_posts(db, Post.resolved_at >= t, *where) + count_posts(
        db, closed_unresolved(), Post.archived_at >= t, *where
    )


def open_at(db: Session, scope: StatScope, t: datetime, now: datetime) -> int:
    """Open posts at instant t ≤ now (created before t, not closed before t).

    Reconstructed from the current count and what happened since, so it needs no
    history table: open(t) = open now − created at or after t + closed at or after t.
    A reopened post counts as open since it was posted (its earlier resolution time
    is not kept).
    """
    created_after = count_posts(
        db, Post.created_at >= t, Post.created_at <= now, *scope.posts(by_index=False)
    )
    return max(0, open_now(db, scope) - created_after + closed_after(db, scope, t))


def overdue_at(db: Session, scope: StatScope, t: datetime) -> int:
    base = [Post.deadline_at < t, Post.created_at < t, *scope.posts(by_index=False)]
    # Index-friendly parts instead of one OR: still open, resolved at/after t, or
    # archived unresolved at/after t; each is read from ix_posts_resolved_figures alone.
    return (
        count_posts(db, Post.resolved_at.is_(None), Post.archived_at.is_(None), *base)
        + count_posts(db, Post.resolved_at >= t, *base)
        + count_posts(db, closed_unresolved(), Post.archived_at >= t, *base)
    )


def overdue_now(db: Session, scope: StatScope, now: datetime) -> int:
    return count_posts(db, Post.status.in_(OPEN_STATUSES), Post.deadline_at < now, *scope.posts())


def silent_filter(scope: StatScope) -> list[ColumnElement[bool]]:
    if scope.kind == "self":
        return [Post.acknowledged_by_id == scope.officer_id]
    return scope.posts(by_index=False)


def silent_unacknowledged_at(db: Session, scope: StatScope, t: datetime | None) -> int:
    """Unacknowledged silent reports now (t None) or at instant t.

    A duty officer sees the figure for the units they are alerted for, not "self":
    an unacknowledged report has no acknowledging officer yet.
    """
    where: list[ColumnElement[bool]] = [Post.kind == "silent_report"]
    if scope.kind == "self":
        where.append(no_index_order(Post.unit_id).in_(sorted(scope.alert_unit_ids)))
    else:
        where += scope.posts(by_index=False)
    if t is None:
        return count_posts(db, Post.acknowledged_at.is_(None), *where)
    return count_posts(
        db,
        Post.created_at < t,
        or_(Post.acknowledged_at.is_(None), Post.acknowledged_at >= t),
        *where,
    )


# ---------------------------------------------------------------- period figures
@dataclass(frozen=True)
class CreatedFigures:
    """What is known about the posts created in a period, from one pass over them."""

    created: int
    decided: int  # with a deadline, and resolved or past it
    on_time: int  # resolved on or before the deadline
    settled: int  # resolved, or posted more than 24 h ago
    cleared: int  # resolved within 24 h of being posted


def deadline_decided(w: Window) -> ColumnElement[bool]:
    return and_(
        Post.deadline_at.is_not(None), or_(Post.resolved_at.is_not(None), Post.deadline_at < w.now)
    )


def deadline_on_time() -> ColumnElement[bool]:
    return and_(Post.resolved_at.is_not(None), Post.resolved_at <= Post.deadline_at)


def _settled(w: Window) -> ColumnElement[bool]:
    return or_(Post.resolved_at.is_not(None), Post.created_at <= w.now - timedelta(days=1))


def _cleared(db: Session) -> ColumnElement[bool]:
    return millis_between(db, Post.created_at, Post.resolved_at) <= int(RESOLUTION_TARGET_S * 1000)


def created_figures(db: Session, scope: StatScope, w: Window) -> CreatedFigures:
    """Created, deadline compliance and 24-hour clearance counts in one index scan."""
    row = db.execute(
        select(
            func.count(),
            count_if(deadline_decided(w)),
            count_if(deadline_on_time()),
            count_if(_settled(w)),
            count_if(_cleared(db)),
        ).where(in_window(Post.created_at, w), *scope.posts(by_index=False))
    ).one()
    return CreatedFigures(*(int(v or 0) for v in row))


def rated(q: Sel, scope: StatScope) -> Sel:
    """A query over ratings narrowed to posts in scope.

    The city needs no join (the ratings index alone answers); a unit joins each
    rating of the period to its post, driven by the ratings' time range.
    """
    where = scope.posts(by_index=False)
    return q.join(Post, Post.id == Rating.post_id).where(*where) if where else q


def satisfaction_avg(db: Session, scope: StatScope, w: Window) -> float | None:
    avg = db.scalar(
        rated(select(func.avg(Rating.score)), scope).where(in_window(Rating.created_at, w))
    )
    return None if avg is None else round(float(avg), 3)


def compliance(db: Session, scope: StatScope, w: Window) -> tuple[int, int]:
    """(decided, on time) among posts of the period that have a deadline."""
    row = db.execute(
        select(count_if(deadline_decided(w)), count_if(deadline_on_time())).where(
            in_window(Post.created_at, w), *scope.posts(by_index=False)
        )
    ).one()
    return int(row[0] or 0), int(row[1] or 0)


def clearance(db: Session, scope: StatScope, w: Window) -> tuple[int, int]:
    """(settled, cleared within 24 h) among posts created in the period."""
    row = db.execute(
        select(count_if(_settled(w)), count_if(_cleared(db))).where(
            in_window(Post.created_at, w), *scope.posts(by_index=False)
        )
    ).one()
    return int(row[0] or 0), int(row[1] or 0)


def silent_within(db: Session, scope: StatScope, w: Window) -> tuple[int, int, int, int]:
    """(reports, acknowledged, ≤ 15 s, ≤ 20 s) for silent reports made in the period."""
    ms = millis_between(db, Post.created_at, Post.acknowledged_at)
    row = db.execute(
        select(
            func.count(),
            func.count(Post.acknowledged_at),
            count_if(ms <= 15_000),
            count_if(ms <= 20_000),
        ).where(Post.kind == "silent_report", in_window(Post.created_at, w), *silent_filter(scope))
    ).one()
    return int(row[0] or 0), int(row[1] or 0), int(row[2] or 0), int(row[3] or 0)
