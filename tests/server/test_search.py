"""The queue: filters, full-text search (Chinese, FTS syntax as plain text), sort orders,
keyset paging and index use — against a real server over a known set of posts."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, select, text

from platform_server.demo.reference_data import install_reference_data
from platform_server.domain import listing
from platform_server.domain.scope import viewer_for
from platform_server.storage import search
from platform_server.storage.engines import open_database
from platform_server.storage.models import (
    OPEN_STATUSES,
    STATUSES,
    Board,
    Mention,
    Officer,
    Post,
    utcnow,
)
from tests.helpers.platform import Api, RunningPlatform
from tests.server import dbutil
from tests.server.helpers_posts import error, ids, insert_posts, orm

NOW = utcnow()
BASE = NOW - timedelta(days=10)

NAMED: dict[str, dict[str, Any]] = {
    "hukou": {
        "board": "hukou",
        "title": "户口迁移需要什么材料",
        "body": "我想把户口从外地迁到临江，需要准备哪些证明？",
    },
    "idcard": {
        "board": "hukou",
        "title": "身份证丢了怎么补办",
        "body": "昨天在公交车上丢了身份证，能不能先办临时身份证",
    },
    "noise": {
        "board": "public-order",
        "title": "楼上噪音扰民",
        "body": "每天夜里十二点还在装修，电钻声很大",
    },
    "bike": {
        "board": "110",
        "unit": "st-chengguan",
        "status": "accepted",
        "assignee": "020020",
        "title": "电动车被盗",
        "body": "小区车棚里的电动车昨晚被偷了",
    },
    "passport": {
        "board": "exit-entry",
        "title": "护照预约",
        "body": "护照过期了想换新的，网上预约不上",
    },
    "syntax": {
        "board": "advice",
        "title": 'He said "AND" * NEAR(x)',
        "body": "包含特殊符号的帖子 AND OR NOT ( ) ^ : -",
    },
    "percent": {"board": "advice", "title": "收费标准", "body": "听说要收100%的手续费_是真的吗"},
    "silent_new": {
        "board": "silent",
        "title": "公交车上有人抢劫",
        "body": "我不敢出声，车在开往东门方向",
    },
    "silent_acked": {
        "board": "silent",
        "title": "有人跟踪我",
        "body": "一个男的一直跟着我",
        "acknowledged_by": "010001",
        "acknowledged_at": NOW - timedelta(hours=1),
        "status": "accepted",
        "assignee": "010001",
    },
    "overdue": {
        "board": "110",
        "status": "accepted",
        "assignee": "010001",
        "title": "门锁被撬",
        "body": "回家发现门锁被撬",
        "deadline_at": NOW - timedelta(hours=3),
    },
    "late_but_done": {
        "board": "110",
        "status": "resolved",
        "assignee": "010002",
        "title": "已办结的旧帖",
        "body": "处理完了",
        "deadline_at": NOW - timedelta(hours=5),
        "resolved_at": NOW - timedelta(hours=6),
    },
    "no_deadline": {
        "board": "advice",
        "title": "没有期限的建议",
        "body": "建议增加路灯",
        "deadline_at": None,
    },
    "complaint": {"board": "complaint", "title": "窗口民警推诿", "body": "办事窗口推诿不办"},
    "east": {
        "board": "110",
        "unit": "br-east",
        "title": "分局直办",
        "body": "东城分局直接办理的事",
    },
}


def _fillers() -> list[dict[str, Any]]:
    units = ["cmd", "st-chengguan", "st-hebin", "hukou", "traffic", "st-xiguan"]
    boards = ["110", "traffic", "public-order", "advice", "12345"]
    holders = ["010001", "010002", "020020"]
    out = []
    for i in range(60):
        status = STATUSES[i % len(STATUSES)]
        created = BASE + timedelta(hours=2 * (i // 2))  # pairs share a creation time
        deadline = None if i % 11 == 0 else created + timedelta(hours=(i * 7) % 50 + 1)
        out.append(
            {
                "board": boards[i % len(boards)],
                "unit": units[i % len(units)],
                "status": status,
                "assignee": holders[i % 3] if status != "new" else None,
                "created_at": created,
                "updated_at": BASE + timedelta(minutes=(i * 37) % 997),
                "deadline_at": deadline,
                "title": f"第{i}号日常事务",
                "body": f"这是第{i}条关于日常事务的留言，请相关部门看看。",
            }
        )
    return out


@pytest.fixture(scope="module")
def data(platform: RunningPlatform) -> dict[str, int]:
    names = list(NAMED)
    specs = []
    for k, name in enumerate(names):
        spec = dict(NAMED[name])
        spec.setdefault("created_at", BASE + timedelta(hours=3, minutes=k * 17))
        specs.append(spec)
    named_ids = insert_posts(platform, specs)
    insert_posts(platform, _fillers())
    out = dict(zip(names, named_ids, strict=True))
    cmd = ids(platform)["unit"]["cmd"]
    with orm(platform) as s:
        officer = s.scalar(select(Officer.id).where(Officer.badge == "010001"))
        s.add(Mention(post_id=out["noise"], officer_id=officer))
        s.add(Mention(post_id=out["passport"], unit_id=cmd))
    return out


COLUMNS = (
    "id",
    "kind",
    "status",
    "unit_id",
    "assignee_id",
    "board_id",
    "title",
    "body",
    "created_at",
    "updated_at",
    "deadline_at",
    "acknowledged_at",
)


def _posts(platform: RunningPlatform) -> list[dict[str, Any]]:
    rows = dbutil.rows(platform, f"SELECT {', '.join(COLUMNS)} FROM posts")
    out = []
    for row in rows:
        p = dict(zip(COLUMNS, row, strict=True))
        for k in ("created_at", "updated_at", "deadline_at", "acknowledged_at"):
            p[k] = datetime.fromisoformat(p[k]) if p[k] else None
        out.append(p)
    return out


def _all_pages(api: Api, limit: int = 7, **params: Any) -> list[int]:
    seen: list[int] = []
    cursor = None
    for _ in range(200):
        query = {**params, "limit": limit}
        if cursor:
            query["cursor"] = cursor
        r = api.get("/posts", params=query)
        assert r.status_code == 200, r.text
        page = r.json()
        assert len(page["items"]) <= limit
        seen.extend(p["id"] for p in page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            return seen
        assert len(page["items"]) == limit
    raise AssertionError("paging did not end")


@pytest.fixture(scope="module")
def admin(platform: RunningPlatform, data: dict[str, int]) -> Api:
    return platform.officer("010999")


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
    expected = [p["id"] for p in sorted(_posts(platform), key=key, reverse=reverse)]
    got = _all_pages(admin, sort=sort)
    assert len(got) == len(set(got)) == len(expected)
    assert got == expected


def test_default_sort_is_newest_first_with_limit_50(admin: Api) -> None:
    page = admin.get("/posts").json()
    assert len(page["items"]) == 50 and page["next_cursor"]
    created = [(p["created_at"], p["id"]) for p in page["items"]]
    assert created == sorted(created, reverse=True)


def test_priority_puts_silent_reports_then_overdue_first(admin: Api, data: dict[str, int]) -> None:
    items = admin.get("/posts", params={"sort": "priority", "limit": 3}).json()["items"]
    assert [p["id"] for p in items[:2]] == [data["silent_new"], data["silent_acked"]]
    assert items[2]["overdue"] is True


def test_paging_is_stable_while_new_posts_arrive(platform: RunningPlatform, admin: Api) -> None:
    first = admin.get("/posts", params={"limit": 5}).json()
    (extra,) = insert_posts(platform, [{"title": "翻页途中的新帖", "created_at": utcnow()}])
    try:
        rest = _all_pages(admin, limit=50, cursor=first["next_cursor"])
        ids_seen = [p["id"] for p in first["items"]] + rest
        assert extra not in ids_seen
        assert len(ids_seen) == len(set(ids_seen)) == len(_posts(platform)) - 1
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
    got = _all_pages(api, limit=200, **params)
    assert len(got) == len(set(got))
    return set(got)


def _where(platform: RunningPlatform, pred: Any) -> set[int]:
    return {p["id"] for p in _posts(platform) if pred(p)}


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
    platform: RunningPlatform, admin: Api, data: dict[str, int]
) -> None:
    units = ids(platform)["unit"]
    east = {units[c] for c in ("br-east", "st-chengguan", "st-hebin", "st-dongmen")}
    got = _listed(admin, unit=units["br-east"])
    assert got == _where(platform, lambda p: p["unit_id"] in east)
    assert {data["east"], data["bike"]} <= got
    assert _listed(admin, unit=units["st-hebin"]) == _where(
        platform, lambda p: p["unit_id"] == units["st-hebin"]
    )
    assert admin.get("/posts", params={"unit": 99999}).status_code == 422


def test_assignee_filter(platform: RunningPlatform, data: dict[str, int]) -> None:
    zhang = platform.officer("010001")
    me = ids(platform)["officer"]["010001"]
    mine = _listed(zhang, assignee="me")
    assert mine == _where(platform, lambda p: p["assignee_id"] == me)
    assert data["overdue"] in mine
    li = ids(platform)["officer"]["010002"]
    assert _listed(zhang, assignee=str(li)) == _where(platform, lambda p: p["assignee_id"] == li)
    admin = platform.officer("010999")
    assert _listed(admin, assignee="none") == _where(platform, lambda p: p["assignee_id"] is None)
    assert zhang.get("/posts", params={"assignee": "someone"}).status_code == 422


def test_kind_filter(platform: RunningPlatform, admin: Api, data: dict[str, int]) -> None:
    assert _listed(admin, kind="silent_report") == {data["silent_new"], data["silent_acked"]}
    assert admin.get("/posts", params={"kind": "tweet"}).status_code == 422


def test_overdue_filter(platform: RunningPlatform, admin: Api, data: dict[str, int]) -> None:
    late = _listed(admin, overdue="true")
    assert late == _where(platform, _is_open_overdue)
    assert data["overdue"] in late and data["late_but_done"] not in late
    assert _listed(admin, overdue="false") == _where(platform, lambda p: not _is_open_overdue(p))
    items = admin.get("/posts", params={"overdue": "true"}).json()["items"]
    assert all(p["overdue"] for p in items)


def test_mentions_me_filter(platform: RunningPlatform, data: dict[str, int]) -> None:
    got = _listed(platform.officer("010001"), mentions_me="true")
    assert got == {data["noise"], data["passport"]}  # named, and the officer's unit


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
    platform: RunningPlatform, data: dict[str, int]
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
    assert data["silent_new"] not in got and data["complaint"] not in got
    branch_leader = platform.officer("020048")  # 东城分局 leader: the branch subtree only
    east = {units[c] for c in ("br-east", "st-chengguan", "st-hebin", "st-dongmen")}
    assert _listed(branch_leader) == _where(
        platform,
        lambda p: p["unit_id"] in east or p["assignee_id"] == ids(platform)["officer"]["020048"],
    )


# ---------------------------------------------------------------- full text
@pytest.fixture(params=[listing.WINDOW_ROWS, 5, 0], ids=["window", "small-window", "index-only"])
def window(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[int]:
    """The window scan, a window too small to decide, and the full-text index alone."""
    monkeypatch.setattr(listing, "WINDOW_ROWS", request.param)
    yield request.param


def _contains(p: dict[str, Any], terms: list[str]) -> bool:
    text = (p["title"] + "\n" + p["body"]).lower()
    return all(t.lower() in text for t in terms)


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
    data: dict[str, int],
    window: int,
    q: str,
    expect: set[str] | None,
) -> None:
    got = _listed(admin, q=q)
    wanted = _where(platform, lambda p: _contains(p, q.split()))
    assert got == wanted
    if expect is not None:
        assert got == {data[n] for n in expect}
    else:
        assert len(got) > 20


def test_text_query_with_filters_and_paging(
    platform: RunningPlatform, admin: Api, window: int
) -> None:
    for sort in ("created_desc", "deadline", "priority"):
        got = _all_pages(admin, limit=4, q="日常", status="new,resolved", sort=sort)
        key, reverse = SORT_KEYS[sort]
        expected = [
            p["id"]
            for p in sorted(_posts(platform), key=key, reverse=reverse)
            if _contains(p, ["日常"]) and p["status"] in ("new", "resolved")
        ]
        assert got == expected


def test_text_query_respects_visibility(platform: RunningPlatform, data: dict[str, int]) -> None:
    station = platform.officer("020020")
    assert _listed(station, q="抢劫") == set()
    assert _listed(platform.officer("010001"), q="抢劫") == {data["silent_new"]}


def test_too_long_query_is_422(admin: Api) -> None:
    r = admin.get("/posts", params={"q": "长" * 201})
    assert r.status_code == 422


# ---------------------------------------------------------------- the search module itself
@pytest.fixture(scope="module")
def session(platform: RunningPlatform, data: dict[str, int]) -> Iterator[Any]:
    db = open_database(f"sqlite:///{platform.db_path}", create=False)
    with db.reading() as s:
        yield s
    db.dispose()


def test_index_and_scan_agree_on_every_substring(
    platform: RunningPlatform, session: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each 1–6 character piece of every title and body finds the same posts both ways."""
    posts = _posts(platform)
    pieces: set[str] = set()
    for p in posts[:20]:
        for field in (p["title"], p["body"]):
            for n in (1, 2, 3, 6):
                pieces.update(field[i : i + n] for i in range(0, max(1, len(field) - n + 1), 3))
    pieces = {x for x in pieces if x.strip() and x == x.strip() and " " not in x}
    assert len(pieces) > 200
    for expansion in (search.MAX_EXPANSION, 2):  # 2: common prefixes fall back to the scan
        monkeypatch.setattr(search, "MAX_EXPANSION", expansion)
        for piece in sorted(pieces):
            terms = search.parse(piece)
            by_index = set(
                session.scalars(select(Post.id).where(search.index_clause(session, terms)))
            )
            by_scan = set(
                session.scalars(select(Post.id).where(search.scan_clause(session, terms)))
            )
            truth = {p["id"] for p in posts if _contains(p, terms)}
            assert by_index == by_scan == truth, piece


def test_index_follows_edits_and_deletes(platform: RunningPlatform, session: Any) -> None:
    (pid,) = insert_posts(platform, [{"title": "临时标题甲乙丙", "body": "正文丁戊"}])
    try:

        def found(q: str) -> set[int]:
            session.rollback()  # a fresh read transaction sees the latest commit
            return set(
                session.scalars(
                    select(Post.id).where(search.index_clause(session, search.parse(q)))
                )
            )

        assert found("甲乙丙") == {pid} and found("丁戊") == {pid}
        dbutil.execute(platform, "UPDATE posts SET title = '改过的标题庚辛' WHERE id = ?", pid)
        assert found("甲乙丙") == set() and found("庚辛") == {pid} and found("丁戊") == {pid}
        dbutil.execute(platform, "UPDATE posts SET status = 'accepted' WHERE id = ?", pid)
        assert found("庚辛") == {pid}
    finally:
        dbutil.execute(platform, "DELETE FROM timeline WHERE post_id = ?", pid)
        dbutil.execute(platform, "DELETE FROM posts WHERE id = ?", pid)
    assert found("庚辛") == set()


def test_install_indexes_existing_posts_and_reindex_repairs(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    db = open_database(url)
    try:
        with db.writing() as s:
            install_reference_data(s)
            s.execute(text("DROP TABLE posts_fts"))  # a database from before search existed
            s.execute(text("DROP TRIGGER posts_fts_ai"))
            board = s.scalar(select(Board.id))
            s.add_all(
                [Post(board_id=board, title=f"旧帖{i}", body="旧的正文内容") for i in range(3)]
            )
    finally:
        db.dispose()

    def count(db: Any, q: str) -> int:
        with db.reading() as s:
            return len(
                s.scalars(select(Post.id).where(search.index_clause(s, search.parse(q)))).all()
            )

    db = open_database(url)  # install() finds no index and builds it from the posts
    try:
        assert count(db, "旧的正文") == 3 and count(db, "旧帖") == 3
        with db.writing() as s:  # a bulk load that bypassed the triggers
            s.execute(text("DROP TRIGGER posts_fts_ai"))
            s.add(Post(board_id=board, title="批量导入", body="没有经过触发器"))
        assert count(db, "批量导入") == 0
        with db.writing() as s:
            search.reindex(s)
        assert count(db, "批量导入") == 1 and count(db, "旧帖") == 3
    finally:
        db.dispose()


def test_parse_treats_input_as_plain_terms() -> None:
    assert search.parse('  户口  "AND"\t* ') == ["户口", '"AND"', "*"]
    assert search.parse("a\x01b") == ["a", "b"]
    assert search.parse("x " * 20) == ["x"]
    assert len(search.parse(" ".join(str(i) for i in range(20)))) == search.MAX_TERMS
    assert search.parse(None) == [] and search.parse("   ") == []


# ---------------------------------------------------------------- index use
def _plan(session: Any, platform: RunningPlatform, badge: str, **params: Any) -> str:
    officer = session.scalar(select(Officer).where(Officer.badge == badge))
    viewer = viewer_for(session, officer)
    lq = listing.parse_list_query(session, viewer, **params)
    captured: list[tuple[str, Any]] = []
    engine = session.get_bind()

    def grab(_c: Any, _cur: Any, statement: str, parameters: Any, _ctx: Any, _many: bool) -> None:
        captured.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", grab)
    try:
        session.execute(listing.build_select(session, viewer, lq)).all()
    finally:
        event.remove(engine, "before_cursor_execute", grab)
    statement, parameters = captured[-1]
    rows = session.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)
    return "\n".join(r[3] for r in rows)


@pytest.mark.parametrize(
    ("badge", "params", "index"),
    [
        ("010999", {}, "ix_posts_created"),
        ("010001", {}, "ix_posts_created"),
        ("010001", {"status": "new"}, "ix_posts_status_created"),
        ("010001", {"assignee": "me", "status": "accepted"}, "ix_posts_assignee_status_created"),
        ("010001", {"kind": "silent_report", "status": "new"}, "ix_posts_kind_status_created"),
        ("010999", {"sort": "updated_desc"}, "ix_posts_updated"),
        ("010999", {"sort": "created_asc"}, "ix_posts_created"),
    ],
)
def test_list_query_walks_an_index_without_sorting(
    platform: RunningPlatform, session: Any, badge: str, params: dict[str, Any], index: str
) -> None:
    plan = _plan(session, platform, badge, **params)
    assert index in plan, plan
    assert "TEMP B-TREE" not in plan, plan


def test_next_page_starts_inside_the_index(
    platform: RunningPlatform, session: Any, admin: Api
) -> None:
    page = admin.get("/posts", params={"limit": 3}).json()
    plan = _plan(session, platform, "010999", cursor=page["next_cursor"])
    assert "SEARCH posts USING INDEX ix_posts_created" in plan, plan
    assert "TEMP B-TREE" not in plan, plan
