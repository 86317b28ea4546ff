"""A columnar copy of what the KPI tiles read from every post, kept current by the event log.

The dashboard's `/stats/summary` asks eleven figures for two periods at once: counts,
rates, medians of the period's response and resolution times, and the backlog now and
when the period began. At a million posts a month holds 80,000 of them, and SQL needs
over a second for the figures however the indexes lie (two scans per period, and every
duration read back for the medians). Here each post is one slot in a few numpy arrays
(its times in microseconds, its unit, holder, kind, whether open, its rating), so
every figure is a handful of vectorised comparisons over the slots: exact values, the
same definitions as `platform_server.stats.measures`, any period and any scope.

Freshness: every change to a post records an event in the change's own transaction,
and the event log is read in commit order (`platform_server.events.log`). Before each
use the copy reads the post ids of the events since the last one it saw, and re-reads
just those posts; ids above the highest it holds are read too (rows written without an
event: the demo seeder, the benchmarks' generators). A copy that fell behind the log's
oldest kept event, or sees the log restart, reloads everything. So a figure computed
from it reflects every change the same request's read transaction can see.

Cost: 14 numbers per post — 62 MB per server process at a million posts, read in
seconds (`bench/bench_postgres.py` prints how many): `PostColumns.start_loading` does it
in the background at start-up, and until it is done the tiles come from SQL.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime
from typing import Any

import numpy as np
from numpy.typing import NDArray
from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from platform_server.stats.sql import micros
from platform_server.storage.models import OPEN_STATUSES, Event, Post, Rating

log = logging.getLogger(__name__)

# "No value" in a time column (SQL NULL): compares below every real instant, so each use
# states its NULL rule explicitly (`has`).
NONE = np.iinfo(np.int64).min
_EPOCH = datetime(1970, 1, 1)
_CHUNK = 5_000  # rows per fetch on a full load: converting one holds the GIL (~10 ms)
_IDS_PER_QUERY = 900  # below SQLite's bound-parameter limit
_STALE = 5_000  # posts changed since an index was sorted before it is sorted again

# The columns, in the order the load query returns them after the post id.
TIMES = ("created", "first_response", "resolved", "deadline", "acknowledged", "archived", "rated")
IDS = ("unit", "assignee", "acknowledged_by")
FLAGS = ("silent", "open")
_LAYOUT = (*TIMES, *IDS, *FLAGS, "score")
# Columns with a sorted index: the period's posts, and the open, unresolved and silent ones.
INDEXED = ("created", "resolved", "rated", "open", "silent")


def us(t: datetime) -> int:
    """A naive-UTC instant in whole microseconds since 1970, as the columns hold it."""
    if t.tzinfo is not None:
        t = t.astimezone(UTC).replace(tzinfo=None)
    d = t - _EPOCH
    return (d.days * 86_400 + d.seconds) * 1_000_000 + d.microseconds


def _query(db: Session) -> Any:
    def t(col: Any) -> Any:
        return func.coalesce(micros(db, col), int(NONE))

    def flag(cond: Any) -> Any:
        return case((cond, 1), else_=0)

    return (
        select(
            Post.id,
            t(Post.created_at),
            t(Post.first_response_at),
            t(Post.resolved_at),
            t(Post.deadline_at),
            t(Post.acknowledged_at),
            t(Post.archived_at),
            t(Rating.created_at),
            func.coalesce(Post.unit_id, -1),
            func.coalesce(Post.assignee_id, -1),
            func.coalesce(Post.acknowledged_by_id, -1),
            flag(Post.kind == "silent_report"),
            flag(Post.status.in_(OPEN_STATUSES)),
            func.coalesce(Rating.score, 0),
        )
        .select_from(Post)
        .outerjoin(Rating, Rating.post_id == Post.id)
    )


class PostColumns:
    """Every post's figure columns, indexed by post id (`exists` marks ids in use).

    Use it through `current(db, seq)`, which brings it up to the event log position
    `seq` and holds it steady (a lock) while the caller computes.
    """

    def __init__(
        self,
        read: Callable[[], AbstractContextManager[Session]],
        last_seq: Callable[[Session], int],
    ) -> None:
        self._read, self._last_seq = read, last_seq
        self._loader: threading.Thread | None = None
        self._starting = threading.Lock()
        self._lock = threading.Lock()
        self.seq = -1  # the last event seen; -1: nothing loaded yet
        self.max_id = 0
        self.exists: NDArray[np.bool_] = np.zeros(0, dtype=bool)
        self.cols: dict[str, NDArray[Any]] = {}
        self.indexes: dict[str, _Sorted] = {}
        self.rounds_each_end = False  # how the engine's SQL turns two times into milliseconds
        self._alloc(0)

    # ------------------------------------------------------------ access
    def __getattr__(self, name: str) -> NDArray[Any]:
        cols = self.__dict__.get("cols", {})
        if name in cols:
            return cols[name]
        raise AttributeError(name)

    @contextmanager
    def current(self, db: Session, seq: int, *, wait: bool = True) -> Iterator[PostColumns | None]:
        """Bring the copy up to event `seq` (read in `db`'s transaction) and hold it.

        With ``wait=False`` a copy not loaded yet yields None at once and loads in the
        background (`start_loading`): a request never waits seconds for the first load,
        it computes in SQL instead.
        """
        if not wait and self.seq < 0:
            self.start_loading()
            yield None
            return
        with self._lock:
            self._catch_up(db, seq)
            yield self

    def start_loading(self) -> None:
        """Load in a background thread (server start-up, or the first request)."""
        with self._starting:  # not the copy's lock: the load holds that for seconds
            if self.seq >= 0 or (self._loader is not None and self._loader.is_alive()):
                return

            def run() -> None:
                _lower_priority()
                try:
                    with self._read() as db, self.current(db, self._last_seq(db)):
                        pass
                except Exception:  # the next request tries again
                    log.exception("loading the dashboard's figure columns failed")

            self._loader = threading.Thread(target=run, name="stats-columns", daemon=True)
            self._loader.start()

    def between(self, name: str, lo: int, hi: int) -> NDArray[np.int64]:
        """Ids of existing or deleted slots whose column `name` is in [lo, hi), unordered.

        Served by the column's sorted index (`_Sorted`): no scan of every post."""
        return self.indexes[name].between(self.cols[name], lo, hi)

    # ------------------------------------------------------------ keeping current
    def _catch_up(self, db: Session, seq: int) -> None:
        if self.seq < 0 or seq < self.seq or self._pruned_past(db):
            self._load_all(db, seq)
            return
        ids: set[int] = set()
        if seq > self.seq:
            rows = db.execute(
                select(Event.post_id)
                .where(Event.seq > self.seq, Event.seq <= seq, Event.post_id.is_not(None))
                .distinct()
            )
            ids.update(int(r[0]) for r in rows if r[0] is not None)
        top = int(db.scalar(select(func.max(Post.id))) or 0)
        if top > self.max_id:  # rows written without an event
            ids.update(range(self.max_id + 1, top + 1))
        if ids:
            self._reload(db, sorted(ids))
        self.seq = seq

    def _pruned_past(self, db: Session) -> bool:
        oldest = db.scalar(select(func.min(Event.seq)))
        return oldest is not None and int(oldest) > self.seq + 1

    def millis(self, end: NDArray[np.int64], start: NDArray[np.int64]) -> NDArray[np.int64]:
        """end − start in whole milliseconds exactly as the engine's SQL figures get it
        (`stats.sql.millis_between`): SQLite's julianday rounds each time to the
        millisecond first; PostgreSQL rounds the exact difference."""
        if self.rounds_each_end:
            return (end + 500) // 1000 - (start + 500) // 1000
        return (end - start + 500) // 1000

    def _load_all(self, db: Session, seq: int) -> None:
        started = time.monotonic()
        self.rounds_each_end = db.get_bind().dialect.name == "sqlite"
        top = int(db.scalar(select(func.max(Post.id))) or 0)
        self._alloc(top + 1 + max(1024, top // 8))  # room for new posts before growing
        result = db.connection().execute(_query(db))
        try:
            while rows := result.cursor.fetchmany(_CHUNK):
                self._store(rows)
        finally:
            result.close()
        self.seq = seq
        for name in INDEXED:  # sorted now, in the loading thread, not by the first request
            self.between(name, 0, 0)
        log.info(
            "figure columns loaded: %d posts in %.1f s",
            int(self.exists.sum()),
            time.monotonic() - started,
        )

    def _reload(self, db: Session, ids: Sequence[int]) -> None:
        need = ids[-1] + 1
        if need > len(self.exists):
            self._grow(max(need, len(self.exists) * 3 // 2))
        for i in range(0, len(ids), _IDS_PER_QUERY):
            part = ids[i : i + _IDS_PER_QUERY]
            self.exists[np.asarray(part, dtype=np.int64)] = False  # gone unless read back
            rows = db.connection().execute(_query(db).where(Post.id.in_(part))).all()
            self._store(rows)

    def _store(self, rows: Sequence[Sequence[Any]]) -> None:
        if not rows:
            return
        block = np.asarray(rows, dtype=np.int64)
        at = block[:, 0]
        if int(at.max()) >= len(self.exists):  # written since the load counted the ids
            self._grow(max(int(at.max()) + 1, len(self.exists) * 3 // 2))
        for index in self.indexes.values():
            index.changed(at)
        self.exists[at] = True
        for k, name in enumerate(_LAYOUT, start=1):
            self.cols[name][at] = block[:, k]
        self.max_id = max(self.max_id, int(at.max()))

    def _alloc(self, n: int) -> None:
        self.indexes = {name: _Sorted(n) for name in INDEXED}
        self.max_id = 0
        self.exists = np.zeros(n, dtype=bool)
        self.cols = {name: np.full(n, NONE, dtype=np.int64) for name in TIMES}
        for name in IDS:
            self.cols[name] = np.full(n, -1, dtype=np.int32)
        for name in FLAGS:
            self.cols[name] = np.zeros(n, dtype=bool)
        self.cols["score"] = np.zeros(n, dtype=np.int8)

    def _grow(self, n: int) -> None:
        def grown(a: NDArray[Any], fill: Any) -> NDArray[Any]:
            out = np.full(n, fill, dtype=a.dtype)
            out[: len(a)] = a
            return out

        self.exists = grown(self.exists, False)
        for index in self.indexes.values():
            index.grow(n)
        for name, a in self.cols.items():
            self.cols[name] = grown(a, NONE if name in TIMES else -1 if name in IDS else 0)


def _lower_priority() -> None:
    """Let the kernel prefer the server's other threads (live events) to the start-up load:
    Linux gives each thread its own nice value."""
    with contextlib.suppress(AttributeError, OSError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)


class _Sorted:
    """Slot ids ordered by one column, for range lookups without a scan.

    Posts changed since the order was made are marked stale: a lookup drops them from
    the sorted range and checks them one by one instead; past `_STALE` of them the
    order is made again (a sort of every slot, ~0.1 s at a million).
    """

    def __init__(self, n: int) -> None:
        self.order: NDArray[np.int64] | None = None
        self.values: NDArray[Any] = np.zeros(0)
        self.stale = np.zeros(n, dtype=bool)
        self.stale_ids: list[int] = []

    def changed(self, ids: NDArray[np.int64]) -> None:
        if self.order is None:
            return
        fresh = ids[~self.stale[ids]]
        self.stale[fresh] = True
        self.stale_ids += fresh.tolist()
        if len(self.stale_ids) > _STALE:
            self.order = None

    def grow(self, n: int) -> None:
        stale = np.zeros(n, dtype=bool)
        stale[: len(self.stale)] = self.stale
        self.stale = stale

    def between(self, col: NDArray[Any], lo: int, hi: int) -> NDArray[np.int64]:
        if self.order is None:
            self.order = np.argsort(col, kind="stable")
            # Flags sort as 0/1 bytes, so [lo, hi) keys of the same type need no conversion
            # of the whole column at each lookup.
            self.values = col[self.order].astype(np.int8 if col.dtype == bool else col.dtype)
            self.stale[:] = False
            self.stale_ids = []
        a, b = np.searchsorted(self.values, np.array([lo, hi], dtype=self.values.dtype))
        found = self.order[a:b]
        if not self.stale_ids:
            return found
        ids = np.asarray(self.stale_ids, dtype=np.int64)
        here = col[ids]
        return np.concatenate([found[~self.stale[found]], ids[(here >= lo) & (here < hi)]])


def has(col: NDArray[np.int64]) -> NDArray[np.bool_]:
    """Where a time column has a value (SQL: IS NOT NULL)."""
    return col != NONE
