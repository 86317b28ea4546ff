"""The overdue-dispatch thread: dispatches nobody signed for in time (`dispatch.overdue`).

Like the escalation thread (`events.escalation`): every `settings.dispatch_check_seconds`
a cheap read asks whether any unsigned dispatch is past its sign deadline and not
announced within `settings.dispatch_overdue_repeat_seconds`; only then is the write
lock taken and the domain (`dispatch.announce_overdue`) announces them, selecting
them ``FOR UPDATE SKIP LOCKED`` so that of several server processes exactly one
announces each dispatch once per interval.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime, timedelta

from platform_server.config import ServerSettings
from platform_server.domain import dispatch
from platform_server.events.log import EVENTS_WRITTEN
from platform_server.storage.engines import Database
from platform_server.storage.models import utcnow

log = logging.getLogger(__name__)


class DispatchWatch:
    """Owns the thread. `start()` / `stop()`; `run_once()` for direct use (and tests)."""

    def __init__(
        self,
        db: Database,
        settings: ServerSettings,
        wake: Callable[[], None] = lambda: None,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.db = db
        self.settings = settings
        self.wake = wake
        self.clock = clock
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._loop, name="dispatch-overdue", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            if self._thread.is_alive():
                log.error("overdue-dispatch thread did not stop within %.0f s", timeout)
            self._thread = None

    def _loop(self) -> None:
        interval = max(0.05, self.settings.dispatch_check_seconds)
        while not self._stop.wait(interval):
            try:
                self.run_once()
            except Exception:
                # An overdue check that stops running is a dispatch nobody hears about.
                log.exception("overdue-dispatch check failed; retrying")

    def run_once(self, now: datetime | None = None) -> int:
        """Announce every dispatch overdue at `now` (default: the clock); returns how many."""
        now = now or self.clock()
        repeat = self.settings.dispatch_overdue_repeat_seconds
        with self.db.reading() as db:
            if not dispatch.any_overdue(db, now, timedelta(seconds=repeat)):
                return 0
        with self.db.writing() as db:
            count = dispatch.announce_overdue(db, now=now, repeat_seconds=repeat)
            wrote = bool(db.info.pop(EVENTS_WRITTEN, False))
        if wrote:
            self.wake()
        if count:
            log.info("announced %d overdue dispatch(es)", count)
        return count
