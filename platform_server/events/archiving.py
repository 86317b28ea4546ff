"""The archiving thread: resolved posts become archived some days after resolution.

Every `settings.archive_check_seconds` a background thread archives the posts
resolved more than `settings.archive_after_days` ago, through the domain
(`jobs.archive_resolved`: status, a system timeline entry and a `post.updated`
event with `action: "archive"`, in one transaction per batch), so every console
hears of it. `archive_after_days = 0` turns it off. The check is a cheap read; the
write lock is only taken when something is due.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import timedelta

from sqlalchemy import select

from platform_server.config import ServerSettings
from platform_server.domain import jobs
from platform_server.events.log import EVENTS_WRITTEN
from platform_server.storage.engines import Database
from platform_server.storage.models import Post, utcnow

log = logging.getLogger(__name__)


class Archiver:
    """Owns the archiving thread. `start()` / `stop()`; `run_once()` for direct use.

    `wake` is called after a commit that archived something (the hub's `notify`).
    """

    def __init__(
        self, db: Database, settings: ServerSettings, wake: Callable[[], None] = lambda: None
    ) -> None:
        self.db = db
        self.settings = settings
        self.wake = wake
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is not None or self.settings.archive_after_days <= 0:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._loop, name="archiving", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            if self._thread.is_alive():
                log.error("archiving thread did not stop within %.0f s", timeout)
            self._thread = None

    def _loop(self) -> None:
        interval = max(0.05, self.settings.archive_check_seconds)
        while not self._stop.wait(interval):
            try:
                self.run_once()
            except Exception:
                log.exception("archiving resolved posts failed; retrying at the next check")

    def run_once(self) -> int:
        """Archive every post that is due now; returns how many were archived."""
        if self.settings.archive_after_days <= 0:
            return 0
        older_than = timedelta(days=self.settings.archive_after_days)
        now = utcnow()
        with self.db.reading() as db:
            due = db.scalar(
                select(Post.id)
                .where(Post.status == "resolved", Post.resolved_at < now - older_than)
                .limit(1)
            )
        total = 0
        while due is not None and not self._stop.is_set():
            with self.db.writing() as db:
                n = jobs.archive_resolved(db, older_than, now=now)
                wrote = bool(db.info.pop(EVENTS_WRITTEN, False))
            if wrote:
                self.wake()
            total += n
            if n == 0:
                break
        if total:
            log.info("archived %d resolved post(s)", total)
        return total
