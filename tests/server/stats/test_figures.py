"""Dashboard figures through the API against a small fixed data set with hand-computed
answers (`tests/helpers/stats_cast.py` tells the story of every post), and who sees which."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from platform_server.storage.models import Officer
from tests.helpers.platform import Api, RunningPlatform
from tests.helpers.stats_cast import SINCE, UNTIL, WINDOW, Cast, ok

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("cast")]


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
