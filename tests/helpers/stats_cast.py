"""A small fixed data set for the dashboard figures, with hand-computed answers.

The data set is written through the ORM into the running server's SQLite file. Times
are given in Beijing time (the figures' day boundaries) and stored as naive UTC.
Window under test: Beijing 2025-03-10 00:00 to 2025-03-12 00:00 (two days); the
previous window is the two days before. A few posts are relative to the real "now"
for the figures that are about the present (open, overdue, due soon, unacknowledged).

    post board   unit      created (BJ)  what happened
    P1   110     cmd       03-10 23:59   A accepts, replies +10 min, resolves +30 min, rated 5
    P2   110     cmd       03-11 00:01   A accepts, replies +30 min, resolves +2 h (late), rated 1
    P3   traffic chengguan 03-10 09:00   B transfers cmd→chengguan, C accepts, replies +80 min,
                                         resolves 15:00, rated 2, reopened 03-11 08:00 (overdue)
    P4   hukou   cmd       03-11 10:00   untouched (open, overdue)
    P5   silent  cmd       03-10 12:00   A acknowledges +12 s, resolves +20 min
    P6   silent  cmd       03-11 03:00   escalated, B acknowledges +18 s, resolves +40 min (late)
    P7   silent  cmd       03-11 05:00   escalated, A acknowledges +45 s, resolves +25 min
    P8   110     cmd       03-09 10:00   previous window: A replies +20 min, resolves +50, rated 4
    P9   public  xiguan    03-11 11:00   D accepts (open, overdue)
    P10  110     cmd       now − 30 min  accepted by B, due in 30 min
    P11  silent  cmd       now − 10 min  unacknowledged, due in 20 min
    P12  advice  cmd       03-01 09:00   a pinned notice, archived 03-10 12:00 without resolution
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from sqlalchemy import select

from platform_server.storage.engines import open_database
from platform_server.storage.models import (
    Board,
    Officer,
    Post,
    Rating,
    Reply,
    TimelineEntry,
    Unit,
    utcnow,
)
from tests.helpers.platform import Api, RunningPlatform

BJ = timezone(timedelta(hours=8))
SINCE = "2025-03-09T16:00:00Z"  # 2025-03-10 00:00 Beijing
UNTIL = "2025-03-11T16:00:00Z"  # 2025-03-12 00:00 Beijing
WINDOW = {"period": "custom", "since": SINCE, "until": UNTIL}


def bj(text: str) -> datetime:
    """'03-10 23:59' or '03-10 23:59:30' in Beijing time (2025) → naive UTC."""
    fmt = "%Y-%m-%d %H:%M:%S" if text.count(":") == 2 else "%Y-%m-%d %H:%M"
    local = datetime.strptime("2025-" + text, fmt).replace(tzinfo=BJ)
    return local.astimezone(UTC).replace(tzinfo=None)


@dataclass
class Cast:
    """Who is who in the data set (ids looked up from the reference data)."""

    units: dict[str, int]
    boards: dict[str, int]
    a: Officer  # 010001, cmd
    b: Officer  # 010002, cmd
    c: Officer  # a chengguan officer
    d: Officer  # a xiguan officer
    chengguan_leader: Officer
    east_leader: Officer
    posts: dict[str, int]


def _officer(s: Any, unit: str, role: str, units: dict[str, int]) -> Officer:
    return s.scalars(
        select(Officer)
        .where(Officer.unit_id == units[unit], Officer.role == role)
        .order_by(Officer.badge)
    ).first()


def install_dataset(platform: RunningPlatform) -> Cast:
    db = open_database(platform.db_url, create=False)
    now = utcnow()
    with db.writing() as s:
        units = {u.code: u.id for u in s.scalars(select(Unit))}
        boards = {b.code: b.id for b in s.scalars(select(Board))}
        deadlines = {b.code: b.deadline_minutes for b in s.scalars(select(Board))}
        a = s.scalars(select(Officer).where(Officer.badge == "010001")).one()
        b = s.scalars(select(Officer).where(Officer.badge == "010002")).one()
        c = _officer(s, "st-chengguan", "officer", units)
        d = _officer(s, "st-xiguan", "officer", units)
        cast = Cast(
            units,
            boards,
            a,
            b,
            c,
            d,
            _officer(s, "st-chengguan", "leader", units),
            _officer(s, "br-east", "leader", units),
            {},
        )

        def post(name: str, board: str, unit: str, created: datetime, **kw: Any) -> Post:
            kind = "silent_report" if board == "silent" else "post"
            p = Post(
                kind=kind,
                board_id=boards[board],
                unit_id=units[unit],
                title=f"{name} 标题",
                body="测试",
                author_nickname="市民",
                created_at=created,
                updated_at=created,
                deadline_at=created + timedelta(minutes=deadlines[board]),
                **kw,
            )
            s.add(p)
            s.flush()
            cast.posts[name] = p.id
            return p

        def tl(p: Post, action: str, at: datetime, who: Officer | None, **kw: Any) -> None:
            s.add(
                TimelineEntry(
                    post_id=p.id,
                    action=action,
                    at=at,
                    actor_kind="officer" if who else "citizen",
                    officer_id=who.id if who else None,
                    **kw,
                )
            )

        def reply(p: Post, at: datetime, who: Officer) -> None:
            s.add(
                Reply(
                    post_id=p.id, officer_id=who.id, unit_id=who.unit_id, body="答复", created_at=at
                )
            )

        def rate(p: Post, score: int, at: datetime, comment: str = "") -> None:
            s.add(Rating(post_id=p.id, score=score, comment=comment, created_at=at))

        t = bj("03-10 23:59")
        p1 = post(
            "P1",
            "110",
            "cmd",
            t,
            status="resolved",
            assignee_id=a.id,
            accepted_at=bj("03-11 00:05"),
            first_response_at=t + timedelta(minutes=10),
            resolved_at=t + timedelta(minutes=30),
            rating_score=5,
        )
        tl(p1, "accepted", bj("03-11 00:05"), a)
        reply(p1, t + timedelta(minutes=10), a)
        tl(p1, "resolved", t + timedelta(minutes=30), a)
        rate(p1, 5, bj("03-11 01:00"))

        t = bj("03-11 00:01")
        p2 = post(
            "P2",
            "110",
            "cmd",
            t,
            status="resolved",
            assignee_id=a.id,
            first_response_at=t + timedelta(minutes=30),
            resolved_at=t + timedelta(hours=2),
            rating_score=1,
        )
        tl(p2, "accepted", bj("03-11 00:10"), a)
        reply(p2, t + timedelta(minutes=30), a)
        tl(p2, "resolved", t + timedelta(hours=2), a)
        rate(p2, 1, bj("03-11 03:00"), "等了一个多小时才回复")

        t = bj("03-10 09:00")
        p3 = post(
            "P3",
            "traffic",
            "st-chengguan",
            t,
            status="in_progress",
            assignee_id=c.id,
            first_response_at=t + timedelta(minutes=80),
            resolved_at=None,
            transfer_count=1,
            rating_score=2,
        )
        tl(
            p3,
            "transferred",
            bj("03-10 09:30"),
            b,
            from_unit_id=units["cmd"],
            to_unit_id=units["st-chengguan"],
        )
        tl(p3, "accepted", bj("03-10 10:00"), c)
        reply(p3, t + timedelta(minutes=80), c)
        tl(p3, "resolved", bj("03-10 15:00"), c)
        rate(p3, 2, bj("03-10 16:00"), "问题没有解决")
        tl(p3, "reopened", bj("03-11 08:00"), None)

        post("P4", "hukou", "cmd", bj("03-11 10:00"), status="new")

        t = bj("03-10 12:00")
        p5 = post(
            "P5",
            "silent",
            "cmd",
            t,
            status="resolved",
            assignee_id=a.id,
            acknowledged_by_id=a.id,
            acknowledged_at=t + timedelta(seconds=12),
            resolved_at=t + timedelta(minutes=20),
        )
        tl(p5, "acknowledged", t + timedelta(seconds=12), a)
        tl(p5, "accepted", t + timedelta(seconds=12), a)
        tl(p5, "resolved", t + timedelta(minutes=20), a)

        t = bj("03-11 03:00")
        p6 = post(
            "P6",
            "silent",
            "cmd",
            t,
            status="resolved",
            assignee_id=b.id,
            acknowledged_by_id=b.id,
            acknowledged_at=t + timedelta(seconds=18),
            escalated_at=t + timedelta(seconds=15),
            resolved_at=t + timedelta(minutes=40),
        )
        tl(p6, "resolved", t + timedelta(minutes=40), b)

        t = bj("03-11 05:00")
        p7 = post(
            "P7",
            "silent",
            "cmd",
            t,
            status="resolved",
            assignee_id=a.id,
            acknowledged_by_id=a.id,
            acknowledged_at=t + timedelta(seconds=45),
            escalated_at=t + timedelta(seconds=15),
            resolved_at=t + timedelta(minutes=25),
        )
        tl(p7, "resolved", t + timedelta(minutes=25), a)

        t = bj("03-09 10:00")
        p8 = post(
            "P8",
            "110",
            "cmd",
            t,
            status="resolved",
            assignee_id=a.id,
            first_response_at=t + timedelta(minutes=20),
            resolved_at=t + timedelta(minutes=50),
            rating_score=4,
        )
        tl(p8, "accepted", bj("03-09 10:05"), a)
        reply(p8, t + timedelta(minutes=20), a)
        tl(p8, "resolved", t + timedelta(minutes=50), a)
        rate(p8, 4, bj("03-09 12:00"))

        p9 = post(
            "P9",
            "public-order",
            "st-xiguan",
            bj("03-11 11:00"),
            status="accepted",
            assignee_id=d.id,
        )
        tl(p9, "accepted", bj("03-11 11:30"), d)

        post("P10", "110", "cmd", now - timedelta(minutes=30), status="accepted", assignee_id=b.id)
        post("P11", "silent", "cmd", now - timedelta(minutes=10), status="new")
        p12 = post(
            "P12",
            "advice",
            "cmd",
            bj("03-01 09:00"),
            status="archived",
            archived_at=bj("03-10 12:00"),
            pinned=True,
        )
        p12.deadline_at = None
    db.dispose()
    return cast


def ok(api: Api, path: str, **params: Any) -> dict[str, Any]:
    r = api.get("/stats/" + path, params=params)
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=None)
