"""How a page of a text search (`GET /posts?q=`) is found quickly and exactly.

The list query (`domain.listing.build_select`) gives the filtered, keyset-ordered rows;
the text terms (`storage.search`) can be tested two ways: a plain substring scan, cheap
on rows already picked, or the full-text index. Which is faster depends on how common
the term is, so a page is tried in this order, each step exact when it answers:

1. **A window**: the first `WINDOW_ROWS` filtered rows in page order, scanned for the
   terms until the page is full. Common terms (most one- and two-character queries)
   fill a page from a few hundred rows; a window that holds the whole filtered set
   decides the page too, whatever it holds.
2. **A recent span** (newest first): the index over the `RECENT_SPAN` before the
   page's start, read in page order by the creation-time index and stopped at a full
   page. Older posts sort after every post in the span, so a span holding more than a
   page decides it.
3. **The index alone**, matches sorted by their keys before any row is read
   (`keys_first`).

Step 1 is skipped when the index can tell at a glance that the window would come up
short (`_rare`: SQLite, terms of three characters or more).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, Protocol

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from platform_server.domain import cursor as paging
from platform_server.storage import search
from platform_server.storage.models import Post


class ListQuery(Protocol):
    """What this module reads of a `domain.listing.ListQuery` (no import: listing uses us)."""

    @property
    def terms(self) -> list[str]: ...
    @property
    def sort(self) -> str: ...
    @property
    def limit(self) -> int: ...
    @property
    def after(self) -> list[Any] | None: ...
    @property
    def now(self) -> datetime: ...


WINDOW_ROWS, RECENT_SPAN = 4000, timedelta(days=7)


class Build(Protocol):
    """The page query (LIMIT page + 1), with the index clause if `text` (`in_order`: see
    `search.index_clause`)."""

    def __call__(self, *, text: bool, in_order: bool = False) -> Select[Any]: ...


def find(db: Session, lq: ListQuery, build: Build) -> list[Any]:
    """The page's rows (one more than the page when there are more): Post, *sort keys."""
    rows = None if _rare(db, lq) else _windowed(db, lq, build)
    if rows is None:
        rows = _recent(db, lq, build)
    if rows is None:
        rows = list(db.execute(keys_first(build(text=True), lq)).all())
    return rows


def _rare(db: Session, lq: ListQuery) -> bool:
    """Whether the newest `WINDOW_ROWS` posts hold too few matches to fill the page, as
    far as the index can tell at a glance: the index is then the cheaper start than a
    window scan bound to come up short."""
    if WINDOW_ROWS <= 0:
        return True
    found = search.matches_above(db, lq.terms, WINDOW_ROWS, lq.limit + 1)
    return found is not None and found <= lq.limit


def keys_first(stmt: Select[Any], lq: ListQuery) -> Select[Any]:
    """`stmt` (Post, *sort keys) sorting the matches by id and keys alone, then reading the
    page's rows. A sort that carries whole rows reads every match's text: SQLite sorting
    5,000 matches of a million posts took 40 ms that way, 10 ms by keys."""
    labelled, desc = _labelled_keys(lq), paging.descending(lq.sort)
    inner = stmt.with_only_columns(Post.id.label("page_id"), *labelled).subquery()
    cols = [inner.c[k.name] for k in labelled]
    return (
        select(Post, *cols)
        .join(inner, Post.id == inner.c.page_id)
        .order_by(*(c.desc() for c in cols) if desc else cols)
    )


def _labelled_keys(lq: ListQuery) -> list[Any]:
    """The page's sort keys, named so that they can be read back from a subquery."""
    return [k.label(f"sort_key_{i}") for i, k in enumerate(paging.sort_keys(lq.sort, lq.now))]


def _windowed(db: Session, lq: ListQuery, build: Build) -> list[Any] | None:
    """The page from the first `WINDOW_ROWS` filtered rows, or None if they cannot decide it."""
    rows, complete = _window(db, lq, build, WINDOW_ROWS)
    return rows if len(rows) > lq.limit or complete else None


def _window(db: Session, lq: ListQuery, build: Build, size: int) -> tuple[list[Any], bool]:
    """The matching rows among the first `size` filtered rows, and whether those were all."""
    base = build(text=False).limit(size)
    rows = list(db.execute(window_select(db, lq, base)).all())
    if len(rows) > lq.limit:
        return rows, False
    counted = base.with_only_columns(Post.id).subquery()
    return rows, (db.scalar(select(func.count()).select_from(counted)) or 0) < size


def window_select(db: Session, lq: ListQuery, base: Select[Any]) -> Select[Any]:
    """The page's matches among the rows of `base` (the window), in page order."""
    keys, desc = paging.sort_keys(lq.sort, lq.now), paging.descending(lq.sort)
    if db.get_bind().dialect.name == "postgresql":
        # One scan in page order that stops when the page is full: the window's rows are
        # tested on their own title and body and only the matches are joined to their
        # posts; PostgreSQL sees that the outer ORDER BY is the window's own and needs no
        # sort (joining every window row first cost 16 ms for 4,000 rows, this 1–6 ms).
        # The window carries only the columns tested: an alias of the whole posts row
        # took 4.7 ms to build in Python on every search. SQLite would copy every row
        # of the window and sort them.
        labelled = _labelled_keys(lq)
        window = base.with_only_columns(
            Post.id.label("wid"), Post.title, Post.body, *labelled
        ).subquery("text_window")
        keys = [window.c[k.name] for k in labelled]
        row: Any = window.c
        stmt = select(Post, *keys).join(window, Post.id == window.c.wid)
    else:
        ids = base.with_only_columns(Post.id.label("wid")).subquery()
        row, stmt = Post, select(Post, *keys).join(ids, Post.id == ids.c.wid)
    return (
        stmt.where(search.scan_clause(db, lq.terms, row))
        .order_by(*(k.desc() for k in keys) if desc else keys)
        .limit(lq.limit + 1)
    )


def _recent(db: Session, lq: ListQuery, build: Build) -> list[Any] | None:
    """A newest-first page from the index over the `RECENT_SPAN` before the page's start,
    or None when that span holds too few matches (terms too rare for the window and too
    common for the index alone: 5,000–20,000 rows to fetch and sort at a million posts,
    15–60 ms, against about 5 ms for the span)."""
    if lq.sort != "created_desc":
        return None
    top = lq.after[0] if lq.after is not None else lq.now
    stmt = build(text=True, in_order=True).where(Post.created_at >= top - RECENT_SPAN)
    rows = list(db.execute(keys_first(stmt, lq)).all())
    return rows if len(rows) > lq.limit else None
