"""Typed, immutable copies of the platform's JSON shapes (platform_server/schemas.py).

Field names match the API exactly, so a reader can hold this file next to
schemas.py. Times become timezone-aware UTC datetimes; lists become tuples (the
objects are frozen and shared between threads). Unknown fields are ignored, so a
newer server that adds fields does not break an older console.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from typing import Any, Generic, Literal, Self, TypeVar, get_args, get_origin

T = TypeVar("T")

Status = Literal["new", "accepted", "in_progress", "resolved", "archived"]
Kind = Literal["post", "silent_report"]
Role = Literal["officer", "leader", "admin"]
OPEN_STATUSES: frozenset[str] = frozenset({"new", "accepted", "in_progress"})


def parse_time(value: str | None) -> datetime | None:
    """ISO 8601 from the platform ("...Z", or naive meaning UTC) → aware UTC datetime."""
    if value is None:
        return None
    dt = datetime.fromisoformat(value)
    if dt.tzinfo is None:
        return dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC)


def format_time(dt: datetime) -> str:
    """The inverse of `parse_time`, as the platform writes it."""
    if dt.tzinfo is not None:
        dt = dt.astimezone(UTC).replace(tzinfo=None)
    return dt.isoformat(timespec="milliseconds") + "Z"


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _convert(tp: Any, value: Any) -> Any:
    """Turn one JSON value into the declared field type."""
    if value is None:
        return None
    origin = get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in get_args(tp) if a is not type(None)]
        return _convert(inner[0], value) if len(inner) == 1 else value
    if origin is tuple:
        item_type = get_args(tp)[0]
        return tuple(_convert(item_type, v) for v in value)
    if origin is dict or tp is dict:
        return dict(value)
    if origin is Literal:
        return value
    if tp is datetime:
        return parse_time(value)
    if tp is float:
        return float(value)
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return tp.from_json(value)  # type: ignore[attr-defined]
    return value


class FromJson:
    """`from_json` for the dataclasses below, driven by their type hints."""

    __slots__ = ()

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Self:
        hints = _hints(cls)  # type: ignore[arg-type]
        kwargs: dict[str, Any] = {}
        for f in dataclasses.fields(cls):  # type: ignore[arg-type]
            if f.name in d:
                kwargs[f.name] = _convert(hints[f.name], d[f.name])
        return cls(**kwargs)


# ---------------------------------------------------------------- reference data
@dataclass(frozen=True, kw_only=True, slots=True)
class Unit(FromJson):
    id: int
    code: str
    name: str
    kind: str
    parent_id: int | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class Board(FromJson):
    id: int
    code: str
    name: str
    deadline_minutes: int
    deadline_working_days: int | None = None  # set: the deadline counts working days
    restricted: bool = False


@dataclass(frozen=True, kw_only=True, slots=True)
class Officer(FromJson):
    id: int
    badge: str
    name: str
    unit_id: int
    role: Role
    on_duty: bool = False


@dataclass(frozen=True, kw_only=True, slots=True)
class OfficerRef(FromJson):
    id: int
    badge: str
    name: str
    unit_id: int | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class Template(FromJson):
    id: int
    title: str
    body: str
    board_code: str | None = None
    shortcut: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class Me(Officer):
    unit_name: str = ""
    scope_unit_ids: tuple[int, ...] = ()
    workstation: str = ""
    token_expires_at: datetime | None = None

    @property
    def is_leader(self) -> bool:
        return self.role in ("leader", "admin")

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


@dataclass(frozen=True, kw_only=True, slots=True)
class LoginResult(FromJson):
    """The answer to a sign-in: the bearer token, when it expires, and who signed in."""

    token: str
    expires_at: datetime
    officer: Officer


@dataclass(frozen=True, kw_only=True, slots=True)
class Meta(FromJson):
    name: str
    version: str
    demo: bool
    escalation_seconds: float
    max_body_chars: int
    max_title_chars: int
    max_attachment_bytes: int
    server_time: datetime


# ---------------------------------------------------------------- posts
@dataclass(frozen=True, kw_only=True, slots=True)
class Location(FromJson):
    lat: float
    lon: float
    accuracy_m: float | None = None
    address: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class Author(FromJson):
    nickname: str
    phone: str | None = None  # masked ("*******5678") unless the role may see it


@dataclass(frozen=True, kw_only=True, slots=True)
class Mention(FromJson):
    kind: Literal["unit", "officer"]
    id: int
    name: str


@dataclass(frozen=True, kw_only=True, slots=True)
class Rating(FromJson):
    score: int
    comment: str
    created_at: datetime


@dataclass(frozen=True, kw_only=True, slots=True)
class Dispatch(FromJson):
    """The post's current dispatch to a lead unit (+ assisting units) and its sign-for."""

    unit_id: int
    assist_unit_ids: tuple[int, ...] = ()
    by: OfficerRef | None = None
    at: datetime | None = None
    sign_deadline_at: datetime | None = None
    signed_at: datetime | None = None
    signed_by: OfficerRef | None = None
    assist_signed_unit_ids: tuple[int, ...] = ()
    overdue_at: datetime | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class Extension(FromJson):
    """A request for a later deadline (延期) and its decision."""

    id: int
    post_id: int
    unit_id: int | None = None
    requested_by: OfficerRef | None = None
    requested_at: datetime | None = None
    previous_deadline_at: datetime | None = None
    until: datetime | None = None
    reason: str = ""
    status: str = "pending"
    decided_by: OfficerRef | None = None
    decided_at: datetime | None = None
    comment: str = ""


@dataclass(frozen=True, kw_only=True, slots=True)
class Supervision(FromJson):
    """A supervision order (督办) with its own due time."""

    id: int
    post_id: int
    by: OfficerRef | None = None
    at: datetime | None = None
    due_at: datetime | None = None
    instruction: str = ""
    closed_at: datetime | None = None
    source: str = "leader"  # leader | callback (a dissatisfied callback ordered it)


@dataclass(frozen=True, kw_only=True, slots=True)
class PostSummary(FromJson):
    """One queue row; also the payload of every post.* and silent.* event."""

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
    created_at: datetime
    updated_at: datetime
    deadline_at: datetime | None
    overdue: bool
    version: int
    mentions: tuple[Mention, ...] = ()
    location: Location | None = None
    acknowledged_by: OfficerRef | None = None
    acknowledged_at: datetime | None = None
    escalated_at: datetime | None = None
    reply_count: int = 0
    attachment_count: int = 0
    transfer_count: int = 0
    rating: int | None = None
    pinned: bool = False
    message_count: int = 0  # private messages (私信) on the post
    unread_messages: int = 0  # the author's answers no officer has read yet
    supervised_at: datetime | None = None  # under supervision (督办) since
    priority: int = 3  # 1 紧急, 2 加急, 3 一般, 4 低
    suggested_unit_id: int | None = None  # the station whose district holds the location
    merged_into_id: int | None = None  # merged as a duplicate under this post
    dispatch: Dispatch | None = None

    @property
    def is_silent(self) -> bool:
        return self.kind == "silent_report"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


@dataclass(frozen=True, kw_only=True, slots=True)
class Reply(FromJson):
    id: int
    post_id: int
    body: str
    officer: OfficerRef
    unit_id: int | None
    created_at: datetime


@dataclass(frozen=True, kw_only=True, slots=True)
class Note(Reply):
    pass


@dataclass(frozen=True, kw_only=True, slots=True)
class Message(FromJson):
    """A private message (私信): an officer to the author, or the author's answer."""

    id: int
    post_id: int
    sender: Literal["officer", "citizen"]
    body: str
    created_at: datetime
    officer: OfficerRef | None = None
    unit_id: int | None = None
    read_at: datetime | None = None  # when the other side read it


@dataclass(frozen=True, kw_only=True, slots=True)
class Attachment(FromJson):
    id: int
    kind: Literal["image", "audio"]
    content_type: str
    filename: str
    size: int
    url: str


@dataclass(frozen=True, kw_only=True, slots=True)
class TimelineEntry(FromJson):
    at: datetime
    action: str
    actor_kind: Literal["officer", "citizen", "system"]
    officer: OfficerRef | None = None
    from_unit_id: int | None = None
    to_unit_id: int | None = None
    detail: str = ""


@dataclass(frozen=True, kw_only=True, slots=True)
class LaterLocation(FromJson):
    """A newer location the reporter sent; the post's `location` stays the first."""

    lat: float
    lon: float
    accuracy_m: float | None = None
    address: str | None = None
    at: datetime | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class PostDetail(PostSummary):
    body: str
    resolution: str | None = None
    suppress_receipt: bool = False
    accepted_at: datetime | None = None
    first_response_at: datetime | None = None
    resolved_at: datetime | None = None
    replies: tuple[Reply, ...] = ()
    notes: tuple[Note, ...] = ()
    notes_visible: bool = False
    attachments: tuple[Attachment, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    rating_detail: Rating | None = None
    messages: tuple[Message, ...] = ()
    messages_visible: bool = False
    citizen_id: int | None = None  # the author (GET /citizens/{id}/posts)
    handled_before: bool = False  # read-only sight: handled it, now outside my scope
    later_locations: tuple[LaterLocation, ...] = ()
    merged_ids: tuple[int, ...] = ()  # duplicates merged into this post
    closure_code: str | None = None

    def summary(self) -> PostSummary:
        """The queue row of this post (what the store keeps)."""
        names = {f.name for f in dataclasses.fields(PostSummary)}
        return PostSummary(**{n: getattr(self, n) for n in names})


# ---------------------------------------------------------------- notices (公告)
@dataclass(frozen=True, kw_only=True, slots=True)
class Notice(FromJson):
    """A notice to the public of a unit's area, as officers see it (with its read count)."""

    id: int
    title: str
    body: str
    category: str  # legal | reminder | prevention | rumour | contact
    unit_id: int
    unit_name: str
    pinned: bool
    publish_at: datetime
    published: bool
    withdrawn_at: datetime | None
    officer: OfficerRef | None
    created_at: datetime
    read_count: int


@dataclass(frozen=True, kw_only=True, slots=True)
class NoticeTemplate(FromJson):
    category: str
    title: str
    body: str


# ---------------------------------------------------------------- callbacks (回访)
@dataclass(frozen=True, kw_only=True, slots=True)
class CallbackAttempt(FromJson):
    id: int
    outcome: str  # satisfied | basically_satisfied | dissatisfied | unreachable
    note: str
    officer: OfficerRef
    at: datetime


@dataclass(frozen=True, kw_only=True, slots=True)
class Callback(FromJson):
    """One callback of the unit's worklist, with its post (phone as the role may see it)."""

    id: int
    post_id: int
    unit_id: int | None
    status: str  # due | done | unreachable
    outcome: str | None
    attempt_count: int
    created_at: datetime
    due_at: datetime
    closed_at: datetime | None
    post: PostSummary
    attempts: tuple[CallbackAttempt, ...] = ()


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of a cursor-paged list; ``next_cursor`` is None on the last page."""

    items: tuple[T, ...]
    next_cursor: str | None

    @staticmethod
    def from_json(d: dict[str, Any], item_type: type[Any]) -> Page[Any]:
        return Page(
            items=tuple(item_type.from_json(x) for x in d.get("items", ())),
            next_cursor=d.get("next_cursor"),
        )
