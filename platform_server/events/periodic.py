"""One small base for the platform's own periodic jobs (escalation, overdue dispatches,
hotspots): a daemon thread that runs `run_once()` every `interval()` seconds until
stopped, logs a failed run and tries again at the next, and a helper that runs one
write transaction and wakes the event hub when it recorded events.

A job is correct across several server processes by what its write does (``FOR UPDATE
SKIP LOCKED`` or an advisory lock), not by this thread: every process runs its own.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.orm import Session

from platform_server.config import ServerSettings
from platform_server.events.log import EVENTS_WRITTEN
from platform_server.storage.engines import Database

log = logging.getLogger(__name__)

T = TypeVar("T")


class PeriodicJob:
    """A background job. Subclasses set `name` (the thread's) and `failure` (logged when
    a run raises), and define `interval()` and `run_once()`; `enabled()` may turn the
    job off. `start()` / `stop()`; `run_once()` is also called directly (tests, bench).

    `wake` is called after a commit that recorded events (the hub's `notify`), so the
    events go out at once rather than at the hub's next poll.
    """

    name = "periodic"
    failure = "periodic job failed; retrying"

    def __init__(
        self, db: Database, settings: ServerSettings, wake: Callable[[], None] = lambda: None
    ) -> None:
        self.db = db
        self.settings = settings
        self.wake = wake
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def interval(self) -> float:
        raise NotImplementedError

    def enabled(self) -> bool:
        return True

    def run_once(self) -> int:
        raise NotImplementedError

    def start(self) -> None:
        if self._thread is not None or not self.enabled():
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._loop, name=self.name, daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            if self._thread.is_alive():
                log.error("%s thread did not stop within %.0f s", self.name, timeout)
            self._thread = None

    def _loop(self) -> None:
        interval = max(0.05, self.interval())
        while not self._stop.wait(interval):
            try:
                self.run_once()
            except Exception:
                # Never die silently: a job that stops running is news nobody hears.
                log.exception(self.failure)

    def write(self, change: Callable[[Session], T]) -> T:
        """Run `change` in one write transaction; wake the hub if it recorded events."""
        with self.db.writing() as db:
            result = change(db)
            wrote = bool(db.info.pop(EVENTS_WRITTEN, False))
        if wrote:
            self.wake()
        return result
