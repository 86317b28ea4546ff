"""Seeding the demo city: reference data plus months of realistic handling history.

`seed_demo_city` writes posts, citizens, replies, notes, timelines, ratings,
mentions and attachments with bulk INSERTs in a few transactions. The history is
drawn from one `random.Random(seed)`, so the same seed and `now` give the same city.
No events are written: the event stream of a freshly seeded city starts "now".

This is a data loader, not an action: it writes rows directly instead of going through
the domain's actions (`platform_server.domain`), which is the only way in for every
change a running platform makes. `demo.replay` keeps the rows as those actions would
have written them (status, holder, timeline, counters and version agree).
"""

from __future__ import annotations

import logging
import random
import time
from bisect import bisect
from collections.abc import Iterator
from dataclasses import dataclass, fields
from datetime import datetime, timedelta
from itertools import accumulate
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from platform_server.demo import text
from platform_server.demo.callbacks import seed_callbacks
from platform_server.demo.city import CityModel
from platform_server.demo.corpus import BOARD_WEIGHTS
from platform_server.demo.history import plan_history
from platform_server.demo.loop import LoopStats, seed_loop
from platform_server.demo.reference_data import install_reference_data
from platform_server.demo.seed_bulk import Rows, deferred_search_index, in_background, table
from platform_server.domain import calendar
from platform_server.storage.engines import Database, open_database, sync_id_sequences
from platform_server.storage.models import (
    OPEN_STATUSES,
    Board,
    Citizen,
    Officer,
    Post,
    TimelineEntry,
    Unit,
    utcnow,
)

log = logging.getLogger(__name__)

DEFAULT_SEED = 20261122
LOCAL_OFFSET = timedelta(hours=8)  # the city lives on Beijing time
CHUNK_POSTS = 10_000  # posts per write transaction

# Posts per hour of the local day: morning, afternoon and evening peaks, quiet at 3 am.
# fmt: off
HOUR_WEEKDAY = [1.6, 0.9, 0.6, 0.4, 0.4, 0.7, 1.5, 3.2, 5.5, 8.5, 9.5, 8.8,
                5.5, 5.0, 7.8, 8.4, 8.2, 6.6, 5.2, 6.2, 8.0, 8.6, 6.4, 3.4]
HOUR_WEEKEND = [2.2, 1.3, 0.8, 0.5, 0.4, 0.5, 1.0, 2.0, 3.6, 6.5, 8.4, 8.6,
                6.4, 5.6, 6.8, 7.4, 7.2, 6.4, 5.8, 6.8, 8.6, 9.0, 7.4, 4.2]
# fmt: on
_NIGHT_FACTOR = {
    "110": 3.0,
    "public-order": 2.2,
    "silent": 3.5,
    "hukou": 0.3,
    "exit-entry": 0.3,
    "advice": 0.5,
    "complaint": 0.6,
}
_WEEKEND_FACTOR = {
    "hukou": 0.6,
    "exit-entry": 0.6,
    "public-order": 1.3,
    "110": 1.2,
    "complaint": 0.8,
}
# History ends this long before `now` for silent reports: every seeded one has been
# acknowledged (or escalated), so starting the demo never fires escalations for the past.
SILENT_QUIET = timedelta(minutes=5)
_CHANNELS = (["board"] * 78) + (["group"] * 10) + (["web"] * 7) + (["hotline"] * 3) + ["sms"] * 2

PINNED_NOTICES = [
    (
        "traffic",
        "临江大桥封闭施工期间交通组织的通告",
        "因临江大桥维修加固，大桥将封闭施工约三个月。施工期间过江车辆请绕行二桥和江底隧道，"
        "公交线路调整详见后续公告。请广大市民提前规划出行路线。",
    ),
    (
        "tips",
        "警惕冒充公检法诈骗：公安机关没有“安全账户”",
        "近期冒充公检法机关的电信诈骗多发。公安机关不会通过电话、网络办案，更不会要求转账到"
        "“安全账户”。接到类似电话请立即挂断，并在本平台或拨打110反映。",
    ),
    (
        "complaint",
        "市局及各分局领导接访电话公布",
        "为畅通警民沟通渠道，现公布市局及各分局领导接访电话和接访时间。群众对公安工作有意见"
        "建议或投诉，可直接来电，也可在本平台“警务投诉”板块留言。",
    ),
]


@dataclass
class SeedStats:
    """What one seeding run wrote (printable)."""

    posts: int = 0
    silent_reports: int = 0
    pinned: int = 0
    citizens: int = 0
    replies: int = 0
    notes: int = 0
    timeline: int = 0
    transfers: int = 0
    ratings: int = 0
    attachments: int = 0
    mentions: int = 0
    open_now: int = 0
    overdue_now: int = 0
    loop: LoopStats | None = None  # dispatches, extensions, urging, supervision
    callbacks: int = 0
    seconds: float = 0.0
    skipped: str = ""

    def __str__(self) -> str:
        if self.skipped:
            return self.skipped
        parts = [
            f"{f.name}={getattr(self, f.name)}"
            for f in fields(self)
            if f.name not in ("seconds", "skipped")
        ]
        return f"seeded demo city in {self.seconds:.1f} s: " + ", ".join(parts)


def seed_demo_city(
    db: Database,
    posts: int = 20_000,
    seed: int = DEFAULT_SEED,
    days: int = 90,
    *,
    now: datetime | None = None,
) -> SeedStats:
    """Install the reference data and `posts` historical posts over the last `days` days.

    Does nothing (and says so) when the database already has posts; with
    ``posts=0`` only the reference data is installed. `now` (naive UTC) pins the
    clock, for reproducible output.
    """
    started = time.monotonic()
    if days < 1 or posts < 0:
        raise ValueError("days must be ≥ 1 and posts ≥ 0")
    now = now or utcnow()
    with db.writing() as s:
        install_reference_data(s)
        existing = int(s.scalar(select(func.count()).select_from(Post)) or 0)
        # Ids continue after any rows left behind (deleted posts, simulator citizens).
        post_base = int(s.scalar(select(func.max(Post.id))) or 0)
        citizen_base = int(s.scalar(select(func.max(Citizen.id))) or 0)
        city = _load_city(s)
    stats = SeedStats()
    if existing and posts:
        stats.skipped = (
            f"数据库里已有 {existing} 条帖子，不再重复生成演示数据 / "
            f"already seeded ({existing} posts), nothing done"
        )
        return stats
    if posts == 0:
        stats.skipped = "已安装基础数据（单位、板块、民警、模板），未生成帖子 / reference data only"
        return stats

    rng = random.Random(seed)
    n_citizens = max(20, posts // 3)
    citizens = _citizens(rng, n_citizens, now, days, first_id=citizen_base + 1)
    with db.writing() as s:
        for start in range(0, len(citizens), 50_000):
            s.execute(insert(table(Citizen)), citizens[start : start + 50_000])
    stats.citizens = n_citizens

    stamps = _timestamps(rng, posts, days, now)
    chunks = _chunks(rng, city, stamps, citizens, now, first_id=post_base + 1)
    with deferred_search_index(db):
        for rows in in_background(chunks):
            with db.writing() as s:
                rows.write(s)
            _count(stats, rows, now)
        with db.writing() as s:
            stats.pinned = _pinned(s, city, post_base + len(stamps) + 1, stamps, now)
            stats.loop = seed_loop(s, post_base + 1, now, seed)
            stats.callbacks = seed_callbacks(s, post_base + 1, now, seed)
            sync_id_sequences(s)  # the rows above came with their own ids
    stats.seconds = time.monotonic() - started
    log.info("%s", stats)
    return stats


def _chunks(
    rng: random.Random,
    city: CityModel,
    stamps: list[tuple[datetime, bool]],
    citizens: list[dict[str, Any]],
    now: datetime,
    *,
    first_id: int,
) -> Iterator[Rows]:
    """The posts and their histories, CHUNK_POSTS at a time, ids in creation order."""
    board_tables = _board_tables(city)
    n_citizens = len(citizens)
    for chunk_start in range(0, len(stamps), CHUNK_POSTS):
        rows = Rows()
        chunk = stamps[chunk_start : chunk_start + CHUNK_POSTS]
        for offset, (created, burst) in enumerate(chunk):
            board = _pick_board(rng, board_tables, created, burst)
            if board == "silent" and now - created < SILENT_QUIET:
                board = "110"  # the live simulator brings the new silent reports
            # A few citizens write often, most only once or twice.
            citizen = citizens[min(n_citizens - 1, int(n_citizens * rng.random() ** 1.7))]
            rows.add(
                plan_history(
                    rng,
                    city,
                    post_id=first_id + chunk_start + offset,
                    board_code=board,
                    created=created,
                    now=now,
                    citizen=citizen,
                    burst=burst,
                    channel="board" if board == "silent" else rng.choice(_CHANNELS),
                )
            )
        yield rows


def _count(stats: SeedStats, rows: Rows, now: datetime) -> None:
    for p in rows.posts:
        stats.posts += 1
        stats.silent_reports += p["kind"] == "silent_report"
        stats.transfers += p["transfer_count"]
        if p["status"] in OPEN_STATUSES:
            stats.open_now += 1
            stats.overdue_now += p["deadline_at"] < now
    stats.replies += len(rows.replies)
    stats.notes += len(rows.notes)
    stats.timeline += len(rows.timeline)
    stats.ratings += len(rows.ratings)
    stats.attachments += len(rows.attachments)
    stats.mentions += len(rows.mentions)


def ensure_demo_city(
    db_url: str, posts: int = 20_000, seed: int = DEFAULT_SEED, days: int = 90
) -> SeedStats | None:
    """Seed the demo city on first run only; returns None at once when posts exist."""
    db = open_database(db_url)
    try:
        with db.reading() as s:
            if s.scalar(select(Post.id).limit(1)) is not None:
                return None
        return seed_demo_city(db, posts=posts, seed=seed, days=days)
    finally:
        db.dispose()


# ---------------------------------------------------------------- reference data
def _load_city(s: Session) -> CityModel:
    units = s.execute(select(Unit.id, Unit.code, Unit.name, Unit.kind)).all()
    officers = s.execute(
        select(Officer.id, Officer.name, Officer.unit_id, Officer.role, Officer.on_duty)
        .where(Officer.active.is_(True))
        .order_by(Officer.id)
    ).all()
    boards = s.execute(
        select(Board.id, Board.code, Board.deadline_minutes, Board.default_unit_id).order_by(
            Board.sort_order
        )
    ).all()
    return CityModel.build(
        units,
        officers,
        boards,
        working_days=calendar.all_working_days(s),
        calendar=calendar.calendar(s),
    )


def _citizens(
    rng: random.Random, n: int, now: datetime, days: int, *, first_id: int
) -> list[dict[str, Any]]:
    out = []
    for i in range(n):
        nick = text.nickname(rng)
        phone = None if nick == "匿名用户" and rng.random() < 0.7 else text.phone(rng)
        joined = now - timedelta(days=days + rng.random() * 400, seconds=rng.random() * 86_400)
        out.append({"id": first_id + i, "nickname": nick, "phone": phone, "created_at": joined})
    return out


# ---------------------------------------------------------------- when posts arrive
def _timestamps(
    rng: random.Random, n: int, days: int, now: datetime
) -> list[tuple[datetime, bool]]:
    """n creation times (UTC), oldest first, each flagged True when part of the burst."""
    now_local = now + LOCAL_OFFSET
    today = now_local.replace(hour=0, minute=0, second=0, microsecond=0)
    cum_weekday = list(accumulate(HOUR_WEEKDAY))
    cum_weekend = list(accumulate(HOUR_WEEKEND))
    day_weights = []
    for d in range(days):
        start = today - timedelta(days=d)
        w = (1.15 - 0.3 * d / max(days, 1)) * rng.uniform(0.85, 1.15)  # slow growth, noise
        if start.weekday() >= 5:
            w *= 0.82
        if d == 0:  # today is only partly over
            hours = HOUR_WEEKEND if start.weekday() >= 5 else HOUR_WEEKDAY
            hour = now_local.hour
            w *= (sum(hours[:hour]) + hours[hour] * now_local.minute / 60) / sum(hours)
        day_weights.append(w)
    n_burst = min(300, n // 60) if days >= 5 else 0
    out: list[tuple[datetime, bool]] = []
    for d in rng.choices(range(days), weights=day_weights, k=n - n_burst):
        start = today - timedelta(days=d)
        cum = cum_weekend if start.weekday() >= 5 else cum_weekday
        for _ in range(50):
            hour = bisect(cum, rng.random() * cum[-1])
            t = start + timedelta(hours=hour, seconds=rng.random() * 3600)
            if t <= now_local:
                break
        else:
            t = start + (now_local - start) * rng.random()
        out.append((t - LOCAL_OFFSET, False))
    if n_burst:
        # One evening wave: a notice read by many people, questions for two hours.
        day = rng.randint(3, min(days - 1, 20))
        wave = (today - timedelta(days=day)).replace(hour=20, minute=5) - LOCAL_OFFSET
        out.extend(
            (wave + timedelta(minutes=min(150.0, rng.expovariate(1 / 35))), True)
            for _ in range(n_burst)
        )
    out.sort(key=lambda item: item[0])
    return out


@dataclass(frozen=True)
class _BoardTable:
    codes: list[str]
    cum: dict[tuple[bool, int], list[float]]


def _board_tables(city: CityModel) -> _BoardTable:
    codes = [c for c in BOARD_WEIGHTS if c in city.boards]
    cum: dict[tuple[bool, int], list[float]] = {}
    for weekend in (False, True):
        for hour in range(24):
            ws = []
            for c in codes:
                w = BOARD_WEIGHTS[c]
                if hour < 6 or hour == 23:
                    w *= _NIGHT_FACTOR.get(c, 1.0)
                if weekend:
                    w *= _WEEKEND_FACTOR.get(c, 1.0)
                ws.append(w)
            cum[(weekend, hour)] = list(accumulate(ws))
    return _BoardTable(codes, cum)


def _pick_board(rng: random.Random, table: _BoardTable, created: datetime, burst: bool) -> str:
    if burst:
        return "traffic"
    local = created + LOCAL_OFFSET
    cum = table.cum[(local.weekday() >= 5, local.hour)]
    return table.codes[bisect(cum, rng.random() * cum[-1])]


# ---------------------------------------------------------------- official notices
def _pinned(
    s: Session, city: CityModel, first_id: int, stamps: list[tuple[datetime, bool]], now: datetime
) -> int:
    """The bureau's official notices, pinned; the bridge notice opens the evening wave."""
    wave = next((t for t, burst in stamps if burst), None)
    rows = []
    for i, (board, title, body) in enumerate(PINNED_NOTICES):
        created = (
            (wave - timedelta(minutes=5))
            if (i == 0 and wave)
            else now - timedelta(days=min(60, 5 + 20 * i), hours=3)
        )
        unit = city.boards[board].default_unit_id
        rows.append(
            {
                "id": first_id + i,
                "kind": "post",
                "board_id": city.boards[board].id,
                "title": title,
                "body": body,
                "citizen_id": None,
                "author_nickname": "临江市公安局",
                "author_phone": None,
                "channel": "official",
                "status": "archived",
                "unit_id": unit,
                "created_at": created,
                "updated_at": created,
                "archived_at": created,
                "version": 2,
                "pinned": True,
            }
        )
    s.execute(insert(table(Post)), rows)
    s.execute(
        insert(table(TimelineEntry)),
        [
            {
                "post_id": r["id"],
                "at": r["created_at"],
                "action": action,
                "actor_kind": "system",
                "to_unit_id": r["unit_id"],
                "detail": "官方通告",
            }
            for r in rows
            for action in ("created", "archived")
        ],
    )
    return len(rows)
