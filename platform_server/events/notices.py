"""The notice thread: scheduled notices are published when their time comes.

Every `settings.notice_check_seconds` it publishes the notices whose `publish_at` has
passed (`domain.notices.publish_due`: `published_at` set and a `notice.published`
event, in one transaction), so every console hears of them. Citizens never wait for
it: the public list shows a notice from its `publish_at` on. The check is a cheap read;
the write lock is only taken when something is due.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from sqlalchemy import select

from platform_server.config import ServerSettings
from platform_server.domain import notices
from platform_server.events.log import EVENTS_WRITTEN
from platform_server.storage.citizen_models import Notice
from platform_server.storage.engines import Database
from platform_server.storage.models import utcnow

log = logging.getLogger(__name__)


class NoticePublisher:
    """Owns the notice thread. `start()` / `stop()`; `run_once()` for direct use.

    `wake` is called after a commit that published something (the hub's `notify`).
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
        if self._thread is not None or self.settings.notice_check_seconds <= 0:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._loop, name="notices", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            if self._thread.is_alive():
                log.error("notice thread did not stop within %.0f s", timeout)
            self._thread = None

    def _loop(self) -> None:
        interval = max(0.05, self.settings.notice_check_seconds)
        while not self._stop.wait(interval):
            try:
                self.run_once()
            except Exception:
                log.exception("publishing scheduled notices failed; retrying at the next check")

    def run_once(self) -> int:
        """Publish every scheduled notice that is due now; returns how many."""
        now = utcnow()
        with self.db.reading() as db:
            due = db.scalar(
                select(Notice.id)
                .where(
                    Notice.published_at.is_(None),
                    Notice.withdrawn_at.is_(None),
                    Notice.publish_at <= now,
                )
                .limit(1)
            )
        if due is None:
            return 0
        with self.db.writing() as db:
            n = notices.publish_due(db, now)
            wrote = bool(db.info.pop(EVENTS_WRITTEN, False))
        if wrote:
            self.wake()
        return n
