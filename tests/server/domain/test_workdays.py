"""Working-day arithmetic over the shipped calendar, against the shared table of cases."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from platform_server.domain import calendar, workdays
from tests.helpers.workday_cases import ADD_CASES, LEFT_CASES

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def cal() -> workdays.Calendar:
    years = calendar.shipped().values()
    return workdays.Calendar.of(
        (date.fromisoformat(d) for y in years for d in y.holidays),
        (date.fromisoformat(d) for y in years for d in y.workdays),
    )


@pytest.mark.parametrize(("start", "n", "due"), ADD_CASES)
def test_add_working_days(cal: workdays.Calendar, start: str, n: int, due: str) -> None:
    got = workdays.add_working_days(cal, datetime.fromisoformat(start), n)
    assert got == datetime.fromisoformat(due)


@pytest.mark.parametrize(("now", "deadline", "left"), LEFT_CASES)
def test_working_days_left(cal: workdays.Calendar, now: str, deadline: str, left: int) -> None:
    got = workdays.working_days_left(
        cal, datetime.fromisoformat(now), datetime.fromisoformat(deadline)
    )
    assert got == left


def test_the_shipped_2026_calendar_is_the_official_one() -> None:
    y2026 = calendar.shipped()[2026]
    assert y2026.status == "official"
    # The State Council's make-up working days for 2026.
    assert y2026.workdays == [
        "2026-01-04",
        "2026-02-14",
        "2026-02-28",
        "2026-05-09",
        "2026-09-20",
        "2026-10-10",
    ]
    assert {"2026-10-01", "2026-10-07", "2026-02-17", "2026-02-23"} <= set(y2026.holidays)


def test_2027_is_provisional_and_claims_no_arrangement() -> None:
    y2027 = calendar.shipped()[2027]
    assert y2027.status == "provisional"
    assert y2027.workdays == []  # no make-up days until the notice is entered
    assert "2027-02-06" in y2027.holidays  # 春节 itself is statutory
    assert "调休" in y2027.source


def test_negative_days_are_refused(cal: workdays.Calendar) -> None:
    with pytest.raises(ValueError, match="negative"):
        workdays.add_working_days(cal, datetime(2026, 1, 5), -1)
