"""Creating citizen posts and silent reports (the platform's unified intake).

Used by the public routes and reusable by the citizen simulator and the seeder:
each function validates, writes the post, its mentions, its first timeline entry
and its event into the caller's transaction, and raises `ApiError` (422 with a
sentence for people) before writing anything when the input is not acceptable.
Citizen text is stored exactly as given; it is checked, never rewritten.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from platform_server import schemas
from platform_server.config import ServerSettings
from platform_server.domain.serialize import summary
from platform_server.errors import ApiError
from platform_server.events.log import record_event
from platform_server.storage.models import (
    Board,
    Citizen,
    Mention,
    Officer,
    Post,
    TimelineEntry,
    Unit,
    utcnow,
)

SILENT_BOARD = "silent"
SILENT_EXCERPT_CHARS = 200
SILENT_TITLE_CHARS = 30
MAX_ADDRESS_CHARS = 300


def check_text(
    value: str, what: str, max_chars: int | None = None, *, required: bool = True
) -> None:
    """422 for text that cannot be stored and shown faithfully.

    NUL characters and lone surrogates (which JSON escapes can smuggle in) would be
    cut off or crash the UTF-8 encoder somewhere downstream, so they are refused
    rather than silently repaired.
    """
    if required and not value.strip():
        raise ApiError(422, "empty_text", f"{what}不能为空。", field=what)
    if max_chars is not None and len(value) > max_chars:
        raise ApiError(
            422,
            "text_too_long",
            f"{what}太长了：最多 {max_chars} 个字，现在有 {len(value)} 个字。",
            field=what,
            max_chars=max_chars,
        )
    if "\x00" in value:
        raise ApiError(422, "bad_text", f"{what}里含有无法保存的空字符（NUL），请删除后重试。")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ApiError(
            422, "bad_text", f"{what}里含有无效的字符编码（孤立的代理字符），请重新输入。"
        ) from None


def _check_location(location: schemas.LocationIO | None) -> None:
    if location is not None and location.address is not None:
        check_text(location.address, "地址", MAX_ADDRESS_CHARS, required=False)


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
        check_text(raw, "@提及", 60)
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
        deadline_at=now + timedelta(minutes=board.deadline_minutes),
        version=1,
        suppress_receipt=suppress_receipt,
        lat=location.lat if location else None,
        lon=location.lon if location else None,
        accuracy_m=location.accuracy_m if location else None,
        address=location.address if location else None,
    )
    db.add(post)
    db.flush()
    db.add(
        TimelineEntry(
            post_id=post.id, at=now, action="created", actor_kind="citizen", to_unit_id=unit_id
        )
    )
    return post


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
    now: datetime | None = None,
) -> Post:
    """A new public post, routed to the first mentioned unit or the board's default.

    On restricted boards (complaints about officers, tips) a mention is recorded but
    does not route: a complaint must reach the inspection unit, not the unit it is
    about, and a tip must reach the investigators.
    """
    check_text(title, "标题", settings.max_title_chars)
    check_text(body, "正文", settings.max_body_chars)
    _check_location(location)
    board = _board(db, board_code)
    if board.code == SILENT_BOARD:
        raise ApiError(
            422, "use_silent_report", "V报警请通过“无声报警”入口提交，不能作为普通帖子发布。"
        )
    units, officers = resolve_mentions(db, mentions)
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
    )
    for u in units:
        db.add(Mention(post_id=post.id, unit_id=u.id))
    for o in officers:
        db.add(Mention(post_id=post.id, officer_id=o.id))
    db.flush()
    record_event(db, "post.created", summary(db, post, None).model_dump(mode="json"), post=post)
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
    now: datetime | None = None,
) -> Post:
    """A new silent report (V报警) on the silent board, for the board's unit."""
    check_text(body, "报警内容", settings.max_body_chars)
    _check_location(location)
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
    )
    payload: dict[str, Any] = summary(db, post, None).model_dump(mode="json")
    payload["body"] = body[:SILENT_EXCERPT_CHARS]
    payload["location"] = location.model_dump(mode="json") if location else None
    record_event(db, "silent.created", payload, post=post)
    return post
