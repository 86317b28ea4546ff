"""Dispatch between units through the API: transfer to a lead unit + assisting units,
sign-for against its deadline (an injected clock, exact to the second), return with a
reason code, the overdue notice (exactly once per interval, also across processes),
and closing by the lead unit only."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

import pytest

from platform_server.events.dispatch_watch import DispatchWatch
from platform_server.storage.models import utcnow
from tests.helpers import databases, dbutil
from tests.helpers.clock import Clock
from tests.helpers.platform import RunningPlatform
from tests.helpers.posts import citizen_post, error, events_of, ids, parse_time, silent_report
from tests.helpers.sse import SseReader

pytestmark = pytest.mark.integration

STATION = "020020"  # 徐俊杰, 城关派出所
# The injected clock's start (naive UTC): a whole hour after every post the tests create.
T0 = (utcnow() + timedelta(days=1)).replace(minute=0, second=0, microsecond=0)


def z(offset_seconds: float) -> str:
    """T0 + offset as the API writes times."""
    return (T0 + timedelta(seconds=offset_seconds)).isoformat(timespec="milliseconds") + "Z"


@pytest.fixture(scope="module")
def platform(engine: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningPlatform]:
    """This module's platform: the overdue thread idle, so each test drives it by hand."""
    p = databases.start_platform_on(
        engine, tmp_path_factory.mktemp("dispatch"), dispatch_check_seconds=3600.0
    )
    yield p
    p.stop()


@pytest.fixture
def clock(platform: RunningPlatform) -> Iterator[Clock]:
    c = Clock(T0)
    platform.ctx.clock = c
    yield c
    platform.ctx.clock = utcnow


def _watch(platform: RunningPlatform) -> DispatchWatch:
    """An overdue checker on the platform's database (as a second server process would be)."""
    return DispatchWatch(platform.ctx.db, platform.ctx.settings, platform.ctx.hub.notify)


def _unit(platform: RunningPlatform, code: str) -> int:
    return ids(platform)["unit"][code]


def _dispatch(
    platform: RunningPlatform, pid: int, to: str = "st-chengguan", assist: tuple[str, ...] = ()
) -> dict[str, Any]:
    body: dict[str, Any] = {"unit_id": _unit(platform, to), "reason": "属地管辖，请签收办理"}
    if assist:
        body["assist_unit_ids"] = [_unit(platform, a) for a in assist]
    r = platform.officer("010001").act(pid, "transfer", body)
    assert r.status_code == 200, r.text
    return dict(r.json())


def _count(platform: RunningPlatform, etype: str, pid: int) -> int:
    return len([e for e in events_of(platform, pid) if e[0] == etype])


# ---------------------------------------------------------------- dispatch
def test_transfer_dispatches_with_a_sign_deadline_exact_to_the_second(
    platform: RunningPlatform, clock: Clock
) -> None:
    pid = citizen_post(platform)
    d = _dispatch(platform, pid, assist=("st-hebin", "traffic"))
    disp = d["dispatch"]
    assert disp["unit_id"] == _unit(platform, "st-chengguan") == d["unit_id"]
    assert disp["assist_unit_ids"] == [_unit(platform, "st-hebin"), _unit(platform, "traffic")]
    assert disp["by"]["badge"] == "010001"
    assert disp["at"] == z(0)
    # Board 110: the default 30 minutes to sign for it.
    assert disp["sign_deadline_at"] == z(30 * 60)
    assert disp["signed_at"] is None and disp["signed_by"] is None
    assert d["status"] == "new" and d["assignee_id"] is None
    ((etype, payload),) = [(e[0], e[2]) for e in events_of(platform, pid) if e[0] != "post.created"]
    assert etype == "post.dispatched"
    assert payload["assist_unit_ids"] == disp["assist_unit_ids"]
    assert payload["dispatch"]["sign_deadline_at"] == disp["sign_deadline_at"]
    prev = dbutil.scalar(
        platform, "SELECT prev_unit_id FROM events WHERE post_id = ? AND type = ?", pid, etype
    )
    assert prev == _unit(platform, "cmd")  # the dispatching unit hears of it too
    # The queue row carries the same dispatch.
    row = platform.officer(STATION).get("/posts", params={"unit": d["unit_id"]}).json()["items"]
    assert [p["dispatch"] for p in row if p["id"] == pid] == [disp]


def test_a_silent_report_must_be_signed_for_in_three_minutes(
    platform: RunningPlatform, clock: Clock
) -> None:
    pid = silent_report(platform)
    d = _dispatch(platform, pid)
    assert d["dispatch"]["sign_deadline_at"] == z(3 * 60)


def test_dispatch_to_unknown_or_lead_as_assisting_unit_is_422(
    platform: RunningPlatform, clock: Clock
) -> None:
    pid = citizen_post(platform)
    api = platform.officer("010001")
    st = _unit(platform, "st-chengguan")
    r = api.act(pid, "transfer", {"unit_id": st, "reason": "x", "assist_unit_ids": [st]})
    assert r.status_code == 422 and error(r)["code"] == "assist_is_lead"
    r = api.act(pid, "transfer", {"unit_id": st, "reason": "x", "assist_unit_ids": [99999]})
    assert r.status_code == 422 and error(r)["code"] == "unknown_unit"
    assert api.get(f"/posts/{pid}").json()["dispatch"] is None  # nothing changed


# ---------------------------------------------------------------- overdue
def test_overdue_exactly_after_the_sign_deadline_once_per_interval(
    platform: RunningPlatform, clock: Clock
) -> None:
    pid = citizen_post(platform)
    _dispatch(platform, pid)
    watch = _watch(platform)
    deadline = T0 + timedelta(minutes=30)
    repeat = platform.ctx.settings.dispatch_overdue_repeat_seconds

    def notices_after(at: datetime, w: DispatchWatch = watch) -> int:
        w.run_once(at)  # (other tests' dispatches on this platform may be due too)
        return _count(platform, "dispatch.overdue", pid)

    assert notices_after(deadline) == 0  # at the deadline it is still on time
    assert notices_after(deadline + timedelta(seconds=1)) == 1  # one second late: overdue
    assert notices_after(deadline + timedelta(seconds=2)) == 1  # not again at once
    assert notices_after(deadline + timedelta(seconds=3), _watch(platform)) == 1  # nor elsewhere
    post = platform.officer(STATION).get(f"/posts/{pid}").json()
    assert post["dispatch"]["overdue_at"] == z(30 * 60 + 1)
    assert [t["action"] for t in post["timeline"]].count("sign_overdue") == 1
    version = post["version"]
    # It repeats every interval until someone acts; repeats change nothing else.
    later = deadline + timedelta(seconds=1 + repeat)
    assert notices_after(later - timedelta(seconds=1)) == 1
    assert notices_after(later) == 2
    payload = [e[2] for e in events_of(platform, pid) if e[0] == "dispatch.overdue"][-1]
    assert payload["overdue_count"] == 2 and payload["actor"] is None
    assert platform.officer(STATION).get(f"/posts/{pid}").json()["version"] == version
    # Signed: no more notices.
    assert platform.officer(STATION).act(pid, "sign").status_code == 200
    assert notices_after(later + timedelta(seconds=repeat * 3)) == 2


def test_only_the_overdue_dispatches_alarm(platform: RunningPlatform, clock: Clock) -> None:
    late = citizen_post(platform)
    _dispatch(platform, late)
    signed = citizen_post(platform)
    _dispatch(platform, signed)
    assert platform.officer(STATION).act(signed, "sign").status_code == 200
    clock.advance(20 * 60)
    fresh = citizen_post(platform)
    _dispatch(platform, fresh)  # dispatched 20 minutes later: due at 06:50
    returned = citizen_post(platform)
    _dispatch(platform, returned)
    r = platform.officer(STATION).act(
        returned, "return", {"reason_code": "not_our_jurisdiction", "reason": "不在本所辖区"}
    )
    assert r.status_code == 200, r.text
    _watch(platform).run_once(T0 + timedelta(minutes=31))
    announced = {
        p: _count(platform, "dispatch.overdue", p) for p in (late, signed, fresh, returned)
    }
    assert announced == {late: 1, signed: 0, fresh: 0, returned: 0}


def test_two_processes_announce_each_overdue_dispatch_once(
    platform: RunningPlatform, clock: Clock
) -> None:
    pids = [citizen_post(platform) for _ in range(6)]
    for pid in pids:
        _dispatch(platform, pid)
    at = T0 + timedelta(minutes=45)
    watches = [_watch(platform) for _ in range(3)]
    start = threading.Barrier(len(watches))
    counts: list[int] = []

    def run(w: DispatchWatch) -> None:
        start.wait()
        counts.append(w.run_once(at))

    threads = [threading.Thread(target=run, args=(w,)) for w in watches]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sum(counts) >= len(pids)  # earlier tests' dispatches may be due as well
    assert [_count(platform, "dispatch.overdue", p) for p in pids] == [1] * len(pids)


def test_overdue_reaches_the_receiving_unit_and_the_dispatcher(
    start_platform: Any,
) -> None:
    p = start_platform(
        sign_deadline_minutes={"110": 0.02}, dispatch_check_seconds=0.2, escalation_seconds=60.0
    )
    pid = citizen_post(p)
    station, dispatcher = p.officer(STATION), p.officer("010001")
    other_station = p.officer(dbutil.badge_in_unit(p, "st-xiguan", role="leader"))
    with (
        SseReader(p.url, station.token) as s1,
        SseReader(p.url, dispatcher.token) as s2,
        SseReader(p.url, other_station.token) as s3,
    ):
        for s in (s1, s2, s3):
            s.ready()
        _dispatch(p, pid)
        for s in (s1, s2):
            got = s.until(lambda f: f.event == "dispatch.overdue", timeout=10)[-1].json
            assert got["id"] == pid and got["dispatch"]["signed_at"] is None
        assert [f for f in s3.events(timeout=1) if f.event == "dispatch.overdue"] == []
    deadline = dbutil.scalar(p, "SELECT sign_deadline_at FROM dispatches WHERE post_id = ?", pid)
    first = dbutil.scalar(p, "SELECT overdue_at FROM dispatches WHERE post_id = ?", pid)
    assert datetime.fromisoformat(str(first)) > datetime.fromisoformat(str(deadline))


# ---------------------------------------------------------------- sign
def test_lead_and_assisting_units_sign_their_parts(platform: RunningPlatform, clock: Clock) -> None:
    pid = citizen_post(platform)
    _dispatch(platform, pid, assist=("st-hebin",))
    clock.advance(75)
    lead = platform.officer(STATION)
    r = lead.act(pid, "sign")
    assert r.status_code == 200, r.text
    d = r.json()["dispatch"]
    assert d["signed_at"] == z(75) and d["signed_by"]["badge"] == STATION
    assert d["assist_signed_unit_ids"] == []
    again = lead.act(pid, "sign")
    assert again.status_code == 200 and again.json()["version"] == r.json()["version"]
    hebin = platform.officer(dbutil.badge_in_unit(platform, "st-hebin"))
    r = hebin.act(pid, "sign")
    assert r.status_code == 200, r.text
    assert r.json()["dispatch"]["assist_signed_unit_ids"] == [_unit(platform, "st-hebin")]
    signed = [e[2]["signed_unit_id"] for e in events_of(platform, pid) if e[0] == "post.signed"]
    assert signed == [_unit(platform, "st-chengguan"), _unit(platform, "st-hebin")]
    actions = [t["action"] for t in lead.get(f"/posts/{pid}").json()["timeline"]]
    assert actions.count("signed") == 2
    # A unit that is neither lead nor assisting may not sign.
    xiguan = platform.officer(dbutil.badge_in_unit(platform, "st-xiguan"))
    assert xiguan.act(pid, "sign").status_code == 403


def test_sign_without_a_dispatch_is_409(platform: RunningPlatform, clock: Clock) -> None:
    pid = citizen_post(platform)
    r = platform.officer("010001").act(pid, "sign")
    assert r.status_code == 409 and error(r)["code"] == "not_dispatched"


# ---------------------------------------------------------------- return
def test_return_needs_a_reason_and_goes_back_to_the_dispatcher(
    platform: RunningPlatform, clock: Clock
) -> None:
    pid = citizen_post(platform)
    _dispatch(platform, pid, assist=("st-hebin",))
    lead = platform.officer(STATION)
    for body in (
        {"reason_code": "not_our_jurisdiction", "reason": ""},
        {"reason_code": "not_our_jurisdiction", "reason": "   "},
        {"reason_code": "not_our_jurisdiction"},
        {"reason_code": "bored", "reason": "不想办"},
    ):
        r = lead.act(pid, "return", body)
        assert r.status_code == 422, (body, r.text)
        assert error(r)["message"]  # a sentence, in Chinese
    hebin = platform.officer(dbutil.badge_in_unit(platform, "st-hebin"))
    assert (
        hebin.act(pid, "return", {"reason_code": "other", "reason": "协办不能回退"}).status_code
        == 403
    )
    clock.advance(120)
    r = lead.act(pid, "return", {"reason_code": "insufficient_information", "reason": "缺少地址"})
    assert r.status_code == 200, r.text
    d = r.json()
    assert d["unit_id"] == _unit(platform, "cmd") and d["status"] == "new"
    assert d["assignee_id"] is None and d["dispatch"] is None
    trip = [(t["action"], t["from_unit_id"], t["to_unit_id"]) for t in d["timeline"]]
    cmd, st = _unit(platform, "cmd"), _unit(platform, "st-chengguan")
    assert ("transferred", cmd, st) in trip and trip[-1] == ("returned", st, cmd)
    assert d["timeline"][-1]["detail"] == "信息不足无法办理：缺少地址"
    (payload,) = [e[2] for e in events_of(platform, pid) if e[0] == "post.returned"]
    assert payload["reason_code"] == "insufficient_information" and payload["reason"] == "缺少地址"
    assert (
        dbutil.scalar(
            platform,
            "SELECT prev_unit_id FROM events WHERE post_id = ? AND type = 'post.returned'",
            pid,
        )
        == st
    )
    # The dispatcher's unit has it again; returning it a second time is a conflict.
    assert platform.officer("010001").act(pid, "accept").status_code == 200
    again = platform.officer("010001").act(pid, "return", {"reason_code": "other", "reason": "x"})
    assert again.status_code == 409 and error(again)["code"] == "not_dispatched"


# ---------------------------------------------------------------- close
def test_only_the_lead_unit_closes_and_the_public_never_sees_unfounded(
    platform: RunningPlatform, clock: Clock
) -> None:
    pid = citizen_post(platform)
    _dispatch(platform, pid, assist=("st-hebin",))
    hebin = platform.officer(dbutil.badge_in_unit(platform, "st-hebin"))
    assert hebin.act(pid, "sign").status_code == 200
    r = hebin.act(pid, "close", {"resolution": "协办完毕", "closure_code": "resolved"})
    assert r.status_code == 403
    lead = platform.officer(STATION)
    r = lead.act(pid, "close", {"resolution": "经核实，反映情况不存在。", "closure_code": "bogus"})
    assert r.status_code == 422
    r = lead.act(
        pid, "close", {"resolution": "经核实，反映情况不存在。", "closure_code": "unfounded"}
    )
    assert r.status_code == 200, r.text
    assert r.json()["closure_code"] == "unfounded" and r.json()["dispatch"] is None
    public = platform.citizen().get(f"/public/posts/{pid}")
    assert public.status_code == 200
    assert public.json()["closure"] == "已办结"
    assert "unfounded" not in public.text
    # Closed unsigned: nothing is waiting for a signature any more.
    assert _watch(platform).run_once(T0 + timedelta(hours=5)) >= 0
    assert _count(platform, "dispatch.overdue", pid) == 0


def test_closure_codes_show_in_words_the_citizen_may_read(
    platform: RunningPlatform, clock: Clock
) -> None:
    api = platform.officer("010001")
    for code, words in (("resolved", "已解决"), ("answered", "已答复"), ("duplicate", "已办结")):
        pid = citizen_post(platform)
        assert api.act(pid, "close", {"resolution": "已处理", "closure_code": code}).ok
        assert platform.citizen().get(f"/public/posts/{pid}").json()["closure"] == words
    pid = citizen_post(platform)
    assert platform.citizen().get(f"/public/posts/{pid}").json()["closure"] is None


def test_deadlines_use_the_injected_clock(platform: RunningPlatform, clock: Clock) -> None:
    pid = citizen_post(platform)
    clock.advance(3600)
    d = _dispatch(platform, pid)
    assert parse_time(d["deadline_at"]) == parse_time(z(2 * 3600))  # 110: 60 min


# ---------------------------------------------------------------- assign
def _officers(platform: RunningPlatform, unit: str) -> list[tuple[int, str, str, bool]]:
    """(id, badge, role, on duty) of a unit's officers, by badge."""
    return [
        (int(i), str(b), str(r), bool(d))
        for i, b, r, d in dbutil.rows(
            platform,
            "SELECT o.id, o.badge, o.role, o.on_duty FROM officers o "
            "JOIN units u ON u.id = o.unit_id WHERE u.code = ? ORDER BY o.badge",
            unit,
        )
    ]


def test_assign_hands_the_post_to_an_officer_of_the_holding_unit(
    platform: RunningPlatform, clock: Clock
) -> None:
    pid = citizen_post(platform)
    _dispatch(platform, pid)
    staff = _officers(platform, "st-chengguan")
    on_duty = [o for o in staff if o[2] == "officer" and o[3]]
    off_duty = [o for o in staff if o[2] == "officer" and not o[3]]
    (leader,) = [o for o in staff if o[2] == "leader"]
    first, second = on_duty[0], on_duty[1]
    # An officer off duty may not hand out work.
    r = platform.officer(off_duty[0][1]).act(pid, "assign", {"officer_id": first[0]})
    assert r.status_code == 403
    # Only officers of the holding unit can be given it.
    duty = platform.officer(first[1])
    outsider = _officers(platform, "st-hebin")[0][0]
    r = duty.act(pid, "assign", {"officer_id": outsider})
    assert r.status_code == 422 and error(r)["code"] == "not_in_unit"
    r = duty.act(pid, "assign", {"officer_id": 99999})
    assert r.status_code == 422 and error(r)["code"] == "unknown_officer"
    # The duty officer hands it to a colleague, who then holds it.
    with SseReader(platform.url, platform.officer(second[1]).token) as sse:
        sse.ready()
        r = duty.act(pid, "assign", {"officer_id": second[0]})
        assert r.status_code == 200, r.text
        got = sse.until(lambda f: f.event == "post.assigned", timeout=5)[-1].json
    assert (r.json()["assignee_id"], r.json()["status"]) == (second[0], "accepted")
    assert got["assigned_to"]["id"] == second[0] and got["actor"]["badge"] == first[1]
    # Held now: another duty officer cannot take it away, the unit's leader can.
    r = duty.act(pid, "assign", {"officer_id": first[0]})
    assert r.status_code == 409 and error(r)["code"] == "claimed_by_other"
    r = platform.officer(leader[1]).act(pid, "assign", {"officer_id": first[0]})
    assert r.status_code == 200 and r.json()["assignee_id"] == first[0]
    details = [t["detail"] for t in r.json()["timeline"] if t["action"] == "assigned"]
    assert len(details) == 2 and first[1] in details[-1]
