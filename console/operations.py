"""The post actions — accept, transfer, reply, note, close, reopen, acknowledge — in one place.

Each action is an `Operation`: how it is written to the durable outbox (its payload,
whether it needs the version the officer saw) and how the outbox sender delivers it to
the platform. Views never call the platform for an action; they call `PostOperations`,
which writes the outbox item (on disk when it returns) and lets the sender deliver it
with its Idempotency-Key. The shape follows Anki's ``aqt/operations``: one module, one
small definition per action, used by every view.

Adding an action (sign, return, assign, priority, extension, urge, supervise, a private
message …) is two lines: an `Operation` in `OPERATIONS` — ``Operation("sign", "sign")``,
``Operation("urge", "urge", fields=("message",))``, ``Operation("message", "messages",
fields=("body",), creates=Message, versioned=False)`` — and a method on `PostOperations`
that names its fields. Its display name goes in console/views/text.py (`action_name`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from console.api.models import Extension, Message, Note, Reply, format_time
from console.api.outbox import OutboxItem


class ActionClient(Protocol):
    """What delivering an operation needs from the platform client (`PlatformClient`)."""

    token: str | None

    def act(
        self,
        post_id: int,
        action: str,
        version: int | None,
        body: dict[str, Any] | None = None,
        idem_key: str | None = None,
    ) -> Any: ...

    def create(
        self,
        post_id: int,
        collection: str,
        body: dict[str, Any],
        model: type[Any],
        idem_key: str | None,
        version: int | None = None,
    ) -> tuple[Any, int | None]: ...

    def decide_extension(
        self, extension_id: int, approve: bool, comment: str, idem_key: str | None = None
    ) -> Extension: ...


class Submitter(Protocol):
    """Where operations are written (`OutboxSender.submit`: durable on return)."""

    def submit(
        self,
        kind: str,
        post_id: int,
        payload: dict[str, Any] | None = None,
        base_version: int | None = None,
        seen_version: int | None = None,
    ) -> OutboxItem: ...


@dataclass(frozen=True)
class Operation:
    """One post action.

    Attributes:
        kind: its name in the outbox and in console.rules (``accept``).
        path: the platform's route under ``/posts/{id}/`` (``accept``, ``replies``).
        fields: the payload keys, sent as the JSON body (none: no body).
        optional: payload keys sent only when the item has them (assisting units of a
            transfer, the closure code of a close: items written before they existed
            still send).
        versioned: a change of state, sent with If-Match = the version the officer saw.
        creates: for a message (a reply, a note): the model of what the platform creates.
        rebase_when_stale: the intent is the same whatever changed meanwhile, so a 412 is
            retried against the current version instead of refused (acknowledging an
            alarm that an escalation has just bumped).
    """

    kind: str
    path: str
    fields: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()
    versioned: bool = True
    creates: type[Any] | None = None
    rebase_when_stale: bool = False

    @property
    def is_message(self) -> bool:
        """A message the officer typed (kept as a draft until delivered), not a state change."""
        return self.creates is not None

    def check(self, payload: Mapping[str, Any], base_version: int | None) -> None:
        """ValueError when the item could never be sent."""
        missing = [f for f in self.fields if f not in payload]
        if missing:
            raise ValueError(f"{self.kind} needs {', '.join(missing)}")
        if self.versioned and base_version is None:
            raise ValueError(f"{self.kind} needs the post version the officer acted on")

    def deliver(self, client: ActionClient, item: OutboxItem) -> tuple[Any, int | None]:
        """Send the item (blocking; the outbox sender's worker calls it).

        Returns what the platform answered and the post version it produced (None when
        the answer does not say).
        """
        body = {f: item.payload[f] for f in self.fields}
        body.update({f: item.payload[f] for f in self.optional if f in item.payload})
        if self.creates is not None:
            return client.create(
                item.post_id, self.path, body, self.creates, item.idem_key, item.base_version
            )
        result = client.act(item.post_id, self.path, item.base_version, body or None, item.idem_key)
        version = getattr(result, "version", None)
        return result, version if isinstance(version, int) else None


@dataclass(frozen=True)
class ExtensionDecision(Operation):
    """A leader's decision on an extension request: ``POST /extensions/{id}/decide``
    (filed in the outbox under the post it is about)."""

    def deliver(self, client: ActionClient, item: OutboxItem) -> tuple[Any, int | None]:
        p = item.payload
        decided = client.decide_extension(
            int(p["extension_id"]), bool(p["approve"]), str(p["comment"]), item.idem_key
        )
        return decided, None


OPERATIONS: dict[str, Operation] = {
    op.kind: op
    for op in (
        Operation("accept", "accept"),
        # A dispatch (派单) to a lead unit, with assisting units (联办) when named.
        Operation(
            "transfer", "transfer", fields=("unit_id", "reason"), optional=("assist_unit_ids",)
        ),
        Operation("close", "close", fields=("resolution",), optional=("closure_code",)),
        Operation("reopen", "reopen", fields=("reason",)),
        Operation("acknowledge", "acknowledge", rebase_when_stale=True),
        Operation("reply", "replies", fields=("body",), versioned=False, creates=Reply),
        Operation("note", "notes", fields=("body",), versioned=False, creates=Note),
        # A private message (私信) to the author: written in the case's own composer
        # (console/views/case/private_messages.py), never in the public reply editor.
        Operation("message", "messages", fields=("body",), versioned=False, creates=Message),
        Operation("merge", "merge", fields=("into",)),
        Operation("unmerge", "unmerge"),
        # The handling loop across units (API v1.1 "Dispatch between units").
        Operation("sign", "sign"),
        Operation("return", "return", fields=("reason_code", "reason")),
        Operation("extension", "extension", fields=("until", "reason")),
        Operation("urge", "urge", fields=("message",)),
        Operation("supervise", "supervise", fields=("due_at", "instruction")),
        ExtensionDecision(
            "decide", "decide", fields=("extension_id", "approve", "comment"), versioned=False
        ),
    )
}
KINDS: tuple[str, ...] = tuple(OPERATIONS)
ACTION_KINDS: frozenset[str] = frozenset(k for k, op in OPERATIONS.items() if not op.is_message)
PRIVATE_KINDS: frozenset[str] = frozenset({"message"})
# What the reply editor writes (a public reply, an internal note), its drafts kept.
MESSAGE_KINDS: frozenset[str] = frozenset(
    k for k, op in OPERATIONS.items() if op.is_message and k not in PRIVATE_KINDS
)


def operation(kind: str) -> Operation:
    """The operation of an outbox item's kind; ValueError for one this console cannot send."""
    try:
        return OPERATIONS[kind]
    except KeyError:
        raise ValueError(f"unknown outbox action {kind!r}") from None


def check(kind: str, payload: Mapping[str, Any], base_version: int | None) -> None:
    """ValueError unless an item of this kind, payload and version could be sent."""
    operation(kind).check(payload, base_version)


class Versioned(Protocol):
    """A post as the officer saw it: its id and version (PostSummary and PostDetail fit)."""

    @property
    def id(self) -> int: ...
    @property
    def version(self) -> int: ...


class PostOperations:
    """The actions as views call them; each writes one outbox item and returns it.

    The item is on disk when the call returns (a crash cannot lose it) and the sender
    delivers it soon; its progress arrives as the sender's ``item_changed`` signal.
    Raises ValueError for an item that could never be sent, OSError when it cannot be
    written to this computer's disk.
    """

    def __init__(self, outbox: Submitter) -> None:
        self._outbox = outbox

    def submit(self, kind: str, post_id: int, version: int | None, **payload: Any) -> OutboxItem:
        """``version``: the post as the officer saw it (If-Match for state changes)."""
        op = operation(kind)
        op.check(payload, version)
        return self._outbox.submit(
            kind, post_id, payload, version if op.versioned else None, seen_version=version
        )

    def accept(self, post: Versioned) -> OutboxItem:
        return self.submit("accept", post.id, post.version)

    def transfer(
        self, post: Versioned, unit_id: int, reason: str, assist_unit_ids: Sequence[int] = ()
    ) -> OutboxItem:
        """派单 to `unit_id` (the lead unit), with assisting units (联办) when given."""
        extra: dict[str, Any] = (
            {"assist_unit_ids": list(assist_unit_ids)} if assist_unit_ids else {}
        )
        return self.submit(
            "transfer", post.id, post.version, unit_id=unit_id, reason=reason, **extra
        )

    def close(
        self, post: Versioned, resolution: str, closure_code: str | None = None
    ) -> OutboxItem:
        extra = {"closure_code": closure_code} if closure_code else {}
        return self.submit("close", post.id, post.version, resolution=resolution, **extra)

    def sign(self, post: Versioned) -> OutboxItem:
        """签收 for my unit (the lead unit, or my assisting unit's part)."""
        return self.submit("sign", post.id, post.version)

    def return_post(self, post: Versioned, reason_code: str, reason: str) -> OutboxItem:
        """回退 to the dispatching unit."""
        return self.submit("return", post.id, post.version, reason_code=reason_code, reason=reason)

    def extension(self, post: Versioned, until: datetime, reason: str) -> OutboxItem:
        """申请延期 to `until` (before the current deadline passes)."""
        return self.submit(
            "extension", post.id, post.version, until=format_time(until), reason=reason
        )

    def urge(self, post: Versioned, message: str) -> OutboxItem:
        """催办 (leaders)."""
        return self.submit("urge", post.id, post.version, message=message)

    def supervise(self, post: Versioned, due_at: datetime, instruction: str) -> OutboxItem:
        """督办 with its own due time (leaders)."""
        return self.submit(
            "supervise", post.id, post.version, due_at=format_time(due_at), instruction=instruction
        )

    def decide(self, post_id: int, extension_id: int, approve: bool, comment: str) -> OutboxItem:
        """A leader approves (the deadline moves) or rejects an extension request."""
        return self.submit(
            "decide", post_id, None, extension_id=extension_id, approve=approve, comment=comment
        )

    def reopen(self, post: Versioned, reason: str = "") -> OutboxItem:
        return self.submit("reopen", post.id, post.version, reason=reason)

    def acknowledge(self, post_id: int, version: int) -> OutboxItem:
        return self.submit("acknowledge", post_id, version)

    def reply(self, post_id: int, body: str, seen: int | None = None) -> OutboxItem:
        """``seen``: the post version on screen (lets later actions follow the reply)."""
        return self.submit("reply", post_id, seen, body=body)

    def note(self, post_id: int, body: str, seen: int | None = None) -> OutboxItem:
        return self.submit("note", post_id, seen, body=body)

    def message(self, post_id: int, body: str) -> OutboxItem:
        """A private message to the post's author (only the author reads it)."""
        return self.submit("message", post_id, None, body=body)

    def merge(self, duplicate: Versioned, into: int) -> OutboxItem:
        """Merge `duplicate` under the master post `into` (sent as the duplicate's action)."""
        return self.submit("merge", duplicate.id, duplicate.version, into=into)

    def unmerge(self, post: Versioned) -> OutboxItem:
        return self.submit("unmerge", post.id, post.version)
