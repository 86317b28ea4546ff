"""Working-day arithmetic over a holiday calendar: pure, no database, no clock.

A day is a working day when it is a make-up working day (调休上班), or else when it is
a weekday (Monday–Friday) that is not a day off. Days are the city's local dates
(China Standard Time, UTC+8, no daylight saving); times in and out are naive UTC, as
everywhere in the platform.

`add_working_days(start, n)`: the same local time of day on the n-th working day after
start's local date (a post arriving on Friday evening with 1 working day is due on
Monday evening; over the National Day week, on the first working day after it).
`deadline_after(start, minutes, days, calendar)`: a board's handling deadline.
`working_days_left(now, deadline)`: how many working days lie after now's local date
up to and including the deadline's (0 on the deadline's own day; negative when past).

The console counts "time left" with this same algorithm; its cases are in
tests/helpers/workday_cases.py, a table both sides are tested against.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

LOCAL_OFFSET = timedelta(hours=8)  # China Standard Time
MAX_DAYS = 3660  # no deadline is counted more than ten years ahead


@dataclass(frozen=True)
class Calendar:
    """Days off and make-up working days (local dates)."""

    days_off: frozenset[date] = frozenset()
    make_up_days: frozenset[date] = frozenset()

    @classmethod
    def of(cls, days_off: Iterable[date], make_up_days: Iterable[date]) -> Calendar:
        return cls(frozenset(days_off), frozenset(make_up_days))

    def is_working_day(self, day: date) -> bool:
        if day in self.make_up_days:
            return True
        return day.weekday() < 5 and day not in self.days_off


def local_date(utc: datetime) -> date:
    return (utc + LOCAL_OFFSET).date()


def add_working_days(calendar: Calendar, start: datetime, n: int) -> datetime:
    """Start's local time of day on the n-th working day after its local date (n >= 0)."""
    if n < 0:
        raise ValueError("n must not be negative")
    day = local_date(start)
    counted = 0
    for _ in range(MAX_DAYS):
        if counted == n:
            break
        day += timedelta(days=1)
        if calendar.is_working_day(day):
            counted += 1
    else:
        raise ValueError("no working days in the calendar")
    local_time = (start + LOCAL_OFFSET).time()
    return datetime.combine(day, local_time) - LOCAL_OFFSET


def deadline_after(start: datetime, minutes: int, days: int | None, calendar: Calendar) -> datetime:
    """A board's handling deadline counted from `start` (creation or transfer): `days`
    working days over the calendar when the board counts them, else `minutes`.

    The one rule for live posts (`domain.posts.deadline_for`) and the demo's history.
    """
    if days:
        return add_working_days(calendar, start, days)
    return start + timedelta(minutes=minutes)


def working_days_left(calendar: Calendar, now: datetime, deadline: datetime) -> int:
    """Working days after now's local date up to the deadline's (negative once past)."""
    a, b = local_date(now), local_date(deadline)
    if a == b:
        return 0
    step = 1 if b > a else -1
    count = 0
    day = a
    while day != b:
        day += timedelta(days=step)
        if calendar.is_working_day(day):
            count += step
    return count
