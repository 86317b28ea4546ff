"""Dashboard figures that come as tables: workload, volume and backlog, deadlines.

Same scoping and definitions as `platform_server.stats` (see its docstring).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.orm import Session

from platform_server import stats_schemas as sch
from platform_server.models import (
    OPEN_STATUSES,
    Board,
    Officer,
    Post,
    Reply,
    TimelineEntry,
    Unit,
)
from platform_server.stats import (
    ACCEPT_ACTIONS,
    DUE_SOON,
    LIST_CAP,
    RESOLVE_ACTIONS,
    TRANSFER_ACTIONS,
    StatScope,
    closed_after,
    closed_unresolved,
    compliance,
    count_posts,
    in_window,
    open_now,
    overdue_now,
    window_out,
)
from platform_server.stats_sql import Window, bj_day, bj_hour, no_index_order, rarely, share

_ACTION_FIELD = {
    **{a: "accepted" for a in ACCEPT_ACTIONS},
    **{a: "transferred" for a in TRANSFER_ACTIONS},
    **{a: "resolved" for a in RESOLVE_ACTIONS},
}
_FIELDS = ("accepted", "replied", "transferred", "resolved")


# ---------------------------------------------------------------- workload
def _action_counts(db: Session, scope: StatScope, w: Window) -> dict[int, dict[str, int]]:
    """Per acting officer: accepted / replied / transferred / resolved in the period."""
    out: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys(_FIELDS, 0))
    rows = db.execute(
        select(TimelineEntry.officer_id, TimelineEntry.action, func.count())
        .where(
            TimelineEntry.action.in_(list(_ACTION_FIELD)),
            in_window(TimelineEntry.at, w),
            TimelineEntry.officer_id.is_not(None),
            *scope.actors(TimelineEntry.officer_id),
        )
        .group_by(TimelineEntry.officer_id, TimelineEntry.action)
    ).all()
    for officer_id, action, n in rows:
        if officer_id is not None:
            out[officer_id][_ACTION_FIELD[action]] += int(n)
    replier = no_index_order(Reply.officer_id)
    for officer_id, n in db.execute(
        select(replier, func.count())
        .where(in_window(Reply.created_at, w), *scope.actors(Reply.officer_id))
        .group_by(replier)
    ).all():
        out[officer_id]["replied"] += int(n)
    return out


def workload(db: Session, scope: StatScope, w: Window) -> sch.WorkloadOut:
    overdue = case((Post.deadline_at < w.now, 1), else_=0)
    assigned: dict[int, tuple[int, int]] = {
        oid: (int(n), int(od or 0))
        for oid, n, od in db.execute(
            select(Post.assignee_id, func.count(), func.sum(overdue))
            .where(rarely(db, Post.status.in_(OPEN_STATUSES)), *scope.actors(Post.assignee_id))
            .group_by(Post.assignee_id)
        ).all()
        if oid is not None
    }
    actions = _action_counts(db, scope, w)

    officer_q = select(Officer).where(Officer.active.is_(True))
    if scope.kind == "self":
        officer_q = select(Officer).where(Officer.id == scope.officer_id)
    elif scope.kind == "unit":
        officer_q = officer_q.where(Officer.unit_id.in_(sorted(scope.unit_ids)))
    officers = []
    for o in db.scalars(officer_q):
        n_open, n_overdue = assigned.get(o.id, (0, 0))
        officers.append(
            sch.OfficerLoad(
                officer_id=o.id,
                badge=o.badge,
                name=o.name,
                unit_id=o.unit_id,
                on_duty=o.on_duty,
                open=n_open,
                overdue=n_overdue,
                **actions.get(o.id, dict.fromkeys(_FIELDS, 0)),
            )
        )
    officers.sort(key=lambda r: (-r.open, -r.overdue, -r.resolved, r.badge))
    return sch.WorkloadOut(
        window=window_out(scope, w), officers=officers, units=_unit_loads(db, scope, w, actions)
    )


def _unit_loads(
    db: Session, scope: StatScope, w: Window, actions: dict[int, dict[str, int]]
) -> list[sch.UnitLoad]:
    if scope.kind == "self":
        return []
    overdue = case((Post.deadline_at < w.now, 1), else_=0)
    per_unit = {
        uid: (int(n), int(a), int(od or 0))
        for uid, n, a, od in db.execute(
            select(Post.unit_id, func.count(), func.count(Post.assignee_id), func.sum(overdue))
            .where(rarely(db, Post.status.in_(OPEN_STATUSES)), *scope.posts())
            .group_by(Post.unit_id)
        ).all()
    }
    # Actions roll up to the unit the acting officer belongs to: sums of a few
    # hundred per-officer aggregates, not rows.
    unit_of: dict[int, int] = {
        oid: uid for oid, uid in db.execute(select(Officer.id, Officer.unit_id))
    }
    unit_actions: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys(_FIELDS, 0))
    for officer_id, counts in actions.items():
        for k, v in counts.items():
            unit_actions[unit_of.get(officer_id, -1)][k] += v
    unit_q = select(Unit)
    if scope.kind == "unit":
        unit_q = unit_q.where(Unit.id.in_(sorted(scope.unit_ids)))
    out = []
    for u in db.scalars(unit_q.order_by(Unit.id)):
        n_open, n_assigned, n_overdue = per_unit.get(u.id, (0, 0, 0))
        out.append(
            sch.UnitLoad(
                unit_id=u.id,
                name=u.name,
                kind=u.kind,
                parent_id=u.parent_id,
                open=n_open,
                assigned=n_assigned,
                overdue=n_overdue,
                **unit_actions.get(u.id, dict.fromkeys(_FIELDS, 0)),
            )
        )
    return out


# ---------------------------------------------------------------- volume and backlog
def volume(db: Session, scope: StatScope, w: Window) -> sch.VolumeOut:
    boards = {b.id: b for b in db.scalars(select(Board))}
    day, hour = bj_day(db, Post.created_at), bj_hour(db, Post.created_at)
    # One pass over the period's posts, grouped by (day, hour, board): at most
    # days × 24 × boards aggregate rows, from which the three breakdowns are summed.
    cells = db.execute(
        select(day, hour, Post.board_id, func.count())
        .where(in_window(Post.created_at, w), *scope.posts())
        .group_by(day, hour, Post.board_id)
    ).all()
    days = w.days()
    by_board: dict[int, int] = defaultdict(int)
    by_hour = [0] * 24
    day_boards: dict[str, dict[str, int]] = {d: {} for d in days}
    for d, h, bid, n in cells:
        by_board[bid] += n
        by_hour[int(h)] += n
        per_day = day_boards.setdefault(d, {})
        per_day[boards[bid].code] = per_day.get(boards[bid].code, 0) + n
    by_day = [
        sch.DayVolume(day=d, total=sum(day_boards[d].values()), by_board=day_boards[d])
        for d in days
    ]

    order = sorted(boards.values(), key=lambda b: (b.sort_order, b.id))
    return sch.VolumeOut(
        window=window_out(scope, w),
        total=sum(by_board.values()),
        by_board=[
            sch.BoardCount(board=b.code, name=b.name, count=by_board.get(b.id, 0)) for b in order
        ],
        by_hour=by_hour,
        by_day=by_day,
        backlog=backlog(db, scope, w, [v.total for v in by_day]),
    )


def backlog(
    db: Session, scope: StatScope, w: Window, created_per_day: list[int]
) -> list[sch.BacklogPoint]:
    """Open posts at the end of each day of the window.

    open(t) = open now − created at or after t + closed at or after t (see
    `stats.open_at`); per-day counts of both, summed from the newest day back, give
    every day's end at once.
    """
    days, ends = w.days(), w.day_ends()
    closed = dict.fromkeys(days, 0)
    for col, extra in ((Post.resolved_at, []), (Post.archived_at, [closed_unresolved()])):
        day = bj_day(db, col)
        for d, n in db.execute(
            select(day, func.count()).where(in_window(col, w), *extra, *scope.posts()).group_by(day)
        ).all():
            closed[d] += int(n)
    created_later = count_posts(
        db, Post.created_at >= w.until, Post.created_at <= w.now, *scope.posts()
    )
    closed_later = closed_after(db, scope, w.until)
    current = open_now(db, scope)
    points: list[sch.BacklogPoint] = []
    for i in range(len(days) - 1, -1, -1):
        open_then = max(0, current - created_later + closed_later)
        points.append(sch.BacklogPoint(day=days[i], at=ends[i], open=open_then))
        created_later += created_per_day[i]
        closed_later += closed[days[i]]
    points.reverse()
    return points


# ---------------------------------------------------------------- deadlines
def _due_items(db: Session, where: list[ColumnElement[bool]]) -> list[sch.DueItem]:
    rows = db.execute(
        select(
            Post.id,
            Post.title,
            Board.code.label("board"),
            Post.kind,
            Post.status,
            Post.unit_id,
            Post.assignee_id,
            Post.deadline_at,
        )
        .join(Board, Board.id == Post.board_id)
        .where(Post.status.in_(OPEN_STATUSES), *where)
        .order_by(Post.deadline_at, Post.id)
        .limit(LIST_CAP)
    ).all()
    return [sch.DueItem.model_validate(r._asdict()) for r in rows]


def deadlines(db: Session, scope: StatScope, w: Window) -> sch.DeadlinesOut:
    decided, on_time = compliance(db, scope, w)
    now: datetime = w.now
    soon = [Post.deadline_at >= now, Post.deadline_at < now + DUE_SOON, *scope.posts()]
    return sch.DeadlinesOut(
        window=window_out(scope, w),
        decided=decided,
        on_time=on_time,
        compliance=share(on_time, decided),
        overdue_count=overdue_now(db, scope, now),
        overdue=_due_items(db, [Post.deadline_at < now, *scope.posts()]),
        due_soon_count=count_posts(db, Post.status.in_(OPEN_STATUSES), *soon),
        due_soon=_due_items(db, soon),
        list_cap=LIST_CAP,
    )
