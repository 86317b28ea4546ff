"""Hotspots (预警研判) through the platform: a wave of alike posts in one district is
detected against its own baseline (an injected clock), stored with its member posts,
announced once (`hotspot.detected`, also with several processes detecting at once) to
the leaders whose area it is, and listed by `GET /hotspots` in the caller's area."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

import pytest

from platform_server.demo.wave import stage_wave
from platform_server.events.hotspot_watch import HotspotWatch
from platform_server.storage.models import utcnow
from tests.helpers import databases, dbutil
from tests.helpers.platform import RunningPlatform
from tests.helpers.posts import error, ids, insert_posts
from tests.helpers.sse import SseReader

pytestmark = pytest.mark.integration

# Each test works at its own time, 40 days after the previous one's, so that neither its
# window nor its 28-day baseline sees another test's posts (evening, Beijing 20:00).
BASE = (utcnow() + timedelta(days=1)).replace(hour=12, minute=0, second=0, microsecond=0)
PLACES = ["阳光花园", "翠湖小区", "建设新村", "幸福家园", "滨河苑", "锦绣华庭", "南苑小区"]
PLACES += ["东方明珠苑", "金色港湾", "书香门第", "康乐小区", "华府名邸", "和平里", "春晖园"]
PLACES += ["绿城小区", "碧水湾"]
OTHER = [
    "电动车在楼下被偷了，监控能不能帮忙查一下",
    "咨询一下护照到期了怎么续办，需要带什么材料",
    "路口红绿灯坏了好几天，早高峰特别堵",
    "楼上装修噪音太大，晚上十点还在施工",
]


def at(test: int, minutes: float = 0) -> datetime:
    return BASE + timedelta(days=40 * test, minutes=minutes)


@pytest.fixture(scope="module")
def platform(engine: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningPlatform]:
    """This module's platform: the hotspot thread off, so each test drives detection."""
    p = databases.start_platform_on(
        engine, tmp_path_factory.mktemp("hotspots"), hotspot_check_seconds=0.0
    )
    yield p
    p.stop()


def _watch(platform: RunningPlatform) -> HotspotWatch:
    """A detector on the platform's database (as another server process would run it)."""
    return HotspotWatch(platform.ctx.db, platform.ctx.settings, platform.ctx.hub.notify)


def _heating(
    platform: RunningPlatform,
    n: int,
    when: datetime,
    district: str = "st-chengguan",
    step: float = 1.0,
) -> list[int]:
    """`n` complaints of cold radiators from different estates, `step` minutes apart."""
    unit = ids(platform)["unit"][district]
    specs: list[dict[str, Any]] = [
        {
            "board": "12345",
            "title": f"{PLACES[i % len(PLACES)]}暖气不热",
            "body": f"{PLACES[i % len(PLACES)]}{i % 9 + 1}号楼暖气不热，家里只有十几度，老人受不了",
            "created_at": when - timedelta(minutes=step * i),
            "suggested_unit_id": unit,
        }
        for i in range(n)
    ]
    return insert_posts(platform, specs)


def _others(platform: RunningPlatform, when: datetime, district: str = "st-chengguan") -> None:
    unit = ids(platform)["unit"][district]
    insert_posts(
        platform,
        [
            {
                "board": "12345",
                "title": t[:10],
                "body": t,
                "created_at": when,
                "suggested_unit_id": unit,
            }
            for t in OTHER
        ],
    )


def _detected(platform: RunningPlatform) -> list[dict[str, Any]]:
    rows = dbutil.rows(
        platform, "SELECT payload FROM events WHERE type = ? ORDER BY seq", "hotspot.detected"
    )
    return [json.loads(r[0]) for r in rows]


def _leader(platform: RunningPlatform, unit: str) -> Any:
    return platform.officer(dbutil.badge_in_unit(platform, unit, role="leader"))


def _hotspots(api: Any, **params: Any) -> list[dict[str, Any]]:
    r = api.get("/hotspots", params=params)
    assert r.status_code == 200, r.text
    return list(r.json()["items"])


def test_a_wave_in_one_district_is_announced_once_to_its_leaders(platform: RunningPlatform) -> None:
    now = at(0)
    wave = _heating(platform, 6, now)
    _others(platform, now)
    leader, other_leader = _leader(platform, "st-chengguan"), _leader(platform, "st-xiguan")
    officer = platform.officer(dbutil.badge_in_unit(platform, "st-chengguan"))
    before = len(_detected(platform))
    with (
        SseReader(platform.url, leader.token) as s1,
        SseReader(platform.url, other_leader.token) as s2,
        SseReader(platform.url, officer.token) as s3,
    ):
        for s in (s1, s2, s3):
            s.ready()
        assert _watch(platform).run_once(now) == 1
        got = s1.until(lambda f: f.event == "hotspot.detected", timeout=10)[-1].json
        assert sorted(got["post_ids"]) == sorted(wave)
        assert [f for f in s2.events(timeout=1) if f.event == "hotspot.detected"] == []
        assert [f for f in s3.events(timeout=0.5) if f.event == "hotspot.detected"] == []
    assert got["board"] == "12345" and got["unit_id"] == ids(platform)["unit"]["st-chengguan"]
    assert got["count"] == 6 and got["baseline"] == 0 and got["window_minutes"] == 60
    assert any("暖气" in t or "不热" in t for t in got["terms"]), got["terms"]
    assert got["actor"] is None
    # The next check sees the same wave: no second announcement.
    assert _watch(platform).run_once(now + timedelta(seconds=30)) == 0
    assert len(_detected(platform)) == before + 1
    # GET /hotspots: the leader of the area sees it, another station's leader does not.
    mine = [h for h in _hotspots(leader, active="true") if h["id"] == got["id"]]
    assert mine and mine[0]["active"] and sorted(mine[0]["post_ids"]) == sorted(wave)
    assert [h for h in _hotspots(other_leader, active="true") if h["id"] == got["id"]] == []


def test_scattered_or_few_posts_are_no_hotspot(platform: RunningPlatform) -> None:
    now = at(1)
    _heating(platform, 3, now, "st-hebin")
    _heating(platform, 3, now, "st-dongmen")
    _heating(platform, 4, now, "st-gaoxin")
    _heating(platform, 6, now - timedelta(hours=3), "st-kaifa")  # an earlier window
    assert _watch(platform).run_once(now) == 0


def test_a_usual_evening_is_no_hotspot_but_a_surge_above_it_is(platform: RunningPlatform) -> None:
    now = at(2)
    for day in range(1, 29):  # every evening of the past four weeks: 6 such complaints
        _heating(platform, 6, now - timedelta(days=day), "st-huayuan", step=5)
    _heating(platform, 8, now, "st-huayuan", step=5)
    assert _watch(platform).run_once(now) == 0
    later = now + timedelta(minutes=20)
    _heating(platform, 14, later, "st-huayuan", step=1)
    assert _watch(platform).run_once(later) == 1
    (h,) = [h for h in _detected(platform) if h["unit_id"] == ids(platform)["unit"]["st-huayuan"]]
    assert h["baseline"] == 6 and h["count"] >= 14


def test_later_posts_join_it_and_it_ends_when_they_stop(platform: RunningPlatform) -> None:
    now = at(3)
    first = _heating(platform, 5, now, "st-station")
    assert _watch(platform).run_once(now) == 1
    later = now + timedelta(minutes=15)
    more = _heating(platform, 3, later, "st-station")
    assert _watch(platform).run_once(later) == 0
    unit = ids(platform)["unit"]["st-station"]
    admin = platform.officer("010999")

    def ours(**params: Any) -> list[dict[str, Any]]:
        return [
            h for h in _hotspots(admin, **params) if h["unit_id"] == unit and h["board"] == "12345"
        ]

    (h,) = ours(active="true")
    assert sorted(h["post_ids"]) == sorted(first + more) and h["count"] == 5
    platform.ctx.clock = lambda: later + timedelta(hours=2, minutes=1)
    try:
        assert ours(active="true") == []
        (ended,) = ours()
        assert ended["id"] == h["id"] and not ended["active"]
    finally:
        platform.ctx.clock = utcnow


def test_several_processes_announce_a_hotspot_once(platform: RunningPlatform) -> None:
    now = at(4)
    _heating(platform, 7, now, "st-xiguan")
    before = len(_detected(platform))
    watches = [_watch(platform) for _ in range(3)]
    start = threading.Barrier(len(watches))
    counts: list[int] = []

    def run(w: HotspotWatch) -> None:
        start.wait()
        counts.append(w.run_once(now))

    threads = [threading.Thread(target=run, args=(w,)) for w in watches]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(counts) == [0, 0, 1]
    assert len(_detected(platform)) == before + 1


def test_a_bad_filter_is_422_in_chinese(platform: RunningPlatform) -> None:
    r = platform.officer("010999").get("/hotspots", params={"active": "也许"})
    assert r.status_code == 422
    assert any("\u4e00" <= ch <= "\u9fff" for ch in error(r)["message"])


def test_a_staged_wave_is_announced_by_the_running_platform(start_platform: Any) -> None:
    """The simulator's wave (`platform-server wave`) through the public API, found by the
    platform's own hotspot thread."""
    p = start_platform(hotspot_check_seconds=0.3)
    leader = _leader(p, "st-xiguan")
    with SseReader(p.url, leader.token) as s:
        s.ready()
        made = stage_wave(p.url, kind="heating", station="st-xiguan", posts=8, minutes=0.05, seed=7)
        assert len(made) == 8
        got = s.until(lambda f: f.event == "hotspot.detected", timeout=20)[-1].json
    assert got["board"] == "12345" and got["unit_id"] == ids(p)["unit"]["st-xiguan"]
    assert set(got["post_ids"]) <= {w.post_id for w in made} and got["count"] >= 5
    (listed,) = _hotspots(leader, active="true")
    assert listed["id"] == got["id"]
