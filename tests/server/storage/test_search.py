"""The full-text search module (SQLite FTS5 trigram with the short-term path) and the
list query's index use, on a real database behind a running server."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import event, select

from platform_server.domain import listing
from platform_server.domain.scope import viewer_for
from platform_server.storage import search
from platform_server.storage.engines import open_database
from platform_server.storage.models import Officer, Post
from tests.helpers import dbutil
from tests.helpers.plans import explain
from tests.helpers.platform import Api, RunningPlatform
from tests.helpers.posts import insert_posts
from tests.helpers.queue_data import contains_all, stored_posts

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("queue_posts")]


# ---------------------------------------------------------------- the search module itself
@pytest.fixture(scope="module")
def session(platform: RunningPlatform, queue_posts: dict[str, int]) -> Iterator[Any]:
    db = open_database(platform.db_url, create=False)
    with db.reading() as s:
        yield s
    db.dispose()


def test_index_and_scan_agree_on_every_substring(
    platform: RunningPlatform, session: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each 1–6 character piece of every title and body finds the same posts both ways."""
    posts = stored_posts(platform)
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
            truth = {p["id"] for p in posts if contains_all(p, terms)}
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
    return "\n".join(explain(session.connection(), statement, parameters))


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
    if platform.engine == "sqlite":
        assert index in plan, plan
    else:  # on a table this small PostgreSQL may walk another index of the same order
        assert "Index Scan Backward using ix_posts_" in plan or "Index Scan using ix_posts_" in plan
    assert "TEMP B-TREE" not in plan and "Sort" not in plan, plan


def test_next_page_starts_inside_the_index(
    platform: RunningPlatform, session: Any, admin: Api
) -> None:
    page = admin.get("/posts", params={"limit": 3}).json()
    plan = _plan(session, platform, "010999", cursor=page["next_cursor"])
    if platform.engine == "sqlite":
        assert "SEARCH posts USING INDEX ix_posts_created" in plan, plan
    else:  # the cursor is an index condition, not a filter on a full walk
        assert "Index Scan Backward using ix_posts_created on posts" in plan, plan
        assert "Index Cond" in plan, plan
    assert "TEMP B-TREE" not in plan and "Sort" not in plan, plan
