"""console.views.text: the words every screen shares, in Chinese as officers read them."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from console.views import text

pytestmark = [pytest.mark.unit, pytest.mark.usefixtures("chinese")]


@pytest.mark.parametrize(
    ("seconds", "style", "shown"),
    [
        (12 * 60 + 40, "minutes", "12分钟"),
        (3 * 3600 + 5 * 60, "minutes", "3小时5分"),
        (3 * 86400 + 4 * 3600, "minutes", "3天4小时"),
        (-(25 * 60), "minutes", "25分钟"),  # a deadline passed 25 minutes ago
        (12, "seconds", "12 秒"),
        (65, "seconds", "1 分 5 秒"),
        (37, "clock", "00:37"),
        (3723, "clock", "1:02:03"),
        (45, "figure", "45秒"),
        (12 * 60, "figure", "12分"),
        (3.5 * 3600, "figure", "3.5小时"),
        (2.1 * 86400, "figure", "2.1天"),
        (5, "axis", "5秒"),
        (15 * 60, "axis", "15分"),
        (2 * 3600, "axis", "2时"),
        (3 * 86400, "axis", "3天"),
    ],
)
def test_one_duration_formatter_for_every_purpose(seconds: float, style: str, shown: str) -> None:
    assert text.duration(seconds, style) == shown  # type: ignore[arg-type]


def test_times_are_beijing_wall_clock_times() -> None:
    evening_utc = datetime(2026, 3, 1, 20, 30, tzinfo=UTC)
    assert text.local_time(evening_utc, now=evening_utc) == "03-02 04:30"  # the next morning
    assert text.local_time(evening_utc, now=datetime(2027, 5, 1, tzinfo=UTC)) == "2026-03-02 04:30"
    assert text.full_time(evening_utc) == "2026-03-02 04:30"
    assert text.clock_time(evening_utc) == "04:30"
    assert text.clock_time(evening_utc, seconds=True) == "04:30:00"
    assert text.local_time(datetime(2026, 3, 1, 20, 30)).endswith("04:30")  # naive = UTC
    assert text.local_time(None) == ""


def test_one_table_of_status_names() -> None:
    assert [text.status_name(s) for s in ("new", "accepted", "in_progress", "resolved")] == [
        "待受理",
        "已受理",
        "办理中",
        "已办结",
    ]
    assert text.status_name("open") == "未办结" and text.status_name("all") == "全部状态"
    assert text.status_name("merged") == "merged"  # a status of a newer platform: as sent


def test_actions_and_officers_are_named_the_same_everywhere() -> None:
    assert text.action_name("accept") == "受理" and text.action_name("acknowledged") == "确认V报警"
    assert text.action_name("urged") == "已催办"  # the handling loop's steps are named
    assert text.action_name("teleported") == "teleported"  # an unknown one reads as sent
    assert text.officer_label("李静", "010002") == "李静（010002）"
    assert text.officer_label("系统", "") == "系统"
