"""Dashboard statistics against a small fixed data set with hand-computed figures.

The data set is written through the ORM into the running server's SQLite file. Times
are given in Beijing time (the figures' day boundaries) and stored as naive UTC.
Window under test: Beijing 2025-03-10 00:00 to 2025-03-12 00:00 (two days); the
previous window is the two days before. A few posts are relative to the real "now"
for the figures that are about the present (open, overdue, due soon, unacknowledged).

    post board   unit      created (BJ)  what happened
    P1   110     cmd       03-10 23:59   A accepts, replies +10 min, resolves +30 min, rated 5
    P2   110     cmd       03-11 00:01   A accepts, replies +30 min, resolves +2 h (late), rated 1
    P3   traffic chengguan 03-10 09:00   B transfers cmd→chengguan, C accepts, replies +80 min,
                                         resolves 15:00, rated 2, reopened 03-11 08:00 (overdue)
    P4   hukou   cmd       03-11 10:00   untouched (open, overdue)
    P5   silent  cmd       03-10 12:00   A acknowledges +12 s, resolves +20 min
    P6   silent  cmd       03-11 03:00   escalated, B acknowledges +18 s, resolves +40 min (late)
    P7   silent  cmd       03-11 05:00   escalated, A acknowledges +45 s, resolves +25 min
    P8   110     cmd       03-09 10:00   previous window: A replies +20 min, resolves +50, rated 4
    P9   public  xiguan    03-11 11:00   D accepts (open, overdue)
    P10  110     cmd       now − 30 min  accepted by B, due in 30 min
    P11  silent  cmd       now − 10 min  unacknowledged, due in 20 min
    P12  advice  cmd       03-01 09:00   a pinned notice, archived 03-10 12:00 without resolution
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from functools import partial
from typing import Any

import pytest
from sqlalchemy import event, select

from platform_server.stats import figures as stats_figures
from platform_server.stats import load as stats_load
from platform_server.stats import measures as stats
from platform_server.stats.cache import FigureCache, window_key
from platform_server.stats.sql import resolve_period
from platform_server.storage.engines import open_database
from platform_server.storage.models import (
    Board,
    Officer,
    Post,
    Rating,
    Reply,
    TimelineEntry,
    Unit,
    utcnow,
)
from tests.helpers.platform import Api, RunningPlatform
from tests.server.helpers_posts import citizen_post

BJ = timezone(timedelta(hours=8))
SINCE = "2025-03-09T16:00:00Z"  # 2025-03-10 00:00 Beijing
UNTIL = "2025-03-11T16:00:00Z"  # 2025-03-12 00:00 Beijing
WINDOW = {"period": "custom", "since": SINCE, "until": UNTIL}


def bj(text: str) -> datetime:
    """'03-10 23:59' or '03-10 23:59:30' in Beijing time (2025) → naive UTC."""
    fmt = "%Y-%m-%d %H:%M:%S" if text.count(":") == 2 else "%Y-%m-%d %H:%M"
    local = datetime.strptime("2025-" + text, fmt).replace(tzinfo=BJ)
    return local.astimezone(UTC).replace(tzinfo=None)


@dataclass
class Cast:
    """Who is who in the data set (ids looked up from the reference data)."""

    units: dict[str, int]
    boards: dict[str, int]
    a: Officer  # 010001, cmd
    b: Officer  # 010002, cmd
    c: Officer  # a chengguan officer
    d: Officer  # a xiguan officer
    chengguan_leader: Officer
    east_leader: Officer
    posts: dict[str, int]


def _officer(s: Any, unit: str, role: str, units: dict[str, int]) -> Officer:
    return s.scalars(
        select(Officer)
        .where(Officer.unit_id == units[unit], Officer.role == role)
        .order_by(Officer.badge)
    ).first()


def install_dataset(platform: RunningPlatform) -> Cast:
    db = open_database(f"sqlite:///{platform.db_path}", create=False)
    now = utcnow()
    with db.writing() as s:
        units = {u.code: u.id for u in s.scalars(select(Unit))}
        boards = {b.code: b.id for b in s.scalars(select(Board))}
        deadlines = {b.code: b.deadline_minutes for b in s.scalars(select(Board))}
        a = s.scalars(select(Officer).where(Officer.badge == "010001")).one()
        b = s.scalars(select(Officer).where(Officer.badge == "010002")).one()
        c = _officer(s, "st-chengguan", "officer", units)
        d = _officer(s, "st-xiguan", "officer", units)
        cast = Cast(
            units,
            boards,
            a,
            b,
            c,
            d,
            _officer(s, "st-chengguan", "leader", units),
            _officer(s, "br-east", "leader", units),
            {},
        )

        def post(name: str, board: str, unit: str, created: datetime, **kw: Any) -> Post:
            kind = "silent_report" if board == "silent" else "post"
            p = Post(
                kind=kind,
                board_id=boards[board],
                unit_id=units[unit],
                title=f"{name} 标题",
                body="测试",
                author_nickname="市民",
                created_at=created,
                updated_at=created,
                deadline_at=created + timedelta(minutes=deadlines[board]),
                **kw,
            )
            s.add(p)
            s.flush()
            cast.posts[name] = p.id
            return p

        def tl(p: Post, action: str, at: datetime, who: Officer | None, **kw: Any) -> None:
            s.add(
                TimelineEntry(
                    post_id=p.id,
                    action=action,
                    at=at,
                    actor_kind="officer" if who else "citizen",
                    officer_id=who.id if who else None,
                    **kw,
                )
            )

        def reply(p: Post, at: datetime, who: Officer) -> None:
            s.add(
                Reply(
                    post_id=p.id, officer_id=who.id, unit_id=who.unit_id, body="答复", created_at=at
                )
            )

        def rate(p: Post, score: int, at: datetime, comment: str = "") -> None:
            s.add(Rating(post_id=p.id, score=score, comment=comment, created_at=at))

        t = bj("03-10 23:59")
        p1 = post(
            "P1",
            "110",
            "cmd",
            t,
            status="resolved",
            assignee_id=a.id,
            accepted_at=bj("03-11 00:05"),
            first_response_at=t + timedelta(minutes=10),
            resolved_at=t + timedelta(minutes=30),
            rating_score=5,
        )
        tl(p1, "accepted", bj("03-11 00:05"), a)
        reply(p1, t + timedelta(minutes=10), a)
        tl(p1, "resolved", t + timedelta(minutes=30), a)
        rate(p1, 5, bj("03-11 01:00"))

        t = bj("03-11 00:01")
        p2 = post(
            "P2",
            "110",
            "cmd",
            t,
            status="resolved",
            assignee_id=a.id,
            first_response_at=t + timedelta(minutes=30),
            resolved_at=t + timedelta(hours=2),
            rating_score=1,
        )
        tl(p2, "accepted", bj("03-11 00:10"), a)
        reply(p2, t + timedelta(minutes=30), a)
        tl(p2, "resolved", t + timedelta(hours=2), a)
        rate(p2, 1, bj("03-11 03:00"), "等了一个多小时才回复")

        t = bj("03-10 09:00")
        p3 = post(
            "P3",
            "traffic",
            "st-chengguan",
            t,
            status="in_progress",
            assignee_id=c.id,
            first_response_at=t + timedelta(minutes=80),
            resolved_at=None,
            transfer_count=1,
            rating_score=2,
        )
        tl(
            p3,
            "transferred",
            bj("03-10 09:30"),
            b,
            from_unit_id=units["cmd"],
            to_unit_id=units["st-chengguan"],
        )
        tl(p3, "accepted", bj("03-10 10:00"), c)
        reply(p3, t + timedelta(minutes=80), c)
        tl(p3, "resolved", bj("03-10 15:00"), c)
        rate(p3, 2, bj("03-10 16:00"), "问题没有解决")
        tl(p3, "reopened", bj("03-11 08:00"), None)

        post("P4", "hukou", "cmd", bj("03-11 10:00"), status="new")

        t = bj("03-10 12:00")
        p5 = post(
            "P5",
            "silent",
            "cmd",
            t,
            status="resolved",
            assignee_id=a.id,
            acknowledged_by_id=a.id,
            acknowledged_at=t + timedelta(seconds=12),
            resolved_at=t + timedelta(minutes=20),
        )
        tl(p5, "acknowledged", t + timedelta(seconds=12), a)
        tl(p5, "accepted", t + timedelta(seconds=12), a)
        tl(p5, "resolved", t + timedelta(minutes=20), a)

        t = bj("03-11 03:00")
        p6 = post(
            "P6",
            "silent",
            "cmd",
            t,
            status="resolved",
            assignee_id=b.id,
            acknowledged_by_id=b.id,
            acknowledged_at=t + timedelta(seconds=18),
            escalated_at=t + timedelta(seconds=15),
            resolved_at=t + timedelta(minutes=40),
        )
        tl(p6, "resolved", t + timedelta(minutes=40), b)

        t = bj("03-11 05:00")
        p7 = post(
            "P7",
            "silent",
            "cmd",
            t,
            status="resolved",
            assignee_id=a.id,
            acknowledged_by_id=a.id,
            acknowledged_at=t + timedelta(seconds=45),
            escalated_at=t + timedelta(seconds=15),
            resolved_at=t + timedelta(minutes=25),
        )
        tl(p7, "resolved", t + timedelta(minutes=25), a)

        t = bj("03-09 10:00")
        p8 = post(
            "P8",
            "110",
            "cmd",
            t,
            status="resolved",
            assignee_id=a.id,
            first_response_at=t + timedelta(minutes=20),
            resolved_at=t + timedelta(minutes=50),
            rating_score=4,
        )
        tl(p8, "accepted", bj("03-09 10:05"), a)
        reply(p8, t + timedelta(minutes=20), a)
        tl(p8, "resolved", t + timedelta(minutes=50), a)
        rate(p8, 4, bj("03-09 12:00"))

        p9 = post(
            "P9",
            "public-order",
            "st-xiguan",
            bj("03-11 11:00"),
            status="accepted",
            assignee_id=d.id,
        )
        tl(p9, "accepted", bj("03-11 11:30"), d)

        post("P10", "110", "cmd", now - timedelta(minutes=30), status="accepted", assignee_id=b.id)
        post("P11", "silent", "cmd", now - timedelta(minutes=10), status="new")
        p12 = post(
            "P12",
            "advice",
            "cmd",
            bj("03-01 09:00"),
            status="archived",
            archived_at=bj("03-10 12:00"),
            pinned=True,
        )
        p12.deadline_at = None
    db.dispose()
    return cast


@pytest.fixture(scope="module")
def cast(platform: RunningPlatform) -> Cast:
    return install_dataset(platform)


@pytest.fixture(scope="module")
def admin(platform: RunningPlatform, cast: Cast) -> Api:
    return platform.officer("010999")


def ok(api: Api, path: str, **params: Any) -> dict[str, Any]:
    r = api.get("/stats/" + path, params=params)
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


# ---------------------------------------------------------------- the figures
def test_summary_for_the_city_with_previous_period(admin: Api) -> None:
    s = ok(admin, "summary", **WINDOW)
    assert s["window"]["scope"] == "all"
    assert s["window"]["prev_since"] == "2025-03-07T16:00:00.000Z"
    assert s["window"]["prev_until"] == "2025-03-09T16:00:00.000Z"
    figures = {k: (v["value"], v["previous"]) for k, v in s.items() if k != "window"}
    assert figures == {
        # P3 P4 P9 P10 P11 now; when the window began only the notice P12 (archived
        # unresolved during the window) was open.
        "open": (5, 1),
        "overdue": (3, 0),  # P3 P4 P9
        "silent_unacknowledged": (1, 0),  # P11
        "created": (8, 1),
        "resolved": (5, 1),  # P1 P2 P5 P6 P7 (P3 was reopened) / P8
        "first_response_median_s": (1800, 1200),  # 600 1800 4800 / 1200
        "resolution_median_s": (1800, 3000),  # 1200 1500 1800 2400 7200 / 3000
        "satisfaction_avg": (2.667, 4.0),  # 5 1 2 / 4
        "deadline_compliance": (0.375, 1.0),  # P1 P5 P7 on time of 8 decided / P8
        "clearance_24h": (0.625, 1.0),  # P1 P2 P5 P6 P7 within 24 h of 8 / P8
        "silent_within_15s": (0.3333, None),  # 12 s of 12 18 45 / no reports before
    }


def test_workload_per_officer_and_unit(admin: Api, cast: Cast) -> None:
    w = ok(admin, "workload", **WINDOW)
    by_id = {o["officer_id"]: o for o in w["officers"]}
    keys = ("open", "overdue", "accepted", "replied", "transferred", "resolved")

    def row(o: Officer) -> tuple[int, ...]:
        return tuple(by_id[o.id][k] for k in keys)

    assert row(cast.a) == (0, 0, 3, 2, 0, 4)  # accepted P1 P2 P5; resolved P1 P2 P5 P7
    assert row(cast.b) == (1, 0, 0, 0, 1, 1)  # P10 open; transferred P3; resolved P6
    assert row(cast.c) == (1, 1, 1, 1, 0, 1)  # the reopened P3 is open and overdue
    assert row(cast.d) == (1, 1, 1, 0, 0, 0)
    assert w["officers"][0]["open"] >= w["officers"][-1]["open"]  # busiest first
    units = {u["unit_id"]: u for u in w["units"]}
    cmd = units[cast.units["cmd"]]
    assert (cmd["open"], cmd["assigned"], cmd["overdue"]) == (3, 1, 1)  # P4 P10 P11
    assert (cmd["accepted"], cmd["replied"], cmd["transferred"], cmd["resolved"]) == (3, 2, 1, 5)
    cg = units[cast.units["st-chengguan"]]
    assert (cg["open"], cg["assigned"], cg["overdue"], cg["resolved"]) == (1, 1, 1, 1)
    assert units[cast.units["st-kaifa"]]["open"] == 0  # quiet units are listed with zeros


def test_volume_by_board_hour_day_and_backlog(admin: Api) -> None:
    v = ok(admin, "volume", **WINDOW)
    assert v["total"] == 8
    counts = {b["board"]: b["count"] for b in v["by_board"] if b["count"]}
    assert counts == {"110": 2, "traffic": 1, "hukou": 1, "silent": 3, "public-order": 1}
    assert {h: n for h, n in enumerate(v["by_hour"]) if n} == {
        23: 1,
        0: 1,
        9: 1,
        10: 1,
        12: 1,
        3: 1,
        5: 1,
        11: 1,
    }
    # 23:59 and 00:01 Beijing are the same UTC day but two Beijing days.
    assert [(d["day"], d["total"]) for d in v["by_day"]] == [("2025-03-10", 3), ("2025-03-11", 5)]
    assert v["by_day"][0]["by_board"] == {"110": 1, "traffic": 1, "silent": 1}
    assert v["by_day"][1]["by_board"] == {"110": 1, "hukou": 1, "silent": 2, "public-order": 1}
    # End of 03-10: P1 (resolved 00:29 next day) and P3 (reopened, so open since posted).
    assert [(b["day"], b["open"]) for b in v["backlog"]] == [("2025-03-10", 2), ("2025-03-11", 3)]
    assert v["backlog"][0]["at"] == "2025-03-10T16:00:00.000Z"


def test_response_and_resolution_times(admin: Api, cast: Cast) -> None:
    t = ok(admin, "times", **WINDOW)
    first = t["first_response"]
    assert first["overall"] == {"count": 3, "mean_s": 2400, "median_s": 1800, "p90_s": 4800}
    boards = {b["key"]: b for b in first["by_board"]}
    assert (boards["110"]["count"], boards["110"]["median_s"], boards["110"]["p90_s"]) == (
        2,
        600,
        1800,
    )
    assert boards["traffic"]["median_s"] == 4800
    assert first["histogram"]["counts"] == [0, 1, 0, 1, 1, 0, 0, 0, 0]
    assert first["target_s"] == 1800
    res = t["resolution"]
    assert res["overall"] == {"count": 5, "mean_s": 2820, "median_s": 1800, "p90_s": 7200}
    assert [(u["key"], u["count"]) for u in res["by_unit"]] == [(str(cast.units["cmd"]), 5)]
    assert res["by_unit"][0]["name"] == "市局指挥中心"


def test_one_post_gives_its_own_value_as_median_and_p90(admin: Api) -> None:
    prev = {"period": "custom", "since": "2025-03-07T16:00:00Z", "until": SINCE}
    t = ok(admin, "times", **prev)
    assert t["first_response"]["overall"] == {
        "count": 1,
        "mean_s": 1200,
        "median_s": 1200,
        "p90_s": 1200,
    }
    assert t["resolution"]["overall"]["p90_s"] == 3000


def test_deadlines_compliance_and_lists(admin: Api, cast: Cast) -> None:
    d = ok(admin, "deadlines", **WINDOW)
    assert (d["decided"], d["on_time"], d["compliance"]) == (8, 3, 0.375)
    assert d["overdue_count"] == 3
    # Most overdue first: P4's hukou deadline (48 h) falls after P3's and P9's (24 h).
    assert [i["id"] for i in d["overdue"]] == [cast.posts[p] for p in ("P3", "P9", "P4")]
    assert d["due_soon_count"] == 2
    assert [i["id"] for i in d["due_soon"]] == [cast.posts["P11"], cast.posts["P10"]]
    assert d["due_soon"][0]["kind"] == "silent_report"
    assert d["overdue"][0]["title"] == "P3 标题"


def test_satisfaction(admin: Api, cast: Cast) -> None:
    s = ok(admin, "satisfaction", **WINDOW)
    assert (s["count"], s["average"], s["distribution"]) == (3, 2.667, [1, 1, 0, 0, 1])
    assert (s["unhappy_count"], s["unhappy_share"]) == (2, 0.6667)
    assert [(u["post_id"], u["score"], u["comment"]) for u in s["unhappy"]] == [
        (cast.posts["P2"], 1, "等了一个多小时才回复"),
        (cast.posts["P3"], 2, "问题没有解决"),
    ]


def test_silent_reports(admin: Api) -> None:
    s = ok(admin, "silent", **WINDOW)
    assert (s["count"], s["acknowledged"], s["unacknowledged_now"]) == (3, 3, 1)
    assert s["ack"] == {"count": 3, "mean_s": 25, "median_s": 18, "p90_s": 45}
    assert (s["within_15s"], s["within_15s_share"]) == (1, 0.3333)
    assert (s["within_20s"], s["within_20s_share"]) == (2, 0.6667)
    assert s["escalations"] == 2
    assert s["histogram"]["counts"] == [0, 0, 1, 1, 0, 1, 0, 0]  # 12 s, 18 s, 45 s
    assert (s["target_15s_share"], s["target_20s_share"]) == (0.9, 0.95)


def test_clearance(admin: Api) -> None:
    c = ok(admin, "clearance", **WINDOW)
    assert (c["decided"], c["cleared"], c["rate"]) == (8, 5, 0.625)


# ---------------------------------------------------------------- scope
def test_station_leader_sees_only_their_station(platform: RunningPlatform, cast: Cast) -> None:
    leader = platform.officer(cast.chengguan_leader.badge)
    v = ok(leader, "volume", **WINDOW)
    assert v["window"]["scope"] == "unit"
    assert v["window"]["unit_name"] == "城关派出所"
    assert v["total"] == 1  # P3 only
    w = ok(leader, "workload", **WINDOW)
    assert {o["unit_id"] for o in w["officers"]} == {cast.units["st-chengguan"]}
    assert [u["unit_id"] for u in w["units"]] == [cast.units["st-chengguan"]]
    d = ok(leader, "deadlines", **WINDOW)
    assert [i["id"] for i in d["overdue"]] == [cast.posts["P3"]]
    for unit in ("cmd", "br-east"):
        r = leader.get("/stats/summary", params={**WINDOW, "unit": cast.units[unit]})
        assert r.status_code == 403
        assert r.json()["error"]["code"] == "forbidden"


def test_branch_leader_may_narrow_to_a_station(platform: RunningPlatform, cast: Cast) -> None:
    leader = platform.officer(cast.east_leader.badge)
    s = ok(leader, "summary", **WINDOW, unit=cast.units["st-chengguan"])
    assert (s["created"]["value"], s["open"]["value"]) == (1, 1)
    assert ok(leader, "summary", **WINDOW)["window"]["unit_name"] == "东城分局"


def test_officer_gets_only_their_own_figures(platform: RunningPlatform, cast: Cast) -> None:
    officer = platform.officer("010001")
    s = ok(officer, "summary", **WINDOW)
    assert s["window"]["scope"] == "self"
    assert s["created"]["value"] == 4  # P1 P2 P5 P7 are assigned to A
    assert s["silent_unacknowledged"]["value"] == 1  # the unit's alarm, not "self"
    w = ok(officer, "workload", **WINDOW)
    assert [o["officer_id"] for o in w["officers"]] == [cast.a.id]
    assert w["units"] == []
    silent = ok(officer, "silent", **WINDOW)
    assert (silent["count"], silent["within_15s"], silent["within_20s"]) == (2, 1, 1)
    r = officer.get("/stats/workload", params={**WINDOW, "unit": cast.units["cmd"]})
    assert r.status_code == 403
    assert "本人" in r.json()["error"]["message"]


def test_city_leader_defaults_to_the_bureau(platform: RunningPlatform, cast: Cast) -> None:
    s = ok(platform.officer("010900"), "summary", **WINDOW)
    assert s["window"]["unit_name"] == "临江市公安局"
    assert s["created"]["value"] == 8


def test_unknown_unit_and_bad_periods(admin: Api) -> None:
    r = admin.get("/stats/summary", params={"unit": 999999})
    assert (r.status_code, r.json()["error"]["code"]) == (404, "unit_not_found")
    for params in (
        {"period": "custom", "since": SINCE},
        {"period": "custom", "since": UNTIL, "until": SINCE},
        {"period": "custom", "since": "2020-01-01T00:00:00Z", "until": UNTIL},
        {"period": "today", "since": SINCE},
        {"period": "fortnight"},
    ):
        r = admin.get("/stats/summary", params=params)
        assert r.status_code == 422, params
        assert r.json()["error"]["message"]
    r = admin.get("/stats/summary", params={"period": "custom", "until": SINCE, "since": UNTIL})
    assert "晚于" in r.json()["error"]["message"]


def test_requires_login(platform: RunningPlatform) -> None:
    assert platform.api().get("/stats/summary").status_code == 401


def test_openapi_documents_the_figures(admin: Api, platform: RunningPlatform) -> None:
    spec = platform.api().session.get(platform.url + "/openapi.json", timeout=10).json()
    for name in ("summary", "workload", "volume", "times", "deadlines", "satisfaction", "silent"):
        assert f"/api/v1/stats/{name}" in spec["paths"]
    assert "SilentOut" in spec["components"]["schemas"]


# ---------------------------------------------------------------- no data
@pytest.fixture
def empty_admin(fresh_platform: RunningPlatform) -> Iterator[Api]:
    yield fresh_platform.officer("010999")


@pytest.mark.parametrize("period", ["today", "shift", "7d", "30d"])
def test_no_data_gives_zeros_and_nones(empty_admin: Api, period: str) -> None:
    s = ok(empty_admin, "summary", period=period)
    assert s["open"] == {"value": 0, "previous": 0}
    assert s["first_response_median_s"] == {"value": None, "previous": None}
    assert s["deadline_compliance"]["value"] is None
    v = ok(empty_admin, "volume", period=period)
    assert v["total"] == 0 and sum(v["by_hour"]) == 0
    assert all(p["open"] == 0 for p in v["backlog"])
    assert len(v["by_day"]) == {"today": 1, "shift": len(v["by_day"]), "7d": 7, "30d": 30}[period]
    t = ok(empty_admin, "times", period=period)
    assert t["resolution"]["overall"] == {
        "count": 0,
        "mean_s": None,
        "median_s": None,
        "p90_s": None,
    }
    sat = ok(empty_admin, "satisfaction", period=period)
    assert (sat["average"], sat["distribution"], sat["unhappy"]) == (None, [0] * 5, [])
    sil = ok(empty_admin, "silent", period=period)
    assert (sil["count"], sil["within_15s_share"], sil["ack"]["median_s"]) == (0, None, None)
    d = ok(empty_admin, "deadlines", period=period)
    assert (d["compliance"], d["overdue"], d["due_soon"]) == (None, [], [])
    assert ok(empty_admin, "clearance", period=period)["rate"] is None
    assert all(o["open"] == 0 for o in ok(empty_admin, "workload", period=period)["officers"])


# ---------------------------------------------------------------- periods
def _utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=None)


@pytest.mark.parametrize(
    ("now", "period", "since", "prev_since"),
    [
        # 23:59 Beijing still belongs to the 10th; one minute later the 11th begins.
        ("2025-03-10T15:59:00", "today", "2025-03-09T16:00:00", "2025-03-08T16:00:00"),
        ("2025-03-10T16:00:00", "today", "2025-03-10T16:00:00", "2025-03-09T16:00:00"),
        ("2025-03-10T23:59:00", "shift", "2025-03-10T12:00:00", "2025-03-10T00:00:00"),  # 07:59
        ("2025-03-11T00:00:00", "shift", "2025-03-11T00:00:00", "2025-03-10T12:00:00"),  # 08:00
        ("2025-03-11T12:00:00", "shift", "2025-03-11T12:00:00", "2025-03-11T00:00:00"),  # 20:00
        ("2025-03-11T04:00:00", "7d", "2025-03-04T16:00:00", "2025-02-25T16:00:00"),
        ("2025-03-11T04:00:00", "30d", "2025-02-09T16:00:00", "2025-01-10T16:00:00"),
    ],
)
def test_periods_use_beijing_days_and_shifts(
    now: str, period: str, since: str, prev_since: str
) -> None:
    w = resolve_period(period, None, None, _utc(now))
    assert (w.since, w.until, w.prev_since) == (_utc(since), _utc(now), _utc(prev_since))
    assert w.prev_until - w.prev_since == w.until - w.since


def test_window_days_and_day_ends() -> None:
    w = resolve_period("custom", _utc(SINCE[:-1]), _utc("2025-03-11T04:00:00"), _utc(UNTIL[:-1]))
    assert w.days() == ["2025-03-10", "2025-03-11"]
    assert w.day_ends() == [_utc("2025-03-10T16:00:00"), _utc("2025-03-11T04:00:00")]


# ---------------------------------------------------------------- speed: plans and cache
def test_period_figures_read_only_covering_indexes(platform: RunningPlatform, cast: Cast) -> None:
    """At a million posts a figure that reads post rows takes seconds: every statement
    behind the city's period figures must be answered from an index alone."""
    db = open_database(f"sqlite:///{platform.db_path}", create=False)
    statements: list[tuple[str, Any]] = []

    def remember(_c: Any, _cur: Any, stmt: str, params: Any, _ctx: Any, _many: bool) -> None:
        statements.append((stmt, params))

    event.listen(db.read_engine, "before_cursor_execute", remember)
    w = resolve_period("custom", _utc(SINCE[:-1]), _utc(UNTIL[:-1]), utcnow())
    try:
        with db.reading() as s:
            scope = stats.StatScope("all", None, "全部单位", frozenset())
            for fn in (
                stats_figures.summary,
                stats_figures.times,
                stats_figures.satisfaction,
                stats_figures.silent,
                stats_figures.clearance_out,
                stats_load.volume,
            ):
                fn(s, scope, w)
            event.remove(db.read_engine, "before_cursor_execute", remember)
            plans = {
                stmt: [
                    row[3]
                    for row in s.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + stmt, params)
                ]
                for stmt, params in statements
                if "FROM posts" in stmt and "title" not in stmt  # the unhappy list shows titles
            }
    finally:
        db.dispose()
    assert len(plans) > 10
    for stmt, plan in plans.items():
        reads = [p for p in plan if p.startswith(("SCAN posts", "SEARCH posts"))]
        assert reads, stmt
        assert all("COVERING INDEX" in p for p in reads), (stmt, plan)


def test_repeated_requests_are_served_from_the_cache(fresh_platform: RunningPlatform) -> None:
    admin = fresh_platform.officer("010999")
    citizen_post(fresh_platform)
    for _ in range(3):  # a pair of requests inside one minute
        first, again = ok(admin, "summary", period="today"), ok(admin, "summary", period="today")
        if first["window"]["generated_at"][:16] == again["window"]["generated_at"][:16]:
            break
    # The second was not computed again: it carries the first one's computing time.
    assert again["window"]["generated_at"] == first["window"]["generated_at"]
    assert again == first


def test_every_event_shows_at_the_next_request(fresh_platform: RunningPlatform) -> None:
    admin = fresh_platform.officer("010999")
    before = ok(admin, "summary", period="today")
    times_before = ok(admin, "times", period="today")
    assert (before["created"]["value"], before["open"]["value"]) == (0, 0)
    assert times_before["first_response"]["overall"]["count"] == 0

    pid = citizen_post(fresh_platform)
    s = ok(admin, "summary", period="today")
    assert (s["created"]["value"], s["open"]["value"]) == (1, 1)
    assert s["first_response_median_s"]["value"] is None
    assert ok(admin, "volume", period="today")["total"] == 1

    officer = fresh_platform.officer("010001")
    assert officer.act(pid, "accept").status_code == 200
    r = officer.post(f"/posts/{pid}/replies", {"body": "已受理"}, headers={"Idempotency-Key": "k1"})
    assert r.status_code == 201, r.text
    # The durations the tiles and the times chart share were read again as well.
    t = ok(admin, "times", period="today")
    assert t["first_response"]["overall"]["count"] == 1
    s = ok(admin, "summary", period="today")
    assert s["first_response_median_s"]["value"] == t["first_response"]["overall"]["median_s"]
    assert s["first_response_median_s"]["value"] >= 0
    w = ok(admin, "workload", period="today")
    mine = next(o for o in w["officers"] if o["badge"] == "010001")
    assert (mine["accepted"], mine["replied"], mine["open"]) == (1, 1, 1)


def test_scopes_do_not_share_cached_figures(fresh_platform: RunningPlatform) -> None:
    citizen_post(fresh_platform, board="110")  # lands at the command centre
    city = ok(fresh_platform.officer("010999"), "summary", period="today")
    own = ok(fresh_platform.officer("010001"), "summary", period="today")
    assert (city["window"]["scope"], city["created"]["value"]) == ("all", 1)
    assert (own["window"]["scope"], own["created"]["value"]) == ("self", 0)  # not assigned


# ---------------------------------------------------------------- the cache itself
def test_identical_requests_arriving_together_compute_once() -> None:
    cache = FigureCache()
    calls: list[int] = []
    gate = threading.Event()

    def compute() -> str:
        calls.append(1)
        gate.wait(5)
        return "figures"

    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = [pool.submit(cache.get_or_compute, "summary", 7, compute) for _ in range(4)]
        time.sleep(0.2)  # all four are waiting on the one computation
        gate.set()
        assert [f.result(timeout=5) for f in futures] == ["figures"] * 4
    assert len(calls) == 1
    assert cache.get_or_compute("summary", 7, lambda: "again") == "figures"


def test_a_new_event_drops_every_older_entry() -> None:
    cache = FigureCache()
    cache.get_or_compute("summary", 7, lambda: "at 7")
    cache.get_or_compute("times", 7, lambda: "at 7")
    assert cache.get_or_compute("summary", 8, lambda: "at 8") == "at 8"
    assert len(cache) == 1
    # A computation that started before the event is returned but not kept.
    assert cache.get_or_compute("times", 7, lambda: "late") == "late"
    assert len(cache) == 1


def test_a_failed_computation_is_not_cached() -> None:
    cache = FigureCache()

    def broken() -> str:
        raise RuntimeError("database gone")

    with pytest.raises(RuntimeError):
        cache.get_or_compute("k", 1, broken)
    assert cache.get_or_compute("k", 1, lambda: "ok") == "ok"
    assert len(cache) == 1


def test_the_cache_keeps_only_the_most_recent_entries() -> None:
    cache = FigureCache(max_entries=3)
    for i in range(5):
        cache.get_or_compute(i, 1, partial(int, i))
    assert len(cache) == 3
    assert cache.get_or_compute(0, 1, lambda: "again") == "again"  # dropped, computed anew
    assert cache.get_or_compute(4, 1, lambda: "stale") == 4


def test_cache_keys_move_with_the_minute_not_the_second() -> None:
    at = datetime(2025, 3, 11, 4, 0, 5)
    same = resolve_period("30d", None, None, at + timedelta(seconds=50))
    later = resolve_period("30d", None, None, at + timedelta(seconds=60))
    assert window_key(resolve_period("30d", None, None, at)) == window_key(same)
    assert window_key(same) != window_key(later)
    custom = resolve_period("custom", _utc(SINCE[:-1]), _utc(UNTIL[:-1]), at)
    assert window_key(custom) != window_key(resolve_period("custom", _utc(SINCE[:-1]), at, at))
