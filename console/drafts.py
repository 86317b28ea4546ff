"""Reply drafts saved per post, so a restart or a crash never loses what an officer typed.

Drafts live in a small SQLite file in the user data dir (`DraftStore`). Every write
is a committed transaction in WAL mode, so a crash loses at most the last
debounce interval of typing.

`Drafts` is what views use: it debounces saves while the officer types and runs
every read and write on one background thread, in order, so the GUI thread never
touches the disk and a later write can never overtake an earlier one.

A draft being sent is not deleted when the officer presses send: the reply editor
marks it with the outbox item's idempotency key (`mark_sending`) and it is deleted
only when the server confirms *that* item (`clear_if_sent`). If the officer has
typed a new draft meanwhile, the key no longer matches and the new draft stays.
"""

from __future__ import annotations

import functools
import logging
import sqlite3
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QObject, QTimer, Signal, Slot

log = logging.getLogger(__name__)

Mode = Literal["reply", "note"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS drafts (
    post_id     INTEGER PRIMARY KEY,
    body        TEXT NOT NULL,
    mode        TEXT NOT NULL,
    sending_key TEXT,
    updated_at  REAL NOT NULL
)
"""


@dataclass(frozen=True)
class Draft:
    """What an officer had typed for one post."""

    post_id: int
    body: str
    mode: Mode
    sending_key: str | None
    updated_at: float


class DraftStore:
    """Synchronous SQLite storage of drafts. Thread-safe; call it from a worker."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._path = path
        self._lock = threading.Lock()
        self._conn = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        with self._lock:
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA synchronous=NORMAL")
            self._conn.execute(_SCHEMA)

    @property
    def path(self) -> Path:
        return self._path

    def load(self, post_id: int) -> Draft | None:
        with self._lock:
            row = self._conn.execute(
                "SELECT post_id, body, mode, sending_key, updated_at FROM drafts WHERE post_id = ?",
                (post_id,),
            ).fetchone()
        if row is None:
            return None
        mode: Mode = "note" if row[2] == "note" else "reply"
        return Draft(int(row[0]), str(row[1]), mode, row[3], float(row[4]))

    def save(self, post_id: int, body: str, mode: Mode) -> None:
        """Keep `body` as the draft of `post_id`; an empty body deletes an unsent draft."""
        with self._lock:
            if body.strip():
                self._conn.execute(
                    "INSERT INTO drafts (post_id, body, mode, sending_key, updated_at)"
                    " VALUES (?, ?, ?, NULL, ?)"
                    " ON CONFLICT(post_id) DO UPDATE SET body = excluded.body,"
                    " mode = excluded.mode, sending_key = NULL,"
                    " updated_at = excluded.updated_at",
                    (post_id, body, mode, time.time()),
                )
            else:
                # Typing the editor empty must not throw away text that is still being sent.
                self._conn.execute(
                    "DELETE FROM drafts WHERE post_id = ? AND sending_key IS NULL", (post_id,)
                )

    def mark_sending(self, post_id: int, body: str, mode: Mode, key: str) -> None:
        """Record that `body` was handed to the outbox as the item with idempotency key `key`."""
        with self._lock:
            self._conn.execute(
                "INSERT INTO drafts (post_id, body, mode, sending_key, updated_at)"
                " VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT(post_id) DO UPDATE SET body = excluded.body,"
                " mode = excluded.mode, sending_key = excluded.sending_key,"
                " updated_at = excluded.updated_at",
                (post_id, body, mode, key, time.time()),
            )

    def clear_if_sent(self, post_id: int, key: str) -> bool:
        """Delete the draft if it is the one the server just confirmed. True if deleted."""
        with self._lock:
            cur = self._conn.execute(
                "DELETE FROM drafts WHERE post_id = ? AND sending_key = ?", (post_id, key)
            )
            return cur.rowcount > 0

    def all(self) -> list[Draft]:
        with self._lock:
            rows = self._conn.execute(
                "SELECT post_id, body, mode, sending_key, updated_at FROM drafts"
                " ORDER BY updated_at DESC"
            ).fetchall()
        return [
            Draft(int(r[0]), str(r[1]), "note" if r[2] == "note" else "reply", r[3], float(r[4]))
            for r in rows
        ]

    def close(self) -> None:
        with self._lock:
            self._conn.close()


class Drafts(QObject):
    """Debounced, ordered, off-GUI-thread access to a `DraftStore`.

    Signals:
        draft_loaded(int, object): the draft (a `Draft` or None) asked for with
            `request(post_id)`, delivered on the GUI thread.
        save_failed(str): a write failed (disk full, file locked); a Chinese sentence.
    """

    draft_loaded = Signal(int, object)
    save_failed = Signal(str)
    _done = Signal(object)  # a callable to run on the GUI thread

    def __init__(
        self, store: DraftStore, delay_ms: int = 500, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="drafts")
        self._pending: dict[int, tuple[str, Mode]] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.flush)
        self._done.connect(self._run_on_gui)
        self._closed = False

    @property
    def store(self) -> DraftStore:
        return self._store

    def request(self, post_id: int) -> None:
        """Load the draft of `post_id`; the answer comes as `draft_loaded`."""
        # A save still waiting in the debounce is newer than anything on disk.
        self.flush()
        self._submit(
            lambda: self._store.load(post_id), lambda d: self.draft_loaded.emit(post_id, d)
        )

    def save_later(self, post_id: int, body: str, mode: Mode) -> None:
        """Note the editor's text; it is written after the officer pauses typing."""
        self._pending[post_id] = (body, mode)
        self._timer.start()

    @Slot()
    def flush(self) -> None:
        """Write every pending save now (on the worker)."""
        self._timer.stop()
        pending, self._pending = self._pending, {}
        for post_id, (body, mode) in pending.items():
            self._submit(functools.partial(self._store.save, post_id, body, mode))

    def mark_sending(self, post_id: int, body: str, mode: Mode, key: str) -> None:
        self._pending.pop(post_id, None)
        self._submit(lambda: self._store.mark_sending(post_id, body, mode, key))

    def clear_if_sent(self, post_id: int, key: str) -> None:
        self._submit(lambda: self._store.clear_if_sent(post_id, key))

    def wait_idle(self, timeout: float = 5.0) -> None:
        """Block until every submitted write is on disk (shutdown and tests)."""
        self.flush()
        self._pool.submit(lambda: None).result(timeout=timeout)

    def close(self) -> None:
        """Flush, finish the queue and stop the worker; call on shutdown."""
        if self._closed:
            return
        self.flush()
        self._closed = True
        self._pool.shutdown(wait=True)

    def _submit(
        self, op: Callable[[], object], on_done: Callable[[object], None] | None = None
    ) -> None:
        if self._closed:
            log.warning("draft write after close ignored")
            return
        fut = self._pool.submit(op)
        fut.add_done_callback(lambda f: self._finished(f, on_done))

    def _finished(self, fut: Future[object], on_done: Callable[[object], None] | None) -> None:
        # Runs on the worker thread; hand the result to the GUI thread via a queued signal.
        exc = fut.exception()
        if exc is not None:
            log.error("draft storage failed", exc_info=exc)
            self._done.emit(self._report_failure)
            return
        if on_done is not None:
            result = fut.result()
            self._done.emit(lambda: on_done(result))

    def _report_failure(self) -> None:
        msg = self.tr("Drafts cannot be saved on this computer; keep this window open.")
        self.save_failed.emit(msg)

    @Slot(object)
    def _run_on_gui(self, fn: Callable[[], None]) -> None:
        fn()
