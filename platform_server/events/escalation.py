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
from datetime import timedelta

from platform_server.domain import jobs
from platform_server.events.periodic import PeriodicJob
from platform_server.storage.models import utcnow

log = logging.getLogger(__name__)


class Escalator(PeriodicJob):
    """Owns the escalation thread (`PeriodicJob`). `run_once()` for direct use."""

    name = "silent-escalation"
    # Never die silently: an escalation that stops running is a missed alarm.
    failure = "silent-report escalation check failed; retrying"

    def interval(self) -> float:
        return self.settings.escalation_check_seconds

    def run_once(self) -> int:
        """Escalate every report that is due now; returns how many were escalated."""
        seconds = self.settings.escalation_seconds
        now = utcnow()
        with self.db.reading() as db:
            if not jobs.due_for_escalation(db, now - timedelta(seconds=seconds), lock=False):
                return 0
        escalated = self.write(lambda db: jobs.escalate_due(db, seconds, now=now))
        if escalated:
            log.info("escalated %d unacknowledged silent report(s)", escalated)
        return escalated
