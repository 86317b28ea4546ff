"""The hotspot thread: every `settings.hotspot_check_seconds` it looks for spikes of
similar posts (`geo.hotspots.detect`, a read) and, only when it found some, stores them
and announces the new ones (`domain.hotspots.record_spikes`, under an advisory lock so
that of several server processes exactly one announces each hotspot)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from platform_server.config import ServerSettings
from platform_server.domain import hotspots
from platform_server.events.periodic import PeriodicJob
from platform_server.geo.hotspots import detect
from platform_server.storage.engines import Database
from platform_server.storage.models import utcnow

log = logging.getLogger(__name__)


class HotspotWatch(PeriodicJob):
    """Owns the thread (`PeriodicJob`). `run_once()` for direct use (tests, bench)."""

    name = "hotspots"
    failure = "hotspot check failed; retrying"

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
        return self.settings.hotspot_check_seconds

    def enabled(self) -> bool:
        return self.settings.hotspot_check_seconds > 0

    def run_once(self, now: datetime | None = None) -> int:
        """Detect at `now` (default: the clock); returns how many new hotspots."""
        at = now or self.clock()
        minutes = int(self.settings.hotspot_window_minutes)
        window = timedelta(minutes=minutes)
        min_count = self.settings.hotspot_min_count
        with self.db.reading() as db:
            if not detect(db, at, window, min_count):
                return 0

        def store(db: Session) -> int:
            # detected again inside the write, under the lock `record_spikes` takes
            return len(hotspots.record_spikes(db, detect(db, at, window, min_count), at, minutes))

        created = self.write(store)
        if created:
            log.info("detected %d new hotspot(s)", created)
        return created
