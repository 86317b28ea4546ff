"""Admins' holiday calendar years (issue 12): a table of its own, beside storage.models."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from platform_server.storage.models import Base


class CalendarYear(Base):
    """An admin's holiday calendar for one year, replacing the shipped one for that year.

    `holidays`: JSON object date → name (days off); `workdays`: JSON list of make-up
    working days (weekend days worked). `status`: official | provisional.
    """

    __tablename__ = "calendar_years"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    status: Mapped[str] = mapped_column(String(20))
    source: Mapped[str] = mapped_column(Text, default="")
    holidays: Mapped[str] = mapped_column(Text)
    workdays: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"))


class BoardWorkingDays(Base):
    """A board whose handling deadline counts working days over the holiday calendar.

    Keyed by board code; boards not listed count `boards.deadline_minutes`. Migration
    0009 lists the demo city's (complaints 3, consultations and suggestions 5).
    """

    __tablename__ = "board_working_days"

    board_code: Mapped[str] = mapped_column(String(40), primary_key=True)
    days: Mapped[int] = mapped_column(Integer)
