"""The KPI tiles from the posts' columnar copy (`stats.columns`, `stats.tiles`) equal the
same figures computed in SQL (`stats.figures.summary`), on the demo city for every scope
and several periods, and stay equal as officers and citizens change posts."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any
from unittest.mock import patch

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from platform_server.api.routes.stats import post_columns
from platform_server.domain.scope import viewer_for
from platform_server.stats import columns, figures, tiles
from platform_server.stats.cache import last_seq
from platform_server.stats.columns import PostColumns
from platform_server.stats.measures import StatScope, resolve_scope
from platform_server.stats.sql import Window, resolve_period
from platform_server.storage.engines import Database, open_database
from platform_server.storage.models import Officer, Post, Unit, utcnow
from tests.helpers.platform import RunningPlatform, silent_report
from tests.helpers.posts import citizen_post
from tests.helpers.seeded import NOW
from tests.helpers.stats_cast import ok
from tests.helpers.waiting import wait_until

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def city(seeded_platform: RunningPlatform) -> Iterator[Database]:
    db = open_database(seeded_platform.db_url, create=False)
    yield db
    db.dispose()


def _columns(db: Database) -> PostColumns:
    return PostColumns(db.reading, last_seq)


def _tiles(db: Database, cols: PostColumns, scope: StatScope, w: Window) -> dict[str, Any]:
    with db.reading() as s, cols.current(s, last_seq(s)) as c:
        assert c is not None
        return tiles.summary(c, scope, w).model_dump(exclude={"window"})


def _sql(db: Database, scope: StatScope, w: Window) -> dict[str, Any]:
    with db.reading() as s:
        return figures.summary(s, scope, w).model_dump(exclude={"window"})


def _scopes(db: Database) -> list[StatScope]:
    """The city, every unit, and the officers who hold the most posts (their own)."""
    with db.reading() as s:
        admin = s.scalars(select(Officer).where(Officer.role == "admin")).first()
        assert admin is not None
        units = s.scalars(select(Unit.id)).all()
        busiest = s.execute(
            select(Post.assignee_id)
            .where(Post.assignee_id.is_not(None))
            .group_by(Post.assignee_id)
            .order_by(Post.assignee_id)
            .limit(4)
        ).scalars()
        officers = [s.get(Officer, oid) for oid in busiest]
        out = [resolve_scope(s, viewer_for(s, admin), None)]
        out += [resolve_scope(s, viewer_for(s, admin), uid) for uid in units]
        out += [resolve_scope(s, viewer_for(s, o), None) for o in officers if o is not None]
        return out


@pytest.mark.parametrize(
    ("days", "ending_days_before"),
    [(1, 0), (7, 0), (30, 0), (2, 3), (0.5, 1)],
    ids=["day", "week", "month", "two-days-earlier", "half-day"],
)
def test_tiles_equal_the_sql_figures_on_the_demo_city(
    city: Database, days: float, ending_days_before: int
) -> None:
    until = NOW - timedelta(days=ending_days_before)
    w = resolve_period("custom", until - timedelta(days=days), until, utcnow())
    cols = _columns(city)
    scopes = _scopes(city)
    assert len(scopes) > 10
    seen_data = False
    for scope in scopes:
        want = _sql(city, scope, w)
        assert _tiles(city, cols, scope, w) == want, (scope.kind, scope.unit_id)
        if want["created"]["value"] and want["resolution_median_s"]["value"] is not None:
            seen_data = True
    assert seen_data  # the windows hold posts with every kind of figure


def test_a_new_copy_answers_only_after_loading_in_the_background(city: Database) -> None:
    cols = _columns(city)
    w = resolve_period("custom", NOW - timedelta(days=7), NOW, utcnow())
    with city.reading() as s, cols.current(s, last_seq(s), wait=False) as c:
        assert c is None  # a request computes in SQL meanwhile
    wait_until(lambda: cols.seq >= 0, timeout=30)
    scope = _scopes(city)[0]
    assert _tiles(city, cols, scope, w) == _sql(city, scope, w)


# ---------------------------------------------------------------- kept current
def _summary_now(p: RunningPlatform, db: Database, scope: StatScope) -> tuple[Any, Any]:
    got = ok(p.officer("010999"), "summary", period="today")
    got.pop("window")
    w = resolve_period("today", None, None, utcnow())
    return got, _sql(db, scope, w)


def test_every_change_shows_in_the_tiles_as_in_sql(fresh_platform: RunningPlatform) -> None:
    cols = post_columns(fresh_platform.ctx)
    wait_until(lambda: cols.seq >= 0, timeout=30)  # loaded at start-up: tiles, not SQL
    db = open_database(fresh_platform.db_url, create=False)
    try:
        with db.reading() as s:
            admin = s.scalars(select(Officer).where(Officer.badge == "010999")).one()
            city = resolve_scope(s, viewer_for(s, admin), None)
        officer = fresh_platform.officer("010001")
        citizen = fresh_platform.citizen()
        seen: list[tuple[int, int, int]] = []

        def check() -> None:
            got, want = _summary_now(fresh_platform, db, city)
            assert got == want
            with db.reading() as s:  # the tiles came from the copy, caught up to the log
                assert cols.seq == last_seq(s)
            seen.append((got["created"]["value"], got["open"]["value"], got["resolved"]["value"]))

        check()
        pid = citizen_post(citizen)  # the author rates it later
        silent = silent_report(fresh_platform)
        check()
        assert officer.act(pid, "accept").status_code == 200
        r = officer.post(
            f"/posts/{pid}/replies", {"body": "已受理"}, headers={"Idempotency-Key": "t1"}
        )
        assert r.status_code == 201, r.text
        assert officer.act(silent, "acknowledge").status_code == 200
        check()
        assert officer.act(pid, "close", {"resolution": "已办结"}).status_code == 200
        check()
        assert citizen.post(f"/public/posts/{pid}/rating", {"score": 2}).status_code in (200, 201)
        check()
        assert officer.act(pid, "reopen", {"reason": "群众不满意，重新办理"}).status_code == 200
        check()
    finally:
        db.dispose()
    # The tiles moved with every step: created, open, resolved, then open again.
    assert seen[0] == (0, 0, 0)
    assert seen[-2][2] == 1 and seen[-1][2] == 0 and seen[-1][1] == 2


def test_rows_written_without_an_event_are_read_too(fresh_platform: RunningPlatform) -> None:
    cols = post_columns(fresh_platform.ctx)
    wait_until(lambda: cols.seq >= 0, timeout=30)
    before = ok(fresh_platform.officer("010999"), "summary", period="today")["created"]["value"]
    db = open_database(fresh_platform.db_url, create=False)
    try:
        citizen_post(fresh_platform)  # a post with its event, then one without (a seeder)
        with db.writing() as s:
            board = s.scalar(select(Post.board_id).limit(1))
            s.add(Post(kind="post", board_id=board, title="批量导入", body="", created_at=utcnow()))
        with db.reading() as s, cols.current(s, last_seq(s)) as c:
            assert c is not None
            w = resolve_period("today", None, None, utcnow())
            scope = StatScope("all", None, "全部单位", frozenset())
            assert tiles.summary(c, scope, w).created.value == before + 2
    finally:
        db.dispose()


# ---------------------------------------------------------------- the sorted index
@settings(max_examples=200, deadline=None)
@given(
    start=st.lists(st.integers(-5, 20), min_size=1, max_size=40),
    steps=st.lists(
        st.tuples(st.integers(0, 60), st.integers(-5, 20), st.integers(-6, 21), st.integers(0, 8)),
        max_size=30,
    ),
)
def test_sorted_index_finds_what_a_scan_finds(
    start: list[int], steps: list[tuple[int, int, int, int]]
) -> None:
    """Range lookups equal a scan of the column, through changes, growth and re-sorts."""
    col = np.asarray(start, dtype=np.int64)
    index = columns._Sorted(len(col))
    with patch.object(columns, "_STALE", 4):  # sorted again after every few changes
        _walk(col, index, steps)


def _walk(col: np.ndarray, index: columns._Sorted, steps: list[tuple[int, int, int, int]]) -> None:
    for slot, value, lo, width in steps:
        if slot >= len(col):  # a new post beyond the slots: the column grows
            grown = np.full(slot + 1, columns.NONE, dtype=np.int64)
            grown[: len(col)] = col
            col = grown
            index.grow(len(col))
        col[slot] = value
        index.changed(np.asarray([slot], dtype=np.int64))
        found = index.between(col, lo, lo + width)
        assert sorted(found.tolist()) == np.flatnonzero((col >= lo) & (col < lo + width)).tolist()
