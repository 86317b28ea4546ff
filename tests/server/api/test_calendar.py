"""`GET /calendar` and an admin's `PUT /calendar/{year}`: what officers read, what is stored."""

from __future__ import annotations

import pytest

from platform_server.demo.reference_data import DEMO_ADMIN_BADGE
from tests.helpers import dbutil
from tests.helpers.platform import RunningPlatform
from tests.helpers.posts import error

pytestmark = pytest.mark.integration

# A year nobody ships, so editing it never changes what the other tests read.
YEAR = 2031
BODY = {
    "status": "official",
    "source": "国务院办公厅通知（测试）",
    "holidays": {"2031-10-01": "国庆节", "2031-10-02": "国庆节", "2031-10-03": "国庆节"},
    "workdays": ["2031-09-28"],  # a Sunday
}


def test_officers_read_the_calendar_with_each_years_status(platform: RunningPlatform) -> None:
    r = platform.officer("010001").get("/calendar")
    assert r.status_code == 200, r.text
    d = r.json()
    assert d["utc_offset_hours"] == 8
    years = {y["year"]: y for y in d["years"]}
    assert years[2026]["status"] == "official" and "2026-10-10" in years[2026]["workdays"]
    assert years[2027]["status"] == "provisional" and years[2027]["workdays"] == []
    assert years[2026]["holidays"]["2026-10-01"] == "国庆节"
    assert platform.api().get("/calendar").status_code == 401


def test_an_admin_replaces_a_year(platform: RunningPlatform) -> None:
    officer = platform.officer("010001")
    r = officer.put(f"/calendar/{YEAR}", BODY)
    assert r.status_code == 403 and "管理员" in error(r)["message"]
    admin = platform.officer(DEMO_ADMIN_BADGE)
    r = admin.put(f"/calendar/{YEAR}", BODY)
    assert r.status_code == 200, r.text
    assert r.json()["updated_at"] is not None
    years = {y["year"]: y for y in officer.get("/calendar").json()["years"]}
    assert years[YEAR]["workdays"] == ["2031-09-28"]
    assert years[YEAR]["holidays"] == BODY["holidays"]
    assert years[2026]["updated_at"] is None  # the shipped years are untouched
    audited = dbutil.rows(
        platform, "SELECT badge, target_id FROM audit WHERE action = 'calendar.put'"
    )
    assert (DEMO_ADMIN_BADGE, YEAR) in audited
    # Replaced again, not added to.
    r = admin.put(f"/calendar/{YEAR}", {**BODY, "workdays": [], "status": "provisional"})
    assert r.status_code == 200, r.text
    years = {y["year"]: y for y in officer.get("/calendar").json()["years"]}
    assert years[YEAR]["workdays"] == [] and years[YEAR]["status"] == "provisional"


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"workdays": ["2031-09-29"]}, "not_weekend"),  # a Monday is a working day anyway
        ({"workdays": ["2031-10-01"]}, "day_twice"),
        ({"workdays": ["2030-09-28"]}, "wrong_year"),
        ({"holidays": {"十月一日": "国庆节"}}, "bad_date"),
        ({"status": "certain"}, None),
    ],
)
def test_a_bad_calendar_is_422_and_changes_nothing(
    platform: RunningPlatform, change: dict[str, object], code: str | None
) -> None:
    admin = platform.officer(DEMO_ADMIN_BADGE)
    before = admin.get("/calendar").json()
    r = admin.put(f"/calendar/{YEAR}", {**BODY, **change})
    assert r.status_code == 422, r.text
    if code is not None:
        assert error(r)["code"] == code
    assert admin.get("/calendar").json() == before
