"""The per-unit ranking (`GET /stats/units`) against hand-computed figures: the stats
data set (tests/helpers/stats_cast.py) plus the dispatches and extensions of
tests/helpers/ranking_cast.py, and who may see it."""

from __future__ import annotations

from typing import Any

import pytest

from tests.helpers.platform import Api, RunningPlatform
from tests.helpers.ranking_cast import install_dispatches
from tests.helpers.stats_cast import WINDOW, Cast, ok

pytestmark = [pytest.mark.integration]

KEYS = (
    *("dispatched", "sign_decided", "signed_on_time", "sign_on_time_rate", "returned"),
    *("return_rate", "posts", "decided", "closed_on_time", "closed_on_time_rate"),
    *("extended", "extension_rate", "rated", "satisfied", "satisfaction_rate"),
)


@pytest.fixture(scope="module")
def ranked(platform: RunningPlatform, cast: Cast) -> Cast:
    install_dispatches(platform, cast)
    return cast


def _rows(body: dict[str, Any]) -> dict[int, tuple[Any, ...]]:
    return {u["unit_id"]: tuple(u[k] for k in KEYS) for u in body["units"]}


def test_each_unit_ranked_by_its_promises(admin: Api, ranked: Cast) -> None:
    body = ok(admin, "units", **WINDOW)
    assert body["window"]["scope"] == "all"
    rows = _rows(body)
    u = ranked.units
    # cmd: no dispatches to it; P1 P2 P4 P5 P6 P7 decided, P1 P5 P7 on time; an
    # extension asked on P2 (twice); ratings of P1 (5) and P2 (1).
    assert rows[u["cmd"]] == (0, 0, 0, None, 0, None, 6, 6, 3, 0.5, 1, 0.1667, 2, 1, 0.5)
    # chengguan: D1 in time, D4 never signed and returned late; P3 overdue, extended,
    # rated 2.
    assert rows[u["st-chengguan"]] == (2, 2, 1, 0.5, 1, 0.5, 1, 1, 0, 0.0, 1, 1.0, 1, 0, 0.0)
    # xiguan: D2 in time, D3 returned before its deadline (not decided); P9 overdue;
    # the extension it asked on P4 does not count (P4 is cmd's).
    assert rows[u["st-xiguan"]] == (2, 1, 1, 1.0, 1, 0.5, 1, 1, 0, 0.0, 0, 0.0, 0, 0, None)
    # kaifa: D5 signed late and returned; holds nothing.
    assert rows[u["st-kaifa"]] == (1, 1, 0, 0.0, 1, 1.0, 0, 0, 0, None, 0, None, 0, 0, None)
    # Quiet units are listed with zeros; every unit once.
    assert rows[u["st-hebin"]] == (0, 0, 0, None, 0, None, 0, 0, 0, None, 0, None, 0, 0, None)
    assert len(rows) == len(body["units"]) == len(u)
    # The units' deadline counts add up to the city's deadline compliance.
    summary = ok(admin, "summary", **WINDOW)
    decided = sum(r["decided"] for r in body["units"])
    on_time = sum(r["closed_on_time"] for r in body["units"])
    assert round(on_time / decided, 4) == summary["deadline_compliance"]["value"]


def test_previous_window_counts_its_own_dispatches(admin: Api, ranked: Cast) -> None:
    prev = {"period": "custom", "since": "2025-03-07T16:00:00Z", "until": WINDOW["since"]}
    rows = _rows(ok(admin, "units", **prev))
    assert rows[ranked.units["st-chengguan"]][:4] == (1, 1, 1, 1.0)  # D6 only
    assert rows[ranked.units["cmd"]][6:10] == (1, 1, 1, 1.0)  # P8


def test_leaders_see_their_subtree_only(platform: RunningPlatform, ranked: Cast) -> None:
    station = platform.officer(ranked.chengguan_leader.badge)
    body = ok(station, "units", **WINDOW)
    assert [r["unit_id"] for r in body["units"]] == [ranked.units["st-chengguan"]]
    branch = platform.officer(ranked.east_leader.badge)
    names = {r["code"] for r in ok(branch, "units", **WINDOW)["units"]}
    assert names == {"br-east", "st-chengguan", "st-hebin", "st-dongmen"}
    r = station.get("/stats/units", params={**WINDOW, "unit": ranked.units["cmd"]})
    assert r.status_code == 403


def test_duty_officers_may_not_rank_units(platform: RunningPlatform, ranked: Cast) -> None:
    r = platform.officer("010001").get("/stats/units", params=WINDOW)
    assert r.status_code == 403
    assert r.json()["error"]["message"] == "单位排名只有领导可以查看。"
