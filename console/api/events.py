"""The platform's events as the console reads them: every type by name, and a typed parse.

The stream (console/api/stream.py) delivers ``(seq, type, data)``; `parse_event` turns
the data into the model of its type (`EVENT_MODELS`). Post and silent-report events
carry the post's queue row (`PostSummary` fields) plus what happened; every event
carries who caused it (``actor``, None for citizens and the system) and the
Idempotency-Key of the request that caused it (``idempotency_key``), which is how a
console knows an event is the echo of its own action. A platform that does not send
those two fields yet means "not known" (None), never "mine".

The models ignore fields they do not know, so a newer platform does not break an older
console; tests/contract compares their field sets with the platform's strictly.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from console.api.city import Hotspot
from console.api.models import Extension, FromJson, Officer, PostSummary, Supervision

# ---------------------------------------------------------------- control frames
STREAM_READY = "stream.ready"  # first frame; its id is the seq the stream starts after
STREAM_CLOSED = "stream.closed"  # the platform ended the stream (token died, scope changed)
RESET = "reset"  # the log cannot be replayed from where the console was: resync over REST

# ---------------------------------------------------------------- event types
POST_CREATED = "post.created"
POST_UPDATED = "post.updated"
POST_REPLIED = "post.replied"
POST_NOTED = "post.noted"
POST_RATED = "post.rated"
SILENT_CREATED = "silent.created"
SILENT_ACKNOWLEDGED = "silent.acknowledged"
SILENT_ESCALATED = "silent.escalated"
OFFICER_UPDATED = "officer.updated"
POST_MESSAGED = "post.messaged"
POST_CITIZEN_MESSAGE = "post.citizen_message"
CALLBACK_DUE = "callback.due"
CALLBACK_UPDATED = "callback.updated"
NOTICE_PUBLISHED = "notice.published"
HOTSPOT_DETECTED = "hotspot.detected"
POST_MERGED = "post.merged"  # a duplicate merged under its master (unmerge: post.updated)
POST_ASSIGNED = "post.assigned"
POST_DISPATCHED = "post.dispatched"
POST_SIGNED = "post.signed"
POST_RETURNED = "post.returned"
DISPATCH_OVERDUE = "dispatch.overdue"
EXTENSION_REQUESTED = "extension.requested"
EXTENSION_DECIDED = "extension.decided"
POST_URGED = "post.urged"
POST_SUPERVISED = "post.supervised"


# ---------------------------------------------------------------- models
@dataclass(frozen=True, kw_only=True, slots=True)
class ActorRef(FromJson):
    """The officer who caused an event."""

    id: int
    badge: str
    name: str


@dataclass(frozen=True, kw_only=True, slots=True)
class EventMessage(FromJson):
    """The reply or note a post.replied / post.noted event announces."""

    id: int
    body: str
    created_at: datetime | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class PostEvent(PostSummary):
    """post.created, post.updated, silent.acknowledged: the post's row after the change.

    Attributes:
        action: what was done ("accept", "transfer", "close", "reopen", "archive", …),
            None when the event does not say.
        actor: the officer who did it, None for citizens and the system.
        idempotency_key: the Idempotency-Key of the request that caused it, or None.
    """

    action: str | None = None
    actor: ActorRef | None = None
    idempotency_key: str | None = None

    def post(self) -> PostSummary:
        """The queue row alone (what the store keeps)."""
        return PostSummary(**{n: getattr(self, n) for n in _SUMMARY_FIELDS})


@dataclass(frozen=True, kw_only=True, slots=True)
class ReplyEvent(PostEvent):
    """post.replied: also the reply."""

    reply: EventMessage | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class NoteEvent(PostEvent):
    """post.noted: also the internal note."""

    note: EventMessage | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class RatedEvent(PostEvent):
    """post.rated: also the citizen's score (1–5) and comment."""

    score: int | None = None
    comment: str = ""


@dataclass(frozen=True, kw_only=True, slots=True)
class SilentCreatedEvent(PostEvent):
    """silent.created: also the first part of the report's text."""

    body: str = ""


@dataclass(frozen=True, kw_only=True, slots=True)
class SilentEscalatedEvent(PostEvent):
    """silent.escalated: also the escalation time the platform runs with."""

    escalation_seconds: float | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class MessageRef(FromJson):
    """The private message a post.messaged / post.citizen_message event announces."""

    id: int
    sender: str
    body: str
    created_at: datetime | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class MessageEvent(PostEvent):
    """post.messaged (an officer wrote to the author), post.citizen_message (the answer)."""

    message: MessageRef | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class CallbackRef(FromJson):
    """A callback (回访) as its events carry it."""

    id: int
    status: str
    attempt_count: int
    outcome: str | None = None
    due_at: datetime | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class CallbackEvent(PostEvent):
    """callback.due (the post's resolution made one due), callback.updated (an attempt)."""

    callback: CallbackRef | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class NoticeEvent(FromJson):
    """notice.published: a notice reached the public."""

    id: int
    title: str
    category: str
    unit_id: int
    pinned: bool
    publish_at: datetime | None = None
    actor: ActorRef | None = None
    idempotency_key: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class HotspotEvent(Hotspot):
    """hotspot.detected: the platform found a spike of similar posts in the area."""

    actor: ActorRef | None = None
    idempotency_key: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class MergedEvent(PostEvent):
    """post.merged: the duplicate's row after the merge, and the master it went under."""

    into_id: int = 0


@dataclass(frozen=True, kw_only=True, slots=True)
class AssignedEvent(PostEvent):
    """post.assigned: also the officer it was handed to."""

    assigned_to: ActorRef | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class DispatchedEvent(PostEvent):
    """post.dispatched: the transfer to a lead unit; also the assisting units."""

    assist_unit_ids: tuple[int, ...] = ()


@dataclass(frozen=True, kw_only=True, slots=True)
class SignedEvent(PostEvent):
    """post.signed: the unit that signed (the lead unit or an assisting unit)."""

    signed_unit_id: int | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class ReturnedEvent(PostEvent):
    """post.returned: back to the dispatching unit, with the reason code and reason."""

    reason_code: str = ""
    reason: str = ""


@dataclass(frozen=True, kw_only=True, slots=True)
class OverdueEvent(PostEvent):
    """dispatch.overdue: nobody signed in time; how many times it has been announced."""

    overdue_count: int = 0


@dataclass(frozen=True, kw_only=True, slots=True)
class ExtensionEvent(PostEvent):
    """extension.requested / extension.decided: also the request."""

    extension: Extension | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class UrgedEvent(PostEvent):
    """post.urged: also the leader's message."""

    message: str = ""


@dataclass(frozen=True, kw_only=True, slots=True)
class SupervisedEvent(PostEvent):
    """post.supervised: also the supervision order."""

    supervision: Supervision | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class OfficerEvent(Officer):
    """officer.updated: the officer's record after the change (on duty, unit, …)."""

    actor: ActorRef | None = None
    idempotency_key: str | None = None

    def officer(self) -> Officer:
        return Officer(**{n: getattr(self, n) for n in _OFFICER_FIELDS})


_SUMMARY_FIELDS = PostSummary.__dataclass_fields__.keys()
_OFFICER_FIELDS = Officer.__dataclass_fields__.keys()

EventModel = type[PostEvent] | type[OfficerEvent] | type[NoticeEvent] | type[HotspotEvent]
EVENT_MODELS: dict[str, EventModel] = {
    POST_CREATED: PostEvent,
    POST_UPDATED: PostEvent,
    POST_REPLIED: ReplyEvent,
    POST_NOTED: NoteEvent,
    POST_RATED: RatedEvent,
    SILENT_CREATED: SilentCreatedEvent,
    SILENT_ACKNOWLEDGED: PostEvent,
    SILENT_ESCALATED: SilentEscalatedEvent,
    POST_MERGED: MergedEvent,
    OFFICER_UPDATED: OfficerEvent,
    POST_MESSAGED: MessageEvent,
    POST_CITIZEN_MESSAGE: MessageEvent,
    CALLBACK_DUE: CallbackEvent,
    CALLBACK_UPDATED: CallbackEvent,
    NOTICE_PUBLISHED: NoticeEvent,
    POST_ASSIGNED: AssignedEvent,
    POST_DISPATCHED: DispatchedEvent,
    POST_SIGNED: SignedEvent,
    POST_RETURNED: ReturnedEvent,
    DISPATCH_OVERDUE: OverdueEvent,
    EXTENSION_REQUESTED: ExtensionEvent,
    EXTENSION_DECIDED: ExtensionEvent,
    POST_URGED: UrgedEvent,
    POST_SUPERVISED: SupervisedEvent,
    HOTSPOT_DETECTED: HotspotEvent,
}
EVENT_TYPES: tuple[str, ...] = tuple(EVENT_MODELS)
POST_EVENT_TYPES: frozenset[str] = frozenset(
    t for t, model in EVENT_MODELS.items() if issubclass(model, PostEvent)
)
SILENT_EVENT_TYPES: frozenset[str] = frozenset(
    {SILENT_CREATED, SILENT_ACKNOWLEDGED, SILENT_ESCALATED}
)


class EventError(ValueError):
    """The data of an event does not fit the model of its type."""


@dataclass(frozen=True)
class Event:
    """One event of the log, typed.

    Attributes:
        seq: its place in the platform's event log.
        type: e.g. ``post.updated``.
        data: the parsed data (`EVENT_MODELS[type]`), None for a type this console does
            not know.
    """

    seq: int
    type: str
    data: PostEvent | OfficerEvent | NoticeEvent | HotspotEvent | None

    @property
    def idempotency_key(self) -> str | None:
        return self.data.idempotency_key if self.data is not None else None

    @property
    def actor(self) -> ActorRef | None:
        return self.data.actor if self.data is not None else None


def parse_event(seq: int, type_: str, data: dict[str, Any]) -> Event:
    """The typed event; EventError when the data does not fit its type's model."""
    model = EVENT_MODELS.get(type_)
    if model is None:
        return Event(seq, type_, None)
    try:
        parsed = model.from_json(data)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise EventError(f"event {seq} ({type_}) does not fit {model.__name__}: {exc}") from exc
    return Event(seq, type_, parsed)
