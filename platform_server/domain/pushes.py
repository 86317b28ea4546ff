"""What the messaging app pushes to a citizen's phone about their own post (simulated).

A push is the receipt a citizen gets without opening anything: "your post has a reply",
"you have a private message", "your post was resolved". For most citizens that is the
service they expect. For a silent reporter who asked for no receipt
(`suppress_receipt`) it can be deadly — the phone lights up next to the person they are
hiding from — so for such a report nothing is ever pushed, whatever happens to it:
replies and messages wait until the reporter opens the report themselves.

Only citizens of the messaging app get pushes (posts from the board); a caller whose
post an officer recorded from the hotline, an SMS, a letter or a visit has no app
identity to push to.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from platform_server.storage.citizen_models import CitizenPush
from platform_server.storage.models import Post

PUSH_KINDS = ("reply", "message", "resolved")
APP_CHANNEL = "board"


def may_push(post: Post) -> bool:
    """Whether anything may ever be pushed to this post's author."""
    return post.citizen_id is not None and post.channel == APP_CHANNEL and not post.suppress_receipt


def push(db: Session, post: Post, kind: str, now: datetime) -> CitizenPush | None:
    """Tell the author's phone about news on their post, unless that must never happen."""
    if kind not in PUSH_KINDS:
        raise ValueError(f"unknown push kind {kind!r}")
    if not may_push(post) or post.citizen_id is None:
        return None
    row = CitizenPush(citizen_id=post.citizen_id, post_id=post.id, kind=kind, created_at=now)
    db.add(row)
    return row
