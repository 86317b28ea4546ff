"""The holiday calendar: the one the platform ships, and the years an admin has edited.

The shipped calendar (`platform_server/data/calendar_cn.json`, generated once by
scripts/make_calendar.py) has each year `official` (the State Council's notice) or
`provisional` (statutory holidays only, the year's arrangement not yet known). An
admin replaces a year with `PUT /api/v1/calendar/{year}` (stored in
`calendar_years`, audited); that year then comes from the database.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from functools import cache
from importlib import resources
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from platform_server import schemas_calendar
from platform_server.domain import audit
from platform_server.domain.origin import Origin
from platform_server.domain.workdays import Calendar
from platform_server.errors import ApiError
from platform_server.storage.calendar_models import BoardWorkingDays, CalendarYear


@cache
def shipped() -> dict[int, schemas_calendar.CalendarYearOut]:
    text = resources.files("platform_server.data").joinpath("calendar_cn.json").read_text("utf-8")
    years: dict[str, Any] = json.loads(text)["years"]
    return {int(y): schemas_calendar.CalendarYearOut(year=int(y), **e) for y, e in years.items()}


def years(db: Session) -> dict[int, schemas_calendar.CalendarYearOut]:
    """Every year the platform knows: shipped, with the admins' edits over them."""
    out = dict(shipped())
    for row in db.scalars(select(CalendarYear)):
        out[row.year] = schemas_calendar.CalendarYearOut(
            year=row.year,
            status=row.status,  # type: ignore[arg-type]
            source=row.source,
            holidays=json.loads(row.holidays),
            workdays=json.loads(row.workdays),
            updated_at=row.updated_at,
        )
    return dict(sorted(out.items()))


def calendar(db: Session) -> Calendar:
    """The calendar to count working days with."""
    known = years(db).values()
    return Calendar.of(
        (date.fromisoformat(d) for y in known for d in y.holidays),
        (date.fromisoformat(d) for y in known for d in y.workdays),
    )


def working_days(db: Session, board_code: str) -> int | None:
    """The board's handling deadline in working days, or None when it counts minutes."""
    row = db.get(BoardWorkingDays, board_code)
    return row.days if row is not None else None


def all_working_days(db: Session) -> dict[str, int]:
    """Every board that counts working days, by code."""
    return {r.board_code: r.days for r in db.scalars(select(BoardWorkingDays))}


def _check_days(year: int, days: list[str], what: str) -> list[date]:
    out = []
    for text in days:
        try:
            day = date.fromisoformat(text)
        except ValueError:
            raise ApiError(
                422, "bad_date", f"{what}中的“{text}”不是日期（应为 YYYY-MM-DD）。"
            ) from None
        if day.year != year:
            raise ApiError(422, "wrong_year", f"{what}中的 {text} 不在 {year} 年。")
        out.append(day)
    return out


def put_year(
    db: Session, origin: Origin, year: int, body: schemas_calendar.CalendarYearIn, now: datetime
) -> schemas_calendar.CalendarYearOut:
    """An admin's calendar for `year`: days off with names, and make-up working days."""
    off = _check_days(year, list(body.holidays), "放假日期")
    work = _check_days(year, body.workdays, "调休上班日期")
    both = sorted(set(off) & set(work))
    if both:
        raise ApiError(422, "day_twice", f"{both[0].isoformat()} 不能既放假又上班。")
    weekdays = [d for d in work if d.weekday() < 5]
    if weekdays:
        raise ApiError(
            422, "not_weekend", f"{weekdays[0].isoformat()} 本来就是工作日，无需列为调休上班。"
        )
    row = db.get(CalendarYear, year)
    if row is None:
        row = CalendarYear(year=year)
        db.add(row)
    row.status = body.status
    row.source = body.source
    row.holidays = json.dumps(dict(sorted(body.holidays.items())), ensure_ascii=False)
    row.workdays = json.dumps(sorted(body.workdays))
    row.updated_at = now
    row.updated_by_id = origin.officer_id
    audit.record_audit(
        db, origin, "calendar.put", target_type="calendar", target_id=year, detail=body.status
    )
    db.flush()
    return years(db)[year]
