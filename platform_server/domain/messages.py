"""Private messages (私信): officers and a post's author talking off the public page.

Who sees what:
- the author reads every message on their post and answers (`citizen_answer`); to any
  other citizen the conversation does not exist (404, like a private post);
- officers who may act on the post (its unit's subtree, its holder, leaders above it)
  read the conversation; no one else does, and the events that carry a message go only
  to them (`scope_only`);
- an officer sends (`send`) under the rules of a public reply: the holder, or a leader
  stepping in; on a post nobody holds yet the sender takes it, and on a silent report
  nobody has acknowledged that also acknowledges it (a named officer is talking to the
  reporter, so every console's alarm may stop).

Receipts: every message to the author is pushed to their phone (`domain.pushes`) unless
the report asked for no receipt; then the message waits, unread, until the reporter
opens the report (`citizen_read`), which is also when it counts as read. The author's
answers count as unread for officers until one who handles the post reads them
(`officers_read`): the case and the queue row carry that mark (`unread_messages`).

Only posts of the messaging app have an author to write to: a post an officer recorded
from the hotline, an SMS, a letter or a visit is answered by phone (409).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from platform_server import schemas
from platform_server.domain import locking, pushes, serialize
from platform_server.domain.change import finish, step, touch
from platform_server.domain.checks import check_text
from platform_server.domain.origin import Origin
from platform_server.domain.posts import Guard, Outcome, _claim, _ensure_may_handle
from platform_server.domain.scope import Viewer
from platform_server.errors import ApiError
from platform_server.events import types as ev
from platform_server.storage.citizen_models import Message
from platform_server.storage.models import Post

# Timeline actions that only those who may read the conversation see.
PRIVATE_ACTIONS = frozenset({"messaged", "citizen_message"})
NOT_FOUND = "没有找到这条帖子。"


def _ref(row: Message) -> ev.MessageRef:
    return ev.MessageRef(
        id=row.id,
        sender=row.sender,  # type: ignore[arg-type]
        body=row.body,
        created_at=row.created_at,
    )


def _ensure_reachable(post: Post) -> None:
    if post.status == "archived":
        raise ApiError(409, "illegal_transition", "帖子已归档，不能再发私信。")
    if post.citizen_id is None or post.channel != pushes.APP_CHANNEL:
        raise ApiError(
            409,
            "no_private_channel",
            "这条帖子是民警代为登记的（热线、短信、来信或来访），发帖人没有平台账号，"
            "收不到私信；请按登记的电话联系。",
        )


def send(
    db: Session,
    post: Post,
    origin: Origin,
    *,
    body: str,
    now: datetime,
    max_chars: int,
    guard: Guard | None = None,
) -> Outcome:
    """A private message to the author (If-Match optional, like a reply); the row is
    `Outcome.message`."""
    officer = origin.need_officer()
    check_text(body, "私信内容", max_chars)
    _ensure_reachable(post)
    _ensure_may_handle(db, post, origin, "发私信")
    if guard is not None:
        guard(post)
    acknowledged = False
    if post.status != "resolved" and (post.status == "new" or post.assignee_id is None):
        acknowledged = _claim(db, post, origin, now)
    if post.status in ("new", "accepted"):
        post.status = "in_progress"
    if post.first_response_at is None:
        post.first_response_at = now
    # Writing back means the author's messages have been read.
    _mark_read(db, post.id, "citizen", now)
    post.unread_messages = 0
    post.message_count += 1
    row = Message(
        post_id=post.id,
        sender="officer",
        officer_id=officer.officer_id,
        unit_id=officer.unit_id,
        body=body,
        workstation=officer.workstation,
        created_at=now,
    )
    db.add(row)
    step(db, post, now, "messaged", origin)
    touch(post, now)
    db.flush()
    pushes.push(db, post, "message", now)
    finish(
        db,
        origin,
        post,
        ev.PostMessaged,
        "message",
        acknowledged=acknowledged,
        detail=f"message {row.id}",
        message=_ref(row),
    )
    return Outcome("message", acknowledged=acknowledged, message=row)


def author_post(db: Session, post_id: int, citizen_id: int, *, lock: bool = False) -> Post:
    """The citizen's own post; to anyone else its conversation does not exist (404).

    `lock`: the author changes it (answers, reads): lock its row (`locking`).
    """
    post = db.get(Post, post_id, **(locking.for_update() if lock else {}))
    if post is None or post.citizen_id != citizen_id:
        raise ApiError(404, "not_found", NOT_FOUND)
    return post


def citizen_answer(
    db: Session, origin: Origin, post_id: int, *, body: str, now: datetime, max_chars: int
) -> Message:
    """The author writes privately to the officers handling their post."""
    if origin.citizen_id is None:
        raise TypeError("a citizen answers")
    check_text(body, "私信内容", max_chars)
    post = author_post(db, post_id, origin.citizen_id, lock=True)
    if post.status == "archived":
        raise ApiError(
            409, "illegal_transition", "这条帖子已归档，不能再发私信；如有新情况请重新发帖。"
        )
    # Answering means the officers' messages have been read.
    _mark_read(db, post.id, "officer", now)
    post.message_count += 1
    post.unread_messages += 1
    row = Message(post_id=post.id, sender="citizen", body=body, created_at=now)
    db.add(row)
    step(db, post, now, "citizen_message", origin)
    touch(post, now)
    db.flush()
    finish(db, origin, post, ev.PostCitizenMessage, "citizen_message", message=_ref(row))
    return row


def citizen_read(db: Session, citizen_id: int, post_id: int, now: datetime) -> list[Message]:
    """The conversation as the author opens it; officers' messages count as read from now.

    Opening it changes nothing the officers act on (no new version, no event): the
    read time shows beside each message the next time the case is fetched.
    """
    post = author_post(db, post_id, citizen_id, lock=True)
    _mark_read(db, post.id, "officer", now)
    return conversation(db, post.id)


def officers_read(db: Session, post: Post, origin: Origin, now: datetime) -> bool:
    """An officer handling the post has read the author's messages: the mark goes.

    Not a new version of the post (nothing an action depends on changed); every
    console hears it as `post.updated` (`action: "messages_read"`). False when nothing
    was unread.
    """
    if post.unread_messages == 0:
        return False
    _mark_read(db, post.id, "citizen", now)
    post.unread_messages = 0
    finish(db, origin, post, ev.PostUpdated, "messages_read")
    return True


def _mark_read(db: Session, post_id: int, sender: str, now: datetime) -> None:
    db.execute(
        update(Message)
        .where(Message.post_id == post_id, Message.sender == sender, Message.read_at.is_(None))
        .values(read_at=now)
    )


def conversation(db: Session, post_id: int) -> list[Message]:
    return list(
        db.scalars(
            select(Message)
            .where(Message.post_id == post_id)
            .order_by(Message.created_at, Message.id)
        )
    )


def for_detail(db: Session, post: Post, viewer: Viewer) -> tuple[list[schemas.MessageOut], bool]:
    """The conversation as this officer may see it: all of it, or nothing."""
    if not viewer.may_read_notes(post):
        return [], False
    rows = conversation(db, post.id) if post.message_count else []
    refs = serialize.officer_refs(db, {r.officer_id for r in rows if r.officer_id is not None})
    return [
        schemas.MessageOut(
            id=r.id,
            post_id=r.post_id,
            sender=r.sender,  # type: ignore[arg-type]
            body=r.body,
            officer=refs.get(r.officer_id) if r.officer_id is not None else None,
            unit_id=r.unit_id,
            created_at=r.created_at,
            read_at=r.read_at,
        )
        for r in rows
    ], True
