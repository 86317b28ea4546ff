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
from datetime import timedelta

from sqlalchemy import select

from platform_server.domain import jobs
from platform_server.events.periodic import PeriodicJob
from platform_server.storage.models import Post, utcnow

log = logging.getLogger(__name__)


class Archiver(PeriodicJob):
    """Owns the archiving thread (`PeriodicJob`). `run_once()` for direct use."""

    name = "archiving"
    failure = "archiving resolved posts failed; retrying at the next check"

    def interval(self) -> float:
        return self.settings.archive_check_seconds

    def enabled(self) -> bool:
        return self.settings.archive_after_days > 0

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
            n = self.write(lambda db: jobs.archive_resolved(db, older_than, now=now))
            total += n
            if n == 0:
                break
        if total:
            log.info("archived %d resolved post(s)", total)
        return total
