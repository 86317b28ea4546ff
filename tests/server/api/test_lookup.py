"""Finding a case without the queue (API v1.1): by number (`q=#12345`), by the author's
phone (roles that may see phones), the author's earlier posts, and read-only sight of a
post the officer handled after it left their scope."""

from __future__ import annotations

import pytest

from tests.helpers.platform import RunningPlatform
from tests.helpers.posts import citizen_post, error, insert_post, silent_report

pytestmark = pytest.mark.integration

STATION_OFFICER = "020020"  # 城关派出所: outside the command centre's scope


def test_hash_number_finds_that_case_whatever_the_filters(platform: RunningPlatform) -> None:
    pid = insert_post(platform, title="已办结的旧帖", status="resolved")
    citizen_post(platform, title="另一个帖子")
    api = platform.officer("010001")
    for q in (f"#{pid}", f" # {pid} "):
        r = api.get("/posts", params={"q": q, "status": "new", "board": "traffic"})
        assert r.status_code == 200, r.text
        assert [p["id"] for p in r.json()["items"]] == [pid]


def test_hash_number_of_a_post_the_viewer_may_not_read_finds_nothing(
    platform: RunningPlatform,
) -> None:
    sid = insert_post(platform, board="silent", unit="st-chengguan")
    r = platform.officer("010001").get("/posts", params={"q": f"#{sid}"})
    assert r.status_code == 200 and r.json()["items"] == []


def test_phone_lookup_for_leaders_finds_the_authors_posts(platform: RunningPlatform) -> None:
    mine = citizen_post(platform, title="电动车被偷", phone="13955550001")
    other = citizen_post(platform, title="楼道堆物", phone="13955550002")
    leader = platform.officer("010900")
    r = leader.get("/posts", params={"phone": "139-5555-0001"})
    assert r.status_code == 200, r.text
    found = [p["id"] for p in r.json()["items"]]
    assert mine in found and other not in found
    assert r.json()["items"][0]["author"]["phone"] == "13955550001"  # leaders see phones


def test_phone_lookup_is_403_with_a_sentence_for_duty_officers(platform: RunningPlatform) -> None:
    r = platform.officer("010001").get("/posts", params={"phone": "13955550001"})
    assert r.status_code == 403
    assert error(r)["code"] == "phone_lookup_forbidden"
    assert "手机号" in error(r)["message"] and "领导" in error(r)["message"]


def test_phone_lookup_rejects_what_is_not_a_number(platform: RunningPlatform) -> None:
    r = platform.officer("010900").get("/posts", params={"phone": "abc"})
    assert r.status_code == 422 and "手机号格式不正确" in error(r)["message"]


def test_citizen_posts_lists_the_reporters_posts_as_scope_allows(
    platform: RunningPlatform,
) -> None:
    citizen = platform.citizen("回头客", "13955550003")
    first = citizen_post(citizen, title="第一次求助")
    second = citizen_post(citizen, title="第二次求助")
    private = silent_report(citizen)
    api = platform.officer("010001")
    d = api.get(f"/posts/{second}").json()
    cid = d["citizen_id"]
    assert cid is not None
    r = api.get(f"/citizens/{cid}/posts")
    assert r.status_code == 200, r.text
    assert [p["id"] for p in r.json()["items"]] == [private, second, first]  # newest first
    # A station officer may not read the silent report (command centre's): not listed.
    r = platform.officer(STATION_OFFICER).get(f"/citizens/{cid}/posts")
    assert [p["id"] for p in r.json()["items"]] == [second, first]
    r = api.get("/citizens/999999/posts")
    assert r.status_code == 404 and "没有编号为 999999 的群众" in error(r)["message"]


def test_handler_keeps_read_only_sight_after_transfer(platform: RunningPlatform) -> None:
    sid = silent_report(platform, body="有人尾随我，我在超市里")
    zhang = platform.officer("010001")
    assert zhang.act(sid, "acknowledge").status_code == 200
    target = zhang.get("/units").json()
    station = next(u["id"] for u in target if u["code"] == "st-chengguan")
    r = zhang.act(sid, "transfer", {"unit_id": station, "reason": "报警人在城关辖区"})
    assert r.status_code == 200, r.text
    r = zhang.get(f"/posts/{sid}")
    assert r.status_code == 200, r.text
    d = r.json()
    assert d["handled_before"] is True and d["unit_id"] == station
    assert d["notes_visible"] is False
    # read-only: acting on it is refused with a sentence
    r = zhang.act(sid, "accept")
    assert r.status_code == 403 and "办理范围" in error(r)["message"]
    # an officer of the same unit who never handled it still gets "not found"
    r = platform.officer("010003").get(f"/posts/{sid}")
    assert r.status_code == 404


def test_a_citizen_number_out_of_range_is_a_sentence_not_a_500(platform: RunningPlatform) -> None:
    r = platform.officer("010001").get("/citizens/5185606092325682937856/posts")
    assert r.status_code == 404 and "没有找到" in r.json()["error"]["message"], r.text


def test_a_case_number_past_the_largest_id_finds_nothing(platform: RunningPlatform) -> None:
    r = platform.officer("010001").get("/posts", params={"q": "#999999999999"})
    assert r.status_code == 200 and r.json()["items"] == [], r.text
