"""The platform's own actions: archiving resolved posts, escalating silent reports.

They change posts the same way officers' actions do (`change`: version, timeline
entry, typed event), in the name of the platform (`origin.SYSTEM`: the timeline says
"system", events carry `actor: null`, nothing is audited). The escalation thread that
calls `escalate_due` lives in `platform_server.events.escalation`.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from platform_server.domain import locking, serialize
from platform_server.domain.change import finish, step, touch
from platform_server.domain.origin import SYSTEM
from platform_server.events import types as ev
from platform_server.storage.models import SILENT_WAITING, Post, utcnow

ESCALATION_BATCH = 200


def archive_resolved(
    db: Session, older_than: timedelta, *, now: datetime | None = None, limit: int = 500
) -> int:
    """Archive up to `limit` posts resolved more than `older_than` ago; returns how many.

    Run it inside a write transaction and repeat until it returns 0; each archived
    post gets a timeline entry and a post.updated event.
    """
    now = now or utcnow()
    stmt = (
        select(Post)
        .where(Post.resolved_at < now - older_than, Post.status == "resolved")
        .order_by(Post.resolved_at)
        .limit(limit)
    )
    # Posts an officer is acting on right now are left for the next run.
    posts = list(db.scalars(locking.skip_locked(stmt)))
    for post in posts:
        post.status = "archived"
        post.archived_at = now
        step(db, post, now, "archived", SYSTEM)
        touch(post, now)
    db.flush()
    for post, summary in zip(posts, serialize.summaries(db, posts, None), strict=True):
        finish(db, SYSTEM, post, ev.PostUpdated, "archive", summary=summary)
    return len(posts)


def escalation_sql(cutoff: datetime) -> tuple[str, dict[str, object]]:
    """SQLite's escalation candidates: the partial index named, because its planner keeps
    no statistics for an index that is usually empty and then walks the kind index."""
    # Constants only; the values are bound.
    sql = f"SELECT * FROM posts INDEXED BY ix_posts_silent_waiting WHERE {SILENT_WAITING} AND created_at <= :cutoff ORDER BY created_at, id LIMIT :n"  # noqa: S608, E501
    return sql, {"cutoff": cutoff, "n": ESCALATION_BATCH}


def due_for_escalation(db: Session, cutoff: datetime, *, lock: bool) -> list[Post]:
    """Silent reports still unacknowledged and not yet escalated, created by `cutoff`,
    oldest first, from the partial index `ix_posts_silent_waiting` (which holds only
    such reports); locked for escalating with ``lock``."""
    if db.get_bind().dialect.name == "sqlite":  # SQLite has no row locks to take
        sql, params = escalation_sql(cutoff)
        return list(db.scalars(select(Post).from_statement(text(sql).bindparams(**params))))
    stmt = (  # the index's condition as written, so PostgreSQL sees that it applies
        select(Post)
        .where(text(SILENT_WAITING.replace("kind", "posts.kind")), Post.created_at <= cutoff)
        .order_by(Post.created_at, Post.id)
        .limit(ESCALATION_BATCH)
    )
    if lock:  # PostgreSQL: two processes skip each other's rows
        stmt = locking.skip_locked(stmt)
    return list(db.scalars(stmt))


def escalate_due(db: Session, escalation_seconds: float, *, now: datetime | None = None) -> int:
    """Escalate every silent report unacknowledged `escalation_seconds` after it arrived.

    Run it in a write transaction: the candidates are selected (and locked) inside
    it, so two server processes never escalate the same report twice. Each gets a
    system timeline entry and a `silent.escalated` event; returns how many.
    """
    now = now or utcnow()
    posts = due_for_escalation(db, now - timedelta(seconds=escalation_seconds), lock=True)
    detail = f"超过 {escalation_seconds:g} 秒无人确认，已升级提醒。"
    for post in posts:
        post.escalated_at = now
        step(db, post, now, "escalated", SYSTEM, detail=detail)
        touch(post, now)
    db.flush()
    for post, summary in zip(posts, serialize.summaries(db, posts, None), strict=True):
        finish(
            db,
            SYSTEM,
            post,
            ev.SilentEscalated,
            "escalate",
            summary=summary,
            escalation_seconds=escalation_seconds,
        )
    return len(posts)
