"""Notices (公告) to the public of a unit's area: publicity, reminders, prevention, rebuttals.

An officer publishes to their own unit or any unit below it; a notice to a unit reaches
citizens of that unit's area and of every unit below it, so the bureau's notices reach
the whole city. Citizens choose their area (`?unit=` a station) and read what its units
up to the bureau published, pinned first, newest next, each with how many citizens
have opened it (counted once per citizen).

A notice with a later `publish_at` is scheduled: citizens do not see it before then,
and `notice.published` goes out when it is published (`publish_due`, checked by the
notice thread every few seconds; on PostgreSQL several server processes skip each
other's rows, so it goes out once).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from platform_server import schemas_citizens as sc
from platform_server.domain import audit, serialize
from platform_server.domain.checks import check_text
from platform_server.domain.origin import SYSTEM, Origin
from platform_server.domain.scope import Viewer
from platform_server.errors import ApiError
from platform_server.events import log
from platform_server.events import types as ev
from platform_server.storage.citizen_models import Notice, NoticeRead
from platform_server.storage.models import Unit

CATEGORIES = ("legal", "reminder", "prevention", "rumour", "contact")
CATEGORY_NAMES = {
    "legal": "法治宣传",
    "reminder": "提醒告知",
    "prevention": "安全防范",
    "rumour": "辟谣",
    "contact": "联系方式",
}
MAX_TITLE_CHARS = 100
MAX_SCHEDULE_DAYS = 90
PUBLIC_LIMIT = 50
OFFICER_LIMIT = 200
NOT_FOUND = "没有找到这条公告。"

# The usual kinds, as a starting point the officer edits: written for this platform.
TEMPLATES: list[sc.NoticeTemplateOut] = [
    sc.NoticeTemplateOut(
        category="prevention",
        title="警方提示：刷单返利都是诈骗",
        body="近期辖区接连发生“刷单返利”类诈骗：对方先让您做几单小任务并返还佣金，"
        "等您投入大额资金后便以各种理由拒不返还。凡是要求先垫付资金的刷单、做任务，"
        "都是诈骗。请不要点击陌生链接、不要下载对方提供的软件；如已转账，请立即拨打 110 报警。",
    ),
    sc.NoticeTemplateOut(
        category="legal",
        title="法治宣传：高空抛物是违法行为",
        body="《民法典》明确禁止从建筑物中抛掷物品。高空抛物造成他人损害的，依法承担侵权责任；"
        "情节严重的，可能构成高空抛物罪。请看管好家中儿童，阳台不要堆放易坠落物品。",
    ),
    sc.NoticeTemplateOut(
        category="reminder",
        title="温馨提示：身份证到期请及时换领",
        body="居民身份证有效期满前三个月内可申请换领。本人携带原证件到任一户籍窗口即可办理，"
        "工作日及周六上午均可受理。办理进度可在本平台“户政”板块查询。",
    ),
    sc.NoticeTemplateOut(
        category="rumour",
        title="辟谣：网传“某小区发生重大刑案”系不实信息",
        body="近日有网民转发称辖区某小区发生重大刑事案件。经核查，该信息不实。"
        "请广大群众不信谣、不传谣，以公安机关发布的信息为准；编造、故意传播虚假信息的，"
        "将依法追究责任。",
    ),
    sc.NoticeTemplateOut(
        category="contact",
        title="各派出所值班电话公开",
        body="为方便群众反映问题，现将各派出所值班电话公开如下（24 小时有人接听）：\n"
        "城关派出所：（请填写）\n河滨派出所：（请填写）\n"
        "紧急情况请直接拨打 110。",
    ),
]


def _unit(db: Session, unit_id: int) -> Unit:
    unit = db.get(Unit, unit_id)
    if unit is None:
        raise ApiError(422, "unknown_unit", f"没有编号为 {unit_id} 的单位，请从单位列表中选择。")
    return unit


def _area_units(db: Session, unit_id: int) -> list[int]:
    """The unit and every unit above it: whose notices reach that unit's area."""
    parents = dict(db.execute(select(Unit.id, Unit.parent_id)).all())
    out: list[int] = []
    current: int | None = unit_id
    while current is not None and current not in out:
        out.append(current)
        current = parents.get(current)
    return out


def _event(notice: Notice, origin: Origin) -> ev.NoticePublished:
    return ev.NoticePublished(
        id=notice.id,
        title=notice.title,
        category=notice.category,
        unit_id=notice.unit_id,
        pinned=notice.pinned,
        publish_at=notice.publish_at,
        actor=origin.actor(),
        idempotency_key=origin.idempotency_key,
    )


def publish(
    db: Session,
    origin: Origin,
    *,
    title: str,
    body: str,
    category: str,
    unit_id: int,
    pinned: bool,
    publish_at: datetime | None,
    now: datetime,
    max_chars: int,
) -> Notice:
    """A notice to the unit's area, now or at `publish_at`."""
    officer = origin.need_officer()
    check_text(title, "公告标题", MAX_TITLE_CHARS)
    check_text(body, "公告正文", max_chars)
    if category not in CATEGORIES:
        raise ApiError(422, "unknown_category", "公告类别不正确，请从列表中选择。")
    unit = _unit(db, unit_id)
    if not officer.in_scope(unit.id):
        raise ApiError(
            403, "forbidden", f"只能向本单位及下属单位的辖区发布公告，不能以{unit.name}的名义发布。"
        )
    when = now if publish_at is None or publish_at <= now else publish_at
    if when > now + timedelta(days=MAX_SCHEDULE_DAYS):
        raise ApiError(422, "too_far_ahead", f"定时发布最多可以安排在 {MAX_SCHEDULE_DAYS} 天以内。")
    notice = Notice(
        title=title,
        body=body,
        category=category,
        unit_id=unit.id,
        pinned=pinned,
        publish_at=when,
        officer_id=officer.officer_id,
        created_at=now,
        read_count=0,
    )
    db.add(notice)
    db.flush()
    if when <= now:
        notice.published_at = now
        log.record_event(db, _event(notice, origin))
    audit.record_audit(
        db, origin, "notice.publish", target_type="notice", target_id=notice.id, detail=title
    )
    return notice


def publish_due(db: Session, now: datetime, *, limit: int = 100) -> int:
    """Publish scheduled notices whose time has come; returns how many (write transaction)."""
    due = list(
        db.scalars(
            select(Notice)
            .where(
                Notice.published_at.is_(None),
                Notice.withdrawn_at.is_(None),
                Notice.publish_at <= now,
            )
            .order_by(Notice.publish_at, Notice.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
    )
    for notice in due:
        notice.published_at = now
        log.record_event(db, _event(notice, SYSTEM))
    return len(due)


def withdraw(db: Session, origin: Origin, notice_id: int, now: datetime) -> Notice:
    """Take a notice off the public list (a mistake, or no longer true)."""
    officer = origin.need_officer()
    notice = db.get(Notice, notice_id, with_for_update=True, populate_existing=True)
    if notice is None or not officer.in_scope(notice.unit_id):
        raise ApiError(404, "notice_not_found", NOT_FOUND)
    if notice.withdrawn_at is None:
        notice.withdrawn_at = now
        audit.record_audit(db, origin, "notice.withdraw", target_type="notice", target_id=notice.id)
    return notice


# ---------------------------------------------------------------- reading
def officer_list(db: Session, viewer: Viewer, now: datetime) -> list[sc.NoticeOut]:
    """Notices of the viewer's units and of the units above them (what reaches their area)."""
    stmt = select(Notice)
    if not viewer.is_admin:
        stmt = stmt.where(
            or_(
                Notice.unit_id.in_(sorted(viewer.scope)),
                Notice.unit_id.in_(_area_units(db, viewer.unit_id)),
            )
        )
    rows = list(
        db.scalars(stmt.order_by(Notice.publish_at.desc(), Notice.id.desc()).limit(OFFICER_LIMIT))
    )
    return officer_view(db, rows, now)


def officer_view(db: Session, rows: list[Notice], now: datetime) -> list[sc.NoticeOut]:
    """Notices as officers see them: state, who published, read count."""
    names = _unit_names(db)
    refs = serialize.officer_refs(db, {n.officer_id for n in rows if n.officer_id is not None})
    return [
        sc.NoticeOut(
            id=n.id,
            title=n.title,
            body=n.body,
            category=n.category,  # type: ignore[arg-type]
            unit_id=n.unit_id,
            unit_name=names.get(n.unit_id, ""),
            pinned=n.pinned,
            publish_at=n.publish_at,
            published=n.withdrawn_at is None and n.publish_at <= now,
            withdrawn_at=n.withdrawn_at,
            officer=refs.get(n.officer_id) if n.officer_id is not None else None,
            created_at=n.created_at,
            read_count=n.read_count,
        )
        for n in rows
    ]


def _unit_names(db: Session) -> dict[int, str]:
    return dict(db.execute(select(Unit.id, Unit.name)).all())


def _public(n: Notice, names: dict[int, str]) -> sc.PublicNoticeOut:
    return sc.PublicNoticeOut(
        id=n.id,
        title=n.title,
        body=n.body,
        category=n.category,  # type: ignore[arg-type]
        unit_name=names.get(n.unit_id, ""),
        pinned=n.pinned,
        publish_at=n.publish_at,
        read_count=n.read_count,
    )


def _visible(now: datetime) -> list[ColumnElement[bool]]:
    return [Notice.withdrawn_at.is_(None), Notice.publish_at <= now]


def public_list(db: Session, unit_id: int | None, now: datetime) -> list[sc.PublicNoticeOut]:
    """What citizens of the unit's area read (without a unit: the city-wide notices)."""
    if unit_id is None:
        area = list(
            db.scalars(select(Unit.id).where(Unit.parent_id.is_(None), Unit.kind == "bureau"))
        )
    else:
        area = _area_units(db, _unit(db, unit_id).id)
    rows = db.scalars(
        select(Notice)
        .where(Notice.unit_id.in_(area), *_visible(now))
        .order_by(Notice.pinned.desc(), Notice.publish_at.desc(), Notice.id.desc())
        .limit(PUBLIC_LIMIT)
    )
    names = _unit_names(db)
    return [_public(n, names) for n in rows]


def public_read(db: Session, citizen_id: int, notice_id: int, now: datetime) -> sc.PublicNoticeOut:
    """A citizen opens a notice: counted once per citizen."""
    notice = db.scalar(select(Notice).where(Notice.id == notice_id, *_visible(now)))
    if notice is None:
        raise ApiError(404, "notice_not_found", NOT_FOUND)
    seen = db.scalar(
        select(NoticeRead.id).where(
            NoticeRead.notice_id == notice.id, NoticeRead.citizen_id == citizen_id
        )
    )
    if seen is None:
        try:
            with db.begin_nested():
                db.add(NoticeRead(notice_id=notice.id, citizen_id=citizen_id, at=now))
        except IntegrityError:
            pass  # the same citizen's read counted concurrently
        else:
            db.execute(
                update(Notice)
                .where(Notice.id == notice.id)
                .values(read_count=Notice.read_count + 1)
            )
            db.refresh(notice)
    return _public(notice, _unit_names(db))
