"""The queue through the API: filters, full-text search (Chinese, FTS syntax as plain
text), sort orders and keyset paging, against a real server over a known set of posts."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

import pytest

from platform_server.domain import text_pages
from platform_server.storage.models import OPEN_STATUSES, utcnow
from tests.helpers import dbutil
from tests.helpers.platform import Api, RunningPlatform
from tests.helpers.posts import error, ids, insert_posts
from tests.helpers.queue_data import (
    NOW,
    all_pages,
    contains_all,
    stored_posts,
)

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("queue_posts")]


# ---------------------------------------------------------------- sort orders and paging
def _is_open_overdue(p: dict[str, Any]) -> bool:
    return p["status"] in OPEN_STATUSES and p["deadline_at"] is not None and p["deadline_at"] < NOW


FAR = datetime(9999, 12, 31)
SORT_KEYS = {
    "created_desc": (lambda p: (p["created_at"], p["id"]), True),
    "created_asc": (lambda p: (p["created_at"], p["id"]), False),
    "updated_desc": (lambda p: (p["updated_at"], p["id"]), True),
    "deadline": (lambda p: (p["deadline_at"] or FAR, p["id"]), False),
    "priority": (
        lambda p: (
            0
            if p["kind"] == "silent_report"
            and p["status"] in OPEN_STATUSES
            and p["acknowledged_at"] is None
            else 1
            if p["kind"] == "silent_report" and p["status"] in OPEN_STATUSES
            else 2,
            0 if _is_open_overdue(p) else 1,
            p["deadline_at"] or FAR,
            p["id"],
        ),
        False,
    ),
}


@pytest.mark.parametrize("sort", list(SORT_KEYS))
def test_every_sort_pages_through_each_post_exactly_once(
    platform: RunningPlatform, admin: Api, sort: str
) -> None:
    key, reverse = SORT_KEYS[sort]
    expected = [p["id"] for p in sorted(stored_posts(platform), key=key, reverse=reverse)]
    got = all_pages(admin, sort=sort)
    assert len(got) == len(set(got)) == len(expected)
    assert got == expected


def test_default_sort_is_newest_first_with_limit_50(admin: Api) -> None:
    page = admin.get("/posts").json()
    assert len(page["items"]) == 50 and page["next_cursor"]
    created = [(p["created_at"], p["id"]) for p in page["items"]]
    assert created == sorted(created, reverse=True)


def test_priority_puts_silent_reports_then_overdue_first(
    admin: Api, queue_posts: dict[str, int]
) -> None:
    items = admin.get("/posts", params={"sort": "priority", "limit": 3}).json()["items"]
    assert [p["id"] for p in items[:2]] == [queue_posts["silent_new"], queue_posts["silent_acked"]]
    assert items[2]["overdue"] is True


def test_paging_is_stable_while_new_posts_arrive(platform: RunningPlatform, admin: Api) -> None:
    first = admin.get("/posts", params={"limit": 5}).json()
    (extra,) = insert_posts(platform, [{"title": "翻页途中的新帖", "created_at": utcnow()}])
    try:
        rest = all_pages(admin, limit=50, cursor=first["next_cursor"])
        ids_seen = [p["id"] for p in first["items"]] + rest
        assert extra not in ids_seen
        assert len(ids_seen) == len(set(ids_seen)) == len(stored_posts(platform)) - 1
    finally:
        dbutil.execute(platform, "DELETE FROM timeline WHERE post_id = ?", extra)
        dbutil.execute(platform, "DELETE FROM posts WHERE id = ?", extra)


def test_bad_cursor_limit_and_sort_are_422(admin: Api) -> None:
    page = admin.get("/posts", params={"limit": 2}).json()
    r = admin.get("/posts", params={"cursor": page["next_cursor"], "sort": "deadline"})
    assert r.status_code == 422 and "排序方式不一致" in error(r)["message"]
    r = admin.get("/posts", params={"cursor": "bm90IGEgY3Vyc29y"})
    assert r.status_code == 422 and error(r)["code"] == "bad_cursor"
    assert admin.get("/posts", params={"limit": 0}).status_code == 422
    assert admin.get("/posts", params={"limit": 201}).status_code == 422
    assert admin.get("/posts", params={"sort": "random"}).status_code == 422


# ---------------------------------------------------------------- filters
def _listed(api: Api, **params: Any) -> set[int]:
    got = all_pages(api, limit=200, **params)
    assert len(got) == len(set(got))
    return set(got)


def _where(platform: RunningPlatform, pred: Any) -> set[int]:
    return {p["id"] for p in stored_posts(platform) if pred(p)}


def test_status_filter(platform: RunningPlatform, admin: Api) -> None:
    assert _listed(admin, status="new") == _where(platform, lambda p: p["status"] == "new")
    both = _listed(admin, status="accepted,in_progress")
    assert both == _where(platform, lambda p: p["status"] in ("accepted", "in_progress"))
    r = admin.get("/posts", params={"status": "open,done"})
    assert r.status_code == 422 and "不认识的状态" in error(r)["message"]


def test_board_filter(platform: RunningPlatform, admin: Api) -> None:
    boards = ids(platform)["board"]
    got = _listed(admin, board="hukou,exit-entry")
    assert got == _where(
        platform, lambda p: p["board_id"] in (boards["hukou"], boards["exit-entry"])
    )
    assert len(got) == 3
    r = admin.get("/posts", params={"board": "nope"})
    assert r.status_code == 422 and "没有这个板块" in error(r)["message"]


def test_unit_filter_covers_the_subtree(
    platform: RunningPlatform, admin: Api, queue_posts: dict[str, int]
) -> None:
    units = ids(platform)["unit"]
    east = {units[c] for c in ("br-east", "st-chengguan", "st-hebin", "st-dongmen")}
    got = _listed(admin, unit=units["br-east"])
    assert got == _where(platform, lambda p: p["unit_id"] in east)
    assert {queue_posts["east"], queue_posts["bike"]} <= got
    assert _listed(admin, unit=units["st-hebin"]) == _where(
        platform, lambda p: p["unit_id"] == units["st-hebin"]
    )
    assert admin.get("/posts", params={"unit": 99999}).status_code == 422


def test_assignee_filter(platform: RunningPlatform, queue_posts: dict[str, int]) -> None:
    zhang = platform.officer("010001")
    me = ids(platform)["officer"]["010001"]
    mine = _listed(zhang, assignee="me")
    assert mine == _where(platform, lambda p: p["assignee_id"] == me)
    assert queue_posts["overdue"] in mine
    li = ids(platform)["officer"]["010002"]
    assert _listed(zhang, assignee=str(li)) == _where(platform, lambda p: p["assignee_id"] == li)
    admin = platform.officer("010999")
    assert _listed(admin, assignee="none") == _where(platform, lambda p: p["assignee_id"] is None)
    assert zhang.get("/posts", params={"assignee": "someone"}).status_code == 422


def test_kind_filter(platform: RunningPlatform, admin: Api, queue_posts: dict[str, int]) -> None:
    assert _listed(admin, kind="silent_report") == {
        queue_posts["silent_new"],
        queue_posts["silent_acked"],
    }
    assert admin.get("/posts", params={"kind": "tweet"}).status_code == 422


def test_overdue_filter(platform: RunningPlatform, admin: Api, queue_posts: dict[str, int]) -> None:
    late = _listed(admin, overdue="true")
    assert late == _where(platform, _is_open_overdue)
    assert queue_posts["overdue"] in late and queue_posts["late_but_done"] not in late
    assert _listed(admin, overdue="false") == _where(platform, lambda p: not _is_open_overdue(p))
    items = admin.get("/posts", params={"overdue": "true"}).json()["items"]
    assert all(p["overdue"] for p in items)


def test_mentions_me_filter(platform: RunningPlatform, queue_posts: dict[str, int]) -> None:
    got = _listed(platform.officer("010001"), mentions_me="true")
    assert got == {queue_posts["noise"], queue_posts["passport"]}  # named, and the officer's unit


def test_filters_combine(platform: RunningPlatform, admin: Api) -> None:
    units = ids(platform)["unit"]
    got = _listed(admin, status="new,accepted", unit=units["cmd"], kind="post")
    assert got == _where(
        platform,
        lambda p: (
            p["status"] in ("new", "accepted")
            and p["unit_id"] == units["cmd"]
            and p["kind"] == "post"
        ),
    )


def test_visibility_is_applied_in_the_query(
    platform: RunningPlatform, queue_posts: dict[str, int]
) -> None:
    units = ids(platform)["unit"]
    boards = ids(platform)["board"]
    restricted = {boards["silent"], boards["complaint"], boards["tips"]}
    station = platform.officer("020020")  # 城关派出所
    me = ids(platform)["officer"]["020020"]
    got = _listed(station)
    assert got == _where(
        platform,
        lambda p: (
            p["board_id"] not in restricted
            or p["unit_id"] == units["st-chengguan"]
            or p["assignee_id"] == me
        ),
    )
    assert queue_posts["silent_new"] not in got and queue_posts["complaint"] not in got
    branch_leader = platform.officer("020048")  # 东城分局 leader: the branch subtree only
    east = {units[c] for c in ("br-east", "st-chengguan", "st-hebin", "st-dongmen")}
    assert _listed(branch_leader) == _where(
        platform,
        lambda p: p["unit_id"] in east or p["assignee_id"] == ids(platform)["officer"]["020048"],
    )


# ---------------------------------------------------------------- full text
@pytest.fixture(
    params=[text_pages.WINDOW_ROWS, 5, 0, -1],
    ids=["window", "small-window", "index-only", "index-recent-day-first"],
)
def window(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[int]:
    """The window scan, a window too small to decide, the full-text index alone, and the
    index asked for the last day before each page first (`text_pages._recent`)."""
    monkeypatch.setattr(text_pages, "WINDOW_ROWS", max(0, request.param))
    if request.param < 0:
        monkeypatch.setattr(text_pages, "RECENT_SPAN", timedelta(days=1))
    else:
        monkeypatch.setattr(text_pages, "_recent", lambda _db, _lq, _build: None)
    yield request.param


@pytest.mark.parametrize(
    ("q", "expect"),
    [
        ("户口", {"hukou"}),  # two characters
        ("护", {"passport"}),  # one character
        ("身份证", {"idcard"}),  # three
        ("户口从外地迁", {"hukou"}),  # six, inside the body
        ("电动车", {"bike"}),
        ("噪音 电钻", {"noise"}),  # every term must occur
        ("噪音 护照", set()),
        ('"AND"', {"syntax"}),
        ('"', {"syntax"}),
        ("*", {"syntax"}),
        ("AND", {"syntax"}),
        ("and", {"syntax"}),  # Latin letters ignore case
        ("NEAR(x)", {"syntax"}),
        ("OR NOT (", {"syntax"}),
        ('he said "', {"syntax"}),
        ("%", {"percent"}),  # LIKE wildcards are plain characters too
        ("_", {"percent"}),
        ("100%的", {"percent"}),
        ("日常事务", None),  # many posts: compared with a plain substring check
        ("事", None),
        ("不存在的内容", set()),
    ],
)
def test_text_query(
    platform: RunningPlatform,
    admin: Api,
    queue_posts: dict[str, int],
    window: int,
    q: str,
    expect: set[str] | None,
) -> None:
    got = _listed(admin, q=q)
    wanted = _where(platform, lambda p: contains_all(p, q.split()))
    assert got == wanted
    if expect is not None:
        assert got == {queue_posts[n] for n in expect}
    else:
        assert len(got) > 20


def test_text_query_with_filters_and_paging(
    platform: RunningPlatform, admin: Api, window: int
) -> None:
    for sort in ("created_desc", "deadline", "priority"):
        got = all_pages(admin, limit=4, q="日常", status="new,resolved", sort=sort)
        key, reverse = SORT_KEYS[sort]
        expected = [
            p["id"]
            for p in sorted(stored_posts(platform), key=key, reverse=reverse)
            if contains_all(p, ["日常"]) and p["status"] in ("new", "resolved")
        ]
        assert got == expected


def test_text_query_respects_visibility(
    platform: RunningPlatform, queue_posts: dict[str, int]
) -> None:
    station = platform.officer("020020")
    assert _listed(station, q="抢劫") == set()
    assert _listed(platform.officer("010001"), q="抢劫") == {queue_posts["silent_new"]}


def test_too_long_query_is_422(admin: Api) -> None:
    r = admin.get("/posts", params={"q": "长" * 201})
    assert r.status_code == 422
