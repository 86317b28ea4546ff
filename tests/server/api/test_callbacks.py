"""Callbacks (回访): made on resolution by the board's sampling rate, worked from the unit's
list (with the phone for those who may see it), one outcome per attempt; dissatisfied
reopens the post under supervision; the third unreachable attempt ends it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from platform_server.domain.callbacks import sampled
from tests.helpers import dbutil
from tests.helpers.platform import Api, RunningPlatform, citizen_post, new_key
from tests.helpers.posts import error, events_of

pytestmark = pytest.mark.integration

INSPECT = "020018"  # an officer of 督察支队, who handles complaints
STATION = "020020"  # 城关派出所
SEED = "callbacks"  # ServerSettings.callback_sample_seed


def _resolve(api: Api, pid: int, text: str = "已核实处理完毕") -> None:
    r = api.act(pid, "close", {"resolution": text})
    assert r.status_code == 200, r.text


def _callbacks(api: Api, **params: Any) -> list[dict[str, Any]]:
    r = api.get("/callbacks", params=params)
    assert r.status_code == 200, r.text
    return list(r.json())


def _for(api: Api, pid: int, status: str | None = "due") -> dict[str, Any]:
    found = [
        c for c in _callbacks(api, **({"status": status} if status else {})) if c["post_id"] == pid
    ]
    assert len(found) == 1, found
    return found[0]


def _attempt(api: Api, cb_id: int, outcome: str, note: str = "", key: str | None = None) -> Any:
    return api.post(
        f"/callbacks/{cb_id}/attempts",
        {"outcome": outcome, "note": note},
        headers={"Idempotency-Key": key or new_key()},
    )


def _complaint(platform: RunningPlatform, title: str = "民警接警后迟迟不出警") -> int:
    return citizen_post(platform, title, board="complaint", nickname="投诉人", phone="13800138000")


# ---------------------------------------------------------------- the draw
def test_the_draw_depends_on_the_post_alone() -> None:
    draws = [sampled(pid, 0.3, SEED) for pid in range(1, 20_001)]
    assert draws == [sampled(pid, 0.3, SEED) for pid in range(1, 20_001)]
    assert 0.28 < sum(draws) / len(draws) < 0.32
    assert all(sampled(pid, 1.0, SEED) for pid in range(1, 500))
    assert not any(sampled(pid, 0.0, SEED) for pid in range(1, 500))


def test_every_complaint_is_called_back(platform: RunningPlatform) -> None:
    inspector = platform.officer(INSPECT)
    pids = [_complaint(platform, f"投诉{i}") for i in range(5)]
    for pid in pids:
        _resolve(inspector, pid)
    due = {c["post_id"] for c in _callbacks(inspector, status="due")}
    assert set(pids) <= due
    (_etype, audience, payload) = next(
        e for e in events_of(platform, pids[0]) if e[0] == "callback.due"
    )
    assert audience == "scope" and payload["callback"]["status"] == "due"
    assert payload["callback"]["attempt_count"] == 0


def test_other_boards_are_sampled_at_thirty_percent(platform: RunningPlatform) -> None:
    zhang = platform.officer("010001")
    pids = [citizen_post(platform, f"求助{i}", phone="13800138001") for i in range(60)]
    for pid in pids:
        _resolve(zhang, pid)
    due = {c["post_id"] for c in _callbacks(zhang, status="due", limit=500)}
    made = {pid for pid in pids if pid in due}
    assert made == {pid for pid in pids if sampled(pid, 0.3, SEED)}
    assert 6 <= len(made) <= 30  # 30 % of 60, give or take what 60 draws give
    # Resolving the same post again draws the same way (reopen, then close).
    skipped = next(pid for pid in pids if pid not in made)
    assert zhang.act(skipped, "reopen", {"reason": "补充材料"}).status_code == 200
    _resolve(zhang, skipped)
    assert skipped not in {c["post_id"] for c in _callbacks(zhang, status="due", limit=500)}


def test_no_callback_without_a_phone_or_for_a_silent_report(platform: RunningPlatform) -> None:
    inspector = platform.officer(INSPECT)
    pid = citizen_post(platform, "匿名投诉", board="complaint", phone=None)
    _resolve(inspector, pid)
    assert pid not in {c["post_id"] for c in _callbacks(inspector)}
    assert "callback.due" not in [t for t, _a, _p in events_of(platform, pid)]


def test_board_rates_are_settings(tmp_path: Path) -> None:
    p = RunningPlatform.start(
        tmp_path / "p.sqlite3", callback_rate=0.0, callback_board_rates={"110": 1.0}
    )
    try:
        zhang = p.officer("010001")
        on_110 = citizen_post(p, "设置测试 110", board="110")
        on_advice = citizen_post(p, "设置测试 建议", board="advice")
        _resolve(zhang, on_110)
        _resolve(zhang, on_advice)
        assert {c["post_id"] for c in _callbacks(zhang)} == {on_110}
    finally:
        p.stop()


# ---------------------------------------------------------------- the worklist
def test_the_worklist_is_the_units_own_with_the_phone_for_those_who_may_see_it(
    platform: RunningPlatform,
) -> None:
    inspector = platform.officer(INSPECT)
    pid = _complaint(platform)
    _resolve(inspector, pid)
    mine = _for(inspector, pid)
    assert mine["post"]["author"] == {"nickname": "投诉人", "phone": "13800138000"}
    assert (
        mine["status"] == "due" and mine["attempts"] == [] and mine["due_at"] > mine["created_at"]
    )
    leader = platform.officer("010900")  # the city's leader sees every unit's, phone included
    assert _for(leader, pid)["post"]["author"]["phone"] == "13800138000"
    # Other units do not see it at all (a complaint is not theirs to call about).
    assert pid not in {c["post_id"] for c in _callbacks(platform.officer(STATION))}
    assert pid not in {c["post_id"] for c in _callbacks(platform.officer("010001"))}
    r = _attempt(platform.officer(STATION), mine["id"], "satisfied")
    assert r.status_code == 404


# ---------------------------------------------------------------- attempts
def test_satisfied_ends_the_callback(platform: RunningPlatform) -> None:
    inspector = platform.officer(INSPECT, workstation="回访席")
    pid = _complaint(platform)
    _resolve(inspector, pid)
    cb = _for(inspector, pid)
    r = _attempt(inspector, cb["id"], "basically_satisfied", "群众表示基本满意")
    assert r.status_code == 201, r.text
    out = r.json()
    assert out["status"] == "done" and out["outcome"] == "basically_satisfied"
    assert out["closed_at"] is not None and out["attempt_count"] == 1
    assert out["attempts"][0]["officer"]["badge"] == INSPECT
    assert out["attempts"][0]["note"] == "群众表示基本满意"
    assert pid not in {c["post_id"] for c in _callbacks(inspector, status="due")}
    again = _attempt(inspector, cb["id"], "satisfied")
    assert again.status_code == 409 and error(again)["code"] == "callback_closed"
    post = inspector.get(f"/posts/{pid}").json()
    assert post["status"] == "resolved"
    assert (
        post["timeline"][-1]["action"] == "callback"
        and post["timeline"][-1]["detail"] == "基本满意"
    )
    audit = dbutil.rows(
        platform,
        "SELECT action, workstation FROM audit"
        " WHERE target_id = ? AND action LIKE 'post.callback%'",
        pid,
    )
    assert audit == [("post.callback_attempt", "回访席")]


def test_the_third_unreachable_attempt_ends_it(platform: RunningPlatform) -> None:
    inspector = platform.officer(INSPECT)
    pid = _complaint(platform)
    _resolve(inspector, pid)
    cb = _for(inspector, pid)
    for n in (1, 2):
        r = _attempt(inspector, cb["id"], "unreachable", f"第{n}次无人接听")
        assert r.status_code == 201
        assert r.json()["status"] == "due" and r.json()["attempt_count"] == n
    r = _attempt(inspector, cb["id"], "unreachable", "关机")
    assert r.json()["status"] == "unreachable" and r.json()["outcome"] == "unreachable"
    assert [a["outcome"] for a in r.json()["attempts"]] == ["unreachable"] * 3
    assert _for(inspector, pid, status="unreachable")["id"] == cb["id"]
    assert inspector.get(f"/posts/{pid}").json()["status"] == "resolved"
    updates = [p["callback"] for t, _a, p in events_of(platform, pid) if t == "callback.updated"]
    assert [u["status"] for u in updates] == ["due", "due", "unreachable"]


def test_dissatisfied_reopens_the_post_under_supervision(platform: RunningPlatform) -> None:
    inspector = platform.officer(INSPECT)
    pid = _complaint(platform)
    _resolve(inspector, pid)
    cb = _for(inspector, pid)
    r = _attempt(inspector, cb["id"], "dissatisfied")
    assert r.status_code == 422 and "回访记录" in error(r)["message"]  # say why
    r = _attempt(inspector, cb["id"], "dissatisfied", "认为处理避重就轻，要求重新调查")
    assert r.status_code == 201, r.text
    post = inspector.get(f"/posts/{pid}").json()
    assert post["status"] == "in_progress" and post["resolution"] is None
    assert post["supervised_at"] is not None
    actions = [t["action"] for t in post["timeline"]]
    assert actions[-3:] == ["callback", "reopened", "supervised"]
    assert post["timeline"][-1]["detail"] == "回访不满意：认为处理避重就轻，要求重新调查"
    # One kind of supervision order: listed for the leaders like theirs, by due time.
    (row,) = dbutil.rows(
        platform, "SELECT source, instruction, closed_at FROM supervisions WHERE post_id = ?", pid
    )
    assert row == ("callback", "回访不满意：认为处理避重就轻，要求重新调查", None)
    (order,) = [
        s for s in platform.officer("010900").get("/supervision").json() if s["post_id"] == pid
    ]
    assert order["source"] == "callback" and order["due_at"] == post["deadline_at"]
    assert order["by"]["badge"] == INSPECT and order["at"] == post["supervised_at"]
    reopen = [p for t, _a, p in events_of(platform, pid) if t == "post.updated"][-1]
    assert reopen["action"] == "reopen" and reopen["supervised_at"] is not None
    # Resolved again, a supervised post is always called back, and its order is closed.
    _resolve(inspector, pid, "重新调查后已答复")
    assert _for(inspector, pid)["id"] != cb["id"]
    closed = dbutil.scalar(platform, "SELECT closed_at FROM supervisions WHERE post_id = ?", pid)
    assert closed is not None
    assert pid not in [s["post_id"] for s in platform.officer("010900").get("/supervision").json()]


def test_attempts_are_idempotent_and_validated(platform: RunningPlatform) -> None:
    inspector = platform.officer(INSPECT)
    pid = _complaint(platform)
    _resolve(inspector, pid)
    cb = _for(inspector, pid)
    key = new_key()
    first = _attempt(inspector, cb["id"], "unreachable", "无人接听", key)
    again = _attempt(inspector, cb["id"], "unreachable", "无人接听", key)
    assert again.json() == first.json() and again.json()["attempt_count"] == 1
    bad = _attempt(inspector, cb["id"], "happy")
    assert bad.status_code == 422 and "回访结果" in error(bad)["message"]
    assert _attempt(inspector, 999_999, "satisfied").status_code == 404


# ---------------------------------------------------------------- dashboard figures
def test_the_dashboard_counts_coverage_satisfaction_both_ways_and_the_unhappy(
    platform: RunningPlatform,
) -> None:
    city_leader = platform.officer("010900")  # 刘建华, the bureau: the whole city

    def figures() -> dict[str, Any]:
        r = city_leader.get("/stats/callbacks", params={"period": "today"})
        assert r.status_code == 200, r.text
        return dict(r.json())

    before = figures()
    inspector = platform.officer(INSPECT)
    happy, unhappy, gone = (_complaint(platform, f"投诉{n}：接警后无人联系") for n in range(3))
    for pid in (happy, unhappy, gone):
        _resolve(inspector, pid)
    assert _attempt(inspector, _for(inspector, happy)["id"], "satisfied").status_code == 201
    unhappy_cb = _for(inspector, unhappy)["id"]
    r = _attempt(inspector, unhappy_cb, "dissatisfied", "说没人上门核实")
    assert r.status_code == 201
    gone_cb = _for(inspector, gone)["id"]
    for _ in range(3):
        assert _attempt(inspector, gone_cb, "unreachable", "关机").status_code == 201
    after = figures()
    # The dissatisfied one was reopened, yet it was resolved in the period (its callback
    # says so): coverage never passes 100 %.
    assert after["resolved"] - before["resolved"] == 3
    assert after["made"] - before["made"] == 3
    assert after["reached"] - before["reached"] == 2
    assert after["unreachable"] - before["unreachable"] == 1
    assert after["outcomes"].get("dissatisfied", 0) - before["outcomes"].get("dissatisfied", 0) == 1
    assert 0 < after["coverage"] <= 1 and 0 <= after["satisfaction_callbacks"] <= 1
    assert "satisfaction_ratings" in after and "ratings_count" in after  # side by side
    top = after["dissatisfied"][0]
    assert (top["post_id"], top["callback_id"], top["note"]) == (
        unhappy,
        unhappy_cb,
        "说没人上门核实",
    )
    # A station leader sees only the station's callbacks: none of these complaints.
    station = platform.officer("020023").get("/stats/callbacks", params={"period": "today"})
    assert station.status_code == 200
    assert unhappy not in {d["post_id"] for d in station.json()["dissatisfied"]}
