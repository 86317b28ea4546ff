"""Posts officers record from other channels (`POST /posts`): validated and idempotent
like a citizen's post, routed by board, in the queue with their channel, the caller's
name kept off the public page."""

from __future__ import annotations

from typing import Any

import pytest

from tests.helpers import dbutil
from tests.helpers.platform import Api, RunningPlatform, new_key
from tests.helpers.posts import audit_of, error, events_of, ids

pytestmark = pytest.mark.integration

STATION = "020020"  # 城关派出所: may not see the caller's phone on a command-centre post


def _body(**over: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "channel": "hotline",
        "board": "public-order",
        "title": "楼上装修噪音扰民",
        "body": "来电称楼上每天早上七点开始装修，多次沟通无果。",
        "citizen": {"name": "王秀英", "phone": "13600001234"},
        "location": {"lat": 31.21, "lon": 121.47, "accuracy_m": 30, "address": "滨江花园"},
    }
    body.update(over)
    return body


def _record(api: Api, body: dict[str, Any], key: str | None = None) -> Any:
    return api.post("/posts", body, headers={"Idempotency-Key": key or new_key()})


def test_a_hotline_post_lands_in_the_queue_like_any_other(platform: RunningPlatform) -> None:
    zhang = platform.officer("010001", workstation="热线席-1")
    r = _record(zhang, _body())
    assert r.status_code == 201, r.text
    d = r.json()
    assert r.headers["ETag"] == '"1"'
    assert d["channel"] == "hotline" and d["status"] == "new" and d["kind"] == "post"
    assert d["board"] == "public-order" and d["unit_id"] == ids(platform)["unit"]["cmd"]
    assert d["author"] == {"nickname": "王秀英", "phone": "13600001234"}
    assert d["deadline_at"] is not None and d["location"]["address"] == "滨江花园"
    created = d["timeline"][0]
    assert created["action"] == "created" and created["officer"]["name"] == "张伟"
    queue = zhang.get("/posts", params={"status": "new", "board": "public-order"}).json()
    assert any(p["id"] == d["id"] and p["channel"] == "hotline" for p in queue["items"])
    assert audit_of(platform, d["id"]) == [("post.create", "010001", "热线席-1")]
    ((etype, audience, payload),) = events_of(platform, d["id"])
    assert etype == "post.created" and audience == "all"
    assert payload["actor"]["badge"] == "010001" and payload["author"]["phone"] == "*******1234"
    # Outside the handling unit the phone is masked, as for any post.
    station = platform.officer(STATION).get(f"/posts/{d['id']}").json()
    assert station["author"]["phone"] == "*******1234"
    # Citizens see the caller's surname only.
    public = platform.citizen().get(f"/public/posts/{d['id']}").json()
    assert public["author_nickname"] == "王**"


@pytest.mark.parametrize("channel", ["sms", "letter", "visit"])
def test_every_channel_is_recorded(platform: RunningPlatform, channel: str) -> None:
    r = _record(platform.officer("010001"), _body(channel=channel, location=None))
    assert r.status_code == 201, r.text
    assert r.json()["channel"] == channel and r.json()["location"] is None


def test_a_retry_records_it_once(platform: RunningPlatform) -> None:
    zhang = platform.officer("010001")
    key = new_key()
    first = _record(zhang, _body(title="重复提交测试"), key)
    again = _record(zhang, _body(title="重复提交测试"), key)
    assert again.status_code == 201 and again.json()["id"] == first.json()["id"]
    assert again.headers["Idempotent-Replayed"] == "true"
    n = dbutil.scalar(platform, "SELECT count(*) FROM posts WHERE title = '重复提交测试'")
    assert n == 1
    reused = _record(zhang, _body(title="换了内容"), key)
    assert reused.status_code == 422 and error(reused)["code"] == "idempotency_key_reused"


@pytest.mark.parametrize(
    ("change", "code", "words"),
    [
        ({"channel": "wechat"}, "invalid_request", "来源渠道"),
        ({"board": "no-such-board"}, "unknown_board", "板块"),
        ({"board": "silent"}, "use_silent_report", "V报警"),
        ({"title": ""}, "invalid_request", "标题"),
        ({"title": "长" * 101}, "text_too_long", "标题"),
        ({"citizen": {"name": "", "phone": "13600001234"}}, "invalid_request", "姓名"),
        ({"citizen": {"name": "王\n秀英", "phone": None}}, "bad_text", "群众姓名"),
        ({"citizen": {"name": "王秀英", "phone": "138-abc"}}, "invalid_request", "手机号"),
        ({"citizen": {"name": "王秀英", "phone": "13600001234", "id_card": "x"}}, None, None),
        ({"location": {"lat": 200, "lon": 1}}, "invalid_request", None),
    ],
)
def test_bad_records_are_422_and_change_nothing(
    platform: RunningPlatform, change: dict[str, Any], code: str | None, words: str | None
) -> None:
    zhang = platform.officer("010001")
    before = dbutil.scalar(platform, "SELECT count(*) FROM posts")
    r = _record(zhang, _body(**change))
    assert r.status_code == 422, r.text
    if code is not None:
        assert error(r)["code"] == code, error(r)
    if words is not None:
        assert words in error(r)["message"], error(r)
    assert dbutil.scalar(platform, "SELECT count(*) FROM posts") == before


def test_recording_needs_a_signed_in_officer(platform: RunningPlatform) -> None:
    assert platform.api().post("/posts", _body()).status_code == 401
    citizen = platform.citizen()
    assert citizen.post("/posts", _body()).status_code == 401


def test_a_recorded_post_cannot_be_messaged_privately(platform: RunningPlatform) -> None:
    """The caller has no account on the messaging app: the officer is told to phone."""
    zhang = platform.officer("010001")
    r = _record(zhang, _body(title="夜间施工噪音", body="来电反映工地夜间施工。"))
    assert r.status_code == 201, r.text
    r = zhang.post(
        f"/posts/{r.json()['id']}/messages",
        {"body": "您好，请问施工在几号楼？"},
        headers={"Idempotency-Key": new_key()},
    )
    assert r.status_code == 409 and error(r)["code"] == "no_private_channel"
    assert "电话" in error(r)["message"]
