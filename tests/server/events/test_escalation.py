"""Escalation of unacknowledged silent reports (escalation_seconds=2 in the fixtures)."""

from __future__ import annotations

from datetime import datetime

import pytest

from tests.helpers import dbutil
from tests.helpers.platform import RunningPlatform, silent_report
from tests.helpers.sse import SseReader
from tests.helpers.waiting import wait_until

pytestmark = pytest.mark.integration


def test_unacknowledged_report_escalates_once(platform: RunningPlatform) -> None:
    officer = platform.officer("010001")
    with SseReader(platform.url, officer.token) as sse:
        sse.ready()
        ignored = silent_report(platform, "有人在撬我家门锁，我躲在卧室")
        handled = silent_report(platform, "出租车司机绕路不停车")
        r = officer.act(handled, "acknowledge")
        assert r.status_code == 200, r.text

        frames = sse.until(lambda f: f.event == "silent.escalated", timeout=4)
        escalated = frames[-1].json
        assert escalated["id"] == ignored
        assert escalated["escalation_seconds"] == 2.0
        assert escalated["escalated_at"] is not None
        assert escalated["version"] == 2
        # Nothing else escalates afterwards: not the same report again, not the handled one.
        later = [f for f in sse.events(timeout=2.5) if f.event == "silent.escalated"]
        assert later == []

    rows = dbutil.rows(
        platform, "SELECT id, escalated_at, version FROM posts WHERE id IN (?, ?)", ignored, handled
    )
    by_id = {r[0]: r for r in rows}
    assert by_id[ignored][1] is not None and by_id[ignored][2] == 2
    # Not before its time: the escalation seconds (2 s here) had passed since it arrived.
    ((escalated, created),) = dbutil.rows(
        platform, "SELECT escalated_at, created_at FROM posts WHERE id = ?", ignored
    )
    waited = datetime.fromisoformat(escalated) - datetime.fromisoformat(created)
    assert waited.total_seconds() >= 2.0
    assert by_id[handled][1] is None
    timeline = dbutil.rows(
        platform,
        "SELECT actor_kind, officer_id FROM timeline WHERE post_id = ? AND action = 'escalated'",
        ignored,
    )
    assert timeline == [("system", None)]
    assert dbutil.rows(
        platform,
        "SELECT post_id FROM events WHERE type = 'silent.escalated' AND post_id IN (?, ?)",
        ignored,
        handled,
    ) == [(ignored,)]


def test_escalation_is_idempotent_when_run_again(platform: RunningPlatform) -> None:
    report = silent_report(platform, "公交车上有人偷手机")
    wait_until(
        lambda: dbutil.scalar(platform, "SELECT escalated_at FROM posts WHERE id = ?", report),
        timeout=6,
        what="the report escalated",
    )
    # A second escalator (as in a second server process) finds nothing left to do.
    other = platform.escalator()
    assert other.run_once() == 0
    assert (
        dbutil.scalar(
            platform,
            "SELECT count(*) FROM events WHERE type = 'silent.escalated' AND post_id = ?",
            report,
        )
        == 1
    )


def test_escalation_event_is_scoped(platform: RunningPlatform) -> None:
    station = platform.officer(dbutil.badge_in_unit(platform, "st-hebin"))
    cmd = platform.officer("010002")
    with SseReader(platform.url, station.token) as far, SseReader(platform.url, cmd.token) as near:
        far.ready()
        near.ready()
        report = silent_report(platform, "我被困在电梯里，有人跟踪")
        got = near.until(lambda f: f.event == "silent.escalated", timeout=5)[-1]
        assert got.json["id"] == report
        assert [f.event for f in far.events(timeout=0.5)] == []
