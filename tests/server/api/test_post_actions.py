"""Every officer action on a post through the API: its state change, If-Match,
idempotency, permissions, the events and audit entries it leaves, and atomicity."""

from __future__ import annotations

from datetime import timedelta

import pytest

from platform_server.events import log as events
from platform_server.storage.models import utcnow
from tests.helpers import dbutil
from tests.helpers.platform import RunningPlatform, new_key
from tests.helpers.posts import (
    audit_of,
    citizen_post,
    error,
    events_of,
    ids,
    if_match,
    insert_post,
    parse_time,
    silent_report,
    state_of,
    version,
)

pytestmark = pytest.mark.integration

STATION = "020020"  # 徐俊杰, 城关派出所: outside the command centre's scope


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
    ((etype, audience, payload),) = [e for e in events_of(platform, pid) if e[0] != "post.created"]
    assert etype == "post.updated" and audience == "all"
    assert payload["action"] == "accept" and payload["status"] == "accepted"
    assert payload["actor"] == {"id": d["assignee_id"], "name": "张伟", "badge": "010001"}
    assert payload["author"]["phone"] == "*******5678"  # events never carry full phones
    assert audit_of(platform, pid) == [("post.accept", "010001", "指挥台-2")]


def test_accept_held_by_another_is_409_naming_the_holder(platform: RunningPlatform) -> None:
    pid = citizen_post(platform)
    li = platform.officer("010002")
    assert li.act(pid, "accept").status_code == 200
    zhang = platform.officer("010001")
    before = state_of(platform, pid)
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
    assert state_of(platform, pid) == before


def test_accepting_again_by_the_holder_changes_nothing(platform: RunningPlatform) -> None:
    pid = citizen_post(platform)
    api = platform.officer("010003")
    assert api.act(pid, "accept").status_code == 200
    r = api.post(f"/posts/{pid}/accept", headers=if_match(2))
    assert r.status_code == 200 and r.json()["version"] == 2


def test_if_match_missing_is_428_and_stale_is_412(platform: RunningPlatform) -> None:
    pid = citizen_post(platform)
    api = platform.officer()
    before = state_of(platform, pid)
    r = api.post(f"/posts/{pid}/accept")
    assert r.status_code == 428
    assert "If-Match" in error(r)["message"]
    r = api.post(f"/posts/{pid}/close", {"resolution": "已处理"}, headers=if_match(7))
    assert r.status_code == 412
    assert error(r)["code"] == "stale_version"
    assert r.headers["ETag"] == '"1"'
    assert state_of(platform, pid) == before


def test_station_officer_may_read_but_not_act_on_command_post(platform: RunningPlatform) -> None:
    pid = citizen_post(platform)
    station = platform.officer(STATION)
    assert station.get(f"/posts/{pid}").status_code == 200
    before = state_of(platform, pid)
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
    assert state_of(platform, pid) == before


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
    etype, _aud, payload = events_of(platform, pid)[-1]
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
    assert len([e for e in events_of(platform, pid) if e[0] == "post.updated"]) == 1


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
    assert r.status_code == 422 and "空字符" in error(r)["message"]
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
    etype, audience, payload = events_of(platform, pid)[-1]
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
    assert ev == [("post.dispatched", station_unit, cmd_unit)]
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
    assert [a for a, _b, _w in audit_of(platform, pid)] == [
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
    # v1.1: nobody held it, so the officer who answered the alarm has it now.
    assert d["status"] == "accepted"
    assert d["assignee_id"] == ids(platform)["officer"]["010001"]
    assert [t["action"] for t in d["timeline"]][-2:] == ["acknowledged", "accepted"]
    li = platform.officer("010002")
    before = state_of(platform, sid)
    r = li.post(f"/posts/{sid}/acknowledge", headers=if_match(1))
    assert r.status_code == 409
    err = error(r)
    assert err["code"] == "already_acknowledged"
    assert err["message"].startswith("该静默报警已由 张伟（010001）确认")
    assert err["acknowledged_by"]["badge"] == "010001"
    assert state_of(platform, sid) == before
    etype, audience, payload = events_of(platform, sid)[-1]
    assert (etype, audience) == ("silent.acknowledged", "scope")
    assert payload["acknowledged_by"]["badge"] == "010001"


def test_acknowledging_a_held_report_only_acknowledges(platform: RunningPlatform) -> None:
    sid = insert_post(platform, board="silent", status="accepted", assignee="010002")
    r = platform.officer("010001").act(sid, "acknowledge")
    assert r.status_code == 200, r.text
    d = r.json()
    assert d["acknowledged_by"]["badge"] == "010001"
    assert d["assignee_id"] == ids(platform)["officer"]["010002"]  # 李静 still holds it
    assert d["timeline"][-1]["action"] == "acknowledged"


def test_acknowledge_only_silent_reports(platform: RunningPlatform) -> None:
    pid = citizen_post(platform)
    r = platform.officer().act(pid, "acknowledge")
    assert r.status_code == 422 and "静默报警" in error(r)["message"]


def test_accepting_a_silent_report_acknowledges_it(platform: RunningPlatform) -> None:
    sid = silent_report(platform)
    r = platform.officer("010003").act(sid, "accept")
    assert r.status_code == 200
    assert r.json()["acknowledged_by"]["badge"] == "010003"
    types = [t for t, _a, _p in events_of(platform, sid)]
    assert types == ["silent.created", "post.updated", "silent.acknowledged"]


@pytest.mark.expected_log(r"platform_server\.api\.errors: unhandled error")
# ---------------------------------------------------------------- atomicity
def test_failing_action_leaves_nothing_half_written(
    platform: RunningPlatform, monkeypatch: pytest.MonkeyPatch
) -> None:
    pid = citizen_post(platform)
    api = platform.officer("010001")
    before = state_of(platform, pid)

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
    assert state_of(platform, pid) == before
    d = api.get(f"/posts/{pid}").json()
    assert d["status"] == "new" and d["reply_count"] == 0 and d["replies"] == []
    # The same key works afterwards: nothing of the failed attempt was remembered.
    r = api.post(
        f"/posts/{pid}/replies",
        {"body": "这条答复不能只写一半"},
        headers={"Idempotency-Key": "half-1"},
    )
    assert r.status_code == 201
