"""The schema under Alembic on both engines: a new database, an old one upgraded in place,
and the models and the migrations describing the same tables."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, select, text

from platform_server.demo.reference_data import install_reference_data
from platform_server.domain import listing
from platform_server.domain.scope import viewer_for
from platform_server.storage import migrate, search
from platform_server.storage.engines import normalise_url, open_database
from platform_server.storage.models import Base, Board, Officer, Post
from tests.helpers import databases

pytestmark = pytest.mark.integration

# Made by migrations on purpose, outside the ORM's metadata (full-text search).
EXTRA = ("posts_fts", "ix_posts_text_trgm_created", "ix_posts_text_grams")


def _include(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    return not (reflected and compare_to is None and (name or "").startswith(EXTRA))


def test_migrated_schema_is_exactly_the_models(engine: str, tmp_path: Path) -> None:
    """Upgrade from empty and the ORM's tables agree: no missing column, index or type."""
    url = databases.new_database(engine, tmp_path, reference=False)
    open_database(url).dispose()
    eng = create_engine(normalise_url(url))
    try:
        with eng.connect() as conn:
            mc = MigrationContext.configure(
                conn, opts={"compare_type": True, "include_object": _include}
            )
            assert compare_metadata(mc, Base.metadata) == []
            assert migrate.current(conn) == migrate.head()
    finally:
        eng.dispose()


def _search(url: str, q: str) -> set[int]:
    db = open_database(url, create=False)
    try:
        with db.reading() as s:
            terms = search.parse(q)
            return set(s.scalars(select(Post.id).where(search.index_clause(s, terms))))
    finally:
        db.dispose()


def test_a_database_from_before_migrations_is_upgraded_in_place(
    engine: str, tmp_path: Path
) -> None:
    """A city's existing database (tables, no version) keeps its posts and gains what is new."""
    url = databases.new_database(engine, tmp_path, reference=False)
    eng = create_engine(normalise_url(url))
    try:
        migrate.upgrade(eng, migrate.BASELINE)  # the schema as it was
        with eng.begin() as conn:
            conn.execute(text("DROP TABLE alembic_version"))  # made by create_all: no version
    finally:
        eng.dispose()
    db = open_database(url, create=False)
    try:
        with db.writing() as s:
            install_reference_data(s)
            board = s.scalar(select(Board.id).where(Board.code == "110"))
            # Written as the old schema has them (the ORM's Post has columns added since).
            for i in range(3):
                s.execute(
                    text(
                        "INSERT INTO posts (kind, board_id, title, body, author_nickname,"
                        " channel, status, created_at, updated_at, version, pinned,"
                        " suppress_receipt, transfer_count, reply_count, attachment_count)"
                        " VALUES ('post', :board, :title, '户口迁移的问题', '', 'board', 'new',"
                        " :now, :now, 1, false, false, 0, 0, 0)"
                    ),
                    {"board": board, "title": f"旧帖{i}", "now": datetime(2026, 12, 1, 8, 0)},
                )
    finally:
        db.dispose()

    open_database(url).dispose()  # the server starting on it

    db = open_database(url, create=False)
    try:
        with db.reading() as s:
            assert migrate.current(s.connection()) == migrate.head()
            assert s.scalar(select(Post.id).where(Post.title == "旧帖2")) is not None
            # a column added since (0004) reaches the old posts with its default
            assert s.scalar(select(Post.priority).where(Post.title == "旧帖2")) == 3
            officer = s.scalar(select(Officer).where(Officer.badge == "010001"))
            assert officer is not None
            lq = listing.parse_list_query(s, viewer_for(s, officer), q="户口")
            assert len(listing.list_posts(s, viewer_for(s, officer), lq).items) == 3
    finally:
        db.dispose()
    # Two-character terms are served by the index added after the baseline.
    assert len(_search(url, "户口")) == 3 and len(_search(url, "迁移的问题")) == 3


def test_reindex_repairs_a_bulk_load_that_bypassed_the_triggers(tmp_path: Path) -> None:
    """SQLite only by nature (FTS5 triggers); PostgreSQL's indexes cannot be bypassed."""
    url = databases.new_database("sqlite", tmp_path)
    db = open_database(url)
    try:
        with db.writing() as s:
            s.execute(text("DROP TRIGGER posts_fts_ai"))
            board = s.scalar(select(Board.id))
            s.add(Post(board_id=board, title="批量导入", body="没有经过触发器"))
        assert _search(url, "批量导入") == set()
        with db.writing() as s:
            search.reindex(s)
        assert len(_search(url, "批量导入")) == 1
    finally:
        db.dispose()


def test_migrations_ship_inside_the_package() -> None:
    """pip install and the bundle carry them (build.spec lists the folder)."""
    names = {p.name for p in (migrate.MIGRATIONS / "versions").glob("*.py")}
    assert {"0001_baseline.py", "0002_pg_short_terms.py"} <= names
    spec = (Path(migrate.__file__).parents[2] / "build.spec").read_text()
    assert "platform_server/storage/migrations" in spec


def _append_event(conn: Any, row: dict[str, Any]) -> None:
    """One event as the server of that revision writes it (PostgreSQL: its function)."""
    base = {"type": "post.updated", "post_id": 1, "unit_id": 2, "prev_unit_id": None}
    row = {**base, "assignee_id": None, "audience": "scope", "payload": "{}", **row}
    if conn.dialect.name == "postgresql":
        conn.execute(
            text("SELECT duty_append_events(CAST(:rows AS jsonb), 1, 'duty_test')"),
            {"rows": json.dumps([row])},
        )
        return
    seq = conn.execute(text("SELECT coalesce(max(seq), 0) + 1 FROM events")).scalar()
    cols = ", ".join(row)
    conn.execute(
        text(
            f"INSERT INTO events (seq, created_at, {cols}) VALUES (:seq, :at, :{', :'.join(row)})"
        ),
        {**row, "seq": seq, "at": datetime(2026, 12, 3, 8, 0)},
    )


def test_event_reach_upgrades_a_live_event_log_in_place(engine: str, tmp_path: Path) -> None:
    """0010 on a database at 0009 with events: they stay (reaching whom they reached), and
    the append function then files each event's reader units (assisting units)."""
    url = databases.new_database(engine, tmp_path, reference=False)
    eng = create_engine(normalise_url(url))
    try:
        migrate.upgrade(eng, "0009")
        with eng.begin() as conn:
            _append_event(conn, {"type": "post.noted"})
        assert migrate.upgrade(eng) == "0009"
        with eng.begin() as conn:
            _append_event(conn, {"type": "post.signed", "reader_unit_ids": "4,7"})
        with eng.connect() as conn:
            rows = conn.execute(
                text("SELECT seq, type, reader_unit_ids FROM events ORDER BY seq")
            ).all()
            assert migrate.current(conn) == migrate.head()
    finally:
        eng.dispose()
    assert [tuple(r) for r in rows] == [(1, "post.noted", None), (2, "post.signed", "4,7")]
