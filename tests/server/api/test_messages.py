"""Private messages (私信): only the author reads and answers; only officers who may act
on the post see the conversation; it never reaches the public page; and a report whose
reporter asked for no receipt never gets anything pushed to the reporter's phone."""

from __future__ import annotations

from typing import Any

import pytest

from tests.helpers import dbutil
from tests.helpers.platform import Api, RunningPlatform, new_key
from tests.helpers.posts import audit_of, error, events_of, ids, if_match

pytestmark = pytest.mark.integration

STATION = "020020"  # 徐俊杰, 城关派出所: outside the command centre's scope
QUESTION = "你现在安全吗？能回复文字吗？"


def _author_and_post(platform: RunningPlatform, **extra: Any) -> tuple[Api, int]:
    author = platform.citizen("夜归人", "13912345678")
    r = author.post(
        "/public/posts",
        {"board": "110", "title": "楼下有人砸车窗", "body": "刚才听到楼下有人砸车窗。", **extra},
        headers={"Idempotency-Key": new_key()},
    )
    assert r.status_code == 201, r.text
    return author, int(r.json()["id"])


def _silent(platform: RunningPlatform, suppress: bool) -> tuple[Api, int]:
    reporter = platform.citizen("匿名", None)
    r = reporter.post(
        "/public/silent-reports",
        {
            "body": "有人撬我家门，我躲在卧室不敢出声",
            "location": {"lat": 31.2, "lon": 121.5, "accuracy_m": 15},
            "suppress_receipt": suppress,
        },
        headers={"Idempotency-Key": new_key()},
    )
    assert r.status_code == 201, r.text
    return reporter, int(r.json()["id"])


def _message(api: Api, post_id: int, body: str = QUESTION, **kw: Any) -> Any:
    return api.post(
        f"/posts/{post_id}/messages",
        {"body": body},
        headers={"Idempotency-Key": kw.pop("key", new_key()), **kw.pop("headers", {})},
    )


def _pushes(platform: RunningPlatform, post_id: int) -> list[str]:
    return [
        k
        for (k,) in dbutil.rows(
            platform, "SELECT kind FROM citizen_pushes WHERE post_id = ? ORDER BY id", post_id
        )
    ]


# ---------------------------------------------------------------- who reads
def test_only_the_author_reads_and_answers(platform: RunningPlatform) -> None:
    author, pid = _author_and_post(platform)
    zhang = platform.officer("010001")
    r = _message(zhang, pid, "请问砸车的人往哪个方向走了？")
    assert r.status_code == 201, r.text
    assert r.json()["sender"] == "officer" and r.json()["officer"]["name"] == "张伟"

    got = author.get(f"/public/posts/{pid}/messages")
    assert got.status_code == 200
    assert [(m["sender"], m["body"], m["unit_name"]) for m in got.json()] == [
        ("officer", "请问砸车的人往哪个方向走了？", "市局指挥中心")
    ]
    assert "officer" not in got.json()[0]  # the author learns the unit, not the officer
    r = author.post(
        f"/public/posts/{pid}/messages",
        {"body": "往东边小区门口跑了，穿黑衣服"},
        headers={"Idempotency-Key": new_key()},
    )
    assert r.status_code == 201, r.text

    # Anyone else — another citizen, even with the post's id — finds nothing at all.
    stranger = platform.citizen("好奇的邻居", "13700000000")
    assert stranger.get(f"/public/posts/{pid}/messages").status_code == 404
    r = stranger.post(
        f"/public/posts/{pid}/messages",
        {"body": "我也看到了"},
        headers={"Idempotency-Key": new_key()},
    )
    assert r.status_code == 404 and error(r)["code"] == "not_found"
    # The public page of the post never shows the conversation.
    public = stranger.get(f"/public/posts/{pid}").json()
    assert "往东边" not in str(public) and "方向" not in str(public)
    assert public["messages_waiting"] == 0


def test_officers_outside_the_handling_scope_never_see_the_conversation(
    platform: RunningPlatform,
) -> None:
    author, pid = _author_and_post(platform)
    zhang = platform.officer("010001")
    assert _message(zhang, pid, "请问具体在几号楼？").status_code == 201
    author.post(
        f"/public/posts/{pid}/messages", {"body": "3号楼"}, headers={"Idempotency-Key": new_key()}
    )
    inside = zhang.get(f"/posts/{pid}").json()
    assert inside["messages_visible"] is True
    assert [m["body"] for m in inside["messages"]] == ["请问具体在几号楼？", "3号楼"]

    station = platform.officer(STATION)
    outside = station.get(f"/posts/{pid}")
    assert outside.status_code == 200  # an ordinary post is public to every officer …
    d = outside.json()
    assert d["messages_visible"] is False and d["messages"] == []  # … its conversation is not
    assert not {"messaged", "citizen_message"} & {t["action"] for t in d["timeline"]}
    assert "3号楼" not in outside.text
    r = _message(station, pid, "我也想问一句")
    assert r.status_code == 403
    # The events that carry a message go only to officers who may act on the post.
    audiences = {(t, a) for t, a, _p in events_of(platform, pid) if "message" in t}
    assert audiences == {("post.messaged", "scope"), ("post.citizen_message", "scope")}


def test_silent_report_conversation_is_invisible_outside_scope(platform: RunningPlatform) -> None:
    reporter, pid = _silent(platform, suppress=False)
    zhang = platform.officer("010001")
    assert _message(zhang, pid).status_code == 201
    station = platform.officer(STATION)
    assert station.get(f"/posts/{pid}").status_code == 404
    assert _message(station, pid, "在吗").status_code == 404
    # Another citizen cannot even learn that the report exists.
    assert platform.citizen().get(f"/public/posts/{pid}/messages").status_code == 404
    assert [m["body"] for m in reporter.get(f"/public/posts/{pid}/messages").json()] == [QUESTION]


# ---------------------------------------------------------------- sending
def test_a_message_to_an_unheld_silent_report_takes_and_acknowledges_it(
    platform: RunningPlatform,
) -> None:
    _reporter, pid = _silent(platform, suppress=True)
    zhang = platform.officer("010001")
    r = _message(zhang, pid)
    assert r.status_code == 201, r.text
    d = zhang.get(f"/posts/{pid}").json()
    me = ids(platform)["officer"]["010001"]
    assert d["assignee_id"] == me and d["acknowledged_by"]["id"] == me
    assert d["status"] == "in_progress" and d["message_count"] == 1
    types = [t for t, _a, _p in events_of(platform, pid)]
    assert types[-2:] == ["post.messaged", "silent.acknowledged"]
    messaged = next(p for t, _a, p in events_of(platform, pid) if t == "post.messaged")
    assert messaged["message"]["body"] == QUESTION and messaged["action"] == "message"
    assert audit_of(platform, pid)[-1][0] == "post.message"


def test_messages_follow_the_holder_rule(platform: RunningPlatform) -> None:
    _author, pid = _author_and_post(platform)
    li = platform.officer("010002")
    assert li.act(pid, "accept").status_code == 200
    zhang = platform.officer("010001")
    r = _message(zhang, pid)
    assert r.status_code == 409 and error(r)["code"] == "claimed_by_other"
    leader = platform.officer("010901")  # 赵国庆, the command centre's leader, may step in
    assert _message(leader, pid, "我是值班领导，请稍候。").status_code == 201


def test_message_retry_is_idempotent_and_if_match_is_checked(platform: RunningPlatform) -> None:
    _author, pid = _author_and_post(platform)
    zhang = platform.officer("010001")
    key = new_key()
    first = _message(zhang, pid, key=key)
    again = _message(zhang, pid, key=key)
    assert again.status_code == 201 and again.json() == first.json()
    assert again.headers["Idempotent-Replayed"] == "true"
    assert zhang.get(f"/posts/{pid}").json()["message_count"] == 1
    reused = _message(zhang, pid, "另一句话", key=key)
    assert reused.status_code == 422
    stale = _message(zhang, pid, "旧版本", headers=if_match(1))
    assert stale.status_code == 412


def test_archived_posts_take_no_messages(platform: RunningPlatform) -> None:
    author, pid = _author_and_post(platform)
    dbutil.execute(platform, "UPDATE posts SET status = 'archived' WHERE id = ?", pid)
    r = _message(platform.officer("010001"), pid)
    assert r.status_code == 409
    r = author.post(
        f"/public/posts/{pid}/messages",
        {"body": "还有人吗"},
        headers={"Idempotency-Key": new_key()},
    )
    assert r.status_code == 409 and "归档" in error(r)["message"]


def test_bad_message_bodies_are_422_with_a_sentence(platform: RunningPlatform) -> None:
    author, pid = _author_and_post(platform)
    zhang = platform.officer("010001")
    for body in ("   ", "x" * 5001):
        r = _message(zhang, pid, body)
        assert r.status_code == 422, body
        assert error(r)["message"].startswith("私信内容"), error(r)
    r = _message(zhang, pid, "a\x00b")  # refused for every field alike, in a sentence
    assert r.status_code == 422 and "空字符" in error(r)["message"]
    r = author.post(
        f"/public/posts/{pid}/messages", {"body": ""}, headers={"Idempotency-Key": new_key()}
    )
    assert r.status_code == 422


# ---------------------------------------------------------------- unread marks
def test_an_answer_marks_the_post_unread_until_an_officer_reads_it(
    platform: RunningPlatform,
) -> None:
    author, pid = _author_and_post(platform)
    zhang = platform.officer("010001")
    assert _message(zhang, pid).status_code == 201
    for text in ("安全", "在三楼"):
        author.post(
            f"/public/posts/{pid}/messages", {"body": text}, headers={"Idempotency-Key": new_key()}
        )
    row = zhang.get("/posts", params={"status": "in_progress"}).json()["items"]
    (mine,) = [p for p in row if p["id"] == pid]
    assert mine["unread_messages"] == 2 and mine["message_count"] == 3
    answers = [p for t, _a, p in events_of(platform, pid) if t == "post.citizen_message"]
    assert [a["unread_messages"] for a in answers] == [1, 2]
    assert answers[-1]["actor"] is None and answers[-1]["assignee_id"] is not None

    before = zhang.get(f"/posts/{pid}").json()
    r = zhang.post(f"/posts/{pid}/messages/read")
    assert r.status_code == 200 and r.json()["unread_messages"] == 0
    after = zhang.get(f"/posts/{pid}").json()
    assert after["version"] == before["version"]  # reading is not a change anyone acts on
    assert all(m["read_at"] for m in after["messages"] if m["sender"] == "citizen")
    assert events_of(platform, pid)[-1][2]["action"] == "messages_read"
    # Nothing unread: nothing happens.
    n = len(events_of(platform, pid))
    assert zhang.post(f"/posts/{pid}/messages/read").status_code == 200
    assert len(events_of(platform, pid)) == n


# ---------------------------------------------------------------- receipts
def test_ordinary_authors_get_pushes(platform: RunningPlatform) -> None:
    author, pid = _author_and_post(platform)
    zhang = platform.officer("010001")
    assert _message(zhang, pid).status_code == 201
    r = zhang.post(
        f"/posts/{pid}/replies", {"body": "民警已到场。"}, headers={"Idempotency-Key": new_key()}
    )
    assert r.status_code == 201
    assert zhang.act(pid, "close", {"resolution": "已处置"}).status_code == 200
    assert _pushes(platform, pid) == ["message", "reply", "resolved"]
    kinds = [p["kind"] for p in author.get("/public/pushes").json() if p["post_id"] == pid]
    assert kinds == ["resolved", "reply", "message"]


def test_no_receipt_report_never_gets_anything_pushed(platform: RunningPlatform) -> None:
    reporter, pid = _silent(platform, suppress=True)
    zhang = platform.officer("010001")
    assert _message(zhang, pid).status_code == 201
    assert _message(zhang, pid, "对方几个人、有没有凶器？").status_code == 201
    r = zhang.post(
        f"/posts/{pid}/replies", {"body": "民警已出发"}, headers={"Idempotency-Key": new_key()}
    )
    assert r.status_code == 201
    assert zhang.act(pid, "close", {"resolution": "已抓获嫌疑人"}).status_code == 200
    # Not one push record, and nothing on the reporter's notification list.
    assert _pushes(platform, pid) == []
    assert reporter.get("/public/pushes").json() == []

    # The messages wait until the reporter opens the report themselves.
    waiting = reporter.get(f"/public/posts/{pid}").json()
    assert waiting["messages_waiting"] == 2
    unread = zhang.get(f"/posts/{pid}").json()["messages"]
    assert [m["read_at"] for m in unread] == [None, None]
    opened = reporter.get(f"/public/posts/{pid}/messages")
    assert [m["body"] for m in opened.json()] == [QUESTION, "对方几个人、有没有凶器？"]
    assert reporter.get(f"/public/posts/{pid}").json()["messages_waiting"] == 0
    read = zhang.get(f"/posts/{pid}").json()["messages"]
    assert all(m["read_at"] for m in read)
    assert _pushes(platform, pid) == []


def test_a_silent_report_with_receipts_is_pushed(platform: RunningPlatform) -> None:
    reporter, pid = _silent(platform, suppress=False)
    assert _message(platform.officer("010001"), pid).status_code == 201
    assert [p["kind"] for p in reporter.get("/public/pushes").json()] == ["message"]
