"""Notices (公告): published to a unit's area (the bureau: the whole city), pinned first,
scheduled ones only from their time on, read counts once per citizen, and the
`notice.published` event exactly once."""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Any

import pytest

from platform_server.events.notices import NoticePublisher
from platform_server.storage.models import utcnow
from tests.helpers import dbutil
from tests.helpers.platform import Api, RunningPlatform, new_key
from tests.helpers.posts import error, ids

pytestmark = pytest.mark.integration

STATION_LEADER = "020023"  # 城关派出所's leader
STATION = "020020"  # 城关派出所


def _publish(api: Api, unit_id: int, title: str, **extra: Any) -> Any:
    body = {"title": title, "body": f"{title}。请广大群众知悉。", "category": "prevention"}
    body.update(unit_id=unit_id, **extra)
    return api.post("/notices", body, headers={"Idempotency-Key": new_key()})


def _titles(citizen: Api, **params: Any) -> list[str]:
    r = citizen.get("/public/notices", params=params)
    assert r.status_code == 200, r.text
    return [n["title"] for n in r.json()]


def _events(platform: RunningPlatform, notice_id: int) -> list[str]:
    return [
        p
        for (p,) in dbutil.rows(
            platform, "SELECT payload FROM events WHERE type = 'notice.published' ORDER BY seq"
        )
        if f'"id":{notice_id},' in p
    ]


def test_the_bureau_reaches_the_whole_city_a_station_its_own_area(
    platform: RunningPlatform,
) -> None:
    u = ids(platform)["unit"]
    leader = platform.officer("010900")
    city = _publish(leader, u["bureau"], "全市：谨防冒充公检法诈骗")
    assert city.status_code == 201, city.text
    assert city.json()["published"] is True and city.json()["unit_name"] == "临江市公安局"
    station = platform.officer(STATION)
    own = _publish(station, u["st-chengguan"], "城关：辖区停水通知", category="reminder")
    assert own.status_code == 201, own.text

    citizen = platform.citizen()
    in_chengguan = _titles(citizen, unit=u["st-chengguan"])
    assert "全市：谨防冒充公检法诈骗" in in_chengguan and "城关：辖区停水通知" in in_chengguan
    in_xiguan = _titles(citizen, unit=u["st-xiguan"])
    assert "全市：谨防冒充公检法诈骗" in in_xiguan and "城关：辖区停水通知" not in in_xiguan
    assert "城关：辖区停水通知" not in _titles(citizen)  # no area given: city-wide only
    assert "全市：谨防冒充公检法诈骗" in _titles(citizen)
    # An officer publishes only to their own unit's area.
    r = _publish(station, u["st-xiguan"], "越权公告")
    assert r.status_code == 403 and "西关派出所" in error(r)["message"]
    r = _publish(station, u["bureau"], "越权公告")
    assert r.status_code == 403


def test_pinned_first_then_newest(platform: RunningPlatform) -> None:
    u = ids(platform)["unit"]
    sl = platform.officer(STATION_LEADER)
    for title, pinned in (("置顶：所长电话公开", True), ("普通一", False), ("普通二", False)):
        assert (
            _publish(sl, u["st-chengguan"], title, pinned=pinned, category="contact").status_code
            == 201
        )
    titles = _titles(platform.citizen(), unit=u["st-chengguan"])
    order = [t for t in titles if t in ("置顶：所长电话公开", "普通一", "普通二")]
    assert order == ["置顶：所长电话公开", "普通二", "普通一"]


def test_read_counts_once_per_citizen(platform: RunningPlatform) -> None:
    u = ids(platform)["unit"]
    n = _publish(platform.officer("010900"), u["bureau"], "阅读计数").json()
    a, b = platform.citizen("甲"), platform.citizen("乙")
    for reader in (a, a, b, a):
        r = reader.get(f"/public/notices/{n['id']}")
        assert r.status_code == 200
    assert r.json()["read_count"] == 2
    listed = [x for x in a.get("/public/notices").json() if x["id"] == n["id"]]
    assert listed[0]["read_count"] == 2
    officer_view = [
        x for x in platform.officer("010900").get("/notices").json() if x["id"] == n["id"]
    ]
    assert officer_view[0]["read_count"] == 2


def test_a_scheduled_notice_waits_for_its_time(platform: RunningPlatform) -> None:
    u = ids(platform)["unit"]
    at = utcnow() + timedelta(seconds=1.5)
    leader = platform.officer("010900")
    r = _publish(leader, u["bureau"], "定时：明早八点起限行", publish_at=at.isoformat() + "Z")
    assert r.status_code == 201, r.text
    n = r.json()
    assert n["published"] is False and n["publish_at"].startswith(at.isoformat()[:19])
    citizen = platform.citizen()
    assert "定时：明早八点起限行" not in _titles(citizen)
    assert citizen.get(f"/public/notices/{n['id']}").status_code == 404
    assert _events(platform, n["id"]) == []
    deadline = time.monotonic() + 10
    while "定时：明早八点起限行" not in _titles(citizen):
        assert time.monotonic() < deadline, "the scheduled notice never appeared"
        time.sleep(0.1)
    # The notice thread (every 5 s) or a second process publishes it: once, whoever does.
    publishers = [NoticePublisher(platform.ctx.db, platform.ctx.settings) for _ in range(2)]
    for p in publishers:
        p.run_once()
    assert len(_events(platform, n["id"])) == 1
    assert next(x for x in leader.get("/notices").json() if x["id"] == n["id"])["published"]


def test_withdrawn_notices_leave_the_public_list(platform: RunningPlatform) -> None:
    u = ids(platform)["unit"]
    leader = platform.officer("010900")
    n = _publish(leader, u["bureau"], "发错了的公告").json()
    r = leader.post(f"/notices/{n['id']}/withdraw")
    assert r.status_code == 200 and r.json()["withdrawn_at"] is not None
    assert "发错了的公告" not in _titles(platform.citizen())
    assert platform.officer(STATION).post(f"/notices/{n['id']}/withdraw").status_code == 404


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"category": "gossip"}, "公告类别"),
        ({"title": ""}, "标题"),
        ({"body": "x" * 5001}, "公告正文"),
        ({"unit_id": 999_999}, "单位"),
        ({"publish_at": "tomorrow"}, "发布时间"),
        ({"pinned": "yes"}, "置顶"),
    ],
)
def test_bad_notices_are_422(platform: RunningPlatform, change: dict[str, Any], words: str) -> None:
    u = ids(platform)["unit"]
    body: dict[str, Any] = {
        "title": "测试",
        "body": "测试正文",
        "category": "legal",
        "unit_id": u["bureau"],
        **change,
    }
    r = platform.officer("010900").post("/notices", body, headers={"Idempotency-Key": new_key()})
    assert r.status_code == 422, r.text
    assert words in error(r)["message"], error(r)


def test_a_schedule_too_far_ahead_is_refused(platform: RunningPlatform) -> None:
    u = ids(platform)["unit"]
    at = (utcnow() + timedelta(days=91)).isoformat() + "Z"
    r = _publish(platform.officer("010900"), u["bureau"], "太远", publish_at=at)
    assert r.status_code == 422 and "90 天" in error(r)["message"]


def test_templates_cover_the_usual_kinds(platform: RunningPlatform) -> None:
    r = platform.officer(STATION).get("/notices/templates")
    assert r.status_code == 200
    assert {t["category"] for t in r.json()} == {
        "legal",
        "reminder",
        "prevention",
        "rumour",
        "contact",
    }


def test_notices_need_a_citizen_or_an_officer(platform: RunningPlatform) -> None:
    assert platform.api().get("/public/notices").status_code == 401
    assert platform.api().get("/notices").status_code == 401
