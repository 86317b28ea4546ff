"""The platform's tables (SQLAlchemy 2 ORM), portable between SQLite and PostgreSQL.

Times are stored as naive UTC datetimes; the API layer renders them as ISO 8601 `Z`.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Status values, in workflow order.
STATUSES = ("new", "accepted", "in_progress", "resolved", "archived")
OPEN_STATUSES = ("new", "accepted", "in_progress")
KINDS = ("post", "silent_report")
# A silent report no officer has acknowledged and the platform has not escalated yet.
SILENT_WAITING = "kind = 'silent_report' AND acknowledged_at IS NULL AND escalated_at IS NULL"
_WAIT: dict[str, Any] = {
    "postgresql_where": text(SILENT_WAITING),
    "sqlite_where": text(SILENT_WAITING),
}
ROLES = ("officer", "leader", "admin")


def utcnow() -> datetime:
    """Naive UTC now (what every DateTime column stores)."""
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    """Every table of the platform (its metadata creates the schema)."""


class Unit(Base):
    __tablename__ = "units"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(20))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)


class Board(Base):
    __tablename__ = "boards"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    deadline_minutes: Mapped[int] = mapped_column(Integer)
    # Where posts on this board land unless a mention routes them elsewhere.
    default_unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    # Restricted boards (complaints, silent reports) are readable only inside the
    # handling unit's scope, not by every officer.
    restricted: Mapped[bool] = mapped_column(Boolean, default=False)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class Officer(Base):
    __tablename__ = "officers"

    id: Mapped[int] = mapped_column(primary_key=True)
    badge: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(50))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    role: Mapped[str] = mapped_column(String(10), default="officer")
    on_duty: Mapped[bool] = mapped_column(Boolean, default=False)
    password_hash: Mapped[str] = mapped_column(String(255))
    phone: Mapped[str | None] = mapped_column(String(20))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    unit: Mapped[Unit] = relationship(lazy="joined")


class OfficerToken(Base):
    __tablename__ = "officer_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    officer_id: Mapped[int] = mapped_column(ForeignKey("officers.id"), index=True)
    workstation: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)


class Citizen(Base):
    __tablename__ = "citizens"

    id: Mapped[int] = mapped_column(primary_key=True)
    nickname: Mapped[str] = mapped_column(String(50))
    phone: Mapped[str | None] = mapped_column(String(20), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class CitizenToken(Base):
    __tablename__ = "citizen_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizens.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime)


class Post(Base):
    __tablename__ = "posts"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), default="post")
    board_id: Mapped[int] = mapped_column(ForeignKey("boards.id"))
    title: Mapped[str] = mapped_column(String(200), default="")
    body: Mapped[str] = mapped_column(Text, default="")
    citizen_id: Mapped[int | None] = mapped_column(ForeignKey("citizens.id"), index=True)
    author_nickname: Mapped[str] = mapped_column(String(50), default="")
    author_phone: Mapped[str | None] = mapped_column(String(20))
    channel: Mapped[str] = mapped_column(String(20), default="board")
    status: Mapped[str] = mapped_column(String(20), default="new")
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    deadline_at: Mapped[datetime | None] = mapped_column(DateTime)
    accepted_at: Mapped[datetime | None] = mapped_column(DateTime)
    first_response_at: Mapped[datetime | None] = mapped_column(DateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime)
    archived_at: Mapped[datetime | None] = mapped_column(DateTime)
    resolution: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, default=1)
    pinned: Mapped[bool] = mapped_column(Boolean, default=False)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    accuracy_m: Mapped[float | None] = mapped_column(Float)
    address: Mapped[str | None] = mapped_column(String(300))
    suppress_receipt: Mapped[bool] = mapped_column(Boolean, default=False)
    acknowledged_by_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"))
    acknowledged_at: Mapped[datetime | None] = mapped_column(DateTime)
    escalated_at: Mapped[datetime | None] = mapped_column(DateTime)
    transfer_count: Mapped[int] = mapped_column(Integer, default=0)
    reply_count: Mapped[int] = mapped_column(Integer, default=0)
    attachment_count: Mapped[int] = mapped_column(Integer, default=0)
    rating_score: Mapped[int | None] = mapped_column(Integer)
    # Private messages (私信, `Message`): how many, and the citizen's not yet read by an officer.
    message_count: Mapped[int] = mapped_column(Integer, default=0)
    unread_messages: Mapped[int] = mapped_column(Integer, default=0)
    # Under supervision (督办) since: the first order, a leader's or a dissatisfied callback's.
    supervised_at: Mapped[datetime | None] = mapped_column(DateTime)
    # 1 紧急, 2 加急, 3 一般, 4 低 (API v1.1); silent reports start at 1, others at 3.
    priority: Mapped[int] = mapped_column(Integer, default=3, server_default="3")
    # The station whose district contains the location (platform_server.geo.districts).
    suggested_unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    # A duplicate merged under its master post (platform_server.domain.merging).
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("posts.id"), index=True)
    # How the case was closed (resolved, answered, ..., unfounded): `domain.dispatch`.
    closure_code: Mapped[str | None] = mapped_column(String(20))

    board: Mapped[Board] = relationship(lazy="joined")

    __table_args__ = (
        # One index per queue filter, each ending in the default sort key so the
        # list query is an index range scan, never a sort of the whole table.
        Index("ix_posts_created", "created_at", "id"),
        Index("ix_posts_status_created", "status", "created_at", "id"),
        Index("ix_posts_unit_status_created", "unit_id", "status", "created_at", "id"),
        Index("ix_posts_assignee_status_created", "assignee_id", "status", "created_at", "id"),
        Index("ix_posts_board_status_created", "board_id", "status", "created_at", "id"),
        Index("ix_posts_kind_status_created", "kind", "status", "created_at", "id"),
        Index("ix_posts_status_deadline", "status", "deadline_at", "id"),
        # "Any status" with one other filter: without these the planner sorts every
        # matching row (1 s at a million posts for board=traffic).
        Index("ix_posts_board_created", "board_id", "created_at", "id"),
        Index("ix_posts_unit_created", "unit_id", "created_at", "id"),
        Index("ix_posts_assignee_created", "assignee_id", "created_at", "id"),
        Index("ix_posts_kind_created", "kind", "created_at", "id"),
        Index("ix_posts_deadline", "deadline_at", "id"),
        Index("ix_posts_updated", "updated_at", "id"),
        Index("ix_posts_resolved", "resolved_at"),
        # The escalation check (jobs.due_for_escalation): only the reports still waiting.
        Index("ix_posts_silent_waiting", "created_at", "id", **_WAIT),
        # Dashboard figures over a period (platform_server.stats.measures): each one holds every
        # column its figures read, so a month of a million-post city is an index range
        # scan that never touches the wide post rows.
        Index(
            "ix_posts_created_figures",
            "created_at",
            "resolved_at",
            "deadline_at",
            "first_response_at",
            "board_id",
            "unit_id",
            "assignee_id",
        ),
        Index(
            "ix_posts_resolved_figures",
            "resolved_at",
            "created_at",
            "deadline_at",
            "archived_at",
            "board_id",
            "unit_id",
            "assignee_id",
        ),
        Index(
            "ix_posts_silent_figures",
            "kind",
            "created_at",
            "acknowledged_at",
            "escalated_at",
            "acknowledged_by_id",
            "unit_id",
        ),
    )


class Mention(Base):
    """A post's @mention of a unit or a named officer."""

    __tablename__ = "mentions"

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id"), index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"), index=True)


class Reply(Base):
    """A public reply, visible to everyone."""

    __tablename__ = "replies"

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id"), index=True)
    officer_id: Mapped[int] = mapped_column(ForeignKey("officers.id"), index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    body: Mapped[str] = mapped_column(Text)
    workstation: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    # The dashboard counts replies per officer in a period (covering, no table reads).
    __table_args__ = (
        Index("ix_replies_created_officer", "created_at", "officer_id"),
        # Workload: one index range count per officer (stats.load).
        Index("ix_replies_officer_created", "officer_id", "created_at"),
    )


class Note(Base):
    """An internal note: never shown to citizens, only inside the unit's scope."""

    __tablename__ = "notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id"), index=True)
    officer_id: Mapped[int] = mapped_column(ForeignKey("officers.id"))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    body: Mapped[str] = mapped_column(Text)
    workstation: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Attachment(Base):
    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))  # image | audio
    content_type: Mapped[str] = mapped_column(String(50))
    filename: Mapped[str] = mapped_column(String(200), default="")
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Rating(Base):
    __tablename__ = "ratings"

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id"), unique=True)
    score: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)

    # Satisfaction figures of a period from the index alone.
    __table_args__ = (Index("ix_ratings_created_score", "created_at", "score", "post_id"),)


class TimelineEntry(Base):
    """One step in a post's public/internal history (accepted, transferred, ...)."""

    __tablename__ = "timeline"

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id"))
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    action: Mapped[str] = mapped_column(String(30))
    actor_kind: Mapped[str] = mapped_column(String(10))  # officer | citizen | system
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"))
    from_unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    to_unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    detail: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (
        Index("ix_timeline_post_at", "post_id", "at"),
        Index("ix_timeline_action_at", "action", "at"),
        # Workload per officer: actions in a period, counted from the index alone.
        Index("ix_timeline_action_at_officer", "action", "at", "officer_id"),
        # Workload: one index range count per officer and action (stats.load).
        Index("ix_timeline_officer_action_at", "officer_id", "action", "at"),
    )


class Event(Base):
    """The append-only event log behind `GET /api/v1/events`.

    Written in the same transaction as the change it describes; `seq` is the SSE id.
    Scope columns let the stream decide per subscriber who may receive it.
    """

    __tablename__ = "events"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    type: Mapped[str] = mapped_column(String(40))
    post_id: Mapped[int | None] = mapped_column(Integer, index=True)
    unit_id: Mapped[int | None] = mapped_column(Integer)
    prev_unit_id: Mapped[int | None] = mapped_column(Integer)
    assignee_id: Mapped[int | None] = mapped_column(Integer)
    # The post's assisting units (协办) then, "3,7" (NULL: none): they hear it as unit_id.
    reader_unit_ids: Mapped[str | None] = mapped_column(Text)
    # "all": any officer; "scope": only those whose unit scope covers unit_id,
    # prev_unit_id or a reader unit (restricted boards, silent reports, internal notes).
    audience: Mapped[str] = mapped_column(String(10), default="all")
    payload: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class AuditEntry(Base):
    __tablename__ = "audit"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"), index=True)
    badge: Mapped[str] = mapped_column(String(20), default="")
    workstation: Mapped[str] = mapped_column(String(100), default="")
    action: Mapped[str] = mapped_column(String(40))
    target_type: Mapped[str] = mapped_column(String(20), default="")
    target_id: Mapped[int | None] = mapped_column(Integer)
    detail: Mapped[str] = mapped_column(Text, default="")
    address: Mapped[str] = mapped_column(String(64), default="")


class IdempotencyRecord(Base):
    __tablename__ = "idempotency"

    id: Mapped[int] = mapped_column(primary_key=True)
    principal: Mapped[str] = mapped_column(String(40))  # "officer:12" / "citizen:7"
    key: Mapped[str] = mapped_column(String(200))
    fingerprint: Mapped[str] = mapped_column(String(64))
    status_code: Mapped[int] = mapped_column(Integer)
    response: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    __table_args__ = (UniqueConstraint("principal", "key", name="uq_idempotency_key"),)


class ReplyTemplate(Base):
    __tablename__ = "templates"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(100))
    body: Mapped[str] = mapped_column(Text)
    board_code: Mapped[str | None] = mapped_column(String(40))
    shortcut: Mapped[str | None] = mapped_column(String(20))


class PostLocation(Base):
    """A newer location the reporter sent after the post: shown beside the first, which
    is never replaced (a report's first location stays what it was)."""

    __tablename__ = "post_locations"

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id"), index=True)
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    accuracy_m: Mapped[float | None] = mapped_column(Float)
    address: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class PostMerge(Base):
    """One merge of a duplicate into a master post, with what unmerging must restore."""

    __tablename__ = "post_merges"

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id"), index=True)
    into_id: Mapped[int] = mapped_column(ForeignKey("posts.id"), index=True)
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"))
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # The duplicate's handling columns before the merge (JSON), restored by unmerge.
    before: Mapped[str] = mapped_column(Text)
    undone_at: Mapped[datetime | None] = mapped_column(DateTime)


class Dispatch(Base):
    """One dispatch of a post to a lead unit (派单), waiting for its sign-for (签收).

    A post's current dispatch is its newest row with `ended_at` null; a return, a new
    dispatch or the case's closure ends it. `overdue_at` is when the platform last
    announced it unsigned past `sign_deadline_at` (`dispatch.overdue`, repeating).
    """

    __tablename__ = "dispatches"

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    from_unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    by_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"))
    at: Mapped[datetime] = mapped_column(DateTime)
    sign_deadline_at: Mapped[datetime] = mapped_column(DateTime)
    signed_at: Mapped[datetime | None] = mapped_column(DateTime)
    signed_by_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"))
    overdue_at: Mapped[datetime | None] = mapped_column(DateTime)
    overdue_count: Mapped[int] = mapped_column(Integer, default=0)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime)
    return_code: Mapped[str | None] = mapped_column(String(40))
    return_reason: Mapped[str | None] = mapped_column(Text)

    # The overdue job's scan: unsigned, still current, by deadline.
    __table_args__ = (Index("ix_dispatches_pending", "signed_at", "ended_at", "sign_deadline_at"),)


class DispatchAssist(Base):
    """An assisting unit (协办) of a dispatch, and its own sign-for."""

    __tablename__ = "dispatch_assists"

    id: Mapped[int] = mapped_column(primary_key=True)
    dispatch_id: Mapped[int] = mapped_column(ForeignKey("dispatches.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    signed_at: Mapped[datetime | None] = mapped_column(DateTime)
    signed_by_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"))

    __table_args__ = (UniqueConstraint("dispatch_id", "unit_id", name="uq_dispatch_assist"),)


class Extension(Base):
    """A request for a later deadline (延期), and the leader's decision on it."""

    __tablename__ = "extensions"

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id"), index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    requested_by_id: Mapped[int] = mapped_column(ForeignKey("officers.id"))
    requested_at: Mapped[datetime] = mapped_column(DateTime)
    previous_deadline_at: Mapped[datetime | None] = mapped_column(DateTime)
    until: Mapped[datetime] = mapped_column(DateTime)
    reason: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10), default="pending")  # approved | rejected
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)
    comment: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (Index("ix_extensions_status_requested", "status", "requested_at"),)


class Supervision(Base):
    """A supervision order (督办): a leader's instruction with its own due time."""

    __tablename__ = "supervisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id"), index=True)
    by_id: Mapped[int] = mapped_column(ForeignKey("officers.id"))
    at: Mapped[datetime] = mapped_column(DateTime)
    due_at: Mapped[datetime] = mapped_column(DateTime)
    instruction: Mapped[str] = mapped_column(Text)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)
    # "leader" (POST /posts/{id}/supervise) or "callback" (a dissatisfied callback)
    source: Mapped[str] = mapped_column(String(20), default="leader", server_default="leader")

    __table_args__ = (Index("ix_supervisions_open_due", "closed_at", "due_at"),)
