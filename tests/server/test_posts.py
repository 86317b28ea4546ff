"""Officer-side post routes against a real server: detail, every action, permissions,
If-Match, idempotency, events, audit, attachments."""

from __future__ import annotations

import json
from datetime import timedelta
from urllib.parse import unquote

import pytest

from platform_server.events import log as events
from platform_server.storage.models import utcnow
from tests.helpers.platform import RunningPlatform, new_key
from tests.server import dbutil
from tests.server.helpers_posts import (
    citizen_post,
    error,
    ids,
    if_match,
    insert_attachment,
    insert_post,
    parse_time,
    silent_report,
    version,
)

STATION = "020020"  # 徐俊杰, 城关派出所: outside the command centre's scope


def _events(platform: RunningPlatform, post_id: int) -> list[tuple[str, str, dict]]:
    rows = dbutil.rows(
        platform,
        "SELECT type, audience, payload FROM events WHERE post_id = ? ORDER BY seq",
        post_id,
    )
    return [(t, a, json.loads(p)) for t, a, p in rows]


def _audit(platform: RunningPlatform, post_id: int) -> list[tuple[str, str, str]]:
    return dbutil.rows(
        platform,
        "SELECT action, badge, workstation FROM audit "
        "WHERE target_type = 'post' AND target_id = ? ORDER BY id",
        post_id,
    )


def _state(platform: RunningPlatform, post_id: int) -> dict[str, int]:
    """Everything an action on this post could write."""
    state = dbutil.counts(platform)
    for table in ("replies", "notes", "audit"):
        state[table] = dbutil.scalar(platform, f"SELECT count(*) FROM {table}")
    state["version"] = dbutil.scalar(platform, "SELECT version FROM posts WHERE id = ?", post_id)
    return state


# ---------------------------------------------------------------- auth and reading
def test_every_post_route_needs_a_token(platform: RunningPlatform) -> None:
    pid = citizen_post(platform)
    anon = platform.api()
    for r in (
        anon.get("/posts"),
        anon.get(f"/posts/{pid}"),
        anon.post(f"/posts/{pid}/accept", headers=if_match(1)),
        anon.post(f"/posts/{pid}/replies", {"body": "您好"}),
        anon.post(f"/posts/{pid}/notes", {"body": "内部"}),
        anon.post(f"/posts/{pid}/close", {"resolution": "好"}, headers=if_match(1)),
        anon.get("/attachments/1"),
    ):
        assert r.status_code == 401, r.text
        assert error(r)["message"] == "请先登录。"


def test_detail_is_complete_with_etag(platform: RunningPlatform) -> None:
    pid = citizen_post(
        platform,
        "东门菜市场电动车被盗",
        "昨晚停在菜市场门口的电动车不见了，车牌号临A12345",
        mentions=["城关派出所"],
        location={"lat": 31.23, "lon": 121.47, "accuracy_m": 15, "address": "东门菜市场"},
    )
    r = platform.officer("010001").get(f"/posts/{pid}")
    assert r.status_code == 200
    assert r.headers["ETag"] == '"1"'
    d = r.json()
    assert d["id"] == pid and d["status"] == "new" and d["version"] == 1
    assert d["body"].startswith("昨晚停在菜市场门口")
    assert d["mentions"] == [
        {"kind": "unit", "id": ids(platform)["unit"]["st-chengguan"], "name": "城关派出所"}
    ]
    assert d["location"]["address"] == "东门菜市场"
    assert d["replies"] == [] and d["attachments"] == [] and d["rating_detail"] is None
    assert [t["action"] for t in d["timeline"]] == ["created"]
    assert d["deadline_at"] is not None


def test_phone_unmasked_only_within_scope(platform: RunningPlatform) -> None:
    pid = citizen_post(platform)  # board 110 → command centre
    inside = platform.officer("010001").get(f"/posts/{pid}").json()
    outside = platform.officer(STATION).get(f"/posts/{pid}").json()
    assert inside["author"]["phone"] == "13812345678"
    assert outside["author"]["phone"] == "138****5678"


def test_if_none_match_answers_304(platform: RunningPlatform) -> None:
    pid = citizen_post(platform)
    api = platform.officer()
    r = api.get(f"/posts/{pid}", headers={"If-None-Match": '"1"'})
    assert r.status_code == 304 and r.headers["ETag"] == '"1"'


def test_missing_post_is_404_in_chinese(platform: RunningPlatform) -> None:
    r = platform.officer().get("/posts/999999")
    assert r.status_code == 404
    assert "没有找到这条帖子" in error(r)["message"]


def test_restricted_posts_are_invisible_outside_their_scope(platform: RunningPlatform) -> None:
    sid = silent_report(platform)  # V报警 → command centre
    complaint = citizen_post(platform, "民警态度恶劣", "办事窗口民警推诿不办", board="complaint")
    station = platform.officer(STATION)
    cmd = platform.officer("010001")
    leader = platform.officer("010900")
    for pid in (sid, complaint):
        r = station.get(f"/posts/{pid}")
        assert r.status_code == 404  # same answer as for a missing post: existence not leaked
        assert error(r)["code"] == "post_not_found"
        assert station.post(f"/posts/{pid}/accept", headers=if_match(1)).status_code == 404
        assert leader.get(f"/posts/{pid}").status_code == 200
    assert cmd.get(f"/posts/{sid}").status_code == 200
    assert cmd.get(f"/posts/{complaint}").status_code == 404  # inspection unit only
    listed = {p["id"] for p in station.get("/posts", params={"limit": 200}).json()["items"]}
    assert sid not in listed and complaint not in listed
    listed = {p["id"] for p in leader.get("/posts", params={"limit": 200}).json()["items"]}
    assert {sid, complaint} <= listed


# ---------------------------------------------------------------- accept
def test_accept_claims_the_post(platform: RunningPlatform) -> None:
    pid = citizen_post(platform)
    api = platform.officer("010001", workstation="指挥台-2")
    r = api.post(f"/posts/{pid}/accept", headers=if_match(1))
    assert r.status_code == 200, r.text
    assert r.headers["ETag"] == '"2"'
    d = r.json()
    assert d["status"] == "accepted" and d["version"] == 2
    assert d["assignee_id"] == ids(platform)["officer"]["010001"]
    assert d["accepted_at"] is not None
    assert d["timeline"][-1]["action"] == "accepted"
    assert d["timeline"][-1]["officer"]["name"] == "张伟"
    ((etype, audience, payload),) = [e for e in _events(platform, pid) if e[0] != "post.created"]
    assert etype == "post.updated" and audience == "all"
    assert payload["action"] == "accept" and payload["status"] == "accepted"
    assert payload["actor"] == {"id": d["assignee_id"], "name": "张伟", "badge": "010001"}
    assert payload["author"]["phone"] == "138****5678"  # events never carry full phones
    assert _audit(platform, pid) == [("post.accept", "010001", "指挥台-2")]


def test_accept_held_by_another_is_409_naming_the_holder(platform: RunningPlatform) -> None:
    pid = citizen_post(platform)
    li = platform.officer("010002")
    assert li.act(pid, "accept").status_code == 200
    zhang = platform.officer("010001")
    before = _state(platform, pid)
    # Even with the version seen before 李静 accepted, the answer is who has it.
    for headers in (if_match(1), if_match(2)):
        r = zhang.post(f"/posts/{pid}/accept", headers=headers)
        assert r.status_code == 409
        err = error(r)
        assert err["code"] == "claimed_by_other"
        assert err["message"].startswith("该帖已由 李静（010002）受理")
        assert err["holder"] == {
            "id": ids(platform)["officer"]["010002"],
            "badge": "010002",
            "name": "李静",
        }
    assert _state(platform, pid) == before


def test_accepting_again_by_the_holder_changes_nothing(platform: RunningPlatform) -> None:
    pid = citizen_post(platform)
    api = platform.officer("010003")
    assert api.act(pid, "accept").status_code == 200
    r = api.post(f"/posts/{pid}/accept", headers=if_match(2))
    assert r.status_code == 200 and r.json()["version"] == 2


def test_if_match_missing_is_428_and_stale_is_412(platform: RunningPlatform) -> None:
    pid = citizen_post(platform)
    api = platform.officer()
    before = _state(platform, pid)
    r = api.post(f"/posts/{pid}/accept")
    assert r.status_code == 428
    assert "If-Match" in error(r)["message"]
    r = api.post(f"/posts/{pid}/close", {"resolution": "已处理"}, headers=if_match(7))
    assert r.status_code == 412
    assert error(r)["code"] == "stale_version"
    assert r.headers["ETag"] == '"1"'
    assert _state(platform, pid) == before


def test_station_officer_may_read_but_not_act_on_command_post(platform: RunningPlatform) -> None:
    pid = citizen_post(platform)
    station = platform.officer(STATION)
    assert station.get(f"/posts/{pid}").status_code == 200
    before = _state(platform, pid)
    for action, body in (
        ("accept", None),
        ("replies", {"body": "您好"}),
        ("notes", {"body": "看看"}),
        ("close", {"resolution": "好"}),
        ("transfer", {"unit_id": ids(platform)["unit"]["st-chengguan"], "reason": "属地"}),
    ):
        r = station.post(f"/posts/{pid}/{action}", body, headers=if_match(1))
        assert r.status_code == 403, (action, r.text)
        assert "不在您所在单位的办理范围内" in error(r)["message"]
    assert _state(platform, pid) == before


# ---------------------------------------------------------------- replies and notes
def test_reply_accepts_a_new_post_and_starts_handling(platform: RunningPlatform) -> None:
    pid = citizen_post(platform)
    api = platform.officer("010001")
    r = api.post(f"/posts/{pid}/replies", {"body": "您好，已联系路灯管理所，三日内修复。"})
    assert r.status_code == 201, r.text
    assert r.headers["ETag"] == '"2"'
    reply = r.json()
    assert reply["post_id"] == pid and reply["officer"]["badge"] == "010001"
    d = api.get(f"/posts/{pid}").json()
    assert d["status"] == "in_progress" and d["reply_count"] == 1
    assert d["assignee_id"] == reply["officer"]["id"]
    assert d["first_response_at"] == reply["created_at"]
    assert [x["id"] for x in d["replies"]] == [reply["id"]]
    assert [t["action"] for t in d["timeline"]] == ["created", "accepted", "replied"]
    etype, _aud, payload = _events(platform, pid)[-1]
    assert etype == "post.replied"
    assert payload["reply"]["id"] == reply["id"] and payload["reply"]["body"] == reply["body"]
    # A second reply keeps the first response time.
    api.post(f"/posts/{pid}/replies", {"body": "路灯已修好。"})
    d2 = api.get(f"/posts/{pid}").json()
    assert d2["first_response_at"] == d["first_response_at"] and d2["reply_count"] == 2
    # The citizen sees the reply on the public page.
    public = platform.citizen().get(f"/public/posts/{pid}").json()
    assert [x["body"] for x in public["replies"]] == [reply["body"], "路灯已修好。"]


def test_reply_retry_with_same_key_creates_one_reply(platform: RunningPlatform) -> None:
    pid = citizen_post(platform)
    api = platform.officer("010001")
    key = new_key()
    first = api.post(f"/posts/{pid}/replies", {"body": "已受理"}, headers={"Idempotency-Key": key})
    again = api.post(f"/posts/{pid}/replies", {"body": "已受理"}, headers={"Idempotency-Key": key})
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.headers["ETag"] == first.headers["ETag"] == '"2"'
    assert dbutil.scalar(platform, "SELECT count(*) FROM replies WHERE post_id = ?", pid) == 1
    other = api.post(f"/posts/{pid}/replies", {"body": "另一条"}, headers={"Idempotency-Key": key})
    assert other.status_code == 422
    assert error(other)["code"] == "idempotency_key_reused"
    assert dbutil.scalar(platform, "SELECT count(*) FROM replies WHERE post_id = ?", pid) == 1


def test_action_retry_with_same_key_is_replayed_not_412(platform: RunningPlatform) -> None:
    pid = citizen_post(platform)
    api = platform.officer("010001")
    key = {"Idempotency-Key": new_key(), **if_match(1)}
    first = api.post(f"/posts/{pid}/accept", headers=key)
    again = api.post(f"/posts/{pid}/accept", headers=key)  # If-Match now stale: still replayed
    assert first.status_code == again.status_code == 200
    assert again.json()["version"] == 2
    assert len([e for e in _events(platform, pid) if e[0] == "post.updated"]) == 1


def test_reply_validation_in_sentences(platform: RunningPlatform) -> None:
    pid = citizen_post(platform)
    api = platform.officer()
    r = api.post(f"/posts/{pid}/replies", {"body": "长" * 5001})
    assert r.status_code == 422
    assert error(r)["code"] == "text_too_long"
    assert error(r)["message"] == "答复内容太长了：最多 5000 个字，现在有 5001 个字。"
    r = api.post(f"/posts/{pid}/replies", {"body": "   "})
    assert r.status_code == 422 and error(r)["message"] == "答复内容不能为空。"
    r = api.post(f"/posts/{pid}/replies", {"body": "空字符\u0000不能保存"})
    assert r.status_code == 422 and error(r)["code"] == "bad_text"
    r = api.post(f"/posts/{pid}/replies", {"body": "好", "extra": 1})
    assert r.status_code == 422
    assert version(api, pid) == 1


def test_reply_if_match_is_optional_but_checked(platform: RunningPlatform) -> None:
    pid = citizen_post(platform)
    api = platform.officer()
    r = api.post(f"/posts/{pid}/replies", {"body": "收到"}, headers=if_match(5))
    assert r.status_code == 412
    r = api.post(f"/posts/{pid}/replies", {"body": "收到"}, headers=if_match(1))
    assert r.status_code == 201


def test_reply_to_post_held_by_another_officer_is_refused(platform: RunningPlatform) -> None:
    pid = citizen_post(platform)
    assert platform.officer("010002").act(pid, "accept").status_code == 200
    r = platform.officer("010001").post(f"/posts/{pid}/replies", {"body": "我也来答复"})
    assert r.status_code == 409
    assert error(r)["message"].startswith("该帖已由 李静（010002）受理")
    # A leader of the unit may step in.
    assert (
        platform.officer("010901")
        .post(f"/posts/{pid}/replies", {"body": "领导补充答复"})
        .status_code
        == 201
    )


def test_internal_notes_only_within_scope(platform: RunningPlatform) -> None:
    pid = citizen_post(platform, body="邻居家每晚传出争吵和哭声，担心有家暴")
    cmd = platform.officer("010001")
    r = cmd.post(
        f"/posts/{pid}/notes", {"body": "已联系社区民警上门了解，疑似家暴，注意保护求助人"}
    )
    assert r.status_code == 201 and r.headers["ETag"] == '"2"'
    note = r.json()
    d = platform.officer("010002").get(f"/posts/{pid}").json()
    assert d["notes_visible"] is True
    assert [n["id"] for n in d["notes"]] == [note["id"]]
    assert d["timeline"][-1]["action"] == "noted"
    outside = platform.officer(STATION).get(f"/posts/{pid}")
    assert outside.status_code == 200
    o = outside.json()
    assert o["notes"] == [] and o["notes_visible"] is False
    assert "noted" not in [t["action"] for t in o["timeline"]]
    assert "家暴，注意保护" not in outside.text
    public = platform.citizen().get(f"/public/posts/{pid}")
    assert "家暴，注意保护" not in public.text
    etype, audience, payload = _events(platform, pid)[-1]
    assert (etype, audience) == ("post.noted", "scope")
    assert payload["note"]["id"] == note["id"]


# ---------------------------------------------------------------- transfer, close, reopen
def test_transfer_hands_the_post_to_another_unit(platform: RunningPlatform) -> None:
    pid = citizen_post(platform)
    cmd = platform.officer("010001")
    cmd.act(pid, "accept")
    station_unit = ids(platform)["unit"]["st-chengguan"]
    cmd_unit = ids(platform)["unit"]["cmd"]
    before = utcnow()
    r = cmd.act(pid, "transfer", {"unit_id": station_unit, "reason": "属地管辖，请城关所处理"})
    assert r.status_code == 200, r.text
    d = r.json()
    assert d["status"] == "new" and d["unit_id"] == station_unit
    assert d["assignee_id"] is None and d["transfer_count"] == 1
    deadline = parse_time(d["deadline_at"])  # board 110: 60 minutes from the transfer
    assert before + timedelta(minutes=59) < deadline < utcnow() + timedelta(minutes=61)
    step = d["timeline"][-1]
    assert step["action"] == "transferred" and step["detail"] == "属地管辖，请城关所处理"
    assert (step["from_unit_id"], step["to_unit_id"]) == (cmd_unit, station_unit)
    ev = dbutil.rows(
        platform,
        "SELECT type, unit_id, prev_unit_id FROM events "
        "WHERE post_id = ? ORDER BY seq DESC LIMIT 1",
        pid,
    )
    assert ev == [("post.updated", station_unit, cmd_unit)]
    # Now the station acts on it and the command centre no longer may.
    assert cmd.act(pid, "accept").status_code == 403
    assert platform.officer(STATION).act(pid, "accept").status_code == 200


def test_transfer_to_unknown_or_same_unit(platform: RunningPlatform) -> None:
    pid = citizen_post(platform)
    api = platform.officer()
    r = api.act(pid, "transfer", {"unit_id": 99999, "reason": "试试"})
    assert r.status_code == 422 and "没有编号为 99999 的单位" in error(r)["message"]
    r = api.act(pid, "transfer", {"unit_id": ids(platform)["unit"]["cmd"], "reason": "试试"})
    assert r.status_code == 409 and error(r)["code"] == "same_unit"
    r = api.act(pid, "transfer", {"unit_id": ids(platform)["unit"]["cmd"]})
    assert r.status_code == 422 and error(r)["message"] == "缺少“理由”。"
    assert version(api, pid) == 1


def test_close_and_reopen(platform: RunningPlatform) -> None:
    pid = citizen_post(platform)
    api = platform.officer("010001")
    api.act(pid, "accept")
    r = api.act(pid, "close", {"resolution": "路灯已修复，已电话回访。"})
    assert r.status_code == 200
    d = r.json()
    assert d["status"] == "resolved" and d["resolved_at"] and d["resolution"].startswith("路灯")
    r = api.act(pid, "close", {"resolution": "再办结一次"})
    assert r.status_code == 409 and error(r)["code"] == "illegal_transition"
    r = api.act(pid, "accept")
    assert r.status_code == 409
    assert error(r)["message"] == "帖子已办结，不能再受理；如需继续办理请先重新打开。"
    r = api.act(pid, "replies", {"body": "补充"})
    assert r.status_code == 409 and "已办结" in error(r)["message"]
    r = api.act(pid, "reopen", {"reason": "市民反映又坏了"})
    assert r.status_code == 200
    d = r.json()
    assert d["status"] == "in_progress" and d["resolved_at"] is None
    assert d["timeline"][-1]["detail"] == "市民反映又坏了"
    r = api.act(pid, "reopen")
    assert r.status_code == 409 and error(r)["message"] == "帖子尚未办结，无需重新打开。"
    assert [a for a, _b, _w in _audit(platform, pid)] == [
        "post.accept",
        "post.close",
        "post.reopen",
    ]


def test_archived_posts_cannot_be_reopened(platform: RunningPlatform) -> None:
    old = utcnow() - timedelta(days=40)
    pid = insert_post(
        platform,
        status="archived",
        assignee="010001",
        resolved_at=old,
        archived_at=old,
        resolution="已办结",
    )
    api = platform.officer("010001")
    r = api.act(pid, "reopen")
    assert r.status_code == 409
    assert error(r)["message"] == "帖子已归档，不能重新打开。"
    for action, body in (
        ("accept", None),
        ("close", {"resolution": "x"}),
        ("transfer", {"unit_id": ids(platform)["unit"]["hukou"], "reason": "x"}),
    ):
        r = api.act(pid, action, body)
        assert r.status_code == 409 and "已归档" in error(r)["message"], action


# ---------------------------------------------------------------- silent reports
def test_acknowledge_silent_report_first_wins(platform: RunningPlatform) -> None:
    sid = silent_report(platform)
    zhang = platform.officer("010001")
    r = zhang.act(sid, "acknowledge")
    assert r.status_code == 200
    d = r.json()
    assert d["acknowledged_by"]["name"] == "张伟" and d["acknowledged_at"]
    assert d["status"] == "new"  # acknowledged, not yet accepted
    li = platform.officer("010002")
    before = _state(platform, sid)
    r = li.post(f"/posts/{sid}/acknowledge", headers=if_match(1))
    assert r.status_code == 409
    err = error(r)
    assert err["code"] == "already_acknowledged"
    assert err["message"].startswith("该静默报警已由 张伟（010001）确认")
    assert err["acknowledged_by"]["badge"] == "010001"
    assert _state(platform, sid) == before
    etype, audience, payload = _events(platform, sid)[-1]
    assert (etype, audience) == ("silent.acknowledged", "scope")
    assert payload["acknowledged_by"]["badge"] == "010001"


def test_acknowledge_only_silent_reports(platform: RunningPlatform) -> None:
    pid = citizen_post(platform)
    r = platform.officer().act(pid, "acknowledge")
    assert r.status_code == 422 and "静默报警" in error(r)["message"]


def test_accepting_a_silent_report_acknowledges_it(platform: RunningPlatform) -> None:
    sid = silent_report(platform)
    r = platform.officer("010003").act(sid, "accept")
    assert r.status_code == 200
    assert r.json()["acknowledged_by"]["badge"] == "010003"
    types = [t for t, _a, _p in _events(platform, sid)]
    assert types == ["silent.created", "post.updated", "silent.acknowledged"]


# ---------------------------------------------------------------- atomicity
def test_failing_action_leaves_nothing_half_written(
    platform: RunningPlatform, monkeypatch: pytest.MonkeyPatch
) -> None:
    pid = citizen_post(platform)
    api = platform.officer("010001")
    before = _state(platform, pid)

    def broken(*_a: object, **_k: object) -> None:
        raise RuntimeError("event log unavailable")

    # The server runs in this process: make the event write fail after the reply,
    # its timeline entry and the post update have been flushed.
    monkeypatch.setattr(events, "record_event", broken)
    r = api.post(
        f"/posts/{pid}/replies",
        {"body": "这条答复不能只写一半"},
        headers={"Idempotency-Key": "half-1"},
    )
    assert r.status_code == 500
    assert error(r)["code"] == "internal"
    monkeypatch.undo()
    api.session.close()  # the server drops a connection after an unhandled error
    assert _state(platform, pid) == before
    d = api.get(f"/posts/{pid}").json()
    assert d["status"] == "new" and d["reply_count"] == 0 and d["replies"] == []
    # The same key works afterwards: nothing of the failed attempt was remembered.
    r = api.post(
        f"/posts/{pid}/replies",
        {"body": "这条答复不能只写一半"},
        headers={"Idempotency-Key": "half-1"},
    )
    assert r.status_code == 201


# ---------------------------------------------------------------- attachments
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
    b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18"
    b"\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)


def test_attachment_bytes_with_safe_headers(platform: RunningPlatform) -> None:
    citizen = platform.citizen()
    pid = citizen_post(citizen)
    up = citizen.session.post(
        citizen.url(f"/public/posts/{pid}/attachments"),
        headers=citizen.headers(),
        files={"file": ('现场"照片"/../a.png', PNG, "image/png")},
        timeout=10,
    )
    assert up.status_code == 201, up.text
    att = up.json()
    api = platform.officer()
    d = api.get(f"/posts/{pid}").json()
    assert [a["url"] for a in d["attachments"]] == [f"/api/v1/attachments/{att['id']}"]
    r = api.session.get(platform.url + att["url"], headers=api.headers(), timeout=10)
    assert r.status_code == 200
    assert r.content == PNG
    assert r.headers["Content-Type"] == "image/png"
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert r.headers["Cache-Control"].startswith("private")
    disposition = r.headers["Content-Disposition"]
    assert disposition.startswith(f'inline; filename="attachment-{att["id"]}.png"; ')
    name = unquote(disposition.split("filename*=UTF-8''")[1])
    assert name.endswith("a.png")
    assert "/" not in name and '"' not in name


def test_attachment_of_unsafe_type_is_a_download(platform: RunningPlatform) -> None:
    pid = insert_post(platform)
    aid = insert_attachment(platform, pid, b"<script>alert(1)</script>", "text/html", "x.html")
    r = platform.officer().get(f"/attachments/{aid}")
    assert r.status_code == 200
    assert r.headers["Content-Type"] == "application/octet-stream"
    assert r.headers["Content-Disposition"].startswith("attachment;")


def test_attachment_of_unreadable_post_is_404(platform: RunningPlatform) -> None:
    sid = silent_report(platform)
    aid = insert_attachment(platform, sid, PNG, "image/png", "scene.png")
    assert platform.officer(STATION).get(f"/attachments/{aid}").status_code == 404
    assert platform.officer("010001").get(f"/attachments/{aid}").status_code == 200
    r = platform.officer().get("/attachments/999999")
    assert r.status_code == 404 and "没有找到这个附件" in error(r)["message"]


# ---------------------------------------------------------------- contract
def test_openapi_documents_the_post_routes(platform: RunningPlatform) -> None:
    spec = platform.api().session.get(platform.url + "/openapi.json", timeout=10).json()
    paths = spec["paths"]
    for path, method, model in (
        ("/api/v1/posts", "get", "PostPage"),
        ("/api/v1/posts/{post_id}", "get", "PostDetail"),
        ("/api/v1/posts/{post_id}/accept", "post", "PostDetail"),
        ("/api/v1/posts/{post_id}/transfer", "post", "PostDetail"),
        ("/api/v1/posts/{post_id}/replies", "post", "ReplyOut"),
        ("/api/v1/posts/{post_id}/notes", "post", "NoteOut"),
        ("/api/v1/posts/{post_id}/close", "post", "PostDetail"),
        ("/api/v1/posts/{post_id}/reopen", "post", "PostDetail"),
        ("/api/v1/posts/{post_id}/acknowledge", "post", "PostDetail"),
    ):
        op = paths[path][method]
        assert op["summary"], path
        ok = op["responses"]["201" if model in ("ReplyOut", "NoteOut") else "200"]
        assert ok["content"]["application/json"]["schema"]["$ref"].endswith("/" + model), path
        if method == "post":
            assert {"409", "412", "428"} <= set(op["responses"]), path
    params = {p["name"] for p in paths["/api/v1/posts"]["get"]["parameters"]}
    assert {
        "status",
        "board",
        "unit",
        "assignee",
        "kind",
        "q",
        "overdue",
        "sort",
        "limit",
        "cursor",
    } <= params
    assert "/api/v1/attachments/{attachment_id}" in paths
