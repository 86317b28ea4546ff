"""The queue's list queries use an index in sort order, never a sort of every matching row.

Officers notice this as a queue that answers at once, or after a second, on a big city.
The plan depends on planner statistics, which the server refreshes when it opens a
database that has posts.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select, text

from platform_server.demo.seed import seed_demo_city
from platform_server.domain import listing
from platform_server.domain.scope import viewer_for
from platform_server.storage.engines import open_database, refresh_planner_statistics
from platform_server.storage.models import Officer
from tests.helpers.platform import new_reference_database

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("plans") / "city.sqlite3"
    new_reference_database(path)
    db = open_database(f"sqlite:///{path}")
    seed_demo_city(db, posts=3000, seed=7, days=30)
    db.dispose()
    return path


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
def test_queue_queries_read_an_index_in_order(seeded: Path, badge: str, params: dict) -> None:
    db = open_database(f"sqlite:///{seeded}")  # opening refreshes planner statistics
    try:
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
            plan = " | ".join(r[3] for r in s.execute(text("EXPLAIN QUERY PLAN " + sql)))
    finally:
        db.dispose()
    assert "TEMP B-TREE FOR ORDER BY" not in plan, plan
    assert "USING INDEX" in plan, plan


def test_statistics_are_written_once_posts_exist(seeded: Path) -> None:
    db = open_database(f"sqlite:///{seeded}")
    try:
        with db.write_engine.connect() as conn:
            conn.exec_driver_sql("DROP TABLE IF EXISTS sqlite_stat1")
            conn.commit()
        refresh_planner_statistics(db)
        with db.reading() as s:
            n = s.execute(text("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'posts'")).scalar()
    finally:
        db.dispose()
    assert n and n > 0
