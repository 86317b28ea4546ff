"""Bulk loading for the seeder: chunked executemany, background generation, deferred indexing.

A data loader for history, not a way to change a running platform: it inserts rows
directly, past the domain's actions, events and audit (see `demo.seed`).

Measured on 2 cores (50,000 posts with their ~10 child rows each): the FTS5 trigger
on `posts` cost about half of all write time when it indexed row by row, while one
rebuild at the end (`search.reindex`) took about 1 s. Generating text and histories
is pure Python; SQLite releases the GIL while it steps through an executemany, so a
generator thread and the writing thread overlap on two cores.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, cast

from sqlalchemy import Table, bindparam, insert, text
from sqlalchemy.orm import Session

from platform_server.demo.city import PostHistory
from platform_server.storage import search
from platform_server.storage.engines import Database
from platform_server.storage.models import (
    Attachment,
    Mention,
    Note,
    Post,
    Rating,
    Reply,
    TimelineEntry,
)

log = logging.getLogger(__name__)


def table(model: type[Any]) -> Table:
    # Core inserts skip the ORM's per-row bookkeeping: executemany straight to the driver.
    return cast(Table, model.__table__)


class Rows:
    """Rows for one chunk of posts, written table by table with executemany."""

    def __init__(self) -> None:
        self.posts: list[dict[str, Any]] = []
        self.replies: list[dict[str, Any]] = []
        self.notes: list[dict[str, Any]] = []
        self.timeline: list[dict[str, Any]] = []
        self.ratings: list[dict[str, Any]] = []
        self.mentions: list[dict[str, Any]] = []
        self.attachments: list[dict[str, Any]] = []

    def add(self, h: PostHistory) -> None:
        self.posts.append(h.post)
        self.replies.extend(h.replies)
        self.notes.extend(h.notes)
        self.timeline.extend(h.timeline)
        self.ratings.extend(h.ratings)
        self.mentions.extend(h.mentions)
        self.attachments.extend(h.attachments)

    def write(self, s: Session) -> None:
        for model, rows in (
            (Post, self.posts),
            (Reply, self.replies),
            (Note, self.notes),
            (TimelineEntry, self.timeline),
            (Rating, self.ratings),
            (Mention, self.mentions),
            (Attachment, self.attachments),
        ):
            if rows:
                s.execute(insert(table(model)), rows)


_DONE = object()


def in_background(chunks: Iterator[Rows], depth: int = 2) -> Iterator[Rows]:
    """Run the `chunks` generator on its own thread, `depth` chunks ahead of the consumer.

    The generator still runs strictly in order on one thread, so a seeded random
    sequence gives the same rows. An exception on either side stops both.
    """
    q: queue.Queue[object] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def put(item: object) -> bool:
        while not stop.is_set():
            try:
                q.put(item, timeout=0.2)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            for chunk in chunks:
                if not put(chunk):
                    return
            put(_DONE)
        except BaseException as exc:  # handed to the consumer, which re-raises it
            put(exc)

    thread = threading.Thread(target=produce, name="seed-generator", daemon=True)
    thread.start()
    try:
        while True:
            item = q.get()
            if item is _DONE:
                return
            if isinstance(item, BaseException):
                raise item
            yield cast(Rows, item)
    finally:
        stop.set()
        thread.join()


@contextmanager
def deferred_search_index(db: Database) -> Iterator[None]:
    """Suspend the row-by-row full-text triggers on post inserts; rebuild once afterwards.

    The triggers are restored from their own stored SQL, whatever the search module
    defines them as; the rebuild runs even when the load failed halfway, so the
    index always matches the posts table. Other databases keep their indexes live.
    """
    if db.is_postgresql:
        with _search_indexes_dropped(db):
            yield
        return
    if not db.is_sqlite:
        yield
        return
    with db.writing() as s:
        triggers = s.execute(
            text(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                "AND tbl_name = 'posts' AND upper(sql) LIKE '%AFTER INSERT ON POSTS%'"
            )
        ).all()
        for name, _sql in triggers:
            s.execute(text(f'DROP TRIGGER "{name}"'))
    try:
        yield
    finally:
        with db.writing() as s:
            for _name, sql in triggers:
                s.execute(text(sql))
            if triggers:
                search.reindex(s)
        if triggers:
            log.info("full-text index rebuilt after the bulk load")


SEARCH_INDEXES = ("ix_posts_text_trgm_created", "ix_posts_text_grams")


@contextmanager
def _search_indexes_dropped(db: Database) -> Iterator[None]:
    with db.writing() as s:
        defs = s.execute(
            text("SELECT indexname, indexdef FROM pg_indexes WHERE indexname IN :names").bindparams(
                bindparam("names", expanding=True)
            ),
            {"names": list(SEARCH_INDEXES)},
        ).all()
        for name, _ddl in defs:
            s.execute(text(f'DROP INDEX "{name}"'))
    try:
        yield
    finally:
        with db.writing() as s:
            s.execute(text("SET LOCAL maintenance_work_mem = '256MB'"))  # GIN builds
            for _name, ddl in defs:
                s.execute(text(ddl))
        log.info("search indexes rebuilt after the bulk load")
