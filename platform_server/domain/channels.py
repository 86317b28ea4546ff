"""Posts that arrive by other channels: an officer records them (热线、短信、来信、来访).

A hotline officer types while listening; what they record becomes a post like any
citizen's — the same checks, the same board routing and deadline, the same queue —
with its `channel` saying where it came from and the officer named in its timeline
("created" by them) and audit log. The caller's name and phone are stored as the
post's author (shown in full only to those who may see phones); the public page shows
the name as its first character only (`serialize.public_name`).

The caller gets an author identity of its own (never reused, never signed in), so a
citizen of the messaging app can never claim a recorded post by naming the same phone.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from platform_server import schemas
from platform_server.config import ServerSettings
from platform_server.domain import intake
from platform_server.domain.change import finish
from platform_server.domain.checks import check_line, check_location, check_text
from platform_server.domain.origin import Origin
from platform_server.errors import ApiError
from platform_server.events import types as ev
from platform_server.storage.models import Citizen, Post

CHANNELS = ("hotline", "sms", "letter", "visit")
CHANNEL_NAMES = {"hotline": "热线电话", "sms": "短信", "letter": "来信", "visit": "来访"}
MAX_NAME_CHARS = 50


def record_post(
    db: Session,
    settings: ServerSettings,
    origin: Origin,
    *,
    channel: str,
    board_code: str,
    title: str,
    body: str,
    name: str,
    phone: str | None,
    location: schemas.LocationIO | None,
    now: datetime,
) -> Post:
    """The post an officer records for a caller, routed like a citizen's post."""
    origin.need_officer()
    if channel not in CHANNELS:
        raise ApiError(
            422,
            "unknown_channel",
            "来源渠道只能是热线电话、短信、来信或来访（hotline、sms、letter、visit）。",
        )
    check_line(name, "群众姓名", MAX_NAME_CHARS)
    check_text(title, "标题", settings.max_title_chars)
    check_text(body, "正文", settings.max_body_chars)
    check_location(location)
    board = intake.board_by_code(db, board_code)
    if board.code == intake.SILENT_BOARD:
        raise ApiError(
            422,
            "use_silent_report",
            "V报警只能由群众通过“无声报警”入口提交；电话报警请按 110 警情处理，选择“110求助”板块。",
        )
    citizen = Citizen(nickname=name.strip(), phone=phone, created_at=now)
    db.add(citizen)
    db.flush()
    post = intake.new_post(
        db,
        kind="post",
        board=board,
        citizen=citizen,
        title=title,
        body=body,
        unit_id=board.default_unit_id,
        channel=channel,
        location=location,
        suppress_receipt=False,
        now=now,
        origin=origin,
    )
    detail = f"{CHANNEL_NAMES[channel]}：{title}"
    finish(db, origin, post, ev.PostCreated, "create", detail=detail)
    return post
