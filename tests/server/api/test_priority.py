"""Priority on every post (API v1.1): 1 紧急, 2 加急, 3 一般, 4 低 — defaults, the action
(If-Match, scope, audit, idempotent, `post.updated`) and the queue's priority order."""

from __future__ import annotations

from datetime import timedelta

import pytest

from platform_server.storage.models import utcnow
from tests.helpers.platform import RunningPlatform, new_key
from tests.helpers.posts import (
    audit_of,
    citizen_post,
    error,
    events_of,
    if_match,
    insert_posts,
    silent_report,
)

pytestmark = pytest.mark.integration


def test_new_posts_are_3_and_silent_reports_1(platform: RunningPlatform) -> None:
    api = platform.officer()
    assert api.get(f"/posts/{citizen_post(platform)}").json()["priority"] == 3
    assert api.get(f"/posts/{silent_report(platform)}").json()["priority"] == 1


def test_set_priority_changes_version_event_and_audit(platform: RunningPlatform) -> None:
    pid = citizen_post(platform)
    api = platform.officer("010001", workstation="指挥台-1")
    r = api.post(f"/posts/{pid}/priority", {"priority": 1}, headers=if_match(1))
    assert r.status_code == 200, r.text
    assert r.json()["priority"] == 1 and r.headers["ETag"] == '"2"'
    assert r.json()["timeline"][-1]["action"] == "prioritized"
    etype, _audience, payload = events_of(platform, pid)[-1]
    assert (etype, payload["action"], payload["priority"]) == ("post.updated", "priority", 1)
    assert audit_of(platform, pid) == [("post.priority", "010001", "指挥台-1")]
    # the same value again: nothing changes
    r = api.post(f"/posts/{pid}/priority", {"priority": 1}, headers=if_match(2))
    assert r.status_code == 200 and r.headers["ETag"] == '"2"'
    assert len(events_of(platform, pid)) == 2


def test_set_priority_needs_if_match_and_a_known_value(platform: RunningPlatform) -> None:
    pid = citizen_post(platform)
    api = platform.officer()
    assert api.post(f"/posts/{pid}/priority", {"priority": 2}).status_code == 428
    r = api.post(f"/posts/{pid}/priority", {"priority": 5}, headers=if_match(1))
    assert r.status_code == 422 and "优先级只能是" in error(r)["message"]
    r = api.post(f"/posts/{pid}/priority", {"priority": 2}, headers=if_match(7))
    assert r.status_code == 412


def test_set_priority_is_idempotent_by_key(platform: RunningPlatform) -> None:
    pid = citizen_post(platform)
    api = platform.officer()
    key = {"Idempotency-Key": new_key(), **if_match(1)}
    first = api.post(f"/posts/{pid}/priority", {"priority": 4}, headers=key)
    again = api.post(f"/posts/{pid}/priority", {"priority": 4}, headers=key)
    assert first.status_code == again.status_code == 200
    assert again.json()["version"] == first.json()["version"] == 2


def test_set_priority_outside_scope_is_403(platform: RunningPlatform) -> None:
    (pid,) = insert_posts(platform, [{"board": "tips", "unit": "cid"}])
    r = platform.officer("010001").post(
        f"/posts/{pid}/priority", {"priority": 1}, headers=if_match(1)
    )
    assert r.status_code in (403, 404)


def test_queue_priority_order_puts_urgent_before_overdue(fresh_platform: RunningPlatform) -> None:
    now = utcnow()
    late_normal, urgent, hurried, low = insert_posts(
        fresh_platform,
        [
            {"title": "超时的一般帖", "deadline_at": now - timedelta(hours=2)},
            {"title": "紧急", "priority": 1},
            {"title": "加急", "priority": 2},
            {"title": "低", "priority": 4, "deadline_at": now - timedelta(hours=3)},
        ],
    )
    sid = silent_report(fresh_platform)
    r = fresh_platform.officer().get(
        "/posts", params={"status": "new,accepted,in_progress", "sort": "priority", "limit": 2}
    )
    page1 = r.json()
    r = fresh_platform.officer().get(
        "/posts",
        params={
            "status": "new,accepted,in_progress",
            "sort": "priority",
            "limit": 2,
            "cursor": page1["next_cursor"],
        },
    )
    order = [p["id"] for p in page1["items"] + r.json()["items"]]
    assert order == [sid, urgent, hurried, late_normal]
    # page 3 holds the low-priority post
    r3 = fresh_platform.officer().get(
        "/posts",
        params={
            "status": "new,accepted,in_progress",
            "sort": "priority",
            "cursor": r.json()["next_cursor"],
        },
    )
    assert [p["id"] for p in r3.json()["items"]] == [low]
