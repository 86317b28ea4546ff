"""The escalation thread: silent reports that nobody acknowledged in time.

A background thread checks every `settings.escalation_check_seconds` for silent
reports still unacknowledged `settings.escalation_seconds` after they arrived, and
escalates them through the domain (`jobs.escalate_due`: version + 1, a system
timeline entry and a `silent.escalated` event in one transaction), so every console
in scope hears about each exactly once. The check itself is a cheap read; the write
lock is only taken when there is something to escalate.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import timedelta

from platform_server.config import ServerSettings
from platform_server.domain import jobs
from platform_server.events.log import EVENTS_WRITTEN
from platform_server.storage.engines import Database
from platform_server.storage.models import utcnow

log = logging.getLogger(__name__)


class Escalator:
    """Owns the escalation thread. `start()` / `stop()`; `run_once()` for direct use.

    `wake` is called after a commit that escalated something (the event hub's
    `notify`), so the events go out at once rather than at the hub's next poll.
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
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._loop, name="silent-escalation", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            if self._thread.is_alive():
                log.error("escalation thread did not stop within %.0f s", timeout)
            self._thread = None

    def _loop(self) -> None:
        interval = max(0.05, self.settings.escalation_check_seconds)
        while not self._stop.wait(interval):
            try:
                self.run_once()
            except Exception:
                # Never die silently: an escalation that stops running is a missed alarm.
                log.exception("silent-report escalation check failed; retrying")

    def run_once(self) -> int:
        """Escalate every report that is due now; returns how many were escalated."""
        seconds = self.settings.escalation_seconds
        now = utcnow()
        with self.db.reading() as db:
            if not jobs.due_for_escalation(db, now - timedelta(seconds=seconds), lock=False):
                return 0
        with self.db.writing() as db:
            escalated = jobs.escalate_due(db, seconds, now=now)
            wrote = bool(db.info.pop(EVENTS_WRITTEN, False))
        if wrote:
            self.wake()
        if escalated:
            log.info("escalated %d unacknowledged silent report(s)", escalated)
        return escalated
