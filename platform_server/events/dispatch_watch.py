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
from collections.abc import Callable
from datetime import datetime, timedelta

from platform_server.config import ServerSettings
from platform_server.domain import dispatch
from platform_server.events.periodic import PeriodicJob
from platform_server.storage.engines import Database
from platform_server.storage.models import utcnow

log = logging.getLogger(__name__)


class DispatchWatch(PeriodicJob):
    """Owns the thread (`PeriodicJob`). `run_once()` for direct use (and tests)."""

    name = "dispatch-overdue"
    # An overdue check that stops running is a dispatch nobody hears about.
    failure = "overdue-dispatch check failed; retrying"

    def __init__(
        self,
        db: Database,
        settings: ServerSettings,
        wake: Callable[[], None] = lambda: None,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        super().__init__(db, settings, wake)
        self.clock = clock

    def interval(self) -> float:
        return self.settings.dispatch_check_seconds

    def run_once(self, now: datetime | None = None) -> int:
        """Announce every dispatch overdue at `now` (default: the clock); returns how many."""
        at = now or self.clock()
        repeat = self.settings.dispatch_overdue_repeat_seconds
        with self.db.reading() as db:
            if not dispatch.any_overdue(db, at, timedelta(seconds=repeat)):
                return 0
        count = self.write(lambda db: dispatch.announce_overdue(db, now=at, repeat_seconds=repeat))
        if count:
            log.info("announced %d overdue dispatch(es)", count)
        return count
