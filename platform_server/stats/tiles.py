"""The KPI tiles (`/stats/summary`) from the posts' columnar copy (`stats.columns`).

Each figure follows the definition in `platform_server.stats.measures` word for word,
with SQL's NULL rules spelled out (`has`): a comparison with a missing time is false.
`tests/server/stats/test_tiles.py` checks every tile against the SQL figures of the
same definitions on the demo city, for every scope and period.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from platform_server.stats import schemas as sch
from platform_server.stats.columns import NONE, PostColumns, has, us
from platform_server.stats.measures import (
    RESOLUTION_TARGET_S,
    StatScope,
    previous_window,
    window_out,
)
from platform_server.stats.sql import Window, share, spread_of

Ids = NDArray[np.int64]
DAY_US = 86_400 * 1_000_000
EVER = np.iinfo(np.int64).max  # the open end of "at or after t"
CLEARED_MS = int(RESOLUTION_TARGET_S * 1000)


class _Scoped:
    """Narrows sets of post ids to the scope: posts, silent reports, alerting units."""

    def __init__(self, c: PostColumns, scope: StatScope) -> None:
        self.c, self.scope = c, scope
        self._units = np.fromiter(scope.unit_ids, dtype=np.int32, count=len(scope.unit_ids))
        self._alerts = np.fromiter(
            scope.alert_unit_ids, dtype=np.int32, count=len(scope.alert_unit_ids)
        )

    def posts(self, ids: Ids) -> Ids:
        c, kind = self.c, self.scope.kind
        keep = c.exists[ids]
        if kind == "self":
            keep &= c.assignee[ids] == self.scope.officer_id
        elif kind == "unit":
            keep &= np.isin(c.unit[ids], self._units)
        return ids[keep]

    def silent(self, ids: Ids) -> Ids:
        """Silent reports among ids, as `measures.silent_filter` scopes them."""
        c = self.c
        ids = ids[c.silent[ids]]
        if self.scope.kind == "self":
            return ids[c.exists[ids] & (c.acknowledged_by[ids] == self.scope.officer_id)]
        return self.posts(ids)

    def alerting(self, ids: Ids) -> Ids:
        """Silent reports among ids that alert the scope (a duty officer: their units)."""
        c = self.c
        ids = ids[c.silent[ids]]
        if self.scope.kind == "self":
            return ids[c.exists[ids] & np.isin(c.unit[ids], self._alerts)]
        return self.posts(ids)


class _Period:
    """The period figures of one window."""

    def __init__(self, s: _Scoped, w: Window, resolved_ids: Ids, rated_ids: Ids) -> None:
        c = s.c
        now, since, until = us(w.now), us(w.since), us(w.until)
        made = c.between("created", since, until)
        ids = s.posts(made)
        self.created = len(ids)
        cr, rs, dl = c.created[ids], c.resolved[ids], c.deadline[ids]
        resolved, deadline = has(rs), has(dl)
        # deadline compliance and 24-hour clearance: posts whose outcome is known
        decided = deadline & (resolved | (dl < now))
        on_time = resolved & deadline & (rs <= dl)
        settled = resolved | (cr <= now - DAY_US)
        cleared = resolved & (c.millis(rs, cr) <= CLEARED_MS)
        self.compliance = share(int(on_time.sum()), int(decided.sum()))
        self.clearance = share(int(cleared.sum()), int(settled.sum()))
        fr = c.first_response[ids]
        first = has(fr)
        self.first = spread_of(c.millis(fr[first], cr[first]))
        closed = resolved_ids[
            (c.resolved[resolved_ids] >= since) & (c.resolved[resolved_ids] < until)
        ]
        self.resolution = spread_of(c.millis(c.resolved[closed], c.created[closed]))
        rated = rated_ids[(c.rated[rated_ids] >= since) & (c.rated[rated_ids] < until)]
        scores = c.score[rated]
        self.satisfaction = round(float(scores.mean()), 3) if scores.size else None
        silent = s.silent(made)
        ack = c.acknowledged[silent]
        within = has(ack) & (c.millis(ack, c.created[silent]) <= 15_000)
        self.silent_within_15s = share(int(within.sum()), len(silent))


def _open_at(s: _Scoped, open_now: int, unresolved: Ids, t: int, now: int) -> int:
    """measures.open_at: open now − created at/after t + closed at/after t."""
    c = s.c
    created_after = len(s.posts(c.between("created", t, now + 1)))
    resolved_after = len(s.posts(c.between("resolved", t, EVER)))
    archived_after = int((c.archived[unresolved] >= t).sum())  # NONE: never archived
    return max(0, open_now - created_after + resolved_after + archived_after)


def _overdue_at(s: _Scoped, unresolved: Ids, t: int) -> int:
    """measures.overdue_at: past the deadline at t, not closed before t."""
    c = s.c
    closing = c.between("resolved", t, EVER)  # resolved at or after t
    ids = s.posts(np.concatenate([unresolved, closing]))
    dl = c.deadline[ids]
    base = has(dl) & (dl < t) & (c.created[ids] < t)
    arch = c.archived[ids]
    still = ~has(c.resolved[ids]) & (~has(arch) | (arch >= t))  # open, or archived at/after t
    return int((base & (still | (c.resolved[ids] >= t))).sum())


def _unacknowledged(s: _Scoped, reports: Ids, t: int | None) -> int:
    c = s.c
    ack = c.acknowledged[reports]
    if t is None:
        return int((~has(ack)).sum())
    return int(((c.created[reports] < t) & (~has(ack) | (ack >= t))).sum())


def summary(c: PostColumns, scope: StatScope, w: Window) -> sch.SummaryOut:
    """Every KPI tile, now or in the period, and the same for the previous period."""
    s = _Scoped(c, scope)
    p = previous_window(w)
    earliest, latest = us(p.since), us(w.until)
    resolved_ids = s.posts(c.between("resolved", earliest, latest))
    rated_ids = s.posts(c.between("rated", earliest, latest))
    cur, prev = _Period(s, w, resolved_ids, rated_ids), _Period(s, p, resolved_ids, rated_ids)
    now, then = us(w.now), us(w.prev_until)
    unresolved = s.posts(c.between("resolved", NONE, NONE + 1))
    open_ids = s.posts(c.between("open", 1, 2))
    open_now = len(open_ids)
    dl = c.deadline[open_ids]
    overdue_now = int((has(dl) & (dl < now)).sum())
    reports = s.alerting(c.between("silent", 1, 2))

    def kpi(value: Any, previous: Any) -> sch.Kpi:
        return sch.Kpi(value=value, previous=previous)

    def pair(name: str) -> sch.Kpi:
        return kpi(getattr(cur, name), getattr(prev, name))

    return sch.SummaryOut(
        window=window_out(scope, w),
        open=kpi(open_now, _open_at(s, open_now, unresolved, then, now)),
        overdue=kpi(overdue_now, _overdue_at(s, unresolved, then)),
        silent_unacknowledged=kpi(
            _unacknowledged(s, reports, None), _unacknowledged(s, reports, then)
        ),
        created=pair("created"),
        resolved=kpi(cur.resolution.count, prev.resolution.count),
        first_response_median_s=kpi(cur.first.median, prev.first.median),
        resolution_median_s=kpi(cur.resolution.median, prev.resolution.median),
        satisfaction_avg=pair("satisfaction"),
        deadline_compliance=pair("compliance"),
        clearance_24h=pair("clearance"),
        silent_within_15s=pair("silent_within_15s"),
    )
