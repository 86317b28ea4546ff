"""Dashboard figures that come as tables: workload, volume and backlog, deadlines.

Same scoping and definitions as `platform_server.stats.measures` (see its docstring).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.orm import Session

from platform_server.stats import schemas as sch
from platform_server.stats.measures import (
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
from platform_server.stats.sql import Window, bj_day_hour, core_rows, rarely, share, utc_hour
from platform_server.storage.models import (
    OPEN_STATUSES,
    Board,
    Officer,
    Post,
    Reply,
    TimelineEntry,
    Unit,
)

_FIELDS = ("accepted", "replied", "transferred", "resolved")


# ---------------------------------------------------------------- workload
def _action_counts(db: Session, scope: StatScope, w: Window) -> dict[int, dict[str, int]]:
    """Per officer in scope: accepted / replied / transferred / resolved in the period.

    One row per officer, each count a range of ix_timeline_officer_action_at or
    ix_replies_officer_created: a few hundred index range counts instead of reading
    every action of the period and grouping it with a sort.
    """

    def timeline(actions: tuple[str, ...]) -> Any:
        return (
            select(func.count())
            .select_from(TimelineEntry)
            .where(
                TimelineEntry.officer_id == Officer.id,
                TimelineEntry.action.in_(actions),
                in_window(TimelineEntry.at, w),
            )
            .scalar_subquery()
        )

    replied = (
        select(func.count())
        .select_from(Reply)
        .where(Reply.officer_id == Officer.id, in_window(Reply.created_at, w))
        .scalar_subquery()
    )
    q = select(
        Officer.id,
        timeline(ACCEPT_ACTIONS),
        replied,
        timeline(TRANSFER_ACTIONS),
        timeline(RESOLVE_ACTIONS),
    )
    if scope.kind == "self":
        q = q.where(Officer.id == scope.officer_id)
    elif scope.kind == "unit":
        q = q.where(Officer.unit_id.in_(sorted(scope.unit_ids)))
    return {
        row[0]: {k: int(v or 0) for k, v in zip(_FIELDS, row[1:], strict=True)}
        for row in db.execute(q)
    }


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
    hour_key = utc_hour(db, Post.created_at)
    # One pass over the period's posts (a covering index range), grouped by UTC hour
    # and board: at most hours × boards rows, from which the Beijing day, Beijing
    # hour and board breakdowns are summed here.
    cells = core_rows(
        db,
        select(hour_key, Post.board_id, func.count())
        .where(in_window(Post.created_at, w), *scope.posts(by_index=False))
        .group_by(hour_key, Post.board_id),
    )
    days = w.days()
    by_board: dict[int, int] = defaultdict(int)
    by_hour = [0] * 24
    day_boards: dict[str, dict[str, int]] = {d: {} for d in days}
    for key, bid, n in cells:
        d, h = bj_day_hour(key)
        by_board[bid] += n
        by_hour[h] += n
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
    in_scope = scope.posts(by_index=False)
    # Resolved per day: one index range count per day (no sort, no date parsing).
    closed = [
        count_posts(db, Post.resolved_at >= start, Post.resolved_at < end, *in_scope)
        for start, end in zip([w.since, *ends[:-1]], ends, strict=True)
    ]
    # Archived without a resolution: few, grouped by hour in one query.
    hour_key = utc_hour(db, Post.archived_at)
    index = {d: i for i, d in enumerate(days)}
    for key, n in core_rows(
        db,
        select(hour_key, func.count())
        .where(closed_unresolved(), in_window(Post.archived_at, w), *in_scope)
        .group_by(hour_key),
    ):
        closed[index[bj_day_hour(key)[0]]] += int(n)
    created_later = count_posts(db, Post.created_at >= w.until, Post.created_at <= w.now, *in_scope)
    closed_later = closed_after(db, scope, w.until)
    current = open_now(db, scope)
    points: list[sch.BacklogPoint] = []
    for i in range(len(days) - 1, -1, -1):
        open_then = max(0, current - created_later + closed_later)
        points.append(sch.BacklogPoint(day=days[i], at=ends[i], open=open_then))
        created_later += created_per_day[i]
        closed_later += closed[i]
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
        # Drive by the few open posts and sort them: walking an index in deadline
        # order instead reads a million closed posts' rows to find fifty open ones.
        .where(rarely(db, Post.status.in_(OPEN_STATUSES)), *where)
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
