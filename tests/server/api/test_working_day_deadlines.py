"""Board deadlines in working days over the holiday calendar: complaints (3) and
consultations (5) count working days from the city's local date, other boards their
hours; the calendar an admin edits moves the next deadlines; a dispatch counts afresh.
Expected deadlines come from the shared case table (tests/helpers/workday_cases.py)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest

from platform_server.storage.models import utcnow
from tests.helpers import databases
from tests.helpers.clock import Clock
from tests.helpers.platform import RunningPlatform, citizen_post
from tests.helpers.posts import ids, parse_time
from tests.helpers.workday_cases import ADD_CASES

pytestmark = pytest.mark.integration

# 2026-09-30 18:00 local, the evening before the National Day week.
T0 = datetime(2026, 9, 30, 10, 0)


def _case(start: str, n: int) -> datetime:
    """The shared table's deadline for (start, n), shifted to T0's time of day."""
    for s, days, deadline in ADD_CASES:
        if s == start and days == n:
            return datetime.fromisoformat(deadline)
    raise AssertionError(f"no case ({start}, {n})")


@pytest.fixture(scope="module")
def platform(engine: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningPlatform]:
    p = databases.start_platform_on(engine, tmp_path_factory.mktemp("workdays"))
    yield p
    p.stop()


@pytest.fixture
def clock(platform: RunningPlatform) -> Iterator[Clock]:
    c = Clock(T0)
    platform.ctx.clock = c
    yield c
    platform.ctx.clock = utcnow


def _deadline(platform: RunningPlatform, pid: int) -> datetime:
    r = platform.officer("010999").get(f"/posts/{pid}")
    assert r.status_code == 200, r.text
    return parse_time(r.json()["deadline_at"])


def test_boards_say_which_count_working_days(platform: RunningPlatform) -> None:
    r = platform.officer("010001").get("/boards")
    days = {b["code"]: b["deadline_working_days"] for b in r.json()}
    assert days["complaint"] == 3 and days["advice"] == 5
    assert days["110"] is None and days["silent"] is None


def test_complaint_over_national_day_counts_working_days(
    platform: RunningPlatform, clock: Clock
) -> None:
    pid = citizen_post(platform, "民警态度恶劣", board="complaint")
    # 8 and 9 Oct, then Saturday 10 Oct (a make-up working day): as the shared table.
    expected = _case("2026-09-30T01:00:00", 3) + timedelta(hours=9)
    assert expected == datetime(2026, 10, 10, 10, 0)
    assert _deadline(platform, pid) == expected
    advice = citizen_post(platform, "建议增设红绿灯", board="advice")
    assert _deadline(platform, advice) == datetime(2026, 10, 13, 10, 0)  # 8 9 10 12 13 Oct
    hours = citizen_post(platform, "小区门口路灯坏了", board="110")
    assert _deadline(platform, hours) == T0 + timedelta(minutes=60)


def test_an_admins_calendar_moves_the_next_deadlines(
    platform: RunningPlatform, clock: Clock
) -> None:
    admin = platform.officer("010999")
    year = next(y for y in admin.get("/calendar").json()["years"] if y["year"] == 2026)
    holidays = {**year["holidays"], "2026-10-09": "演练停工"}
    r = admin.put(
        "/calendar/2026",
        {
            "status": "official",
            "source": "测试",
            "holidays": holidays,
            "workdays": year["workdays"],
        },
    )
    assert r.status_code == 200, r.text
    try:
        _complaint_after_the_edit(platform, clock)
    finally:  # the other tests count over the shipped calendar
        back = {k: year[k] for k in ("status", "source", "holidays", "workdays")}
        assert admin.put("/calendar/2026", back).status_code == 200


def _complaint_after_the_edit(platform: RunningPlatform, clock: Clock) -> None:
    pid = citizen_post(platform, "民警推诿不办", board="complaint")
    assert _deadline(platform, pid) == datetime(2026, 10, 12, 10, 0)  # 8, 10 and 12 Oct
    # A dispatch two days later counts afresh from its own local date (Fri 2 Oct, off).
    clock.advance(2 * 86400)
    inspect = platform.officer("010999")
    unit = ids(platform)["unit"]["st-chengguan"]
    r = inspect.act(pid, "transfer", {"unit_id": unit, "reason": "属地核查"})
    assert r.status_code == 200, r.text
    assert parse_time(r.json()["deadline_at"]) == datetime(2026, 10, 12, 10, 0)
