"""Escalation of silent reports that nobody acknowledged in time.

A background thread checks every `settings.escalation_check_seconds` for silent
reports still unacknowledged `settings.escalation_seconds` after they arrived.
Each such report is marked escalated (version + 1, a system timeline entry) and a
`silent.escalated` event is recorded in the same transaction, so every console in
scope hears about it exactly once. The check itself is a cheap read; the write
lock is only taken when there is something to escalate, and the candidates are
re-selected inside the write transaction, so two server processes never escalate
the same report twice.
"""

from __future__ import annotations

import logging
import threading
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from platform_server.domain.serialize import summaries
from platform_server.events.log import record_event
from platform_server.storage.models import Post, TimelineEntry, utcnow

if TYPE_CHECKING:
    from platform_server.api.deps import AppContext

log = logging.getLogger(__name__)

BATCH = 200


def _due(db: Session, cutoff: Any, *, lock: bool) -> list[Post]:
    stmt = (
        select(Post)
        .where(
            Post.kind == "silent_report",
            Post.acknowledged_at.is_(None),
            Post.escalated_at.is_(None),
            Post.created_at <= cutoff,
        )
        .order_by(Post.created_at, Post.id)
        .limit(BATCH)
    )
    if lock:  # PostgreSQL: two processes skip each other's rows; SQLite ignores it
        stmt = stmt.with_for_update(skip_locked=True)
    return list(db.scalars(stmt))


class Escalator:
    """Owns the escalation thread. `start()` / `stop()`; `run_once()` for direct use."""

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx
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
        interval = max(0.05, self.ctx.settings.escalation_check_seconds)
        while not self._stop.wait(interval):
            try:
                self.run_once()
            except Exception:
                # Never die silently: an escalation that stops running is a missed alarm.
                log.exception("silent-report escalation check failed; retrying")

    def run_once(self) -> int:
        """Escalate every report that is due now; returns how many were escalated."""
        settings = self.ctx.settings
        now = utcnow()
        cutoff = now - timedelta(seconds=settings.escalation_seconds)
        with self.ctx.read() as db:
            if not _due(db, cutoff, lock=False):
                return 0
        escalated = 0
        with self.ctx.write() as db:
            posts = _due(db, cutoff, lock=True)
            for post in posts:
                post.escalated_at = now
                post.version += 1
                post.updated_at = now
                db.add(
                    TimelineEntry(
                        post_id=post.id,
                        at=now,
                        action="escalated",
                        actor_kind="system",
                        detail=f"超过 {settings.escalation_seconds:g} 秒无人确认，已升级提醒。",
                    )
                )
            db.flush()
            for post, item in zip(posts, summaries(db, posts, None), strict=True):
                payload = item.model_dump(mode="json")
                payload["escalation_seconds"] = settings.escalation_seconds
                record_event(db, "silent.escalated", payload, post=post, audience="scope")
            escalated = len(posts)
        if escalated:
            log.warning("escalated %d unacknowledged silent report(s)", escalated)
        return escalated
