"""The tables of talking with citizens: private messages, pushes, callbacks, notices.

Declared on the platform's `Base` (platform_server.storage.models), in a module of
their own; `storage.engines` imports it so its tables are part of every schema.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from platform_server.storage.models import Base, utcnow


class Message(Base):
    """A private message (私信) between the officers handling a post and its author.

    Never on the public page: only the author reads and answers it, and only officers
    who may act on the post see it. `read_at`: when the other side read it (the author
    opening the report; an officer handling the post).
    """

    __tablename__ = "messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id"))
    sender: Mapped[str] = mapped_column(String(10))  # officer | citizen
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    body: Mapped[str] = mapped_column(Text)
    workstation: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(DateTime)

    __table_args__ = (Index("ix_messages_post_created", "post_id", "created_at", "id"),)


class CitizenPush(Base):
    """A notification the messaging app pushes to a citizen's phone (simulated).

    Written for news on a citizen's own post (a reply, a private message, the
    resolution); never for a silent report whose reporter asked for no receipt.
    """

    __tablename__ = "citizen_pushes"

    id: Mapped[int] = mapped_column(primary_key=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizens.id"), index=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # reply | message | resolved
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Callback(Base):
    """A callback (回访) to a post's author after resolution, and how it ended.

    `status`: due (to be made), done (the author was reached: `outcome`), unreachable
    (the third unreachable attempt ended it).
    """

    __tablename__ = "callbacks"

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id"), index=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    status: Mapped[str] = mapped_column(String(20), default="due")
    outcome: Mapped[str | None] = mapped_column(String(30))
    attempt_count: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    due_at: Mapped[datetime] = mapped_column(DateTime)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)

    __table_args__ = (
        Index("ix_callbacks_status_unit_due", "status", "unit_id", "due_at", "id"),
        Index("ix_callbacks_created", "created_at", "status", "outcome", "unit_id"),
    )


class CallbackAttempt(Base):
    """One try at a callback: who called, when, and what came of it."""

    __tablename__ = "callback_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    callback_id: Mapped[int] = mapped_column(ForeignKey("callbacks.id"), index=True)
    officer_id: Mapped[int] = mapped_column(ForeignKey("officers.id"))
    outcome: Mapped[str] = mapped_column(String(30))
    note: Mapped[str] = mapped_column(Text, default="")
    workstation: Mapped[str] = mapped_column(String(100), default="")
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Notice(Base):
    """A notice to the public of a unit's area (the bureau's: the whole city).

    Citizens see it from `publish_at` on (pinned first); `published_at` is when the
    `notice.published` event went out; `withdrawn_at` takes it off the public list.
    """

    __tablename__ = "notices"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    category: Mapped[str] = mapped_column(String(20))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    pinned: Mapped[bool] = mapped_column(Boolean, default=False)
    publish_at: Mapped[datetime] = mapped_column(DateTime)
    published_at: Mapped[datetime | None] = mapped_column(DateTime)
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime)
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    read_count: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (Index("ix_notices_unit_publish", "unit_id", "publish_at", "id"),)


class NoticeRead(Base):
    """A citizen opened a notice (counted once per citizen)."""

    __tablename__ = "notice_reads"

    id: Mapped[int] = mapped_column(primary_key=True)
    notice_id: Mapped[int] = mapped_column(ForeignKey("notices.id"))
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizens.id"))
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    __table_args__ = (UniqueConstraint("notice_id", "citizen_id", name="uq_notice_read"),)
