"""Request and response shapes of API v1 (the contract in API.md, as pydantic models).

Responses are documented in /openapi.json through these models. Field names are
fixed: add freely, rename nothing.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, field_validator
from pydantic_core import PydanticCustomError


def _iso_utc(dt: datetime) -> str:
    """Naive datetimes are UTC throughout; render them as ISO 8601 with a Z."""
    if dt.tzinfo is not None:
        dt = dt.astimezone(UTC).replace(tzinfo=None)
    return dt.isoformat(timespec="milliseconds") + "Z"


Utc = Annotated[datetime, PlainSerializer(_iso_utc, return_type=str)]

Status = Literal["new", "accepted", "in_progress", "resolved", "archived"]
Kind = Literal["post", "silent_report"]
Role = Literal["officer", "leader", "admin"]


# The largest id a database column holds on both engines (INTEGER: 32-bit on PostgreSQL).
MAX_DB_INT = 2**31 - 1
DbId = Annotated[int, Field(ge=1, le=MAX_DB_INT)]


def _has_nul(value: object) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    return False


def _has_lone_surrogate(value: object) -> bool:
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return True
        return False
    if isinstance(value, list):
        return any(_has_lone_surrogate(v) for v in value)
    return False


class Strict(BaseModel):
    """A request body: unknown fields refused, types strict, text valid Unicode.

    Strict types: `true`, `"5"` and `5.0` are not an integer, `"30.5"` is not a
    number, `"yes"` and `0` are not a boolean; each is a 422 naming the field. A
    lone surrogate (which a JSON escape can smuggle in) and a NUL character are
    refused in every text field, before anything hashes, looks up or stores it.
    """

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False, strict=True)

    @field_validator("*", mode="after")
    @classmethod
    def _valid_unicode(cls, value: object) -> object:
        if _has_lone_surrogate(value):
            raise PydanticCustomError("string_surrogate", "lone surrogate in text")
        if _has_nul(value):
            # PostgreSQL text cannot hold NUL: refused in every field, codes and names too.
            raise PydanticCustomError("string_nul", "NUL character in text")
        return value


# ---------------------------------------------------------------- reference data
class UnitOut(BaseModel):
    id: int
    code: str
    name: str
    kind: str
    parent_id: int | None


class BoardOut(BaseModel):
    id: int
    code: str
    name: str
    deadline_minutes: int
    deadline_working_days: int | None = None  # set: working days over GET /calendar
    restricted: bool = False


class OfficerOut(BaseModel):
    id: int
    badge: str
    name: str
    unit_id: int
    role: Role
    on_duty: bool


class OfficerRef(BaseModel):
    id: int
    badge: str
    name: str
    unit_id: int | None = None


class TemplateOut(BaseModel):
    id: int
    title: str
    body: str
    board_code: str | None
    shortcut: str | None = None


# ---------------------------------------------------------------- auth
class LoginIn(Strict):
    badge: str = Field(min_length=1, max_length=20)
    password: str = Field(min_length=1, max_length=200)
    workstation: str = Field(default="", max_length=100)


class LoginOut(BaseModel):
    token: str
    expires_at: Utc
    officer: OfficerOut


class MeOut(OfficerOut):
    unit_name: str
    scope_unit_ids: list[int]
    workstation: str
    token_expires_at: Utc


class DutyIn(Strict):
    on_duty: bool


class MetaOut(BaseModel):
    name: str
    version: str
    demo: bool
    escalation_seconds: float
    max_body_chars: int
    max_title_chars: int
    max_attachment_bytes: int
    server_time: Utc


# ---------------------------------------------------------------- posts
class LocationIO(Strict):
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)
    accuracy_m: float | None = Field(default=None, ge=0, le=100_000)
    address: str | None = Field(default=None, max_length=300)


class Author(BaseModel):
    nickname: str
    phone: str | None  # masked ("*******5678": at most 4 digits) unless the reader may see it


class MentionOut(BaseModel):
    kind: Literal["unit", "officer"]
    id: int
    name: str


class RatingOut(BaseModel):
    score: int
    comment: str
    created_at: Utc


class DispatchOut(BaseModel):
    """The post's current dispatch (派单) and its sign-for (签收); API.md v1.1."""

    unit_id: int
    assist_unit_ids: list[int]
    by: OfficerRef | None
    at: Utc
    sign_deadline_at: Utc
    signed_at: Utc | None
    signed_by: OfficerRef | None
    # Assisting units that have signed their part, and when the platform last said overdue.
    assist_signed_unit_ids: list[int] = []
    overdue_at: Utc | None = None


class PostSummary(BaseModel):
    """One queue row; also the payload of every post.* event."""

    id: int
    kind: Kind
    board: str
    title: str
    excerpt: str
    status: Status
    author: Author
    channel: str
    unit_id: int | None
    assignee_id: int | None
    created_at: Utc
    updated_at: Utc
    deadline_at: Utc | None
    overdue: bool
    version: int
    mentions: list[MentionOut]
    location: LocationIO | None
    acknowledged_by: OfficerRef | None
    acknowledged_at: Utc | None
    escalated_at: Utc | None
    reply_count: int
    attachment_count: int
    transfer_count: int
    rating: int | None
    pinned: bool = False
    message_count: int = 0
    unread_messages: int = Field(default=0, description="author's private messages not yet read")
    supervised_at: Utc | None = Field(
        default=None, description="under supervision (督办) since its first order"
    )
    priority: int = Field(default=3, ge=1, le=4, description="1 紧急, 2 加急, 3 一般, 4 低")
    # The station whose district contains the location (none when not located).
    suggested_unit_id: int | None = None
    # Set while this post is merged as a duplicate under that master post.
    merged_into_id: int | None = None
    dispatch: DispatchOut | None = None


class PostPage(BaseModel):
    items: list[PostSummary]
    next_cursor: str | None


class ReplyOut(BaseModel):
    id: int
    post_id: int
    body: str
    officer: OfficerRef
    unit_id: int | None
    created_at: Utc


class NoteOut(ReplyOut):
    pass


class MessageOut(BaseModel):
    """A private message (私信): officers to the author, or the author's answer."""

    id: int
    post_id: int
    sender: Literal["officer", "citizen"]
    body: str
    officer: OfficerRef | None
    unit_id: int | None
    created_at: Utc
    read_at: Utc | None = Field(description="when the other side read it")


class AttachmentOut(BaseModel):
    id: int
    kind: Literal["image", "audio"]
    content_type: str
    filename: str
    size: int
    url: str


class TimelineOut(BaseModel):
    at: Utc
    action: str
    actor_kind: Literal["officer", "citizen", "system"]
    officer: OfficerRef | None
    from_unit_id: int | None
    to_unit_id: int | None
    detail: str


class LaterLocation(BaseModel):
    """A newer location the reporter sent; `location` keeps the first one."""

    lat: float
    lon: float
    accuracy_m: float | None
    address: str | None
    at: Utc


class PostDetail(PostSummary):
    body: str
    resolution: str | None
    suppress_receipt: bool
    accepted_at: Utc | None
    first_response_at: Utc | None
    resolved_at: Utc | None
    replies: list[ReplyOut]
    notes: list[NoteOut]
    notes_visible: bool
    attachments: list[AttachmentOut]
    timeline: list[TimelineOut]
    rating_detail: RatingOut | None
    messages: list[MessageOut] = Field(default_factory=list)
    messages_visible: bool = False
    citizen_id: int | None = Field(
        default=None, description="the author; their earlier posts: GET /citizens/{id}/posts"
    )
    handled_before: bool = Field(
        default=False,
        description="the viewer sees this post only because they handled it (accepted, "
        "replied, noted, transferred, acknowledged or signed for it) before it left their scope: "
        "read-only; unit_id says where it is now",
    )
    later_locations: list[LaterLocation] = Field(default_factory=list)
    merged_ids: list[int] = Field(default_factory=list)  # duplicates merged into this post
    closure_code: str | None = None


class TransferIn(Strict):
    unit_id: DbId
    reason: str = Field(min_length=1, max_length=1000)
    assist_unit_ids: list[DbId] = Field(default_factory=list, max_length=10)


class BodyIn(Strict):
    body: str = Field(min_length=1)


ClosureCode = Literal[
    "resolved", "answered", "offline_handling", "unreachable", "unfounded", "duplicate"
]
ReturnCode = Literal["not_our_jurisdiction", "insufficient_information", "duplicate", "other"]
# strict=False: a JSON body carries a time as an ISO 8601 string.
When = Annotated[datetime, Field(strict=False)]


class CloseIn(Strict):
    resolution: str = Field(min_length=1, max_length=5000)
    closure_code: ClosureCode | None = None


class AssignIn(Strict):
    officer_id: DbId


class ReturnIn(Strict):
    reason_code: ReturnCode
    reason: str = Field(max_length=1000)


class ExtensionIn(Strict):
    until: When
    reason: str = Field(min_length=1, max_length=1000)


class DecideIn(Strict):
    approve: bool
    comment: str = Field(default="", max_length=1000)


class UrgeIn(Strict):
    message: str = Field(min_length=1, max_length=1000)


class SuperviseIn(Strict):
    due_at: When
    instruction: str = Field(min_length=1, max_length=2000)


ExtensionStatus = Literal["pending", "approved", "rejected"]


class ExtensionOut(BaseModel):
    id: int
    post_id: int
    unit_id: int | None
    requested_by: OfficerRef | None
    requested_at: Utc
    previous_deadline_at: Utc | None
    until: Utc
    reason: str
    status: ExtensionStatus
    decided_by: OfficerRef | None
    decided_at: Utc | None
    comment: str


class SupervisionOut(BaseModel):
    id: int
    post_id: int
    by: OfficerRef | None
    at: Utc
    due_at: Utc
    instruction: str
    closed_at: Utc | None
    source: Literal["leader", "callback"] = "leader"  # who ordered it: a leader, a callback


class PriorityIn(Strict):
    # 1..4 is checked by the domain, which says so in a sentence (posts.set_priority).
    priority: int = Field(description="1 紧急, 2 加急, 3 一般, 4 低")


class ReopenIn(Strict):
    reason: str = Field(default="", max_length=1000)


# ---------------------------------------------------------------- citizen side
class SessionIn(Strict):
    nickname: str = Field(min_length=1, max_length=50)
    phone: str | None = Field(default=None, pattern=r"^\+?[0-9]{5,15}$")


class SessionOut(BaseModel):
    token: str
    expires_at: Utc
    citizen_id: int


class PublicPostIn(Strict):
    board: str = Field(min_length=1, max_length=40)
    title: str = Field(min_length=1)
    body: str = Field(min_length=1)
    mentions: list[str] = Field(default_factory=list, max_length=10)
    location: LocationIO | None = None


class SilentReportIn(Strict):
    body: str = Field(min_length=1)
    location: LocationIO | None = None
    suppress_receipt: bool = False


class PublicReply(BaseModel):
    body: str
    unit_name: str
    created_at: Utc


class PublicPostOut(BaseModel):
    """What any citizen may see of a post: no notes, no one else's personal data."""

    id: int
    kind: Kind
    board: str
    title: str
    body: str
    status: Status
    author_nickname: str
    created_at: Utc
    updated_at: Utc
    unit_name: str | None
    replies: list[PublicReply]
    attachment_count: int
    rating: RatingOut | None
    resolution: str | None
    messages_waiting: int = Field(default=0, description="messages to the author, unread by them")
    # Merged as a duplicate under this post: status, unit, replies and resolution are
    # the master's (the one matter being handled).
    merged_into_id: int | None = None
    # How the case ended, in words fit for the citizen (never an internal code).
    closure: str | None = None


class RatingIn(Strict):
    score: int = Field(ge=1, le=5)
    comment: str = Field(default="", max_length=1000)


# ---------------------------------------------------------------- audit
class AuditOut(BaseModel):
    id: int
    at: Utc
    officer_id: int | None
    badge: str
    workstation: str
    action: str
    target_type: str
    target_id: int | None
    detail: str


class AuditPage(BaseModel):
    items: list[AuditOut]
    next_cursor: str | None


class ErrorBody(BaseModel):
    code: str
    message: str


class ErrorOut(BaseModel):
    error: ErrorBody
