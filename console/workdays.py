"""Working days for the console's "time left": the platform's own algorithm, not a copy.

The queue counts a working-day board's deadline (`Board.deadline_working_days`) the
way the platform set it: with `platform_server.domain.workdays` itself (a pure module,
standard library only, shipped in the bundle) over the holiday calendar the platform
serves (`GET /api/v1/calendar`). Both sides are tested against one table of cases
(tests/helpers/workday_cases.py).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from console.api.models import Board
from platform_server.domain.workdays import Calendar, working_days_left

__all__ = ["Calendar", "calendar_from_json", "days_left", "working_days_to"]


def calendar_from_json(data: Any) -> Calendar:
    """`GET /calendar`'s answer as a Calendar (every year it lists)."""
    years = data["years"]
    return Calendar.of(
        (date.fromisoformat(d) for y in years for d in y["holidays"]),
        (date.fromisoformat(d) for y in years for d in y["workdays"]),
    )


def _naive_utc(dt: datetime) -> datetime:
    return dt.astimezone(UTC).replace(tzinfo=None) if dt.tzinfo is not None else dt


def days_left(calendar: Calendar, now: datetime, deadline: datetime) -> int:
    """Working days after today (the city's date) up to the deadline's day; 0 on it."""
    return working_days_left(calendar, _naive_utc(now), _naive_utc(deadline))


def working_days_to(
    board: Board | None, calendar: Calendar | None, now: datetime, deadline: datetime
) -> int | None:
    """Working days left to a deadline on a board that counts them; None on a board
    that counts hours (or before the calendar has arrived)."""
    if board is None or not board.deadline_working_days or calendar is None:
        return None
    return days_left(calendar, now, deadline)
