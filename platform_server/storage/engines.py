"""Engines and sessions.

SQLite runs in WAL mode with two engines on the same file: reads begin DEFERRED so
they never wait for a writer, writes begin IMMEDIATE so two writers queue on the
lock instead of failing halfway with "database is locked" on upgrade. On PostgreSQL
both names point at one engine.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from platform_server.storage import (
    citizen_models,  # noqa: F401  (its tables join Base.metadata)
    search,
)
from platform_server.storage.models import Base

SYNCHRONOUS = ("NORMAL", "FULL")


def _sqlite_engine(url: str, *, immediate: bool, synchronous: str = "NORMAL") -> Engine:
    if synchronous not in SYNCHRONOUS:
        raise ValueError(f"sqlite synchronous must be one of {SYNCHRONOUS}, not {synchronous!r}")
    engine = create_engine(
        url,
        connect_args={"check_same_thread": False, "timeout": 30},
        pool_size=8,
        max_overflow=16,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy, not pysqlite, decide when transactions begin.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        # NORMAL: in WAL mode an OS crash or power cut may lose the last commits (never
        # corrupts); FULL syncs the WAL on every commit (README, "Security").
        cur.execute(f"PRAGMA synchronous={synchronous}")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.execute("PRAGMA cache_size=-65536")
        cur.execute("PRAGMA temp_store=MEMORY")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


@dataclass
class Database:
    """The two session factories every request uses."""

    url: str
    read_engine: Engine
    write_engine: Engine
    read_session: sessionmaker[Session]
    write_session: sessionmaker[Session]

    @property
    def is_sqlite(self) -> bool:
        return self.url.startswith("sqlite")

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self.read_session() as s:
            yield s

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """A transaction that commits on success and rolls back on any error."""
        with self.write_session() as s, s.begin():
            yield s

    def dispose(self) -> None:
        self.read_engine.dispose()
        if self.write_engine is not self.read_engine:
            self.write_engine.dispose()


def open_database(url: str, *, create: bool = True, synchronous: str = "NORMAL") -> Database:
    """The database at `url`; `synchronous` is SQLite's durability (NORMAL or FULL)."""
    if url.startswith("sqlite"):
        read_engine = _sqlite_engine(url, immediate=False, synchronous=synchronous)
        write_engine = _sqlite_engine(url, immediate=True, synchronous=synchronous)
    else:
        read_engine = write_engine = create_engine(url, pool_pre_ping=True, pool_size=10)
    db = Database(
        url=url,
        read_engine=read_engine,
        write_engine=write_engine,
        read_session=sessionmaker(read_engine, expire_on_commit=False),
        write_session=sessionmaker(write_engine, expire_on_commit=False),
    )
    if create:
        Base.metadata.create_all(write_engine)
        _create_missing_indexes(write_engine)
        with db.writing() as s:
            search.install(s)
        refresh_planner_statistics(db)
    return db


def _create_missing_indexes(engine: Engine) -> None:
    """Additive index changes reach existing databases (create_all skips existing tables)."""
    for table in Base.metadata.sorted_tables:
        for index in table.indexes:
            index.create(engine, checkfirst=True)


def refresh_planner_statistics(db: Database, *, force: bool = False) -> None:
    """Give SQLite's planner row statistics; without them it picks poor indexes.

    Measured on 100,000 posts: a leader's default queue takes 115 ms without
    statistics and 3 ms with them. A full ANALYZE runs when the posts table has never
    been analysed (or ``force``, after a bulk load); otherwise ``PRAGMA optimize``
    refreshes only what changed. PostgreSQL's autovacuum does this on its own.
    """
    if not db.is_sqlite:
        return
    with db.write_engine.connect() as conn:
        analysed = (
            conn.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").first()
            and conn.exec_driver_sql(
                "SELECT 1 FROM sqlite_stat1 WHERE tbl = 'posts' LIMIT 1"
            ).first()
        )
        has_posts = conn.exec_driver_sql("SELECT 1 FROM posts LIMIT 1").first()
        if has_posts and (force or not analysed):
            conn.exec_driver_sql("ANALYZE")
        else:
            conn.exec_driver_sql("PRAGMA optimize")
        conn.commit()
