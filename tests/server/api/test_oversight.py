"""Keeping promises on time through the API: extension requests and leaders' decisions,
urging (催办) and supervision orders (督办), on an injected clock."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

import pytest

from platform_server.storage.models import utcnow
from tests.helpers import dbutil
from tests.helpers.clock import Clock
from tests.helpers.platform import RunningPlatform
from tests.helpers.posts import citizen_post, error, events_of, parse_time
from tests.helpers.sse import SseReader

pytestmark = pytest.mark.integration

CMD_LEADER = "010901"  # 赵国庆, leader of the command centre
STATION_LEADER_UNIT = "st-xiguan"


@pytest.fixture
def clock(platform: RunningPlatform) -> Iterator[Clock]:
    c = Clock(utcnow().replace(microsecond=0))
    platform.ctx.clock = c
    yield c
    platform.ctx.clock = utcnow


def _z(dt: datetime) -> str:
    """A naive UTC time as the API writes it."""
    return dt.replace(tzinfo=None).isoformat(timespec="milliseconds") + "Z"


def _step(post: dict[str, Any], action: str) -> dict[str, Any]:
    """The post's (last) timeline entry of this action (the frozen clock may sort it first)."""
    return [t for t in post["timeline"] if t["action"] == action][-1]


def _deadline(platform: RunningPlatform, pid: int) -> str:
    return str(platform.officer("010001").get(f"/posts/{pid}").json()["deadline_at"])


def _later(deadline: str, hours: float) -> str:
    return _z(parse_time(deadline) + timedelta(hours=hours))


# ---------------------------------------------------------------- extensions
def test_an_extension_is_asked_for_listed_and_approved(
    platform: RunningPlatform, clock: Clock
) -> None:
    pid = citizen_post(platform)
    officer = platform.officer("010001")
    deadline = _deadline(platform, pid)
    until = _later(deadline, 48)
    r = officer.act(pid, "extension", {"until": until, "reason": "需协调住建部门现场勘查"})
    assert r.status_code == 200, r.text
    assert r.json()["deadline_at"] == deadline  # nothing moves until a leader approves
    assert _step(r.json(), "extension_requested")["detail"].endswith("需协调住建部门现场勘查")
    (requested,) = [e[2] for e in events_of(platform, pid) if e[0] == "extension.requested"]
    ext = requested["extension"]
    assert (ext["status"], ext["until"], ext["previous_deadline_at"]) == (
        "pending",
        until,
        deadline,
    )
    # One request waits at a time.
    again = officer.act(pid, "extension", {"until": _later(deadline, 72), "reason": "再延"})
    assert again.status_code == 409 and error(again)["code"] == "extension_pending"
    # Leaders of the holding unit's chain see it waiting; a leader elsewhere does not.
    leader = platform.officer(CMD_LEADER)
    waiting = [e["id"] for e in leader.get("/extensions").json() if e["post_id"] == pid]
    assert waiting == [ext["id"]]
    far = platform.officer(dbutil.badge_in_unit(platform, STATION_LEADER_UNIT, role="leader"))
    assert [e for e in far.get("/extensions").json() if e["post_id"] == pid] == []
    # An officer cannot decide; the far leader cannot either; the unit's leader can.
    r = officer.post(f"/extensions/{ext['id']}/decide", {"approve": True, "comment": "同意"})
    assert r.status_code == 403 and error(r)["code"] == "leaders_only"
    r = far.post(f"/extensions/{ext['id']}/decide", {"approve": True, "comment": "同意"})
    assert r.status_code in (403, 404)
    clock.advance(60)
    r = leader.post(f"/extensions/{ext['id']}/decide", {"approve": True, "comment": "同意延期"})
    assert r.status_code == 200, r.text
    decided = r.json()
    assert decided["status"] == "approved" and decided["decided_by"]["badge"] == CMD_LEADER
    assert decided["comment"] == "同意延期"
    assert _deadline(platform, pid) == until
    assert [e for e in leader.get("/extensions").json() if e["post_id"] == pid] == []
    approved = leader.get("/extensions", params={"status": "approved"}).json()
    assert ext["id"] in [e["id"] for e in approved]
    r = leader.post(f"/extensions/{ext['id']}/decide", {"approve": False, "comment": "改主意"})
    assert r.status_code == 409 and error(r)["code"] == "already_decided"
    assert _deadline(platform, pid) == until
    assert [e[0] for e in events_of(platform, pid)].count("extension.decided") == 1


def test_a_rejected_extension_keeps_the_deadline(platform: RunningPlatform, clock: Clock) -> None:
    pid = citizen_post(platform)
    deadline = _deadline(platform, pid)
    r = platform.officer("010001").act(
        pid, "extension", {"until": _later(deadline, 24), "reason": "人手不足"}
    )
    assert r.status_code == 200, r.text
    waiting = platform.officer(CMD_LEADER).get("/extensions").json()
    (mine,) = [e for e in waiting if e["post_id"] == pid]
    r = platform.officer(CMD_LEADER).post(
        f"/extensions/{mine['id']}/decide", {"approve": False, "comment": "请按期办结"}
    )
    assert r.status_code == 200 and r.json()["status"] == "rejected"
    assert _deadline(platform, pid) == deadline
    post = platform.officer("010001").get(f"/posts/{pid}").json()
    assert _step(post, "extension_decided")["detail"] == "不同意延期：请按期办结"


def test_an_extension_after_the_deadline_is_409(platform: RunningPlatform, clock: Clock) -> None:
    pid = citizen_post(platform)
    deadline = _deadline(platform, pid)
    officer = platform.officer("010001")
    # A millisecond past the deadline (as the API writes it): too late.
    clock.now = parse_time(deadline) + timedelta(milliseconds=1)
    r = officer.act(pid, "extension", {"until": _later(deadline, 24), "reason": "来不及了"})
    assert r.status_code == 409 and error(r)["code"] == "deadline_passed"
    assert "已过" in error(r)["message"]
    clock.now -= timedelta(seconds=1)  # a second earlier: allowed
    r = officer.act(pid, "extension", {"until": _later(deadline, 24), "reason": "还来得及"})
    assert r.status_code == 200, r.text


def test_an_extension_must_be_later_and_well_formed(
    platform: RunningPlatform, clock: Clock
) -> None:
    pid = citizen_post(platform)
    deadline = _deadline(platform, pid)
    officer = platform.officer("010001")
    for body in (
        {"until": _later(deadline, -1), "reason": "提前？"},
        {"until": deadline, "reason": "一样"},
        {"until": "明天", "reason": "随便"},
        {"until": _later(deadline, 24), "reason": ""},
        {"until": _later(deadline, 24)},
    ):
        r = officer.act(pid, "extension", body)
        assert r.status_code == 422, (body, r.text)
    assert "extension.requested" not in [e[0] for e in events_of(platform, pid)]


# ---------------------------------------------------------------- urge
def test_a_leader_urges_and_the_holding_unit_hears_it(
    platform: RunningPlatform, clock: Clock
) -> None:
    pid = citizen_post(platform)
    officer = platform.officer("010001")
    assert officer.act(pid, "accept").status_code == 200
    r = officer.act(pid, "urge", {"message": "快点"})
    assert r.status_code == 403 and error(r)["code"] == "leaders_only"
    leader = platform.officer(CMD_LEADER)
    with SseReader(platform.url, officer.token) as sse:
        sse.ready()
        r = leader.act(pid, "urge", {"message": "群众反映强烈，请今日内答复"})
        assert r.status_code == 200, r.text
        got = sse.until(lambda f: f.event == "post.urged", timeout=5)[-1].json
    assert got["id"] == pid and got["message"] == "群众反映强烈，请今日内答复"
    assert got["actor"]["badge"] == CMD_LEADER
    assert _step(r.json(), "urged")["detail"] == "群众反映强烈，请今日内答复"
    assert leader.act(pid, "urge", {"message": ""}).status_code == 422


# ---------------------------------------------------------------- supervise
def test_supervision_orders_are_listed_by_due_time_until_the_case_closes(
    platform: RunningPlatform, clock: Clock
) -> None:
    leader = platform.officer(CMD_LEADER)
    first, second = citizen_post(platform), citizen_post(platform)
    due_late = _z(clock.now + timedelta(days=3))
    due_soon = _z(clock.now + timedelta(days=1))
    r = leader.act(first, "supervise", {"due_at": due_late, "instruction": "查明原因，书面报告"})
    assert r.status_code == 200, r.text
    r = leader.act(second, "supervise", {"due_at": due_soon, "instruction": "当日回访"})
    assert r.status_code == 200, r.text
    (sup,) = [e[2]["supervision"] for e in events_of(platform, second) if e[0] == "post.supervised"]
    assert (sup["due_at"], sup["instruction"], sup["closed_at"]) == (due_soon, "当日回访", None)
    listed = [s["post_id"] for s in leader.get("/supervision").json()]
    assert listed.index(second) < listed.index(first)  # by due time
    assert {s["source"] for s in leader.get("/supervision").json()} == {"leader"}
    # The post is under supervision from its order on (the queue row says so).
    assert leader.get(f"/posts/{second}").json()["supervised_at"] == sup["at"]
    # Only leaders order supervision or read the list, and never with a due time past.
    officer = platform.officer("010001")
    r = officer.get("/supervision")
    assert r.status_code == 403 and error(r)["message"] == "只有领导可以查看督办清单。"
    r = officer.act(first, "supervise", {"due_at": due_late, "instruction": "x"})
    assert r.status_code == 403
    r = leader.act(first, "supervise", {"due_at": _z(clock.now), "instruction": "x"})
    assert r.status_code == 422 and error(r)["code"] == "due_in_past"
    # Closing the case closes its orders.
    r = officer.act(second, "close", {"resolution": "已回访", "closure_code": "resolved"})
    assert r.status_code == 200, r.text
    listed = [s["post_id"] for s in leader.get("/supervision").json()]
    assert second not in listed and first in listed
    closed = dbutil.scalar(platform, "SELECT closed_at FROM supervisions WHERE post_id = ?", second)
    assert closed is not None
