"""The notice thread: scheduled notices are published when their time comes.

Every `settings.notice_check_seconds` it publishes the notices whose `publish_at` has
passed (`domain.notices.publish_due`: `published_at` set and a `notice.published`
event, in one transaction), so every console hears of them. Citizens never wait for
it: the public list shows a notice from its `publish_at` on. The check is a cheap read;
the write lock is only taken when something is due.
"""

from __future__ import annotations

import logging

from sqlalchemy import select

from platform_server.domain import notices
from platform_server.events.periodic import PeriodicJob
from platform_server.storage.citizen_models import Notice
from platform_server.storage.models import utcnow

log = logging.getLogger(__name__)


class NoticePublisher(PeriodicJob):
    """Owns the notice thread (`PeriodicJob`). `run_once()` for direct use."""

    name = "notices"
    failure = "publishing scheduled notices failed; retrying at the next check"

    def interval(self) -> float:
        return self.settings.notice_check_seconds

    def enabled(self) -> bool:
        return self.settings.notice_check_seconds > 0

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
        return self.write(lambda db: notices.publish_due(db, now))
