"""Request and response bodies of the holiday calendar (`GET /calendar`, admins' PUT)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, Field

from platform_server.schemas import Strict, Utc

CalendarStatus = Literal["official", "provisional"]


class CalendarYearOut(BaseModel):
    """One year of the mainland holiday calendar (`GET /calendar`)."""

    year: int
    status: CalendarStatus
    source: str
    holidays: dict[str, str]  # local date (YYYY-MM-DD) → name: days off
    workdays: list[str]  # make-up working days (weekend days worked)
    updated_at: Utc | None = None  # when an admin last replaced it (None: as shipped)


class CalendarOut(BaseModel):
    utc_offset_hours: int  # dates are local to the city (UTC+8)
    years: list[CalendarYearOut]


class CalendarYearIn(Strict):
    status: CalendarStatus
    source: str = Field(default="", max_length=500)
    holidays: dict[str, Annotated[str, Field(max_length=50)]] = Field(max_length=120)
    workdays: list[Annotated[str, Field(max_length=10)]] = Field(max_length=60)
