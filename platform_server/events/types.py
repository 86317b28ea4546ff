"""The event contract: one pydantic model per event type, and nowhere else.

Every event on `GET /api/v1/events` is one of these models, serialised as the SSE
frame's `data`; the frame's `event:` is the model's `type`. `record_event`
(`platform_server.events.log`) takes an instance, never a dict, and the models
forbid unknown fields, so a payload cannot drift from what is written here.

Every event carries two fields about its cause:
- `actor`: the officer who caused it (`{"id", "badge", "name"}`), or null for a
  citizen or the platform itself (escalation, archiving);
- `idempotency_key`: the `Idempotency-Key` header of the request that caused it,
  or null; a console recognises the echo of its own action by it.

Post events (`post.*`, `silent.*`) are the post's queue row (`PostSummary`, as an
officer outside the handling unit sees it: phone masked) plus `action`, the step
that caused the event, and what the type adds below.

| type                | model              | action(s)                          | adds       |
|---------------------|--------------------|------------------------------------|------------|
| post.created        | PostCreated        | create                             |            |
| post.updated        | PostUpdated        | accept, transfer, close, reopen,   |            |
|                     |                    | priority, attach, archive          |            |
| post.replied        | PostReplied        | reply                              | reply      |
| post.noted          | PostNoted          | note (scope only: notes are        | note       |
|                     |                    | internal)                          |            |
| post.rated          | PostRated          | rate                               | score,     |
|                     |                    |                                    | comment    |
| silent.created      | SilentCreated      | create                             | body (200  |
|                     |                    |                                    | characters)|
| silent.acknowledged | SilentAcknowledged | acknowledge (also after accept,    |            |
|                     |                    | reply or close of an unacknowledged|            |
|                     |                    | report: two events, one action; an |            |
|                     |                    | unheld report is accepted with it) |            |
| silent.escalated    | SilentEscalated    | escalate                           | escalation_|
|                     |                    |                                    | seconds    |
| post.assigned       | PostAssigned       | assign (to a named officer)        | assigned_to|
| post.dispatched     | PostDispatched     | transfer (to a lead unit + assisting | assist_  |
|                     |                    | units; `dispatch` on the row)      | unit_ids   |
| post.signed         | PostSigned         | sign (lead or an assisting unit)   | signed_    |
|                     |                    |                                    | unit_id    |
| post.returned       | PostReturned       | return (back to the dispatcher)    | reason_    |
|                     |                    |                                    | code,reason|
| dispatch.overdue    | DispatchOverdue    | overdue (platform; repeats until   | overdue_   |
|                     |                    | signed, returned or closed)        | count      |
| extension.requested | ExtensionRequested | extension                          | extension  |
| extension.decided   | ExtensionDecided   | decide                             | extension  |
| post.urged          | PostUrged          | urge                               | message    |
| post.supervised     | PostSupervised     | supervise                          | supervision|
| officer.updated     | OfficerUpdated     | (an officer's record, `OfficerOut`, no `action`)|  |
| post.messaged       | PostMessaged       | message (scope only: private)      | message    |
| post.citizen_message| PostCitizenMessage | citizen_message (scope only)       | message    |
| callback.due        | CallbackDue        | close (scope only: the author's    | callback   |
|                     |                    | phone is in the worklist)          |            |
| callback.updated    | CallbackUpdated    | callback_attempt (scope only)      | callback   |
| notice.published    | NoticePublished    | (a notice, no `action`; every officer receives it)  |
| hotspot.detected    | HotspotDetected    | (a hotspot, `HotspotOut`, no `action`; the leaders  |
|                     |                    | whose area it is receive it: audience "leaders")    |

`post.messaged` and `post.citizen_message` also come with the post's `unread_messages`:
a citizen's answer that no officer has read marks the case. An officer reading it
(`POST /posts/{id}/messages/read`) is a `post.updated` with `action: "messages_read"`.

Dispatch events reach the receiving unit (the post's `unit_id`) and the dispatching
unit (`prev_unit_id` in the log).
"""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict

from platform_server.geo.schemas import HotspotOut
from platform_server.schemas import (
    ExtensionOut,
    OfficerOut,
    PostSummary,
    SupervisionOut,
    Utc,
)


class ActorRef(BaseModel):
    """The officer who caused an event."""

    model_config = ConfigDict(extra="forbid")

    id: int
    badge: str
    name: str


class EntryRef(BaseModel):
    """A reply or note as a post event carries it."""

    model_config = ConfigDict(extra="forbid")

    id: int
    body: str
    created_at: Utc


class PostEvent(PostSummary):
    """The fields every post event has: the queue row, the action and its cause.

    Class attributes:
        type: the SSE event name.
        scope_only: True when only officers who may act on the post receive it
            (otherwise restricted boards and silent reports are scoped anyway).
    """

    model_config = ConfigDict(extra="forbid")
    type: ClassVar[str]
    scope_only: ClassVar[bool] = False

    action: str
    actor: ActorRef | None
    idempotency_key: str | None


class PostCreated(PostEvent):
    type = "post.created"


class PostUpdated(PostEvent):
    type = "post.updated"


class PostReplied(PostEvent):
    type = "post.replied"
    reply: EntryRef


class PostNoted(PostEvent):
    type = "post.noted"
    scope_only = True
    note: EntryRef


class PostRated(PostEvent):
    type = "post.rated"
    score: int
    comment: str


class SilentCreated(PostEvent):
    type = "silent.created"
    body: str


class SilentAcknowledged(PostEvent):
    type = "silent.acknowledged"


class SilentEscalated(PostEvent):
    type = "silent.escalated"
    escalation_seconds: float


class MessageRef(BaseModel):
    """A private message as its event carries it."""

    model_config = ConfigDict(extra="forbid")

    id: int
    sender: Literal["officer", "citizen"]
    body: str
    created_at: Utc


class PostMessaged(PostEvent):
    """An officer sent the author a private message (only in scope: it is private)."""

    type = "post.messaged"
    scope_only = True
    message: MessageRef


class PostCitizenMessage(PostEvent):
    """The author answered with a private message (only in scope)."""

    type = "post.citizen_message"
    scope_only = True
    message: MessageRef


class CallbackRef(BaseModel):
    """A callback (回访) as its events carry it."""

    model_config = ConfigDict(extra="forbid")

    id: int
    status: Literal["due", "done", "unreachable"]
    outcome: str | None
    attempt_count: int
    due_at: Utc


class CallbackDue(PostEvent):
    """The post's resolution made a callback due (to the unit's worklist)."""

    type = "callback.due"
    scope_only = True
    callback: CallbackRef


class CallbackUpdated(PostEvent):
    """An attempt at a callback was recorded (it may have ended it)."""

    type = "callback.updated"
    scope_only = True
    callback: CallbackRef


class NoticePublished(BaseModel):
    """A notice reached the public (at once, or at its scheduled time)."""

    model_config = ConfigDict(extra="forbid")
    type: ClassVar[str] = "notice.published"

    id: int
    title: str
    category: str
    unit_id: int
    pinned: bool
    publish_at: Utc
    actor: ActorRef | None
    idempotency_key: str | None


class PostMerged(PostEvent):
    """A duplicate was merged under its master post (`into_id`); unmerging is a
    `post.updated` with action ``unmerge``."""

    type = "post.merged"
    into_id: int


class PostAssigned(PostEvent):
    type = "post.assigned"
    assigned_to: ActorRef


class PostDispatched(PostEvent):
    type = "post.dispatched"
    assist_unit_ids: list[int]


class PostSigned(PostEvent):
    type = "post.signed"
    signed_unit_id: int


class PostReturned(PostEvent):
    type = "post.returned"
    reason_code: str
    reason: str


class DispatchOverdue(PostEvent):
    type = "dispatch.overdue"
    overdue_count: int


class ExtensionRequested(PostEvent):
    type = "extension.requested"
    extension: ExtensionOut


class ExtensionDecided(PostEvent):
    type = "extension.decided"
    extension: ExtensionOut


class PostUrged(PostEvent):
    type = "post.urged"
    message: str


class PostSupervised(PostEvent):
    type = "post.supervised"
    supervision: SupervisionOut


class OfficerUpdated(OfficerOut):
    """An officer's record changed (on or off duty); every console receives it."""

    model_config = ConfigDict(extra="forbid")
    type: ClassVar[str] = "officer.updated"

    actor: ActorRef | None
    idempotency_key: str | None


class HotspotDetected(HotspotOut):
    """The platform found a spike of similar posts; once per hotspot."""

    model_config = ConfigDict(extra="forbid")
    type: ClassVar[str] = "hotspot.detected"

    actor: ActorRef | None
    idempotency_key: str | None


EventModel = PostEvent | OfficerUpdated | NoticePublished | HotspotDetected

# Every event type the stream can carry, with its model (API.md lists the minimum).
EVENT_MODELS: dict[
    str, type[PostEvent] | type[OfficerUpdated] | type[NoticePublished] | type[HotspotDetected]
] = {
    m.type: m
    for m in (
        PostCreated,
        PostUpdated,
        PostReplied,
        PostNoted,
        PostRated,
        SilentCreated,
        SilentAcknowledged,
        SilentEscalated,
        PostMerged,
        PostAssigned,
        PostDispatched,
        PostSigned,
        PostReturned,
        DispatchOverdue,
        ExtensionRequested,
        ExtensionDecided,
        PostUrged,
        PostSupervised,
        OfficerUpdated,
        PostMessaged,
        PostCitizenMessage,
        CallbackDue,
        CallbackUpdated,
        NoticePublished,
        HotspotDetected,
    )
}
