"""The queue's list queries use an index in sort order, never a sort of every matching row.

Officers notice this as a queue that answers at once, or after a second, on a big city.
SQLite: the plan depends on planner statistics, which the server refreshes when it
opens a database that has posts; the test reads SQLite's own choice. PostgreSQL:
on a test-sized city its planner rightly prefers reading the whole small table, so
the counterpart asks whether the query *can* be answered by walking an index in
order (sequential scans and sorts priced out, ``enable_seqscan``/``enable_sort``
off): a plan with no Sort node exists only when an index fits the filter and the
keyset order.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import event, func, select, text
from sqlalchemy.orm import Session

from platform_server.domain import jobs, listing, text_pages
from platform_server.domain.scope import viewer_for
from platform_server.storage.engines import Database, open_database, refresh_planner_statistics
from platform_server.storage.models import Officer, Post, utcnow
from tests.helpers import databases
from tests.helpers.seeded import seed_city

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def seeded(engine: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    url = databases.new_database(engine, tmp_path_factory.mktemp("plans"))
    seed_city(url, posts=3000)
    return url


@pytest.fixture
def db(seeded: str) -> Iterator[Database]:
    database = open_database(seeded)  # opening refreshes planner statistics
    yield database
    database.dispose()


def plan_of(s: Session, sql: str, engine: str) -> str:
    if engine == "sqlite":
        return " | ".join(r[3] for r in s.execute(text("EXPLAIN QUERY PLAN " + sql)))
    for setting in ("enable_seqscan", "enable_sort", "enable_incremental_sort"):
        s.execute(text(f"SET LOCAL {setting} = off"))
    return " | ".join(r[0] for r in s.execute(text("EXPLAIN " + sql)))


@pytest.mark.parametrize("badge", ["010001", "010900"])
@pytest.mark.parametrize(
    "params",
    [
        {},
        {"board": "traffic"},
        {"assignee": "me"},
        {"kind": "silent_report"},
        {"status": "new"},
        {"unit": "UNIT"},
    ],
    ids=["default", "board", "assignee", "kind", "status", "unit"],
)
def test_queue_queries_read_an_index_in_order(
    engine: str, db: Database, badge: str, params: dict
) -> None:
    with db.reading() as s:
        officer = s.scalar(select(Officer).where(Officer.badge == badge))
        assert officer is not None
        viewer = viewer_for(s, officer)
        if params.get("unit") == "UNIT":
            params = {"unit": officer.unit_id}
        lq = listing.parse_list_query(s, viewer, **params)
        sql = str(
            listing.build_select(s, viewer, lq).compile(
                s.bind, compile_kwargs={"literal_binds": True}
            )
        )
        plan = plan_of(s, sql, engine)
    if engine == "sqlite":
        assert "TEMP B-TREE FOR ORDER BY" not in plan, plan
        assert "USING INDEX" in plan, plan
    else:
        assert "Sort" not in plan, plan
        assert "Index Scan" in plan or "Index Only Scan" in plan, plan


@pytest.mark.parametrize("badge", ["010001", "010900"])
def test_a_text_search_reads_the_queue_in_order_and_stops_at_a_full_page(
    engine: str, db: Database, badge: str
) -> None:
    """A common term fills the page from the newest posts (`text_pages`): the window is
    read from the creation-time index, and on PostgreSQL the scan ends at the page's
    last match instead of reading every row of the window (EXPLAIN ANALYZE counts the
    rows the index scan returned; SQLite's plan has no such count)."""
    window_rows = 2000
    with db.reading() as s:
        officer = s.scalar(select(Officer).where(Officer.badge == badge))
        assert officer is not None
        viewer = viewer_for(s, officer)
        lq = listing.parse_list_query(s, viewer, q="事", limit=10)
        base = listing.build_select(s, viewer, lq, text=False).limit(window_rows)
        stmt = text_pages.window_select(s, lq, base)
        sql = str(stmt.compile(s.bind, compile_kwargs={"literal_binds": True}))
        assert len(s.execute(text(sql)).all()) == lq.limit + 1  # the term fills the page
        if engine == "sqlite":
            assert "ix_posts_created" in plan_of(s, sql, engine)
            return
        s.execute(text("SET LOCAL enable_seqscan = off"))  # a test-sized table
        (report,) = s.execute(text("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)).scalar_one()

    def scans(node: dict[str, Any]) -> Iterator[dict[str, Any]]:
        if node.get("Index Name") == "ix_posts_created":
            yield node
        for child in node.get("Plans", []):
            yield from scans(child)

    (scan,) = scans(report["Plan"])
    assert scan["Actual Rows"] < window_rows / 4, scan


def _posts_containing(s: Session, term: str) -> int:
    where = Post.title.contains(term, autoescape=True) | Post.body.contains(term, autoescape=True)
    return s.scalar(select(func.count()).where(where)) or 0


def test_a_rare_term_asks_the_index_without_scanning_a_window_first(
    engine: str, db: Database
) -> None:
    """SQLite counts a 3+ character term's matches among the newest posts in the index
    (`search.matches_above`): too few to fill a page, and the page comes from the index
    without the window scan that would come up short. PostgreSQL cannot count cheaply
    and scans the window first; both give the same page."""
    statements: list[str] = []

    def remember(_c: Any, _cur: Any, stmt: str, *_: Any) -> None:
        statements.append(stmt)

    def page(q: str) -> tuple[list[int], bool]:
        statements.clear()
        with db.reading() as s:
            viewer = viewer_for(s, s.scalar(select(Officer).where(Officer.badge == "010900")))
            lq = listing.parse_list_query(s, viewer, q=q, limit=20)
            ids = [item.id for item in listing.list_posts(s, viewer, lq).items]
        return ids, any(" AS wid" in st or "AS text_window" in st for st in statements)

    with db.reading() as s:  # three characters of some post that few others contain
        rare_term = next(
            t
            for body in s.scalars(select(Post.body).order_by(Post.id).limit(50))
            for t in (body[i : i + 3] for i in range(0, len(body) - 2))
            if len(t.split()) == 1 and len(t.strip()) == 3 and 0 < _posts_containing(s, t) < 5
        )
        expected = _posts_containing(s, rare_term)
    event.listen(db.read_engine, "before_cursor_execute", remember)
    try:
        common, common_windowed = page("派出所")
        rare, rare_windowed = page(rare_term)
    finally:
        event.remove(db.read_engine, "before_cursor_execute", remember)
    assert len(common) == 20 and common_windowed
    assert len(rare) == expected
    assert rare_windowed == (engine == "postgresql")


def test_statistics_are_written_once_posts_exist(engine: str, seeded: str) -> None:
    db = open_database(seeded, create=False)
    try:
        if engine == "sqlite":
            with db.write_engine.connect() as conn:
                conn.exec_driver_sql("DROP TABLE IF EXISTS sqlite_stat1")
                conn.commit()
            refresh_planner_statistics(db)
            count = "SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'posts'"
        else:
            with db.write_engine.connect() as conn:
                conn.exec_driver_sql("SELECT pg_stat_reset()")  # forget when it was analysed
                conn.commit()
            refresh_planner_statistics(db)
            count = "SELECT count(*) FROM pg_stats WHERE tablename = 'posts'"
        with db.reading() as s:
            n = s.execute(text(count)).scalar()
            assert n and n > 0
            if engine == "postgresql":
                analysed = s.execute(
                    text("SELECT last_analyze FROM pg_stat_user_tables WHERE relname = 'posts'")
                ).scalar()
                assert analysed is not None
    finally:
        db.dispose()


def test_the_escalation_check_reads_only_the_waiting_reports(engine: str, db: Database) -> None:
    """Once a second every server process asks for the unacknowledged silent reports: at a
    million posts, stepping over every report ever made took 0.1–0.2 s of each second."""
    statements: list[str] = []

    def remember(_c: Any, _cur: Any, stmt: str, *_: Any) -> None:
        statements.append(stmt)

    event.listen(db.read_engine, "before_cursor_execute", remember)
    try:
        with db.reading() as s:
            jobs.due_for_escalation(s, utcnow(), lock=False)
    finally:
        event.remove(db.read_engine, "before_cursor_execute", remember)
    (sql,) = [x for x in statements if "escalat" in x or "silent_report" in x]
    if engine == "sqlite":
        sql, params = jobs.escalation_sql(utcnow())
        sql = sql.replace(":cutoff", "'2099-01-01'").replace(":n", str(params["n"]))
        with db.reading() as s:
            plan = plan_of(s, sql, engine)
    else:
        # On a test-sized city PostgreSQL rightly takes the kind index; what matters is
        # that the query's condition lets it use the partial one: without the indexes
        # that lead with the kind (dropped in a transaction that is rolled back), it must.
        sql = sql.replace("%(created_at_1)s", "now()").replace("%(param_1)s", "200")
        with db.write_engine.connect() as c, c.begin() as tx:
            for name in ("ix_posts_kind_created", "ix_posts_kind_status_created",
                         "ix_posts_silent_figures"):  # fmt: skip
                c.exec_driver_sql(f"DROP INDEX {name}")
            plan = plan_of(Session(bind=c), sql, engine)
            tx.rollback()
    assert "ix_posts_silent_waiting" in plan, plan


def _terms_in(s: Session, low: int, high: int, length: int = 3) -> list[str]:
    """Terms of `length` characters from the seeded posts, each in `low`–`high` posts."""
    found: list[str] = []
    for body in s.scalars(select(Post.body).order_by(Post.id).limit(200)):
        for t in (body[i : i + length] for i in range(0, len(body) - length + 1)):
            if t in found or not all("\u4e00" <= c <= "\u9fff" for c in t):
                continue
            if low <= _posts_containing(s, t) <= high:
                found.append(t)
    return found


@pytest.mark.parametrize("in_order", [True, False], ids=["in-order", "matches-first"])
def test_a_span_of_a_rare_term_is_read_in_page_order(
    engine: str, db: Database, in_order: bool
) -> None:
    """Past the window (`text_pages._recent`), a term's matches in the last days are read
    by walking the creation-time index backwards and stopping at a full page; fetching
    every match of the term to sort them took 17 ms at a million posts, against 5.
    SQLite is steered by how the index clause is written (`in_order`); PostgreSQL
    chooses by its estimate of the term's matches (the next test)."""
    with db.reading() as s:
        viewer = viewer_for(s, s.scalar(select(Officer).where(Officer.badge == "010900")))
        term = _terms_in(s, 30, 150)[0]
        lq = listing.parse_list_query(s, viewer, q=term, limit=10)
        stmt = listing.build_select(s, viewer, lq, in_order=in_order).where(
            Post.created_at >= lq.now - text_pages.RECENT_SPAN
        )
        sql = str(stmt.compile(s.bind, compile_kwargs={"literal_binds": True}))
        plan = plan_of(s, sql, engine)
    if engine == "postgresql":  # with sorts priced out, as for the queue's queries
        assert "Sort" not in plan, plan
        return
    if in_order:
        assert "ix_posts_created (created_at>?)" in plan, plan
        assert "TEMP B-TREE FOR ORDER BY" not in plan, plan
    else:  # every match fetched by its id, then sorted
        assert "TEMP B-TREE FOR ORDER BY" in plan, plan


def test_a_week_of_a_term_is_one_index_scan_on_postgresql(engine: str, db: Database) -> None:
    """PostgreSQL's counterpart of the SQLite steering above: the trigram index holds each
    post's creation time too (migration 0012), so the span's "contains the term and is
    from the last week" is one index scan. ANDing two indexes was left to the planner's
    guess of the term's frequency, clamped at about 100 of a million posts for any term
    in under one post in a hundred: a term in 5,000 posts then fetched all 5,000 (15 ms),
    against 110 rows (3.5 ms) this way. SQLite: the plan reads the FTS5 matches once and
    walks the creation-time index (the test above)."""
    with db.reading() as s:
        viewer = viewer_for(s, s.scalar(select(Officer).where(Officer.badge == "010900")))
        lq = listing.parse_list_query(s, viewer, q=_terms_in(s, 30, 150)[0], limit=10)
        newest = s.scalar(select(func.max(Post.created_at)))  # the seeded city's last week
        stmt = listing.build_select(s, viewer, lq, in_order=True).where(
            Post.created_at >= newest - text_pages.RECENT_SPAN
        )
        sql = str(stmt.compile(s.bind, compile_kwargs={"literal_binds": True}))
        if engine == "sqlite":
            plan = plan_of(s, sql, engine)
            assert plan.count("SCAN posts_fts") == 1, plan
            return
        for setting in ("enable_seqscan", "enable_indexscan"):  # a test-sized table
            s.execute(text(f"SET LOCAL {setting} = off"))
        plan = " | ".join(r[0] for r in s.execute(text("EXPLAIN " + sql)))
    scans = [p for p in plan.split(" | ->") if "Bitmap Index Scan on ix_posts_text" in p]
    assert any("~~" in p and "created_at >=" in p for p in scans), plan
