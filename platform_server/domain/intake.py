"""What citizens send: posts, silent reports, attachments and ratings (the intake).

Each action validates, writes the change with its timeline entry and typed event
(`platform_server.domain.change`) into the caller's transaction, and raises
`ApiError` (a 4xx with a sentence for people) before writing anything when the
input is not acceptable. Citizen text is stored exactly as given; it is checked,
never rewritten.

Who sees what: ordinary posts are public, so any citizen may read their progress.
Silent reports and posts on restricted boards (tips, complaints) are visible to their
own author only; to anyone else they do not exist (404), so their existence leaks
nothing. Only the author adds attachments or rates.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from platform_server import schemas
from platform_server.config import ServerSettings
from platform_server.domain import decode, locking
from platform_server.domain.change import finish, step, touch
from platform_server.domain.checks import check_line, check_location, check_text
from platform_server.domain.origin import Origin
from platform_server.domain.posts import deadline_for
from platform_server.domain.sniff import HEAD_BYTES, Sniffed, sniff
from platform_server.errors import ApiError
from platform_server.events import types as ev
from platform_server.geo import districts
from platform_server.storage.models import (
    Attachment,
    Board,
    Citizen,
    Mention,
    Officer,
    Post,
    Rating,
    Unit,
    utcnow,
)

SILENT_BOARD = "silent"
SILENT_EXCERPT_CHARS = 200
SILENT_TITLE_CHARS = 30
MAX_COMMENT_CHARS = 1000  # as schemas.RatingIn
URGENT, NORMAL = 1, 3  # a new post's priority (1 紧急 … 4 低): silent reports are urgent


def _board(db: Session, code: str) -> Board:
    board = db.scalar(select(Board).where(Board.code == code))
    if board is None:
        raise ApiError(422, "unknown_board", "没有这个板块，请从板块列表中重新选择。")
    return board


def resolve_mentions(db: Session, names: list[str]) -> tuple[list[Unit], list[Officer]]:
    """Units and officers named in @mentions, in the order given (duplicates dropped).

    A mention is a unit's code or name, or an officer's badge or name, optionally
    written with a leading "@". Two queries in all, however many mentions.
    """
    keys: list[str] = []
    for raw in names:
        check_line(raw, "@提及", 60)
        key = raw.strip().removeprefix("@").removeprefix("＠").strip()
        if not key:
            raise ApiError(422, "unknown_mention", "@提及不能为空。")
        if key not in keys:
            keys.append(key)
    if not keys:
        return [], []
    units = db.scalars(select(Unit).where(or_(Unit.code.in_(keys), Unit.name.in_(keys)))).all()
    officers = db.scalars(
        select(Officer).where(
            Officer.active.is_(True), or_(Officer.badge.in_(keys), Officer.name.in_(keys))
        )
    ).all()
    out_units: list[Unit] = []
    out_officers: list[Officer] = []
    for key in keys:
        unit = next((u for u in units if key in (u.code, u.name)), None)
        if unit is not None:
            if unit not in out_units:
                out_units.append(unit)
            continue
        matches = [o for o in officers if key == o.badge] or [o for o in officers if key == o.name]
        if not matches:
            raise ApiError(
                422,
                "unknown_mention",
                f"找不到“{key}”：@ 的对象必须是平台上的单位或民警（可用单位全称或民警警号）。",
                mention=key,
            )
        if len(matches) > 1:
            raise ApiError(
                422,
                "ambiguous_mention",
                f"有多位民警叫“{key}”，请改用警号 @ 对方。",
                mention=key,
            )
        if matches[0] not in out_officers:
            out_officers.append(matches[0])
    return out_units, out_officers


def _new_post(
    db: Session,
    *,
    kind: str,
    board: Board,
    citizen: Citizen,
    title: str,
    body: str,
    unit_id: int | None,
    channel: str,
    location: schemas.LocationIO | None,
    suppress_receipt: bool,
    now: datetime,
    origin: Origin,
    geo_file: str = "",
) -> Post:
    post = Post(
        kind=kind,
        board_id=board.id,
        board=board,
        title=title,
        body=body,
        citizen_id=citizen.id,
        author_nickname=citizen.nickname,
        author_phone=citizen.phone,
        channel=channel,
        status="new",
        unit_id=unit_id,
        created_at=now,
        updated_at=now,
        deadline_at=deadline_for(db, board, now),
        version=1,
        priority=URGENT if kind == "silent_report" else NORMAL,
        suppress_receipt=suppress_receipt,
        lat=location.lat if location else None,
        lon=location.lon if location else None,
        accuracy_m=location.accuracy_m if location else None,
        address=location.address if location else None,
        suggested_unit_id=(
            districts.suggest_unit(db, geo_file, location.lat, location.lon) if location else None
        ),
    )
    db.add(post)
    db.flush()
    step(db, post, now, "created", origin, to_unit_id=unit_id)
    return post


# The same board lookup and post creation for posts officers record (domain.channels).
board_by_code = _board
new_post = _new_post


def create_post(
    db: Session,
    settings: ServerSettings,
    citizen: Citizen,
    board_code: str,
    title: str,
    body: str,
    mentions: list[str],
    location: schemas.LocationIO | None,
    channel: str = "board",
    *,
    idempotency_key: str | None = None,
    now: datetime | None = None,
) -> Post:
    """A new public post, routed to the first mentioned unit or the board's default.

    On restricted boards (complaints about officers, tips) a mention is recorded but
    does not route: a complaint must reach the inspection unit, not the unit it is
    about, and a tip must reach the investigators.
    """
    check_text(title, "标题", settings.max_title_chars)
    check_text(body, "正文", settings.max_body_chars)
    check_location(location)
    board = _board(db, board_code)
    if board.code == SILENT_BOARD:
        raise ApiError(
            422, "use_silent_report", "V报警请通过“无声报警”入口提交，不能作为普通帖子发布。"
        )
    units, officers = resolve_mentions(db, mentions)
    origin = Origin(citizen_id=citizen.id, idempotency_key=idempotency_key)
    unit_id = board.default_unit_id
    if units and not board.restricted:
        unit_id = units[0].id
    post = _new_post(
        db,
        kind="post",
        board=board,
        citizen=citizen,
        title=title,
        body=body,
        unit_id=unit_id,
        channel=channel,
        location=location,
        suppress_receipt=False,
        now=now or utcnow(),
        origin=origin,
        geo_file=settings.geo_file,
    )
    for u in units:
        db.add(Mention(post_id=post.id, unit_id=u.id))
    for o in officers:
        db.add(Mention(post_id=post.id, officer_id=o.id))
    finish(db, origin, post, ev.PostCreated, "create")
    return post


def silent_title(body: str) -> str:
    """A queue label for a silent report: its first line, shortened."""
    first = body.strip().splitlines()[0] if body.strip() else ""
    return first[:SILENT_TITLE_CHARS]


def create_silent_report(
    db: Session,
    settings: ServerSettings,
    citizen: Citizen,
    body: str,
    location: schemas.LocationIO | None,
    suppress_receipt: bool,
    *,
    channel: str = "board",
    idempotency_key: str | None = None,
    now: datetime | None = None,
) -> Post:
    """A new silent report (V报警) on the silent board, for the board's unit."""
    origin = Origin(citizen_id=citizen.id, idempotency_key=idempotency_key)
    check_text(body, "报警内容", settings.max_body_chars)
    check_location(location)
    board = _board(db, SILENT_BOARD)
    post = _new_post(
        db,
        kind="silent_report",
        board=board,
        citizen=citizen,
        title=silent_title(body),
        body=body,
        unit_id=board.default_unit_id,
        channel=channel,
        location=location,
        suppress_receipt=suppress_receipt,
        now=now or utcnow(),
        origin=origin,
        geo_file=settings.geo_file,
    )
    finish(db, origin, post, ev.SilentCreated, "create", body=body[:SILENT_EXCERPT_CHARS])
    return post


# ---------------------------------------------------------------- the author's post
def readable_post(db: Session, post_id: int, citizen_id: int, *, lock: bool = False) -> Post:
    """The post as this citizen may see it; 404 for private posts of someone else.

    `lock`: the citizen changes it (attachment, rating): lock its row (`locking`).
    """
    post = db.get(Post, post_id, **(locking.for_update() if lock else {}))
    if post is None or (
        (post.kind == "silent_report" or post.board.restricted) and post.citizen_id != citizen_id
    ):
        raise ApiError(404, "not_found", "没有找到这条帖子。")
    return post


def own_post(db: Session, post_id: int, citizen_id: int, what: str, *, lock: bool = False) -> Post:
    """The citizen's own post; 403 for someone else's public post."""
    post = readable_post(db, post_id, citizen_id, lock=lock)
    if post.citizen_id != citizen_id:
        raise ApiError(403, "not_author", f"只有发帖人本人可以{what}。")
    return post


ATTACH = "给帖子添加附件"


def check_attachment(data: bytes, max_pixels: int) -> Sniffed:
    """What an upload really is: 415 for anything but images and audio (by its first
    bytes), 422 when it does not decode completely as that type (`decode.verify`)."""
    sniffed = sniff(data[:HEAD_BYTES])
    if sniffed is None:
        raise ApiError(
            415,
            "unsupported_type",
            "这个文件不是支持的图片或录音：只能上传 JPG、PNG 图片，"
            "或 WAV、MP3、OGG、AMR、M4A 录音。",
        )
    decode.verify(data, sniffed, max_pixels)
    return sniffed


def add_attachment(
    db: Session,
    settings: ServerSettings,
    origin: Origin,
    post_id: int,
    *,
    data: bytes,
    filename: str,
    sniffed: Sniffed | None = None,
    now: datetime | None = None,
) -> Attachment:
    """An image or recording on the author's own post (at most `max_attachments_per_post`).

    `sniffed`: the caller's `check_attachment(data)` result, so a large file is decoded
    once (outside the write transaction); without it the file is checked here.
    """
    citizen_id = _citizen(origin)
    if sniffed is None:
        sniffed = check_attachment(data, settings.max_image_pixels)
    post = own_post(db, post_id, citizen_id, ATTACH, lock=True)
    limit = settings.max_attachments_per_post
    if post.attachment_count >= limit:
        raise ApiError(
            409, "too_many_attachments", f"每条帖子最多 {limit} 个附件，已经满了。", limit=limit
        )
    now = now or utcnow()
    att = Attachment(
        post_id=post.id,
        kind=sniffed.kind,
        content_type=sniffed.content_type,
        filename=filename or f"attachment.{sniffed.extension}",
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        data=data,
        created_at=now,
    )
    db.add(att)
    post.attachment_count += 1
    step(db, post, now, "attachment_added", origin, detail=sniffed.kind)
    touch(post, now)
    finish(db, origin, post, ev.PostUpdated, "attach")
    return att


def rate(
    db: Session,
    origin: Origin,
    post_id: int,
    *,
    score: int,
    comment: str,
    now: datetime | None = None,
) -> Rating:
    """The author's satisfaction rating, once, after the post is resolved."""
    citizen_id = _citizen(origin)
    check_text(comment, "评价", MAX_COMMENT_CHARS, required=False)
    post = own_post(db, post_id, citizen_id, "评价", lock=True)
    if post.status not in ("resolved", "archived"):
        raise ApiError(409, "not_resolved", "这条帖子还没有办结，办结后才能评价。")
    if post.rating_score is not None or db.scalar(
        select(Rating.id).where(Rating.post_id == post.id)
    ):
        raise ApiError(409, "already_rated", "您已经评价过这条帖子了，每条帖子只能评价一次。")
    now = now or utcnow()
    rating = Rating(post_id=post.id, score=score, comment=comment, created_at=now)
    db.add(rating)
    post.rating_score = score
    step(db, post, now, "rated", origin, detail=str(score))
    touch(post, now)
    finish(db, origin, post, ev.PostRated, "rate", score=score, comment=comment)
    return rating


def _citizen(origin: Origin) -> int:
    if origin.citizen_id is None:
        raise TypeError("this action needs a citizen")
    return origin.citizen_id
