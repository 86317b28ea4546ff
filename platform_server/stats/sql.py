"""SQL building blocks for the dashboard figures: periods, dialect expressions, percentiles.

Everything engine-specific (hour buckets, durations in seconds, planner hints) lives in
the functions at the top, so moving from SQLite to PostgreSQL touches only them.
Counts, sums and rates are SQL aggregates. Percentiles are nearest-rank (the value at
rank ceil(p·n) of the sorted subset, PostgreSQL's ``percentile_disc``), read from the
subset's sorted duration column (`sorted_durations`).
"""

from __future__ import annotations

import itertools
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from functools import lru_cache
from operator import itemgetter
from typing import Any, Literal

import numpy as np
from sqlalchemy import BigInteger, Integer, cast, func, literal_column, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from platform_server.errors import ApiError

BEIJING = timezone(timedelta(hours=8))
# Command-centre shifts change at 08:00 and 20:00 Beijing time.
SHIFT_HOURS = (8, 20)
MAX_CUSTOM_DAYS = 400

Period = Literal["today", "shift", "7d", "30d", "custom"]


# ---------------------------------------------------------------- dialect helpers
def utc_hour(db: Session, col: Any) -> ColumnElement[str]:
    """The UTC hour of a naive-UTC timestamp column as 'YYYY-MM-DD HH' (a bucket key).

    Beijing is a whole number of hours ahead of UTC, so an hour bucket maps to exactly
    one Beijing day and hour (`bj_day_hour`). On SQLite the stored text's first 13
    characters are that key: no date parsing per row, unlike strftime.
    """
    if _dialect(db) == "postgresql":
        return func.to_char(col, "YYYY-MM-DD HH24")
    return func.substr(col, 1, 13)


def millis_between(db: Session, start: Any, end: Any) -> ColumnElement[int]:
    """end − start in whole milliseconds, so 15.000 s compares as exactly 15000.

    An integer, not seconds rounded to three places: SQLite's two-argument round()
    formats and re-parses every value and took half the time of the whole scan.
    """
    if _dialect(db) == "postgresql":
        return cast(func.round(func.extract("epoch", end - start) * 1000), BigInteger)
    return cast(func.round((func.julianday(end) - func.julianday(start)) * 86_400_000.0), Integer)


def micros(db: Session, col: Any) -> ColumnElement[int]:
    """A naive-UTC timestamp column as whole microseconds since 1970 (NULL stays NULL).

    Exact on both engines: PostgreSQL's epoch is a numeric with every microsecond; on
    SQLite the stored text's whole seconds go through julianday (an integer after
    rounding) and its six fraction digits are added as they are written.
    """
    if _dialect(db) == "postgresql":
        return cast(func.extract("epoch", col) * 1_000_000, BigInteger)
    seconds = cast(
        func.round((func.julianday(func.substr(col, 1, 19)) - 2440587.5) * 86400), Integer
    )
    return seconds * 1_000_000 + cast(func.substr(col, 21, 6), Integer)


def rarely(db: Session, clause: ColumnElement[bool]) -> ColumnElement[bool]:
    """Tell SQLite's planner a filter keeps few rows (open posts among a million).

    Its table statistics see five statuses of equal weight, so "status is open"
    looks like 60 % of the table and it scans everything; PostgreSQL's histograms
    know better and need no hint.
    """
    if _dialect(db) == "sqlite":
        return func.likelihood(clause, literal_column("0.01"))
    return clause


def no_index_order(col: Any) -> ColumnElement[Any]:
    """A grouping key SQLite will not walk an index for (col + 0, portable SQL).

    Without it SQLite may read a whole per-officer index in order just to skip a
    small sort, instead of the index on the period's time range.
    """
    return col + 0


def _dialect(db: Session) -> str:
    bind = db.get_bind()
    return bind.dialect.name


def core_rows(db: Session, q: Any) -> list[tuple[Any, ...]]:
    """Run a column query on the session's connection, skipping the ORM's per-row work.

    Rows become plain tuples as they stream in: tuples of numbers are not tracked by
    the garbage collector, while tens of thousands of live Row objects set off its
    collections.
    """
    return [tuple(r) for r in db.connection().execute(q)]


def plain_rows(db: Session, q: Any) -> list[tuple[Any, ...]]:
    """The driver's own rows of a query whose columns need no type conversion (numbers).

    For the tens of thousands of durations a percentile needs this takes under half
    the time of `Session.execute(...).all()`, which builds a Row per value and keeps
    the garbage collector busy (bench/bench_stats.py).
    """
    result = db.connection().execute(q)
    try:
        return list(result.cursor.fetchall())
    finally:
        result.close()


@lru_cache(maxsize=4096)
def bj_day_hour(utc_hour_key: str) -> tuple[str, int]:
    """('YYYY-MM-DD', hour) in Beijing time of a `utc_hour` bucket key."""
    utc = datetime.strptime(utc_hour_key, "%Y-%m-%d %H").replace(tzinfo=UTC)
    local = utc.astimezone(BEIJING)
    return local.strftime("%Y-%m-%d"), local.hour


# ---------------------------------------------------------------- periods
def naive_utc(dt: datetime) -> datetime:
    """Aware datetimes converted to naive UTC; naive ones are taken as UTC already."""
    if dt.tzinfo is not None:
        return dt.astimezone(UTC).replace(tzinfo=None)
    return dt


def bj_midnight(utc: datetime) -> datetime:
    """Naive-UTC instant of the Beijing midnight that starts the day containing `utc`."""
    local = utc.replace(tzinfo=UTC).astimezone(BEIJING)
    start = local.replace(hour=0, minute=0, second=0, microsecond=0)
    return naive_utc(start)


@dataclass(frozen=True)
class Window:
    """A resolved period: [since, until) and the previous period of equal length."""

    period: str
    since: datetime
    until: datetime
    prev_since: datetime
    prev_until: datetime
    now: datetime

    def days(self) -> list[str]:
        """The Beijing calendar days the window touches, oldest first."""
        out: list[str] = []
        day = bj_midnight(self.since)
        while day < self.until:
            out.append(day.replace(tzinfo=UTC).astimezone(BEIJING).strftime("%Y-%m-%d"))
            day += timedelta(days=1)
        return out

    def day_ends(self) -> list[datetime]:
        """For each of `days()`, the instant its backlog is read: midnight, or `until`."""
        out: list[datetime] = []
        day = bj_midnight(self.since)
        while day < self.until:
            day += timedelta(days=1)
            out.append(min(day, self.until))
        return out


def resolve_period(
    period: str,
    since: datetime | None,
    until: datetime | None,
    now: datetime,
) -> Window:
    """Turn the query's period into UTC bounds; 422 with a sentence when it makes no sense.

    Day-based periods start at a Beijing midnight so day buckets are whole days; the
    previous period is the same span moved back by its nominal length (yesterday's
    same hours for "today", the previous shift, the 7 or 30 days before).
    """
    now = naive_utc(now)
    if period != "custom" and (since is not None or until is not None):
        raise ApiError(422, "invalid_period", "只有自定义时段（period=custom）才能指定起止时间。")
    if period == "today":
        start, step, end = bj_midnight(now), timedelta(days=1), now
    elif period == "shift":
        start, step, end = _shift_start(now), timedelta(hours=12), now
    elif period in ("7d", "30d"):
        n = 7 if period == "7d" else 30
        start, step, end = bj_midnight(now) - timedelta(days=n - 1), timedelta(days=n), now
    elif period == "custom":
        if since is None or until is None:
            raise ApiError(422, "invalid_period", "自定义时段需要同时给出开始时间和结束时间。")
        start, end = naive_utc(since), naive_utc(until)
        if end <= start:
            raise ApiError(422, "invalid_period", "结束时间必须晚于开始时间。")
        if end - start > timedelta(days=MAX_CUSTOM_DAYS):
            raise ApiError(
                422, "invalid_period", f"自定义时段最长 {MAX_CUSTOM_DAYS} 天，请缩短时间范围。"
            )
        step = end - start
    else:
        raise ApiError(422, "invalid_period", "时段只能是 today、shift、7d、30d 或 custom。")
    return Window(period, start, end, start - step, end - step, now)


def _shift_start(now: datetime) -> datetime:
    local = now.replace(tzinfo=UTC).astimezone(BEIJING)
    hours = [h for h in SHIFT_HOURS if h <= local.hour]
    if hours:
        start = local.replace(hour=hours[-1], minute=0, second=0, microsecond=0)
    else:
        prev = local - timedelta(days=1)
        start = prev.replace(hour=SHIFT_HOURS[-1], minute=0, second=0, microsecond=0)
    return naive_utc(start)


# ---------------------------------------------------------------- aggregates
@dataclass(frozen=True)
class Spread:
    """Count, mean, median and 90th percentile of a set of durations (seconds)."""

    count: int
    mean: float | None
    median: float | None
    p90: float | None


EMPTY_SPREAD = Spread(0, None, None, None)
_first = itemgetter(0)


def sorted_durations(
    db: Session,
    start: Any,
    end: Any,
    where: Sequence[ColumnElement[bool]],
    *keys: Any,
) -> list[tuple[Any, ...]]:
    """(end − start in milliseconds, *keys) of matching rows that have an end, shortest first.

    Percentiles need the ordered values. On SQLite, reading this column unsorted and
    sorting in Python, then deriving the overall, per-board and per-unit figures from
    the one list, measured faster than a window-function query per grouping or an
    ORDER BY in SQL (bench/bench_stats.py).
    """
    q = select(millis_between(db, start, end), *keys).where(end.is_not(None), *where)
    rows = plain_rows(db, q)
    rows.sort(key=_first)
    return rows


def sorted_millis(
    db: Session, start: Any, end: Any, where: Sequence[ColumnElement[bool]]
) -> list[int]:
    """Just the durations of `sorted_durations`, ascending."""
    q = select(millis_between(db, start, end)).where(end.is_not(None), *where)
    values = [r[0] for r in plain_rows(db, q)]
    values.sort()
    return values


def _rank(pct: int, n: int) -> int:
    """Index of the nearest-rank percentile in an ascending list of n values: ceil(p·n) − 1."""
    return (pct * n + 99) // 100 - 1


def spread(millis: Sequence[int]) -> Spread:
    """Mean, and nearest-rank median and p90 (rank ceil(p·n), like percentile_disc), in
    seconds, of ascending durations in milliseconds."""
    n = len(millis)
    if not n:
        return EMPTY_SPREAD
    return Spread(
        n,
        _f(sum(millis) / n / 1000),
        _f(millis[_rank(50, n)] / 1000),
        _f(millis[_rank(90, n)] / 1000),
    )


def spread_of(millis: np.ndarray) -> Spread:
    """`spread` of durations in any order (a numpy array, partly reordered in place):
    the two ranks are selected, not the whole array sorted."""
    n = len(millis)
    if not n:
        return EMPTY_SPREAD
    ranks = [_rank(50, n), _rank(90, n)]
    millis.partition(ranks)
    mean = int(millis.sum()) / n / 1000
    return Spread(n, _f(mean), _f(int(millis[ranks[0]]) / 1000), _f(int(millis[ranks[1]]) / 1000))


def spreads_by(rows: Sequence[Sequence[Any]], key: int) -> dict[Any, Spread]:
    """Spread per value of column `key` of `sorted_durations` rows (order is kept)."""
    groups: dict[Any, list[int]] = {}
    for row in rows:
        groups.setdefault(row[key], []).append(row[0])
    return {k: spread(v) for k, v in groups.items()}


def histogram(millis: Sequence[int], edges_s: Sequence[float]) -> list[int]:
    """Counts of ascending durations (ms) in buckets below e0, [e0, e1), … , [e_last, ∞) (s)."""
    cuts = [0, *(bisect_left(millis, e * 1000) for e in edges_s), len(millis)]
    return [b - a for a, b in itertools.pairwise(cuts)]


def share(part: int, whole: int) -> float | None:
    """part / whole rounded to four places; None (not 0) when there is nothing to divide."""
    return round(part / whole, 4) if whole else None


def _f(v: Any) -> float | None:
    return None if v is None else round(float(v), 3)
