"""Request and response shapes of v1.1 "Talking with citizens" (API.md; names are fixed).

Private messages, posts officers record from other channels, callbacks (回访) and
notices. The private message itself (`MessageOut`) is in `schemas`, beside the post
detail that carries the conversation.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Literal

from pydantic import BaseModel, Field, field_validator

from platform_server.schemas import (
    MAX_DB_INT,
    LocationIO,
    MessageOut,
    OfficerRef,
    PostSummary,
    Strict,
    Utc,
)

__all__ = [
    "AttemptIn",
    "AttemptOut",
    "CallbackOut",
    "CitizenIn",
    "MessageIn",
    "MessageOut",
    "NoticeIn",
    "NoticeOut",
    "NoticeTemplateOut",
    "OfficerRef",
    "PublicMessageOut",
    "PublicNoticeOut",
    "PushOut",
    "RecordedPostIn",
]

Channel = Literal["hotline", "sms", "letter", "visit"]
Outcome = Literal["satisfied", "basically_satisfied", "dissatisfied", "unreachable"]
CallbackStatus = Literal["due", "done", "unreachable"]
Category = Literal["legal", "reminder", "prevention", "rumour", "contact"]


# ---------------------------------------------------------------- private messages
class MessageIn(Strict):
    body: str = Field(min_length=1)


class PublicMessageOut(BaseModel):
    """A private message as the author reads it: officers are named by their unit only."""

    id: int
    sender: Literal["officer", "citizen"]
    body: str
    unit_name: str | None
    created_at: Utc


class PushOut(BaseModel):
    """A notification the messaging app pushed to the citizen's phone."""

    id: int
    post_id: int
    kind: Literal["reply", "message", "resolved"]
    created_at: Utc


# ---------------------------------------------------------------- other channels
class CitizenIn(Strict):
    name: str = Field(min_length=1, max_length=50)
    phone: str | None = Field(default=None, pattern=r"^\+?[0-9]{5,15}$")


class RecordedPostIn(Strict):
    """A post from the hotline, an SMS, a letter or a visit, as the officer records it."""

    channel: Channel
    board: str = Field(min_length=1, max_length=40)
    title: str = Field(min_length=1)
    body: str = Field(min_length=1)
    citizen: CitizenIn
    location: LocationIO | None = None


# ---------------------------------------------------------------- callbacks
class AttemptIn(Strict):
    outcome: Outcome
    note: str = Field(default="", max_length=1000)


class AttemptOut(BaseModel):
    id: int
    outcome: Outcome
    note: str
    officer: OfficerRef
    at: Utc


class CallbackOut(BaseModel):
    """One callback (回访) with its post (the author's phone as the reader may see it)."""

    id: int
    post_id: int
    unit_id: int | None
    status: CallbackStatus
    outcome: Outcome | None
    attempt_count: int
    created_at: Utc
    due_at: Utc
    closed_at: Utc | None
    post: PostSummary
    attempts: list[AttemptOut]


# ---------------------------------------------------------------- notices
class NoticeIn(Strict):
    title: str = Field(min_length=1, max_length=100)
    body: str = Field(min_length=1)
    category: Category
    unit_id: int = Field(ge=1, le=MAX_DB_INT)
    pinned: bool = False
    publish_at: Utc | None = Field(
        default=None, strict=False, description="later publication (ISO 8601; UTC if no zone)"
    )

    @field_validator("publish_at", mode="after")
    @classmethod
    def _naive_utc(cls, value: datetime | None) -> datetime | None:
        """Stored times are naive UTC (platform_server.storage.models)."""
        if value is not None and value.tzinfo is not None:
            return value.astimezone(UTC).replace(tzinfo=None)
        return value


class NoticeOut(BaseModel):
    """A notice as officers see it: with its state and read count."""

    id: int
    title: str
    body: str
    category: Category
    unit_id: int
    unit_name: str
    pinned: bool
    publish_at: Utc
    published: bool = Field(description="citizens can read it now")
    withdrawn_at: Utc | None
    officer: OfficerRef | None
    created_at: Utc
    read_count: int


class PublicNoticeOut(BaseModel):
    """A notice as citizens read it."""

    id: int
    title: str
    body: str
    category: Category
    unit_name: str
    pinned: bool
    publish_at: Utc
    read_count: int


class NoticeTemplateOut(BaseModel):
    category: Category
    title: str
    body: str
