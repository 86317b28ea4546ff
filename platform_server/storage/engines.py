"""Engines and sessions.

SQLite runs in WAL mode with two engines on the same file: reads begin DEFERRED so
they never wait for a writer, writes begin IMMEDIATE so two writers queue on the
lock instead of failing halfway with "database is locked" on upgrade. On PostgreSQL
(psycopg 3, ``postgresql+psycopg://``) both names point at one pooled engine in READ
COMMITTED; writers that must not race lock rows (`domain.locking`) and the event log
is written in commit order (`events.log`).

Opening a database migrates it to the newest schema (`storage.migrate`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, Integer, create_engine, event, text
from sqlalchemy.orm import Session, sessionmaker

from platform_server.storage import (  # noqa: F401  (their tables join Base.metadata)
    calendar_models,
    citizen_models,
    hotspot_models,
    migrate,
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
        # Each SQLite connection has its own page cache: handing out the connection used
        # last keeps the hot pages hot (first in, first out rotated through all eight,
        # and a search on a cold cache read 5,000 rows from the OS at 60–130 ms).
        pool_use_lifo=True,
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

    @property
    def is_postgresql(self) -> bool:
        return self.write_engine.dialect.name == "postgresql"

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


def normalise_url(url: str) -> str:
    """PostgreSQL URLs use psycopg 3 whichever way they are written (`postgres://`, ...)."""
    for prefix in ("postgresql://", "postgres://", "postgresql+psycopg2://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _postgresql_engine(url: str) -> Engine:
    # pre_ping: after a PostgreSQL restart the pool's old connections are dead; each is
    # tested on checkout and replaced instead of failing the request that drew it.
    return create_engine(
        url,
        pool_pre_ping=True,
        pool_size=10,
        max_overflow=20,
        # jit off: JIT compiles a query whose estimated cost is high (a month of
        # dashboard figures at a million posts) for 100+ ms of a request that takes tens.
        connect_args={"application_name": "platform-server", "options": "-c jit=off"},
    )


def open_database(url: str, *, create: bool = True, synchronous: str = "NORMAL") -> Database:
    """The database at `url`; `create`: migrate it to the newest schema first;
    `synchronous` is SQLite's durability (NORMAL or FULL)."""
    url = normalise_url(url)
    if url.startswith("sqlite"):
        read_engine = _sqlite_engine(url, immediate=False, synchronous=synchronous)
        write_engine = _sqlite_engine(url, immediate=True, synchronous=synchronous)
    else:
        read_engine = write_engine = _postgresql_engine(url)
    db = Database(
        url=url,
        read_engine=read_engine,
        write_engine=write_engine,
        read_session=sessionmaker(read_engine, expire_on_commit=False),
        write_session=sessionmaker(write_engine, expire_on_commit=False),
    )
    if create:
        migrate.upgrade(write_engine)
        refresh_planner_statistics(db)
    return db


def refresh_planner_statistics(db: Database, *, force: bool = False) -> None:
    """Give the planner row statistics; without them it picks poor indexes.

    SQLite — measured on 100,000 posts: a leader's default queue takes 115 ms without
    statistics and 3 ms with them. A full ANALYZE runs when the posts table has never
    been analysed (or ``force``, after a bulk load); otherwise ``PRAGMA optimize``
    refreshes only what changed. PostgreSQL's autovacuum keeps statistics current, but
    only some time after a bulk load: a database whose posts were never analysed is
    analysed here (or always, with ``force``).
    """
    if db.is_postgresql:
        _analyse_postgresql(db, force=force)
        return
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


def _analyse_postgresql(db: Database, *, force: bool) -> None:
    with db.write_engine.connect() as conn:
        never = conn.exec_driver_sql(
            "SELECT coalesce(last_analyze, last_autoanalyze) IS NULL "
            "FROM pg_stat_user_tables WHERE relname = 'posts'"
        ).scalar()
        has_posts = conn.exec_driver_sql("SELECT 1 FROM posts LIMIT 1").first()
        if has_posts and (force or never):
            conn.exec_driver_sql("ANALYZE")
        conn.commit()


def sync_id_sequences(s: Session) -> None:
    """After rows were written with explicit ids, move PostgreSQL's id sequences past them.

    Without it the next ordinary insert draws id 1 again and fails as a duplicate
    key (every new post after seeding was a 500). SQLite needs nothing: its next id
    is always max + 1. Runs in the caller's write transaction.
    """
    if s.get_bind().dialect.name != "postgresql":
        return
    for table in Base.metadata.sorted_tables:
        pk = list(table.primary_key.columns)
        if len(pk) != 1 or not pk[0].autoincrement or not isinstance(pk[0].type, Integer):
            continue
        # Names from our own metadata, not from input.
        name, col = table.name, pk[0].name
        s.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{name}', '{col}'), "  # noqa: S608
                f"coalesce(max({col}), 0) + 1, false) FROM {name}"
            )
        )
